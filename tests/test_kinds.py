"""Kinds of numbers (vn_dolisa_nlp.kinds), on phrases from the reports."""

from __future__ import annotations

import pytest

from vn_dolisa_nlp.kinds import kind_of


@pytest.mark.parametrize("text, number, kind, direction", [
    ("Toàn tỉnh giải quyết việc làm mới cho 11.309 lao động, đạt 124,27%KH.", "124,27", "plan_ratio", None),
    ("tuyển sinh và đào tạo nghề cho 9.137 người, đạt 110,08% KH năm", "110,08", "plan_ratio", None),
    ("giải quyết việc làm cho 11.309 lao động (tăng 6,3% so với cùng kỳ năm 2022)", "6,3", "change", "increase"),
    ("Tỷ lệ hộ nghèo giảm còn 5,18%, giảm 5.784 hộ so với năm 2022.", "5.784", "change", "decrease"),
    ("Tỷ lệ hộ nghèo giảm còn 5,18%, giảm 5.784 hộ so với năm 2022.", "5,18", "value", None),
    ("Năm 2024 phấn đấu giải quyết việc làm cho 10.000 lao động.", "10.000", "target", None),
])
def test_kind_of_a_number(model, text, number, kind, direction):
    doc = model(text)
    q = next(e for e in doc.ents if e.label_ == "QUANTITY" and e.text == number)
    assert kind_of(q) == (kind, direction)


def test_a_plan_section_makes_targets(model):
    doc = model("Giải quyết việc làm cho 17.000 lao động.")
    q = next(e for e in doc.ents if e.label_ == "QUANTITY")
    assert kind_of(q, in_plan_section=True) == ("target", None)
