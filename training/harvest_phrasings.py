"""Add the INDICATOR phrasings of the train reports to the taxonomy file.

    python training/harvest_phrasings.py     # updates vn_dolisa_nlp/data/indicators.json

Every gold INDICATOR of a train report that carries a core id becomes a phrasing of
that id (deduplicated, normalised spacing). Dev and test reports are never read.
"""

from __future__ import annotations

import json
from pathlib import Path

import srsly

from corpus import gold_path
from vn_dolisa_nlp.normalize import normalize_text

ROOT = Path(__file__).resolve().parents[1]
TAXONOMY = ROOT / "vn_dolisa_nlp" / "data" / "indicators.json"
# Phrases that name a measure only through their context: left out of the taxonomy.
GENERIC = {"số tiền", "kinh phí", "tổng kinh phí", "tổng giá trị", "kinh phí thực hiện", "tỷ lệ", "trao",
           "tổng số", "có hoàn cảnh đặc biệt", "giảm nghèo"}


def main() -> None:
    splits = srsly.read_json(ROOT / "corpus" / "splits.json")
    data = json.loads(TAXONOMY.read_text(encoding="utf-8"))
    by_id = {ind["id"]: ind for ind in data["indicators"]}
    added = 0
    for doc_id in splits["train"]:
        for rec in srsly.read_jsonl(gold_path(doc_id)):
            for span in rec["spans"]:
                core = span.get("indicator") if span["label"] == "INDICATOR" else None
                if core not in by_id:
                    continue
                phrase = " ".join(rec["text"][span["start"]:span["end"]].split())
                known = {normalize_text(p).lower() for p in by_id[core]["phrasings"]}
                key = normalize_text(phrase).lower()
                if key not in known and key not in GENERIC and len(key.split()) >= 2:
                    by_id[core]["phrasings"].append(phrase)
                    added += 1
    lines = ",\n".join("  " + json.dumps(ind, ensure_ascii=False) for ind in data["indicators"])
    TAXONOMY.write_text(f'{{"version": {data["version"]}, "indicators": [\n{lines}\n]}}\n', encoding="utf-8")
    print(f"{added} phrasings added from the {len(splits['train'])} train reports")


if __name__ == "__main__":
    main()
