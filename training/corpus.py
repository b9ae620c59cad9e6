"""The gold corpus on disk: documents, their files and the split (``corpus/splits.json``)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import srsly

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def gold_path(doc_id: str) -> Path:
    """The gold file of a document: a real report in ``corpus/``, else a written one."""
    real = CORPUS / f"{doc_id}.jsonl"
    return real if real.exists() else CORPUS / "written" / f"{doc_id}.jsonl"


def splits() -> dict[str, list[str]]:
    """Document ids per split."""
    return srsly.read_json(CORPUS / "splits.json")


def split_ids(name: str) -> list[str]:
    """The documents of one split (``train``, ``dev``, ``test``)."""
    return splits()[name]


def corpus_records(doc_ids: Iterable[str]) -> list[dict]:
    """The gold paragraphs of the given documents, in order."""
    return [r for d in doc_ids for r in srsly.read_jsonl(gold_path(d))]
