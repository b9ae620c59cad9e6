"""Where and when a number holds: period and place inherited from sentence, section, document.

For each line of the layout (``doc.spans["lines"]``) :class:`DocumentContext`
knows the period and place in force: those of the document heading (the first
date and place of its first lines: a provincial report's place is its province,
a commune report's its commune, its period the one in its title), overridden by
section headings that name a period, and whether the section sets out plans for
the coming year. A quantity's own sentence overrides both (the nearest ``DATE``
before it in its sentence, not a ``so với ...`` base). Everything is read from
the entities of each line, found once (:func:`~vn_dolisa_nlp.layout.ents_by_line`).

The heading also says which map of places the report was written on
(:func:`report_where`): a report dated after 1 July 2025 (or whose period ends
after it) names the 34 provinces and their communes, one before names the 63
provinces, their districts and communes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .layout import HEADING_LABELS, TABLE_LABELS, ents_in, lines_of
from .normalize import normalize_text
from .places import Place, lookup, short_name
from .vocabulary import ADMIN_PREFIXES

_PLAN_WORDS = ("phương hướng", "chỉ tiêu", "mục tiêu", "kế hoạch năm", "nhiệm vụ, giải pháp", "nhiệm vụ và giải pháp")
_RESULT_WORDS = ("kết quả", "tổng kết", "tình hình", "thực hiện", "sơ kết", "công tác")
_COMPARISON = {"so với", "cùng kỳ", "với"}
_REPORT_DATE = re.compile(r"^\d{4}-\d{2}")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COUNCILS = ("ubnd", "ủy ban nhân dân")  # the body that issues a commune's report
# the bodies whose name may end with their province without its prefix (``Sở Nội vụ Hà Nội``)
_LOCAL_BODIES = (*_COUNCILS, "sở", "trung tâm", "hđnd", "hội đồng nhân dân")
REFORM = "2025-07"  # the first month of the 2025 map of places
HEAD_LINES = 8


@dataclass(frozen=True)
class LineContext:
    period: str | None
    place: str | None
    plan_section: bool
    province: str | None = None  # the report's province (short name): breaks ties between places
    era: str | None = None  # the report's map of places (``legacy`` or ``2025``, :func:`report_where`)


@dataclass(frozen=True)
class ReportWhere:
    """The report's own place (canonical: its province, or a commune's report's commune),
    the short name of its province, and the map it was written on (``legacy``, ``2025`` or None)."""

    place: str | None
    province: str | None
    era: str | None


def _head(doc: Doc) -> list[Span]:
    """The report's heading lines: the first lines, when the report has more than one."""
    lines = lines_of(doc)
    if len(lines) < 2:
        return []
    head = (lines[i] for i in range(min(len(lines), HEAD_LINES)))  # not list(lines): this runs per LOC
    return [ln for ln in head if ln.end_char - ln.start_char < 300]


def report_where(doc: Doc) -> ReportWhere:
    """The report's place, province and map, read from its heading lines.

    The map is ``2025`` when the report's own date (the first full date of its heading) or
    the end of its period is July 2025 or later, ``legacy`` when what is known is earlier.
    The place is the first province named (a ``LOC``, or the place an ``ORG`` ends with:
    ``Sở Nội vụ tỉnh Lâm Đồng``), taken as the province of the 34 that holds it when the
    report is of the 2025 map (``tỉnh Hà Nam`` heading a 2026 report is ``Tỉnh Ninh Bình``).
    A report of the 2025 map issued by a commune (``UBND phường Tam Kỳ`` in its heading, or
    a ``/BC-UBND`` number and a commune as the first place named) has that commune as its
    place, and the province that holds it as its province.
    """
    head = _head_ents(doc)
    era = _report_era(head)
    named: list[tuple[Place, str, bool]] = []  # (place, its text, named as the issuing council)
    code = None
    for ent in head:
        if ent.label_ == "LOC":
            text = normalize_text(ent.text).strip()
            named.append((lookup(text, None, era), text, False))
        elif ent.label_ == "ORG" and (inside := _place_in_org(ent, era)) is not None:
            named.append((*inside, normalize_text(ent.text).lower().startswith(_COUNCILS)))
        elif ent.label_ == "POLICY_DOC" and code is None:
            code = ent._.issuer_code
    province = next((p for p, _, _ in named if p.level == "province"), None)
    if province is not None and era == "2025" and province.province_2025:
        province = lookup(province.province_2025, None, era)
    province_name = short_name(province.canonical) if province is not None else None
    commune = None
    if era == "2025":
        commune = next((p for p in named if p[2] and p[0].level == "commune"), None)
        first = next((p for p in named if p[0].level in ("province", "commune")), None)
        if commune is None and code == "BC-UBND" and first is not None and first[0].level == "commune":
            commune = first
    if commune is None:
        return ReportWhere(province.canonical if province is not None else None, province_name, era)
    unit = _commune(commune[1], province_name)
    return ReportWhere(unit.canonical, province_name or short_name(unit.province_2025), era)


def _commune(text: str, province: str | None) -> Place:
    """The 2025 commune a heading names: in ``province`` when that is known; else, for a name
    that several provinces have, in the province of the former unit of that name (``Hòa Bình``,
    once a province, is the ward of Phú Thọ)."""
    if province is None:
        province = short_name(lookup(short_name(text) or text).province_2025)
    return lookup(text, province, "2025")


def _place_in_org(org: Span, era: str | None) -> tuple[Place, str] | None:
    """The place an organisation's name ends with, and its text: ``tỉnh Lâm Đồng`` in
    ``Sở Nội vụ tỉnh Lâm Đồng``, ``PHƯỜNG NAM ĐÔNG HÀ`` in ``ỦY BAN NHÂN DÂN PHƯỜNG NAM ĐÔNG HÀ``,
    the province ``Hà Nội`` in ``Sở Nội vụ Hà Nội``."""
    doc, end = org.doc, org.end
    while end > org.start and doc[end - 1].is_space:
        end -= 1
    for i in range(org.start + 1, end - 1):
        if doc[i].norm_ in ADMIN_PREFIXES and doc[i + 1].text[:1].isupper():
            text = normalize_text(doc[i:end].text)
            found = lookup(text, None, era)
            if found.canonical:
                return found, text
    if not normalize_text(org.text).lower().startswith(_LOCAL_BODIES):
        return None
    for i in range(max(org.start + 1, end - 3), end):  # a province written without its prefix
        text = normalize_text(doc[i:end].text)
        if all(w[:1].isupper() for w in text.split()):
            found = lookup(text, None, era)
            if found.level == "province":
                return found, text
    return None


def _report_era(head: list[Span]) -> str | None:
    """``2025`` for a report of the 2025 map, ``legacy`` for one before it, None when unknown:
    by the report's own date (the first full date of its heading), else by the end of its period.
    ``head`` are the entities of the heading lines."""
    dated = next((e._.period for e in head if e.label_ == "DATE" and e._.period and _FULL_DATE.match(e._.period)),
                 None)
    if dated is None:
        period = _heading_period(head)
        dated = _period_end(period) if period else None
    if dated is None:
        return None
    return "2025" if dated[:7] >= REFORM else "legacy"


def _period_end(period: str) -> str:
    """``YYYY-MM`` of a period's last month: ``2025`` -> ``2025-12``, ``2025-Q3`` -> ``2025-09``,
    ``2025-H1`` -> ``2025-06``, ``2025-01/2025-09`` -> ``2025-09``, ``2021/2025`` -> ``2025-12``."""
    last = period.split("/")[-1]
    year, rest = last[:4], last[5:]
    if not rest:
        return f"{year}-12"
    if rest[0] in "QH" and rest[1:].isdigit():
        return f"{year}-{(3 if rest[0] == 'Q' else 6) * int(rest[1:]):02d}"
    return f"{year}-{rest[:2]}"


def report_place(doc: Doc) -> str | None:
    """The report's own place (canonical): its province, or a commune's report's commune."""
    return report_where(doc).place


def report_province(doc: Doc) -> str | None:
    """The short name of the report's province (``Điện Biên``): breaks ties between places."""
    return report_where(doc).province


def report_period(doc: Doc) -> str | None:
    """The period named in the report's heading lines (not its own date, not a comparison base)."""
    return _heading_period(_head_ents(doc))


def _heading_period(head: list[Span]) -> str | None:
    for ent in head:
        period = ent._.period if ent.label_ == "DATE" else None
        if period and not _REPORT_DATE.match(period) and not _is_comparison(ent):
            return period
    return None


def _head_ents(doc: Doc) -> list[Span]:
    """The entities of the report's heading lines, in order."""
    return [ent for line in _head(doc) for ent in ents_in(doc, line.start, line.end)]


class DocumentContext:
    """Period, place and plan-section flag for every line of ``doc``.

    Headings nest in three levels: a part (``Phần thứ hai`` or ``B.``, and the title
    line after it), a section (``II.``) and a subsection (``1.2.`` or a line in
    capitals); each inherits what the level above sets unless it names its own
    period, and a plan flag set above stays set below. ``line_ents`` are the
    entities of each line.
    """

    def __init__(self, doc: Doc, line_ents: list[list[Span]]) -> None:
        self.where = report_where(doc)
        self.default_period, self.default_place = report_period(doc), self.where.place
        self.by_line: list[LineContext] = []
        part = self._context(self.default_period, False)
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
                    table = self._context(period or above.period, plan or above.plan_section)
                self.by_line.append(table or sub or section or part)
                continue
            table = None
            if kind in HEADING_LABELS:
                period, plan = self._heading_info(line, ents)
                if kind == "part":
                    part = self._context(period or self.default_period, plan)
                    section = sub = None
                    awaiting_part_title = True
                elif kind == "section":
                    section = self._context(period or part.period, plan or part.plan_section)
                    sub = None
                    awaiting_part_title = False
                elif awaiting_part_title:
                    part = self._context(period or part.period, plan or part.plan_section)
                    awaiting_part_title = False
                else:
                    above = section or part
                    sub = self._context(period or above.period, plan or above.plan_section)
            else:
                awaiting_part_title = False
            self.by_line.append(sub or section or part)

    def _context(self, period: str | None, plan_section: bool) -> LineContext:
        """A line's context: ``period`` and plan flag, the report's place, province and map."""
        return LineContext(period, self.default_place, plan_section, self.where.province, self.where.era)

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
