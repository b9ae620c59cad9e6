"""Split the raw reports into paragraphs: the unit of the gold corpus.

A paragraph is one non-empty line of a report in ``corpus/raw/``. Each gets a
stable id ``<doc>-p<NNNN>`` (NNNN counts the report's non-empty lines from 0).

    python training/make_paragraphs.py            # writes corpus/skeleton/<doc>.jsonl
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import srsly

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "corpus" / "raw"

# Raw file name -> document id (province, report year).
DOCUMENTS = {
    "000_d2ab505638247179.txt": "dienbien-2023",
    "001_13d710e37c816e1b.txt": "daknong-2023",
    "002_a320aa50b71624d7.txt": "thuathienhue-2023",
    "003_4dcd91c88e23a105.txt": "caobang-2021",
}


def paragraphs(path: Path) -> Iterator[dict]:
    """Yield a corpus record without spans for every non-empty line of ``path``."""
    doc_id = DOCUMENTS[path.name]
    lines = path.read_text(encoding="utf-8").split("\n")
    index = 0
    for line in lines:
        text = line.rstrip("\r")
        if not text.strip():
            continue
        yield {
            "id": f"{doc_id}-p{index:04d}",
            "text": text,
            "meta": {"source": path.name, "paragraph": index},
            "spans": [],
        }
        index += 1


def main() -> None:
    out = ROOT / "corpus" / "skeleton"
    out.mkdir(parents=True, exist_ok=True)
    for name, doc_id in DOCUMENTS.items():
        records = list(paragraphs(RAW / name))
        srsly.write_jsonl(out / f"{doc_id}.jsonl", records)
        print(f"{doc_id}: {len(records)} paragraphs")


if __name__ == "__main__":
    main()
