"""Inter-annotator agreement: the second pass against the first, by SPEC section 8.

    python training/agreement.py [--first corpus/*.jsonl] [--second corpus/agreement/second_pass.jsonl]
    python training/agreement.py --written      # the written reports' sampled second pass (parts a, b)

A paragraph whose text a reviewer changed after it was drawn is left out and counted.

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
    parser.add_argument("--second", nargs="+", type=Path,
                        default=[ROOT / "corpus" / "agreement" / "second_pass.jsonl"])
    parser.add_argument("--written", action="store_true", help="the written reports and their sampled second pass")
    args = parser.parse_args()
    if args.written:
        args.first = sorted((ROOT / "corpus" / "written").glob("*.jsonl"))
        args.second = sorted((ROOT / "corpus" / "agreement").glob("written_second_?.jsonl"))
    second = {r["id"]: r for path in args.second for r in srsly.read_jsonl(path)}
    first = {r["id"]: r for path in args.first for r in srsly.read_jsonl(path) if r["id"] in second}
    missing = set(second) - set(first)
    if missing:
        raise SystemExit(f"{len(missing)} second-pass ids have no first pass: {sorted(missing)[:5]}")
    same = sorted(i for i in first if first[i]["text"] == second[i]["text"])
    scores = score([first[i] for i in same], [second[i] for i in same])
    print(f"Agreement on {len(same)} paragraphs (first pass as reference; {len(first) - len(same)} left out "
          "because a reviewer changed their text after the draw)\n")
    print(ner_table(scores, "label"))
    print()
    print(link_table(scores))


if __name__ == "__main__":
    main()
