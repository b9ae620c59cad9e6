"""Links between numbers and indicators (vn_dolisa_nlp.linking)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import spacy
from spacy.util import load_config

from vn_dolisa_nlp.layout import ents_by_line, lines_of
from vn_dolisa_nlp.linking import LineSpans, LinkScorer, PairFeatures, UnitIndex
from vn_dolisa_nlp.taxonomy import default_taxonomy


def test_scorer_json_round_trip(tmp_path):
    scorer = LinkScorer({"bias": -1.0, "adjacent": 2.5}, 0.0)
    scorer.to_disk(tmp_path / "m.json")
    assert LinkScorer.from_disk(tmp_path / "m.json") == scorer
    with pytest.raises(ValueError, match="unknown features"):
        LinkScorer.from_dict({"coef": {"pickle": 1.0}, "intercept": 0.0})
    with pytest.raises(ValueError, match="unknown features"):
        LinkScorer.from_dict({"coef": {"after*adjacent*bias": 1.0}, "intercept": 0.0})


def test_a_product_weight_counts_only_where_both_features_hold():
    scorer = LinkScorer({"bias": 0.0, "after": 0.0, "adjacent": 0.0, "after*adjacent": 2.0}, 0.0)
    both = {"bias": 1.0, "after": 1.0, "adjacent": 1.0}
    assert scorer.probability(both) == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert scorer.probability({**both, "adjacent": 0.0}) == 0.5


def test_the_shipped_scorer_weighs_feature_products(model):
    config = load_config(Path(__file__).parents[1] / "configs" / "pipeline.cfg", interpolate=False)
    linker = model.get_pipe("vn_dolisa_linker")
    assert any("*" in name for name in linker.scorer.coef)
    assert linker.threshold == config["components"]["vn_dolisa_linker"]["threshold"]


def test_features_read_the_marks_between(model):
    doc = model("Số người tham gia BHXH bắt buộc: 42.184 người; trong đó nữ 20.100 người.")
    ents = ents_by_line(doc)[0]
    line = LineSpans(lines_of(doc)[0].start, [e for e in ents if e.label_ == "INDICATOR"],
                     [e for e in ents if e.label_ == "QUANTITY"])
    ind, q1, q2 = line.indicators[0], line.quantities[0], line.quantities[1]
    features = PairFeatures(doc, default_taxonomy())
    near = features(q1, ind, line, "person", "si_compulsory_participants")
    far = features(q2, ind, line, "person", "si_compulsory_participants")
    assert near["colon_between"] == 1.0 and near["semicolon_between"] == 0.0 and near["nearest_before"] == 1.0
    assert far["semicolon_between"] == 1.0 and far["trong_do_between"] == 1.0 and far["quantities_between"] == 1.0
    assert near["unit_fits"] == 1.0


def test_every_quantity_gets_its_unit(model):
    doc = model("| 1 | Số lao động được tạo việc làm | Người | 17.000 | 17.500 |")
    ents = ents_by_line(doc)[0]
    units = UnitIndex([e for e in ents if e.label_ == "UNIT"])
    assert {q.text: units.of(q).text for q in ents if q.label_ == "QUANTITY"} == {"17.000": "Người", "17.500": "Người"}


def test_confidence_is_a_probability(model):
    doc = model("Toàn tỉnh giải quyết việc làm mới cho 11.309 lao động, đạt 124,27%KH.")
    assert all(r["confidence"] is None or 0.0 <= r["confidence"] <= 1.0 for r in doc._.records)
    assert doc._.records[0]["confidence"] is not None


# Thừa Thiên Huế 2023, a footnote: the gifts of one campaign, by recipient
GIFTS = ("¹ Thăm, chúc thọ và tặng 172 suất quà cho 172 người cao tuổi tròn 100 tuổi với tổng kinh phí 172 triệu "
         "đồng; người cao tuổi tròn 90 tuổi 1.435 suất quà với tổng kinh phí 861 triệu đồng; Cơ sở bảo trợ xã hội "
         "công lập, tư tục 23 suất quà với kinh phí hơn 29 triệu đồng; hộ nghèo: 11.735 suất quà với tổng kinh phí "
         "hơn 5.867 triệu đồng; hộ cận nghèo 10.854 suất quà với tổng kinh phí hơn 3.256 triệu đồng; đối tượng bảo "
         "trợ xã hội: 61.672 suất quà với tổng kinh phí hơn 18.501 triệu đồng.")


def test_list_items_of_recipients_take_the_measure_of_the_first_item(model):
    """``tặng 172 suất quà ...; hộ nghèo: 11.735 suất quà``: the recipients name taxonomy ids that
    count households or people, not gifts, so the gifts' indicator carries over the ``;``-items;
    the amounts of money keep their own ``kinh phí``."""
    found = model(GIFTS)._.records
    assert (found[0]["quantity_text"], found[0]["indicator_text"]) == ("172", "tặng")
    records = {r["quantity_text"]: r for r in found}
    for number in ("1.435", "23", "11.735", "10.854", "61.672"):  # 1.435 and 23: items with no indicator
        assert records[number]["indicator_text"] == "tặng", number
    for number in ("861", "5.867", "3.256", "18.501"):
        assert records[number]["indicator_text"].endswith("kinh phí"), number


UNMEASURED = ("Tổ chức kiểm tra, giám sát việc triển khai thực hiện mô hình tại các địa phương. "
              "Đã giải ngân cho 345 lao động vay vốn đi làm việc ở nước ngoài theo hợp đồng với tổng số vốn "
              "25.570 triệu đồng.")


def test_indicators_no_number_measures_leave_the_entities(model):
    """SPEC section 3: an INDICATOR is what a quantity measures (Thừa Thiên Huế 2023 report)."""
    doc = model(UNMEASURED)
    linked = {(r["indicator_start"], r["indicator_end"]) for r in doc._.records}
    indicators = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "INDICATOR"]
    assert indicators and set(indicators) <= linked
    assert not any(e.label_ == "INDICATOR" for e in model("Tổ chức kiểm tra, giám sát việc triển khai.").ents)


def test_unlinked_indicators_stay_when_asked(model):
    keep = spacy.load("vi_dolisa_sm", config={"components": {"vn_dolisa_linker": {"drop_unlinked": False}}})
    dropped = {e.text for e in model(UNMEASURED).ents if e.label_ == "INDICATOR"}
    kept = {e.text for e in keep(UNMEASURED).ents if e.label_ == "INDICATOR"}
    assert dropped < kept


FOLLOW_ON = ("Ước thực hiện năm 2023, giải quyết việc làm mới cho 11.309 lao động, đạt 124,27%KH (tăng 6,3% so "
             "với cùng kỳ năm 2022); tuyển sinh và đào tạo nghề cho 9.137 người, đạt 110,08% KH năm, tăng (1,09%) "
             "so với năm 2022; tổ chức cai nghiện ma túy cho 1.159 người, đạt 105,26%KH/năm, tăng 20,98% so với "
             "thực hiện năm 2022.")


def test_a_figure_that_follows_a_number_takes_its_indicator(model):
    """``đạt X%KH``, ``tăng X%`` after a number measure what the number measures (Điện Biên 2023)."""
    links = {r["quantity_text"]: r["indicator_text"] for r in model(FOLLOW_ON)._.records}
    assert links["1,09"] == "tuyển sinh và đào tạo nghề"
    assert links["105,26"] == links["20,98"] == links["1.159"] == "cai nghiện ma túy"


def test_items_that_open_with_their_number_share_the_verb_of_the_list(model):
    """Cao Bằng 2021: the items after the first count more procedures announced."""
    text = ("Trình Ủy ban nhân dân tỉnh công bố 03 thủ tục hành chính mới ban hành; 11 TTHC sửa đổi, bổ sung; "
            "02 TTHC bị bãi bỏ trong lĩnh vực việc làm, người có công.")
    links = {r["quantity_text"]: r["indicator_text"] for r in model(text)._.records}
    assert links == {"03": "công bố", "11": "công bố", "02": "công bố"}


def test_an_item_of_another_unit_does_not_share_the_verb_of_the_list(model):
    """Phú Yên (Đông Hòa) 2022, written dev report: a share, then communes counted."""
    text = "- Tỷ lệ trẻ em có hoàn cảnh đặc biệt trên địa bàn là 1,45%; 07/10 xã, phường đạt tiêu chuẩn phù hợp với trẻ em."
    links = {r["quantity_text"]: r["indicator_text"] for r in model(text)._.records}
    assert links.get("07") != links["1,45"]


def test_a_table_cells_full_stop_does_not_part_it_from_its_value(model):
    """Thừa Thiên Huế 2023, table of targets: the indicator cell ends with a full stop."""
    row = ("| 11 | Tỷ trọng người nghiện ma túy tham gia cai nghiện ma túy tự nguyện tại gia đình, cộng đồng, "
           "cơ sở cai nghiện ma túy trong tổng số người nghiện được cai nghiện. | % | 34,61 |")
    (record,) = model(row)._.records
    assert record["indicator_text"].startswith("Tỷ trọng người nghiện ma túy") and record["unit"] == "percent"


def test_a_breakdown_item_without_an_id_of_its_own_is_a_category_of_its_total(model):
    """Written dev reports: the item before the number names a kind of the total's workers."""
    text = "- Đưa lao động đi làm việc ở nước ngoài theo hợp đồng 162 người, trong đó lao động thời vụ tại Hàn Quốc 118 người."
    records = {r["quantity_text"]: r for r in model(text)._.records}
    assert records["118"]["indicator_text"] == records["162"]["indicator_text"]
    assert records["118"]["indicator"] == "workers_abroad" and records["118"]["breakdown"]


def test_an_item_that_names_its_measure_after_its_unit_keeps_it(model):
    """Cao Bằng 2021: ``10 hồ sơ [không đủ điều kiện hưởng TCTN]`` names what it counts."""
    text = ("Số hồ sơ đề nghị hưởng TCTN trong kỳ là 1.398 hồ sơ (trong đó: 10 hồ sơ không đủ điều kiện hưởng "
            "TCTN, 15 hồ sơ người lao động đề nghị không hưởng trợ cấp thất nghiệp).")
    records = {r["quantity_text"]: r for r in model(text)._.records}
    assert records["10"]["indicator_text"] == "không đủ điều kiện hưởng TCTN"
