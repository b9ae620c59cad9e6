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

from .normalize import normalize_text
from .rules import is_table_header

_HEADING_START = re.compile(r"^\s*(?:phần\b|[IVX]+\.|[A-Z]\.|\d+(?:\.\d+)*\.?\s)", re.IGNORECASE)
_PART = re.compile(r"^\s*(?:phần\b|[A-D]\.\s)", re.IGNORECASE)
_SECTION = re.compile(r"^\s*[IVX]+\.\s")
_PLAN_WORDS = ("phương hướng", "chỉ tiêu", "mục tiêu", "kế hoạch năm", "nhiệm vụ, giải pháp", "nhiệm vụ và giải pháp")
_COMPARISON = {"so với", "cùng kỳ", "với"}
HEAD_LINES = 8


@dataclass
class LineContext:
    period: str | None
    place: str | None
    plan_section: bool


def _is_heading(text: str) -> bool:
    text = normalize_text(text).strip()
    if not text or len(text) > 160 or text.endswith((".", ";", ",")):
        return False
    letters = [c for c in text if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return upper or bool(_HEADING_START.match(text))


class DocumentContext:
    """Period, place and plan-section flag for every line of ``doc``.

    Headings nest in three levels: a part (``Phần thứ hai`` or ``B.``, and the title
    line after it), a section (``II.``) and a subsection (``1.2.`` or a line in
    capitals); each inherits what the level above sets unless it names its own
    period, and a plan flag set above stays set below.
    """

    def __init__(self, doc: Doc, lines: list[tuple[int, int]]) -> None:
        self.doc = doc
        heading = [(s, e) for s, e in lines[:HEAD_LINES] if len(doc[s:e].text) < 300] if len(lines) > 1 else []
        self.default_period, self.default_place = self._heading_defaults(heading)
        self.by_line: list[LineContext] = []
        part = LineContext(self.default_period, self.default_place, False)
        section: LineContext | None = None
        sub: LineContext | None = None
        awaiting_part_title = False
        table: LineContext | None = None
        for k, (start, end) in enumerate(lines):
            span = doc[start:end]
            text = normalize_text(span.text)
            if text.startswith("|"):  # a table row: its header row names the columns' period and plan
                if is_table_header(doc, lines, k):
                    above = sub or section or part
                    period, plan = self._heading_info(span)
                    table = LineContext(period or above.period, self.default_place, plan or above.plan_section)
                self.by_line.append(table or sub or section or part)
                continue
            table = None
            if _is_heading(text):
                period, plan = self._heading_info(span)
                if _PART.match(text):
                    part = LineContext(period or self.default_period, self.default_place, plan)
                    section = sub = None
                    awaiting_part_title = True
                elif _SECTION.match(text):
                    section = LineContext(period or part.period, self.default_place, plan or part.plan_section)
                    sub = None
                    awaiting_part_title = False
                elif awaiting_part_title:
                    part = LineContext(period or part.period, self.default_place, plan or part.plan_section)
                    awaiting_part_title = False
                else:
                    above = section or part
                    sub = LineContext(period or above.period, self.default_place, plan or above.plan_section)
            else:
                awaiting_part_title = False
            self.by_line.append(sub or section or part)

    def _heading_info(self, span: Span) -> tuple[str | None, bool]:
        """The period a heading names, and whether it heads plans for a coming period."""
        low = normalize_text(span.text).lower()
        dates = [e for e in span.ents if e.label_ == "DATE" and e._.period]
        period = dates[-1]._.period if dates else None
        later = bool(period and self.default_period and period[:4] > self.default_period[:4])
        results = "kết quả" in low  # "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" reports, it does not plan
        return period, not results and (later or any(w in low for w in _PLAN_WORDS))

    def _heading_defaults(self, lines: list[tuple[int, int]]) -> tuple[str | None, str | None]:
        period = place = None
        for start, end in lines:
            for ent in self.doc[start:end].ents:
                dated = ent._.period is not None and re.match(r"^\d{4}-\d{2}", ent._.period)  # the report's own date
                if ent.label_ == "DATE" and period is None and ent._.period and not dated \
                        and not _is_comparison(ent):
                    period = ent._.period
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
    return any(w in before for w in _COMPARISON) or ent[0].norm_.startswith("cùng")
