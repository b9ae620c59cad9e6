"""Add the INDICATOR phrasings of the train reports to the taxonomy file.

    python training/harvest_phrasings.py     # updates vn_dolisa_nlp/data/indicators.json

Every gold INDICATOR of a train report that carries a core id becomes a phrasing of
that id (deduplicated, normalised spacing). A phrase the annotators linked to several
ids stays only with the id they gave it most often, so that an exact match is never
decided by the order of the file. The units the train reports count an id in (``lượt người``
for ``gift_packages``, ``hộ`` for ``rice_relief``) join the id's units, so the unit check does
not reject a counted noun the id legitimately takes. Dev and test reports are never read.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import srsly

from corpus import gold_path
from vn_dolisa_nlp.normalize import normalize_text
from vn_dolisa_nlp.units import unit_of

ROOT = Path(__file__).resolve().parents[1]
TAXONOMY = ROOT / "vn_dolisa_nlp" / "data" / "indicators.json"
# Phrases that name a measure only through their context: left out of the taxonomy.
GENERIC = {"số tiền", "kinh phí", "tổng kinh phí", "tổng giá trị", "kinh phí thực hiện", "tỷ lệ", "trao",
           "tổng số", "có hoàn cảnh đặc biệt", "giảm nghèo"}


def main() -> None:
    splits = srsly.read_json(ROOT / "corpus" / "splits.json")
    data = json.loads(TAXONOMY.read_text(encoding="utf-8"))
    by_id = {ind["id"]: ind for ind in data["indicators"]}
    seen: dict[str, Counter] = defaultdict(Counter)  # normalised phrase -> gold ids it carries
    written: dict[str, str] = {}
    for doc_id in splits["train"]:
        for rec in srsly.read_jsonl(gold_path(doc_id)):
            for span in rec["spans"]:
                core = span.get("indicator") if span["label"] == "INDICATOR" else None
                if core not in by_id:
                    continue
                phrase = " ".join(rec["text"][span["start"]:span["end"]].split())
                key = normalize_text(phrase).lower()
                if key not in GENERIC and len(key.split()) >= 2:
                    seen[key][core] += 1
                    written.setdefault(key, phrase)
    units: dict[str, Counter] = defaultdict(Counter)  # id -> canonical units of the numbers linked to it
    for doc_id in splits["train"]:
        for rec in srsly.read_jsonl(gold_path(doc_id)):
            spans = rec["spans"]
            for span in spans:
                if span["label"] != "QUANTITY" or span.get("indicator") is None or span.get("unit") is None:
                    continue
                core = spans[span["indicator"]].get("indicator")
                unit = unit_of(rec["text"][spans[span["unit"]]["start"]:spans[span["unit"]]["end"]])[0]
                if core in by_id and unit and unit != "percent":
                    units[core][unit] += 1
    widened = 0
    for core, counts in units.items():
        for unit in counts:
            if unit not in by_id[core]["units"]:
                by_id[core]["units"].append(unit)
                widened += 1
    added = moved = 0
    for key, ids in seen.items():
        core = ids.most_common(1)[0][0]  # a phrase the annotators gave several ids goes to the commonest
        for ind in data["indicators"]:
            phrasings = ind["phrasings"]
            has = [p for p in phrasings if normalize_text(p).lower() == key]
            if ind["id"] == core and not has:
                phrasings.append(written[key])
                added += 1
            elif ind["id"] != core and has and len(phrasings) > len(has) and normalize_text(ind["name"]).lower() != key:
                ind["phrasings"] = [p for p in phrasings if p not in has]
                moved += 1
    lines = ",\n".join("  " + json.dumps(ind, ensure_ascii=False) for ind in data["indicators"])
    TAXONOMY.write_text(f'{{"version": {data["version"]}, "indicators": [\n{lines}\n]}}\n', encoding="utf-8")
    print(f"{added} phrasings added from the {len(splits['train'])} train reports; "
          f"{moved} ambiguous ones left only with the id the annotators gave most often; "
          f"{widened} units added that the train reports count the ids in")


if __name__ == "__main__":
    main()
