"""Command line (SPEC section 10).

    vn-dolisa extract PATH... [--format jsonl|csv|parquet] [--output FILE] [--n-process N]
                              [--resume] [--verbose]
    vn-dolisa extract PATH... --dask [SCHEDULER_ADDRESS] --output DIR [--format parquet] [--n-process N]
    vn-dolisa segment PATH...

``extract`` reads report files (``.txt .md .docx .doc .pdf .html``, or folders of them)
and writes one row per record (SPEC section 5) with ``source``, the path as given.
Every file that fails, in reading, decoding, the pipeline or writing, is reported by
name and reason on standard error and the others go on; a summary line ends the run.
Each file's rows are written in one write and flushed, so that a run killed at any
moment leaves whole lines only, and ``--resume`` finishes it with every file once.
Exit status: 0 when every file succeeded, 1 when any failed, 2 for a usage error.

``--n-process N`` runs N worker processes (``spawn``, the pipeline loaded once in each);
they send back each file's records, never ``Doc`` objects.

``--dask`` runs the files on a Dask cluster (:mod:`vn_dolisa_nlp.archive`): the scheduler at
the address given, or a local cluster of ``--n-process`` workers, and writes a Parquet
dataset partitioned by province and year into the folder ``--output``, with Dask's
progress bar on standard error.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterator, Sequence

from .chunking import pipe, process
from .reading import Document, ReadError, Skipped, iter_paths, read, with_pages

FORMATS = ("jsonl", "csv", "parquet")
LOCAL = "local"  # --dask without an address


# -- one file --------------------------------------------------------------------------------

@dataclass
class Result:
    source: str
    records: list[dict] | None = None
    error: str | None = None           # "reason: detail" when the file failed
    warnings: list[str] = field(default_factory=list)


def _read_file(nlp, path: str | os.PathLike, source: str) -> tuple[Result, Document | None]:
    """The file's ``Result`` (no records yet) and its text, or ``None`` with the reason in
    the ``Result`` when it gives none the pipeline can take; never raises."""
    try:
        doc = read(path)
    except ReadError as err:
        return Result(source, error=f"{err.reason}: {err.detail}" if err.detail else err.reason), None
    except FileNotFoundError:
        return Result(source, error="unreadable: no such file"), None
    except IsADirectoryError:
        return Result(source, error="unreadable: a folder"), None
    except OSError as err:
        return Result(source, error=f"unreadable: {err.strerror or err}"), None
    except Exception as err:  # a reader's bug must not end the run
        return Result(source, error=f"unreadable: {type(err).__name__}: {err}"), None
    if len(doc.text) > nlp.max_length:
        return Result(source, error=f"too long: {len(doc.text):,} characters, more than nlp.max_length "
                                   f"({nlp.max_length:,})", warnings=doc.warnings), None
    return Result(source, warnings=doc.warnings), doc


def _pipeline_error(err: Exception) -> str:
    return f"pipeline error: {type(err).__name__}: {err}"


def process_file(nlp, path: str | os.PathLike, source: str | None = None) -> Result:
    """Read one file and run the pipeline on it; never raises."""
    res, doc = _read_file(nlp, path, os.fspath(path) if source is None else source)
    if doc is None:
        return res
    try:
        res.records = with_pages(process(nlp, doc.text)._.records, doc)
    except Exception as err:
        res.error = _pipeline_error(err)
    return res


def process_files(nlp, tasks: Sequence[tuple[str | os.PathLike, str]]) -> list[Result]:
    """:func:`process_file` for many ``(path, source)`` tasks, in order, the texts through
    :func:`vn_dolisa_nlp.chunking.pipe` (``nlp.pipe`` over the short ones). When the pipeline
    fails, the file at hand runs again alone, so each failure is its own file's; never raises."""
    read_ = [_read_file(nlp, path, source) for path, source in tasks]
    pending = [(res, doc) for res, doc in read_ if doc is not None]
    i = 0
    while i < len(pending):
        try:
            for doc in pipe(nlp, (d.text for _, d in pending[i:])):
                res, document = pending[i]
                res.records = with_pages(doc._.records, document)
                i += 1
        except Exception:
            res, document = pending[i]
            try:
                res.records = with_pages(process(nlp, document.text)._.records, document)
            except Exception as err:
                res.records, res.error = None, _pipeline_error(err)
            i += 1
    return [res for res, _ in read_]


# -- worker processes ------------------------------------------------------------------------
_WORKER_NLP = None


def _quiet_logs() -> None:
    """Warnings reach the user through the CLI's own messages, once."""
    import logging

    logger = logging.getLogger("vn_dolisa_nlp")
    logger.propagate = False
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())


def _load(model: str | None):
    """The pipeline, its objects moved out of the garbage collector's reach (``gc.freeze()``): they
    live as long as the run, and the collector no longer walks them between reports (about 8% faster,
    ``benchmarks/pipeline.py``)."""
    import gc

    import vn_dolisa_nlp

    nlp = vn_dolisa_nlp.load(model)
    gc.collect()
    gc.freeze()
    return nlp


def _init_worker(model: str | None) -> None:
    _quiet_logs()
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # one BLAS thread per worker: N workers on N cores, not N x N threads
    global _WORKER_NLP
    _WORKER_NLP = _load(model)


def _work(task: tuple[str, str]) -> Result:
    return process_file(_WORKER_NLP, task[0], task[1])


def _results(tasks: list[tuple[str, str]], n_process: int, model: str | None) -> Iterator[Result]:
    """The result of every task, in order."""
    if not tasks:
        return
    if n_process == 1:
        nlp = _load(model)
        for path, source in tasks:
            yield process_file(nlp, path, source)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(n_process, len(tasks)), mp_context=multiprocessing.get_context("spawn"),
                             initializer=_init_worker, initargs=(model,)) as pool:
        futures = [pool.submit(_work, t) for t in tasks]
        for (path, source), fut in zip(tasks, futures):
            try:
                yield fut.result()
            except Exception as err:  # a worker died (memory, a crash) or could not start
                yield Result(source, error=f"worker failed: {type(err).__name__}: {err}")


# -- writers ---------------------------------------------------------------------------------

def columns() -> list[str]:
    from .records import RECORD_KEYS

    keys = ["source", *RECORD_KEYS]
    return keys if "page" in keys else [*keys, "page"]


def _json_default(value: Any):
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_BULLET = re.compile(r"^\s*(?:[-+•*–]\s*)+")


def csv_cell(key: str, value: Any) -> Any:
    """A cell Excel shows as written: no leading list bullet in ``sentence``, no line
    breaks, and a text that Excel would run as a formula quoted with ``'``."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=_json_default)
    if key == "sentence":
        text = _BULLET.sub("", text)
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    if text.startswith(_FORMULA):
        text = "'" + text
    return text


PARQUET_INT = {"indicator_start", "indicator_end", "quantity_start", "quantity_end", "id", "parent", "paragraph",
               "page"}
PARQUET_FLOAT = {"value", "confidence"}


def parquet_schema(names: Sequence[str]):
    """The Arrow schema of rows with these columns: offsets, ids and pages int64, values
    and confidences float64, the rest strings (a value that is not text as JSON)."""
    import pyarrow as pa

    types = [pa.int64() if c in PARQUET_INT else pa.float64() if c in PARQUET_FLOAT else pa.string() for c in names]
    return pa.schema(list(zip(names, types)))


def parquet_cell(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key in PARQUET_INT:
        return int(value)
    if key in PARQUET_FLOAT:
        return float(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=_json_default)


def parquet_table(rows: Sequence[dict], schema):
    """``rows`` as an Arrow table of ``schema`` (see :func:`parquet_schema`)."""
    import pyarrow as pa

    return pa.Table.from_pydict({c: [parquet_cell(c, r.get(c)) for r in rows] for c in schema.names}, schema=schema)


class Writer:
    """Rows file by file: ``write`` serialises a file's rows, then writes them in one
    write and flushes. ``done`` holds the sources complete in an output resumed."""

    def __init__(self, fmt: str, output: str | None, resume: bool = False) -> None:
        self.fmt, self.output = fmt, output
        self.columns = columns()
        self.done: set[str] = set()
        self.stream: IO[str] | None = None
        self._parquet = None
        if fmt == "parquet":
            self._open_parquet(resume)
            return
        if output is None:
            self.stream = sys.stdout
            fresh = True
        else:
            fresh = not (resume and os.path.exists(output)) or not self._resume()
            self.stream = open(output, "w" if fresh else "a", encoding="utf-8", newline="")
        if fresh and fmt == "csv":
            buf = io.StringIO()
            csv.writer(buf).writerow(self.columns)
            self.stream.write("\ufeff" + buf.getvalue())
            self.stream.flush()

    # resuming: drop a trailing partial line and the last file's rows, which may be incomplete
    def _resume(self) -> bool:
        data = Path(self.output).read_bytes()
        cut = data.rfind(b"\n") + 1
        lines = data[:cut].split(b"\n")[:-1]
        offsets, pos = [], 0
        for line in lines:
            offsets.append(pos)
            pos += len(line) + 1
        sources: list[str | None] = []
        first = 0
        if self.fmt == "csv":
            if not lines or lines[0].decode("utf-8-sig", errors="replace").rstrip("\r") != \
                    self._header_line().rstrip("\r\n"):
                return False
            first = 1
            sources.append(None)
            for line in lines[1:]:
                row = next(csv.reader([line.decode("utf-8", errors="replace")]), [])
                sources.append(row[0] if row else None)
        else:
            for line in lines:
                try:
                    sources.append(json.loads(line).get("source"))
                except ValueError:
                    sources.append(None)
        if len(sources) > first:
            last = sources[-1]
            k = len(sources) - 1
            while k > first and sources[k - 1] == last:
                k -= 1
            cut = offsets[k]
            self.done = {s for s in sources[first:k] if s is not None}
        with open(self.output, "r+b") as f:
            f.truncate(cut)
        return True

    def _header_line(self) -> str:
        buf = io.StringIO()
        csv.writer(buf).writerow(self.columns)
        return buf.getvalue()

    def _open_parquet(self, resume: bool) -> None:
        if self.output is None:
            raise UsageError("--format parquet needs --output FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa, self._pq = pa, pq
        self._tmp = self.output + ".partial"
        old = None
        if resume and os.path.exists(self.output):
            try:
                old = pq.read_table(self.output)
                self.columns = old.schema.names
            except Exception:
                old = None
        self.schema = self._schema()
        self._parquet = pq.ParquetWriter(self._tmp, self.schema)
        if old is not None:
            self._parquet.write_table(old.cast(self.schema))
            self.done = set(old.column("source").to_pylist())

    def _schema(self):
        return parquet_schema(self.columns)

    def write(self, source: str, records: list[dict]) -> None:
        rows = [{"source": source, **rec} for rec in records]
        if self.fmt == "parquet":
            self._parquet.write_table(parquet_table(rows, self.schema))
            return
        if not rows:
            return
        if self.fmt == "csv":
            buf = io.StringIO()
            w = csv.writer(buf)
            for r in rows:
                w.writerow([csv_cell(c, r.get(c)) for c in self.columns])
            block = buf.getvalue()
        else:
            block = "".join(json.dumps(r, ensure_ascii=False, default=_json_default) + "\n" for r in rows)
        self.stream.write(block)
        self.stream.flush()

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
            os.replace(self._tmp, self.output)
        elif self.stream is not None and self.stream is not sys.stdout:
            self.stream.close()


class UsageError(Exception):
    pass


# -- extract ---------------------------------------------------------------------------------

def _say(message: str, progress=None) -> None:
    if progress is not None and not progress.disable:
        progress.write(message, file=sys.stderr)
    else:
        print(message, file=sys.stderr)


def _extract(args: argparse.Namespace) -> int:
    _quiet_logs()
    skipped: list[Skipped] = []
    items = list(iter_paths(args.paths, skipped))
    if args.output:
        out = os.path.realpath(args.output)
        given = {os.path.realpath(p) for p in args.paths}
        if out in given or any(os.path.realpath(p) == out for p, _ in items):
            raise UsageError(f"--output {args.output} is one of the inputs: refusing to overwrite it")
        if os.path.isdir(args.output) and args.dask is None:
            raise UsageError(f"--output {args.output} is a folder")
    if args.resume and not args.output:
        raise UsageError("--resume needs --output FILE")
    if args.dask is not None:
        return _extract_dask(args)
    args.format = args.format or "jsonl"
    writer = Writer(args.format, args.output, args.resume)
    tasks = [(str(p), source) for p, source in items if source not in writer.done]
    already = len(items) - len(tasks)
    from tqdm import tqdm

    progress = tqdm(total=len(tasks), unit="file", file=sys.stderr, dynamic_ncols=True,
                    disable=len(tasks) < 10 or not sys.stderr.isatty())
    n_ok = n_records = 0
    failures: list[str] = []
    try:
        for res in _results(tasks, args.n_process, args.model):
            for w in res.warnings:
                _say(f"vn-dolisa: warning: {res.source}: {w}", progress)
            if res.error is None:
                try:
                    writer.write(res.source, res.records)
                except BrokenPipeError:
                    raise
                except Exception as err:
                    res.error = f"cannot write its rows: {type(err).__name__}: {err}"
            if res.error is not None:
                failures.append(res.source)
                _say(f"vn-dolisa: {res.source}: {res.error}", progress)
            else:
                n_ok += 1
                n_records += len(res.records)
            progress.update(1)
    finally:
        progress.close()
        writer.close()
    if args.verbose:
        for s in skipped:
            print(f"vn-dolisa: skipped {s.path}: {s.reason}", file=sys.stderr)
    summary = (f"vn-dolisa: {n_ok} file(s) read, {n_records} record(s), {len(failures)} failed, "
               f"{len(skipped)} skipped")
    if args.resume:
        summary += f", {already} already in the output"
    print(summary, file=sys.stderr)
    return 1 if failures else 0


def _extract_dask(args: argparse.Namespace) -> int:
    """``extract --dask``: the files on a Dask cluster, written as a Parquet dataset
    (:mod:`vn_dolisa_nlp.archive`); failures and the summary as without ``--dask``."""
    address = None if args.dask == LOCAL else args.dask
    if args.format not in (None, "parquet"):
        raise UsageError("--dask writes a Parquet dataset: --format parquet")
    if not args.output:
        raise UsageError("--dask needs --output DIR, the folder of the Parquet dataset")
    if args.resume:
        raise UsageError("--dask does not resume: run it again, it replaces its dataset")
    if address is not None and os.path.exists(address):
        raise UsageError(f"--dask {address}: that is a path; put the paths before --dask, or give a scheduler address")
    if address is not None and args.n_process != 1:
        raise UsageError("--n-process is for a local cluster; the scheduler at --dask ADDRESS has its own workers")
    from .archive import extract_archive

    try:
        archive = extract_archive(args.paths, args.output, client=address, n_workers=args.n_process,
                                  model=args.model, progress=sys.stderr.isatty())
    except FileExistsError as err:
        raise UsageError(str(err)) from None
    for file, reason in archive.failures.itertuples(index=False):
        print(f"vn-dolisa: {file}: {reason}", file=sys.stderr)
    if args.verbose:
        for s in archive.skipped:
            print(f"vn-dolisa: skipped {s.path}: {s.reason}", file=sys.stderr)
        print("vn-dolisa: dask: " + ", ".join(f"{k} {v:.1f} s" for k, v in archive.seconds.items()), file=sys.stderr)
    n_failed = len(archive.failures)
    print(f"vn-dolisa: {archive.files - n_failed} file(s) read, {archive.n_records} record(s), {n_failed} failed, "
          f"{len(archive.skipped)} skipped", file=sys.stderr)
    return 1 if n_failed else 0


def _segment(args: argparse.Namespace) -> int:
    import vn_dolisa_nlp

    nlp = vn_dolisa_nlp.blank()
    failed = 0
    for path, source in iter_paths(args.paths):
        try:
            text = read(path).text
        except (ReadError, OSError) as err:
            print(f"vn-dolisa: {source}: {getattr(err, 'reason', None) or err}", file=sys.stderr)
            failed += 1
            continue
        for sent in nlp(text).sents:
            words = [t.text.replace(" ", "_") for t in sent if not t.is_space]
            if words:
                print(" ".join(words))
    return 1 if failed else 0


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {n}")
    return n


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vn-dolisa", description="Vietnamese DOLISA reports as data.")
    sub = parser.add_subparsers(dest="command", required=True)
    ext = sub.add_parser("extract", help="write the records of reports (files or folders) as JSON lines, CSV or Parquet")
    ext.add_argument("paths", nargs="+", help="report files (.txt .md .docx .doc .pdf .html) or folders of them")
    ext.add_argument("--format", choices=FORMATS, default=None,
                     help="jsonl (default), csv (UTF-8 with BOM, for Excel) or parquet (needs --output; "
                          "the default with --dask)")
    ext.add_argument("--output", "-o", help="write here instead of standard output (with --dask: a folder)")
    ext.add_argument("--n-process", type=_positive, default=1, metavar="N",
                     help="worker processes, each with its own pipeline (default 1; with --dask and no "
                          "address: the local cluster's workers)")
    ext.add_argument("--dask", nargs="?", const=LOCAL, default=None, metavar="SCHEDULER_ADDRESS",
                     help="run on Dask: the scheduler at this address (tcp://host:8786), or without one a "
                          "local cluster of --n-process workers; writes a Parquet dataset partitioned by "
                          "province and year to --output DIR")
    ext.add_argument("--resume", action="store_true",
                     help="keep the rows already in --output and read only the files not complete in it")
    ext.add_argument("--verbose", "-v", action="store_true", help="list the files skipped in folders")
    ext.add_argument("--model", default=None, help="pipeline to load (default: the installed vi_dolisa_sm)")
    ext.set_defaults(func=_extract)
    seg = sub.add_parser("segment", help="print word-segmented sentences (words joined with '_')")
    seg.add_argument("paths", nargs="+", help="report files or folders")
    seg.set_defaults(func=_segment)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return args.func(args)
    except UsageError as err:
        print(f"vn-dolisa: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
