"""Archives on Dask: the command line's extraction over thousands of report files, on one
machine or a cluster.

    >>> from vn_dolisa_nlp.archive import extract_archive
    >>> archive = extract_archive("reports/", "records/", n_workers=4)   # a LocalCluster of 4 processes
    >>> archive.records.groupby("province").value.count().compute()      # a Dask DataFrame
    >>> archive.failures                                                 # pandas: file, reason

The files (a list, folders, globs: :func:`archive_files`) are cut into partitions, groups
of ``files_per_partition`` consecutive files, one Dask task each. Every worker process loads
the pipeline once (:class:`PipelinePlugin`, one BLAS thread) and runs a partition as the
command line runs its files (:func:`vn_dolisa_nlp.cli.process_files`: ``nlp.pipe`` over the
partition's texts, each failure its own file's). A partition returns its records and its
failures, or with ``output`` writes its records itself (:func:`write_partition`) under file
names of its own, so a partition run twice (a retried task, a worker killed mid-partition
and its task run again elsewhere) replaces its files and no file's rows appear twice.

Records carry the columns of SPEC section 5 with ``source`` (:func:`vn_dolisa_nlp.cli.columns`),
typed as the command line's Parquet, and two more that the dataset is partitioned by
(hive folders ``province=.../year=...``): ``province``, the record's ``province_2025`` when it
has one, else the province of its ``place`` (the unit's own era; a name that several provinces
have is read as the report's own province), and ``year``, the first four digits of ``period``.
A file that fails, or every file of a partition whose worker died too often
(``distributed.scheduler.allowed-failures``), is a row of ``failures``; nothing is raised away.
"""

from __future__ import annotations

import glob
import math
import os
import shutil
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

import dask
from distributed import Client, LocalCluster, WorkerPlugin, wait

from .cli import columns, parquet_schema, parquet_table, process_files
from .reading import Skipped, iter_paths

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd

FAILURE_COLUMNS = ("file", "reason")
PARTITION_COLUMNS = ("province", "year")
MAX_FILES_PER_PARTITION = 8
Task = tuple[str, str]  # (path, source)


# -- files and partitions --------------------------------------------------------------------

def archive_files(paths: str | os.PathLike | Iterable[str | os.PathLike],
                  skipped: list[Skipped] | None = None) -> list[Task]:
    """``(path, source)`` of every report file named, in the folders named, or matched by a
    glob (``reports/**/*.docx``, recursive), each file once (:func:`vn_dolisa_nlp.reading.iter_paths`)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    expanded: list[str] = []
    for p in map(os.fspath, paths):
        matches = sorted(glob.glob(p, recursive=True)) if glob.has_magic(p) and not os.path.exists(p) else []
        expanded.extend(matches or [p])
    return [(str(path), source) for path, source in iter_paths(expanded, skipped)]


def partitions(tasks: Sequence[Task], files_per_partition: int) -> list[list[Task]]:
    """Consecutive groups of ``files_per_partition`` files."""
    return [list(tasks[i:i + files_per_partition]) for i in range(0, len(tasks), files_per_partition)]


def balanced_partitions(tasks: Sequence[Task], n_workers: int) -> list[list[Task]]:
    """Consecutive groups of near-equal size (they differ by one file at most), as many as a
    multiple of ``n_workers`` (about eight per worker, at most :data:`MAX_FILES_PER_PARTITION`
    files each), so that every worker gets the same share and the last ones end together."""
    n_workers = max(n_workers, 1)
    size = default_files_per_partition(len(tasks), n_workers)
    count = math.ceil(len(tasks) / size) if tasks else 0
    count = min(len(tasks), math.ceil(count / n_workers) * n_workers)
    bounds = [round(i * len(tasks) / count) for i in range(count + 1)] if count else [0]
    return [list(tasks[a:b]) for a, b in zip(bounds, bounds[1:]) if b > a]


def default_files_per_partition(n_files: int, n_workers: int) -> int:
    """About eight partitions per worker, so that the last ones end together; at most
    :data:`MAX_FILES_PER_PARTITION` files each."""
    return max(1, min(MAX_FILES_PER_PARTITION, math.ceil(n_files / (8 * max(n_workers, 1)))))


# -- columns ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _unit_provinces() -> dict[str, frozenset[str]]:
    """Canonical name of an administrative unit -> canonical names of the provinces it is in."""
    from .lexicon import gazetteer

    province_name = {(u["era"], u["name"]): u["canonical"] for u in gazetteer() if u["level"] == "province"}
    found: dict[str, set[str]] = {}
    for u in gazetteer():
        province = province_name.get((u["era"], u["province"]))
        if province is not None:
            found.setdefault(u["canonical"], set()).add(province)
    return {name: frozenset(p) for name, p in found.items()}


def province_of(record: dict, report_province: str | None = None) -> str | None:
    """``province_2025`` when the record has it, else the province of its ``place``; a place
    that several provinces have is taken to be in ``report_province`` when that is one of them."""
    if record.get("province_2025"):
        return record["province_2025"]
    candidates = _unit_provinces().get(record.get("place") or "", frozenset())
    if len(candidates) == 1:
        return next(iter(candidates))
    return report_province if report_province in candidates else None


def year_of(period: str | None) -> int | None:
    """The year of a ``period`` (``2023``, ``2023-11-15``, ``2021/2026`` -> 2021)."""
    digits = period[:4] if period else ""
    return int(digits) if len(digits) == 4 and digits.isdigit() else None


@lru_cache(maxsize=1)
def record_schema():
    """The Arrow schema of the records: the command line's Parquet columns, then
    :data:`PARTITION_COLUMNS`."""
    import pyarrow as pa

    return parquet_schema(columns()).append(pa.field("province", pa.string())).append(pa.field("year", pa.int64()))


def partition_schema():
    """The hive folders' keys: :data:`PARTITION_COLUMNS` with their types."""
    import pyarrow as pa

    return pa.schema([record_schema().field(c) for c in PARTITION_COLUMNS])


def read_records(output: str | os.PathLike) -> "dd.DataFrame":
    """The records of an archive's Parquet dataset, as Dask reads it (columns and types of
    :func:`record_schema`; the folders' URI-encoded names decoded, as DuckDB decodes them)."""
    import dask.dataframe as dd
    import pyarrow.dataset as ds

    return dd.read_parquet(os.fspath(output), dataset={"partitioning": ds.partitioning(partition_schema(),
                                                                                        flavor="hive")})


def records_frame(rows: Sequence[dict]) -> "pd.DataFrame":
    """CLI rows (``source`` and the SPEC keys) as a pandas frame of :func:`record_schema`
    (Arrow-backed columns, so missing values stay null), ``province`` and ``year`` added."""
    import pandas as pd

    by_file: dict[str, Counter] = {}
    for row in rows:
        unique = province_of({"place": row.get("place")}) if not row.get("province_2025") else None
        if unique:
            by_file.setdefault(row["source"], Counter())[unique] += 1
    report = {source: counts.most_common(1)[0][0] for source, counts in by_file.items()}
    import pyarrow as pa

    table = parquet_table(rows, parquet_schema(columns()))
    table = table.append_column(record_schema().field("province"),
                                pa.array([province_of(r, report.get(r["source"])) for r in rows], pa.string()))
    table = table.append_column(record_schema().field("year"), pa.array([year_of(r.get("period")) for r in rows],
                                                                          pa.int64()))
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def failures_frame(rows: Iterable[tuple[str, str]]) -> "pd.DataFrame":
    import pandas as pd

    return pd.DataFrame(list(rows), columns=list(FAILURE_COLUMNS))


# -- on the workers --------------------------------------------------------------------------

_PIPELINES: dict = {}
_LOCK = threading.Lock()  # one partition at a time per process: a pipeline is not shared by threads


def worker_pipeline(model: str | None = None):
    """This process's pipeline, loaded on first use, with one BLAS thread (a worker per core)."""
    with _LOCK:
        if model not in _PIPELINES:
            from threadpoolctl import threadpool_limits

            import vn_dolisa_nlp

            from .cli import _quiet_logs

            _quiet_logs()
            threadpool_limits(1)
            _PIPELINES[model] = vn_dolisa_nlp.load(model)
        return _PIPELINES[model]


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline when a worker starts (a worker restarted after a crash too)."""

    name = "vn-dolisa-pipeline"

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    def setup(self, worker) -> None:
        worker_pipeline(self.model)


def partition_records(tasks: Sequence[Task], model: str | None = None) -> tuple["pd.DataFrame", "pd.DataFrame"]:
    """The records and the failures of a partition's files; never raises for a file."""
    nlp = worker_pipeline(model)
    rows: list[dict] = []
    failed: list[tuple[str, str]] = []
    with _LOCK:
        results = process_files(nlp, tasks)
    for res in results:
        if res.error is None:
            rows.extend({"source": res.source, **rec} for rec in res.records)
        else:
            failed.append((res.source, res.error))
    return records_frame(rows), failures_frame(failed)


def _part_name(index: int) -> str:
    return f"part-{index:06d}"


def write_partition(part: tuple["pd.DataFrame", "pd.DataFrame"], index: int, output: str) -> tuple["pd.DataFrame", int]:
    """Write a partition's records under ``output`` (hive folders of :data:`PARTITION_COLUMNS`,
    files ``part-<index>-<n>.parquet``, replaced when the partition runs again); its
    failures and number of records."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    records, failures = part
    if len(records):
        schema = record_schema()
        keys = partition_schema()
        ds.write_dataset(pa.Table.from_pandas(records, schema=schema, preserve_index=False), output,
                         format="parquet", partitioning=ds.partitioning(keys, flavor="hive"),
                         basename_template=_part_name(index) + "-{i}.parquet",
                         existing_data_behavior="overwrite_or_ignore")
    return failures, len(records)


def _remove_partition(output: str, index: int) -> None:
    for path in Path(output).glob(f"**/{_part_name(index)}-*.parquet"):
        path.unlink()


# -- the run ---------------------------------------------------------------------------------

@dataclass
class Archive:
    """The result of :func:`extract_archive`."""

    records: "dd.DataFrame"              # one row per record: columns() + province, year
    failures: "pd.DataFrame"             # file, reason
    files: int                           # files given (after folder walks and globs)
    n_records: int
    skipped: list[Skipped] = field(default_factory=list)  # left out of folder walks
    seconds: dict[str, float] = field(default_factory=dict)  # start, load, run


def worker_config() -> dict:
    """Dask settings for workers that run the pipeline: no sampling profiler (it walks the task
    thread's stack every 10 ms) and glibc's own malloc trimming instead of Dask's 64 KiB
    ``MALLOC_TRIM_THRESHOLD_`` (freed memory goes back to the system at once, and the next
    batch asks for it again); both cost a worker that computes all the time."""
    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    return {"distributed.worker.profile.enabled": False, "distributed.nanny.pre-spawn-environ": environ}


@contextmanager
def dask_client(address: str | None = None, n_workers: int | None = None) -> Iterator[Client]:
    """A client of the scheduler at ``address``, or of a new ``LocalCluster`` of
    ``n_workers`` processes of one thread each (default: one per core), with
    :func:`worker_config`, closed after."""
    if address:
        with Client(address) as client:
            yield client
        return
    with dask.config.set(worker_config()), \
            LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


def _prepare_output(output: str) -> str:
    """``output`` as an absolute folder path (the workers write there); a dataset of an
    earlier run is removed, any other content refuses the run."""
    output = os.path.abspath(output)
    if os.path.isfile(output):
        raise FileExistsError(f"{output} is a file: an archive's output is a folder")
    if os.path.isdir(output) and os.listdir(output):
        files = [p for p in Path(output).rglob("*") if p.is_file()]
        if not all(p.suffix == ".parquet" and all("=" in d for d in p.relative_to(output).parts[:-1])
                   and len(p.relative_to(output).parts) > 1 for p in files):
            raise FileExistsError(f"{output} holds other files than an archive's Parquet dataset: refusing to "
                                  f"overwrite it")
        shutil.rmtree(output)
    return output


def _show_progress(futures) -> None:
    """Dask's console progress bar, on standard error."""
    import sys
    from contextlib import redirect_stdout

    from distributed import progress

    with redirect_stdout(sys.stderr):
        progress(futures, notebook=False)


def extract_archive(paths: str | os.PathLike | Iterable[str | os.PathLike], output: str | os.PathLike | None = None, *,
                    client: Client | str | None = None, n_workers: int | None = None,
                    files_per_partition: int | None = None, model: str | None = None, retries: int = 2,
                    progress: bool = False) -> Archive:
    """The records of every report file in ``paths`` (see the module docstring).

    ``client``: a ``distributed.Client``, a scheduler address, or None for a ``LocalCluster``
    of ``n_workers`` processes started for this run. With ``output`` (a folder) the records
    are written there as a Parquet dataset and ``records`` reads it; without, they are kept in
    the cluster's memory (a client given) or in this process (a local cluster, closed after).
    ``retries``: Dask's retries of a partition that raised.
    """
    skipped: list[Skipped] = []
    tasks = archive_files(paths, skipped)
    output = _prepare_output(os.fspath(output)) if output is not None else None
    run = (tasks, skipped, output, files_per_partition, model, retries, progress)
    if client is None or isinstance(client, str):
        started = time.perf_counter()
        with dask_client(client, n_workers) as own:
            return _extract(own, *run, started, own=True)
    return _extract(client, *run, time.perf_counter(), own=False)


def _extract(client: Client, tasks: list[Task], skipped: list[Skipped], output: str | None,
             files_per_partition: int | None, model: str | None, retries: int, progress: bool, started: float,
             own: bool) -> Archive:
    import operator

    import dask.dataframe as dd
    import pandas as pd

    seconds = {"start": time.perf_counter() - started}
    t = time.perf_counter()
    client.register_plugin(PipelinePlugin(model))
    seconds["load"] = time.perf_counter() - t
    t = time.perf_counter()
    n_workers = len(client.scheduler_info().get("workers", {})) or 1
    groups = partitions(tasks, files_per_partition) if files_per_partition else balanced_partitions(tasks, n_workers)
    parts = client.map(partition_records, groups, model=model, retries=retries, pure=False)
    if output is not None:
        finals = client.map(write_partition, parts, range(len(groups)), output=output, retries=retries, pure=False)
        del parts  # each partition's records are released once written
    else:
        finals = parts
    if progress and finals:
        _show_progress(finals)
    wait(finals)
    failures, record_parts, n_records = [], [], 0
    for index, (group, fut) in enumerate(zip(groups, finals)):
        if fut.status != "finished":
            try:
                err = fut.exception()
            except Exception as cancelled:  # a future cancelled has no exception to give
                err = cancelled
            if output is not None:
                _remove_partition(output, index)
            failures.append(failures_frame((source, f"partition failed: {type(err).__name__}: {err}")
                                           for _, source in group))
            continue
        if output is not None:
            failed, n = fut.result()
        else:
            record_parts.append(client.submit(operator.itemgetter(0), fut, pure=False))
            failed = client.submit(operator.itemgetter(1), fut, pure=False).result()
        failures.append(failed)
    failures_table = pd.concat(failures, ignore_index=True) if failures else failures_frame([])
    meta = records_frame([])
    if output is not None:
        n_records = sum(fut.result()[1] for fut in finals if fut.status == "finished")
        records = read_records(output) if n_records else dd.from_pandas(meta, npartitions=1)
    elif own:
        frame = pd.concat(client.gather(record_parts), ignore_index=True) if record_parts else meta
        n_records = len(frame)
        records = dd.from_pandas(frame, npartitions=max(1, len(record_parts)))
    else:
        n_records = sum(client.gather(client.map(len, record_parts, pure=False)))
        records = dd.from_delayed(record_parts, meta=meta, verify_meta=False) if record_parts else \
            dd.from_pandas(meta, npartitions=1)
    seconds["run"] = time.perf_counter() - t
    return Archive(records, failures_table, len(tasks), n_records, skipped, seconds)
