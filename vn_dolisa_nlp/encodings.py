"""Text encodings of Vietnamese reports: detection and conversion to Unicode NFC.

Reports saved years ago are often in one of the legacy Vietnamese font encodings:

- **TCVN3 (ABC)**, TCVN 5712:1993 "VN3", the encoding of the ``.VnTime`` / ``.VnArial``
  fonts. One byte per letter; only lower-case letters and the seven bare capitals
  (``Ă Â Ê Ô Ơ Ư Đ``) have codes: capitals with a tone are written with the lower-case
  code in a capitals font (``.VnTimeH``). The table below is the byte range
  ``0xA0-0xFF`` of glibc's ``TCVN5712-1`` charmap (``localedata/charmaps/TCVN5712-1``),
  where VN3 and the full VN1 agree; ``0x80-0x9F`` keep their Windows-1252 meaning
  (quotes, dashes), as they have in the ABC fonts.
- **VNI** (VNI Windows, the ``VNI-Times`` fonts): a base letter followed by a mark byte,
  both stored as Windows-1252 characters (``aø`` = ``à``, ``aâ`` = ``â``, ``aá`` = ``ấ``),
  with single codes for ``đ ơ ư`` and the ``i`` / ``ỵ`` letters. The table is the
  published VNI chart, as used by the maintained ``vietnamese-conversion`` package.

Windows-1258 (combining tone marks) and Windows-1252 come with Python's codecs; UTF-8
and UTF-16 are recognised by their BOM or their byte patterns.

:func:`decode` turns the bytes of a text file into Unicode NFC and names the encoding
found; :func:`repair_legacy` finds lines of already-decoded text (from ``.docx``,
``.pdf`` or ``.html`` files typed in a TCVN3 or VNI font) and converts them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "DecodeError", "Decoded", "decode", "repair_legacy", "encode_cp1258", "decode_tcvn3", "encode_tcvn3",
    "decode_vni", "encode_vni", "tcvn3_to_unicode", "vni_to_unicode", "VIETNAMESE_LETTERS",
]

# -- the Vietnamese alphabet ---------------------------------------------------------------
_BASES = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # none, grave, acute, hook, tilde, dot
VIETNAMESE_LETTERS: tuple[str, ...] = tuple(
    unicodedata.normalize("NFC", b + t) for b in _BASES for t in _TONES) + ("đ", "Đ")
_TONED = frozenset(unicodedata.normalize("NFC", b + t) for b in _BASES for t in _TONES[1:])
_VALID = frozenset(VIETNAMESE_LETTERS) | frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


class ReasonError(Exception):
    """An error with a short ``reason`` (what the command line reports) and a ``detail``."""

    template = "{reason}: {detail}"

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(self.template.format(reason=reason, detail=detail) if detail else reason)
        self.reason = reason
        self.detail = detail


class DecodeError(ReasonError, ValueError):
    """The bytes are not text (``reason`` "not text") or in no encoding we know
    (``reason`` "unknown encoding"); ``detail`` says why."""


@dataclass
class Decoded:
    text: str
    encoding: str            # "utf-8", "utf-8-sig", "utf-16", "cp1258", "cp1252", "tcvn3", "vni"
    replacements: int = 0    # U+FFFD characters left in the text

    @property
    def converted(self) -> bool:
        """True for an encoding other than UTF-8, worth a warning."""
        return self.encoding not in ("utf-8", "utf-8-sig", "ascii")


# -- TCVN3 ---------------------------------------------------------------------------------
# Bytes 0xA0-0xFF (glibc charmap TCVN5712-1); 0xB0-0xB4 are combining tone marks.
_TCVN3_HIGH = (
    "\xa0ĂÂÊÔƠƯĐăâêôơưđẰ"
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"
    "éẹềểễếệìỉỄẾỒĩíịò"
    "Ổỏõóọồổỗốộờởỡớợù"
    "ỖủũúụừửữứựỳỷỹýỵỐ"
)
assert len(_TCVN3_HIGH) == 96
_TCVN3_DECODE = {0xA0 + i: c for i, c in enumerate(_TCVN3_HIGH) if ord(c) != 0xA0 + i}
_TCVN3_ENCODE = {c: chr(0xA0 + i) for i, c in enumerate(_TCVN3_HIGH) if unicodedata.combining(c) == 0}


def tcvn3_to_unicode(text: str) -> str:
    """Text whose characters are TCVN3 codes read as Latin-1 / Windows-1252 (what a
    ``.VnTime`` run of a Word file holds) as Unicode NFC. Words written in a capitals
    font come out upper case where the rest of their line or word is upper case."""
    out = unicodedata.normalize("NFC", text.translate(_TCVN3_DECODE))
    return _recase(out)


def decode_tcvn3(data: bytes) -> str:
    return tcvn3_to_unicode(data.decode("cp1252", errors="strict") if _cp1252_ok(data) else _latin(data))


def encode_tcvn3(text: str, errors: str = "strict") -> bytes:
    """Unicode text in TCVN3 (ABC): capitals with a tone take the lower-case code, as an
    ABC user types them in a capitals font. Characters outside TCVN3 raise ``ValueError``
    (``errors="replace"``: become ``?``)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch])
        elif ch.lower() in _TCVN3_ENCODE and ch in _TONED:
            out.append(_TCVN3_ENCODE[ch.lower()])
        elif ord(ch) < 0x80:
            out.append(ch)
        else:
            try:
                b = ch.encode("cp1252")
            except UnicodeEncodeError:
                b = b"\xff"
            if b[0] >= 0xA0:
                if errors == "replace":
                    out.append("?")
                    continue
                raise ValueError(f"{ch!r} has no TCVN3 code")
            out.append(b.decode("latin-1"))
    return "".join(out).encode("latin-1")


_UPPER_WORD = re.compile(r"\w+")


def _recase(text: str) -> str:
    """Capitals-font words: a toned letter in lower case inside an upper-case word
    (``BáO`` -> ``BÁO``), and in the short words of an upper-case line
    (``Vụ`` in ``KếT QUả THựC HIệN NHIệM Vụ`` -> ``VỤ``)."""
    if not any(c in _TONED and c.islower() for c in text):
        return text
    lines = []
    for line in text.split("\n"):
        words = _UPPER_WORD.findall(line)
        fixed = [_upper_word(w, 2) for w in words]
        caps = sum(1 for w in fixed if sum(c.isalpha() for c in w) >= 2 and w.isupper())
        letters = [w for w in fixed if any(c.isalpha() for c in w)]
        min_others = 1 if caps >= 3 and caps >= 0.8 * len(letters) else 2
        lines.append(_UPPER_WORD.sub(lambda m: _upper_word(m.group(0), min_others), line))
    return "\n".join(lines)


def _upper_word(w: str, min_others: int) -> str:
    others = [c for c in w if c.isalpha() and c not in _TONED]
    if len(others) >= min_others and all(c.isupper() for c in others) and w != w.upper():
        return w.upper()
    return w


# -- VNI -----------------------------------------------------------------------------------
# Single codes, then mark characters (lower-case forms; the upper-case marks are their
# Windows-1252 capitals). Tones: ø grave, ù acute, û hook, õ tilde, ï dot below.
_VNI_SINGLE = {"ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
               "ì": "ì", "Ì": "Ì", "í": "í", "Í": "Í", "æ": "ỉ", "Æ": "Ỉ",
               "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ"}
_VNI_TONE_MARKS = {"ø": "\u0300", "ù": "\u0301", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_CIRCUMFLEX = {"â": "", "à": "\u0300", "á": "\u0301", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "è": "\u0300", "é": "\u0301", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}


def _vni_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}

    def add(base: str, mark: str, letter: str) -> None:
        for b, m, up in ((base, mark, False), (base.upper(), mark.upper(), True)):
            pairs[b + m] = unicodedata.normalize("NFC", letter.upper() if up else letter)

    for v in "aeouy":
        for m, t in _VNI_TONE_MARKS.items():
            if v == "y" and m == "ï":
                continue  # ỵ is the single code î
            add(v, m, v + t)
    for v in "aeo":
        for m, t in _VNI_CIRCUMFLEX.items():
            add(v, m, v + "\u0302" + t)
    for m, t in _VNI_BREVE.items():
        add("a", m, "a\u0306" + t)
    for v, horn in (("ô", "ơ"), ("ö", "ư")):
        for m, t in _VNI_TONE_MARKS.items():
            add(v, m, horn + t)
    return pairs


_VNI_PAIRS = _vni_pairs()
_VNI_DECODE = {**_VNI_SINGLE, **_VNI_PAIRS}
_VNI_ENCODE = {v: k for k, v in _VNI_DECODE.items() if k not in ("ì", "Ì", "í", "Í")}
_VNI_ENCODE.update({"ì": "ì", "Ì": "Ì", "í": "í", "Í": "Í"})
# mixed-case pairs are read too ("Aù" in a title-case word), after the canonical ones
for _k, _v in list(_VNI_PAIRS.items()):
    _VNI_DECODE.setdefault(_k[0] + _k[1].swapcase(), _v)
_VNI_RE = re.compile("|".join(sorted(map(re.escape, _VNI_DECODE), key=len, reverse=True)))


def vni_to_unicode(text: str) -> str:
    """Text whose characters are VNI codes read as Windows-1252, as Unicode NFC."""
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: _VNI_DECODE[m.group(0)], text))


def decode_vni(data: bytes) -> str:
    return vni_to_unicode(data.decode("cp1252") if _cp1252_ok(data) else _latin(data))


def encode_vni(text: str, errors: str = "strict") -> bytes:
    """Unicode text in VNI Windows. Characters outside Windows-1252 raise ``ValueError``
    (``errors="replace"``: become ``?``)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        seq = _VNI_ENCODE.get(ch, ch)
        try:
            out.append(seq.encode("cp1252"))
        except UnicodeEncodeError:
            if errors == "replace":
                out.append(b"?")
                continue
            raise ValueError(f"{ch!r} has no VNI code") from None
    return b"".join(out)


# -- Windows-1258 ---------------------------------------------------------------------------
_CP1258_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def encode_cp1258(text: str) -> bytes:
    """Unicode text in Windows-1258: a precomposed code where the code page has one,
    else the base letter and a combining tone mark (as Windows writes it)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _CP1258_TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _CP1258_TONES))
        out.append((base + tones).encode("cp1258"))
    return b"".join(out)


# -- helpers -------------------------------------------------------------------------------
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _cp1252_ok(data: bytes) -> bool:
    return not any(b in data for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))


def _latin(data: bytes) -> str:
    """Windows-1252, with its five undefined bytes as the C1 characters of Latin-1."""
    parts = re.split(rb"([\x81\x8d\x8f\x90\x9d])", data)
    return "".join(p.decode("latin-1") if len(p) == 1 and p[0] in _CP1252_UNDEFINED else p.decode("cp1252")
                   for p in parts)


# a "word" for the statistics: letters and the Latin-1 symbols that legacy encodings use as letters
_WORD = re.compile(r"[^\W\d_]+|[\w\xa1-\xbf\xd7\xf7\u0300-\u0323]+")


def score(text: str) -> tuple[int, int]:
    """(words that are Vietnamese, words that cannot be) among the words with a
    letter outside ASCII. A Vietnamese syllable has letters of the alphabet only and at
    most one tone mark."""
    good = bad = 0
    for m in _WORD.finditer(text):
        w = m.group(0)
        if w.isascii():
            continue
        if all(c in _VALID for c in w) and sum(c in _TONED for c in w) <= 1:
            good += 1
        else:
            bad += 1
    return good, bad


def _control_share(data: bytes) -> float:
    n = sum(data.count(bytes([b])) for b in range(32) if b not in (9, 10, 12, 13, 26))
    return n / max(1, len(data))


SAMPLE = 64 * 1024


def _utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes in every other position."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    for enc, nuls in (("utf-16-le", odd), ("utf-16-be", even)):
        if nuls > 0.6 * half:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def max_replacements(text: str) -> int:
    """How many U+FFFD a text may keep: 'a few'."""
    return max(3, len(text) // 10_000)


def decode(data: bytes) -> Decoded:
    """The text of a file's bytes, Unicode NFC, with the encoding found.

    Raises :class:`DecodeError` for binary content ("not text": NUL bytes, control
    bytes, few letters) and for bytes no encoding explains ("unknown encoding")."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text, enc = data.decode("utf-32", errors="replace"), "utf-32"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, enc = data.decode("utf-16", errors="replace"), "utf-16"
    elif b"\x00" in data:
        text = _utf16(data)
        if text is None:
            raise DecodeError("not text", "NUL bytes")
        enc = "utf-16"
    else:
        if _control_share(data[:SAMPLE]) > 0.01:
            raise DecodeError("not text", "control bytes")
        text, enc = _decode_8bit(data)
    text = unicodedata.normalize("NFC", text)
    _check_text(text)
    return Decoded(text, enc, text.count("\ufffd"))


def _decode_8bit(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), ("ascii" if data.isascii() else "utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:SAMPLE]
    # mostly valid UTF-8 with a few broken bytes: UTF-8 with replacement characters
    utf8 = sample.decode("utf-8", errors="replace")
    multibyte = sum(1 for c in utf8 if ord(c) > 0x7F and c != "\ufffd")
    broken = utf8.count("\ufffd")
    if multibyte >= 2 * broken and multibyte > 0:
        return data.decode("utf-8", errors="replace"), "utf-8"
    best, best_score = None, None
    for enc in ("cp1258", "tcvn3", "vni"):
        good, bad = score(_decode_as(sample, enc))
        s = (good - 2 * bad, good)
        if best_score is None or s > best_score:
            best, best_score, best_bad = enc, s, (good, bad)
    if best_bad[1] <= max(3, 0.1 * sum(best_bad)) and best_bad[0] > 0:
        return _decode_as(data, best), best
    # not Vietnamese: Windows-1252 when its words are words of a Western alphabet
    western = _decode_as(sample, "cp1252")
    high = sum(1 for c in western if ord(c) > 0x7F)
    symbols = sum(1 for c in western if c in _RARE_SYMBOLS)
    if symbols <= max(3, 0.02 * high):
        return _decode_as(data, "cp1252"), "cp1252"
    raise DecodeError("unknown encoding", f"no encoding gives Vietnamese words ({best} comes closest)")


_RARE_SYMBOLS = frozenset("¡¢£¤¥¦§¨©ª¬®¯±²³´µ¶¸¹º¼½¾¿×÷\x81\x8d\x8f\x90\x9d")


def _decode_as(data: bytes, enc: str) -> str:
    if enc == "tcvn3":
        return decode_tcvn3(data)
    if enc == "vni":
        return decode_vni(data)
    if enc == "cp1252":
        return data.decode("cp1252") if _cp1252_ok(data) else _latin(data)
    try:
        return unicodedata.normalize("NFC", data.decode(enc))
    except UnicodeDecodeError:
        return unicodedata.normalize("NFC", data.decode(enc, errors="replace"))


def _check_text(text: str) -> None:
    sample = text[:SAMPLE]
    visible = [c for c in sample if not c.isspace()]
    if not visible:
        return
    controls = sum(1 for c in visible if unicodedata.category(c) == "Cc")
    letters = sum(1 for c in visible if c.isalpha())
    if controls > 0.01 * len(visible):
        raise DecodeError("not text", "control characters")
    if len(visible) >= 32 and letters < 0.25 * len(visible):
        raise DecodeError("not text", f"only {letters / len(visible):.0%} letters")


# -- legacy text inside Unicode documents --------------------------------------------------
_LEGACY_CHARS = re.compile(r"[\xa1-\xff]")


def repair_legacy(text: str) -> tuple[str, str | None]:
    """Lines of ``text`` typed in a TCVN3 or VNI font (Latin-1 characters where
    Vietnamese letters belong) converted to Unicode; returns the text and the encoding
    found (None when no line needed it). A line is converted only when it has no
    character outside Latin-1 / Windows-1252 and the conversion gives more
    Vietnamese words and fewer impossible ones."""
    if not _LEGACY_CHARS.search(text):
        return text, None
    found: dict[str, int] = {}
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not _LEGACY_CHARS.search(line) or not _latin1ish(line):
            continue
        good, bad = score(line)
        if bad == 0:
            continue
        best, best_s = None, (good, -bad)
        for enc, fn in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
            conv = fn(line)
            g, b = score(conv)
            if b < bad and (g - b, g) > (best_s[0] + best_s[1], best_s[0]):
                best, best_s = (enc, conv), (g, -b)
        if best:
            lines[i] = best[1]
            found[best[0]] = found.get(best[0], 0) + 1
    if not found:
        return text, None
    return "\n".join(lines), max(found, key=found.get)


def _latin1ish(line: str) -> bool:
    try:
        line.encode("cp1252")
        return True
    except UnicodeEncodeError:
        try:
            line.encode("latin-1")
            return True
        except UnicodeEncodeError:
            return False
