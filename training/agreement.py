"""Inter-annotator agreement: the second pass against the first, by SPEC section 8.

    python training/agreement.py [--first corpus/*.jsonl] [--second corpus/agreement/second_pass.jsonl]

The first pass plays "gold" and the second "predicted"; F1 is symmetric, so the
roles do not matter for the F1 columns.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import srsly

from vn_dolisa_nlp.scoring import link_table, ner_table, score

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--first", nargs="+", type=Path,
                        default=sorted(p for p in (ROOT / "corpus").glob("*.jsonl")))
    parser.add_argument("--second", type=Path, default=ROOT / "corpus" / "agreement" / "second_pass.jsonl")
    args = parser.parse_args()
    second = list(srsly.read_jsonl(args.second))
    ids = {r["id"] for r in second}
    first = [r for path in args.first for r in srsly.read_jsonl(path) if r["id"] in ids]
    missing = ids - {r["id"] for r in first}
    if missing:
        raise SystemExit(f"{len(missing)} second-pass ids have no first pass: {sorted(missing)[:5]}")
    scores = score(first, second)
    print(f"Agreement on {len(first)} paragraphs (first pass as reference)\n")
    print(ner_table(scores, "label"))
    print()
    print(link_table(scores))


if __name__ == "__main__":
    main()
