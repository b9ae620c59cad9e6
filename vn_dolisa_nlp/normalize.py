"""Text normalisation for matching: NFC and modern tone-mark placement.

The pipeline never changes ``doc.text``; these functions give the form that the
segmenter, the lexicons and ``token.norm_`` use.
"""

from __future__ import annotations

import re
import unicodedata

# Old ("hoà", "thuỷ") -> modern ("hòa", "thủy") placement: in an open syllable
# ending in oa / oe / uy the mark moves to the first vowel. "qu" + y keeps its
# mark on y ("quý"), and a closed syllable ("hoàn") is already right.
_MARKS = {
    "\u0300": "àèìòùỳ",  # grave
    "\u0301": "áéíóúý",  # acute
    "\u0309": "ảẻỉỏủỷ",  # hook
    "\u0303": "ãẽĩõũỹ",  # tilde
    "\u0323": "ạẹịọụỵ",  # dot below
}
_PLAIN = "aeiouy"


def _with_mark(vowel: str, mark: str) -> str:
    upper = vowel.isupper()
    out = _MARKS[mark][_PLAIN.index(vowel.lower())]
    return out.upper() if upper else out


def _strip_mark(ch: str) -> tuple[str, str | None]:
    base = unicodedata.normalize("NFD", ch)
    for mark in _MARKS:
        if mark in base:
            return unicodedata.normalize("NFC", base.replace(mark, "")), mark
    return ch, None


_OLD_TONE = re.compile(
    r"(?<![qQ])([oO])([àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ])(?!\w)"
    r"|(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])(?!\w)"
)


def _fix_tone(match: re.Match) -> str:
    first, second = (g for g in match.groups() if g is not None)
    plain, mark = _strip_mark(second)
    return _with_mark(first, mark) + plain if mark else match.group(0)


def normalize_text(text: str) -> str:
    """Return ``text`` in NFC with modern tone placement (``hoà`` -> ``hòa``).

    The result can differ in length from the input (NFD input is longer), so
    callers normalise one token or syllable at a time when offsets matter.
    """
    if text.isascii():  # numbers, codes, marks: nothing to compose or move
        return text
    text = unicodedata.normalize("NFC", text)
    return _OLD_TONE.sub(_fix_tone, text)


def needs_normalization(text: str) -> bool:
    """True when :func:`normalize_text` would change ``text``."""
    return not unicodedata.is_normalized("NFC", text) or _OLD_TONE.search(text) is not None
