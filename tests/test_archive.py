"""Archives on Dask (vn_dolisa_nlp.archive): a LocalCluster of two worker processes over the
sample reports and a broken file, the Parquet dataset against the plain command line's
rows, a worker killed mid-partition, and the command line's --dask."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from vn_dolisa_nlp import cli
from vn_dolisa_nlp.archive import (
    archive_files, balanced_partitions, dask_client, default_files_per_partition, extract_archive, partitions, province_of,
    read_records, records_frame, worker_config, write_partition, year_of,
)
from vn_dolisa_nlp.cli import main, process_file, process_files

from conftest import RAW

REPORTS = sorted(RAW.glob("*.txt"))


def rows_of(frame: pd.DataFrame) -> Counter:
    """Rows as hashable tuples of the command line's columns, nulls as None."""
    frame = frame[cli.columns()].astype(object)
    return Counter(tuple(None if pd.isna(v) else v for v in row) for row in frame.itertuples(index=False))


@pytest.fixture(scope="module")
def client():
    with dask_client(n_workers=2) as c:  # two worker processes of one thread
        yield c


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The four sample reports and a .docx that is not one."""
    folder = tmp_path_factory.mktemp("reports")
    for path in REPORTS:
        shutil.copy(path, folder / path.name)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 broken")
    return folder


@pytest.fixture(scope="module")
def plain(folder, tmp_path_factory) -> pd.DataFrame:
    """The plain command line's Parquet rows of the same folder."""
    out = tmp_path_factory.mktemp("plain") / "rows.parquet"
    assert main(["extract", str(folder), "-o", str(out), "--format", "parquet"]) == 1  # the broken file fails
    return pd.read_parquet(out)


def test_two_workers_give_the_plain_rows_and_one_failure(client, folder, plain, tmp_path):
    out = tmp_path / "records"
    archive = extract_archive(folder, out, client=client, files_per_partition=2)
    assert list(archive.failures.columns) == ["file", "reason"]
    assert archive.failures.file.tolist() == [str(folder / "broken.docx")]
    assert archive.failures.reason[0].startswith("unreadable")
    records = archive.records.compute()
    assert archive.n_records == len(records) == len(plain) > 900
    assert rows_of(records) == rows_of(plain)  # the same rows, each once
    assert set(records.source) == {str(folder / p.name) for p in REPORTS}
    assert max(rows_of(records).values()) == 1
    # hive folders by province and year; the Điện Biên report's 2023 figures in their own
    assert (out / "province=T%E1%BB%89nh%20%C4%90i%E1%BB%87n%20Bi%C3%AAn" / "year=2023").is_dir()
    dien_bien = records[records.source.str.endswith("000_d2ab505638247179.txt")]
    assert dien_bien.province.value_counts().index[0] == "Tỉnh Điện Biên"


def test_records_in_memory_without_output(client, folder, model):
    archive = extract_archive([folder / REPORTS[1].name, folder / "missing.txt"], client=client)
    frame = archive.records.compute()
    want = process_file(model, folder / REPORTS[1].name).records
    assert len(frame) == len(want) and archive.failures.file.tolist() == [str(folder / "missing.txt")]
    assert frame.value.tolist()[:20] == [r["value"] for r in want][:20]


def test_dask_dataset_round_trip_through_pandas_and_cli(client, folder, plain, tmp_path, capsys):
    out = tmp_path / "dataset"
    address = client.scheduler.address
    assert main(["extract", str(folder), "--dask", address, "--output", str(out), "--format", "parquet"]) == 1
    err = capsys.readouterr().err
    assert f"{folder / 'broken.docx'}: unreadable" in err and "4 file(s) read" in err and "1 failed" in err
    # pandas reads the hive dataset, the folders' names decoded and __HIVE_DEFAULT_PARTITION__ as null (with
    # Arrow types: pyarrow cannot yet make pandas categories of folders that include a null one)
    frame = pd.read_parquet(out, dtype_backend="pyarrow")
    assert rows_of(frame) == rows_of(plain)
    assert {"province", "year"} <= set(frame.columns)
    # a second run replaces its own dataset, and refuses a folder holding anything else
    assert main(["extract", str(folder / REPORTS[1].name), "--dask", address, "-o", str(out)]) == 0
    assert set(pd.read_parquet(out, dtype_backend="pyarrow").source) == {str(folder / REPORTS[1].name)}
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["extract", str(folder), "--dask", address, "-o", str(out)]) == 2
    assert (out / "notes.txt").exists()
    assert main(["extract", str(folder), "--dask", address, "-o", str(out), "--format", "csv"]) == 2
    assert main(["extract", str(folder), "--dask", address, "-o", str(out), "--n-process", "2"]) == 2


def test_partition_written_twice_is_there_once(tmp_path):
    rows = [{"source": "a.txt", "id": 0, "value": 11309.0, "place": "Tỉnh Điện Biên", "period": "2023"},
            {"source": "a.txt", "id": 1, "value": None, "place": "Huyện Điện Biên Đông", "period": "2023-11-15"},
            {"source": "a.txt", "id": 2, "value": 3.0, "place": None, "period": None}]
    part = (records_frame(rows), pd.DataFrame(columns=["file", "reason"]))
    write_partition(part, 7, str(tmp_path))
    write_partition(part, 7, str(tmp_path))  # the same partition run again (a retry)
    back = read_records(tmp_path).compute().sort_values("id")
    assert back.id.tolist() == [0, 1, 2]
    assert back.province.tolist()[:2] == ["Tỉnh Điện Biên", "Tỉnh Điện Biên"]  # a district's province
    assert pd.isna(back.province.iloc[2]) and pd.isna(back.year.iloc[2]) and pd.isna(back.value.iloc[1])


def test_province_and_year():
    assert year_of("2023-11-15") == 2023 and year_of("2021/2026") == 2021 and year_of(None) is None
    assert province_of({"place": "Thành phố Điện Biên Phủ"}) == "Tỉnh Điện Biên"
    assert province_of({"place": "Hàn Quốc"}) is None
    assert province_of({"place": "Tỉnh Cao Bằng", "province_2025": "Tỉnh Cao Bằng (2025)"}) == "Tỉnh Cao Bằng (2025)"


def test_files_and_partitions(folder):
    tasks = archive_files([str(folder / "*.txt")])
    assert [Path(p).name for p, _ in tasks] == [p.name for p in REPORTS]
    assert [len(g) for g in partitions(tasks, 3)] == [3, 1]
    assert default_files_per_partition(200, 2) == 8 and default_files_per_partition(10, 2) == 1
    groups = balanced_partitions(list(range(200)), 2)  # 25 groups of 8 would give one worker 104 files
    assert len(groups) % 2 == 0 and max(map(len, groups)) - min(map(len, groups)) <= 1
    assert [t for g in groups for t in g] == list(range(200))
    assert balanced_partitions([], 2) == [] and [len(g) for g in balanced_partitions([1, 2, 3], 2)] == [1, 1, 1]


class FailsOn:
    """The pipeline, failing on any text that holds ``marker`` (alone or in a batch)."""

    def __init__(self, nlp, marker: str) -> None:
        self.nlp, self.marker, self.max_length = nlp, marker, nlp.max_length

    def __call__(self, text):
        if self.marker in text:
            raise ValueError("a bad number")
        return self.nlp(text)

    def pipe(self, texts, batch_size=16):
        texts = list(texts)
        if any(self.marker in t for t in texts):
            raise ValueError("a bad number")
        return self.nlp.pipe(texts, batch_size=batch_size)


def test_process_files_is_process_file_for_each(model, sample_paragraphs, tmp_path):
    texts = ["\n".join(sample_paragraphs[i:i + 6]) for i in (0, 20, 40)]
    texts[1] += "\nMã lỗi QQQ: 12 hồ sơ."
    paths = []
    for i, text in enumerate(texts):
        paths.append(tmp_path / f"p{i}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    tasks = [(p, str(p)) for p in [paths[0], tmp_path / "empty.txt", *paths[1:]]]
    got = process_files(model, tasks)
    want = [process_file(model, p, s) for p, s in tasks]
    assert [(r.source, r.error, r.records) for r in got] == [(r.source, r.error, r.records) for r in want]
    assert got[1].error.startswith("empty") and sum(len(r.records or []) for r in got) > 10
    # a pipeline failure is the failing file's alone, even when the batch it was in failed
    failing = process_files(FailsOn(model, "QQQ"), tasks)
    assert failing[2].records is None and failing[2].error.startswith("pipeline error: ValueError")
    for k in (0, 1, 3):
        assert (failing[k].error, failing[k].records) == (want[k].error, want[k].records)


def _executing(dask_worker) -> list[str]:
    return [str(ts.key) for ts in dask_worker.state.executing]


def test_worker_killed_mid_partition(client, folder, plain, tmp_path):
    """SIGKILL a worker process while it runs a partition: the task runs again on a worker
    (the nanny restarts the dead one) and every file's rows are in the dataset once."""
    out = tmp_path / "records"
    pids = client.run(os.getpid)
    done: dict = {}

    def extract() -> None:
        try:
            done["archive"] = extract_archive(folder, out, client=client, files_per_partition=1)
        except Exception as err:  # shown by the test, not lost in the thread
            done["error"] = err

    run = threading.Thread(target=extract)
    run.start()
    killed = None
    deadline = time.monotonic() + 60
    while killed is None and run.is_alive() and time.monotonic() < deadline:
        for address, keys in client.run(_executing).items():
            if any(k.startswith("partition_records") for k in keys):
                os.kill(pids[address], signal.SIGKILL)
                killed = address
                break
        time.sleep(0.02)
    run.join(180)
    assert killed is not None, "no partition was seen running"
    assert "error" not in done, done.get("error")
    archive = done["archive"]
    assert archive.failures.file.tolist() == [str(folder / "broken.docx")]
    records = archive.records.compute()
    assert rows_of(records) == rows_of(plain)
    assert max(Counter(zip(records.source, records.id)).values()) == 1
    assert pids[killed] not in client.run(os.getpid).values()  # that process is gone, a new one took its place


def test_local_workers_run_without_profiler_and_eager_malloc_trim(client):
    """The LocalCluster's workers: no sampling profiler, glibc's own malloc trimming, still one BLAS thread."""
    import dask

    def settings():
        return (dask.config.get("distributed.worker.profile.enabled"), os.environ.get("MALLOC_TRIM_THRESHOLD_"),
                os.environ.get("OPENBLAS_NUM_THREADS"))

    assert set(client.run(settings).values()) == {(False, None, "1")}
    assert "MALLOC_TRIM_THRESHOLD_" not in worker_config()["distributed.nanny.pre-spawn-environ"]
