"""Where and when a number holds: period and place inherited from sentence, section, document.

For each line of a document the :class:`DocumentContext` knows the period and
place in force: those of the document heading (the first date and place of its
first lines: a provincial report's place is its province, its period the one in
its title), overridden by section headings that name a period, and whether the
section sets out plans for the coming year. A quantity's own sentence overrides
both (the nearest ``DATE`` before it in its clause, not a ``so với ...`` base).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

_HEADING_START = re.compile(r"^\s*(?:phần\b|[IVX]+\.|[A-Z]\.|\d+(?:\.\d+)*\.?\s)", re.IGNORECASE)
_TOP_HEADING = re.compile(r"^\s*(?:phần\b|[IVX]+\.|[A-D]\.)", re.IGNORECASE)
_PLAN_WORDS = ("phương hướng", "chỉ tiêu chủ yếu", "kế hoạch năm", "nhiệm vụ, giải pháp", "nhiệm vụ và giải pháp")
_COMPARISON = {"so với", "cùng kỳ", "với"}
HEAD_LINES = 8


@dataclass
class LineContext:
    period: str | None
    place: str | None
    plan_section: bool


def _is_heading(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 160 or text.endswith((".", ";", ",")):
        return False
    letters = [c for c in text if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return upper or bool(_HEADING_START.match(text))


class DocumentContext:
    """Period, place and plan-section flag for every line of ``doc``."""

    def __init__(self, doc: Doc, lines: list[tuple[int, int]]) -> None:
        self.doc = doc
        heading = [(s, e) for s, e in lines[:HEAD_LINES] if len(doc[s:e].text) < 300] if len(lines) > 1 else []
        self.default_period, self.default_place = self._heading_defaults(heading)
        self.by_line: list[LineContext] = []
        top = LineContext(self.default_period, self.default_place, False)
        current = top
        for start, end in lines:
            span = doc[start:end]
            if _is_heading(span.text):
                low = span.text.lower()
                dates = [e for e in span.ents if e.label_ == "DATE" and e._.period]
                period = dates[0]._.period if dates else None
                plan = any(w in low for w in _PLAN_WORDS) or bool(
                    period and self.default_period and period[:4] > self.default_period[:4])
                if _TOP_HEADING.match(span.text):
                    top = LineContext(period or self.default_period, self.default_place, plan)
                    current = top
                else:
                    current = LineContext(period or top.period, self.default_place, plan or top.plan_section)
            self.by_line.append(current)

    def _heading_defaults(self, lines: list[tuple[int, int]]) -> tuple[str | None, str | None]:
        period = place = None
        for start, end in lines:
            for ent in self.doc[start:end].ents:
                if ent.label_ == "DATE" and period is None and ent._.period and not _is_comparison(ent):
                    period = ent._.period[:4] if "ngày" in ent.text.lower() else ent._.period
                if ent.label_ == "LOC" and place is None and ent._.admin_level == "province":
                    place = ent._.canonical
        return period, place


def sentence_period(q: Span) -> str | None:
    """The period written in the quantity's own sentence: the nearest ``DATE``
    before it that is not a comparison base, else the first after it in the clause."""
    dates = [e for e in q.sent.ents if e.label_ == "DATE" and e._.period]
    usable = [e for e in dates if not _is_comparison(e)]
    before = [e for e in usable if e.end <= q.start]
    if before:
        return before[-1]._.period
    return None


def sentence_place(q: Span) -> str | None:
    """The nearest place before the quantity in its clause (``Hàn Quốc 40 người``)."""
    doc = q.doc
    i = q.start - 1
    while i >= q.sent.start and doc[i].text not in (";",):
        if doc[i].ent_type_ == "LOC":
            ent = next(e for e in doc.ents if e.start <= i < e.end)
            return ent._.canonical or ent.text
        if doc[i].ent_type_ == "ORG":
            return None
        i -= 1
    return None


def _is_comparison(ent: Span) -> bool:
    doc = ent.doc
    before = " ".join(t.norm_ for t in doc[max(0, ent.start - 2):ent.start])
    return any(w in before for w in _COMPARISON) or ent.text.lower().startswith("cùng kỳ")
