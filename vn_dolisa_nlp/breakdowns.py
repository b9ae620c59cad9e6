"""Breakdowns: the items after ``trong đó``, ``gồm``, ``cụ thể``, ``riêng``, a ``:`` list or a
bracket, and the total each one breaks down (SPEC v2 sections 3 and 5).

``Tuyển sinh 33.500 người, đạt 98,5% KH; trong đó trình độ cao đẳng 4.260 người, trung cấp
5.870 người``: both items break down ``33.500`` (their ``parent``). An item whose phrase holds
an ``INDICATOR`` names what it counts (``trong đó: việc làm trong nước 10.920 người``); any other
item is a category of the total's measure (``cao đẳng``, ``Hàn Quốc``, ``nữ``): its number
measures the total's indicator and its ``breakdown`` is the category.

The total of an item is the nearest number before the cue, in the cue's sentence (or the
sentence before, for a cue that opens its sentence: ``Trong đó, ...``), preferring one with
the item's own unit: when a total has two measures (people and money), each item points at
the total of its own measure. Nested breakdowns take the nearest total. A breakdown runs to
the end of its sentence; one opened by a bracket ends at the bracket's close. A paragraph that
opens with a cue (a footnote ``¹ Trong đó: Hàn Quốc 40 người; Nhật Bản 127 người``) breaks down a
total of another paragraph: its items have no parent here, and its categories no indicator
(links never cross paragraphs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from spacy.tokens import Span

from .vocabulary import CHANGE_DOWN, CHANGE_UP, QUALIFIERS, TIME_UNITS

CUES = frozenset({"trong đó", "gồm", "bao gồm", "cụ thể", "riêng", "trong số đó", "cụ thể là", "chia ra"})
_CHANGE_WORDS = CHANGE_UP | CHANGE_DOWN | {"vượt", "bằng", "gấp"}
_COMPARATIVES = _CHANGE_WORDS | {"đạt", "chiếm", "còn", "xuống", "lên"}
_MAX_TOTALS = 8  # the nearest numbers before a cue that may be its total
BREAKDOWNS = "breakdowns"  # doc.spans key: one span per item, its phrase (see Item)
_SEPARATORS = {";", ",", ":", "(", "-", "–", "+"}
_SCAFFOLDING = {"trong đó", "trong", "đó", "gồm", "bao gồm", "cụ thể", "cụ thể là", "riêng", "là", "có", "đạt",
                "với", "và", "trình độ", "số", "chia ra", "trong số đó"}


@dataclass(frozen=True)
class Item:
    """One breakdown item: its quantity, the quantity of its total, and its phrase."""

    quantity: int              # start token of the item's QUANTITY
    parent: int | None         # start token of the total's QUANTITY; None when it is in another paragraph
    phrase: tuple[int, int]    # tokens naming the item (may be empty: start == end)
    named: bool                # the phrase holds an INDICATOR: the item measures its own indicator
    bracketed: bool            # opened by a bracket: a comment (change, ratio) unless it is a value
    comment: bool = False      # a change or ratio of the item before it, within the breakdown: linked as usual
    after: tuple[int, int] = (0, 0)  # the words after the number's unit (``8.920 hộ [thoát nghèo]``)


def _cue_width(norms: list[str], k: int) -> int:
    """Length in tokens of a breakdown cue at ``norms[k]`` (0 when none)."""
    norm = norms[k]
    if norm in CUES:
        return 1
    if norm == "trong" and k + 1 < len(norms) and norms[k + 1] == "đó":
        return 2
    return 0


def find_items(line: Span, quantities: Sequence[Span], unit_of: Callable[[Span], str | None]) -> list[Item]:
    """The breakdown items of one line; ``unit_of`` gives a quantity's canonical unit."""
    doc = line.doc
    if not quantities:
        return []
    q_at = {q.start: q for q in quantities}
    sentence_start = line.start
    previous_sentence = line.start
    # stack of open breakdowns: (cue end token, candidate totals nearest first, bracketed, depth)
    stack: list[tuple[int, list[Span], bool, int]] = []
    seen: list[Span] = []  # quantities so far in the line, with the depth they stand at
    depths: dict[int, int] = {}
    depth = 0
    items: list[Item] = []
    texts, norms = [t.text for t in line], [t.norm_ for t in line]  # read once: the loop reads plain lists
    i = line.start
    while i < line.end:
        text = texts[i - line.start]
        cue = _cue_width(norms, i - line.start)
        if text == ".":
            stack = []
            previous_sentence, sentence_start = sentence_start, i + 1
        elif text == "(":
            depth += 1
            totals = _totals(seen, depths, depth - 1, sentence_start)
            if totals:
                stack.append((i + 1, totals, True, depth))
        elif text == ")":
            stack = [s for s in stack if s[3] < depth]
            depth = max(0, depth - 1)
        elif cue or text == ":" and not stack and i > line.start \
                and doc[i - 1].ent_type_ in ("QUANTITY", "UNIT"):  # ``1.234 người: nam 600, nữ 634``
            width = cue or 1
            opens_sentence = i - sentence_start <= 1
            start = previous_sentence if opens_sentence else sentence_start
            totals = _totals(seen, depths, depth, start)
            orphan = not totals and cue and i - line.start <= 2  # ``¹ Trong đó: Hàn Quốc 40 người``
            if (totals or orphan) and not (text == ":" and stack and stack[-1][0] >= i - 1):
                stack = [s for s in stack if s[3] < depth]  # a new cue replaces the open one at its depth
                stack.append((i + width, totals, False, depth))
            i += width
            continue
        q = q_at.get(i)
        if q is not None:
            unit = unit_of(q)
            if stack and not _pair_second(q) and unit not in TIME_UNITS:
                cue_end, totals, bracketed, _ = stack[-1]
                start = max(cue_end, _item_start(doc, q.start, cue_end))
                phrase = _phrase(doc, start, q.start)
                if not _comments(doc, start, q.start):
                    parent = _total_for(totals, unit, unit_of).start if totals else None
                    after = _phrase_after(doc, q, line.end)
                    named = _has_indicator(doc, *phrase) or _has_indicator(doc, *after)
                    items.append(Item(q.start, parent, phrase, named, bracketed, after=after))
                else:  # a comment (``vượt 55,5% so với kế hoạch``) inside a breakdown: its total is the breakdown's
                    outer = next((entry for entry in reversed(stack) if not entry[2] and entry[1]), None)
                    if outer is not None:
                        items.append(Item(q.start, _main_total(outer[1], unit_of).start, (q.start, q.start),
                                          True, False, comment=True))
            if unit not in TIME_UNITS:
                seen.append(q)
                depths[q.start] = depth
            i = q.end
            continue
        i += 1
    return items


def _totals(seen: list[Span], depths: dict[int, int], depth: int, start: int) -> list[Span]:
    """Quantities a breakdown opened now may break down: at this depth, from ``start``, nearest
    first; never the ``Y`` of an ``X/Y`` pair."""
    totals: list[Span] = []
    for q in reversed(seen):
        if q.start < start or len(totals) == _MAX_TOTALS:
            break
        if depths[q.start] <= depth and not _pair_second(q):
            totals.append(q)
    return totals


def _total_for(totals: list[Span], unit: str | None, unit_of: Callable[[Span], str | None]) -> Span:
    """The total an item breaks down: the nearest with the item's unit, a level before a change
    (``1.485 trường hợp ..., giảm 12 trường hợp ...; trong đó``: ``1.485``)."""
    same = [t for t in totals if unit is not None and unit_of(t) == unit] or totals
    return next((t for t in same if not _after_change_verb(t)), same[0])


def _main_total(totals: list[Span], unit_of: Callable[[Span], str | None]) -> Span:
    """The total a whole breakdown breaks down: the nearest count, not a percentage or a change."""
    return next((t for t in totals if unit_of(t) != "percent" and not _after_change_verb(t)), totals[0])


def _after_change_verb(q: Span) -> bool:
    doc, k = q.doc, q.start - 1
    while k >= 0 and doc[k].norm_ in QUALIFIERS:
        k -= 1
    return k >= 0 and doc[k].norm_ in _CHANGE_WORDS


def _pair_second(q: Span) -> bool:
    doc = q.doc
    return q.start >= 2 and doc[q.start - 1].text == "/" and doc[q.start - 2].ent_type_ == "QUANTITY"


def _comments(doc, start: int, end: int) -> bool:
    """Only a comparative between the item's start and its number: ``đạt 90,8% KH``, ``gấp 4 lần``
    comment on the number before; they are no items."""
    return any(doc[k].norm_ in _COMPARATIVES for k in range(start, end))


def _has_indicator(doc, start: int, end: int) -> bool:
    return any(doc[k].ent_type_ == "INDICATOR" for k in range(start, end))


def _phrase_after(doc, q: Span, limit: int) -> tuple[int, int]:
    """The words after ``q``'s unit up to the next separator (``riêng năm 2020 có 8.920 hộ [thoát nghèo]``)."""
    k = q.end
    while k < limit and doc[k].ent_type_ == "UNIT":
        k += 1
    end = k
    while end < limit and doc[end].text not in _SEPARATORS and doc[end].text not in (")", ".") \
            and doc[end].ent_type_ != "QUANTITY":
        end += 1
    return k, end


def _item_start(doc, q_start: int, floor: int) -> int:
    """The first token of the item holding the quantity at ``q_start``: after the nearest separator
    (a colon right before the number ends the item's name: ``cao đẳng: 204 người``)."""
    k = q_start - 1
    if k >= floor and doc[k].text == ":":
        k -= 1
    while k >= floor:
        if doc[k].text in _SEPARATORS or doc[k].ent_type_ == "QUANTITY" or doc[k].ent_type_ == "UNIT":
            return k + 1
        k -= 1
    return floor


def _phrase(doc, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without scaffolding, qualifiers and punctuation at either side."""
    while start < end and (doc[start].norm_ in _SCAFFOLDING or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].norm_ in QUALIFIERS or doc[end - 1].norm_ in _SCAFFOLDING
                           or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end
