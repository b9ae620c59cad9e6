"""The 2025 reform: both maps of places, ``province_2025``, the new bodies and their reports.

The expected 2025 provinces were checked against the official conversion tables of
``vietnamadminunits`` (``converter_2025.json``, read by ``training/build_gazetteer.py``).
"""

from __future__ import annotations

import pytest
import srsly

from conftest import RAW, ROOT

from vn_dolisa_nlp.context import report_where
from vn_dolisa_nlp.evaluate import file_sets
from vn_dolisa_nlp.lexicon import gazetteer
from vn_dolisa_nlp.normalize import normalize_text
from vn_dolisa_nlp.places import lookup, place_of, province_2025_of

WRITTEN = ROOT / "corpus" / "written"

# (a place as the reports of the old map write it, the report's own province, its province today)
OLD_PLACES = [
    ("tỉnh Đắk Nông", None, "Tỉnh Lâm Đồng"), ("tỉnh Hà Giang", None, "Tỉnh Tuyên Quang"),
    ("tỉnh Bình Thuận", None, "Tỉnh Lâm Đồng"), ("tỉnh Hải Dương", None, "Thành phố Hải Phòng"),
    ("tỉnh Thái Bình", None, "Tỉnh Hưng Yên"), ("tỉnh Bắc Giang", None, "Tỉnh Bắc Ninh"),
    ("tỉnh Yên Bái", None, "Tỉnh Lào Cai"), ("tỉnh Hòa Bình", None, "Tỉnh Phú Thọ"),
    ("tỉnh Vĩnh Phúc", None, "Tỉnh Phú Thọ"), ("tỉnh Bắc Kạn", None, "Tỉnh Thái Nguyên"),
    ("tỉnh Hà Nam", None, "Tỉnh Ninh Bình"), ("tỉnh Nam Định", None, "Tỉnh Ninh Bình"),
    ("tỉnh Quảng Bình", None, "Tỉnh Quảng Trị"), ("tỉnh Quảng Nam", None, "Thành phố Đà Nẵng"),
    ("tỉnh Kon Tum", None, "Tỉnh Quảng Ngãi"), ("tỉnh Bình Định", None, "Tỉnh Gia Lai"),
    ("tỉnh Phú Yên", None, "Tỉnh Đắk Lắk"), ("tỉnh Ninh Thuận", None, "Tỉnh Khánh Hòa"),
    ("tỉnh Bình Phước", None, "Tỉnh Đồng Nai"), ("tỉnh Bình Dương", None, "Thành phố Hồ Chí Minh"),
    ("tỉnh Bà Rịa - Vũng Tàu", None, "Thành phố Hồ Chí Minh"), ("tỉnh Long An", None, "Tỉnh Tây Ninh"),
    ("tỉnh Tiền Giang", None, "Tỉnh Đồng Tháp"), ("tỉnh Bến Tre", None, "Tỉnh Vĩnh Long"),
    ("tỉnh Trà Vinh", None, "Tỉnh Vĩnh Long"), ("tỉnh Kiên Giang", None, "Tỉnh An Giang"),
    ("tỉnh Hậu Giang", None, "Thành phố Cần Thơ"), ("tỉnh Sóc Trăng", None, "Thành phố Cần Thơ"),
    ("tỉnh Bạc Liêu", None, "Tỉnh Cà Mau"), ("tỉnh Điện Biên", None, "Tỉnh Điện Biên"),
    ("tỉnh Thừa Thiên Huế", None, "Thành phố Huế"), ("Cao Bằng", None, "Tỉnh Cao Bằng"),
    ("huyện Vũ Thư", None, "Tỉnh Hưng Yên"), ("thành phố Hải Dương", None, "Thành phố Hải Phòng"),
    ("huyện Điện Biên Đông", None, "Tỉnh Điện Biên"), ("huyện Quản Bạ", None, "Tỉnh Tuyên Quang"),
    ("thành phố Phú Quốc", None, "Tỉnh An Giang"), ("huyện Côn Đảo", None, "Thành phố Hồ Chí Minh"),
    ("thành phố Tam Kỳ", None, "Thành phố Đà Nẵng"), ("thị xã Hương Thủy", None, "Thành phố Huế"),
    ("huyện Ba Bể", None, "Tỉnh Thái Nguyên"), ("thành phố Bảo Lộc", None, "Tỉnh Lâm Đồng"),
    ("huyện Chư Sê", None, "Tỉnh Gia Lai"), ("huyện Hàm Thuận Bắc", None, "Tỉnh Lâm Đồng"),
    ("thành phố Móng Cái", None, "Tỉnh Quảng Ninh"), ("huyện Nho Quan", None, "Tỉnh Ninh Bình"),
    ("huyện Tam Đường", None, "Tỉnh Lai Châu"), ("huyện Tri Tôn", None, "Tỉnh An Giang"),
    ("huyện Văn Yên", None, "Tỉnh Lào Cai"), ("huyện Vũ Quang", None, "Tỉnh Hà Tĩnh"),
    ("Mường Chà", None, "Tỉnh Điện Biên"), ("Đắk Glong", None, "Tỉnh Lâm Đồng"),
    ("xã Mường Luân", None, "Tỉnh Điện Biên"), ("phường Phúc Xá", None, "Thành phố Hà Nội"),
    ("phường Cẩm Thượng", None, "Thành phố Hải Phòng"), ("xã Lê Trì", None, "Tỉnh An Giang"),
    ("phường Dương Quan", None, "Thành phố Hải Phòng"),
    # names several provinces have: the report's own province (of either map) decides
    ("xã Quảng Khê", "Đắk Nông", "Tỉnh Lâm Đồng"), ("xã Quảng Khê", "Bắc Kạn", "Tỉnh Thái Nguyên"),
    ("xã Quảng Khê", "Thanh Hóa", "Tỉnh Thanh Hóa"), ("xã Quảng Khê", "Lâm Đồng", "Tỉnh Lâm Đồng"),
    ("phường An Mỹ", "Quảng Nam", "Thành phố Đà Nẵng"), ("huyện Châu Thành", "Tiền Giang", "Tỉnh Đồng Tháp"),
    ("huyện Châu Thành", "Bến Tre", "Tỉnh Vĩnh Long"), ("huyện Châu Thành", "Hậu Giang", "Thành phố Cần Thơ"),
]

# (the report's seat, a sentence naming a unit of the 2025 map, the LOC, its canonical name and province)
NEW_PLACES = [
    ("An Giang", "Năm 2025, đặc khu Phú Quốc giải quyết việc làm cho 2.780 lao động.",
     "đặc khu Phú Quốc", "Đặc khu Phú Quốc", "Tỉnh An Giang"),
    ("Thành phố Hồ Chí Minh", "Đặc khu Côn Đảo chi trả trợ cấp xã hội hàng tháng cho 412 đối tượng.",
     "Đặc khu Côn Đảo", "Đặc khu Côn Đảo", "Thành phố Hồ Chí Minh"),
    ("Quảng Ninh", "Trong năm, đặc khu Vân Đồn tạo việc làm mới cho 1.120 lao động.",
     "đặc khu Vân Đồn", "Đặc khu Vân Đồn", "Tỉnh Quảng Ninh"),
    ("Quảng Ngãi", "Tỷ lệ hộ nghèo của đặc khu Lý Sơn còn 2,1%, với 86 hộ nghèo.",
     "đặc khu Lý Sơn", "Đặc khu Lý Sơn", "Tỉnh Quảng Ngãi"),
    ("Lâm Đồng", "Đặc khu Phú Quý tặng 640 suất quà cho người có công.",
     "Đặc khu Phú Quý", "Đặc khu Phú Quý", "Tỉnh Lâm Đồng"),
    ("Thành phố Hồ Chí Minh", "Phường Sài Gòn tư vấn, giới thiệu việc làm cho 1.850 lượt người.",
     "Phường Sài Gòn", "Phường Sài Gòn", "Thành phố Hồ Chí Minh"),
    ("Quảng Trị", "Phường Nam Đông Hà giải quyết việc làm mới cho 326 lao động.",
     "Phường Nam Đông Hà", "Phường Nam Đông Hà", "Tỉnh Quảng Trị"),
    ("Huế", "Phường Phú Xuân đang quản lý 2.140 hồ sơ người có công.",
     "Phường Phú Xuân", "Phường Phú Xuân", "Thành phố Huế"),
    ("Đà Nẵng", "Năm 2025, phường Tam Kỳ giải quyết việc làm cho 1.240 lao động.",
     "phường Tam Kỳ", "Phường Tam Kỳ", "Thành phố Đà Nẵng"),
    ("Hải Phòng", "Phường Thủy Nguyên giải quyết việc làm cho 1.245 lao động, đạt 103,8% kế hoạch.",
     "Phường Thủy Nguyên", "Phường Thủy Nguyên", "Thành phố Hải Phòng"),
    ("Tây Ninh", "Quý I/2026, phường Long An giải quyết việc làm cho 486 lao động.",
     "phường Long An", "Phường Long An", "Tỉnh Tây Ninh"),
    ("Phú Thọ", "Phường Hòa Bình trao 939 suất quà Tết cho hộ nghèo.",
     "Phường Hòa Bình", "Phường Hòa Bình", "Tỉnh Phú Thọ"),
    ("Cà Mau", "Cuối năm 2025, phường An Xuyên còn 84 hộ nghèo.",
     "phường An Xuyên", "Phường An Xuyên", "Tỉnh Cà Mau"),
    ("Quảng Ngãi", "Quý I/2026, xã Mộ Đức giải quyết việc làm cho 286 lao động.",
     "xã Mộ Đức", "Xã Mộ Đức", "Tỉnh Quảng Ngãi"),
    ("Tuyên Quang", "Năm 2025, xã Quản Bạ có 214 hộ thoát nghèo.",
     "xã Quản Bạ", "Xã Quản Bạ", "Tỉnh Tuyên Quang"),
    ("Lai Châu", "Xã Khổng Lào đưa 42 lao động đi làm việc ở nước ngoài theo hợp đồng.",
     "Xã Khổng Lào", "Xã Khổng Lào", "Tỉnh Lai Châu"),
    ("Điện Biên", "Xã Mường Phăng chi trả trợ cấp xã hội cho 215 đối tượng.",
     "Xã Mường Phăng", "Xã Mường Phăng", "Tỉnh Điện Biên"),
    ("Hà Nội", "Phường Hồng Hà tổ chức 3 phiên giao dịch việc làm.",
     "Phường Hồng Hà", "Phường Hồng Hà", "Thành phố Hà Nội"),
    ("Đà Nẵng", "Phường Bàn Thạch hỗ trợ 56 hộ nghèo sửa chữa nhà ở.",
     "Phường Bàn Thạch", "Phường Bàn Thạch", "Thành phố Đà Nẵng"),
    ("Hải Phòng", "Phường Hải Dương giải quyết việc làm cho 2.310 lao động.",
     "Phường Hải Dương", "Phường Hải Dương", "Thành phố Hải Phòng"),
    ("Gia Lai", "Xã Chư Sê tạo việc làm cho 412 lao động.", "Xã Chư Sê", "Xã Chư Sê", "Tỉnh Gia Lai"),
    ("Lâm Đồng", "Xã Quảng Khê hỗ trợ 37 hộ nghèo.", "Xã Quảng Khê", "Xã Quảng Khê", "Tỉnh Lâm Đồng"),
]


def _written(name: str) -> str:
    """A written report as one text, one paragraph a line."""
    return "\n".join(p["text"] for p in srsly.read_jsonl(WRITTEN / f"{name}.jsonl"))


def test_old_places_cover_provinces_districts_and_communes_of_20_provinces():
    levels = {lookup(text, province).level for text, province, _ in OLD_PLACES}
    provinces = {lookup(text, province).canonical for text, province, _ in OLD_PLACES
                 if lookup(text, province).level == "province"}
    assert len(OLD_PLACES) >= 40 and levels == {"province", "district", "commune"} and len(provinces) >= 20


@pytest.mark.parametrize("text,province,expected", OLD_PLACES)
def test_old_place_maps_to_its_province_of_2025(text, province, expected):
    assert province_2025_of(text, province) == expected


def test_gazetteer_keeps_both_maps_and_every_unit_has_its_2025_province():
    units = gazetteer()
    provinces_2025 = {u["canonical"] for u in units if u["era"] == "2025" and u["level"] == "province"}
    legacy_provinces = {u["canonical"] for u in units if u["era"] == "legacy" and u["level"] == "province"}
    assert len(provinces_2025) == 34 and len(legacy_provinces) >= 63
    assert {u["province_2025"] for u in units} == provinces_2025
    special_zones = {u["canonical"] for u in units if u["type"] == "Đặc khu"}
    assert {"Đặc khu Phú Quốc", "Đặc khu Côn Đảo", "Đặc khu Vân Đồn"} <= special_zones
    assert {"Huyện Vũ Thư", "Tỉnh Hà Giang"} <= {u["canonical"] for u in units if u["era"] == "legacy"}


def test_new_map_names_get_level_and_canonical():
    assert place_of("xã Mường Phăng") == ("commune", "Xã Mường Phăng")
    assert place_of("đặc khu Phú Quốc") == ("commune", "Đặc khu Phú Quốc")
    # a name of both maps: the district in a report of the old map, the special zone in one of the new
    assert place_of("Phú Quốc") == ("district", "Thành phố Phú Quốc")
    assert place_of("Phú Quốc", "An Giang", "2025") == ("commune", "Đặc khu Phú Quốc")
    assert place_of("phường Long An", "Tây Ninh", "2025") == ("commune", "Phường Long An")
    assert province_2025_of("Hàn Quốc") is None and province_2025_of("Không Có Nơi Này") is None


@pytest.mark.parametrize("seat,sentence,loc,canonical,province", NEW_PLACES)
def test_new_map_commune_is_a_loc_with_its_province(model, seat, sentence, loc, canonical, province):
    doc = model(f"{seat}, ngày 15 tháng 12 năm 2025\n{sentence}")
    locs = {e.text: (e._.admin_level, e._.canonical, e._.province_2025) for e in doc.ents if e.label_ == "LOC"}
    assert locs.get(loc) == ("commune", canonical, province)


def test_every_loc_of_a_real_2023_report_has_its_2025_province(model):
    doc = model((RAW / "001_13d710e37c816e1b.txt").read_text(encoding="utf-8"))  # Đắk Nông, 2023
    locs = [e for e in doc.ents if e.label_ == "LOC"]
    assert doc._.province == "Đắk Nông" and report_where(doc).era == "legacy"
    assert {e._.province_2025 for e in locs if normalize_text(e.text).lower() == "tỉnh đắk nông"} == {"Tỉnh Lâm Đồng"}
    # the places of the report's time keep their names, and every record carries where they are today
    placed = [r for r in doc._.records if r["place"] == "Tỉnh Đắk Nông"]
    assert len(placed) > 10 and {r["province_2025"] for r in placed} == {"Tỉnh Lâm Đồng"}


def test_province_2025_is_looked_up_once_per_distinct_place(model):
    doc = model((RAW / "000_d2ab505638247179.txt").read_text(encoding="utf-8"))  # Điện Biên, 2023
    locs = [e for e in doc.ents if e.label_ == "LOC"]
    lookup.cache_clear()
    first = [e._.province_2025 for e in locs]
    misses = lookup.cache_info().misses
    assert [e._.province_2025 for e in locs] == first and lookup.cache_info().misses == misses
    assert misses < len(locs) / 2  # the report names the same places many times


def test_new_bodies_are_organisations(model):
    text = ("Sở Y tế phối hợp với Sở Nội vụ và Sở Nông nghiệp và Môi trường rà soát hộ nghèo; Sở Giáo dục và Đào tạo "
            "tuyển sinh giáo dục nghề nghiệp cho 12.400 người; Bộ Nội vụ hướng dẫn sắp xếp thôn, tổ dân phố. "
            "Trung tâm Dịch vụ việc làm tỉnh Quảng Ngãi tổ chức 01 phiên giao dịch việc làm lưu động; "
            "Trung tâm Công tác xã hội tỉnh tiếp nhận 126 lượt đối tượng; Công an tỉnh tổ chức cai nghiện "
            "cho 312 người. UBND xã Mường Phăng chi trả trợ cấp cho 215 đối tượng; UBND phường Tam Kỳ giải quyết "
            "việc làm cho 320 lao động; Ủy ban nhân dân đặc khu Côn Đảo tặng 450 suất quà; "
            "UBND các xã, phường, đặc khu đã rà soát, cập nhật thông tin.")
    orgs = {e.text for e in model(text).ents if e.label_ == "ORG"}
    assert {"Sở Y tế", "Sở Nội vụ", "Sở Nông nghiệp và Môi trường", "Sở Giáo dục và Đào tạo", "Bộ Nội vụ",
            "Trung tâm Dịch vụ việc làm tỉnh Quảng Ngãi", "Trung tâm Công tác xã hội tỉnh", "Công an tỉnh",
            "UBND xã Mường Phăng", "UBND phường Tam Kỳ", "Ủy ban nhân dân đặc khu Côn Đảo",
            "UBND các xã, phường, đặc khu"} <= orgs


def test_a_heading_in_capitals_names_the_commune_office(model):
    doc = model("UBND XÃ MƯỜNG PHĂNG\nSố: 42/BC-UBND\nĐiện Biên, ngày 20 tháng 3 năm 2026")
    assert "UBND XÃ MƯỜNG PHĂNG" in {e.text for e in doc.ents if e.label_ == "ORG"}
    assert report_where(doc).place == "Xã Mường Phăng"


@pytest.mark.parametrize("code,issuer", [("245/BC-SNV", "BC-SNV"), ("1934/BC-SYT", "BC-SYT"),
                                         ("215/BC-UBND", "BC-UBND"), ("/BC-SNV", "BC-SNV")])
def test_header_codes_of_the_new_offices(model, code, issuer):
    docs = [e for e in model(f"Số: {code}\nBÁO CÁO Kết quả công tác năm 2025").ents if e.label_ == "POLICY_DOC"]
    assert [(e.text, e._.issuer_code) for e in docs] == [(code, issuer)]


def test_so_noi_vu_report_has_its_province_as_default_place(model):
    # the Lâm Đồng report of Sở Nội vụ, its issuer's line first and without its "Lâm Đồng, ngày ..." line
    text = "Sở Nội vụ tỉnh Lâm Đồng\n" + _written("lamdong-2025-snv").replace(
        "Lâm Đồng, ngày 15 tháng 12 năm 2025\n", "")
    doc = model(text)
    assert "Sở Nội vụ tỉnh Lâm Đồng" in {e.text for e in doc.ents if e.label_ == "ORG"}
    assert report_where(doc).place == "Tỉnh Lâm Đồng" and doc._.province == "Lâm Đồng"
    unplaced = [r for r in doc._.records if r["place"] == "Tỉnh Lâm Đồng"]
    assert len(unplaced) > 10 and {r["province_2025"] for r in unplaced} == {"Tỉnh Lâm Đồng"}
    # a comparison with the former provinces keeps the merged province as the place
    compared = [r for r in doc._.records if "so với tổng số liệu của 03 tỉnh trước sắp xếp" in r["sentence"]
                and r["kind"] == "change"]
    assert compared and {(r["place"], r["province_2025"]) for r in compared} == {("Tỉnh Lâm Đồng", "Tỉnh Lâm Đồng")}


def test_commune_report_has_the_commune_and_its_province(model):
    doc = model(_written("danang-tamky-2025-commune"))
    where = report_where(doc)
    assert (where.place, where.province, where.era) == ("Phường Tam Kỳ", "Đà Nẵng", "2025")
    records = [r for r in doc._.records if r["place"] == "Phường Tam Kỳ"]
    assert len(records) > 10 and {r["province_2025"] for r in records} == {"Thành phố Đà Nẵng"}


def test_report_of_the_new_map_names_its_province_by_the_34(model):
    # "Sau khi ba tỉnh Hà Nam, Nam Định, Ninh Bình hợp nhất thành tỉnh Ninh Bình mới": a former
    # province named first stands for the province that holds it today
    doc = model(_written("ninhbinh-2026-snv"))
    assert report_where(doc).place == "Tỉnh Ninh Bình"
    assert {r["province_2025"] for r in doc._.records if r["place"] == "Tỉnh Ninh Bình"} == {"Tỉnh Ninh Bình"}


def test_test_split_is_measured_on_post_2025_and_pre_2025_reports():
    sets = file_sets("test", ROOT)
    post = sets["written test split, post-2025 reports"]
    pre = sets["written test split, pre-2025 reports"]
    assert post and pre and not set(post) & set(pre)
    assert set(post) | set(pre) == set(sets["written test split"])
    assert all(next(iter(srsly.read_jsonl(WRITTEN / "markup" / p.name)))["post2025"] for p in post)
