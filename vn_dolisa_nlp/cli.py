"""Command line: ``vn-dolisa segment FILE...`` prints the word-segmented sentences."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence


def _segment(args: argparse.Namespace) -> int:
    import vn_dolisa_nlp

    nlp = vn_dolisa_nlp.blank()
    status = 0
    for path in args.paths:
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError as err:
            print(f"vn-dolisa: cannot read {path}: {err}", file=sys.stderr)
            status = 1
            continue
        for sent in nlp(text).sents:
            words = [t.text.replace(" ", "_") for t in sent if not t.is_space]
            if words:
                print(" ".join(words))
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vn-dolisa", description="Vietnamese DOLISA reports as data.")
    sub = parser.add_subparsers(dest="command", required=True)
    seg = sub.add_parser("segment", help="print word-segmented sentences (words joined with '_')")
    seg.add_argument("paths", nargs="+", help="UTF-8 text files")
    seg.set_defaults(func=_segment)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
