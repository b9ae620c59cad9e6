"""Statistics of the gold corpus: split sizes, spans, links, core ids, breakdowns, pairs, tables.

    python training/corpus_stats.py              # the whole corpus, by corpus/splits.json
    python training/corpus_stats.py FILE...      # only these gold files (one split "files")
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

import srsly

from vn_dolisa_nlp.vocabulary import LABELS

from corpus import gold_path, splits

KINDS = ("value", "plan_ratio", "change", "target")
CORE_IDS = (
    "jobs_created", "workers_abroad", "urban_unemployment_rate", "job_counselling",
    "foreign_work_permits", "ui_beneficiaries", "ui_benefit_paid", "vocational_enrolment",
    "trained_labour_rate", "si_compulsory_participants", "si_voluntary_participants",
    "ui_participants", "si_coverage_rate", "ui_coverage_rate", "labour_accidents",
    "labour_accident_deaths", "merit_people_managed", "merit_monthly_recipients",
    "gift_packages", "gift_value", "gratitude_fund", "poverty_rate", "poor_households",
    "near_poverty_rate", "near_poor_households", "multidimensional_poverty_rate",
    "social_allowance_recipients", "social_allowance_amount", "rice_relief",
    "special_children_rate", "child_friendly_communes", "drug_rehab_people",
    "inspections", "documents_issued",
)  # SPEC section 6
REAL_PROVINCES = {"dienbien-2023": "Điện Biên", "caobang-2021": "Cao Bằng",
                  "thuathienhue-2023": "Thừa Thiên Huế", "daknong-2023": "Đắk Nông"}
TABLE_SEPARATOR = re.compile(r"^\|[\s:|-]+\|$")


def split_files() -> dict[str, list[Path]]:
    """The split as gold files."""
    return {name: [gold_path(d) for d in docs] for name, docs in splits().items()}


def is_table_row(text: str) -> bool:
    """A markdown table row with at least one number cell (not a header or separator row)."""
    t = text.strip()
    return t.startswith("|") and t.endswith("|") and not TABLE_SEPARATOR.match(t) and any(
        re.fullmatch(r"[\d.,]+", c.strip()) for c in t.strip("|").split("|")[1:])


def count(paths: list[Path]) -> tuple[Counter, Counter, dict[str, set[str]], set[str], set[str]]:
    """Counters of one file set: totals, links per core id, phrasings per core id, reports, provinces."""
    c: Counter = Counter()
    per_id: Counter = Counter()
    phrasings: dict[str, set[str]] = defaultdict(set)
    reports: set[str] = set()
    provinces: set[str] = set()
    for path in paths:
        reports.add(path.stem)
        for rec in srsly.read_jsonl(path):
            meta, spans, text = rec["meta"], rec["spans"], rec["text"]
            provinces.add(meta.get("province") or REAL_PROVINCES.get(path.stem, path.stem))
            c["paragraphs"] += 1
            c["post-2025 paragraphs"] += bool(meta.get("post2025"))
            c["table rows"] += is_table_row(text)
            for s in spans:
                c[s["label"]] += 1
                if s["label"] != "QUANTITY":
                    continue
                c[s.get("kind")] += 1
                c["parent"] += s.get("parent") is not None
                if s.get("indicator") is None:
                    continue
                c["links"] += 1
                ind = spans[s["indicator"]]
                core = ind.get("indicator")
                if core in CORE_IDS:
                    c["core-id links"] += 1
                    per_id[core] += 1
                    phrasings[core].add(text[ind["start"]:ind["end"]].lower())
                if s.get("parent") is not None:
                    total = spans[s["parent"]]
                    c["breakdown: own measure" if s["indicator"] != total.get("indicator")
                      else "breakdown: category"] += 1
            c["X/Y pairs"] += sum(1 for a, b in zip(spans, spans[1:])
                                  if a["label"] == b["label"] == "QUANTITY" and text[a["end"]:b["start"]] == "/")
    return c, per_id, phrasings, reports, provinces


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    lines += ["| " + " | ".join(str(x) for x in row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    sets = {"files": args.files} if args.files else split_files()
    sets["all"] = [p for ps in sets.values() for p in ps] if len(sets) > 1 else sets[next(iter(sets))]
    results = {name: count(paths) for name, paths in sets.items()}
    general = ["paragraphs", "post-2025 paragraphs", "table rows", "links", "core-id links", "parent",
               "breakdown: own measure", "breakdown: category", "X/Y pairs"]
    print(table(["split", "reports", "provinces", *general],
                [[n, len(r[3]), len(r[4]), *(r[0][g] for g in general)] for n, r in results.items()]))
    print()
    print(table(["split", *LABELS, *KINDS], [[n, *(r[0][x] for x in (*LABELS, *KINDS))] for n, r in results.items()]))
    print()
    _, per_id, phrasings, _, _ = results["all"]
    print(table(["core id (all splits)", "linked quantities", "distinct phrasings"],
                [[i, per_id[i], len(phrasings[i])] for i in CORE_IDS]))


if __name__ == "__main__":
    main()
