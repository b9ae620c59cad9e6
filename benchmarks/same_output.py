"""Fingerprint of the pipeline's output, to check that a refactor changes no entity or record.

    python benchmarks/same_output.py OUT.json [--model PATH]   # before and after a change
    python benchmarks/same_output.py --compare A.json B.json

Runs the four sample reports (one ``Doc`` each) and the paragraphs of the first 60 written
reports through the pipeline and writes every ``Doc``'s entities (character offsets, label)
and ``doc._.records``; ``--compare`` prints how many texts differ.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import srsly

ROOT = Path(__file__).resolve().parents[1]


def texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "raw").glob("*.txt"))]
    for path in sorted((ROOT / "corpus" / "written").glob("*.jsonl"))[:60]:
        out.extend(r["text"] for r in srsly.read_jsonl(path))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--model", default=None)
    parser.add_argument("--compare", nargs=2, type=Path)
    args = parser.parse_args()
    if args.compare:
        a, b = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        differ = sum(x != y for x, y in zip(a, b)) + abs(len(a) - len(b))
        print(f"{len(a)} and {len(b)} texts; {differ} differ")
        sys.exit(1 if differ else 0)
    import vn_dolisa_nlp

    nlp = vn_dolisa_nlp.load(args.model)
    rows = [{"ents": [(e.start_char, e.end_char, e.label_) for e in doc.ents], "records": doc._.records}
            for doc in nlp.pipe(texts())]
    args.out.write_text(json.dumps(rows, ensure_ascii=False, default=str), encoding="utf-8")
    print(f"{len(rows)} texts, {sum(len(r['records']) for r in rows)} records -> {args.out}")


if __name__ == "__main__":
    main()
