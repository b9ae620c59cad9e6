"""The notebooks run top to bottom, offline, and show real figures."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def run(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def outputs(nb) -> str:
    text = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text.append(out.get("text", "") + str(out.get("data", {}).get("text/plain", "")))
    return "\n".join(text)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path):
    nb = run(path)
    if path.stem == "01_quickstart":
        shown = outputs(nb)
        assert "jobs_created" in shown and "11309" in shown
    if path.stem == "02_compare_reports":
        assert (path.parent / "compare_reports.png").exists()
    if path.stem == "04_archive":
        shown = outputs(nb)
        assert "4 files," in shown and "0 failed" in shown and "Tỉnh Điện Biên  2023  11309.0" in shown
        assert (path.parent / "archive_compare.png").exists()
        assert any((path.parent / "archive_records").glob("province=*/year=*/part-*.parquet"))


def test_four_notebooks():
    assert [p.stem for p in NOTEBOOKS] == ["01_quickstart", "02_compare_reports", "03_extend", "04_archive"]
