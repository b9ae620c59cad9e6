"""Entity rules where rules are exact: numbers, units, dates, document codes and places.

The component ``vn_dolisa_rules`` proposes ``QUANTITY``, ``UNIT``, ``DATE``,
``POLICY_DOC``, ``LOC``, ``ORG`` and ``INDICATOR`` spans. Dates, document codes,
numbers, unit phrases and place names are spaCy patterns (:mod:`vn_dolisa_nlp.patterns`);
what is procedural stays code here: a table row's cells, which numbers are amounts,
organisations and the admin prefix before a place name. Each label in turn (table cells,
``POLICY_DOC``, ``DATE``, ``QUANTITY`` with its ``UNIT``, ``ORG``, ``LOC``) keeps its spans
that overlap none of an earlier label, longest first (``spacy.util.filter_spans``).
Placed before the trained ``ner`` it fixes spans the model then respects; placed after
it (``overwrite = false``) it only fills gaps. The training README records which
placement scores best on dev.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

import numpy as np
from spacy.language import Language
from spacy.pipeline.span_ruler import prioritize_existing_ents_filter
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .layout import hash_mask, lines_of
from .numbers import parse_number
from .patterns import RULE_LABELS, RulePatterns, UnitPhrases, named_day_before
from .places import place_of
from .units import is_unit_phrase
from .vocabulary import (ADMIN_PREFIXES, DAY_MONTH, FULL_DATE, LABELS, LIST_MARKER, NUMBER, QUALIFIERS, QUARTER_YEAR,
                         YEAR, has_line_break)

_LOC_PREFIX = frozenset(ADMIN_PREFIXES)
_BARE_PLACE_LEVELS = ("country", "province", "district")  # the levels a place name names without its prefix
_NAME_BEFORE_NUMBER = {"thứ", "nhóm", "khóa", "số", "lần thứ", "kỳ họp thứ", "đợt", "điểm", "khoản", "mục",
                       "điều", "chương", "phần", "tiết", "phụ lục", "biểu", "mẫu", "dự án", "đề án", "tiểu dự án",
                       "chương trình", "km", "tổ dân phố", "tổ", "đội", "ban chỉ đạo", "quốc lộ", "ql", "mỏ đá"}
_QUALIFIERS = frozenset(QUALIFIERS)
TAG = re.compile(r"^(?:</?[A-Za-z][^<>]*>|&#?\w+;)$")
_ORG_HEADS = {"bộ", "sở", "trường", "trung tâm", "ngân hàng", "hội", "hiệp hội", "quỹ", "ban", "phòng",
              "chi nhánh", "công ty", "nghiệp đoàn", "báo", "thanh tra", "viện", "bệnh viện", "tổng cục", "cục",
              "liên đoàn", "công an", "ủy ban", "đài", "học viện", "văn phòng", "liên minh", "ubnd", "hđnd"}
# the level an office serves, written after its name: ``Thanh tra tỉnh``, ``UBND xã``, ``UBND đặc khu``
_ORG_SUFFIXES = {"tỉnh", "huyện", "thành phố", "thị xã", "xã", "phường", "thị trấn", "đặc khu"}
# the levels of plural and level offices: ``UBND các xã, phường, đặc khu``, ``HĐND các cấp``, ``UBND cấp xã``
_ORG_LEVELS = _ORG_SUFFIXES | {"quận", "tp", "tx", "cấp"}
_QUOTES = {"“": "”", '"': '"'}
# words that end an organisation's name: the clause's verb or a new phrase
_ORG_ENDS = {"phê duyệt", "tiếp nhận", "tập trung", "tổ chức", "triển khai", "thực hiện", "ban hành", "trao đổi",
             "phối hợp", "chỉ đạo", "hướng dẫn", "quyết liệt", "đã", "đang", "sẽ", "được", "các", "từ", "với", "cho",
             "tại", "trong", "mới", "đề nghị", "giao", "chủ trì", "làm việc", "kiểm tra", "giải ngân", "tham mưu",
             "tuyển sinh", "chi trả", "rà soát", "giải quyết", "vận động", "tặng", "trao"}


def _low(doc: Doc, i: int) -> str:
    return doc[i].norm_ if 0 <= i < len(doc) else ""


def _quantities(doc: Doc, numbers: Iterable[int], units: UnitPhrases,
                taken: set[int]) -> Iterable[tuple[int, int, tuple[int, int] | None]]:
    """(start, end, the unit's (start, end) or None) of the numbers that are amounts: the
    ``NUMBER`` hits less numbers in names, list and row numbers, years and day/months without
    a unit (procedural: each test reads the words around the number). The unit is the unit
    phrase right after the number, or after one space token on the same line (``5  người``)."""
    n = len(doc)
    for i in numbers:
        if i in taken:
            continue
        tok = doc[i]
        prev, nxt = _low(doc, i - 1), doc[i + 1].text if i + 1 < n else ""
        if prev == "(" and nxt == ")":  # (1) list numbers
            continue
        if prev in _NAME_BEFORE_NUMBER or prev.endswith("tháng"):
            continue
        if YEAR.match(tok.text) and prev in ("năm", "đến", "từ"):
            continue
        if prev in ("-", "–") and i > 1 and doc[i - 2].text[:1].isupper():  # COVID - 19
            continue
        if _low(doc, i + 1) == "tháng" and _low(doc, i + 2) in ("đầu", "cuối", "năm", "qua"):
            continue
        unit_start, unit_end = i + 1, units.end(doc, i + 1, taken)
        if unit_end is None and i + 2 < n and doc[i + 1].is_space and not has_line_break(doc[i + 1].text):
            unit_start, unit_end = i + 2, units.end(doc, i + 2, taken)
        if unit_end is None and (YEAR.match(tok.text) or DAY_MONTH.match(tok.text)):
            continue  # a bare year or day/month: Tết Quý Mão 2023, Quốc tế thiếu nhi 1/6
        if _row_number_at(doc, i) or _list_marker_at(doc, i):
            continue
        if unit_end is None and i > 0 and doc[i - 1].text[:1].isupper() and not doc[i].is_sent_start \
                and nxt not in (",", ";", ")", ".", "|") and place_of(doc[i - 1].text)[1] is None:
            continue  # a number in a name: Trung đoàn 852, Đề án 161
        yield i, i + 1, None if unit_end is None else (unit_start, unit_end)


def _places(doc: Doc, names: Iterable[tuple[int, int]], taken: set[int],
            province: str | None) -> list[tuple[int, int]]:
    """Capitalised place names with the admin prefix written before them (``tỉnh Điện Biên``,
    ``xã Mường Luân``: any level) or bare (``Mường Chà``, ``Hàn Quốc``: a country, province or
    district), as the gazetteer knows them; longest first. A prefix token is never a bare name's start."""
    found = []
    for start, end in names:
        if not all(doc[j].text[:1].isupper() for j in range(start, end)):
            continue
        starts = [(start - 1, True)] if start > 0 and doc[start - 1].norm_ in _LOC_PREFIX else []
        if doc[start].norm_ not in _LOC_PREFIX:
            starts.append((start, False))
        for first, prefixed in starts:
            if any(j in taken for j in range(first, end)):
                continue
            level, canonical = place_of(doc[first:end].text, province)
            if canonical and (prefixed or level in _BARE_PLACE_LEVELS):
                found.append(Span(doc.doc, first, end))
    return [(s.start, s.end) for s in filter_spans(found)]


def _free(doc: Doc, candidates: Iterable[tuple[int, int]], taken: set[int]) -> list[tuple[int, int]]:
    """The candidates that overlap no taken token, without overlaps: longest first, then leftmost."""
    spans = [Span(doc, s, e) for s, e in candidates if not any(j in taken for j in range(s, e))]
    return [(s.start, s.end) for s in filter_spans(spans)]


def find_entities(doc: Doc, labels: Iterable[str] = LABELS, province: str | None = None,
                  patterns: RulePatterns | None = None) -> list[Span]:
    """The spans the rules are sure of, without overlaps (``patterns``: the pipeline's, else
    those of ``doc.vocab``, built on first use)."""
    labels = set(labels)
    found = (patterns or RulePatterns.of(doc.vocab))(doc)
    spans: list[Span] = []
    taken: set[int] = set()

    def add(start: int, end: int, label: str) -> bool:
        if any(j in taken for j in range(start, end)):
            return False
        taken.update(range(start, end))
        if label in labels:
            spans.append(Span(doc, start, end, label=label))
        return True

    for start, end, label in _table_cells(doc):
        add(start, end, label)
    for label in RULE_LABELS:
        for start, end in _free(doc, found.spans[label], taken):
            add(start, end, label)
    tokens = TokenView(doc)
    for start, end, unit in list(_quantities(tokens, found.numbers, found.units, taken)):
        if add(start, end, "QUANTITY") and unit:
            add(*unit, "UNIT")
    for start, end in _organisations(tokens, taken):
        add(start, end, "ORG")
    for start, end in _places(tokens, found.places, taken, province):
        add(start, end, "LOC")
    return sorted(spans)


class TokenView:
    """A ``Doc`` whose tokens are made once, when first read: the rules read ``doc[i]`` many
    times around a few tokens (numbers, heads of names), and never most of the others."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tokens: list[Token | None] = [None] * len(doc)

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self):
        return (self[i] for i in range(len(self.tokens)))

    def __getitem__(self, i):
        if not isinstance(i, int):
            return self.doc[i]
        token = self.tokens[i]
        if token is None:
            token = self.tokens[i] = self.doc[i]
        return token


def _organisations(doc: Doc, taken: set[int]) -> Iterable[tuple[int, int]]:
    """Named bodies: a capitalised head (``Sở``, ``Trung tâm``, ``Ngân hàng``, ``UBND`` ...) with
    a capitalised name (``Ngân hàng Thế giới``, ``Sở Nông nghiệp và Môi trường``), or with the
    level it serves (``Thanh tra tỉnh``, ``UBND xã``), and the place's name after that level
    (``Sở Nội vụ tỉnh Lâm Đồng``, ``UBND phường Tam Kỳ``, ``Ủy ban nhân dân đặc khu Côn Đảo``)."""
    n, next_free = len(doc), 0
    heads = np.flatnonzero(hash_mask(doc.doc.to_array("NORM"), doc.doc, _ORG_HEADS)).tolist()
    for i in heads:
        if i < next_free or i in taken or not doc[i].text[:1].isupper():
            continue
        end = i + 1
        if doc[i].norm_ == "ủy ban" and end < n and doc[end].norm_ == "nhân dân" and end not in taken:
            end += 1  # Ủy ban nhân dân: a head of two words
        while end < n and end not in taken:
            tok = doc[end]
            if tok.text[:1].isupper() and (tok.is_alpha or " " in tok.text) and not tok.is_sent_start:
                end += 1
            elif tok.norm_ in ("và", "-", "–") and end + 1 < n and doc[end + 1].text[:1].isupper() \
                    and doc[end + 1].norm_ not in _ORG_HEADS and end + 1 not in taken:
                end += 2
            else:
                break
        if end < n and doc[end].text in _QUOTES and end not in taken:  # Quỹ “Vì người nghèo”
            close = next((j for j in range(end + 1, min(n, end + 12)) if doc[j].text == _QUOTES[doc[end].text]), None)
            if close is not None and not any(j in taken for j in range(end, close + 1)):
                end = close + 1
        if end < n and doc[end].norm_ in _ORG_SUFFIXES and end not in taken:
            end = _org_place_end(doc, end, taken)
        else:  # Phòng Lao động - TBXH các huyện, thành phố
            end = _org_levels_end(doc, end, taken)
        if end > i + 1 and not (end == i + 2 and doc[i + 1].norm_ == "nhân dân"):
            yield i, end
            next_free = end


def _org_levels_end(doc: Doc, at: int, taken: set[int] | None = None) -> int:
    """End of the levels a plural or level office serves, when they start at token ``at``:
    ``các huyện, thị xã, thành phố``, ``các xã, phường, đặc khu``, ``các cấp``, ``cấp xã``; else ``at``."""
    n = len(doc)

    def free(j: int) -> bool:
        return j < n and (taken is None or j not in taken)

    if not (free(at) and doc[at].norm_ in ("các", "cấp") and free(at + 1) and doc[at + 1].norm_ in _ORG_LEVELS):
        return at
    end = at + 2
    while free(end + 1) and doc[end].text in (",", "/") and doc[end + 1].norm_ in _ORG_LEVELS \
            and not (free(end + 2) and doc[end + 2].text[:1].isupper()):  # not a place: ``, thị xã Hương Thủy``
        end += 2
    return end


def _org_place_end(doc: Doc, level: int, taken: set[int] | None = None) -> int:
    """End of the level an office serves (token ``level``: ``tỉnh``, ``xã``, ``đặc khu`` ...) and of
    the place's name after it when the gazetteer knows it: ``tỉnh Lâm Đồng``, ``PHƯỜNG NAM ĐÔNG HÀ``."""
    for k in (3, 2, 1):
        end = level + 1 + k
        if end <= len(doc) and all(doc[j].text[:1].isupper() and not doc[j].is_sent_start
                                   and (taken is None or j not in taken) for j in range(level + 1, end)) \
                and place_of(doc[level:end].text)[1] is not None:
            return end
    return level + 1


def _table_cells(doc: Doc) -> Iterable[tuple[int, int, str]]:
    """Spans a markdown table row states by its layout (GUIDELINES, Tables): in a row with
    a unit cell or a value cell, the indicator cell is an ``INDICATOR`` and unit cells are ``UNIT``s."""
    for line in lines_of(doc):
        if line.label_ not in ("table_row", "table_rule"):
            continue
        start, end = line.start, line.end
        bars = [i for i in range(start, end) if doc[i].text == "|"]
        cells = [_trim_cell(doc, a + 1, b) for a, b in pairwise(bars)]
        cells = [(a, b) for a, b in cells if a < b]
        units = [(a, b) for a, b in cells if is_unit_phrase(doc[a:b].text)]
        values = [(a, b) for a, b in cells if NUMBER.match(doc[b - 1].text)
                  and all(t.norm_ in _QUALIFIERS for t in doc[a:b - 1])]
        texts = [(a, b) for a, b in cells if (a, b) not in units and (a, b) not in values
                 and doc[a].text[:1].isalpha() and b - a > 1]
        if not (units or values) or not texts:
            continue
        yield (*texts[0], "INDICATOR")
        for a, b in units:
            yield a, b, "UNIT"


def _trim_cell(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A cell's tokens without spaces, HTML tags, a leading ``Trong đó:`` or trailing punctuation."""
    while start < end and (doc[start].is_space or TAG.match(doc[start].text)):
        start += 1
    if start + 2 < end and doc[start].norm_ == "trong" and doc[start + 1].norm_ == "đó" \
            and doc[start + 2].text == ":":
        start += 3
    while start < end and doc[start].is_space:
        start += 1
    while end > start and (doc[end - 1].is_space or TAG.match(doc[end - 1].text) or doc[end - 1].text in ".:;,"):
        end -= 1
    return start, end


def _row_number_at(doc: Doc, i: int) -> bool:
    """True for the number in the first cell of a markdown table row (``| 1 | ...``)."""
    line_start = i < 2 or (doc[i - 2].is_space and has_line_break(doc[i - 2].text))
    return i > 0 and doc[i - 1].text == "|" and line_start


def _list_marker_at(doc: Doc, i: int) -> bool:
    """True for a list number at the start of a line (``5.1 Công tác Trẻ em``)."""
    line_start = i == 0 or (doc[i - 1].is_space and has_line_break(doc[i - 1].text))
    return line_start and bool(LIST_MARKER.match(doc[i].text))


def _named_number(ent: Span) -> bool:
    """A number that is part of a name (``Dự án 2``, ``Ban chỉ đạo 138``, ``km 432``)."""
    doc = ent.doc
    followed_by_unit = ent.end < len(doc) and doc[ent.end].ent_type_ == "UNIT"
    return ent.start > 0 and doc[ent.start - 1].norm_ in _NAME_BEFORE_NUMBER and not followed_by_unit


def _in_named_day(ent: Span, units: UnitPhrases) -> bool:
    """A number of the day/month that dates a named day (``Ngày người cao tuổi Việt Nam 6/6``)."""
    i, doc = ent.start, ent.doc
    return named_day_before(doc, i, units) or (i >= 2 and doc[i - 1].text == "/"
                                               and named_day_before(doc, i - 2, units))


def _bare_date_number(ent: Span) -> bool:
    """A year or day/month written as a number with no unit after it."""
    doc = ent.doc
    followed_by_unit = ent.end < len(doc) and doc[ent.end].ent_type_ == "UNIT"
    return bool(YEAR.match(ent.text) or DAY_MONTH.match(ent.text)) and not followed_by_unit


def clean(ents: Iterable[Span]) -> list[Span]:
    """Model entities the rules know to be wrong, dropped or mended: a QUANTITY
    that is no number or a table's row number, a span of punctuation only, a UNIT
    that follows no QUANTITY or runs into a name or list (``[tỉnh] Salavan``,
    ``[người], thị xã``), a place missing the admin prefix written before it
    (``thị xã Hương Thủy``)."""
    ents = list(ents)
    quantity_ends = {e.end for e in ents if e.label_ == "QUANTITY"}
    unit_phrases: dict[int, UnitPhrases] = {}  # per Doc: matched when first read

    def units(doc: Doc) -> UnitPhrases:
        if id(doc) not in unit_phrases:
            unit_phrases[id(doc)] = RulePatterns.of(doc.vocab).units(doc)
        return unit_phrases[id(doc)]

    out = []
    for ent in ents:
        doc = ent.doc
        if all(t.is_punct or t.is_space for t in ent):
            continue
        if ent.label_ == "QUANTITY" and (not any(c.isdigit() for c in ent.text) and parse_number(ent.text) is None
                                         or _row_number_at(doc, ent.start) or _list_marker_at(doc, ent.start)
                                         or _bare_date_number(ent) or _named_number(ent) or _in_named_day(ent, units(doc))):
            continue
        if ent.label_ == "UNIT":
            if not _after_quantity(ent, quantity_ends) or not any(c.isalpha() or c == "%" for c in ent.text):
                continue
            ent = _trim_unit(ent, units(doc))
        if ent.label_ == "ORG":
            ent = _trim_org(ent)
            if ent is None:
                continue
        if ent.label_ == "LOC" and ent.start > 0 and doc[ent.start - 1].norm_ in _LOC_PREFIX \
                and doc[ent.start - 1].ent_type_ == "" and doc[ent.start].norm_ not in _LOC_PREFIX \
                and not (out and out[-1].end >= ent.start):  # the prefix may end the office before it
            ent = Span(doc, ent.start - 1, ent.end, label="LOC")
        out.append(ent)
    return filter_spans(out)  # a mended span never overlaps another


def _trim_org(org: Span) -> Span | None:
    """An ORG cut before the clause's verb it ran into (``[Bộ Giáo dục và Đào tạo] phê duyệt``),
    without trailing punctuation or line break; None when no name is left or it holds a table
    bar or a date. An ORG that ends with the level it serves takes the place's name after it
    when no entity holds that name (``[UBND XÃ] MƯỜNG PHĂNG`` -> ``[UBND XÃ MƯỜNG PHĂNG]``), and a
    plural office its levels (``[UBND] các xã, phường, đặc khu`` -> one ``ORG``, SPEC section 3)."""
    if any(t.text == "|" or QUARTER_YEAR.match(t.text) or FULL_DATE.match(t.text) for t in org):
        return None
    doc = org.doc
    end = next((t.i for t in org[1:] if t.norm_ in _ORG_ENDS and not t.text[:1].isupper()), org.end)
    while end > org.start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].norm_ == "và"):
        end -= 1
    if end <= org.start:
        return None
    if end == org.end and end - org.start > 1 and doc[end - 1].norm_ in _ORG_SUFFIXES:
        unlabelled = {j for j in range(end, min(len(doc), end + 3)) if doc[j].ent_type_ == ""}
        end = _org_place_end(doc, end - 1, set(range(end, end + 3)) - unlabelled)
    elif end < len(doc) and doc[end].norm_ in ("các", "cấp"):  # [UBND] các xã, phường -> one office
        outside = {j for j in range(org.end, min(len(doc), end + 12)) if doc[j].ent_type_ != ""}
        end = _org_levels_end(doc, end, outside)
    return org if end == org.end else Span(doc, org.start, end, label="ORG")


def _after_quantity(unit: Span, quantity_ends: set[int]) -> bool:
    """True for a UNIT right after a QUANTITY (or after one space), or in a table's unit cell."""
    doc, i = unit.doc, unit.start
    return i in quantity_ends or (i - 1 in quantity_ends and doc[i - 1].is_space) \
        or (i > 0 and doc[i - 1].text == "|")


def _trim_unit(unit: Span, units: UnitPhrases) -> Span:
    """A UNIT cut back to the unit the rules read at its start when the rest begins
    with punctuation or a capitalised name; otherwise unchanged."""
    if is_unit_phrase(unit.text):
        return unit
    end = units.end(unit.doc, unit.start)
    if end is None or end >= unit.end:
        return unit
    nxt = unit.doc[end]
    if nxt.is_punct or nxt.text[:1].isupper():
        return Span(unit.doc, unit.start, end, label="UNIT")
    return unit


RULE_SPANS = "rule_entities"


def rule_entities(doc: Doc, patterns: RulePatterns | None = None) -> list[Span]:
    """:func:`find_entities` of ``doc``, found once: the spans depend on the tokens and the
    layout only, so the first rules component keeps them in ``doc.spans["rule_entities"]``."""
    if RULE_SPANS not in doc.spans:
        doc.spans[RULE_SPANS] = find_entities(doc, patterns=patterns)
    return list(doc.spans[RULE_SPANS])


class EntityRules:
    """Pipeline component: add rule spans to ``doc.ents``, before or after the model's."""

    def __init__(self, labels: Iterable[str], overwrite: bool) -> None:
        self.labels = tuple(labels)
        self.overwrite = overwrite
        self.patterns: RulePatterns | None = None  # built for the pipeline's Vocab on the first Doc

    def __getstate__(self) -> dict:
        return {**self.__dict__, "patterns": None}  # a worker process builds its own

    def __call__(self, doc: Doc) -> Doc:
        if self.patterns is None or self.patterns.vocab is not doc.vocab:
            self.patterns = RulePatterns.of(doc.vocab)
        found = [s for s in rule_entities(doc, self.patterns) if s.label_ in self.labels]
        model = clean(doc.ents)
        if not self.overwrite:  # a named body holds the place in its name: [Trường Cao đẳng Nghề Thừa Thiên Huế]
            inside_org = [-1] * len(doc)  # start of the rule ORG holding each token
            for org in (s for s in found if s.label_ == "ORG"):
                inside_org[org.start:org.end] = [org.start] * len(org)
            model = [m for m in model if not (m.label_ == "LOC" and -1 < inside_org[m.start] < m.start
                                              and inside_org[m.end - 1] == inside_org[m.start])]
        first, second = (found, model) if self.overwrite else (model, found)
        doc.ents = sorted(prioritize_existing_ents_filter(first, second))
        return doc


@Language.factory("vn_dolisa_rules", default_config={"labels": list(LABELS), "overwrite": False},
                  assigns=["doc.ents", "doc.spans"], requires=["doc.spans"])
def make_rules(nlp: Language, name: str, labels: list[str], overwrite: bool) -> EntityRules:
    """``vn_dolisa_rules``: exact-rule entities (see module docstring)."""
    return EntityRules(labels, overwrite)
