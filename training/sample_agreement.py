"""Draw the paragraphs of the written reports for the independent second annotation.

    python training/sample_agreement.py --writers w1 w2 --part a    # 15% of their paragraphs

Draws 15% of each named writer's paragraphs at random (seed 2026, stratified by
writer so that every writer's text is checked) and writes the texts, without spans,
to ``corpus/agreement/written_texts_<part>.jsonl``: what the second annotator sees.
The ids drawn go to ``corpus/agreement/written_sample_<part>.json``.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import srsly

ROOT = Path(__file__).resolve().parents[1]
MARKUP = ROOT / "corpus" / "written" / "markup"
AGREEMENT = ROOT / "corpus" / "agreement"
SHARE = 0.15


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--writers", nargs="+", required=True)
    parser.add_argument("--part", required=True)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(f"{args.seed}-{args.part}")
    drawn: list[dict] = []
    for writer in args.writers:
        paragraphs = []
        for path in sorted(MARKUP.glob("*.jsonl")):
            if next(srsly.read_jsonl(path)).get("writer") != writer:
                continue
            paragraphs += [r for r in srsly.read_jsonl(ROOT / "corpus" / "written" / path.name)]
        k = round(SHARE * len(paragraphs))
        drawn += rng.sample(paragraphs, k)
        print(f"{writer}: {k} of {len(paragraphs)} paragraphs")
    drawn.sort(key=lambda r: r["id"])
    AGREEMENT.mkdir(exist_ok=True)
    srsly.write_jsonl(AGREEMENT / f"written_texts_{args.part}.jsonl",
                      [{"id": r["id"], "text": r["text"], "meta": r["meta"], "spans": []} for r in drawn])
    srsly.write_json(AGREEMENT / f"written_sample_{args.part}.json", [r["id"] for r in drawn])
    print(f"{len(drawn)} paragraphs -> corpus/agreement/written_texts_{args.part}.jsonl")


if __name__ == "__main__":
    main()
