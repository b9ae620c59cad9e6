"""Speed of the full pipeline beside underthesea.ner, in the same run.

    python benchmarks/pipeline.py [--repeat 3]

Input words per second on the four sample reports (paragraph by paragraph, the
same list for every tool): ``vn_dolisa_nlp.load()`` with ``nlp.pipe`` in one
process pinned to one core and with ``n_process=2``, and ``underthesea.ner`` on
one core. Best of ``--repeat`` runs after a warm-up.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "corpus" / "raw").glob("*.txt"))


def best_of(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []

    import vn_dolisa_nlp
    from underthesea import ner

    paragraphs = [line for p in REPORTS for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    n_words = sum(len(p.split()) for p in paragraphs)
    nlp = vn_dolisa_nlp.load()
    list(nlp.pipe(paragraphs[:20]))
    ner(paragraphs[0])

    rows = []
    if len(cores) >= 2:  # two workers measured before pinning this process to one core
        t = best_of(lambda: list(nlp.pipe(paragraphs, n_process=2, batch_size=32)), args.repeat)
        rows.append(("vn_dolisa_nlp, nlp.pipe(n_process=2)", n_words / t))
    if cores:
        os.sched_setaffinity(0, {cores[0]})
    t = best_of(lambda: list(nlp.pipe(paragraphs, batch_size=32)), args.repeat)
    rows.insert(0, ("vn_dolisa_nlp, nlp.pipe (1 core)", n_words / t))
    t = best_of(lambda: [ner(p) for p in paragraphs], args.repeat)
    rows.append(("underthesea.ner (1 core)", n_words / t))

    print(f"{len(paragraphs)} paragraphs, {n_words} input words (whitespace-separated) of the sample reports\n")
    print("| pipeline | input words/s |")
    print("|---|---:|")
    for name, wps in rows:
        print(f"| {name} | {wps:,.0f} |")


if __name__ == "__main__":
    main()
