"""Period and place of a number: sentence, heading, report (vn_dolisa_nlp.context)."""

from __future__ import annotations

from conftest import RAW

from vn_dolisa_nlp.context import DocumentContext, report_period, report_place
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
