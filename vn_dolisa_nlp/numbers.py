"""Reading numbers as Vietnamese reports write them: ``11.309``, ``124,27``, ``hai mươi``."""

from __future__ import annotations

import re

from .normalize import normalize_text

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")

_WORD_DIGITS = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "mười": 10, "chục": 10,
}
_WORD_SCALES = {"trăm": 100, "nghìn": 1000, "ngàn": 1000, "vạn": 10_000, "triệu": 1_000_000, "tỷ": 1_000_000_000}
NUMBER_WORDS = frozenset(_WORD_DIGITS) | frozenset(_WORD_SCALES) | {"mươi", "lẻ", "linh", "rưỡi", "nửa"}


def parse_number(text: str) -> int | float | None:
    """The value of a number as written, or None when ``text`` is not one.

    Dots group thousands and a comma is the decimal mark (``2.452,568`` = 2452.568);
    a lone dot not followed by exactly three digits is read as a decimal point
    (``1.5``). A ratio ``51/51`` gives its first number. Number words are read too
    (``hai mươi lăm`` = 25).
    """
    text = text.strip()
    match = _DIGITS.match(text)
    if match:
        return _parse_digits(match.group(0))
    return _parse_words(normalize_text(text).lower().split())


def _parse_digits(s: str) -> int | float:
    if "," in s:
        whole, _, frac = s.rpartition(",")
        if "," in whole:  # 1,234,567: commas group thousands (English style)
            return int(s.replace(",", ""))
        whole = whole.replace(".", "")
        return float(f"{whole or 0}.{frac}")
    groups = s.split(".")
    if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        return float(s) if len(groups) == 2 else int("".join(groups))
    return int("".join(groups))


def _parse_words(words: list[str]) -> int | float | None:
    if not words or any(w not in NUMBER_WORDS for w in words):
        return None
    total, current = 0, 0
    for w in words:
        if w in ("mươi",):
            current = (current or 1) * 10
        elif w in ("lẻ", "linh"):
            continue
        elif w == "rưỡi":
            return total + current + 0.5 * _last_scale(words)
        elif w == "nửa":
            current += 0.5
        elif w in _WORD_SCALES:
            scale = _WORD_SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            current += _WORD_DIGITS[w]
    value = total + current
    return int(value) if float(value).is_integer() else value


def _last_scale(words: list[str]) -> int:
    scales = [_WORD_SCALES[w] for w in words if w in _WORD_SCALES]
    return scales[-1] if scales else 1
