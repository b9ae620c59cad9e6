"""What a number is: a value, a ratio to plan, a change, or a target (SPEC section 5).

Rules over the words around the quantity within its clause:

- ``đạt 124,27% KH``, ``đạt 110,08% kế hoạch``, ``vượt 55,5% so với kế hoạch`` -> ``plan_ratio``
- ``tăng 6,3% so với cùng kỳ``, ``giảm 5.784 hộ`` -> ``change`` (``increase`` / ``decrease``);
  ``giảm còn 5,18%`` / ``giảm xuống còn`` is the level reached -> ``value``
- ``chỉ tiêu``, ``phấn đấu``, ``dự kiến`` before it in its clause, or a
  section of plans for the coming year -> ``target``
- else ``value``
"""

from __future__ import annotations

from spacy.tokens import Span

from .vocabulary import has_line_break

_PLAN = {"kh", "kế hoạch", "kế hoạch năm", "chỉ tiêu kế hoạch"}
_UP = {"tăng", "tăng thêm", "tăng lên", "nâng"}
_DOWN = {"giảm", "giảm thêm", "giảm được"}
_LEVEL = {"còn", "xuống còn", "đến", "xuống"}
_TARGET = {"chỉ tiêu", "phấn đấu", "phân đấu", "phần đấu", "dự kiến", "phấn đấu đạt"}
_STOP = {";", "(", ")", ":"}


def _clause_before(q: Span, limit: int = 6) -> list[str]:
    """Normalised words before ``q`` in its clause, nearest first. A number in
    brackets (``tăng 4.528 (12,02%)``, ``tăng (1,09%)``) reads through the bracket
    and the number it comments."""
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
        if t.text in _STOP or (t.is_space and has_line_break(t.text)) or t.ent_type_ == "QUANTITY":
            break
        words.append(t.norm_)
        i -= 1
    return words


def _after(q: Span, limit: int = 6) -> list[str]:
    doc, words = q.doc, []
    for t in doc[q.end:q.end + limit]:
        if t.text in (";",) or (t.is_space and has_line_break(t.text)) or t.ent_type_ == "QUANTITY":
            break
        words.append(t.norm_)
    return words


def kind_of(q: Span, in_plan_section: bool = False) -> tuple[str, str | None]:
    """``(kind, direction)`` of the quantity ``q`` (direction only for changes)."""
    before, after = _clause_before(q), _after(q)
    after_text = " ".join(after[:4])
    if any(w in _PLAN for w in after[:3]) or "so với kế hoạch" in after_text or "so với kh" in after_text:
        if not (set(before[:3]) & (_UP | _DOWN)) or (set(before[:3]) & {"đạt", "vượt"}):
            return "plan_ratio", None
    if in_plan_section:
        return "target", None
    for w in before[:4]:
        if w in _LEVEL:
            break
        if w in _UP or w in _DOWN:
            return "change", "increase" if w in _UP else "decrease"
    if set(_clause_before(q, limit=12)) & _TARGET:
        return "target", None
    return "value", None
