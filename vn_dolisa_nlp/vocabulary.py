"""The shared vocabulary of the pipeline, defined once: labels, line breaks, admin
prefixes, qualifiers, time units and clause boundaries."""

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

TIME_UNIT_WORDS = frozenset({"năm", "tháng", "ngày", "quý", "tuần"})  # written units of time
TIME_UNITS = frozenset({"year", "month", "day"})  # canonical units of time (units.py)

# Tokens that end a clause: the scope of a kind cue, of a proposal, of a link feature.
CLAUSE_BOUNDARIES = frozenset({";", ":", ".", "(", ")", "!", "?", "|"})
