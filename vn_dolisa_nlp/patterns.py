"""The exact rules as spaCy patterns, built once per ``Vocab``.

- A ``Matcher`` holds the token patterns of dates (full dates, day/month, month/year,
  quarters, years with their lead words, ranges, ``6 tháng đầu năm 2024``, named days),
  of policy documents (codes with their type word and issue date, numbered
  programmes, laws and national programmes) and of numbers.
- Holidays (``Tết ...``) start at a token whose ``NORM`` a regex accepts, judged once per word.
- A ``PhraseMatcher`` on ``NORM`` holds the gazetteer's place names and the countries
  (``LOC``; the admin prefix written before a name is read by ``rules.py``) and the unit
  phrases of ``units.py`` (``UNIT``).

``NORM`` is the tokenizer's normalised lower case (NFC, modern tone marks), so the
patterns read ``Hoà`` as ``hòa``. The segmenter may split a name's syllables in any way
(``Điện Biên`` or ``Điện`` ``Biên``), so each phrase is added in every split of its
syllables into at most three tokens (the longest name or unit the rules read), as the NORM
hashes ``PhraseMatcher`` keeps: building them makes no ``Doc`` or ``Lexeme``.

Each :class:`Rule` of :data:`RULES` proposes one label; rules with the same token patterns
share one ``Matcher`` key and its hits. A pattern's first token is matched on attributes spaCy
reads in C (``LIKE_NUM``, ``IS_ALPHA``, ...: a ``REGEX`` or ``IN`` there runs Python on every
token, so holidays are found outside it), and the rule's ``first`` regexes then check its exact shape on each hit.
Where a rule is procedural, its ``adjust`` function checks or extends the hit: a year's lead
words (``cùng kỳ``, ``cuối``, a header's ``ngày tháng``), a code's type word and issue date, a
holiday's capitalised name, a law's name up to the clause's end, a named day before its
day/month; :class:`UnitPhrases` joins the alternatives after a unit (``xã, phường, thị trấn``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from itertools import product
from typing import NamedTuple

import srsly
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .documents import DOC_TYPES
from .lexicon import gazetteer
from .normalize import normalize_text
from .places import _key as place_key
from .places import countries
from .units import unit_phrases
from .vocabulary import (CODE, DASHES, DATE_RANGE, DAY, FULL_DATE, MONTH, MONTH_YEAR, NUMBER, QUARTER_YEAR, RATIO,
                         TIME_UNIT_WORDS, YEAR, YEAR_RANGE, has_line_break)

MAX_PHRASE_TOKENS = 3  # tokens of the longest place name or unit phrase the rules read

DOC_TYPE_WORDS = frozenset({t.lower() for t in DOC_TYPES} | {"qđ", "nq", "nđ", "tt", "ct", "kh", "cv"})
NUMBERED_PROGRAMMES = ("đề án", "dự án", "tiểu dự án", "chương trình")
LAWS = ("luật", "bộ luật", "pháp lệnh")
DATE_LEADS = frozenset({"cùng kỳ", "cuối", "đầu", "giữa", "hết"})  # lead words of a year
HOLIDAY_WORD = re.compile(r"^tết(?: |$)")  # Tết, Tết Nguyên đán (a normalised token)
NAME_STOPS = frozenset({"năm", "giai đoạn", "và", "của", "theo", "về", "đã", "được", "trên", "tại", "cho", "thuộc",
                        "trong", "với", "để", "nhằm", "đến", "là", "từ", "ngày"})
CLASSIFIERS = frozenset({"lượt", "suất", "phần", "căn", "ngôi"})  # a unit word that takes a noun after it
JOINABLE_UNITS = frozenset({"phường", "thị trấn", "thành phố", "thị xã", "htx", "hợp tác xã", "doanh nghiệp",
                            "đơn vị", "hộ"})


# -- token specs ---------------------------------------------------------------------------------

# First tokens, read in C: every NUMBER, RATIO, YEAR and DAY is LIKE_NUM; a code, full date or
# year range is no word, number, punctuation or space, and not lower case.
NUMERIC = {"LIKE_NUM": True}
SHAPED = {"IS_ALPHA": False, "LIKE_NUM": False, "IS_PUNCT": False, "IS_SPACE": False, "IS_LOWER": False}
ANY: dict = {}
DASH = {"ORTH": {"IN": list(DASHES)}}


def _shape(regex: re.Pattern, op: str | None = None) -> dict:
    spec: dict = {"TEXT": {"REGEX": regex.pattern}}
    return {**spec, "OP": op} if op else spec


def _norm(*words: str, op: str | None = None) -> dict:
    spec: dict = {"NORM": words[0]} if len(words) == 1 else {"NORM": {"IN": list(words)}}
    return {**spec, "OP": op} if op else spec


def _each(words: Iterable[str], *rest: dict) -> list[list[dict]]:
    """One pattern per first word: a first token read in C (an ``IN`` there runs Python on every token)."""
    return [[_norm(word), *rest] for word in words]


# -- the procedural checks and extensions of a hit -------------------------------------------------

Adjust = Callable[[Doc, int, int, "UnitPhrases"], "tuple[int, int] | None"]


def _low(doc: Doc, i: int) -> str:
    return doc[i].norm_ if 0 <= i < len(doc) else ""


def _year(doc: Doc, start: int, end: int, units: UnitPhrases) -> tuple[int, int] | None:
    """``năm 2023`` with the lead words written before it (``cùng kỳ``, ``cuối``, ``đầu``,
    ``giữa``, ``hết`` and a header's ``ngày tháng`` left blank: ``ngày tháng năm 2023``,
    ``ngày 5 tháng 6 năm 2023``); no date of its own when a range follows (``năm 2021 - 2025``:
    the range is the date). Procedural: the hit grows backwards over what the words before allow."""
    if end + 1 < len(doc) and doc[end].text in DASHES and YEAR.match(doc[end + 1].text):
        return None
    return _year_start(doc, start), end


def _year_start(doc: Doc, i: int) -> int:
    """Where the date of ``năm`` at ``i`` begins."""
    if _low(doc, i - 1) == "kỳ" and _low(doc, i - 2) == "cùng":
        return i - 2
    if _low(doc, i - 1) in DATE_LEADS:
        return i - 1
    j = i - 1
    if j >= 0 and NUMBER.match(doc[j].text):
        j -= 1
    if _low(doc, j) == "tháng" or _low(doc, j).endswith(" tháng"):
        k = j - 1 if _low(doc, j) == "tháng" else j
        if k >= 0 and NUMBER.match(doc[k].text):
            k -= 1
        if _low(doc, k) in ("ngày", "ngày tháng"):
            return k
    return i


def named_day_before(doc: Doc, i: int, units: UnitPhrases) -> bool:
    """A day/month at ``i`` (``27`` ``/`` ``7``) that dates a named day: ``Ngày người cao tuổi
    Việt Nam 6/6``, ``Quốc tế thiếu nhi 1/6``, ``(27/7)`` after ``Ngày Thương binh - Liệt sĩ``;
    procedural: a capitalised ``Ngày ...`` or ``quốc tế`` among the 8 tokens before, on the same line."""
    if not (i + 2 < len(doc) and doc[i + 1].text == "/" and DAY.match(doc[i].text) and MONTH.match(doc[i + 2].text)):
        return False
    if units.end(doc, i + 3) is not None:
        return False
    before = doc[max(0, i - 8):i]
    return any((t.norm_.startswith("ngày") and t.text[:1].isupper() or t.norm_ == "quốc tế") and not t.is_space
               for t in before) and not any(has_line_break(t.text) for t in before)


def _named_day(doc: Doc, start: int, end: int, units: UnitPhrases) -> tuple[int, int] | None:
    return (start, end) if named_day_before(doc, start, units) else None


def _holiday(doc: Doc, start: int, end: int, units: UnitPhrases) -> tuple[int, int] | None:
    """``Tết Nguyên đán Quý Mão năm 2023``: up to four name words after ``Tết``, then its year
    if written; None for a bare ``Tết`` or ``Tết Nguyên đán`` (procedural: the name is any
    capitalised words)."""
    n, end, named = len(doc), start + 1, doc[start].norm_ not in ("tết", "tết nguyên đán")
    while end < n and end - start <= 4 and (doc[end].norm_ in ("nguyên đán", "nguyên", "đán")
                                            or (doc[end].text[:1].isupper() and doc[end].is_alpha)):
        named = named or doc[end].norm_ not in ("nguyên đán", "nguyên", "đán")
        end += 1
    if _low(doc, end) == "năm" and end + 1 < n and YEAR.match(doc[end + 1].text):
        return start, end + 2
    return (start, end) if named else None


def _numbered_programme(doc: Doc, start: int, end: int, units: UnitPhrases) -> tuple[int, int] | None:
    """``Đề án 06``, ``Dự án 8``, ``Chương trình 2``: capitalised, and no unit after the number
    (``chương trình 3 lớp`` counts)."""
    if not doc[start].text[:1].isupper() or units.is_unit(end):
        return None
    return start, end


def _document(doc: Doc, start: int, end: int, units: UnitPhrases) -> tuple[int, int] | None:
    """A code with the type word written before it and the issue date right after it:
    ``Nghị quyết số 08/2023/NQ-HĐND ngày 14/7/2023``, ``Kế hoạch 410/KH-UBND, ngày 14 tháng 02
    năm 2023``. Procedural: the hit grows both ways over the words there."""
    n = len(doc)
    if _low(doc, start - 1) == "số" and _low(doc, start - 2) in DOC_TYPE_WORDS:
        start -= 2
    elif _low(doc, start - 1) in DOC_TYPE_WORDS:
        start -= 1
    j = end + (1 if end < n and doc[end].text == "," else 0)
    if _low(doc, j) == "ngày" and j + 1 < n and FULL_DATE.match(doc[j + 1].text):
        end = j + 2
    elif _low(doc, j) == "ngày" and j + 5 < n and _low(doc, j + 2) == "tháng" and _low(doc, j + 4) == "năm":
        end = j + 6
    return start, end


def _is_national_programme(doc: Doc, i: int) -> bool:
    """``Chương trình MTQG ...``, ``Chương trình mục tiêu quốc gia ...``, ``CTMTQG ...``."""
    if doc[i].norm_ in ("ctmtqg", "ct mtqg"):
        return True
    if doc[i].norm_ != "chương trình":
        return False
    nxt = " ".join(t.norm_ for t in doc[i + 1:i + 4])
    return nxt.startswith("mtqg") or nxt.startswith("mục tiêu quốc gia")


def _name_end(doc: Doc, start: int, limit: int = 16) -> int:
    """End of the name of a law or programme: words up to a clause boundary."""
    n, end = len(doc), start
    while end < n and end - start < limit:
        tok = doc[end]
        if tok.norm_ in NAME_STOPS or tok.is_space or tok.like_num or (
                tok.is_punct and not (tok.text in ",-–" and end + 1 < n and doc[end + 1].norm_ in ("chống", "xã hội"))):
            break
        end += 1
    return end


def _name_tail_end(doc: Doc, end: int) -> int:
    """Past what belongs to a law's or programme's name after its words: an amendment
    note (``(sửa đổi)``) or a quoted title (``Chương trình MTQG “Phát triển ...”``)."""
    n = len(doc)
    if end + 2 < n and doc[end].text == "(" and doc[end + 1].norm_ in ("sửa đổi", "sửa đổi, bổ sung") \
            and doc[end + 2].text == ")":
        return end + 3
    if end < n and doc[end].text == "“":
        close = next((j for j in range(end + 1, min(n, end + 40)) if doc[j].text == "”"), None)
        if close is not None:
            return close + 1
    return end


def _named_law(doc: Doc, start: int, end: int, units: UnitPhrases) -> tuple[int, int] | None:
    """``Luật Phòng, chống ma túy``, ``Chương trình mục tiêu quốc gia giảm nghèo bền vững``:
    a capitalised law or national programme and its name up to the clause's end (procedural)."""
    if not doc[start].text[:1].isupper() or not (doc[start].norm_ in LAWS or _is_national_programme(doc, start)):
        return None
    name_end = _name_end(doc, start + 1)
    return (start, _name_tail_end(doc, name_end)) if name_end > start + 1 else None


# -- the rules -------------------------------------------------------------------------------------

class Rule(NamedTuple):
    """One ``Matcher`` key: the label of its spans, its token patterns, the regexes one of which
    the first token's text must match (empty: none), and the check or extension of a hit."""

    label: str
    patterns: list[list[dict]]
    first: tuple[re.Pattern, ...] = ()
    adjust: Adjust | None = None


RULES: dict[str, Rule] = {
    "DATE": Rule("DATE", [
        [_norm("ngày"), _shape(FULL_DATE)],  # ngày 19/10/2021
        [_norm("ngày"), ANY, _norm("tháng"), ANY, _norm("năm"), _shape(YEAR)],  # ngày 18 tháng 01 năm 2024
        [_norm("ngày"), _shape(DAY), _norm("/"), _shape(MONTH)],  # ngày 27/7
        [_norm("quý"), _shape(QUARTER_YEAR)],  # Quý I/2020
        [_norm("tháng"), _shape(MONTH_YEAR)],  # tháng 10/2021
        [_norm("giai đoạn"), _shape(YEAR_RANGE)],  # giai đoạn 2021-2025
        [_norm("giai đoạn"), _shape(YEAR), DASH, _shape(YEAR)],  # giai đoạn 2021 - 2025
    ]),
    "DATE_YEAR": Rule("DATE", [[_norm("năm"), _shape(YEAR)]], adjust=_year),  # năm 2023, cuối năm 2022
    "DATE_MONTHS": Rule("DATE", [  # 6 tháng đầu năm 2024, 6 tháng cuối năm
        [NUMERIC, _norm("tháng"), _norm("đầu", "cuối"), _norm("năm"), _shape(YEAR, "?")],
    ], first=(NUMBER,)),
    "YEAR_SPAN": Rule("DATE", [[NUMERIC, DASH, _shape(YEAR)]], first=(YEAR,)),  # 2021 - 2025
    "DATE_SPAN": Rule("DATE", [[SHAPED, DASH, _shape(FULL_DATE)]], first=(FULL_DATE,)),  # 27/7/1947 – 27/7/2023
    "DATE_TOKEN": Rule("DATE", [[SHAPED]], first=(YEAR_RANGE, FULL_DATE, DATE_RANGE)),  # 2021-2025, 14/7/2023
    "NAMED_DAY": Rule("DATE", [[NUMERIC, _norm("/"), _shape(MONTH)]], first=(DAY,), adjust=_named_day),
    "NUMBERED_PROGRAMME": Rule("POLICY_DOC", _each(NUMBERED_PROGRAMMES, _norm("số", op="?"),
                                                   {"TEXT": {"REGEX": r"^\d{1,3}$"}}), adjust=_numbered_programme),
    "DOCUMENT_CODE": Rule("POLICY_DOC", [[SHAPED]], first=(CODE,), adjust=_document),  # 08/2023/NQ-HĐND
    "NAMED_LAW": Rule("POLICY_DOC", _each((*LAWS, "ctmtqg", "ct mtqg", "chương trình")), adjust=_named_law),
    "NUMBER": Rule("QUANTITY", [[NUMERIC]], first=(NUMBER, RATIO)),  # amounts: the rules read the context
}
RULE_LABELS = ("POLICY_DOC", "DATE")  # the labels the rules take whole from the matcher, in priority order


# -- phrases ---------------------------------------------------------------------------------------

def phrase_key(text: str) -> str:
    """A phrase as ``NORM`` reads it, its words one space apart (``-`` a space: ``Ma-lai-xi-a``)."""
    return " ".join(normalize_text(text).lower().replace("-", " ").split())


def splits(words: list[str], parts: int = MAX_PHRASE_TOKENS) -> Iterator[list[str]]:
    """Every way to cut ``words`` into at most ``parts`` tokens of consecutive words."""
    if not words:
        return
    yield [" ".join(words)]
    if parts == 1:
        return
    for cut in range(1, len(words)):
        head = " ".join(words[:cut])
        for rest in splits(words[cut:], parts - 1):
            yield [head, *rest]


def place_phrases() -> set[str]:
    """Every place name of the gazetteer and of ``countries.txt``, in each spelling that the place
    lookup reads alike: ``places`` keys ``Đắk``, ``Đăk`` and ``Đak`` the same, so every syllable
    takes the spellings of its key that the names use (``Đăk Glong`` is also ``Đắk Glong``)."""
    names = {phrase_key(u["name"]) for u in gazetteer()} | set(countries())
    spellings: dict[str, set[str]] = {}
    for name in names:
        for syllable in name.split():
            spellings.setdefault(place_key(syllable), set()).add(syllable)
    return {" ".join(words) for name in names
            for words in product(*(sorted(spellings[place_key(s)]) for s in name.split()))}


def phrase_patterns(phrases: Iterable[str]) -> list[tuple[int, ...]]:
    """Each phrase in every split, as the ``NORM`` hashes of its tokens: the form ``PhraseMatcher``
    keeps a pattern in (and unpickles it from), so no ``Doc`` or ``Lexeme`` is made per pattern."""
    return [tuple(hash_string(part) for part in words) for phrase in sorted(set(phrases))
            for words in splits(phrase.split())]


class UnitPhrases:
    """The unit phrases of one ``Doc``, by the token they start at; ``hits`` gives their
    (start, end), read on first use."""

    def __init__(self, hits: Callable[[], Iterable[tuple[int, int]]]) -> None:
        self._hits = hits

    @cached_property
    def ends(self) -> dict[int, list[int]]:
        """Token -> the ends of the unit phrases starting there, longest first."""
        ends: dict[int, list[int]] = {}
        for start, end in self._hits():
            ends.setdefault(start, []).append(end)
        for found in ends.values():
            found.sort(reverse=True)
        return ends

    def is_unit(self, i: int) -> bool:
        """True when token ``i`` alone is a unit phrase."""
        return i + 1 in self.ends.get(i, ())

    def head(self, start: int, taken: set[int] | frozenset[int] = frozenset()) -> int | None:
        """End of the longest unit phrase at ``start`` that holds no ``taken`` token."""
        for end in self.ends.get(start, ()):
            if not any(j in taken for j in range(start, end)):
                return end
        return None

    def end(self, doc: Doc, start: int, taken: set[int] | frozenset[int] = frozenset()) -> int | None:
        """End of the unit phrase at token ``start``: a known unit, with a classifier before it
        (``lượt lao động``) and the alternatives joined to it after (``xã, phường, thị trấn``)."""
        end = self.head(start, taken)
        if end is None:
            return None
        if doc[start].norm_ in CLASSIFIERS and end - start == 1:
            end = self.head(end, taken) or end
        return self.joined_end(doc, end)

    def joined_end(self, doc: Doc, end: int) -> int:
        """Past the alternatives joined to a unit ending at ``end``: ``xã, phường, thị trấn``,
        ``đối tượng/suất``, ``huyện/thị xã/thành phố``; never over ``/năm`` (a rate) or a
        place's prefix (``27 người, thị xã Hương Thủy``). Procedural: a list of any length."""
        n = len(doc)
        while end + 1 < n:
            sep, nxt = doc[end].text, doc[end + 1]
            name_follows = end + 2 < n and doc[end + 2].text[:1].isupper()
            if sep == "," and nxt.norm_ in JOINABLE_UNITS and not name_follows:
                end += 2
            elif sep == "/" and self.is_unit(end + 1) and nxt.norm_ not in TIME_UNIT_WORDS:
                end += 2
            else:
                break
        return end


class RuleMatches(NamedTuple):
    """What the patterns found in one ``Doc``."""

    spans: dict[str, list[tuple[int, int]]]  # label -> (start, end) of each checked hit
    numbers: list[int]  # tokens written as a number (NUMBER or RATIO)
    places: list[tuple[int, int]]  # place names, without their admin prefix
    units: UnitPhrases


def _matches_any(regexes: tuple[re.Pattern, ...], text: str) -> bool:
    for regex in regexes:
        if regex.match(text):
            return True
    return False


class RulePatterns:
    """The ``Matcher`` and the ``PhraseMatcher`` of the rules for one ``Vocab``;
    :meth:`of` builds them once per ``Vocab``."""

    _built: dict[int, tuple[Vocab, RulePatterns]] = {}

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.matcher = Matcher(vocab, validate=True)
        self.rules: dict[int, list[Rule]] = {}  # Matcher key -> the rules reading its hits
        keys: dict[str, int] = {}
        for name, rule in RULES.items():
            patterns = srsly.json_dumps(rule.patterns, sort_keys=True)
            if patterns not in keys:  # rules with the same patterns share one key and its hits
                self.matcher.add(name, rule.patterns)
                keys[patterns] = vocab.strings[name]
            self.rules.setdefault(keys[patterns], []).append(rule)
        self.phrases = PhraseMatcher(vocab, attr="NORM")
        self.phrases.add("LOC", phrase_patterns(place_phrases()))
        self.phrases.add("UNIT", phrase_patterns(unit_phrases()))
        self._loc, self._unit = vocab.strings["LOC"], vocab.strings["UNIT"]
        self._holiday_norms: dict[int, bool] = {}  # NORM hash -> a Tết token: each word's regex runs once

    @classmethod
    def of(cls, vocab: Vocab) -> RulePatterns:
        """The patterns of ``vocab``, built on first use (a few ``Vocab`` kept: one per pipeline)."""
        found = cls._built.get(id(vocab))
        if found is None or found[0] is not vocab:
            if len(cls._built) >= 8:
                cls._built.pop(next(iter(cls._built)))
            found = cls._built[id(vocab)] = (vocab, cls(vocab))
        return found[1]

    def units(self, doc: Doc) -> UnitPhrases:
        """The unit phrases of ``doc``, found when first read."""
        return UnitPhrases(lambda: [(s, e) for key, s, e in self.phrases(doc) if key == self._unit])

    def __call__(self, doc: Doc) -> RuleMatches:
        places, unit_hits = [], []
        for key, start, end in self.phrases(doc):
            (places if key == self._loc else unit_hits).append((start, end))
        units = UnitPhrases(lambda: unit_hits)
        spans: dict[str, list[tuple[int, int]]] = {label: [] for label in RULE_LABELS}
        numbers = []
        for key, start, end in self.matcher(doc):
            text = None
            for rule in self.rules[key]:
                if rule.first:
                    text = doc[start].text if text is None else text
                    if not _matches_any(rule.first, text):
                        continue
                if rule.label == "QUANTITY":
                    numbers.append(start)
                    continue
                found = rule.adjust(doc, start, end, units) if rule.adjust else (start, end)
                if found is not None:
                    spans[rule.label].append(found)
        for start in self._holidays(doc):
            found = _holiday(doc, start, start + 1, units)
            if found is not None:
                spans["DATE"].append(found)
        return RuleMatches(spans, sorted(numbers), places, units)

    def _holidays(self, doc: Doc) -> list[int]:
        """Tokens whose NORM is ``Tết`` or starts with it: the segmenter may join Tết to any next
        syllable (``Tết ta``, ``Tết dương lịch``), so a regex decides, once per word. (In the
        ``Matcher`` a first-token ``REGEX`` runs on every token of every ``Doc``.)"""
        memo, strings, found = self._holiday_norms, doc.vocab.strings, []
        for i, h in enumerate(doc.to_array("NORM").tolist()):
            hit = memo.get(h)
            if hit is None:
                hit = memo[h] = HOLIDAY_WORD.match(strings[h]) is not None
            if hit:
                found.append(i)
        return found
