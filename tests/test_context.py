"""Period and place of a number: sentence, heading, report (vn_dolisa_nlp.context)."""

from __future__ import annotations

from conftest import RAW

from vn_dolisa_nlp.context import DocumentContext, report_period, report_place, report_where
from vn_dolisa_nlp.layout import ents_by_line


def test_report_heading_gives_place_and_period(model):
    doc = model((RAW / "000_d2ab505638247179.txt").read_text(encoding="utf-8"))
    assert report_place(doc) == "Tỉnh Điện Biên"
    assert report_period(doc) == "2023"
    assert doc._.province == "Điện Biên"


def test_plan_heading_reaches_its_lines(model):
    text = ("BÁO CÁO KẾT QUẢ NĂM 2023\nI. KẾT QUẢ NĂM 2023\nGiải quyết việc làm cho 11.309 lao động.\n"
            "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024\nGiải quyết việc làm cho 12.000 lao động.")
    doc = model(text)
    ctx = DocumentContext(doc, ents_by_line(doc))
    assert [(c.period, c.plan_section) for c in ctx.by_line][2:] == [("2023", False), ("2024", True), ("2024", True)]
    kinds = {r["quantity_text"]: (r["kind"], r["period"]) for r in doc._.records}
    assert kinds == {"11.309": ("value", "2023"), "12.000": ("target", "2024")}


def test_sentence_place_and_period_override_the_heading(model):
    doc = model("BÁO CÁO NĂM 2023\nĐưa lao động đi làm việc ở nước ngoài: Hàn Quốc 40 người; Nhật Bản 127 người.")
    places = {r["quantity_text"]: r["place"] for r in doc._.records}
    assert places == {"40": "Hàn Quốc", "127": "Nhật Bản"}


def test_report_map_follows_its_date_or_period(model):
    heads = {
        "Số: 245/BC-SNV\nLâm Đồng, ngày 15 tháng 12 năm 2025\nBÁO CÁO Kết quả năm 2025": "2025",
        "Số: 98/BC-SLĐTBXH\nĐắk Nông, ngày 20 tháng 6 năm 2025\nBÁO CÁO Kết quả 6 tháng đầu năm 2025": "legacy",
        "Số: 86/BC-SNV\nBÁO CÁO Kết quả công tác lao động, việc làm Quý I/2026": "2025",
        "Số: 84/BC-SLĐTBXH\nBÁO CÁO Kết quả công tác lao động, việc làm Quý I/2024": "legacy",
    }
    assert {text: report_where(model(text)).era for text in heads} == heads
    assert report_where(model((RAW / "000_d2ab505638247179.txt").read_text(encoding="utf-8"))).era == "legacy"


def test_a_2026_report_heading_a_former_province_is_placed_in_the_province_of_today(model):
    doc = model("Số: 21/BC-SNV\nBÁO CÁO Quý I/2026 của tỉnh Hà Nam, tỉnh Nam Định và tỉnh Ninh Bình sau hợp nhất\n"
                "Toàn tỉnh giải quyết việc làm cho 17.640 lao động.")
    assert (report_place(doc), doc._.province) == ("Tỉnh Ninh Bình", "Ninh Bình")
    assert [(r["place"], r["province_2025"]) for r in doc._.records] == [("Tỉnh Ninh Bình", "Tỉnh Ninh Bình")]
