"""Kinds of numbers (vn_dolisa_nlp.kinds), on phrases from the reports."""

from __future__ import annotations

import pytest

from vn_dolisa_nlp.kinds import kind_of


@pytest.mark.parametrize("text, number, kind, direction", [
    ("Toàn tỉnh giải quyết việc làm mới cho 11.309 lao động, đạt 124,27%KH.", "124,27", "plan_ratio", None),
    ("tuyển sinh và đào tạo nghề cho 9.137 người, đạt 110,08% KH năm", "110,08", "plan_ratio", None),
    ("giải quyết việc làm cho 11.309 lao động (tăng 6,3% so với cùng kỳ năm 2022)", "6,3", "change", "increase"),
    ("Tỷ lệ hộ nghèo giảm còn 5,18%, giảm 5.784 hộ so với năm 2022.", "5.784", "change", "decrease"),
    ("Tỷ lệ hộ nghèo giảm còn 5,18%, giảm 5.784 hộ so với năm 2022.", "5,18", "value", None),
    ("Năm 2024 phấn đấu giải quyết việc làm cho 10.000 lao động.", "10.000", "target", None),
    # Điện Biên 2023: plans counted are no ratio to plan
    ("Tham mưu trình UBND tỉnh: Ban hành 02 kế hoạch, 01 chương trình.", "02", "value", None),
])
def test_kind_of_a_number(model, text, number, kind, direction):
    doc = model(text)
    q = next(e for e in doc.ents if e.label_ == "QUANTITY" and e.text == number)
    assert kind_of(q) == (kind, direction)


def test_a_plan_section_makes_targets(model):
    doc = model("Giải quyết việc làm cho 17.000 lao động.")
    q = next(e for e in doc.ents if e.label_ == "QUANTITY")
    assert kind_of(q, in_plan_section=True) == ("target", None)


def _records(model, text: str) -> dict[str, dict]:
    return {r["quantity_text"]: r for r in model(text)._.records}


def test_a_target_lead_reaches_every_item_of_its_list(model):
    # Trà Vinh 2016 (written dev report): the lead heads `;`-items, planned changes included
    text = ("Chỉ tiêu chủ yếu năm 2017: giải quyết việc làm cho 19.000 lao động; đưa 350 lao động đi làm việc ở "
            "nước ngoài theo hợp đồng; tuyển sinh, đào tạo nghề 15.500 người; tỷ lệ lao động qua đào tạo đạt 48%; "
            "giảm tỷ lệ hộ nghèo từ 2-2,5%.")
    records = _records(model, text)
    assert {r["kind"] for r in records.values()} == {"target"}
    assert len(records) == 6


def test_a_lead_of_results_is_no_target(model):
    text = "Kết quả thực hiện các chỉ tiêu: giải quyết việc làm cho 17.034 người; tuyển sinh 9.137 người."
    assert {r["kind"] for r in _records(model, text).values()} == {"value"}


def test_table_columns_give_kinds(model):
    # Bình Dương 2022 (written report): planned, achieved, share of plan
    text = ("| STT | Chỉ tiêu | ĐVT | KH 2022 | TH 2022 | % so KH |\n|---|---|---|---|---|---|\n"
            "| 1 | Giải quyết việc làm | người | 50.000 | 53.420 | 106,8 |")
    records = _records(model, text)
    assert [records[n]["kind"] for n in ("50.000", "53.420", "106,8")] == ["target", "value", "plan_ratio"]


def test_the_y_of_an_x_y_pair_of_achieved_against_planned_is_a_target(model):
    # Trà Vinh 2016 (written report): "hoàn thành 15/17 chỉ tiêu được giao"
    records = model("Sở đã tham mưu ban hành 14 văn bản và hoàn thành 15/17 chỉ tiêu được giao.")._.records
    pair = [r for r in records if r["quantity_text"] in ("15", "17")]
    assert [r["kind"] for r in pair] == ["value", "target"]
    assert pair[0]["indicator_text"] == pair[1]["indicator_text"]


@pytest.mark.parametrize("text, x, y", [
    # X above Y: Bến Tre 2018, Đồng Tháp (Cao Lãnh) 2020
    ("Giáo dục nghề nghiệp: tuyển sinh giáo dục nghề nghiệp 16.845/16.000 người, đạt 105,28% kế hoạch", "16.845",
     "16.000"),
    ("Toàn huyện giải quyết việc làm cho 3.415/3.200 lao động, đạt 106,72% kế hoạch", "3.415", "3.200"),
    # people or money counted after their indicator: Bạc Liêu 2023, Đồng Tháp 2021
    ("2. Giáo dục nghề nghiệp: tuyển sinh 5.420/11.000 người, đạt 49,27%; tỷ lệ lao động qua đào tạo ước 61,5%.",
     "5.420", "11.000"),
    ("Toàn tỉnh giải quyết việc làm cho 39.850/45.000 lao động, đạt 88,56% kế hoạch", "39.850", "45.000"),
])
def test_pairs_of_achieved_against_planned(model, text, x, y):
    records = _records(model, text)
    assert (records[x]["kind"], records[y]["kind"]) == ("value", "target")


def test_a_percentage_that_is_x_of_y_is_a_ratio_to_plan(model):
    # Bạc Liêu 2023: 5.420 / 11.000 = 49,27%
    text = "2. Giáo dục nghề nghiệp: tuyển sinh 5.420/11.000 người, đạt 49,27%; tỷ lệ lao động qua đào tạo ước 61,5%."
    records = _records(model, text)
    assert records["49,27"]["kind"] == "plan_ratio"
    assert records["61,5"]["kind"] == "value"


def test_a_share_of_a_whole_is_no_ratio_to_plan(model):
    # Điện Biên 2023: accounts opened for a share of those eligible
    text = ("Đến nay toàn tỉnh đã thu thập thông tin, cấp tài khoản cho 21.497/36.244 đối tượng, đạt 59,3%; đã tiến "
            "hành chi trả qua tài khoản cho 14.290/36.123 đối tượng, đạt 39,5%.")
    records = _records(model, text)
    assert [records[n]["kind"] for n in ("36.244", "59,3", "36.123", "39,5")] == ["value"] * 4


def test_the_y_of_a_part_of_a_whole_is_a_value(model):
    # Điện Biên 2023: "+ 10/10 huyện, thị xã, thành phố đã triển khai ..."; Cao Bằng 2021: "Tiếp nhận, xử lý 51/51 đơn"
    for text in ("+ 10/10 huyện, thị xã, thành phố đã triển khai thu thập, cập nhật thông tin về người lao động.",
                 "Tiếp nhận, xử lý 51/51 đơn, trong đó: Khiếu nại 01 đơn, đề nghị 50 đơn."):
        assert [r["kind"] for r in model(text)._.records[:2]] == ["value", "value"]


@pytest.mark.parametrize("text, number, kind, direction", [
    # Hà Tĩnh (Vũ Quang) 2020 and Thanh Hóa 2018, written train reports
    ("Tỷ lệ hộ nghèo giảm từ 6,84 % xuống còn 4,91 %", "6,84", "value", None),
    ("Tỷ lệ hộ nghèo giảm từ 6,84 % xuống còn 4,91 %", "4,91", "value", None),
    ("giải quyết việc làm cho 36.420 lao động, đạt 102,2 % kế hoạch, bằng 104,5 % so với cùng kỳ năm 2017",
     "104,5", "change", "increase"),
    ("đưa lao động đi làm việc ở nước ngoài theo hợp đồng được 112 người, gấp 1,4 lần năm 2024",
     "1,4", "change", "increase"),
    ("Năm 2024, mục tiêu giải quyết việc làm cho 36.500 lao động", "36.500", "target", None),
    # a share of a target: Cà Mau (An Xuyên) 2025, Lâm Đồng 2019
    ("Trong năm, phường giải quyết việc làm cho 1.240 lao động, đạt 103,3% chỉ tiêu; trong đó 36 người đi làm việc",
     "103,3", "plan_ratio", None),
    ("tham gia BHXH tự nguyện 9.870 người, đạt 118% chỉ tiêu được giao", "118", "plan_ratio", None),
    # excess over plan with its ratio in brackets: Sóc Trăng 2019
    ("số lao động được giải quyết việc làm toàn tỉnh là 31.077 lao động, vượt kế hoạch (119,5%) và cao hơn năm "
     "2018 9,5%", "119,5", "plan_ratio", None),
    # comparatives are changes: the same sentence, Cà Mau 2022
    ("số lao động được giải quyết việc làm toàn tỉnh là 31.077 lao động, vượt kế hoạch (119,5%) và cao hơn năm "
     "2018 9,5%", "9,5", "change", "increase"),
    ("tuyển sinh, đào tạo nghề cho lao động nông thôn mới được 24,7% kế hoạch, thấp hơn cùng kỳ 17%.",
     "17", "change", "decrease"),
    # the plan beside a result: Quảng Ninh 2023, Lâm Đồng 2024
    ("riêng lao động qua đào tạo có bằng cấp, chứng chỉ đạt 50% (kế hoạch 48,5%).", "48,5", "target", None),
    ("riêng lao động qua đào tạo có bằng cấp, chứng chỉ đạt 50% (kế hoạch 48,5%).", "50", "value", None),
    ("số lao động được tạo việc làm là 16.240 người, đạt 54,1% kế hoạch năm (kế hoạch 30.000 người)",
     "30.000", "target", None),
    # a floor set in advance: Yên Bái 2018
    ("giải quyết việc làm mới cho 19.500 lao động, xuất khẩu lao động 500 người; giảm tỷ lệ hộ nghèo từ 4% trở lên.",
     "4", "target", None),
])
def test_levels_ratios_and_goals(model, text, number, kind, direction):
    r = _records(model, text)[number]
    assert (r["kind"], r["direction"]) == (kind, direction)


def test_a_report_title_that_reports_then_plans_heads_no_plan_section(model):
    # Nam Định 2021 (written dev report): the title names the plan year last
    text = ("BÁO CÁO TỔNG KẾT CÔNG TÁC NĂM 2021 VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2022\n"
            "Toàn tỉnh tạo việc làm mới cho 30.150 lao động, đạt 94,2 % kế hoạch.")
    r = _records(model, text)["30.150"]
    assert (r["kind"], r["period"]) == ("value", "2021")
