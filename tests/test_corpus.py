"""The gold corpus: valid, complete, split by document; the validator catches errors."""

from __future__ import annotations

import sys

import pytest
import srsly

from conftest import ROOT

sys.path.insert(0, str(ROOT / "training"))
from validate_corpus import record_errors, validate  # noqa: E402

CORPUS = sorted((ROOT / "corpus").glob("*.jsonl"))


def test_every_corpus_file_validates():
    assert len(CORPUS) == 4
    assert validate(CORPUS) == []
    assert validate([ROOT / "corpus" / "agreement" / "second_pass.jsonl"]) == []


def test_every_paragraph_is_annotated():
    for path in CORPUS:
        skeleton = [r["id"] for r in srsly.read_jsonl(ROOT / "corpus" / "skeleton" / path.name)]
        assert [r["id"] for r in srsly.read_jsonl(path)] == skeleton


WRITTEN = sorted((ROOT / "corpus" / "written").glob("*.jsonl"))


def test_split_is_by_document_and_complete():
    splits = srsly.read_json(ROOT / "corpus" / "splits.json")
    docs = [d for part in splits.values() for d in part]
    assert sorted(docs) == sorted(p.stem for p in CORPUS + WRITTEN) and len(set(docs)) == len(docs)
    assert (splits["dev"][0], splits["test"][0]) == ("thuathienhue-2023", "daknong-2023")
    assert {"dienbien-2023", "caobang-2021"} <= set(splits["train"])
    post = {p.stem for p in WRITTEN if next(srsly.read_jsonl(p))["meta"]["post2025"]}
    assert all(set(splits[name]) & post for name in ("train", "dev", "test"))


def test_written_reports_build_and_validate():
    from build_written import MARKUP, build_report, excluded_sources

    markup = sorted(MARKUP.glob("*.jsonl"))
    assert len(markup) == len(WRITTEN) >= 150
    for path in markup:
        _, records, errors = build_report(path, excluded_sources())
        assert errors == [], path.name
        assert records == list(srsly.read_jsonl(ROOT / "corpus" / "written" / path.name)), path.name


def test_spec_example_paragraph_is_gold():
    rec = next(r for r in srsly.read_jsonl(ROOT / "corpus" / "dienbien-2023.jsonl")
               if "11.309 lao động" in r["text"])
    spans = {rec["text"][s["start"]:s["end"]]: s for s in rec["spans"]}
    q = spans["11.309"]
    assert q["label"] == "QUANTITY" and q["kind"] == "value"
    assert rec["spans"][q["indicator"]]["indicator"] == "jobs_created"
    assert rec["text"][rec["spans"][q["unit"]]["start"]:rec["spans"][q["unit"]]["end"]] == "lao động"


GOOD = {"id": "x", "text": "cho 10 hộ", "meta": {}, "spans": [
    {"start": 4, "end": 6, "label": "QUANTITY", "unit": 1, "indicator": None, "kind": "value"},
    {"start": 7, "end": 9, "label": "UNIT"}]}


@pytest.mark.parametrize("broken,message", [
    ({"spans": [{"start": 4, "end": 60, "label": "QUANTITY", "kind": "value"}]}, "bad offsets"),
    ({"spans": [{"start": 4, "end": 6, "label": "NUMBER"}]}, "unknown label"),
    ({"spans": [{"start": 3, "end": 6, "label": "QUANTITY", "kind": "value"}]}, "whitespace"),
    ({"spans": [{"start": 4, "end": 6, "label": "QUANTITY", "kind": "total"}]}, "kind"),
    ({"spans": [{"start": 4, "end": 6, "label": "QUANTITY", "kind": "value", "unit": 5}]}, "out of range"),
    ({"spans": [{"start": 4, "end": 6, "label": "QUANTITY", "kind": "value"},
                {"start": 5, "end": 9, "label": "UNIT"}]}, "overlaps"),
    ({"spans": [{"start": 7, "end": 9, "label": "INDICATOR", "indicator": "jobs"}]}, "indicator id"),
])
def test_validator_fails_loudly(broken, message):
    assert record_errors(GOOD) == []
    errors = record_errors({**GOOD, **broken})
    assert any(message in e for e in errors), errors
