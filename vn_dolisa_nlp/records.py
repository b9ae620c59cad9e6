"""Records: every ``QUANTITY`` linked to its indicator, unit, kind, period and place.

The pipeline component ``vn_dolisa_records`` fills ``doc._.records`` with one
dict per quantity, keys as SPEC section 5 names them (:data:`RECORD_KEYS`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from .context import DocumentContext, sentence_period, sentence_place
from .kinds import kind_of
from .linking import LinkScorer, pair_features, paragraph_bounds
from .proposals import propose_indicator
from .taxonomy import Taxonomy, default_taxonomy

RECORD_KEYS = (
    "indicator", "indicator_text", "indicator_start", "indicator_end", "quantity_text", "quantity_start",
    "quantity_end", "value", "unit", "unit_text", "kind", "direction", "period", "place", "sentence",
)
MODEL_FILE = "link_model.json"


def unit_after(q: Span, units: Iterable[Span]) -> Span | None:
    """The ``UNIT`` of ``q``: the entity right after it (adjacent, or after one space
    token), or for a value in a table cell the row's one unit cell. ``units`` are
    the UNIT entities of ``q``'s line."""
    units = list(units)
    for u in units:
        if u.start == q.end or (u.start == q.end + 1 and q.doc[q.end].is_space):
            return u
    in_cell = q.start > 0 and q.doc[q.start - 1].text == "|"
    cells = [u for u in units if u.start > 0 and q.doc[u.start - 1].text == "|"]
    return cells[0] if in_cell and len(cells) == 1 else None


class RecordExtractor:
    """Pipeline component: link quantities to indicators and write ``doc._.records``."""

    def __init__(self, name: str = "vn_dolisa_records", threshold: float = 0.5,
                 taxonomy: Taxonomy | None = None, propose: bool = True) -> None:
        self.name = name
        self.threshold = threshold
        self.propose = propose
        self.taxonomy = taxonomy or default_taxonomy()
        self.scorer: LinkScorer | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.scorer is None:
            raise ValueError(f"'{self.name}' has no link model: train one (training/train.py) "
                             "or load a trained pipeline")
        lines = paragraph_bounds(doc)
        ctx = DocumentContext(doc, lines)
        if ctx.default_place:
            doc._.province = ctx.default_place.split(" ", 1)[-1]
        records: list[dict[str, Any]] = []
        ents = list(doc.ents)
        taken = {i for e in ents for i in range(e.start, e.end)}
        proposed: list[Span] = []
        for (start, end), line_ctx in zip(lines, ctx.by_line):
            in_line = [e for e in ents if start <= e.start and e.end <= end]
            quantities = [e for e in in_line if e.label_ == "QUANTITY"]
            if not quantities:
                continue
            indicators = [e for e in in_line if e.label_ == "INDICATOR"]
            units = [e for e in in_line if e.label_ == "UNIT"]
            for q in quantities:
                record, proposal = self._record(q, indicators, quantities, units, line_ctx, start, taken)
                records.append(record)
                if proposal is not None:  # a candidate for the quantities after it, too
                    proposed.append(proposal)
                    indicators = sorted([*indicators, proposal])
                    taken.update(range(proposal.start, proposal.end))
        if proposed:
            doc.ents = sorted(ents + proposed)
        doc._.records = records
        return doc

    def link(self, q: Span, indicators: list[Span], quantities: list[Span], unit: str | None,
             para_start: int) -> Span | None:
        """The indicator ``q`` measures, or None when no candidate scores above the threshold."""
        best, best_p = None, self.threshold
        for ind in indicators:
            ind_id = self.taxonomy.identify(ind.text)
            p = self.scorer.probability(
                pair_features(q, ind, indicators, quantities, unit, ind_id, self.taxonomy, para_start))
            if p >= best_p:
                best, best_p = ind, p
        return best

    def _record(self, q: Span, indicators: list[Span], quantities: list[Span], units: list[Span],
                line_ctx, para_start: int, taken: set[int]) -> tuple[dict[str, Any], Span | None]:
        """The record of ``q``, and the indicator proposed for it when none was linked."""
        unit = unit_after(q, units)
        canonical, multiplier = (unit._.unit, unit._.multiplier) if unit is not None else (None, 1.0)
        ind = self.link(q, indicators, quantities, canonical, para_start)
        proposal = propose_indicator(q, taken) if ind is None and self.propose else None
        ind = ind if proposal is None else proposal
        kind, direction = kind_of(q, line_ctx.plan_section)
        value = q._.value
        if value is not None and multiplier != 1.0:
            value = value * multiplier
        record = {
            "indicator": self.taxonomy.identify(ind.text, canonical) if ind is not None else None,
            "indicator_text": ind.text if ind is not None else None,
            "indicator_start": ind.start_char if ind is not None else None,
            "indicator_end": ind.end_char if ind is not None else None,
            "quantity_text": q.text,
            "quantity_start": q.start_char,
            "quantity_end": q.end_char,
            "value": value,
            "unit": canonical,
            "unit_text": unit.text if unit is not None else None,
            "kind": kind,
            "direction": direction,
            "period": sentence_period(q) or line_ctx.period,
            "place": sentence_place(q) or line_ctx.place,
            "sentence": q.sent.text.strip(),
        }
        return record, proposal

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.scorer is not None:
            self.scorer.to_disk(path / MODEL_FILE)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "RecordExtractor":
        model = ensure_path(path) / MODEL_FILE
        if model.exists():
            self.scorer = LinkScorer.from_disk(model)
            self.threshold = self.scorer.threshold
        return self


@Language.factory("vn_dolisa_records", default_config={"threshold": 0.5, "propose_indicators": True})
def make_records(nlp: Language, name: str, threshold: float, propose_indicators: bool) -> RecordExtractor:
    """``vn_dolisa_records``: fills ``doc._.records`` (see module docstring); with
    ``propose_indicators`` a quantity left unlinked gets an ``INDICATOR`` read from its
    clause (:mod:`vn_dolisa_nlp.proposals`), added to ``doc.ents``."""
    return RecordExtractor(name, threshold, propose=propose_indicators)
