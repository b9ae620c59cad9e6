"""Command line.

    vn-dolisa extract PATH... [--format jsonl|csv] [--output FILE] [--n-process N]
    vn-dolisa segment PATH...

``extract`` writes one row per record (SPEC section 5) with the file it came
from, file by file as they are done; a file that cannot be read is reported by
name and the others go on; the exit status is 0 only when every file succeeded.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path
from typing import IO, Iterator, Sequence

from .reading import iter_paths, read_text


class RecordWriter:
    """Writes records as JSON lines or CSV rows, flushing after each file."""

    def __init__(self, stream: IO[str], fmt: str) -> None:
        from .records import RECORD_KEYS

        self.stream = stream
        self.fmt = fmt
        self.csv = csv.DictWriter(stream, fieldnames=["source", *RECORD_KEYS]) if fmt == "csv" else None
        if self.csv:
            self.csv.writeheader()

    def write(self, source: str, records: list[dict]) -> None:
        for rec in records:
            row = {"source": source, **rec}
            if self.csv:
                self.csv.writerow(row)
            else:
                self.stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.stream.flush()


def _texts(paths: list[Path], failures: list[str]) -> Iterator[tuple[str, str]]:
    for path in paths:
        try:
            yield read_text(path), str(path)
        except OSError as err:
            print(f"vn-dolisa: cannot read {path}: {err.strerror or err}", file=sys.stderr)
            failures.append(str(path))


def _extract(args: argparse.Namespace) -> int:
    import vn_dolisa_nlp

    paths = list(iter_paths(args.paths))
    nlp = vn_dolisa_nlp.load()
    failures: list[str] = []
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        writer = RecordWriter(out, args.format)
        docs = nlp.pipe(_texts(paths, failures), as_tuples=True, n_process=args.n_process, batch_size=4)
        progress = _progress(len(paths))
        for doc, source in docs:
            writer.write(source, doc._.records)
            progress.update(1)
        progress.close()
    finally:
        if args.output:
            out.close()
    if failures:
        print(f"vn-dolisa: {len(failures)} of {len(paths)} file(s) failed", file=sys.stderr)
    return 1 if failures else 0


def _progress(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, disable=total < 10 or not sys.stderr.isatty())


def _segment(args: argparse.Namespace) -> int:
    import vn_dolisa_nlp

    nlp = vn_dolisa_nlp.blank()
    failures: list[str] = []
    for text, _source in _texts(list(iter_paths(args.paths)), failures):
        for sent in nlp(text).sents:
            words = [t.text.replace(" ", "_") for t in sent if not t.is_space]
            if words:
                print(" ".join(words))
    return 1 if failures else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vn-dolisa", description="Vietnamese DOLISA reports as data.")
    sub = parser.add_subparsers(dest="command", required=True)
    ext = sub.add_parser("extract", help="write the records of reports (files or folders) as JSON lines or CSV")
    ext.add_argument("paths", nargs="+", help="UTF-8 text files, or folders of .txt / .md files")
    ext.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    ext.add_argument("--output", "-o", help="write here instead of standard output")
    ext.add_argument("--n-process", type=int, default=1, help="worker processes (default 1)")
    ext.set_defaults(func=_extract)
    seg = sub.add_parser("segment", help="print word-segmented sentences (words joined with '_')")
    seg.add_argument("paths", nargs="+", help="UTF-8 text files or folders")
    seg.set_defaults(func=_segment)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
