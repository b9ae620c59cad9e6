"""Whole documents chunk by chunk (vn_dolisa_nlp.chunking), on the sample reports."""

from __future__ import annotations

import pytest

from vn_dolisa_nlp.chunking import chunks, process

from conftest import RAW

REPORTS = sorted(RAW.glob("*.txt"))


@pytest.mark.parametrize("path", REPORTS[:2], ids=lambda p: p.name)
def test_chunked_document_gives_the_records_of_one_doc(model, path):
    text = path.read_text(encoding="utf-8")
    parts = chunks(text, 5000)
    assert len(parts) > 3 and "".join(parts) == text
    assert all(p.endswith("\n") for p in parts[:-1])
    doc = process(model, text, 5000)
    assert doc.text == text
    whole = model(text)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == \
        [(e.start_char, e.end_char, e.label_) for e in whole.ents]
    assert doc._.records == whole._.records


def test_short_text_is_one_doc(model):
    assert process(model, "Giải quyết việc làm cho 11.309 lao động.")._.records[0]["value"] == 11309
