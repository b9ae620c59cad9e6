"""Time per component on one long document: does every stage stay linear?

    python benchmarks/scaling.py [--sizes 5000 10000 20000 40000 80000] [--whole]

The four sample reports are concatenated (repeated as needed) into one text of
about N input words and run as ``vn_dolisa_nlp.process`` runs a document: the
paragraph-level stages over chunks of whole lines (their times summed over the
chunks), ``Doc.from_docs``, then the document-level stages once. ``--whole`` runs
every stage on the one long ``Doc`` instead (plain ``nlp(text)``). The exponent
``b`` of ``time ~ words^b`` is fitted per component (least squares on the logs);
linear is 1.0.
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

from spacy.tokens import Doc

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


def timed(nlp, text: str, whole: bool) -> dict[str, float]:
    """Seconds per stage for one document."""
    from vn_dolisa_nlp.chunking import DOCUMENT_LEVEL, chunks

    times: dict[str, float] = {}
    parts = [text] if whole else chunks(text)
    docs = []
    t = time.perf_counter()
    docs = [nlp.make_doc(p) for p in parts]
    times["tokenizer"] = time.perf_counter() - t
    late = [] if whole else [(n, p) for n, p in nlp.pipeline if n in DOCUMENT_LEVEL and n != "vn_dolisa_layout"]
    for name, proc in nlp.pipeline:
        if (name, proc) in late:
            continue
        t = time.perf_counter()
        docs = [proc(d) for d in docs]
        times[name] = time.perf_counter() - t
    t = time.perf_counter()
    doc = Doc.from_docs(docs, ensure_whitespace=False) if len(docs) > 1 else docs[0]
    times["Doc.from_docs"] = time.perf_counter() - t
    if late:
        t = time.perf_counter()
        doc = nlp.get_pipe("vn_dolisa_layout")(doc)
        times["vn_dolisa_layout"] += time.perf_counter() - t
    for name, proc in late:
        t = time.perf_counter()
        doc = proc(doc)
        times[name] = time.perf_counter() - t
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000, 20000, 40000, 80000])
    parser.add_argument("--whole", action="store_true", help="every stage on the one long Doc")
    args = parser.parse_args()
    import vn_dolisa_nlp

    nlp = vn_dolisa_nlp.load()
    timed(nlp, text_of(2000), args.whole)  # warm-up
    runs = [timed(nlp, text_of(size), args.whole) for size in args.sizes]
    names = list(runs[0])
    mode = "one Doc, every stage on it" if args.whole else "vn_dolisa_nlp.process: chunks, then the document"
    print(f"{mode}\n")
    print("| component | " + " | ".join(f"{s:,} words" for s in args.sizes) + " | exponent |")
    print("|---|" + "---:|" * (len(args.sizes) + 1))
    for name in names:
        col = [r[name] for r in runs]
        print(f"| {name} | " + " | ".join(f"{t:.2f} s" for t in col) + f" | {exponent(args.sizes, col):.2f} |")
    total = [sum(r.values()) for r in runs]
    print("| **all** | " + " | ".join(f"{t:.2f} s" for t in total) + f" | {exponent(args.sizes, total):.2f} |")


if __name__ == "__main__":
    main()
