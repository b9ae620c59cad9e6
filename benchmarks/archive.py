"""Archives: the plain command line, ``--n-process 2`` and Dask ``LocalCluster``s of 1 and 2
workers over the same folder of report files.

    python benchmarks/archive.py [--files 200] [--files-per-partition N]

The folder holds ``--files`` copies of the four sample reports (``corpus/raw/*.txt``) under
different names. Each configuration runs in a fresh process (its imports, start-up and
memory its own) and writes Parquet:

- ``plain``: ``vn-dolisa extract DIR --format parquet -o rows.parquet`` (its start-up: loading
  the pipeline, timed in a process of its own), with one BLAS thread as every worker process
  has, so that each run computes on one core per process (left alone, the plain command line's
  numpy also multiplies on the second core);
- ``--n-process 2``: the same with two worker processes;
- ``dask, N workers``: ``vn-dolisa extract DIR --dask --n-process N -o DIR`` as the command
  line runs it (a ``LocalCluster``, the pipeline loaded by each worker, the dataset written).

It prints one table: wall seconds from the command's start (imports of ``distributed``
included for Dask), files/s and input words/s (whitespace-separated), the start-up (the
pipeline load for the plain runs; cluster start and pipeline load on every worker for Dask),
files/s once started, and the peak RSS of each process that ran the pipeline; then the Dask
overhead against the plain command line, the speed-up of 2 workers over 1, and whether the
Dask dataset holds exactly the plain command line's rows (compared as sets).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = sorted((ROOT / "corpus" / "raw").glob("*.txt"))
CONFIGS = ("load", "plain", "n-process-2", "dask-1", "dask-2")
LABELS = {"plain": "plain CLI, one BLAS thread", "n-process-2": "plain CLI, --n-process 2",
          "dask-1": "Dask LocalCluster, 1 worker", "dask-2": "Dask LocalCluster, 2 workers"}


def make_folder(folder: Path, n_files: int) -> int:
    """``n_files`` copies of the sample reports; their input words."""
    words = 0
    for i in range(n_files):
        src = RAW[i % len(RAW)]
        (folder / f"report_{i:04d}_{src.name}").write_bytes(src.read_bytes())
        words += len(src.read_text(encoding="utf-8").split())
    return words


def _peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def run_one(config: str, folder: str, out: str, files_per_partition: int | None) -> dict:
    """One configuration, in this (fresh) process."""
    started = time.perf_counter()
    if config.startswith("dask"):
        from vn_dolisa_nlp.archive import dask_client, extract_archive

        n = int(config.split("-")[1])
        with dask_client(n_workers=n) as client:
            cluster = time.perf_counter() - started
            archive = extract_archive(folder, out, client=client, files_per_partition=files_per_partition)
            rss = sorted(v / 1024 for v in client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
                         .values())
        wall = time.perf_counter() - started  # the cluster's shutdown included, as the command line waits for it
        startup = cluster + archive.seconds["load"]
        return {"wall": wall, "startup": startup, "rss": rss, "records": archive.n_records,
                "exit": int(len(archive.failures) > 0), "main_rss": _peak_mib()}
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # as in every worker: the runs compare one core per process
    if config == "load":
        import vn_dolisa_nlp

        vn_dolisa_nlp.load()
        return {"wall": time.perf_counter() - started}
    from vn_dolisa_nlp import cli

    started = time.perf_counter()
    argv = ["extract", folder, "--format", "parquet", "-o", out]
    if config == "n-process-2":
        argv += ["--n-process", "2"]
    code = cli.main(argv)
    wall = time.perf_counter() - started
    rss = [_peak_mib(resource.RUSAGE_CHILDREN)] * 2 if config == "n-process-2" else [_peak_mib()]
    import pandas as pd

    return {"wall": wall, "rss": rss, "records": len(pd.read_parquet(out)), "exit": code}


def rows(frame) -> Counter:
    import pandas as pd

    from vn_dolisa_nlp.cli import columns

    frame = frame[columns()].astype(object)
    return Counter(tuple(None if pd.isna(v) else v for v in r) for r in frame.itertuples(index=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200, help="report files in the folder (default 200)")
    parser.add_argument("--files-per-partition", type=int, default=None, help="Dask partition size (default: the "
                        "library's, about eight partitions per worker)")
    parser.add_argument("--keep", metavar="DIR", help="keep the folder of reports and the outputs in DIR")
    parser.add_argument("--one", choices=CONFIGS, help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.folder, args.out, args.files_per_partition)))
        return

    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="vn-dolisa-archive-"))
    if args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
    try:
        folder = tmp / "reports"
        folder.mkdir()
        words = make_folder(folder, args.files)
        results = {}
        for config in CONFIGS:
            out = tmp / (f"{config}.parquet" if not config.startswith("dask") else config)
            cmd = [sys.executable, __file__, "--one", config, "--folder", str(folder), "--out", str(out)]
            if args.files_per_partition:
                cmd += ["--files-per-partition", str(args.files_per_partition)]
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0 or not done.stdout.strip():
                sys.exit(f"{config} failed:\n{done.stderr[-3000:]}")
            results[config] = {**json.loads(done.stdout.strip().splitlines()[-1]), "out": out}
        report(args.files, words, results)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


def report(n_files: int, words: int, results: dict) -> None:
    import pandas as pd

    from vn_dolisa_nlp.archive import read_records
    from vn_dolisa_nlp.cli import columns

    print(f"{n_files} report files (copies of the {len(RAW)} samples), {words:,} input words; one run each")
    print()
    print("| run | wall s | files/s | words/s | start-up s | files/s once started | peak RSS per worker | records |")
    print("|---|---:|---:|---:|---:|---:|---|---:|")
    load = results.pop("load")["wall"]
    for config, r in results.items():
        r.setdefault("startup", load)  # the plain runs: loading the pipeline, timed in a process of its own
        busy = r["wall"] - r["startup"]
        rss = " / ".join(f"{v:,.0f} MiB" for v in r["rss"])
        if config == "n-process-2":
            rss = f"{r['rss'][0]:,.0f} MiB (the larger)"
        print(f"| {LABELS[config]} | {r['wall']:.1f} | {n_files / r['wall']:.2f} | {words / r['wall']:,.0f} | "
              f"{r['startup']:.1f} | {n_files / busy:.2f} | {rss} | {r['records']:,} |")
    plain, d1, d2 = results["plain"], results["dask-1"], results["dask-2"]
    failed = [LABELS[c] for c, r in results.items() if r["exit"] != 0]
    if failed:
        print(f"\nWARNING: some files failed in: {', '.join(failed)} (the figures compare unequal work)")
    print()
    print(f"Dask start-up (distributed imported, cluster started, pipeline loaded on every worker): "
          f"{d1['startup']:.1f} s with 1 worker, {d2['startup']:.1f} s with 2; the plain CLI's pipeline load "
          f"{plain['startup']:.1f} s")
    print(f"Dask overhead, 1 worker against the plain CLI: {d1['wall'] / plain['wall'] - 1:+.1%} wall")
    print(f"Dask, 2 workers against 1: {d1['wall'] / d2['wall']:.2f}x wall, "
          f"{(d1['wall'] - d1['startup']) / (d2['wall'] - d2['startup']):.2f}x once started")
    print(f"--n-process 2 against the plain CLI: {plain['wall'] / results['n-process-2']['wall']:.2f}x wall")
    print(f"Dask client and scheduler process: {d2['main_rss']:,.0f} MiB peak RSS")
    want = rows(pd.read_parquet(plain["out"]))
    for config in ("dask-1", "dask-2"):
        got = rows(read_records(results[config]["out"]).compute())
        same = "yes" if got == want else f"NO ({sum((got - want).values())} extra, {sum((want - got).values())} missing)"
        print(f"{LABELS[config]}: the plain CLI's {sum(want.values()):,} rows, as sets: {same}")
        if (got - want) and (want - got):
            extra, missing = sorted(got - want, key=str)[0], sorted(want - got, key=str)[0]
            print("  first extra row against the first missing one:",
                  {c: (a, b) for c, a, b in zip(columns(), extra, missing) if a != b})


if __name__ == "__main__":
    main()
