"""The entity rules (``vn_dolisa_rules``) on phrases from the sample reports."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

import vn_dolisa_nlp
from vn_dolisa_nlp.rules import clean, find_entities


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
         [("Nghị quyết số 08/2023/NQ-HĐND ngày 14/7/2023", "POLICY_DOC"), ("HĐND tỉnh", "ORG")]),
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
def test_rules_find(found, nlp, text, expected):
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    "text,number",
    [
        ("| 1 | Tỷ lệ lực lượng lao động tham gia bảo hiểm xã hội | % | 31,2 |", "1"),
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


@pytest.mark.parametrize(
    "text,expected",
    [
        # a markdown table row: the indicator cell, the unit cell, the value (GUIDELINES, Tables)
        ("| 1 | Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội | % | 31,2 |",
         [("Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội", "INDICATOR"), ("%", "UNIT"),
          ("31,2", "QUANTITY")]),
        ("| | <i>Trong đó: Giảm tần suất tai nạn lao động chết người hàng năm</i> | % | 0,2 |",
         [("Giảm tần suất tai nạn lao động chết người hàng năm", "INDICATOR"), ("%", "UNIT"), ("0,2", "QUANTITY")]),
        ("| 6 | Tỷ lệ người khuyết tật có hoàn cảnh khó khăn được trợ giúp xã hội | % | Trên 90 |",
         [("Tỷ lệ người khuyết tật có hoàn cảnh khó khăn được trợ giúp xã hội", "INDICATOR"), ("%", "UNIT"),
          ("90", "QUANTITY")]),
        ("| TT | Chỉ tiêu | Đơn vị tính | Chỉ tiêu 2024 |\n|----|--|-------------|---------------|", []),
        # units joined by a slash or a comma, but not a rate's "/năm" or a place's prefix
        ("tại 6 xã/phường của 5 huyện/thị xã/thành phố.",
         [("6", "QUANTITY"), ("xã/phường", "UNIT"), ("5", "QUANTITY"), ("huyện/thị xã/thành phố", "UNIT")]),
        ("từ nguồn xã hội hóa: 206.021 đối tượng/suất, tổng kinh phí",
         [("206.021", "QUANTITY"), ("đối tượng/suất", "UNIT")]),
        ("Thành phố Huế 27 người, thị xã Hương Thủy 17",
         [("Thành phố Huế", "LOC"), ("27", "QUANTITY"), ("người", "UNIT"), ("thị xã Hương Thủy", "LOC"),
          ("17", "QUANTITY")]),
        # named days date their day/month; law amendments and quoted programme titles stay in the name
        ("Ngày người khuyết tật Việt Nam 18/4; Ngày người cao tuổi Việt Nam 6/6...",
         [("Việt Nam", "LOC"), ("18/4", "DATE"), ("Việt Nam", "LOC"), ("6/6", "DATE")]),
        ("tuyên truyền sâu rộng về Dự thảo Luật Bảo hiểm xã hội (sửa đổi), Tháng Hành động",
         [("Luật Bảo hiểm xã hội (sửa đổi)", "POLICY_DOC")]),
        ("thuộc Chương trình mục tiêu quốc gia “Phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số "
         "và miền núi giai đoạn 2021-2030”, năm 2023",
         [("Chương trình mục tiêu quốc gia “Phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền "
           "núi giai đoạn 2021-2030”", "POLICY_DOC"), ("năm 2023", "DATE")]),
        # organisations: a capitalised head and name, or a head and "tỉnh"
        ("Phối hợp với Phòng Thương mại và Công nghiệp Việt Nam (VCCI), Hiệp hội Doanh nghiệp tỉnh và các sở",
         [("Phòng Thương mại và Công nghiệp Việt Nam", "ORG"), ("Hiệp hội Doanh nghiệp tỉnh", "ORG")]),
        ("Đề án sáp nhập Trường Cao đẳng Nghề Thừa Thiên Huế và Trường Cao đẳng Sư phạm",
         [("Trường Cao đẳng Nghề Thừa Thiên Huế", "ORG"), ("Trường Cao đẳng Sư phạm", "ORG")]),
        ("Thanh tra tỉnh, Sở sẽ ban hành kế hoạch", [("Thanh tra tỉnh", "ORG")]),
        ("Tổ chức Hội nghị tập huấn nghiệp vụ", []),
    ],
)
def test_layout_unit_date_document_and_organisation_rules(found, nlp, text, expected):
    assert found(nlp, text) == expected


def test_clean_drops_and_trims_model_spans(nlp):
    doc = nlp("| 2 | Tỷ lệ tham gia bảo thất nghiệp | % | 23,9 |\nBộ Giáo dục và Đào tạo phê duyệt. "
              "Ban công tác đặc biệt của 02 tỉnh Salavan và Sekong")
    i = {t.text: t.i for t in doc}
    model = [Span(doc, i["23,9"], i["23,9"] + 1, label="QUANTITY"),
             Span(doc, i["23,9"] + 1, i["23,9"] + 2, label="UNIT"),  # the table bar after the value
             Span(doc, i["Bộ"], i["phê duyệt"] + 1, label="ORG"),
             Span(doc, i["02"], i["02"] + 1, label="QUANTITY"),
             Span(doc, i["tỉnh"], i["Salavan"] + 1, label="UNIT")]
    assert [(s.text, s.label_) for s in clean(model)] == [
        ("23,9", "QUANTITY"), ("Bộ Giáo dục và Đào tạo", "ORG"), ("02", "QUANTITY"), ("tỉnh", "UNIT")]


def test_place_inside_an_organisation_name_stays_in_it(model):
    doc = model("Đề án sáp nhập Trường Cao đẳng Nghề Thừa Thiên Huế và Trường Cao đẳng Sư phạm Thừa Thiên Huế")
    org = next(e for e in doc.ents if e.label_ == "ORG")
    assert org.text == "Trường Cao đẳng Nghề Thừa Thiên Huế"
    assert not any(e.label_ == "LOC" and org.start <= e.start < org.end for e in doc.ents)


def test_day_and_month_of_a_named_day_is_a_date(nlp):
    doc = nlp("hoạt động chào mừng Ngày Quốc tế thiếu nhi 1/6")
    assert ("1/6", "DATE") in [(s.text, s.label_) for s in find_entities(doc)]
    assert not any(s.label_ == "QUANTITY" for s in find_entities(doc))


def test_achieved_over_planned_gives_two_quantities(nlp):
    found = [(s.text, s.label_) for s in find_entities(nlp("đưa đi làm việc ở nước ngoài đạt 203.027/160.000 lao động"))]
    assert ("203.027", "QUANTITY") in found and ("160.000", "QUANTITY") in found and ("lao động", "UNIT") in found


def test_mended_model_spans_never_overlap():
    """Cao Bằng 2021: an ORG mended over the levels it serves and a LOC given its prefix both want
    ``huyện`` (``phòng Lao động - TBXH các [huyện] Hạ Lang``); the pipeline must not fail."""
    import vn_dolisa_nlp
    from spacy.tokens import Span
    from vn_dolisa_nlp.rules import clean

    doc = vn_dolisa_nlp.blank()("chỉ đạo phòng Lao động - TBXH các huyện Hạ Lang, Thông Nông")
    words = [t.text for t in doc]
    org = Span(doc, words.index("phòng"), words.index("huyện"), label="ORG")
    loc = Span(doc, words.index("Hạ Lang"), words.index("Hạ Lang") + 1, label="LOC")
    doc.ents = [org, loc]
    mended = clean(doc.ents)
    doc.ents = mended  # raises on overlapping spans
    assert ("LOC", "Hạ Lang") in [(e.label_, e.text) for e in mended] or \
        ("LOC", "huyện Hạ Lang") in [(e.label_, e.text) for e in mended]
