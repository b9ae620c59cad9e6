"""Time per component on one long ``Doc``: does every stage stay linear?

    python benchmarks/scaling.py [--sizes 5000 10000 20000 40000 80000]

The four sample reports are concatenated (repeated as needed) into one text of
about N input words; each component of ``vn_dolisa_nlp.load()`` is timed on
it, in pipeline order, and the exponent ``b`` of ``time ~ words^b`` is fitted per
component (least squares on the logs). Linear is 1.0.
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "corpus" / "raw").glob("*.txt"))


def text_of(n_words: int) -> str:
    """The sample reports, concatenated and repeated, cut after ``n_words`` input words."""
    base = "\n".join(p.read_text(encoding="utf-8") for p in REPORTS)
    lines, words, out = base.splitlines(), 0, []
    while words < n_words:
        for line in lines:
            out.append(line)
            words += len(line.split())
            if words >= n_words:
                break
    return "\n".join(out)


def exponent(xs: list[float], ys: list[float]) -> float:
    lx, ly = [math.log(x) for x in xs], [math.log(max(y, 1e-6)) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000, 20000, 40000, 80000])
    args = parser.parse_args()
    import vn_dolisa_nlp

    nlp = vn_dolisa_nlp.load()
    names = ["tokenizer", *nlp.pipe_names]
    times: dict[str, list[float]] = {n: [] for n in names}
    nlp(text_of(2000))  # warm-up
    for size in args.sizes:
        text = text_of(size)
        t = time.perf_counter()
        doc = nlp.make_doc(text)
        times["tokenizer"].append(time.perf_counter() - t)
        for name, proc in nlp.pipeline:
            t = time.perf_counter()
            doc = proc(doc)
            times[name].append(time.perf_counter() - t)
    print("| component | " + " | ".join(f"{s:,} words" for s in args.sizes) + " | exponent |")
    print("|---|" + "---:|" * (len(args.sizes) + 1))
    for name in names:
        cells = " | ".join(f"{t:.2f} s" for t in times[name])
        print(f"| {name} | {cells} | {exponent(args.sizes, times[name]):.2f} |")
    total = [sum(times[n][i] for n in names) for i in range(len(args.sizes))]
    print(f"| **all** | " + " | ".join(f"{t:.2f} s" for t in total) + f" | {exponent(args.sizes, total):.2f} |")


if __name__ == "__main__":
    main()
