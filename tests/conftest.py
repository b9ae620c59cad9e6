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
def nlp():
    """The blank pipeline: our tokenizer, no trained components."""
    import vn_dolisa_nlp

    return vn_dolisa_nlp.blank()


@pytest.fixture(scope="session")
def found():
    """``found(nlp, text)``: the (text, label) of the rules' spans (``rules.find_entities``)."""
    from vn_dolisa_nlp.rules import find_entities

    return lambda nlp, text: [(s.text, s.label_) for s in find_entities(nlp(text))]


@pytest.fixture(scope="session")
def model():
    """The installed trained pipeline."""
    import vn_dolisa_nlp

    return vn_dolisa_nlp.load()
