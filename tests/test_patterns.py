"""The rule patterns (``vn_dolisa_nlp.patterns``) on phrases of the real reports (``corpus/raw``)."""

from __future__ import annotations

import unicodedata

import pytest
from spacy.tokens import Doc

from vn_dolisa_nlp.patterns import RULES, RulePatterns, place_phrases, splits
from vn_dolisa_nlp.rules import find_entities
from vn_dolisa_nlp.vocabulary import LABELS


@pytest.mark.parametrize(
    "text,expected",
    [
        # dates: a header's full date, lead words, quarters, ranges, holidays, named days
        ("Đắk Nông, ngày 18 tháng 01 năm 2024", [("Đắk Nông", "LOC"), ("ngày 18 tháng 01 năm 2024", "DATE")]),
        ("đến cuối năm 2023, tỷ lệ hộ nghèo", [("cuối năm 2023", "DATE")]),
        ("tình trạng huyện nghèo đặc biệt khó khăn vào Quý I/2024.", [("Quý I/2024", "DATE")]),
        ("vệ sinh lao động tỉnh Điện Biên giai đoạn 2022 - 2025; (3) Chương trình tổ chức Lễ",
         [("tỉnh Điện Biên", "LOC"), ("giai đoạn 2022 - 2025", "DATE")]),
        ("- Nhân dịp kỷ niệm 76 năm Ngày Thương binh – Liệt sĩ 27/7/1947 – 27/7/2023 tổ chức",
         [("76", "QUANTITY"), ("năm", "UNIT"), ("27/7/1947 – 27/7/2023", "DATE")]),
        ("Thực hiện dịch vụ công thiết yếu theo Đề án 06: Từ ngày 01/01/2023 đến 07/12/2023",
         [("Đề án 06", "POLICY_DOC"), ("ngày 01/01/2023", "DATE"), ("07/12/2023", "DATE")]),
        ("(tăng 6,3% so với cùng kỳ năm 2022); trong đó",
         [("6,3", "QUANTITY"), ("%", "UNIT"), ("cùng kỳ năm 2022", "DATE")]),
        # documents: a code with its type word and issue date, the report's header code, programmes
        ("Nghị Quyết số 50/2020/NQ-HĐND ngày 16/12/2020 của Hội đồng nhân dân tỉnh",
         [("Nghị Quyết số 50/2020/NQ-HĐND ngày 16/12/2020", "POLICY_DOC")]),
        ("Số: /BC-SLĐTBXH", [("/BC-SLĐTBXH", "POLICY_DOC")]),
        ("người lao động vùng DTTS và MN” thuộc Dự án 5 của CTMTQG phát triển KTXH vùng đồng bào",
         [("Dự án 5", "POLICY_DOC"), ("CTMTQG phát triển KTXH vùng đồng bào", "POLICY_DOC")]),
        # places with their prefix, bare districts, countries; a village the gazetteer lacks is none
        ("thuộc địa bàn bản Nậm Cút, xã Nậm Nèn, huyện Mường Chà, tỉnh Điện Biên; (2) Vụ tai nạn",
         [("xã Nậm Nèn", "LOC"), ("huyện Mường Chà", "LOC"), ("tỉnh Điện Biên", "LOC")]),
        ("¹ Trong đó: Hàn Quốc 40 người; Nhật Bản 127 người;",
         [("Hàn Quốc", "LOC"), ("40", "QUANTITY"), ("người", "UNIT"), ("Nhật Bản", "LOC"), ("127", "QUANTITY"),
          ("người", "UNIT")]),
        # units: a classifier with its noun, comma-joined alternatives, a bare scale word
        ("cho trên 1.300 lượt cán bộ, công chức và cộng tác viên", [("1.300", "QUANTITY"), ("lượt cán bộ", "UNIT")]),
        ("không có tệ nạn ma túy, mai dâm là 63 xã, phường, thị trấn, trong đó",
         [("63", "QUANTITY"), ("xã, phường, thị trấn", "UNIT")]),
        ("với tổng số vốn 25.570 triệu", [("25.570", "QUANTITY"), ("triệu", "UNIT")]),
    ],
)
def test_patterns_find(found, nlp, text, expected):
    assert found(nlp, text) == expected


def test_place_names_in_every_spelling_the_lookup_reads(found, nlp):
    """``Đăk Glong`` (the gazetteer) is also written ``Đắk Glong`` (a written report)."""
    assert {"đăk glong", "đắk glong"} <= place_phrases()
    text = "tỉnh đã phân bổ 186,5 tỷ đồng vốn cho các huyện Đắk Glong, Tuy Đức, Krông Nô;"
    assert ("huyện Đắk Glong", "LOC") in found(nlp, text)
    assert ("huyện Đăk Glong", "LOC") in found(nlp, text.replace("Đắk", "Đăk"))


@pytest.mark.parametrize("words", [["huyện", "Điện Biên Đông"], ["huyện", "Điện Biên", "Đông"],
                                   ["huyện", "Điện", "Biên", "Đông"]])
def test_a_place_name_in_any_segmentation(nlp, words):
    """The segmenter may cut a name anywhere: each cut into at most three tokens is a pattern."""
    doc = Doc(nlp.vocab, words=[*words, "và", "thành phố", "Điện Biên Phủ"])
    assert [(s.text, s.label_) for s in find_entities(doc)] == [
        (" ".join(words), "LOC"), ("thành phố Điện Biên Phủ", "LOC")]
    assert len(list(splits("điện biên đông".split()))) == 4


@pytest.mark.parametrize("text,written", [
    ("Hỗ trợ gạo cứu đói dịp Tết Nguyên đán Quý Mão 2023, hỗ trợ cho 5.350 hộ",
     lambda t: unicodedata.normalize("NFD", t)),
    ("(trong đó: Thành phố Huế 27 người, thị xã Hương Thủy 17, huyện Phú Vang 07, huyện Phú Lộc 08",
     lambda t: t.replace("Thủy", "Thuỷ")),  # the old tone placement
])
def test_nfd_and_old_tone_marks_give_the_same_spans(nlp, text, written):
    """The patterns read NORM, which the tokenizer normalises (NFC, modern tone marks)."""
    spans = [(s.start, s.end, s.label_) for s in find_entities(nlp(text))]
    assert len(spans) >= 3 and [(s.start, s.end, s.label_) for s in find_entities(nlp(written(text)))] == spans


def test_a_unit_never_crosses_a_line_break(nlp):
    """``25.570 triệu`` ends its line (Thừa Thiên Huế report): ``đồng`` on the next line is no part of it."""
    doc = nlp("vay vốn đi làm việc ở nước ngoài theo hợp đồng với tổng số vốn 25.570 triệu\n\nđồng")
    assert [(s.text, s.label_) for s in find_entities(doc) if s.label_ == "UNIT"] == [("triệu", "UNIT")]
    doc = nlp("cho 5.350  hộ với 22.1 tấn gạo")  # two spaces: the unit after one space token
    assert ("hộ", "UNIT") in [(s.text, s.label_) for s in find_entities(doc)]


def test_patterns_are_built_once_per_vocab(model):
    doc = model("Giải quyết việc làm mới cho 11.309 lao động năm 2023 tại huyện Mường Chà.")
    assert RulePatterns.of(model.vocab) is RulePatterns.of(model.vocab)
    exact, later = model.get_pipe("vn_dolisa_rules_exact"), model.get_pipe("vn_dolisa_rules")
    # both components share one build (the cache keeps a few Vocabs: a long test session makes many)
    assert exact.patterns is later.patterns and exact.patterns.vocab is model.vocab
    assert {("năm 2023", "DATE"), ("huyện Mường Chà", "LOC")} <= {(e.text, e.label_) for e in doc.ents}


def test_every_rule_proposes_a_label_of_the_spec():
    assert {rule.label for rule in RULES.values()} <= set(LABELS)
