"""Which ``INDICATOR`` a ``QUANTITY`` measures: candidate pairs, features, a learned scorer.

Candidates are the ``INDICATOR`` entities of the quantity's paragraph (a line of
the text). Each pair gets features from the tokens, entities and sentence
structure between them (distance, order, the colon and ``là`` patterns, ``cho``,
``trong đó``, ``;``-lists, parentheses, unit fit); a logistic regression trained
on the gold links of the train reports scores them. The model is stored as
plain JSON (feature names, coefficients, intercept), read with srsly: loading it
runs no code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import srsly
from spacy.tokens import Doc, Span

from .taxonomy import Taxonomy
from .vocabulary import has_line_break

FEATURES = (
    "bias", "before", "after", "log_dist", "same_sentence", "nearest_before", "nearest_after",
    "quantities_between", "indicators_between", "semicolon_between", "colon_between", "la_between",
    "cho_before_q", "trong_do_between", "paren_open_q", "paren_between", "period_between",
    "unit_fits", "has_core_id", "first_in_paragraph", "adjacent", "comma_between",
)


def paragraph_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the lines of ``doc`` (a paragraph is one line)."""
    bounds, start = [], 0
    for tok in doc:
        if tok.is_space and has_line_break(tok.text):
            if tok.i > start:
                bounds.append((start, tok.i))
            start = tok.i + 1
    if start < len(doc):
        bounds.append((start, len(doc)))
    return bounds


def _between(doc: Doc, a: int, b: int) -> list[str]:
    return [t.norm_ for t in doc[min(a, b):max(a, b)]]


def pair_features(q: Span, ind: Span, indicators: Sequence[Span], quantities: Sequence[Span],
                  q_unit: str | None, ind_id: str | None, taxonomy: Taxonomy, para_start: int) -> dict[str, float]:
    """Features of the pair (quantity ``q``, indicator ``ind``) within one paragraph."""
    doc = q.doc
    before = ind.end <= q.start
    a, b = (ind.end, q.start) if before else (q.end, ind.start)
    words = _between(doc, a, b)
    dist = max(0, b - a)
    befores = [i for i in indicators if i.end <= q.start]
    afters = [i for i in indicators if i.start >= q.end]
    clause_start = q.start
    while clause_start > para_start and doc[clause_start - 1].text not in (";", "(", ")"):
        clause_start -= 1
    opening = doc[clause_start - 1].text == "(" if clause_start > para_start else False
    fits = bool(ind_id and q_unit and q_unit in taxonomy.indicators[ind_id].units)
    return {
        "bias": 1.0,
        "before": float(before),
        "after": float(not before),
        "log_dist": math.log1p(dist),
        "same_sentence": float(q.sent.start == ind.sent.start),
        "nearest_before": float(bool(befores) and befores[-1] == ind),
        "nearest_after": float(bool(afters) and afters[0] == ind),
        "quantities_between": float(sum(1 for x in quantities if a <= x.start < b)),
        "indicators_between": float(sum(1 for x in indicators if a <= x.start < b)),
        "semicolon_between": float(";" in words),
        "colon_between": float(":" in words),
        "la_between": float("là" in words),
        "cho_before_q": float(q.start > 0 and doc[q.start - 1].norm_ in ("cho", "với", "được")),
        "trong_do_between": float("trong đó" in words or "trong" in words and "đó" in words),
        "paren_open_q": float(opening),
        "paren_between": float("(" in words or ")" in words),
        "period_between": float("." in words),
        "unit_fits": float(fits),
        "has_core_id": float(ind_id is not None),
        "first_in_paragraph": float(bool(indicators) and indicators[0] == ind),
        "adjacent": float(dist <= 1),
        "comma_between": float("," in words),
    }


@dataclass
class LinkScorer:
    """Logistic scoring of candidate pairs; coefficients live in a JSON file."""

    coef: dict[str, float]
    intercept: float
    threshold: float = 0.5

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.coef.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict:
        return {"features": list(FEATURES), "coef": self.coef, "intercept": self.intercept,
                "threshold": self.threshold}

    @classmethod
    def from_dict(cls, data: dict) -> "LinkScorer":
        unknown = set(data["coef"]) - set(FEATURES)
        if unknown:
            raise ValueError(f"link model has unknown features {sorted(unknown)}")
        return cls({k: float(v) for k, v in data["coef"].items()}, float(data["intercept"]),
                   float(data.get("threshold", 0.5)))

    def to_disk(self, path: str | Path) -> None:
        srsly.write_json(path, self.to_dict())

    @classmethod
    def from_disk(cls, path: str | Path) -> "LinkScorer":
        return cls.from_dict(srsly.read_json(path))
