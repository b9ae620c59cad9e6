"""Records (SPEC section 5) on real paragraphs of the sample reports."""

from __future__ import annotations

import pytest

import vn_dolisa_nlp
from vn_dolisa_nlp.records import RECORD_KEYS

from conftest import RAW

JOBS = ("- Ước giải quyết việc làm mới năm 2023: Toàn tỉnh giải quyết việc làm mới cho 11.309 lao động, "
        "đạt 124,27%KH (tăng 6,3% so với cùng kỳ năm 2022); trong đó: Thông qua Quỹ quốc gia về việc làm là "
        "3.110 lao động, vượt 55,5% so với kế hoạch (tăng 13,5% so với cùng kỳ năm 2022).")
UI = ("- Giải quyết chế độ hưởng trợ cấp thất nghiệp (TCTN): số người có quyết định hưởng TCTN là 1.369 người; "
      "số tiền chi trả TCTN là 20.914.369 triệu đồng; số người được tư vấn giới thiệu việc làm là 1.398 người.")
TRAINING = ("- Kết quả công tác đào tạo: Ước thực hiện năm 2023, tuyển sinh và đào tạo nghề cho 9.137 người, "
            "đạt 110,08% KH năm, tăng (1,09%) so với năm 2022, trong đó: cao đẳng: 204 người, trung cấp: 814 người.")
POVERTY = "Tỷ lệ hộ nghèo toàn tỉnh giảm còn 5,18%, giảm 5.784 hộ so với năm 2022."


def record(doc, quantity: str) -> dict:
    return next(r for r in doc._.records if r["quantity_text"] == quantity)


def test_every_record_has_every_key(model):
    doc = model(JOBS)
    assert doc._.records and all(tuple(r) == RECORD_KEYS for r in doc._.records)


def test_cho_n_nguoi_and_plan_ratio(model):
    doc = model(JOBS)
    jobs = record(doc, "11.309")
    assert (jobs["indicator"], jobs["value"], jobs["unit"], jobs["kind"]) == ("jobs_created", 11309, "person", "value")
    assert "giải quyết việc làm mới" in jobs["indicator_text"]
    plan = record(doc, "124,27")
    assert (plan["indicator"], plan["unit"], plan["unit_text"], plan["kind"]) == ("jobs_created", "percent", "%", "plan_ratio")


def test_change_against_same_period(model):
    change = record(model(JOBS), "6,3")
    assert (change["kind"], change["direction"], change["unit"]) == ("change", "increase", "percent")


def test_vuot_so_voi_ke_hoach_is_plan_ratio(model):
    assert record(model(JOBS), "55,5")["kind"] == "plan_ratio"


def test_colon_and_la_patterns(model):
    doc = model(UI)
    beneficiaries = record(doc, "1.369")
    assert beneficiaries["indicator"] == "ui_beneficiaries" and beneficiaries["unit"] == "person"
    counselling = record(doc, "1.398")
    assert counselling["indicator"] == "job_counselling"


def test_value_times_multiplier(model):
    paid = record(model(UI), "20.914.369")
    assert paid["indicator"] == "ui_benefit_paid"
    assert paid["unit"] == "VND" and paid["unit_text"] == "triệu đồng"
    assert paid["value"] == pytest.approx(2.0914369e13)


def test_breakdown_after_trong_do(model):
    doc = model(TRAINING)
    total = record(doc, "9.137")
    assert total["indicator"] == "vocational_enrolment" and total["kind"] == "value"
    college = record(doc, "204")
    assert college["indicator_text"] == total["indicator_text"]


def test_level_reached_is_a_value_and_decrease_is_a_change(model):
    doc = model(POVERTY)
    rate = record(doc, "5,18")
    assert (rate["indicator"], rate["kind"], rate["unit"]) == ("poverty_rate", "value", "percent")
    fewer = record(doc, "5.784")
    assert (fewer["kind"], fewer["direction"], fewer["unit"]) == ("change", "decrease", "household")


def test_period_and_place_inherited_from_the_report():
    records = vn_dolisa_nlp.extract(RAW / "000_d2ab505638247179.txt")
    jobs = next(r for r in records if r["quantity_text"] == "11.309")
    assert jobs["place"] == "Tỉnh Điện Biên"
    assert jobs["period"] == "2023"
    assert jobs["indicator"] == "jobs_created" and jobs["value"] == 11309


def test_targets_in_plan_section():
    records = vn_dolisa_nlp.extract(RAW / "003_4dcd91c88e23a105.txt")
    target = next(r for r in records if "Giảm tỷ lệ hộ nghèo cả tỉnh" in r["sentence"])
    assert target["kind"] == "target" and target["quantity_text"] == "4,0"


def test_extract_text_and_dataframe():
    records = vn_dolisa_nlp.extract(POVERTY)
    frame = vn_dolisa_nlp.to_dataframe(records)
    assert list(frame.columns) == list(RECORD_KEYS)
    assert frame.loc[frame.quantity_text == "5,18", "indicator"].item() == "poverty_rate"
    assert vn_dolisa_nlp.extract("") == []
    with pytest.raises(TypeError):
        vn_dolisa_nlp.extract(42)


def test_change_in_brackets(model):
    doc = model("Ước thực hiện năm 2023, số người tham gia BHXH bắt buộc: 42.184 người, "
                "tăng 4.528 (12,02%) người so với năm 2022.")
    level = record(doc, "42.184")
    assert (level["indicator"], level["kind"]) == ("si_compulsory_participants", "value")
    for number in ("4.528", "12,02"):
        assert (record(doc, number)["kind"], record(doc, number)["direction"]) == ("change", "increase")


def test_table_row_gives_its_unit_cell_and_the_header_kind(model):
    table = ("| TT | Chỉ tiêu | Đơn vị tính | Chỉ tiêu 2024 |\n|----|--|-------------|---------------|\n"
             "| 1 | Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội | % | 31,2 |")
    (rec,) = model(table)._.records
    assert rec["indicator_text"] == "Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội"
    assert (rec["indicator"], rec["value"], rec["unit"], rec["unit_text"], rec["kind"]) == (
        "si_coverage_rate", 31.2, "percent", "%", "target")


@pytest.mark.parametrize("text, number, qualifier", [
    ("Đã hỗ trợ tiền điện cho hơn 10.000 lượt hộ nghèo.", "10.000", "over"),
    ("tổ chức khám sàng lọc cho gần 300 trẻ em", "300", "about"),
    ("giải quyết việc làm cho 11.309 lao động", "11.309", None),
])
def test_qualifier_of_the_number(model, text, number, qualifier):
    rec = next(r for r in model(text)._.records if r["quantity_text"] == number)
    assert rec["qualifier"] == qualifier


def test_paragraph_is_the_line_index(model):
    doc = model("BÁO CÁO NĂM 2023\n\nGiải quyết việc làm cho 11.309 lao động.\nTỷ lệ hộ nghèo giảm còn 5,18%.")
    assert [(r["quantity_text"], r["paragraph"]) for r in doc._.records] == [("11.309", 1), ("5,18", 2)]
    assert [r["id"] for r in doc._.records] == [0, 1]
