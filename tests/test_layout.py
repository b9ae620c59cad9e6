"""The layout found once per Doc: lines, headings, table rows (vn_dolisa_nlp.layout)."""

from __future__ import annotations

import pytest

import vn_dolisa_nlp
from vn_dolisa_nlp.layout import ents_by_line, find_lines, is_heading

TABLE = ("| TT | Chỉ tiêu | Đơn vị tính | Chỉ tiêu 2024 |\n|----|--|-------------|---------------|\n"
         "| 1 | Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội | % | 31,2 |")


@pytest.fixture(scope="module")
def blank():
    return vn_dolisa_nlp.blank()


@pytest.mark.parametrize("line, heading", [
    ("PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM, GIẢI PHÁP CHỦ YẾU NĂM 2024", True),
    ("2.1. Chỉ tiêu kinh tế - xã hội", True),
    ("II. NHIỆM VỤ VÀ GIẢI PHÁP NĂM 2024", True),
    ("a) Giải quyết việc làm cho 17.000 lao động, trong đó đưa 2.050 người lao động đi làm việc ở nước ngoài.", False),
])
def test_headings(line, heading):
    assert is_heading(line) is heading


def test_lines_are_labelled_and_skip_empty_ones(blank):
    text = "Phần II\n\nPHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2024\n   \nI. MỤC TIÊU, CHỈ TIÊU\n" + TABLE
    lines = find_lines(blank(text))
    assert [ln.label_ for ln in lines] == ["part", "heading", "section", "table_header", "table_rule", "table_row"]
    assert lines[-1].text.startswith("| 1 |")


def test_every_line_break_splits(blank):
    for sep in ("\n", "\r", "\r\n", "\u2028"):
        doc = blank(sep.join(["Dòng một có 12 hộ.", "Dòng hai có 15 hộ."]))
        assert [ln.text for ln in find_lines(doc)] == ["Dòng một có 12 hộ.", "Dòng hai có 15 hộ."]


def test_pipeline_writes_lines_and_entities_by_line(model):
    doc = model("Giải quyết việc làm cho 17.000 lao động.\nTỷ lệ hộ nghèo giảm còn 5,18%.")
    assert len(doc.spans["lines"]) == 2
    by_line = ents_by_line(doc)
    assert [e.text for e in by_line[0] if e.label_ == "QUANTITY"] == ["17.000"]
    assert [e.text for e in by_line[1] if e.label_ == "QUANTITY"] == ["5,18"]
