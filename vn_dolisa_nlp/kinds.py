"""What a number is: a value, a ratio to plan, a change, or a target (SPEC section 5).

ConText-style rules: each :class:`Cue` is data, a set of cue words, the side of the
number they stand on, how many words their scope reaches, and the words that end
the scope before it gets there. Before the cues, the structure of the text decides:

- a table cell takes the kind of its column (``KH 2024`` -> ``target``, ``TH 2024``
  -> ``value``, ``% so KH`` -> ``plan_ratio``, ``So sánh cùng kỳ`` -> ``change``);
- the ``Y`` of an ``X/Y`` pair of achieved against planned (``đạt 96/1.000 người``, ``15/17 chỉ
  tiêu``, ``tuyển sinh 5.420/11.000 người``) is a ``target``, and a percentage after it that is
  ``X/Y`` (``đạt 49,27%``) a ``plan_ratio``;
- ``từ 4% trở lên`` is a floor set in advance: a ``target``.

Then the first cue (in :data:`CUES` order) that reaches the number decides its kind:

- ``đạt 124,27% KH``, ``đạt 110,08% kế hoạch``, ``bằng 140,56% chỉ tiêu giao``, ``đạt 103,3% chỉ tiêu``,
  ``vượt kế hoạch (119,5%)`` -> ``plan_ratio``
  (a percentage only: ``ban hành 02 kế hoạch`` counts plans; and not when a change verb stands
  right before the number: ``tăng 5% so với kế hoạch``);
- a section of plans for the coming year, or the scope of a target lead
  (:func:`target_scopes`: ``Chỉ tiêu năm 2024: ...; ...``, ``phấn đấu ...; ...``) -> ``target``,
  planned changes included (``giảm tỷ lệ hộ nghèo 2%``);
- the plan beside a result, ``(kế hoạch 48,5%)`` -> ``target``;
- ``tăng 6,3% so với cùng kỳ``, ``giảm 5.784 hộ``, ``bằng 95% so với cùng kỳ``, ``gấp 4 lần``, ``cao hơn
  cùng kỳ 17%``
  -> ``change`` (``increase`` / ``decrease``); ``giảm còn 5,18%`` and the ``từ`` of ``giảm từ 43,89% xuống
  còn 22,08%`` are levels -> ``value``;
- ``chỉ tiêu``, ``mục tiêu``, ``phấn đấu``, ``dự kiến`` before it in its clause -> ``target``;
- else ``value``.

The words before a number are read within its clause, nearest first; a number in
brackets reads through the bracket and the number it comments (``tăng 4.528 (12,02%)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from .normalize import normalize_text
from .vocabulary import CHANGE_DOWN, CHANGE_UP, QUALIFIERS, has_line_break

_UP, _DOWN = CHANGE_UP, CHANGE_DOWN
_LEVEL = frozenset({"còn", "xuống còn", "đến", "xuống", "cho", "đạt"})  # end a change verb's reach
_TO_LEVEL = frozenset({"xuống", "xuống còn", "còn", "lên"})  # "giảm từ 6,84% [xuống còn] 4,91%"
_STOP = {";", "(", ")", ":", "."}
_TARGET_WORDS = frozenset({"chỉ tiêu", "mục tiêu", "phấn đấu", "phân đấu", "phần đấu", "dự kiến", "phấn đấu đạt"})
# a clause that opens with one of these heads a list of targets (target_scopes)
_LEAD_WORDS = frozenset({"chỉ tiêu", "mục tiêu", "phấn đấu", "phương hướng", "nhiệm vụ", "kế hoạch", "dự kiến"})
_STRONG_LEADS = frozenset({"mục tiêu", "phấn đấu", "dự kiến"})  # leads even without a colon after them
_RESULT_WORDS = frozenset({"kết quả", "thực hiện", "đạt", "hoàn thành", "so với", "vượt", "bằng"})
_LEAD_REACH = 12  # tokens between a lead word and its colon
# X/Y pairs: the verbs and units of achieved against planned (is_pair_target)
_ACHIEVED = frozenset({"đạt", "hoàn thành", "vượt", "thực hiện", "được", "giải quyết"})
_PLANNED_UNITS = frozenset({"chỉ tiêu", "căn", "căn nhà", "hộ", "nhà"})
# units of a measure planned in advance: after its indicator, ``X/Y`` of these is achieved against
# planned (``tuyển sinh 5.420/11.000 người``, ``giải ngân 38,6/45,2 tỷ đồng``)
_FLOW_UNITS = frozenset({"lao động", "người", "lượt người", "lượt lao động", "học viên", "tỷ", "tỷ đồng", "triệu",
                         "triệu đồng"})
_BEFORE_PAIR = frozenset({"cho", "là", "được"})  # words between an indicator and its X/Y


@dataclass(frozen=True)
class Cue:
    """A cue word set, where it stands, how far it reaches, and what it makes the number."""

    kind: str
    words: frozenset[str]
    side: str                       # "before" or "after" the number
    scope: int                      # words from the number the cue may stand at
    ends: frozenset[str] = frozenset()      # words that end the scope before the cue is reached
    phrases: tuple[str, ...] = ()   # multi-word cues, read in the joined window
    direction: str | None = None
    unless_before: frozenset[str] = frozenset()  # within 3 words before the number: the cue does not apply...
    unless_also: frozenset[str] = frozenset()    # ...unless one of these is there too
    needs_after: tuple[str, ...] = ()  # phrases that must follow the number (``bằng X% so với``)
    percent: bool = False  # only for a percentage (``đạt 102% kế hoạch``, not ``ban hành 02 kế hoạch``)

    def reaches(self, before: list[str], after: list[str]) -> bool:
        if self.percent and not (after and after[0].startswith("%")):
            return False
        words = after if self.side == "after" else before  # nearest first
        reach = next((k for k, word in enumerate(words) if word in self.ends), len(words))
        words = words[:reach]  # an end word closes the scope, for words and phrases alike
        hit = any(word in self.words for word in words[:self.scope])
        if not hit and self.phrases:  # a phrase may end one word past the scope; read in text order
            text = " ".join(words[:self.scope + 1] if self.side == "after" else words[self.scope::-1])
            hit = any(p in text for p in self.phrases)
        if hit and self.needs_after:
            text = " ".join(after)
            hit = any(p in text for p in self.needs_after)
        if hit and self.unless_before:
            near = set(before[:3])
            return not (near & self.unless_before) or bool(near & self.unless_also)
        return hit


TARGET_SCOPE = "target_scope"  # stands for the context: a plan section or a target lead's scope
CUES: tuple[Cue | str, ...] = (
    Cue("plan_ratio", frozenset({"kh", "kế hoạch", "kế hoạch năm", "chỉ tiêu", "chỉ tiêu kế hoạch", "chỉ tiêu giao"}),
        "after", 3,
        phrases=("so với kế hoạch", "so với kh", "so với chỉ tiêu", "so kh", "chỉ tiêu giao"),
        unless_before=_UP | _DOWN, unless_also=frozenset({"đạt", "vượt", "bằng"}), percent=True,
        ends=frozenset({"("})),  # ``đạt 50% (kế hoạch 48,5%)``: the bracket gives the plan, 50% is a level
    # ``vượt kế hoạch (119,5%)``, ``vượt kế hoạch cả năm (105,7%)``
    Cue("plan_ratio", frozenset(), "before", 4, percent=True,
        phrases=("vượt kế hoạch", "vượt chỉ tiêu", "đạt kế hoạch", "bằng kế hoạch")),
    TARGET_SCOPE,
    # the plan beside a result: ``đạt 50% (kế hoạch 48,5%)``, ``11 người (kế hoạch 15 người)``
    Cue("target", frozenset({"kế hoạch", "kh", "kế hoạch năm", "kế hoạch giao"}), "before", 1,
        unless_before=frozenset({"vượt", "đạt", "bằng", "so với", "so", "hoàn thành"})),
    Cue("change", _UP | {"gấp"}, "before", 4, ends=_LEVEL | _DOWN, direction="increase"),
    Cue("change", _DOWN, "before", 4, ends=_LEVEL | _UP, direction="decrease"),
    Cue("change", frozenset({"bằng"}), "before", 2, needs_after=("so với", "so cùng kỳ")),
    # comparatives: ``cao hơn 35% so với cùng kỳ``, ``thấp hơn cùng kỳ 17%``
    Cue("change", frozenset(), "before", 4, phrases=("cao hơn", "nhiều hơn"), direction="increase"),
    Cue("change", frozenset(), "before", 4, phrases=("thấp hơn", "ít hơn"), direction="decrease"),
    Cue("target", _TARGET_WORDS, "before", 12),
)

# table header cells: the kind of the numbers in their column
_COLUMN_KINDS = (
    ("plan_ratio", re.compile(r"(?:so|/)\s*(?:với\s*)?(?:kh|kế hoạch|chỉ tiêu)\b")),
    ("change", re.compile(r"cùng kỳ|tăng|giảm")),
    ("target", re.compile(r"^(?:kh|kế hoạch|chỉ tiêu)\b.*(?:\d{4}|năm|giao)|^(?:kh|kế hoạch)\b")),
    ("value", re.compile(r"^(?:ước\s+)?(?:th|thực hiện|kết quả|ước thực hiện|ước th)\b")),
)


@dataclass(frozen=True)
class Column:
    """What a table's header says of a column: the kind of its numbers, and whether it is a
    column of percentages (``% so KH``, ``So sánh cùng kỳ (%)``), whose cells take no row unit."""

    kind: str | None
    percent: bool


def column_kinds(header: Span) -> list[Column]:
    """The columns of a table, from its header row (``| STT | Chỉ tiêu | KH 2024 | TH 2024 |``),
    indexed by the number of ``|`` before a cell."""
    columns: list[Column] = []
    for cell in normalize_text(header.text).lower().split("|"):
        cell = cell.strip()
        kind = next((kind for kind, pattern in _COLUMN_KINDS if pattern.search(cell)), None)
        columns.append(Column(kind, "%" in cell))
    return columns


def column_of(q: Span, line_start: int, pipes: list[int] | None = None) -> int:
    """The number of ``|`` tokens before ``q`` in its table row; ``pipes[i]``, when given, counts
    the ``|`` tokens before token ``i`` of the doc (one count for every row of a long table)."""
    if pipes is None:
        return sum(1 for t in q.doc[line_start:q.start] if t.text == "|")
    return pipes[q.start] - pipes[line_start]


def target_scopes(line: Span) -> list[tuple[int, int]]:
    """Token ranges of ``line`` under a target lead: a clause that opens, before any
    number, with a target word followed by a colon (``Nhiệm vụ quý II/2026: ...``,
    ``Chỉ tiêu chủ yếu năm 2017: ...``) or with ``phấn đấu`` / ``mục tiêu`` / ``dự kiến``.
    The scope runs over the ``;``- and ``:``-items to the end of the sentence."""
    toks = [(t.text, t.norm_, t.ent_type_) for t in line]  # read once; the scans below are plain lists
    n, scopes = len(toks), []
    i = 0
    while i < n:
        sentence_end = i
        while sentence_end < n and toks[sentence_end][0] != ".":
            sentence_end += 1
        clause = i
        while clause < sentence_end:
            lead = _lead_in(toks, clause, sentence_end)
            if lead is not None:
                scopes.append((line.start + lead, line.start + sentence_end))
                break
            while clause < sentence_end and toks[clause][0] != ";":
                clause += 1
            clause += 1
        i = sentence_end + 1
    return scopes


def _lead_in(toks: list[tuple[str, str, str]], start: int, end: int) -> int | None:
    """The position of a target lead opening the clause ``start:end`` of ``toks`` (text, norm,
    entity type), or None."""
    for k in range(start, end):
        text, norm, ent = toks[k]
        if ent == "QUANTITY" or text == ";" or _has_result_word(norm):
            return None  # a number, or a word of results (``Kết quả thực hiện các chỉ tiêu:``), comes first
        if norm in _LEAD_WORDS and ent in ("", "DATE") and not _in_programme_name(toks, k):
            if norm in _STRONG_LEADS:
                return k
            for j in range(k + 1, min(end, k + _LEAD_REACH)):
                if toks[j][0] == ":":
                    return k
                if toks[j][2] == "QUANTITY" or toks[j][0] == ";":
                    break
    return None


@lru_cache(maxsize=4096)
def _has_result_word(norm: str) -> bool:
    return any(f" {w} " in f" {norm} " for w in _RESULT_WORDS)


def _in_programme_name(toks, i: int) -> bool:
    """``mục tiêu`` in ``Chương trình mục tiêu quốc gia`` names a programme; it sets no target.
    ``toks``: a ``Doc`` or a list of (text, norm, entity type)."""
    def norm(k: int) -> str:
        return toks[k][1] if isinstance(toks, list) else toks[k].norm_
    return norm(i) == "mục tiêu" and (
        i + 1 < len(toks) and norm(i + 1).startswith("quốc gia") or i > 0 and norm(i - 1) == "chương trình")


def _clause_before(q: Span, limit: int) -> list[str]:
    """Normalised words before ``q`` in its clause, nearest first."""
    doc, words = q.doc, []
    i = q.start - 1
    bracketed = i >= 0 and doc[i].text == "("
    if bracketed:
        i -= 1
    while i >= 0 and len(words) < limit:
        t = doc[i]
        if bracketed and t.ent_type_ in ("QUANTITY", "UNIT") and len(words) < 2:
            i -= 1
            continue
        if t.text in _STOP or (t.is_space and has_line_break(t.text)) or t.ent_type_ in ("QUANTITY", "UNIT"):
            break  # another number, or its unit, ends the clause of this one
        words.append("" if _in_programme_name(doc, i) else t.norm_)
        i -= 1
    return words


def _after(q: Span, limit: int = 6) -> list[str]:
    doc, words = q.doc, []
    for t in doc[q.end:q.end + limit]:
        if t.text in (";",) or (t.is_space and has_line_break(t.text)) or t.ent_type_ == "QUANTITY":
            break
        words.append(t.norm_)
    return words


def is_pair_target(q: Span) -> bool:
    """``q`` is the ``Y`` of an ``X/Y`` pair of achieved against planned (``đạt 96/1.000 người``,
    ``hoàn thành 15/17 chỉ tiêu``, ``1.142/1.200 căn``, any ``X`` above ``Y``), not of a part of a
    whole (``10/10 huyện``, ``185.918/215.267 trẻ em``), whose ``Y`` is a value."""
    doc = q.doc
    if not (q.start >= 2 and doc[q.start - 1].text == "/" and doc[q.start - 2].ent_type_ == "QUANTITY"):
        return False
    x_span = _quantity_ending_at(doc, q.start - 1)
    x, y, x_start = x_span._.value, q._.value, x_span.start
    if x is not None and y is not None and x > y:
        return True
    unit_end = q.end
    while unit_end < len(doc) and doc[unit_end].ent_type_ == "UNIT":
        unit_end += 1
    unit = " ".join(t.norm_ for t in doc[q.end:unit_end])
    if unit in _PLANNED_UNITS:
        return True
    k = x_start - 1
    while k >= 0 and doc[k].norm_ in QUALIFIERS:
        k -= 1
    if k >= 0 and doc[k].norm_ in _ACHIEVED:
        return True
    while k >= 0 and doc[k].norm_ in _BEFORE_PAIR:
        k -= 1
    return unit in _FLOW_UNITS and k >= 0 and doc[k].ent_type_ == "INDICATOR"


def is_pair_ratio(q: Span) -> bool:
    """``q`` is a percentage that is ``X/Y`` of a pair of achieved against planned before it in
    its clause: ``tuyển sinh 5.420/11.000 người, đạt 49,27%`` (a ratio to plan)."""
    doc, p = q.doc, q._.value
    if p is None or q.end >= len(doc) or not doc[q.end].text.startswith("%"):
        return False
    for i in range(q.start - 1, max(q.start - 16, 1), -1):
        t = doc[i]
        if t.text in _STOP:
            return False
        if t.text == "/" and doc[i - 1].ent_type_ == "QUANTITY" and doc[i + 1].ent_type_ == "QUANTITY":
            y_end = i + 2
            while y_end < len(doc) and doc[y_end].ent_iob_ == "I":
                y_end += 1
            y = Span(doc, i + 1, y_end, label="QUANTITY")
            x, total = _quantity_ending_at(doc, i)._.value, y._.value
            return bool(x is not None and total and is_pair_target(y) and abs(100 * x / total - p) < 0.6)
    return False


def _quantity_ending_at(doc, end: int) -> Span:
    """The ``QUANTITY`` whose last token is ``end - 1`` (the ``X`` before the ``/`` of a pair)."""
    start = end - 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return Span(doc, start, end, label="QUANTITY")


def kind_of(q: Span, in_plan_section: bool = False, column: str | None = None) -> tuple[str, str | None]:
    """``(kind, direction)`` of the quantity ``q`` (direction only for changes).

    ``in_plan_section``: ``q`` stands under a plan heading or in a target lead's scope;
    ``column``: the kind its table column holds (:func:`column_kinds`).
    """
    if column is not None:
        return column, None
    if is_pair_target(q):
        return "target", None
    if is_pair_ratio(q):
        return "plan_ratio", None
    before, after = _clause_before(q, 12), _after(q)
    if before[:1] == ["từ"] and "trở lên" in " ".join(after[:4]):
        return "target", None  # a floor set in advance: ``giảm tỷ lệ hộ nghèo từ 4% trở lên``
    if before[:1] == ["từ"] and _TO_LEVEL.intersection(_after(q, 9)):
        return "value", None  # the level a change starts from
    for cue in CUES:
        if cue == TARGET_SCOPE:
            if in_plan_section:
                return "target", None
        elif cue.reaches(before, after):
            direction = cue.direction
            if cue.kind == "change" and direction is None:  # bằng X% so với: above or below the base
                value = q._.value
                direction = None if value is None else "increase" if value > 100 else "decrease"
            return cue.kind, direction
    return "value", None
