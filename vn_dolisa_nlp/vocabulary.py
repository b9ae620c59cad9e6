"""The shared vocabulary of the pipeline, defined once: labels, line breaks, admin
prefixes, qualifiers, time units, clause boundaries and the shapes of numbers, dates and
document codes."""

from __future__ import annotations

import re

LABELS = ("QUANTITY", "UNIT", "LOC", "ORG", "DATE", "POLICY_DOC", "INDICATOR")  # SPEC section 3

# Line breaks as ``str.splitlines`` knows them: LF, CR (old Mac files), CRLF, VT, FF,
# the file/group/record separators, NEL, LINE and PARAGRAPH SEPARATOR.
LINE_BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
LINE_BREAK = re.compile(f"[{LINE_BREAK_CHARS}]")


def has_line_break(text: str) -> bool:
    """True when ``text`` holds a line break of any kind."""
    return LINE_BREAK.search(text) is not None


# Administrative prefixes of place names (normalised, lower case) -> the levels they name.
ADMIN_PREFIXES: dict[str, tuple[str, ...]] = {
    "tỉnh": ("province",), "thành phố": ("district", "province"), "tp": ("district", "province"),
    "tp.": ("district", "province"), "huyện": ("district",), "quận": ("district",),
    "thị xã": ("district",), "tx": ("district",), "tx.": ("district",), "xã": ("commune",),
    "phường": ("commune",), "thị trấn": ("commune",), "đặc khu": ("commune",), "thôn": ("village",),
    "bản": ("village",), "xóm": ("village",), "làng": ("village",), "tổ dân phố": ("village",),
    "buôn": ("village",), "nước": ("country",), "quốc gia": ("country",),
}

# The admin prefixes that never join the capitalised name before them into one word (``Điện Biên``
# ``huyện``); ``bản``, ``làng``, ``buôn`` are left out: they end common words (``VĂN BẢN``).
UNJOINED_PREFIXES = frozenset({"tỉnh", "huyện", "quận", "xã", "phường", "thôn", "xóm"})

# Words that qualify a number (SPEC section 5 ``qualifier``), outside every span.
QUALIFIERS: dict[str, str] = {
    "khoảng": "about", "gần": "about", "ước": "about", "ước đạt": "about", "xấp xỉ": "about",
    "trên": "over", "hơn": "over", "vượt": "over", "trên dưới": "about",
    "dưới": "under", "chưa đến": "under", "chưa tới": "under",
    "tối đa": "up_to", "đến": "up_to", "tới": "up_to",
    ">": "over", "≥": "over", ">=": "over", "<": "under", "≤": "under", "<=": "under",
}

# Verbs of a change (SPEC section 5 ``kind`` ``change``): a number right after them states a difference.
CHANGE_UP = frozenset({"tăng", "tăng thêm", "tăng lên", "nâng"})
CHANGE_DOWN = frozenset({"giảm", "giảm thêm", "giảm được"})

# ``có`` and its forms: a number after them is counted, its measure named after its unit.
EXISTENTIAL = frozenset({"có", "hiện có", "đã có", "đang có", "còn có"})

# words of a breakdown item that only names a category of its total's measure (SPEC v2 section 3):
# training levels and sexes (``trong đó trình độ cao đẳng 4.260 người, trung cấp 5.870 người``)
CATEGORY_WORDS = frozenset({"cao đẳng", "trung cấp", "sơ cấp", "dưới", "dưới 3 tháng", "nam", "nữ", "lao động nữ",
                            "đào tạo thường xuyên", "trình độ", "và", ",", "-"})

TIME_UNIT_WORDS = frozenset({"năm", "tháng", "ngày", "quý", "tuần"})  # written units of time
TIME_UNITS = frozenset({"year", "month", "day"})  # canonical units of time (units.py)

# Tokens that end a clause: the scope of a kind cue, of a proposal, of a link feature.
CLAUSE_BOUNDARIES = frozenset({";", ":", ".", "(", ")", "!", "?", "|"})

# The shapes of one token's text: numbers, dates and document codes as the tokenizer keeps them
# whole (ASCII digits only where ``(?a)`` says so). The flags are written inline, so that the
# rule patterns (``patterns.py``) can hand ``.pattern`` to spaCy's ``Matcher`` ``REGEX``.
NUMBER = re.compile(r"(?a)^\d+(?:[.,]\d+)*$")  # 11.309, 124,27
RATIO = re.compile(r"(?a)^\d+(?:[.,]\d+)*/\d+(?:[.,]\d+)*$")
FULL_DATE = re.compile(r"(?a)^\d{1,2}/\d{1,2}/\d{4}$")  # 14/7/2023
MONTH_YEAR = re.compile(r"(?a)^\d{1,2}/\d{4}$")  # 10/2021
QUARTER_YEAR = re.compile(r"(?a)^(?:I|II|III|IV|[1-4])/\d{4}$")  # I/2020
YEAR = re.compile(r"(?a)^(?:19|20)\d{2}$")
DAY = re.compile(r"(?a)^(?:[1-9]|[12]\d|3[01])$")  # the day of a day/month written as three tokens: 27 / 7
MONTH = re.compile(r"(?a)^(?:[1-9]|1[0-2])$")
DAY_MONTH = re.compile(r"(?a)^(?:[1-9]|[12]\d|3[01])/(?:[1-9]|1[0-2])$")  # 27/7 as one span's text
YEAR_RANGE = re.compile(r"(?a)^(?:19|20)\d{2}-(?:19|20)\d{2}$")  # 2021-2025
DATE_RANGE = re.compile(r"(?a)^\d{1,2}/\d{1,2}/\d{4}[-–]\d{1,2}/\d{1,2}/\d{4}$")
CODE = re.compile(r"^(?:\d+[-/]|/)(?:\d{4}/)?[A-ZĐ][A-Za-zĐ]*(?:[-/][A-ZĐƯ][A-Za-zĐƯ]*)+$")  # 08/2023/NQ-HĐND
LIST_MARKER = re.compile(r"(?a)^\d{1,2}(?:\.\d{1,2})+$")  # 5.1 at a line start
DASHES = ("-", "–", "-–")  # what joins the two ends of a range (``2021 - 2025``)
