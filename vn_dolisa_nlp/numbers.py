"""Reading numbers as Vietnamese reports write them: ``11.309``, ``124,27``, ``hai mươi``."""

from __future__ import annotations

import math
import re

from .normalize import normalize_text

_DIGITS = re.compile(r"[0-9]+(?:[.,][0-9]+)*")  # ASCII digits only: other scripts' digits are not read

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
    (``hai mươi lăm`` = 25). A number that cannot be read one way only
    (``1,234.56``, ``1,5.3``, digits run together by a lost space) or that is not
    finite gives None; only ASCII digits are digits.
    """
    text = text.strip()
    match = _DIGITS.match(text)
    if match:
        value = _parse_digits(match.group(0))
    else:
        value = _parse_words(normalize_text(text).lower().split())
    if value is None or not math.isfinite(value) or abs(value) >= 1e18:
        return None
    return value


MAX_DIGITS = 18  # more digits than any amount a report states: a run-together or garbled number


def _parse_digits(s: str) -> int | float | None:
    if sum(c.isdigit() for c in s) > MAX_DIGITS:
        return None
    if "," in s and "." in s and s.rfind(".") > s.rfind(","):
        return None  # 1,234.56: English separators, or two numbers run together
    if "," in s:
        whole, _, frac = s.rpartition(",")
        if "," in whole:  # 1,234,567: commas group thousands (English style)
            groups = s.split(",")
            if "." in s or not all(len(g) == 3 for g in groups[1:]):
                return None  # 1,2,3.4
            return int("".join(groups))
        groups = whole.split(".")
        if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
            return None  # 2.452,56811.309: two numbers run together
        return float(f"{''.join(groups) or 0}.{frac}")
    groups = s.split(".")
    if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        return float(s) if len(groups) == 2 else None
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
