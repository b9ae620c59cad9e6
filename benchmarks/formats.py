"""Input formats: the same records from every format, reading time against the pipeline's,
and the speed-up of ``vn-dolisa extract --n-process 2``.

    python benchmarks/formats.py [--copies 10] [--skip-processes]

1. The fixtures of ``tests/fixtures/make_fixtures.py`` (paragraphs and the table of a
   sample report as .docx, .pdf, .html, UTF-16, Windows-1258, TCVN3, VNI): the share of
   ``(indicator, value, unit, kind)`` rows identical to those of the UTF-8 ``.txt``.
2. The four sample reports written in every format: reading time per MB of text, beside
   the pipeline's time per MB on the same text (reading must be at least 5x faster).
3. ``--n-process 1`` against ``2`` over the sample reports (``--copies`` of each): files
   per second once the pipelines are loaded, and the whole command's wall time.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import make_fixtures  # noqa: E402

import vn_dolisa_nlp  # noqa: E402
from vn_dolisa_nlp import cli  # noqa: E402
from vn_dolisa_nlp.encodings import encode_cp1258, encode_tcvn3, encode_vni  # noqa: E402
from vn_dolisa_nlp.reading import read  # noqa: E402

RAW = sorted((ROOT / "corpus" / "raw").glob("*.txt"))


def key_rows(records) -> Counter:
    return Counter((r["indicator"], r["value"], r["unit"], r["kind"]) for r in records)


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def same_records(nlp, folder: Path) -> None:
    paths = make_fixtures.build(folder)
    ref = key_rows(nlp(read(paths["report.txt"]).text)._.records)
    print("| format | file | rows | identical to .txt | share | rows not in .txt | .txt rows missing |")
    print("|---|---|---:|---:|---:|---|---|")
    for name in ("report.txt", "report.docx", "report.pdf", "report.html", "report-utf16.txt", "report-cp1258.txt",
                 "report-tcvn3.txt", "report-vni.txt"):
        doc = read(paths[name])
        got = key_rows(nlp(doc.text)._.records)
        same = sum((got & ref).values())
        share = same / max(sum(got.values()), sum(ref.values()))
        extra = "; ".join(f"{k[0]} {k[1]} {k[2]} {k[3]}" for k in (got - ref)) or "-"
        missing = "; ".join(f"{k[0]} {k[1]} {k[2]} {k[3]}" for k in (ref - got)) or "-"
        fmt = doc.format + (f" ({doc.encoding})" if doc.encoding else "")
        print(f"| {fmt} | {name} | {sum(got.values())} | {same} | {share:.1%} | {extra} | {missing} |")


def big_fixtures(folder: Path) -> tuple[str, dict[str, Path]]:
    """The four sample reports (cleaned as the fixtures are), in every format."""
    lines = []
    for path in RAW:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not re.fullmatch(r"\|[-| ]*\|", line.strip()):
                line = make_fixtures._clean(line)
                lines.append(make_fixtures.row_line(make_fixtures.cells(line)) if make_fixtures.is_row(line) else line)
    text = "\n".join(lines) + "\n"
    p = {n: folder / n for n in ("big.txt", "big.docx", "big.pdf", "big.html", "big-utf16.txt", "big-cp1258.txt",
                                 "big-tcvn3.txt", "big-vni.txt")}
    p["big.txt"].write_text(text, encoding="utf-8")
    make_fixtures.write_docx(p["big.docx"], lines)
    make_fixtures.write_pdf(p["big.pdf"], [lines[i:i + 40] for i in range(0, len(lines), 40)])
    make_fixtures.write_html(p["big.html"], lines)
    p["big-utf16.txt"].write_bytes(text.encode("utf-16"))
    p["big-cp1258.txt"].write_bytes(encode_cp1258(text))
    p["big-tcvn3.txt"].write_bytes(encode_tcvn3(text, errors="replace"))
    p["big-vni.txt"].write_bytes(encode_vni(text, errors="replace"))
    return text, p


def reading_speed(nlp, folder: Path) -> None:
    text, paths = big_fixtures(folder)
    nlp(text[:2000])
    pipe_s = best_of(lambda: nlp(text), 2)
    mb = len(text.encode("utf-8")) / 1e6
    pages = len(set(read(paths["big.pdf"]).line_pages))
    print(f"\nThe four sample reports, {len(text):,} characters ({mb:.2f} MB as UTF-8; the PDF has {pages} pages); "
          f"the pipeline: {pipe_s:.2f} s, {pipe_s / mb:.2f} s/MB.\n")
    print("| format | file size | reading s/MB of text | pipeline s/MB | pipeline / reading |")
    print("|---|---:|---:|---:|---:|")
    for name, path in paths.items():
        doc = read(path)
        secs = best_of(lambda: read(path))
        per_mb = secs / (len(doc.text.encode("utf-8")) / 1e6)
        fmt = doc.format + (f" ({doc.encoding})" if doc.encoding else "")
        print(f"| {fmt} | {path.stat().st_size / 1e3:,.0f} kB | {per_mb:.3f} | {pipe_s / mb:.2f} | "
              f"{(pipe_s / mb) / per_mb:.0f}x |")


def _tiny(_):
    return os.getpid()


def processes(folder: Path, copies: int) -> None:
    files = []
    for i in range(copies):
        for path in RAW:
            dst = folder / f"{path.stem}-{i}.txt"
            dst.write_bytes(path.read_bytes())
            files.append((str(dst), str(dst)))
    size = sum(Path(f).stat().st_size for f, _ in files) / 1e6
    nlp = vn_dolisa_nlp.load()
    cli.process_file(nlp, *files[0])
    t = time.perf_counter()
    for f in files:
        cli.process_file(nlp, *f)
    one = time.perf_counter() - t
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"), initializer=cli._init_worker,
                             initargs=(None,)) as pool:
        list(pool.map(cli._work, files[:4]))  # both workers started, their pipelines loaded and warm
        t = time.perf_counter()
        list(pool.map(cli._work, files))
        two = time.perf_counter() - t
    walls = {}
    for n in (1, 2):
        out = folder / f"out{n}.jsonl"
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "vn_dolisa_nlp.cli", "extract", *[f for f, _ in files], "-o", str(out),
                        "--n-process", str(n)], check=True, stderr=subprocess.DEVNULL)
        walls[n] = time.perf_counter() - t
    same = (folder / "out1.jsonl").read_bytes() == (folder / "out2.jsonl").read_bytes()
    print(f"\n`vn-dolisa extract --n-process N` over {len(files)} files ({size:.2f} MB; {os.cpu_count()} CPUs):\n")
    print("| | --n-process 1 | --n-process 2 | speed-up |")
    print("|---|---:|---:|---:|")
    print(f"| files/s, pipelines loaded | {len(files) / one:.2f} | {len(files) / two:.2f} | {one / two:.2f}x |")
    print(f"| whole command, wall s (model loads included) | {walls[1]:.1f} | {walls[2]:.1f} | "
          f"{walls[1] / walls[2]:.2f}x |")
    print(f"\nSame output from both: {same}. Load average during the run: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} (the speed-up needs 2 idle cores).")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=10, help="copies of each sample report for --n-process")
    parser.add_argument("--skip-processes", action="store_true")
    args = parser.parse_args()
    import logging

    logging.getLogger("vn_dolisa_nlp").addHandler(logging.NullHandler())
    logging.getLogger("vn_dolisa_nlp").propagate = False
    nlp = vn_dolisa_nlp.load()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for sub in ("fixtures", "big", "procs"):
            (tmp / sub).mkdir()
        same_records(nlp, tmp / "fixtures")
        reading_speed(nlp, tmp / "big")
        if not args.skip_processes:
            processes(tmp / "procs", args.copies)


if __name__ == "__main__":
    main()
