"""Breakdown items (vn_dolisa_nlp.breakdowns): parent, breakdown and the indicator of each item,
on sentences of the reports (SPEC v2 sections 3 and 5)."""

from __future__ import annotations

# Điện Biên 2023, the vocational training paragraph
TRAINING = ("- Kết quả công tác đào tạo: Ước thực hiện năm 2023, tuyển sinh và đào tạo nghề cho 9.137 người, "
            "đạt 110,08% KH năm, tăng (1,09%) so với năm 2022, trong đó: cao đẳng: 204 người, trung cấp: 814 "
            "người, sơ cấp: 5.186 người, đào tạo dưới 03 tháng: 2.933 người.")
# SPEC v2 section 3: items that name what they count
JOBS = ("Năm 2023, giải quyết việc làm cho 23.125 lao động; trong đó: việc làm trong nước 10.920 người; "
        "lao động đi làm việc ở nước ngoài theo hợp đồng 12.205 người.")


def _by_number(doc) -> dict[str, dict]:
    return {r["quantity_text"]: r for r in doc._.records}


def test_category_items_break_down_their_total(model):
    records = _by_number(model(TRAINING))
    total = records["9.137"]
    for number, category in (("204", "cao đẳng"), ("814", "trung cấp"), ("5.186", "sơ cấp")):
        item = records[number]
        assert item["parent"] == total["id"]
        assert item["breakdown"] == category
        assert item["indicator_start"] == total["indicator_start"]
        assert item["indicator"] == "vocational_enrolment"
    assert records["2.933"]["parent"] == total["id"]


def test_comments_on_a_number_are_no_items(model):
    records = _by_number(model(TRAINING))
    assert records["110,08"]["parent"] is None and records["110,08"]["kind"] == "plan_ratio"
    assert records["1,09"]["parent"] is None and records["1,09"]["kind"] == "change"
    assert records["03"]["parent"] is None  # a duration


def test_items_that_name_their_measure_link_to_their_own_phrase(model):
    records = _by_number(model(JOBS))
    total = records["23.125"]
    abroad, domestic = records["12.205"], records["10.920"]
    assert abroad["parent"] == domestic["parent"] == total["id"]
    assert abroad["indicator"] == "workers_abroad"
    assert abroad["indicator_text"] == "lao động đi làm việc ở nước ngoài theo hợp đồng"
    assert abroad["breakdown"] is None and domestic["breakdown"] is None


def test_an_item_points_at_the_total_of_its_own_measure(model):
    # Thừa Thiên Huế 2023: people and money in one total
    text = ("Cấp thẻ bảo hiểm y tế cho 42.163 người thuộc hộ nghèo, hộ cận nghèo với kinh phí 25.720 triệu đồng "
            "(24.767 người thuộc hộ nghèo/16.063 triệu đồng; 17.396 người thuộc hộ cận nghèo/9.657 triệu đồng).")
    records = _by_number(model(text))
    assert records["24.767"]["parent"] == records["17.396"]["parent"] == records["42.163"]["id"]
    assert records["16.063"]["parent"] == records["9.657"]["parent"] == records["25.720"]["id"]


def test_breakdowns_are_written_to_the_doc(model):
    doc = model(TRAINING)
    items = doc.spans["breakdowns"]
    assert [s.text for s in items if s.label_ == "category"][:3] == ["cao đẳng", "trung cấp", "sơ cấp"]
    assert all(s.kb_id_ for s in items)


def test_qualifier_and_confidence(model, sample_report_text):
    doc = model(sample_report_text)
    records = doc._.records
    assert all(0.0 <= r["confidence"] <= 1.0 for r in records if r["confidence"] is not None)
    assert all(r["confidence"] is None for r in records if r["indicator_start"] is None)
    about = [r for r in records if r["qualifier"] == "about"]
    assert any(r["sentence"].find("khoảng " + r["quantity_text"]) >= 0 for r in about)
    parents = [r for r in records if r["parent"] is not None]
    assert parents and all(records[r["parent"]]["id"] < r["id"] for r in parents)


def test_a_footnote_list_of_a_total_elsewhere_has_no_parent_and_no_links(model):
    # Thừa Thiên Huế 2023, footnote 3: the total is in the paragraph that calls the footnote
    doc = model("³ Trong đó: bar: 2, khách sạn 236, nhà nghỉ, nhà trọ 389, karaoke: 254, massage: 30.")
    assert len(doc._.records) == 5
    assert all(r["parent"] is None and r["indicator"] is None and r["indicator_text"] is None
               for r in doc._.records)


def test_a_category_named_after_the_unit_takes_its_total_indicator(model):
    """``(24.767 người thuộc hộ nghèo/...)``: ``hộ nghèo`` after the unit names households, not the
    people counted, so the item is a category of the cards issued (Thừa Thiên Huế 2023)."""
    text = ("- Chính sách hỗ trợ bảo hiểm y tế cho hộ nghèo, hộ cận nghèo: Đã cấp thẻ bảo hiểm y tế cho 42.163 "
            "người thuộc hộ nghèo, hộ cận nghèo với kinh phí 25.720 triệu đồng (24.767 người thuộc hộ "
            "nghèo/16.063 triệu đồng; 17.396 người thuộc hộ cận nghèo/9.657 triệu đồng).")
    records = _by_number(model(text))
    total = records["42.163"]
    assert total["indicator_text"] == "cấp thẻ bảo hiểm y tế"
    for number in ("24.767", "17.396"):
        assert records[number]["parent"] == total["id"]
        assert records[number]["indicator_text"] == "cấp thẻ bảo hiểm y tế"
    assert records["16.063"]["parent"] == records["25.720"]["id"]


def test_an_item_named_after_its_unit_links_to_its_own_phrase_not_its_total(model):
    """``trong đó đưa 2.050 người lao động [đi làm việc ở nước ngoài theo hợp đồng]``: the item names
    its measure after its unit, so it links there and not to its total's indicator (Thừa Thiên Huế 2023)."""
    records = _by_number(model("a) Giải quyết việc làm cho 17.000 lao động, trong đó đưa 2.050 người lao động đi "
                               "làm việc ở nước ngoài theo hợp đồng."))
    total, item = records["17.000"], records["2.050"]
    assert total["indicator_text"] == "Giải quyết việc làm"
    assert item["indicator_text"] == "đi làm việc ở nước ngoài theo hợp đồng"
    assert item["parent"] == total["id"]


def test_a_training_level_is_a_category_even_when_read_as_an_indicator(model):
    """Nam Định 2021 (written dev report): the ner reads `trình độ cao đẳng` as an indicator; a
    training level is still only a category of the enrolment (SPEC v2 section 3)."""
    text = ("c) Giáo dục nghề nghiệp: Tuyển sinh ước đạt 33.500 người, đạt 98,5 % KH; trong đó trình độ cao đẳng "
            "4.260 người, trung cấp 5.870 người, sơ cấp và dưới 03 tháng 23.370 người.")
    records = {r["quantity_text"]: r for r in model(text)._.records}
    for n, level in (("4.260", "cao đẳng"), ("5.870", "trung cấp")):
        assert records[n]["indicator_text"] == "Tuyển sinh" and records[n]["breakdown"] == level
