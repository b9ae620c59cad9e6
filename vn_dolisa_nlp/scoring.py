"""The measures of SPEC section 8, over records in the corpus format (SPEC section 7).

Gold and predicted paragraphs are both dicts ``{"id", "text", "spans"}``; predicted
ones come from :func:`vn_dolisa_nlp.evaluate.predict`. Used by ``python -m vn_dolisa_nlp.evaluate``
and by ``training/agreement.py`` (annotator against annotator).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from .units import unit_of

from .vocabulary import LABELS  # noqa: F401  (re-exported: the labels of the tables)


@dataclass
class PRF:
    """Counts for precision, recall and F1."""

    tp_pred: int = 0  # predictions judged right
    n_pred: int = 0
    tp_gold: int = 0  # gold items found
    n_gold: int = 0

    @property
    def p(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def r(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class Scores:
    """Everything SPEC section 8 asks of one comparison."""

    ner: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    indicator_overlap: PRF = field(default_factory=PRF)
    links: PRF = field(default_factory=PRF)
    kind_right: int = 0
    unit_right: int = 0
    facts: PRF = field(default_factory=PRF)
    parents: PRF = field(default_factory=PRF)  # (item quantity, total quantity) pairs

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.links.tp_gold if self.links.tp_gold else 0.0

    @property
    def unit_accuracy(self) -> float:
        return self.unit_right / self.links.tp_gold if self.links.tp_gold else 0.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _links(record: dict) -> dict[tuple[int, int], dict]:
    """Quantity span -> {indicator span, kind, unit text} for linked quantities."""
    spans, text = record["spans"], record["text"]
    out = {}
    for s in spans:
        if s["label"] != "QUANTITY" or s.get("indicator") is None:
            continue
        ind = spans[s["indicator"]]
        unit = spans[s["unit"]] if s.get("unit") is not None else None
        out[(s["start"], s["end"])] = {
            "indicator": (ind["start"], ind["end"]),
            "kind": s.get("kind"),
            "unit": text[unit["start"]:unit["end"]] if unit else None,
        }
    return out


def score(gold: Iterable[dict], pred: Iterable[dict]) -> Scores:
    """Compare predicted paragraphs with gold ones (matched by ``id``)."""
    by_id = {p["id"]: p for p in pred}
    scores = Scores()
    for g in gold:
        p = by_id.get(g["id"], {"spans": [], "text": g["text"]})
        _score_entities(g, p, scores)
        _score_links(g, p, scores)
        _score_parents(g, p, scores)
    return scores


def _parents(record: dict) -> set[tuple[int, int, int, int]]:
    """(item start, item end, total start, total end) of every quantity with a ``parent``."""
    spans = record["spans"]
    return {(s["start"], s["end"], spans[s["parent"]]["start"], spans[s["parent"]]["end"])
            for s in spans if s["label"] == "QUANTITY" and s.get("parent") is not None}


def _score_parents(g: dict, p: dict, scores: Scores) -> None:
    gold, pred = _parents(g), _parents(p)
    prf = scores.parents
    prf.n_gold += len(gold)
    prf.n_pred += len(pred)
    prf.tp_gold += len(gold & pred)
    prf.tp_pred += len(gold & pred)


def _score_entities(g: dict, p: dict, scores: Scores) -> None:
    gold = {(s["start"], s["end"], s["label"]) for s in g["spans"]}
    pred = {(s["start"], s["end"], s["label"]) for s in p["spans"]}
    for label in LABELS:
        gl = {s for s in gold if s[2] == label}
        pl = {s for s in pred if s[2] == label}
        prf = scores.ner[label]
        prf.n_gold += len(gl)
        prf.n_pred += len(pl)
        prf.tp_gold += len(gl & pl)
        prf.tp_pred += len(gl & pl)
    gi = [s[:2] for s in gold if s[2] == "INDICATOR"]
    pi = [s[:2] for s in pred if s[2] == "INDICATOR"]
    ov = scores.indicator_overlap
    ov.n_gold += len(gi)
    ov.n_pred += len(pi)
    ov.tp_gold += sum(any(_overlaps(a, b) for b in pi) for a in gi)
    ov.tp_pred += sum(any(_overlaps(a, b) for b in gi) for a in pi)


def _score_links(g: dict, p: dict, scores: Scores) -> None:
    gold, pred = _links(g), _links(p)
    links = scores.links
    links.n_gold += len(gold)
    links.n_pred += len(pred)
    for qspan, plink in pred.items():
        glink = gold.get(qspan)
        if glink and _overlaps(glink["indicator"], plink["indicator"]):
            links.tp_pred += 1
            links.tp_gold += 1
            scores.kind_right += glink["kind"] == plink["kind"]
            scores.unit_right += _norm(glink["unit"]) == _norm(plink["unit"])


def _norm(unit: str | None) -> str | None:
    """Units compare as the record's ``unit`` field does: canonical (``triệu đồng`` = ``đồng``)."""
    return unit_of(unit)[0] if unit else None


def ner_table(scores: Scores, title: str = "") -> str:
    """A markdown table of per-label precision, recall and F1."""
    rows = [f"| {title or 'label'} | P | R | F1 | gold | predicted |", "|---|---:|---:|---:|---:|---:|"]
    for label in LABELS:
        s = scores.ner[label]
        rows.append(f"| {label} | {s.p:.3f} | {s.r:.3f} | {s.f:.3f} | {s.n_gold} | {s.n_pred} |")
    s = scores.indicator_overlap
    rows.append(f"| INDICATOR (overlap) | {s.p:.3f} | {s.r:.3f} | {s.f:.3f} | {s.n_gold} | {s.n_pred} |")
    return "\n".join(rows)


def link_table(scores: Scores) -> str:
    """A markdown table of link F1, kind and unit accuracy, and key facts found."""
    s = scores.links
    rows = ["| measure | value |", "|---|---:|",
            f"| link P / R / F1 | {s.p:.3f} / {s.r:.3f} / {s.f:.3f} (gold {s.n_gold}, predicted {s.n_pred}) |",
            f"| kind accuracy (matched links) | {scores.kind_accuracy:.3f} |",
            f"| unit accuracy (canonical unit, matched links) | {scores.unit_accuracy:.3f} |"]
    if scores.parents.n_gold:
        t = scores.parents
        rows.append(f"| breakdown parent P / R / F1 | {t.p:.3f} / {t.r:.3f} / {t.f:.3f} (gold {t.n_gold}, predicted {t.n_pred}) |")
    if scores.facts.n_gold:
        rows.append(f"| core-id facts found | {scores.facts.r:.3f} ({scores.facts.tp_gold}/{scores.facts.n_gold}) |")
    return "\n".join(rows)
