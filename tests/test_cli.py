"""The command line: formats, folders, a bad file among good ones, exit status."""

from __future__ import annotations

import csv
import json
import shutil

from vn_dolisa_nlp.cli import main
from vn_dolisa_nlp.records import RECORD_KEYS

from conftest import RAW

SMALL = RAW / "001_13d710e37c816e1b.txt"


def test_extract_jsonl_to_file(tmp_path):
    out = tmp_path / "rows.jsonl"
    assert main(["extract", str(SMALL), "--output", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 50
    assert all(set(r) == {"source", *RECORD_KEYS} for r in rows)
    assert {r["source"] for r in rows} == {str(SMALL)}


def test_extract_csv_to_stdout(capsys):
    assert main(["extract", str(SMALL), "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert rows and rows[0].keys() == {"source", *RECORD_KEYS}


def test_bad_file_among_good_ones(tmp_path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SMALL, folder / "a.txt")
    (folder / "b.txt").write_bytes(b"T\xe1\xbb\x95ng s\xe1\xbb\x91 h\xe1\xbb\x99 ngh\xc3\xa8o: 1.234 h\xe1\xbb\x99 \xff\xfe")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "rows.jsonl"
    status = main(["extract", str(folder), str(missing), "--output", str(out)])
    assert status == 1
    assert "missing.txt" in capsys.readouterr().err
    sources = {json.loads(line)["source"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert sources == {str(folder / "a.txt"), str(folder / "b.txt")}


def test_segment(capsys):
    assert main(["segment", str(SMALL)]) == 0
    assert "Lao_động" in capsys.readouterr().out
