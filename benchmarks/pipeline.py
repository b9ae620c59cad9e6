"""Speed and memory of the full pipeline beside underthesea and pyvi, in the same run.

    python benchmarks/pipeline.py [--repeat 3] [--no-memory]

Input words per second on the four sample reports, best of ``--repeat`` after a
warm-up, on one core unless said otherwise:

- ``vn_dolisa_nlp``, paragraph by paragraph with ``nlp.pipe``;
- ``vn_dolisa_nlp``, whole reports, one ``Doc`` each (``vn_dolisa_nlp.process``, as
  ``extract()`` and the command line run them);
- ``vn_dolisa_nlp``, paragraphs again with thinc's blis matrix product instead of numpy's
  (the pipeline loaded without its ``vn_dolisa.numpy_matmul.v1`` callback, ``blas.py``);
- ``vn_dolisa_nlp``, paragraphs again after ``gc.freeze()``, as the command line runs;
- ``vn_dolisa_nlp``, ``nlp.pipe(n_process=2)`` over paragraphs (two cores);
- ``underthesea.ner`` and ``pyvi`` (``ViTokenizer`` + ``ViPosTagger``) on the paragraphs.

It also prints the share of the pipeline's time taken by each component (paragraphs), once
with one ``Doc`` through the whole pipeline at a time and once batched as ``nlp.pipe`` runs,
and, each measured in a fresh process, the resident memory after loading and the
peak while processing the four reports and a 5 MB document (the reports repeated).
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "corpus" / "raw").glob("*.txt"))
BATCH = 64  # nlp.pipe's batch size in every run below


def best_of(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return min(times)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def memory_child(what: str, model: str | None) -> None:
    """Run in a fresh process: print the peak RSS (MiB) after ``what``."""
    import vn_dolisa_nlp

    nlp = vn_dolisa_nlp.load(model)
    nlp("Giải quyết việc làm cho 11.309 lao động.")
    texts = [p.read_text(encoding="utf-8") for p in REPORTS]
    if what == "reports":
        for text in texts:
            vn_dolisa_nlp.process(nlp, text)
    elif what == "5mb":
        big = "\n".join(texts)
        big = (big + "\n") * (5_000_000 // len(big) + 1)
        vn_dolisa_nlp.process(nlp, big[:5_000_000])
    print(f"{peak_mib():.0f}")


def memory(what: str, model: str | None) -> str:
    model_args = ["--model", model] if model else []
    out = subprocess.run([sys.executable, __file__, "--memory-child", what, *model_args], capture_output=True,
                         text=True, check=True).stdout.split()
    return out[-1]


def component_shares(nlp, paragraphs: list[str], batch_size: int = 1) -> dict[str, float]:
    """Seconds per component over the paragraphs (tokenizer included). ``batch_size`` 1: one
    ``Doc`` through every component at a time, as ``nlp(text)`` runs; larger: each component over
    a batch of that many ``Doc`` objects before the next component, as ``nlp.pipe`` runs."""
    times = {"tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}}
    for k in range(0, len(paragraphs), batch_size):
        t = time.perf_counter()
        docs = [nlp.make_doc(text) for text in paragraphs[k:k + batch_size]]
        times["tokenizer"] += time.perf_counter() - t
        for name, proc in nlp.pipeline:
            t = time.perf_counter()
            docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            times[name] += time.perf_counter() - t
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--model", default=None, help="a pipeline's name or path (default: the packaged vi_dolisa_sm)")
    parser.add_argument("--memory-child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child, args.model)
        return
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    memory_rows = [] if args.no_memory else [  # first, before this process loads anything or pins itself
        (label, memory(what, args.model)) for label, what in (("loaded", "load"), ("the four reports, one Doc each", "reports"),
                                                  ("a 5 MB document", "5mb"))]

    import vn_dolisa_nlp
    from pyvi import ViPosTagger, ViTokenizer
    from underthesea import ner

    reports = [p.read_text(encoding="utf-8") for p in REPORTS]
    paragraphs = [line for text in reports for line in text.splitlines() if line.strip()]
    n_words = sum(len(p.split()) for p in paragraphs)
    nlp = vn_dolisa_nlp.load(args.model)
    list(nlp.pipe(paragraphs[:20]))
    ner(paragraphs[0])
    ViPosTagger.postagging(ViTokenizer.tokenize(paragraphs[0]))

    rows = []
    if len(cores) >= 2:  # two workers measured before pinning this process to one core
        t = best_of(lambda: list(nlp.pipe(paragraphs, n_process=2, batch_size=BATCH)), args.repeat)
        rows.append(("vn_dolisa_nlp, nlp.pipe(n_process=2), paragraphs (2 cores)", n_words / t))
    if cores:
        os.sched_setaffinity(0, {cores[0]})
    t = best_of(lambda: list(nlp.pipe(paragraphs, batch_size=BATCH)), args.repeat)
    rows.insert(0, ("vn_dolisa_nlp, nlp.pipe, paragraphs", n_words / t))
    t = best_of(lambda: [vn_dolisa_nlp.process(nlp, text) for text in reports], args.repeat)
    rows.insert(1, ("vn_dolisa_nlp, whole reports, one Doc each", n_words / t))
    blis = vn_dolisa_nlp.load(args.model, config={"nlp": {"after_pipeline_creation": None}})
    list(blis.pipe(paragraphs[:20]))
    t = best_of(lambda: list(blis.pipe(paragraphs, batch_size=BATCH)), args.repeat)
    rows.insert(2, ("vn_dolisa_nlp, nlp.pipe, paragraphs, thinc's blis matrix product "
                    "(no `vn_dolisa.numpy_matmul.v1`)", n_words / t))
    gc.collect()
    gc.freeze()  # as the command line runs: the loaded objects out of the collector's generations
    t = best_of(lambda: list(nlp.pipe(paragraphs, batch_size=BATCH)), args.repeat)
    rows.insert(3, ("vn_dolisa_nlp, nlp.pipe, paragraphs, after `gc.freeze()` (as `vn-dolisa` runs)", n_words / t))
    gc.unfreeze()
    t = best_of(lambda: [ner(p) for p in paragraphs], args.repeat)
    rows.append(("underthesea.ner", n_words / t))
    t = best_of(lambda: [ViPosTagger.postagging(ViTokenizer.tokenize(p)) for p in paragraphs], args.repeat)
    rows.append(("pyvi ViTokenizer + ViPosTagger", n_words / t))

    print(f"{len(paragraphs)} paragraphs of {len(reports)} reports, {n_words} input words (whitespace-separated); "
          "one core unless said\n")
    print("| pipeline | input words/s |\n|---|---:|")
    for name, wps in rows:
        print(f"| {name} | {wps:,.0f} |")
    per_doc, batched = component_shares(nlp, paragraphs), component_shares(nlp, paragraphs, BATCH)
    print(f"\n| component (paragraphs) | share of the time, one Doc at a time (`nlp(text)`) | "
          f"share of the time, batches of {BATCH} (`nlp.pipe`) |\n|---|---:|---:|")
    for name in per_doc:
        print(f"| {name} | {per_doc[name] / sum(per_doc.values()):.1%} | {batched[name] / sum(batched.values()):.1%} |")
    shares = [sum(v for k, v in times.items() if k.startswith("vn_dolisa_") and k != "vn_dolisa_layout")
              / sum(times.values()) for times in (per_doc, batched)]
    print(f"| rules, proposals, linker and records together | {shares[0]:.1%} | {shares[1]:.1%} |")
    if memory_rows:
        print("\n| memory (fresh process each) | peak RSS |\n|---|---:|")
        for label, mib in memory_rows:
            print(f"| {label} | {mib} MiB |")


if __name__ == "__main__":
    main()
