"""SPEC section 10 under bad input: no crash, exact offsets, finite values, NFD/CR like NFC/LF."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vn_dolisa_nlp.numbers import parse_number

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import fuzz  # noqa: E402

REPORT = ROOT / "corpus" / "raw" / "002_a320aa50b71624d7.txt"


@pytest.mark.parametrize("text, value", [
    ("11.309", 11309), ("124,27", 124.27), ("2.452,568", 2452.568), ("20.914.369", 20914369),
    ("1,234,567", 1234567), ("1.5", 1.5),
    ("1,234.56", None), ("1,5.3", None), ("1,2,3.4", None), ("2.452,56811.309", None),
    ("9" * 4301, None), ("9" * 309 + ",5", None), ("١٢٣", None), ("１２", None),
])
def test_numbers_never_raise_and_stay_finite(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["Chi 1,234.56 triệu đồng.", "tăng 1,5.3 lần", "đạt 1,2,3.4%",
                                  "giải quyết 2.452,56811.309 lao động", "có " + "9" * 4301 + " người",
                                  "chi " + "9" * 309 + ",5 đồng", "١٢٣ người", "１２ hộ", "", " ", "\x00\u200b\r"])
def test_unreadable_numbers_give_no_exception(model, text):
    doc = model(text)
    assert doc.text == text
    assert not fuzz.violations(doc)
    assert all(r["value"] is None or r["value"] < 1e30 for r in doc._.records)


def _rows(nlp, text: str) -> list[tuple]:
    return [(r["indicator"], r["value"], r["unit"], r["kind"], r["period"], r["place"]) for r in nlp(text)._.records]


def test_nfd_and_cr_only_give_the_records_of_nfc(model):
    text = REPORT.read_text(encoding="utf-8")
    nfc = _rows(model, text)
    assert len(nfc) > 150
    assert _rows(model, unicodedata.normalize("NFD", text)) == nfc
    assert _rows(model, text.replace("\n", "\r")) == nfc
    assert _rows(model, text.replace("\n", "\r\n")) == nfc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.randoms(use_true_random=False))
def test_fuzzed_report_text_keeps_every_invariant(model, rng):
    text = fuzz.make_string(rng, fuzz.report_lines())
    doc = model(text)
    assert doc.text == text
    assert not fuzz.violations(doc)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("0123456789.,/%- \n\r\t|()đạt tăng người hộ KH\u0301\u200b"))
               | st.characters(exclude_categories=("Cs",)), max_size=80))
def test_arbitrary_text_keeps_every_invariant(model, text):
    doc = model(text)
    assert doc.text == text
    assert not fuzz.violations(doc)


def test_broken_unicode_is_a_clear_error(model):
    with pytest.raises(ValueError, match="broken Unicode: an unpaired surrogate"):
        model("Giải quyết việc làm cho 11.309 lao động \ud800")
