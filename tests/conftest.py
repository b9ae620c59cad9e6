from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "corpus" / "raw"


@pytest.fixture(scope="session")
def sample_report_text() -> str:
    """The Điện Biên 2023 report, as given."""
    return (RAW / "000_d2ab505638247179.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_paragraphs(sample_report_text) -> list[str]:
    """The non-empty lines of the Điện Biên report."""
    return [line for line in sample_report_text.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def model():
    """The installed trained pipeline."""
    import vn_dolisa_nlp

    return vn_dolisa_nlp.load()
