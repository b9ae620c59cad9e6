"""The word tokenizer on real phrases of the sample reports."""

from __future__ import annotations

import unicodedata

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import vn_dolisa_nlp


@pytest.fixture(scope="module")
def nlp():
    return vn_dolisa_nlp.blank()


def tokens(nlp, text: str) -> list[str]:
    return [t.text for t in nlp(text) if not t.is_space]


# (sentence from a report, a token that must come out whole)
WHOLE = [
    # numbers in Vietnamese formats
    ("giải quyết việc làm mới cho 11.309 lao động", "11.309"),
    ("đạt 124,27%KH (tăng 6,3% so với cùng kỳ năm 2022)", "124,27"),
    ("đạt 124,27%KH (tăng 6,3% so với cùng kỳ năm 2022)", "6,3"),
    ("số tiền chi trả TCTN là 20.914.369 triệu đồng", "20.914.369"),
    ("Tổng kinh phí là 6.932.693.600đ", "6.932.693.600"),
    ("hỗ trợ 2.452,568 tấn gạo", "2.452,568"),
    ("tổng trị giá: 4.394.824.000đồng.", "4.394.824.000"),
    ("Tỷ lệ thất nghiệp khu vực thành thị giảm xuống còn 1,15%", "1,15"),
    ("ban hành 04 văn bản để tổ chức triển khai", "04"),
    ("với gần 400 đại biểu, công nhân", "400"),
    ("giải ngân 288.598 triệu đồng", "288.598"),
    # dates and periods
    ("Nghị quyết số 08/2023/NQ-HĐND ngày 14/7/2023", "14/7/2023"),
    ("Quyết định số 18/2023/QĐ-UBND ngày 29/9/2023", "29/9/2023"),
    ("Nghị quyết số 12-NQ/TW ngày 3/6/2017", "3/6/2017"),
    ("số liệu đến tháng 10/2021", "10/2021"),
    ("so với Quý I/2020", "I/2020"),
    ("giai đoạn 2021-2025", "2021-2025"),
    # document numbers and codes
    ("Nghị quyết số 08/2023/NQ-HĐND ngày 14/7/2023", "08/2023/NQ-HĐND"),
    ("Chỉ thị số 20-CT/TW của Ban Bí thư", "20-CT/TW"),
    ("Số: 46/BC-SLĐTBXH", "46/BC-SLĐTBXH"),
    ("Số: /BC-SLĐTBXH", "/BC-SLĐTBXH"),
    ("Nghị định số 116/2021/NĐ-CP của Chính phủ", "116/2021/NĐ-CP"),
    ("Kế hoạch số 100-KH/TU của Tỉnh ủy", "100-KH/TU"),
    ("Quyết định số 16/QĐ-TTg về xây dựng quan hệ lao động", "16/QĐ-TTg"),
    ("Kế hoạch số 410/KH-UBND ngày 14/02/2023", "410/KH-UBND"),
    ("Nghị Quyết số 50/2020/NQ-HĐND ngày 16/12/2020", "50/2020/NQ-HĐND"),
    ("Nghị quyết số 28-NQ/TW ngày 23/5/2018", "28-NQ/TW"),
    ("Trung tâm GDNN-GDTX huyện Tòa Chùa", "GDNN-GDTX"),
    # abbreviations
    ("Tham mưu trình UBND tỉnh phê duyệt", "UBND"),
    ("Thường trực Tỉnh ủy, HĐND, UBND tỉnh", "HĐND"),
    ("Sở LĐTBXH tỉnh", "LĐTBXH"),
    ("số người tham gia BHXH bắt buộc", "BHXH"),
    ("số người có quyết định hưởng TCTN là 1.369 người", "TCTN"),
    ("tại TP. Cao Bằng", "TP."),
    ("Chương trình MTQG giảm nghèo", "MTQG"),
    ("văn bản QPPL", "QPPL"),
    # e-mail and URL
    ("sàn giao dịch việc làm online vieclamhue.vn hoặc http://vieclamhue.vn/tin-tuc.", "http://vieclamhue.vn/tin-tuc"),
    ("liên hệ sldtbxh@dienbien.gov.vn để biết", "sldtbxh@dienbien.gov.vn"),
    # words (syllables joined)
    ("Sở Lao động - Thương binh và Xã hội", "Lao động"),
    ("Sở Lao động - Thương binh và Xã hội", "Thương binh"),
    ("Sở Lao động - Thương binh và Xã hội", "Xã hội"),
    ("giải quyết việc làm mới cho 11.309 lao động", "giải quyết"),
    ("giải quyết việc làm mới cho 11.309 lao động", "việc làm"),
    # places
    ("trên địa bàn tỉnh Điện Biên", "Điện Biên"),
    ("Trung tâm GDNN-GDTX huyện Tòa Chùa, Mường Chà, Điện Biên Đông", "Điện Biên Đông"),
    ("Trung tâm GDNN-GDTX huyện Tòa Chùa, Mường Chà, Điện Biên Đông", "Mường Chà"),
    ("thành phố Điện Biên Phủ: 28 người", "Điện Biên Phủ"),
    ("tổ chức tại thành phố Huế, tỉnh Thừa Thiên Huế", "Thừa Thiên Huế"),
    ("Đắk Nông, ngày 18 tháng 01 năm 2024", "Đắk Nông"),
    ("tỉnh Cao Bằng", "Cao Bằng"),
    ("Hàn Quốc 40 người; Nhật Bản 127 người; Đài Loan 93 người", "Hàn Quốc"),
    ("Hàn Quốc 40 người; Nhật Bản 127 người; Đài Loan 93 người", "Nhật Bản"),
    ("Hàn Quốc 40 người; Nhật Bản 127 người; Đài Loan 93 người", "Đài Loan"),
    ("Tỉnh Bà Rịa - Vũng Tàu", "Vũng Tàu"),
    # headings in capitals join as the same words in lower case do (Cao Bằng, TTH)
    ("II. CHỈ TIÊU CHỦ YẾU", "CHỈ TIÊU"),
    ("I. MỤC TIÊU, CHỈ TIÊU", "CHỈ TIÊU"),
]


@pytest.mark.parametrize("text,whole", WHOLE)
def test_kept_whole(nlp, text, whole):
    assert whole in tokens(nlp, text)


# (text, the exact token sequence)
SPLIT = [
    ("124,27%KH", ["124,27", "%", "KH"]),
    ("124,27% KH", ["124,27", "%", "KH"]),
    ("6.932.693.600đ", ["6.932.693.600", "đ"]),
    ("283 lao động¹;", ["283", "lao động", "¹", ";"]),
    ("đơn¹⁹.", ["đơn", "¹⁹", "."]),
    ("*Phong trào đền ơn đáp nghĩa*:", ["*", "Phong trào", "đền ơn đáp nghĩa", "*", ":"]),
    ("(tăng 13,5%)", ["(", "tăng", "13,5", "%", ")"]),
    ("1.398 người.", ["1.398", "người", "."]),
    ("năm 2022.", ["năm", "2022", "."]),
    ("Mường Ảng: 25 người;", ["Mường Ảng", ":", "25", "người", ";"]),
]


@pytest.mark.parametrize("text,expected", SPLIT)
def test_exact_tokens(nlp, text, expected):
    assert tokens(nlp, text) == expected


def test_nfd_input_gives_same_words(nlp):
    text = "Tỷ lệ hộ nghèo giảm còn 5,18% tại huyện Điện Biên Đông"
    nfd = unicodedata.normalize("NFD", text)
    doc = nlp(nfd)
    assert doc.text == nfd
    assert [unicodedata.normalize("NFC", t.text) for t in doc] == [t.text for t in nlp(text)]
    assert "điện biên đông" in [t.norm_ for t in doc]


@pytest.mark.parametrize(
    "old,new",
    [("hoà giải", "hòa giải"), ("Uỷ ban nhân dân", "Ủy ban nhân dân"), ("thuỷ sản", "thủy sản"), ("khoẻ mạnh", "khỏe mạnh")],
)
def test_old_tone_placement(nlp, old, new):
    doc_old, doc_new = nlp(old), nlp(new)
    assert doc_old.text == old
    assert [t.norm_ for t in doc_old] == [t.norm_ for t in doc_new]
    assert len(doc_old) == len(doc_new)


def test_non_str_is_a_type_error(nlp):
    with pytest.raises(TypeError, match="expects text as str"):
        nlp.tokenizer(b"bytes")
    with pytest.raises(TypeError, match="expects text as str"):
        vn_dolisa_nlp.nlp(None)
    with pytest.raises(ValueError, match="Expected a string"):
        nlp(123)


def test_empty_and_blank(nlp):
    assert len(nlp("")) == 0
    doc = nlp("  \n\n ")
    assert doc.text == "  \n\n " and all(t.is_space for t in doc)


def test_control_characters_and_debris(nlp):
    text = "Tổng\x00 số\x07 hộ <br/> nghèo &nbsp; **1.234** hộ | bảng |"
    doc = nlp(text)
    assert doc.text == text
    assert "1.234" in [t.text for t in doc] and "<br/>" in [t.text for t in doc]


def test_no_vietnamese(nlp):
    text = "Quarterly report: 1,234 cases (see https://example.org/a?b=1)."
    doc = nlp(text)
    assert doc.text == text
    assert "https://example.org/a?b=1" in [t.text for t in doc]


def test_five_megabyte_document(nlp, sample_report_text):
    text = sample_report_text * 74  # 5 MB
    assert len(text.encode("utf-8")) > 5_000_000
    doc = nlp(text)
    assert doc.text == text
    assert len(doc) > 74 * 9_000


def test_whitespace_inside_and_between_words(nlp):
    text = "giải  quyết\tviệc\nlàm   mới"
    doc = nlp(text)
    assert doc.text == text
    assert "việc\nlàm" not in [t.text for t in doc]


def test_add_words(nlp):
    tok = vn_dolisa_nlp.blank()
    assert "hộ cận nghèo" not in tokens(tok, "Số hộ cận nghèo giảm")
    tok.tokenizer.add_words(["hộ cận nghèo"])
    assert "hộ cận nghèo" in tokens(tok, "Số hộ cận nghèo giảm")


def test_words_from_config():
    cfg = {"nlp": {"tokenizer": {"@tokenizers": "vn_dolisa.WordTokenizer.v1", "words": ["hộ cận nghèo"]}}}
    nlp = spacy.blank("vi", config=cfg)
    assert "hộ cận nghèo" in [t.text for t in nlp("Số hộ cận nghèo giảm")]


def test_round_trip_keeps_user_words(tmp_path):
    nlp = vn_dolisa_nlp.blank()
    nlp.tokenizer.add_words(["Mường Luân"])
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert "Mường Luân" in [t.text for t in loaded("xã Mường Luân")]
    assert loaded.tokenizer.user_words == ["Mường Luân"]


SENTENCES = [
    ("Toàn tỉnh có 10 hộ. Tại TP. Cao Bằng có 5 hộ.", ["Toàn tỉnh có 10 hộ.", "Tại TP. Cao Bằng có 5 hộ."]),
    ("Tỷ lệ đạt 62,15%. Tăng 3,1% so với năm 2022.", ["Tỷ lệ đạt 62,15%.", "Tăng 3,1% so với năm 2022."]),
    ("Kế hoạch A; Kế hoạch B; Kế hoạch C.", ["Kế hoạch A; Kế hoạch B; Kế hoạch C."]),
    ("(1) Báo cáo năm; (2) Báo cáo quý.", ["(1) Báo cáo năm; (2) Báo cáo quý."]),
    ("- Mục một\n- Mục hai", ["- Mục một\n", "- Mục hai"]),
    ("trên địa bàn tỉnh³. Tiếp theo", ["trên địa bàn tỉnh³.", "Tiếp theo"]),
    ("1.2. Công tác Giáo dục nghề nghiệp", ["1.2. Công tác Giáo dục nghề nghiệp"]),
    ("II. KẾT QUẢ THỰC HIỆN\n1. Thuận lợi", ["II. KẾT QUẢ THỰC HIỆN\n", "1. Thuận lợi"]),
    # a table row is one sentence, a cell's full stop included (Thừa Thiên Huế 2023)
    ("| 11 | Tỷ trọng người nghiện được cai nghiện. | % | 34,61 |\nTiếp theo. Hết",
     ["| 11 | Tỷ trọng người nghiện được cai nghiện. | % | 34,61 |\n", "Tiếp theo.", "Hết"]),
]


@pytest.mark.parametrize("text,expected", SENTENCES)
def test_sentences(nlp, text, expected):
    assert [s.text for s in nlp(text).sents] == expected


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_text_and_offsets_are_exact(text):
    doc = _shared().tokenizer(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx:token.idx + len(token.text)] == token.text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Điện", "Biên", "hoà", "11.309", "124,27%KH", " ", "  ", "\n", "TP.", "¹", "08/2023/NQ-HĐND", "–", "ư\u0301", "x"]), max_size=25))
def test_offsets_on_report_like_text(parts):
    text = "".join(parts)
    doc = _shared().tokenizer(text)
    assert doc.text == text
    assert "".join(t.text_with_ws for t in doc) == text


_NLP = None


def _shared():
    global _NLP
    if _NLP is None:
        _NLP = vn_dolisa_nlp.blank()
    return _NLP


@pytest.mark.parametrize("text, words", [
    ("Tiếp nhận, xử lý 51/51 đơn", ["51", "/", "51", "đơn"]),
    ("hoàn thành đúng tiến độ, chất lượng 17/17 chỉ tiêu", ["17", "/", "17", "chỉ tiêu"]),
    ("đạt 203.027/160.000 lao động", ["203.027", "/", "160.000", "lao động"]),
    ("tăng từ 2-3 lần", ["2", "-", "3", "lần"]),
])
def test_achieved_over_planned_pairs_are_two_numbers(nlp, text, words):
    """SPEC v2: ``X/Y`` is two quantities; dates and codes stay whole (see WHOLE)."""
    assert tokens(nlp, text)[-len(words):] == words
