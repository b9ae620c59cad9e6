"""Where and when a number holds: period and place inherited from sentence, section, document.

For each line of the layout (``doc.spans["lines"]``) :class:`DocumentContext`
knows the period and place in force: those of the document heading (the first
date and place of its first lines: a provincial report's place is its province,
its period the one in its title), overridden by section headings that name a
period, and whether the section sets out plans for the coming year. A quantity's
own sentence overrides both (the nearest ``DATE`` before it in its sentence, not
a ``so với ...`` base). Everything is read from the entities of each line, found
once (:func:`~vn_dolisa_nlp.layout.ents_by_line`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .layout import HEADING_LABELS, TABLE_LABELS, ents_in, lines_of
from .normalize import normalize_text
from .places import place_of

_PLAN_WORDS = ("phương hướng", "chỉ tiêu", "mục tiêu", "kế hoạch năm", "nhiệm vụ, giải pháp", "nhiệm vụ và giải pháp")
_RESULT_WORDS = ("kết quả", "tổng kết", "tình hình", "thực hiện", "sơ kết", "công tác")
_COMPARISON = {"so với", "cùng kỳ", "với"}
_REPORT_DATE = re.compile(r"^\d{4}-\d{2}")
HEAD_LINES = 8


@dataclass(frozen=True)
class LineContext:
    period: str | None
    place: str | None
    plan_section: bool


def _head(doc: Doc) -> list[Span]:
    """The report's heading lines: the first lines, when the report has more than one."""
    lines = lines_of(doc)
    if len(lines) < 2:
        return []
    head = (lines[i] for i in range(min(len(lines), HEAD_LINES)))  # not list(lines): this runs per LOC
    return [ln for ln in head if ln.end_char - ln.start_char < 300]


def report_place(doc: Doc) -> str | None:
    """The report's own place: the first province named in its heading lines (canonical)."""
    for line in _head(doc):
        for ent in ents_in(doc, line.start, line.end):
            if ent.label_ == "LOC":
                level, canonical = place_of(normalize_text(ent.text))
                if level == "province":
                    return canonical
    return None


def report_province(doc: Doc) -> str | None:
    """The short name of :func:`report_place` (``Điện Biên``): breaks ties between places."""
    place = report_place(doc)
    return place.split(" ", 1)[-1] if place else None


def report_period(doc: Doc) -> str | None:
    """The period named in the report's heading lines (not its own date, not a comparison base)."""
    for line in _head(doc):
        for ent in ents_in(doc, line.start, line.end):
            period = ent._.period if ent.label_ == "DATE" else None
            if period and not _REPORT_DATE.match(period) and not _is_comparison(ent):
                return period
    return None


class DocumentContext:
    """Period, place and plan-section flag for every line of ``doc``.

    Headings nest in three levels: a part (``Phần thứ hai`` or ``B.``, and the title
    line after it), a section (``II.``) and a subsection (``1.2.`` or a line in
    capitals); each inherits what the level above sets unless it names its own
    period, and a plan flag set above stays set below. ``line_ents`` are the
    entities of each line.
    """

    def __init__(self, doc: Doc, line_ents: list[list[Span]]) -> None:
        self.default_period, self.default_place = report_period(doc), report_place(doc)
        self.by_line: list[LineContext] = []
        part = LineContext(self.default_period, self.default_place, False)
        section: LineContext | None = None
        sub: LineContext | None = None
        awaiting_part_title = False
        table: LineContext | None = None
        for line, ents in zip(lines_of(doc), line_ents):
            kind = line.label_
            if kind in TABLE_LABELS:  # a table row: its header row names the columns' period and plan
                if kind == "table_header":
                    above = sub or section or part
                    period, plan = self._heading_info(line, ents)
                    table = LineContext(period or above.period, self.default_place, plan or above.plan_section)
                self.by_line.append(table or sub or section or part)
                continue
            table = None
            if kind in HEADING_LABELS:
                period, plan = self._heading_info(line, ents)
                if kind == "part":
                    part = LineContext(period or self.default_period, self.default_place, plan)
                    section = sub = None
                    awaiting_part_title = True
                elif kind == "section":
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

    def _heading_info(self, line: Span, ents: list[Span]) -> tuple[str | None, bool]:
        """The period a heading names, and whether it heads plans for a coming period."""
        low = normalize_text(line.text).lower()
        dates = [e for e in ents if e.label_ == "DATE" and e._.period]
        plan_at = min((low.find(w) for w in _PLAN_WORDS if w in low), default=-1)
        # "TỔNG KẾT CÔNG TÁC NĂM 2021 VÀ PHƯƠNG HƯỚNG NĂM 2022" (a report's title) reports, then plans:
        # its period is the one before the plan words, and it heads no plan section
        mixed = plan_at > 0 and any(w in low[:plan_at] for w in _RESULT_WORDS)
        if mixed:
            dates = [e for e in dates if e.start_char - line.start_char < plan_at] or dates
            return (dates[0]._.period if dates else None), False
        period = dates[-1]._.period if dates else None
        later = bool(period and self.default_period and period[:4] > self.default_period[:4])
        results = "kết quả" in low  # "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" reports, it does not plan
        return period, not results and (later or plan_at >= 0)


def sentence_period(q: Span, line_ents: list[Span]) -> str | None:
    """The period written in the quantity's own sentence: the nearest ``DATE`` before it
    that is not a comparison base. ``line_ents`` are the entities of the quantity's line."""
    sent = q.sent
    for ent in reversed(line_ents):
        if ent.end <= q.start and ent.start >= sent.start and ent.label_ == "DATE" and ent._.period \
                and not _is_comparison(ent):
            return ent._.period
    return None


def sentence_place(q: Span, line_ents: list[Span]) -> str | None:
    """The nearest place before the quantity in its clause (``Hàn Quốc 40 người``):
    no ``;`` and no organisation between them."""
    doc, sent_start = q.doc, q.sent.start
    stop = next((i for i in range(q.start - 1, sent_start - 1, -1) if doc[i].text == ";"), sent_start - 1)
    for ent in reversed(line_ents):
        if ent.end > q.start or ent.start <= stop:
            continue
        if ent.label_ == "ORG":
            return None
        if ent.label_ == "LOC":
            return ent._.canonical or ent.text
    return None


def _is_comparison(ent: Span) -> bool:
    doc = ent.doc
    before = " ".join(t.norm_ for t in doc[max(0, ent.start - 2):ent.start])
    return any(w in before for w in _COMPARISON) or ent[0].norm_.startswith("cùng")
