"""Canonical units: the closed list that ``span._.unit`` takes, and unit phrases' scale.

| canonical | written as (examples) |
|---|---|
| ``percent`` | ``%``, ``phần trăm`` |
| ``VND`` | ``đồng``, ``đ``, ``VNĐ``, ``triệu đồng``, ``tỷ đồng``, ``nghìn đồng``, bare ``triệu`` / ``tỷ`` |
| ``person`` | ``người``, ``lao động``, ``đối tượng``, ``trẻ em``, ``học viên``, ``đại biểu``, ``em`` ... |
| ``person_time`` | ``lượt``, ``lượt người``, ``lượt lao động`` |
| ``household`` | ``hộ``, ``hộ gia đình`` |
| ``kg`` / ``ton`` | ``kg``, ``tấn`` |
| ``gift`` | ``suất quà``, ``suất``, ``phần quà``, ``quà`` |
| ``case`` | ``vụ``, ``trường hợp``, ``ca`` |
| ``document`` | ``văn bản``, ``nghị quyết``, ``quyết định``, ``kế hoạch``, ``báo cáo``, ``công văn`` ... |
| ``record`` | ``hồ sơ`` |
| ``petition`` | ``đơn``, ``đơn thư`` |
| ``inspection`` | ``cuộc``, ``đợt`` |
| ``session`` | ``phiên``, ``lớp``, ``hội nghị``, ``buổi`` |
| ``organisation`` | ``doanh nghiệp``, ``đơn vị``, ``cơ sở``, ``cơ quan``, ``tập thể`` |
| ``commune`` | ``xã``, ``xã, phường, thị trấn``, ``phường`` |
| ``district`` | ``huyện``, ``thị xã``, ``thành phố``, ``huyện/thị xã/thành phố`` |
| ``province`` | ``tỉnh`` |
| ``job_position`` | ``vị trí việc làm``, ``vị trí``, ``chỉ tiêu`` |
| ``permit`` | ``giấy phép`` |
| ``house`` | ``nhà``, ``căn nhà`` |
| ``month`` / ``year`` / ``day`` | ``tháng``, ``năm`` / ``tuổi``, ``ngày`` |
| ``other`` | any other counted noun |
"""

from __future__ import annotations

from .normalize import normalize_text

UNITS = (
    "percent", "VND", "person", "person_time", "household", "kg", "ton", "gift", "case", "document",
    "record", "petition", "inspection", "session", "organisation", "commune", "district", "province",
    "job_position", "permit", "house", "month", "year", "day", "other",
)

_SCALES = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tr": 1e6, "tỷ": 1e9, "tỉ": 1e9}

# first word(s) of the unit phrase (normalised, lower case) -> canonical unit
_HEADS = {
    "%": "percent", "phần trăm": "percent",
    "đồng": "VND", "đ": "VND", "vnđ": "VND", "vnd": "VND",
    "người": "person", "lao động": "person", "đối tượng": "person", "trẻ em": "person", "em": "person",
    "cháu": "person", "học viên": "person", "học sinh": "person", "sinh viên": "person",
    "đại biểu": "person", "cán bộ": "person", "thân nhân": "person", "người có công": "person",
    "bệnh nhân": "person", "nạn nhân": "person", "thanh niên": "person", "công nhân": "person",
    "hội viên": "person", "liệt sĩ": "person", "thương binh": "person", "bà mẹ": "person",
    "mẹ": "person", "nhân khẩu": "person", "khẩu": "person", "người lao động": "person",
    "lượt": "person_time",
    "hộ": "household", "hộ gia đình": "household", "gia đình": "household",
    "kg": "kg", "kilogam": "kg", "tấn": "ton",
    "suất quà": "gift", "suất": "gift", "phần quà": "gift", "quà": "gift", "món quà": "gift",
    "vụ": "case", "trường hợp": "case", "ca": "case",
    "văn bản": "document", "nghị quyết": "document", "quyết định": "document", "kế hoạch": "document",
    "báo cáo": "document", "công văn": "document", "chương trình": "document", "đề án": "document",
    "hướng dẫn": "document", "tờ trình": "document", "thông báo": "document", "chỉ thị": "document",
    "hồ sơ": "record",
    "đơn": "petition", "đơn thư": "petition",
    "cuộc": "inspection", "đợt": "inspection",
    "phiên": "session", "lớp": "session", "hội nghị": "session", "buổi": "session",
    "doanh nghiệp": "organisation", "đơn vị": "organisation", "cơ sở": "organisation",
    "cơ quan": "organisation", "tập thể": "organisation", "tổ chức": "organisation",
    "xã": "commune", "phường": "commune", "thị trấn": "commune",
    "huyện": "district", "thị xã": "district", "thành phố": "district",
    "tỉnh": "province",
    "vị trí việc làm": "job_position", "vị trí": "job_position", "chỉ tiêu": "job_position",
    "giấy phép": "permit",
    "nhà": "house", "nhà ở": "house", "căn nhà": "house", "căn": "house", "ngôi nhà": "house",
    "tháng": "month", "năm": "year", "ngày": "day", "tuổi": "year",
    "người cao tuổi": "person", "người dân": "person", "trẻ": "person", "cá nhân": "person",
    "công dân": "person", "hài cốt": "person", "hài cốt liệt sĩ": "person", "người nghiện": "person",
    "người nghiện ma túy": "person", "đoàn viên": "person",
    "hộ kinh doanh": "household",
    "giấy phép lao động": "permit",
    "lớp tập huấn": "session", "lớp huấn luyện": "session", "hội nghị tập huấn": "session",
    "buổi đối thoại": "session", "lớp đào tạo": "session",
    "điển hình": "other", "thủ tục hành chính": "other", "thủ tục": "other",
}
_MAX_HEAD = max(len(k.split()) for k in _HEADS)


def unit_of(text: str) -> tuple[str, float]:
    """``(canonical unit, multiplier)`` of a unit phrase: ``"triệu đồng"`` -> ``("VND", 1e6)``."""
    words = normalize_text(text).lower().replace(",", " ").split()
    multiplier = 1.0
    if words and words[0] in _SCALES:
        multiplier = _SCALES[words.pop(0)]
        if not words:  # "25.570 triệu" at a line end: money without "đồng"
            return "VND", multiplier
    for n in range(min(_MAX_HEAD, len(words)), 0, -1):
        unit = _HEADS.get(" ".join(words[:n]))
        if unit:
            return unit, multiplier
    return "other", multiplier


def unit_phrases() -> frozenset[str]:
    """Every phrase :func:`is_unit_phrase` accepts, normalised and lower case: a scale word,
    a head, or a scale word and a head (``triệu``, ``lao động``, ``triệu đồng``)."""
    return frozenset(_SCALES) | frozenset(_HEADS) | {f"{s} {h}" for s in _SCALES for h in _HEADS}


def is_unit_phrase(text: str) -> bool:
    """True when ``text`` is exactly a known unit: a head word, optionally after a scale word."""
    words = normalize_text(text).lower().split()
    if words and words[0] in _SCALES:
        words = words[1:]
        if not words:
            return True
    return " ".join(words) in _HEADS
