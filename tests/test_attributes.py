"""Span attribute functions (SPEC section 4) on phrases from the sample reports."""

from __future__ import annotations

import pytest
import srsly

from vn_dolisa_nlp.dates import period_of
from vn_dolisa_nlp.documents import policy_fields
from vn_dolisa_nlp.numbers import parse_number
from vn_dolisa_nlp.places import place_of
from vn_dolisa_nlp.taxonomy import Taxonomy, TaxonomyError, default_taxonomy
from vn_dolisa_nlp.units import UNITS, unit_of


@pytest.mark.parametrize(
    "text,value",
    [("11.309", 11309), ("124,27", 124.27), ("2.452,568", 2452.568), ("20.914.369", 20914369),
     ("6.932.693.600", 6932693600), ("04", 4), ("0,01", 0.01), ("51/51", 51), ("28,1", 28.1),
     ("hai", 2), ("hai mươi lăm", 25), ("một trăm", 100), ("ba nghìn", 3000), ("abc", None)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text,unit,multiplier",
    [("%", "percent", 1), ("triệu đồng", "VND", 1e6), ("tỷ đồng", "VND", 1e9), ("nghìn đồng", "VND", 1e3),
     ("đ", "VND", 1), ("đồng", "VND", 1), ("triệu", "VND", 1e6), ("lao động", "person", 1),
     ("người", "person", 1), ("hộ", "household", 1), ("kg", "kg", 1), ("tấn", "ton", 1),
     ("suất quà", "gift", 1), ("lượt lao động", "person_time", 1), ("văn bản", "document", 1),
     ("hồ sơ", "record", 1), ("vụ", "case", 1), ("xã, phường, thị trấn", "commune", 1),
     ("giường bệnh", "other", 1)],
)
def test_unit_of(text, unit, multiplier):
    assert unit_of(text) == (unit, multiplier)
    assert unit in UNITS


@pytest.mark.parametrize(
    "text,period",
    [("năm 2023", "2023"), ("Quý I/2020", "2020-Q1"), ("ngày 19/10/2021", "2021-10-19"),
     ("giai đoạn 2021-2025", "2021/2025"), ("6 tháng đầu năm 2023", "2023-H1"), ("cuối năm 2022", "2022"),
     ("ngày 18 tháng 01 năm 2024", "2024-01-18"), ("tháng 10/2021", "2021-10"),
     ("9 tháng đầu năm 2021", "2021-01/2021-09"), ("cùng kỳ năm 2022", "2022"), ("hàng năm", None)],
)
def test_period_of(text, period):
    assert period_of(text) == period


@pytest.mark.parametrize(
    "text,fields",
    [
        ("Nghị quyết số 08/2023/NQ-HĐND ngày 14/7/2023", ("Nghị quyết", "08/2023/NQ-HĐND", "NQ-HĐND", 2023, "2023-07-14")),
        ("Quyết định số 23/2021/QĐ-TTg", ("Quyết định", "23/2021/QĐ-TTg", "QĐ-TTg", 2021, None)),
        ("Chỉ thị số 20-CT/TW", ("Chỉ thị", "20-CT/TW", "CT/TW", None, None)),
        ("Kế hoạch số 410/KH-UBND ngày 14/02/2023", ("Kế hoạch", "410/KH-UBND", "KH-UBND", 2023, "2023-02-14")),
        ("Nghị Quyết số 50/2020/NQ-HĐND ngày 16/12/2020", ("Nghị quyết", "50/2020/NQ-HĐND", "NQ-HĐND", 2020, "2020-12-16")),
        ("Luật Phòng, chống ma túy", ("Luật", None, None, None, None)),
        ("/BC-SLĐTBXH", (None, "/BC-SLĐTBXH", "BC-SLĐTBXH", None, None)),
    ],
)
def test_policy_fields(text, fields):
    f = policy_fields(text)
    assert (f["doc_type"], f["doc_number"], f["issuer_code"], f["year"], f["issued"]) == fields


@pytest.mark.parametrize(
    "text,level,canonical",
    [("tỉnh Điện Biên", "province", "Tỉnh Điện Biên"), ("huyện Điện Biên Đông", "district", "Huyện Điện Biên Đông"),
     ("xã Mường Luân", "commune", "Xã Mường Luân"), ("Hàn Quốc", "country", "Hàn Quốc"),
     ("TP Cao Bằng", "district", "Thành phố Cao Bằng"), ("Mường Chà", "district", "Huyện Mường Chà"),
     ("Thừa Thiên Huế", "province", "Tỉnh Thừa Thiên Huế"), ("Đắk Nông", "province", "Tỉnh Đắk Nông"),
     ("thôn Nà Pồ", "village", None), ("Không Có Nơi Này", None, None)],
)
def test_place_of(text, level, canonical):
    assert place_of(text) == (level, canonical)


@pytest.mark.parametrize(
    "phrase,unit,indicator",
    [("giải quyết việc làm mới", "person", "jobs_created"),
     ("Tỷ lệ thất nghiệp khu vực thành thị", "percent", "urban_unemployment_rate"),
     ("số người tham gia BHXH bắt buộc", "person", "si_compulsory_participants"),
     ("tuyển sinh và đào tạo nghề", "person", "vocational_enrolment"),
     ("số tiền chi trả TCTN", "VND", "ui_benefit_paid"),
     ("Tỷ lệ hộ nghèo", "percent", "poverty_rate")],
)
def test_taxonomy_identifies_core_phrasings(phrase, unit, indicator):
    assert default_taxonomy().identify(phrase, unit) == indicator


SPEC_IDS = """jobs_created workers_abroad urban_unemployment_rate job_counselling foreign_work_permits
ui_beneficiaries ui_benefit_paid vocational_enrolment trained_labour_rate si_compulsory_participants
si_voluntary_participants ui_participants si_coverage_rate ui_coverage_rate labour_accidents
labour_accident_deaths merit_people_managed merit_monthly_recipients gift_packages gift_value gratitude_fund
poverty_rate poor_households near_poverty_rate near_poor_households multidimensional_poverty_rate
social_allowance_recipients social_allowance_amount rice_relief special_children_rate child_friendly_communes
drug_rehab_people inspections documents_issued""".split()


def test_taxonomy_has_every_core_id():
    taxonomy = default_taxonomy()
    assert all(i in taxonomy for i in SPEC_IDS)


@pytest.mark.parametrize(
    "item,message",
    [({"id": "x", "name": "x", "units": ["person"], "phrasings": ["x"], "extra": 1}, "keys"),
     ({"id": "x", "name": "x", "units": ["parsec"], "phrasings": ["x"]}, "unknown units"),
     ({"id": "x", "name": "x", "units": ["person"], "phrasings": []}, "phrasings")],
)
def test_taxonomy_validation_fails_loudly(tmp_path, item, message):
    path = tmp_path / "t.json"
    srsly.write_json(path, {"version": 1, "indicators": [item]})
    with pytest.raises(TaxonomyError, match=message):
        Taxonomy.from_file(path)


def test_taxonomy_duplicate_ids(tmp_path):
    item = {"id": "x", "name": "x", "units": ["person"], "phrasings": ["x"]}
    path = tmp_path / "t.json"
    srsly.write_json(path, {"version": 1, "indicators": [item, item]})
    with pytest.raises(TaxonomyError, match="duplicate"):
        Taxonomy.from_file(path)
