"""Statistics of the gold corpus: spans per report and label, links and kinds.

    python training/corpus_stats.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import srsly

from vn_dolisa_nlp.scoring import LABELS

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("value", "plan_ratio", "change", "target")


def main() -> None:
    header = ["report", "paragraphs", *LABELS, "QTY linked", "QTY core id", *KINDS]
    print("| " + " | ".join(header) + " |")
    print("|---|" + "---:|" * (len(header) - 1))
    totals: Counter = Counter()
    for path in sorted((ROOT / "corpus").glob("*.jsonl")):
        c: Counter = Counter()
        for rec in srsly.read_jsonl(path):
            c["paragraphs"] += 1
            spans = rec["spans"]
            for s in spans:
                c[s["label"]] += 1
                if s["label"] == "QUANTITY":
                    c[s.get("kind")] += 1
                    if s.get("indicator") is not None:
                        c["QTY linked"] += 1
                        c["QTY core id"] += spans[s["indicator"]].get("indicator") is not None
        totals.update(c)
        print("| " + " | ".join([path.stem] + [str(c[h]) for h in header[1:]]) + " |")
    print("| **all** | " + " | ".join(str(totals[h]) for h in header[1:]) + " |")


if __name__ == "__main__":
    main()
