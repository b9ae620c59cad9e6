"""Indicator proposals for quantities the model left unlinked, on phrases from the reports."""

from __future__ import annotations

import pytest

import vn_dolisa_nlp
from vn_dolisa_nlp.proposals import ClauseIndex, propose_indicator
from vn_dolisa_nlp.rules import find_entities


@pytest.fixture(scope="module")
def nlp():
    return vn_dolisa_nlp.blank()


def proposal(nlp, text: str, number: str) -> str | None:
    doc = nlp(text)
    doc.ents = find_entities(doc)
    return proposal_in(doc, number)


def proposal_in(doc, number: str) -> str | None:
    q = next(e for e in doc.ents if e.text == number)
    span = propose_indicator(q, ClauseIndex(doc), 0)
    return span.text if span is not None else None


@pytest.mark.parametrize(
    "text,number,expected",
    [
        ("Hỗ trợ về nhà ở: Xây mới, sửa chữa cho 1.578 nhà ở cho hộ nghèo", "1.578", "Xây mới, sửa chữa"),
        ("Chính sách hỗ trợ tiền điện hộ nghèo: Đã hỗ trợ tiền điện cho hơn 10.000 lượt hộ nghèo",
         "10.000", "hỗ trợ tiền điện"),
        ("Các cơ sở hiện đang nuôi dưỡng 1.393 đối tượng là trẻ em", "1.393", "cơ sở hiện đang nuôi dưỡng"),
        ("trên địa bàn tỉnh đã có hơn 62.513 suất quà được trao tặng đến người có công", "62.513", "trao tặng"),
        ("sắp xếp mạng lưới cơ sở giáo dục nghề nghiệp, sáp nhập 03 trường cao đẳng", "03", "sáp nhập"),
    ],
)
def test_measure_phrase_is_proposed(nlp, text, number, expected):
    assert proposal(nlp, text, number) == expected


def test_an_indicator_later_in_the_clause_does_not_stop_a_proposal(nlp):
    """Thừa Thiên Huế 2023: ``tổng kinh phí`` is the money's indicator, not the gifts'."""
    text = ("trên địa bàn tỉnh đã có hơn 62.513 suất quà được trao tặng đến người có công và gia đình người có "
            "công với tổng kinh phí hơn 18,173 triệu đồng.")
    doc = nlp(text)
    doc.ents = [*find_entities(doc), *[doc.char_span(text.index("tổng kinh phí"), text.index("tổng kinh phí") + 13,
                                                     label="INDICATOR")]]
    assert proposal_in(doc, "62.513") == "trao tặng"


@pytest.mark.parametrize(
    "text,number",
    [
        ("đưa lao động đi làm việc ở nước ngoài 2.325 lao động (đạt 116,25% so với kế hoạch năm 2023)", "116,25"),
        ("kỷ niệm 76 năm Ngày Thương binh - Liệt sĩ", "76"),
        ("có 16 trường hợp tử vong giảm 5 trường hợp so với năm 2022", "5"),
        ("kiểm tra việc chấp hành pháp luật lao động tại 04 đơn vị trên địa bàn tỉnh", "04"),
    ],
)
def test_no_proposal_for_comments_durations_and_places(nlp, text, number):
    assert proposal(nlp, text, number) is None


def test_linker_ranks_the_proposals_and_adds_the_chosen_one_to_the_entities():
    """Without the ner the rules find no INDICATOR: the phrases before and after the number are
    the candidates, and the scorer ranks them (Thừa Thiên Huế 2023)."""
    import spacy

    nlp = spacy.load("vi_dolisa_sm", exclude=["ner"])
    text = "Nhân dịp Tết Nguyên đán, toàn tỉnh đã có hơn 62.513 suất quà được trao tặng đến người có công."
    doc = nlp(text)
    assert sorted(s.text for s in doc.spans["indicator_candidates"]) == ["Nhân dịp Tết Nguyên đán", "trao tặng"]
    rec = next(r for r in doc._.records if r["quantity_text"] == "62.513")
    assert rec["indicator_text"] == "trao tặng" and 0.5 <= rec["confidence"] <= 1.0
    assert ("trao tặng", "INDICATOR") in [(e.text, e.label_) for e in doc.ents]
    doc = nlp("Tính đến ngày 15/11/2023, toàn tỉnh có 1.485 trường hợp trẻ em bị tai nạn thương tích.")
    assert doc._.records[0]["indicator_text"] == "trẻ em bị tai nạn thương tích"  # after an existential "có"
    off = spacy.load("vi_dolisa_sm", exclude=["ner"], config={"components": {"vn_dolisa_linker": {
        "propose_indicators": False}}})
    assert next(r for r in off(text)._.records if r["quantity_text"] == "62.513")["indicator_text"] is None


def test_a_proposal_before_cho_links_where_no_entity_names_the_measure():
    """``[Tập huấn phòng ngừa mại dâm] cho 1200 người``: without the ner the proposal before ``cho``
    is linked (feature ``proposed_cho``); it was not before that feature, at 0.32 (Thừa Thiên Huế 2023)."""
    import spacy

    from vn_dolisa_nlp.linking import PairFeatures, LineSpans

    nlp = spacy.load("vi_dolisa_sm", exclude=["ner"])
    doc = nlp("Tập huấn phòng ngừa mại dâm cho 1200 người là cán bộ cốt cán các huyện, thành phố.")
    rec = next(r for r in doc._.records if r["quantity_text"] == "1200")
    assert rec["indicator_text"] == "Tập huấn phòng ngừa mại dâm"
    linker = nlp.get_pipe("vn_dolisa_linker")
    q = next(e for e in doc.ents if e.text == "1200")
    proposal = doc.spans["indicator_candidates"][0]
    feats = PairFeatures(doc, linker.taxonomy)(q, proposal, LineSpans(0, [], [q]), None, None, proposed=True)
    assert feats["proposed_cho"] == 1.0 and feats["cho_before_q"] == 1.0
    without_cho = {**feats, "proposed_cho": 0.0, "cho_before_q": 0.0}
    assert linker.scorer.probability(feats) > linker.scorer.probability(without_cho)
    doc = nlp("Trong năm đã cấp thẻ bảo hiểm y tế với 42.163 người.")
    q = next(e for e in doc.ents if e.text == "42.163")
    proposal = next(s for s in doc.spans["indicator_candidates"] if int(s.id_) == q.start)
    assert PairFeatures(doc, linker.taxonomy)(q, proposal, LineSpans(0, [], [q]), None, None, proposed=True)[
        "proposed_cho"] == 0.0  # "với" is no "cho"
