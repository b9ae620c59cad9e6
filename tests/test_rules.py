"""The entity rules (``vn_dolisa_rules``) on phrases from the sample reports."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

import vn_dolisa_nlp
from vn_dolisa_nlp.rules import clean, find_entities


@pytest.fixture(scope="module")
def nlp():
    return vn_dolisa_nlp.blank()


def found(nlp, text: str) -> list[tuple[str, str]]:
    return [(s.text, s.label_) for s in find_entities(nlp(text))]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("giải quyết việc làm mới cho 11.309 lao động, đạt 124,27%KH",
         [("11.309", "QUANTITY"), ("lao động", "UNIT"), ("124,27", "QUANTITY"), ("%", "UNIT")]),
        ("số tiền chi trả TCTN là 20.914.369 triệu đồng", [("20.914.369", "QUANTITY"), ("triệu đồng", "UNIT")]),
        ("cho 499 lượt lao động", [("499", "QUANTITY"), ("lượt lao động", "UNIT")]),
        ("(tăng 6,3% so với cùng kỳ năm 2022)", [("6,3", "QUANTITY"), ("%", "UNIT"), ("cùng kỳ năm 2022", "DATE")]),
        ("Điện Biên, ngày tháng năm 2023", [("Điện Biên", "LOC"), ("ngày tháng năm 2023", "DATE")]),
        ("Nghị quyết số 08/2023/NQ-HĐND ngày 14/7/2023 của HĐND tỉnh",
         [("Nghị quyết số 08/2023/NQ-HĐND ngày 14/7/2023", "POLICY_DOC")]),
        ("theo quy định của Luật Thanh tra năm 2022", [("Luật Thanh tra", "POLICY_DOC"), ("năm 2022", "DATE")]),
        ("kết quả triển khai thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023",
         [("Chương trình mục tiêu quốc gia giảm nghèo bền vững", "POLICY_DOC"), ("năm 2023", "DATE")]),
        ("chuẩn hóa dữ liệu theo Đề án 06.", [("Đề án 06", "POLICY_DOC")]),
        ("Hỗ trợ thiếu đói dịp tết Nguyên đán Quý Mão năm 2023 cho 4.744 hộ",
         [("tết Nguyên đán Quý Mão năm 2023", "DATE"), ("4.744", "QUANTITY"), ("hộ", "UNIT")]),
        ("Ngày Thương binh – Liệt sĩ 27/7/1947 – 27/7/2023", [("27/7/1947 – 27/7/2023", "DATE")]),
        ("Trung tâm GDNN-GDTX huyện Tòa Chùa, Mường Chà, Điện Biên Đông",
         [("Mường Chà", "LOC"), ("Điện Biên Đông", "LOC")]),
    ],
)
def test_rules_find(nlp, text, expected):
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    "text,number",
    [
        ("| 1 | Tỷ lệ lực lượng lao động tham gia bảo hiểm xã hội | % | 31,2 |", "1"),
        ("Quốc tế thiếu nhi 1/6", "1/6"),
        ("nhân dịp Tết Nguyên đán Quý Mão 2023, được chuẩn bị chu đáo", "2023"),
        ("thực hiện Dự án 2 Chương trình Mục tiêu quốc gia", "2"),
        ("5.1 Công tác Trẻ em", "5.1"),
    ],
)
def test_numbers_that_are_not_quantities(nlp, text, number):
    doc = nlp(text)
    assert (number, "QUANTITY") not in [(s.text, s.label_) for s in find_entities(doc)]
    token = next(t for t in doc if t.text == number)
    assert clean([Span(doc, token.i, token.i + 1, label="QUANTITY")]) == []


def test_clean_mends_place_prefix(nlp):
    doc = nlp("Thành phố Huế 27 người, thị xã Hương Thủy 17")
    name = next(i for i, t in enumerate(doc) if t.text == "Hương Thủy")
    (mended,) = clean([Span(doc, name, name + 1, label="LOC")])
    assert mended.text == "thị xã Hương Thủy"
