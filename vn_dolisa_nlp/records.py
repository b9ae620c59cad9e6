"""Records: every ``QUANTITY`` with its indicator, unit, kind, period and place, as rows.

The pipeline component ``vn_dolisa_records`` reads the entities, the layout
(``doc.spans["lines"]``) and the linker's decisions (``span._.link``) and fills
``doc._.records`` with one dict per quantity, keys as SPEC section 5 names them
(:data:`RECORD_KEYS`). It changes nothing else on the ``Doc``.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

import numpy as np

from spacy.language import Language
from spacy.tokens import Doc, Span

from .context import DocumentContext, LineContext, _is_comparison
from .breakdowns import BREAKDOWNS
from .kinds import Column, column_kinds, column_of, kind_of, target_scopes
from .layout import TABLE_LABELS, ents_by_line, lines_of
from .linking import UnitIndex
from .normalize import normalize_text
from .places import province_2025_of
from .vocabulary import QUALIFIERS

RECORD_KEYS = (
    "id", "indicator", "indicator_text", "indicator_start", "indicator_end", "quantity_text", "quantity_start",
    "quantity_end", "value", "unit", "unit_text", "kind", "direction", "period", "place", "sentence",
    "parent", "breakdown", "qualifier", "confidence", "province_2025", "paragraph", "page",
)
_MAX_QUALIFIER = max(len(k.split()) for k in QUALIFIERS)


def qualifier_of(q: Span) -> str | None:
    """``about`` / ``over`` / ``under`` / ``up_to`` from the words right before ``q`` (SPEC section 5)."""
    doc = q.doc
    words: list[str] = []
    i = q.start - 1
    while i >= 0 and len(words) < _MAX_QUALIFIER and not doc[i].is_punct and not doc[i].is_space:
        words.insert(0, doc[i].norm_)
        i -= 1
    for n in range(len(words), 0, -1):
        found = QUALIFIERS.get(" ".join(words[-n:]))
        if found:
            return found
    return None


class RecordExtractor:
    """Pipeline component: write ``doc._.records``."""

    def __call__(self, doc: Doc) -> Doc:
        all_ents = doc.ents  # made once: each read of doc.ents makes every entity's Span
        if not any(e.label_ == "QUANTITY" for e in all_ents):
            doc._.records = []
            return doc
        line_ents = ents_by_line(doc, all_ents)
        ctx = DocumentContext(doc, line_ents)
        # sentence bounds from the token flags: list(doc.sents) would make every token
        sent_starts = [0, *(i for i in np.flatnonzero(doc.to_array("SENT_START") == 1).tolist() if i > 0)]
        sent_ends = [*sent_starts[1:], len(doc)]
        orths = doc.to_array("ORTH")
        semicolons = np.concatenate([[0], np.cumsum(orths == doc.vocab.strings.add(";"))]).tolist()
        pipes = np.concatenate([[0], np.cumsum(orths == doc.vocab.strings.add("|"))]).tolist()
        items = {int(s.id_): s for s in doc.spans.get(BREAKDOWNS, [])}
        text = doc.text
        records: list[dict[str, Any]] = []
        rid_at: dict[int, int] = {}  # quantity start token -> record id
        columns: list[Column] = []
        for k, (line, line_ctx, ents) in enumerate(zip(lines_of(doc), ctx.by_line, line_ents)):
            if line.label_ == "table_header":
                columns = column_kinds(line)
            elif line.label_ not in TABLE_LABELS:
                columns = []
            if not any(e.label_ == "QUANTITY" for e in ents):
                continue
            units = UnitIndex([e for e in ents if e.label_ == "UNIT"])
            scopes = target_scopes(line) if not line_ctx.plan_section and line.label_ not in TABLE_LABELS else []
            last_date: Span | None = None
            last_place: Span | None = None  # the last LOC or ORG before the quantity
            for ent in ents:
                if ent.label_ == "DATE" and ent._.period and not _is_comparison(ent):
                    last_date = ent
                elif ent.label_ in ("LOC", "ORG"):
                    last_place = ent
                elif ent.label_ == "QUANTITY":
                    k_sent = bisect_right(sent_starts, ent.start) - 1
                    sent = Span(doc, sent_starts[k_sent], sent_ends[k_sent])
                    period = last_date._.period if last_date is not None and last_date.start >= sent.start else None
                    place = None
                    if last_place is not None and last_place.label_ == "LOC" and last_place.start >= sent.start \
                            and semicolons[ent.start] == semicolons[last_place.start]:
                        place = last_place._.canonical or normalize_text(last_place.text)
                    cell = column_of(ent, line.start, pipes) if columns else -1
                    column = columns[cell] if 0 <= cell < len(columns) else Column(None, False)
                    planned = line_ctx.plan_section or any(a < ent.start < b for a, b in scopes)
                    kind, direction = kind_of(ent, planned, column.kind)
                    unit = None if column.percent else units.of(ent)
                    record = self._record(ent, unit, line_ctx, sent, period, place, k, len(records), kind, direction,
                                          text)
                    self._breakdown(record, ent, items.get(ent.start), rid_at, records)
                    rid_at[ent.start] = record["id"]
                    records.append(record)
        doc._.records = records
        return doc

    @staticmethod
    def _breakdown(record: dict[str, Any], q: Span, item: Span | None, rid_at: dict[int, int],
                   records: list[dict[str, Any]]) -> None:
        """``parent`` and ``breakdown`` of a breakdown item; a category item takes the kind of its total."""
        if item is None or not item.kb_id_ or int(item.kb_id_) not in rid_at:
            return
        parent = records[rid_at[int(item.kb_id_)]]
        if item.label_.startswith("bracket_") and record["kind"] != "value":
            return  # a bracketed comment on the number before it (``(tăng 6,3% so với cùng kỳ)``)
        record["parent"] = parent["id"]
        if item.label_.endswith("category"):
            if item.start != q.start and record["indicator_start"] is not None \
                    and record["indicator_start"] == parent["indicator_start"]:
                record["breakdown"] = item.text
            if record["kind"] == "value" and parent["kind"] in ("change", "target") and not item.label_.startswith("bracket_"):
                record["kind"], record["direction"] = parent["kind"], parent["direction"]

    @staticmethod
    def _record(q: Span, unit: Span | None, line_ctx: LineContext, sent: Span, period: str | None,
                place: str | None, paragraph: int, rid: int, kind: str, direction: str | None,
                text: str) -> dict[str, Any]:
        """One record; ``text`` is ``doc.text``, read once (``Span.text`` joins the tokens again)."""
        doc = q.doc
        canonical, multiplier = (unit._.unit, unit._.multiplier) if unit is not None else (None, 1.0)
        link = q._.link
        ind = Span(doc, link[0], link[1]) if link is not None else None
        value = q._.value
        if value is not None and multiplier != 1.0:
            value = value * multiplier
        return {
            "id": rid,
            "indicator": link[2] if link is not None else None,
            "indicator_text": text[ind.start_char:ind.end_char] if ind is not None else None,
            "indicator_start": ind.start_char if ind is not None else None,
            "indicator_end": ind.end_char if ind is not None else None,
            "quantity_text": text[q.start_char:q.end_char],
            "quantity_start": q.start_char,
            "quantity_end": q.end_char,
            "value": value,
            "unit": canonical,
            "unit_text": text[unit.start_char:unit.end_char] if unit is not None else None,
            "kind": kind,
            "direction": direction,
            "period": period or line_ctx.period,
            "place": place or line_ctx.place,
            "sentence": text[sent.start_char:sent.end_char].strip(),
            "parent": None,
            "breakdown": None,
            "qualifier": qualifier_of(q),
            "confidence": link[3] if link is not None else None,
            "province_2025": province_2025_of(place or line_ctx.place, line_ctx.province, line_ctx.era),
            "paragraph": paragraph,
            "page": None,
        }


@Language.factory("vn_dolisa_records", assigns=["doc._.records"],
                  requires=["doc.ents", "doc.spans", "span._.link"])
def make_records(nlp: Language, name: str) -> RecordExtractor:
    """``vn_dolisa_records``: fills ``doc._.records`` (see module docstring)."""
    return RecordExtractor()
