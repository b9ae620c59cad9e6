"""One-off correction of the annotators' parts to the guideline's office rule.

``GUIDELINES.md``: "an office with its body is one ORG (Thủ tướng Chính phủ, Chủ tịch
UBND tỉnh)". One annotator tagged the body alone; this extends such ORG spans over
the office title written right before them. Idempotent.

    python training/fix_office_titles.py && python training/build_corpus.py
"""

from __future__ import annotations

import re
from pathlib import Path

import srsly

ROOT = Path(__file__).resolve().parents[1]
TITLE = re.compile(r"(?:Phó Chủ tịch|Chủ tịch|Thủ tướng|Phó Thủ tướng|Bộ trưởng|Thứ trưởng|Ủy viên|Uỷ viên|Giám đốc|Phó Giám đốc)\s+$")


def fix(record: dict) -> int:
    text, changed = record["text"], 0
    taken = [(s["start"], s["end"]) for s in record["spans"]]
    for span in record["spans"]:
        if span["label"] != "ORG":
            continue
        m = TITLE.search(text[max(0, span["start"] - 20):span["start"]])
        if not m:
            continue
        new_start = span["start"] - (len(text[max(0, span["start"] - 20):span["start"]]) - m.start())
        if any(s < span["start"] and e > new_start for s, e in taken):
            continue
        span["start"] = new_start
        changed += 1
    return changed


def main() -> None:
    for part in sorted((ROOT / "corpus" / "parts").glob("*.jsonl")):
        records = list(srsly.read_jsonl(part))
        n = sum(fix(r) for r in records)
        srsly.write_jsonl(part, records)
        print(f"{part.name}: {n} ORG spans extended over their office title")


if __name__ == "__main__":
    main()
