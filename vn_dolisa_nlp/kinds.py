"""What a number is: a value, a ratio to plan, a change, or a target (SPEC section 5).

ConText-style rules: each :class:`Cue` is data, a set of cue words, the side of the
number they stand on, how many words their scope reaches, and the words that end
the scope before it gets there. The first cue (in :data:`CUES` order) that reaches
the number decides its kind:

- ``đạt 124,27% KH``, ``đạt 110,08% kế hoạch``, ``vượt 55,5% so với kế hoạch`` -> ``plan_ratio``
  (unless a change verb stands right before the number: ``tăng 5% so với kế hoạch``);
- a section of plans for the coming year -> ``target``;
- ``tăng 6,3% so với cùng kỳ``, ``giảm 5.784 hộ`` -> ``change`` (``increase`` /
  ``decrease``); ``giảm còn 5,18%`` / ``giảm xuống còn`` is the level reached -> ``value``;
- ``chỉ tiêu``, ``phấn đấu``, ``dự kiến`` before it in its clause -> ``target``;
- else ``value``.

The words before a number are read within its clause, nearest first; a number in
brackets reads through the bracket and the number it comments (``tăng 4.528 (12,02%)``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from .vocabulary import has_line_break

_UP = frozenset({"tăng", "tăng thêm", "tăng lên", "nâng"})
_DOWN = frozenset({"giảm", "giảm thêm", "giảm được"})
_STOP = {";", "(", ")", ":"}


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

    def reaches(self, before: list[str], after: list[str]) -> bool:
        window = after[:self.scope] if self.side == "after" else before[:self.scope]
        hit = False
        for word in window:
            if word in self.ends:
                break
            if word in self.words:
                hit = True
                break
        if not hit and self.phrases:  # a phrase may end one word past the scope
            text = " ".join((after if self.side == "after" else before)[:self.scope + 1])
            hit = any(p in text for p in self.phrases)
        if hit and self.unless_before:
            near = set(before[:3])
            return not (near & self.unless_before) or bool(near & self.unless_also)
        return hit


PLAN_SECTION = "plan_section"  # stands for the heading context: numbers under a plan heading are targets
CUES: tuple[Cue | str, ...] = (
    Cue("plan_ratio", frozenset({"kh", "kế hoạch", "kế hoạch năm", "chỉ tiêu kế hoạch"}), "after", 3,
        phrases=("so với kế hoạch", "so với kh"), unless_before=_UP | _DOWN, unless_also=frozenset({"đạt", "vượt"})),
    PLAN_SECTION,
    Cue("change", _UP, "before", 4, ends=frozenset({"còn", "xuống còn", "đến", "xuống"}) | _DOWN,
        direction="increase"),
    Cue("change", _DOWN, "before", 4, ends=frozenset({"còn", "xuống còn", "đến", "xuống"}) | _UP,
        direction="decrease"),
    Cue("target", frozenset({"chỉ tiêu", "phấn đấu", "phân đấu", "phần đấu", "dự kiến", "phấn đấu đạt"}), "before", 12),
)


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
    before, after = _clause_before(q, 12), _after(q)
    for cue in CUES:
        if cue == PLAN_SECTION:
            if in_plan_section:
                return "target", None
        elif cue.reaches(before, after):
            return cue.kind, cue.direction
    return "value", None
