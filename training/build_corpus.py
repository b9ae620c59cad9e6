"""Assemble the annotators' parts into one gold file per report.

    python training/build_corpus.py      # corpus/parts/<doc>.*.jsonl -> corpus/<doc>.jsonl

Every paragraph of the skeleton must be annotated exactly once; the result is
validated before it is written.
"""

from __future__ import annotations

from pathlib import Path

import srsly

from validate_corpus import record_errors

ROOT = Path(__file__).resolve().parents[1]


def build(doc_id: str) -> list[dict]:
    skeleton = list(srsly.read_jsonl(ROOT / "corpus" / "skeleton" / f"{doc_id}.jsonl"))
    done: dict[str, dict] = {}
    for part in sorted((ROOT / "corpus" / "parts").glob(f"{doc_id}.*.jsonl")):
        for rec in srsly.read_jsonl(part):
            if rec["id"] in done:
                raise SystemExit(f"{rec['id']} annotated twice ({part.name})")
            done[rec["id"]] = rec
    out = []
    for base in skeleton:
        rec = done.get(base["id"])
        if rec is None:
            raise SystemExit(f"{base['id']} is not annotated")
        if rec["text"] != base["text"]:
            raise SystemExit(f"{base['id']}: text differs from the skeleton")
        errors = record_errors(rec)
        if errors:
            raise SystemExit(f"{base['id']}: {errors}")
        out.append({"id": base["id"], "text": base["text"], "meta": base["meta"], "spans": rec["spans"]})
    return out


def main() -> None:
    for skeleton in sorted((ROOT / "corpus" / "skeleton").glob("*.jsonl")):
        doc_id = skeleton.stem
        records = build(doc_id)
        srsly.write_jsonl(ROOT / "corpus" / f"{doc_id}.jsonl", records)
        print(f"{doc_id}: {len(records)} paragraphs")


if __name__ == "__main__":
    main()
