"""The command line: formats, folders, every failure by name, exit status, kills and --resume."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from vn_dolisa_nlp import cli
from vn_dolisa_nlp.cli import csv_cell, main, process_file
from vn_dolisa_nlp.records import RECORD_KEYS

from conftest import RAW, ROOT

sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
import make_fixtures  # noqa: E402

SMALL = RAW / "001_13d710e37c816e1b.txt"
KEYS = set(cli.columns())


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_jsonl_to_file(tmp_path):
    out = tmp_path / "rows.jsonl"
    assert main(["extract", str(SMALL), "--output", str(out)]) == 0
    rows = jsonl(out)
    assert len(rows) > 50
    assert all(set(r) == KEYS and set(RECORD_KEYS) <= set(r) for r in rows)
    assert {r["source"] for r in rows} == {str(SMALL)}


def test_extract_csv_to_stdout(capsys):
    assert main(["extract", str(SMALL), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeff")  # UTF-8 with BOM, for Excel
    rows = list(csv.DictReader(out[1:].splitlines()))
    assert rows and rows[0].keys() == KEYS
    assert not any(r["sentence"].startswith(("-", "+", "=", "@")) for r in rows)


def test_csv_cells_are_not_formulas():
    assert csv_cell("sentence", "- Giải quyết việc làm cho 1.234 người") == "Giải quyết việc làm cho 1.234 người"
    assert csv_cell("sentence", "+ Hỗ trợ") == "Hỗ trợ"
    assert csv_cell("indicator_text", '=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert csv_cell("quantity_text", "-5") == "'-5"
    assert csv_cell("unit_text", "@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("value", -5.0) == -5.0 and csv_cell("page", None) is None
    assert csv_cell("sentence", "a\nb") == "a b"


def test_usage_errors(tmp_path, capsys):
    report = tmp_path / "r.txt"
    shutil.copy(SMALL, report)
    before = report.read_bytes()
    assert main(["extract", str(report), "-o", str(report)]) == 2
    assert main(["extract", str(tmp_path), "-o", str(report)]) == 2
    assert report.read_bytes() == before
    assert main(["extract", str(report), "--n-process", "0"]) == 2
    assert main(["extract", str(report), "--resume"]) == 2
    assert main(["extract", str(report), "--format", "parquet"]) == 2
    assert main(["extract"]) == 2
    assert "one of the inputs" in capsys.readouterr().err


def test_skipped_counted_and_listed_and_paths_once(tmp_path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SMALL, folder / "a.txt")
    (folder / "notes.xlsx").write_bytes(b"PK")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    out = tmp_path / "rows.jsonl"
    assert main(["extract", str(folder), str(folder / "a.txt"), str(folder) + "/", "-o", str(out), "--verbose"]) == 0
    err = capsys.readouterr().err
    assert "2 skipped" in err and "notes.xlsx: unsupported suffix" in err and "gone.txt: broken link" in err
    assert "1 file(s) read" in err
    assert {r["source"] for r in jsonl(out)} == {str(folder / "a.txt")}


UNREADABLE_NUMBER = "Giải quyết việc làm cho 1.2.3.4.5.6.7.8.9,1,2 lao động và ١٢٣ người; 10^400 hộ.\n"


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """Every format, and files that must fail, with the reason each must give."""
    folder = tmp_path_factory.mktemp("mixed")
    paths = make_fixtures.build(folder)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 broken")
    (folder / "random.txt").write_bytes(os.urandom(200_000))
    (folder / "number.txt").write_text(UNREADABLE_NUMBER + SMALL.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    (folder / "empty.md").write_bytes(b"")
    failing = {str(folder / "broken.docx"): "unreadable", str(folder / "random.txt"): "not text",
               str(folder / "empty.md"): "empty", str(paths["scan.pdf"]): "no text layer"}
    if os.geteuid() != 0:  # root reads any file: the permission case is test_permission_denied
        locked = folder / "locked.txt"
        shutil.copy(SMALL, locked)
        locked.chmod(0)
        failing[str(locked)] = "unreadable"
    return folder, failing


@pytest.mark.parametrize("n_process", [1, 2])
def test_folder_with_every_format_and_bad_files(mixed_folder, tmp_path, capsys, n_process):
    folder, failing = mixed_folder
    out = tmp_path / "rows.jsonl"
    assert main(["extract", str(folder), "-o", str(out), "--n-process", str(n_process)]) == 1
    err = capsys.readouterr().err
    for source, reason in failing.items():
        assert f"{source}: {reason}" in err
    sources = Counter(r["source"] for r in jsonl(out))
    good = {str(p) for p in folder.iterdir()} - set(failing)
    assert set(sources) == good  # every good file's rows, the unreadable number's file too
    per_file = {s: n for s, n in sources.items() if "report" in s}
    assert min(per_file.values()) >= 0.95 * max(per_file.values())
    assert f"{len(good)} file(s) read" in err and f"{len(failing)} failed" in err


def test_permission_denied(tmp_path, capsys, monkeypatch):
    locked = tmp_path / "locked.txt"
    shutil.copy(SMALL, locked)
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "rows.jsonl"
    assert main(["extract", str(locked), str(SMALL), "-o", str(out)]) == 1
    assert f"{locked}: unreadable: Permission denied" in capsys.readouterr().err
    assert {r["source"] for r in jsonl(out)} == {str(SMALL)}


class Failing:
    max_length = 1_000_000

    def __init__(self, err):
        self.err = err

    def __call__(self, text):
        raise self.err


def test_pipeline_failures_are_per_file(tmp_path):
    res = process_file(Failing(ValueError("could not convert string to float: '1.2.3'")), SMALL)
    assert res.records is None and res.error.startswith("pipeline error: ValueError")
    small = Failing(None)
    small.max_length = 100
    res = process_file(small, SMALL)
    assert res.error.startswith("too long")


def test_writing_failure_is_per_file(tmp_path, capsys, monkeypatch):
    real = cli.Writer.write

    def write(self, source, records):
        if source.endswith("b.txt"):
            records = [{**records[0], "value": object()}]
        return real(self, source, records)

    monkeypatch.setattr(cli.Writer, "write", write)
    shutil.copy(SMALL, tmp_path / "a.txt")
    shutil.copy(SMALL, tmp_path / "b.txt")
    out = tmp_path / "rows.jsonl"
    assert main(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out)]) == 1
    assert "b.txt: cannot write its rows" in capsys.readouterr().err
    assert {r["source"] for r in jsonl(out)} == {str(tmp_path / "a.txt")}


def test_parquet_round_trip(tmp_path):
    import pandas as pd

    jl, pq = tmp_path / "rows.jsonl", tmp_path / "rows.parquet"
    assert main(["extract", str(SMALL), "-o", str(jl)]) == 0
    assert main(["extract", str(SMALL), "-o", str(pq), "--format", "parquet"]) == 0
    frame = pd.read_parquet(pq)
    rows = jsonl(jl)
    assert list(frame.columns) == cli.columns() and len(frame) == len(rows)
    for got, want in zip(frame.to_dict("records"), rows):
        for k, v in want.items():
            g = got[k]
            assert (g is None or g != g) if v is None else g == v, (k, g, v)
    # --resume keeps the rows and reads nothing again
    assert main(["extract", str(SMALL), "-o", str(pq), "--format", "parquet", "--resume"]) == 0
    assert len(pd.read_parquet(pq)) == len(rows)


def test_kill_then_resume(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    text = SMALL.read_text(encoding="utf-8")
    for i in range(16):
        (folder / f"r{i:02d}.txt").write_text(text, encoding="utf-8")
    full = tmp_path / "full.jsonl"
    assert main(["extract", str(folder / "r00.txt"), "-o", str(full)]) == 0
    per_file = len(jsonl(full))
    out = tmp_path / "rows.jsonl"
    cmd = [sys.executable, "-m", "vn_dolisa_nlp.cli", "extract", str(folder), "-o", str(out)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL, env=env)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if out.exists() and out.stat().st_size > 3 * 0.9 * full.stat().st_size:
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    data = out.read_bytes()
    lines = data.split(b"\n")
    for line in lines[:-1]:
        json.loads(line)  # only whole lines before the last newline
    done_before = {json.loads(x)["source"] for x in lines[:-1]}
    assert 0 < len(done_before) < 16
    assert main(["extract", str(folder), "-o", str(out), "--resume"]) == 0
    counts = Counter(r["source"] for r in jsonl(out))
    assert counts == {str(p): per_file for p in folder.iterdir()}
    rows = jsonl(out)
    order = [r["source"] for r in rows]
    assert order == sorted(order)  # each file's rows together, once


def test_csv_resume(tmp_path):
    shutil.copy(SMALL, tmp_path / "a.txt")
    shutil.copy(SMALL, tmp_path / "b.txt")
    out = tmp_path / "rows.csv"
    assert main(["extract", str(tmp_path / "a.txt"), "-o", str(out), "--format", "csv"]) == 0
    with open(out, "ab") as f:
        f.write(b"partial,line")
    assert main(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out), "--format", "csv",
                 "--resume"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("\ufeff") and text.count("\ufeff") == 1
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    counts = Counter(r["source"] for r in rows)
    assert counts[str(tmp_path / "a.txt")] == counts[str(tmp_path / "b.txt")] > 50


def test_segment(capsys):
    assert main(["segment", str(SMALL)]) == 0
    assert "Lao_động" in capsys.readouterr().out
