"""Which ``INDICATOR`` a ``QUANTITY`` measures: candidate pairs, features, a learned scorer.

Candidates are the ``INDICATOR`` entities of the quantity's line (a paragraph),
at most :data:`MAX_DISTANCE` tokens away. Each pair gets features from the tokens,
entities and sentence structure between them (distance, order, the colon and
``là`` patterns, ``cho``, ``trong đó``, ``;``-lists, parentheses, unit fit); a
logistic regression trained on the gold links of the train reports scores them.
:class:`PairFeatures` reads every feature from counts made once per ``Doc``, so
a pair costs the same however far apart its spans are. The model is plain JSON
(feature names, coefficients, intercept), read with srsly: loading it runs no
code. The decision threshold is the linker's config setting (chosen on dev).
"""

from __future__ import annotations

import math
import operator
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from .breakdowns import BREAKDOWNS, Item, find_items
from .layout import ents_by_line, hash_mask, lines_of
from .proposals import CANDIDATES
from .sentences import is_sentence_word
from .taxonomy import Taxonomy, default_taxonomy
from .vocabulary import CATEGORY_WORDS, EXISTENTIAL, QUALIFIERS

FEATURES = (
    "bias", "before", "after", "log_dist", "same_sentence", "nearest_before", "nearest_after",
    "quantities_between", "indicators_between", "semicolon_between", "colon_between", "la_between",
    "cho_before_q", "trong_do_between", "paren_open_q", "paren_between", "period_between",
    "unit_fits", "has_core_id", "first_in_paragraph", "adjacent", "comma_between", "proposed",
    "after_existential", "proposed_after", "proposed_cho",
)
MAX_DISTANCE = 600  # tokens; no report links a number to a phrase farther away
_MARKS = {";": "semicolon", ":": "colon", "là": "la", "(": "paren", ")": "paren", ".": "period", ",": "comma",
          "trong đó": "trong_do", "trong": "trong", "đó": "do"}
_CLAUSE_OPENERS = {";", "(", ")"}
_PAIR_MARKS = {"/", "-", "–"}
# what may stand between a number (with its unit and indicator) and a figure that says more of the
# same measure: ``356 người, đạt 118,7% kế hoạch``; ``13.904 hộ, chiếm 2,71%``; ``đạt 105,26%KH/năm, tăng
# 20,98%``; ``đạt 110,08% KH năm, tăng (1,09%)``
_FOLLOW_ON = frozenset({",", "(", "đạt", "bằng", "chiếm", "tăng", "giảm", "còn", "giảm còn", "ước đạt", "hơn",
                        "gần", "trên", "khoảng", "kh", "kế hoạch", "/", "năm"})
# what may stand between a ``;`` and the number that opens the item (_carry_list_head)
_ITEM_OPENERS = frozenset({"và", "-", "+", "–", *QUALIFIERS})
MODEL_FILE = "link_model.json"
TAXONOMY_FILE = "indicators.json"


@dataclass
class LineSpans:
    """The quantities and indicators of one line, sorted, with their boundaries for bisection."""

    start: int
    indicators: list[Span]
    quantities: list[Span]

    def __post_init__(self) -> None:
        self.ind_starts = [i.start for i in self.indicators]
        self.ind_ends = [i.end for i in self.indicators]
        self.q_starts = [q.start for q in self.quantities]

    def add(self, indicator: Span) -> None:
        """Add a proposed indicator, keeping the order."""
        k = bisect_left(self.ind_starts, indicator.start)
        self.indicators.insert(k, indicator)
        self.ind_starts.insert(k, indicator.start)
        self.ind_ends.insert(k, indicator.end)

    def candidates(self, q: Span) -> list[Span]:
        """The indicators within :data:`MAX_DISTANCE` tokens of ``q``, in order."""
        lo = bisect_left(self.ind_starts, q.start - MAX_DISTANCE)
        return self.indicators[lo:bisect_right(self.ind_starts, q.end + MAX_DISTANCE)]


class PairFeatures:
    """Features of (quantity, indicator) pairs of one ``Doc``, from counts made once.

    For every mark (``;``, ``:``, ``là``, brackets, ``.``, ``,``, ``trong đó``)
    its sorted positions, found in one pass, tell by bisection whether it occurs
    between two spans; sentence ids and the last clause opener before each token
    are arrays.
    """

    def __init__(self, doc: Doc, taxonomy: Taxonomy) -> None:
        self.doc, self.taxonomy = doc, taxonomy
        norms, orths = doc.to_array("NORM"), doc.to_array("ORTH")
        strings = doc.vocab.strings
        mark_of = {strings.add(mark): name for mark, name in _MARKS.items()}
        self._positions: dict[str, list[int]] = {name: [] for name in _MARKS.values()}
        for i, h in enumerate(norms.tolist()):  # one pass; a mark's positions answer "between?" by bisection
            name = mark_of.get(h)
            if name is not None:
                self._positions[name].append(i)
        starts = doc.to_array("SENT_START") == 1
        self._sent = (np.cumsum(starts) - 1).tolist() if len(doc) else []
        # a full stop counts where it ends a sentence, not inside one (a table cell's ``.``)
        self._positions["period"] = [i for i in self._positions["period"] if self._ends_sentence(i)]
        is_opener = hash_mask(orths, doc, _CLAUSE_OPENERS)
        positions = np.where(is_opener, np.arange(len(doc)), -1)
        last = np.maximum.accumulate(positions) if len(doc) else positions
        self._opener = np.concatenate([[-1], last]).tolist()  # last token in ; ( ) before token i
        self._ids: dict[tuple[int, int], str | None] = {}

    def _ends_sentence(self, i: int) -> bool:
        """Whether the full stop at token ``i`` ends its sentence: the next word (past spaces,
        closing brackets and footnote marks) starts another one."""
        doc, j = self.doc, i + 1
        while j < len(doc) and not is_sentence_word(doc[j].text):
            j += 1
        return j >= len(doc) or self._sent[j] != self._sent[i]

    def id_of(self, span: Span) -> str | None:
        """The taxonomy id ``span``'s text names (any unit), read once per span of the ``Doc``."""
        key = (span.start, span.end)
        if key not in self._ids:
            self._ids[key] = self.taxonomy.identify(span.text)
        return self._ids[key]

    def last_mark(self, name: str, before: int) -> int:
        """Position of the last mark ``name`` (a name of the marks read) before token ``before``, or -1."""
        positions = self._positions[name]
        k = bisect_left(positions, before)
        return positions[k - 1] if k else -1

    def same_sentence(self, a: int, b: int) -> bool:
        return self._sent[a] == self._sent[b]

    def _has(self, name: str, a: int, b: int) -> bool:
        positions = self._positions[name]
        k = bisect_left(positions, a)
        return k < len(positions) and positions[k] < b

    def _after_cho(self, q: Span) -> bool:
        """``cho`` right before ``q``, qualifiers aside (``cho hơn 2.000 lượt người``)."""
        i = q.start - 1
        while i >= 0 and self.doc[i].norm_ in QUALIFIERS:
            i -= 1
        return i >= 0 and self.doc[i].norm_ == "cho"

    def __call__(self, q: Span, ind: Span, line: LineSpans, q_unit: str | None,
                 ind_id: str | None, proposed: bool = False) -> dict[str, float]:
        """Features of the pair (``q``, ``ind``) within ``line``; ``proposed``: ``ind`` is the
        quantity's indicator proposal, not an entity."""
        doc, indicators, ind_starts, q_starts = self.doc, line.indicators, line.ind_starts, line.q_starts
        before = ind.end <= q.start
        a, b = (ind.end, q.start) if before else (q.end, ind.start)
        lo, hi = min(a, b), max(a, b)
        dist = max(0, b - a)
        n_before = bisect_right(line.ind_ends, q.start)  # indicators ending before q
        first_after = bisect_left(ind_starts, q.end)
        nearest_before = n_before > 0 and indicators[n_before - 1] == ind
        nearest_after = first_after < len(indicators) and indicators[first_after] == ind
        opener = self._opener[q.start]
        opening = opener >= line.start and doc[opener].text == "("
        fits = bool(ind_id and q_unit and q_unit in self.taxonomy.indicators[ind_id].units)
        trong_do = self._has("trong_do", lo, hi) or (self._has("trong", lo, hi) and self._has("do", lo, hi))
        return {
            "bias": 1.0,
            "before": float(before),
            "after": float(not before),
            "log_dist": math.log1p(dist),
            "same_sentence": float(self._sent[q.start] == self._sent[ind.start]),
            "nearest_before": float(nearest_before),
            "nearest_after": float(nearest_after),
            "quantities_between": float(bisect_left(q_starts, b) - bisect_left(q_starts, a)) if b > a else 0.0,
            "indicators_between": float(bisect_left(ind_starts, b) - bisect_left(ind_starts, a)) if b > a else 0.0,
            "semicolon_between": float(self._has("semicolon", lo, hi)),
            "colon_between": float(self._has("colon", lo, hi)),
            "la_between": float(self._has("la", lo, hi)),
            "cho_before_q": float(q.start > 0 and doc[q.start - 1].norm_ in ("cho", "với", "được")),
            "trong_do_between": float(trong_do),
            "paren_open_q": float(opening),
            "paren_between": float(self._has("paren", lo, hi)),
            "period_between": float(self._has("period", lo, hi)),
            "unit_fits": float(fits),
            "has_core_id": float(ind_id is not None),
            "first_in_paragraph": float(bool(indicators) and indicators[0] == ind),
            "adjacent": float(dist <= 1),
            "comma_between": float(self._has("comma", lo, hi)),
            "proposed": float(proposed),
            "proposed_after": float(proposed and not before),
            "proposed_cho": float(proposed and before and self._after_cho(q)),
            "after_existential": float(not before and q.start > 0 and (
                doc[q.start - 1].norm_ in EXISTENTIAL
                or q.start > 1 and doc[q.start - 1].norm_ in QUALIFIERS and doc[q.start - 2].norm_ in EXISTENTIAL)),
        }


@dataclass
class LinkScorer:
    """Logistic scoring of candidate pairs; coefficients live in a JSON file. A coefficient is
    named by a feature of :data:`FEATURES` or by two joined with ``*``, their product
    (``after*adjacent``): the interactions a linear model cannot learn from single features."""

    coef: dict[str, float]
    intercept: float

    def __post_init__(self) -> None:
        single = {k: v for k, v in self.coef.items() if "*" not in k}
        self._names, self._weights = tuple(single), tuple(single.values())
        self._pairs = tuple((v, *k.split("*")) for k, v in self.coef.items() if "*" in k)

    def probability(self, features: dict[str, float]) -> float:
        """``features`` holds every name of :data:`FEATURES` (as :class:`PairFeatures` gives them)."""
        z = self.intercept + sum(map(operator.mul, self._weights, map(features.__getitem__, self._names)))
        for w, a, b in self._pairs:
            x = features[a]
            if x:
                z += w * x * features[b]
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict:
        return {"features": list(FEATURES), "coef": self.coef, "intercept": self.intercept}

    @classmethod
    def from_dict(cls, data: dict) -> "LinkScorer":
        unknown = {k for k in data["coef"] if k.count("*") > 1 or not set(k.split("*")) <= set(FEATURES)}
        if unknown:
            raise ValueError(f"link model has unknown features {sorted(unknown)}")
        return cls({k: float(v) for k, v in data["coef"].items()}, float(data["intercept"]))

    def to_disk(self, path: str | Path) -> None:
        srsly.write_json(path, self.to_dict())

    @classmethod
    def from_disk(cls, path: str | Path) -> "LinkScorer":
        return cls.from_dict(srsly.read_json(path))


class UnitIndex:
    """The ``UNIT`` of each quantity of one line: the entity right after it (adjacent, or
    after one space token), the unit of the ``Y`` of an ``X/Y`` pair or a range, or for a
    value in a table cell the row's one unit cell."""

    def __init__(self, units: Sequence[Span]) -> None:
        self.by_start = {u.start: u for u in units}
        cells = [u for u in units if u.start > 0 and u.doc[u.start - 1].text == "|"]
        self.cell = cells[0] if len(cells) == 1 else None

    def of(self, q: Span) -> Span | None:
        doc = q.doc
        unit = self._after(doc, q.end)
        if unit is None and q.end + 1 < len(doc) and doc[q.end].text in _PAIR_MARKS \
                and doc[q.end + 1].ent_type_ == "QUANTITY" and doc[q.end + 1].ent_iob_ == "B":
            end = q.end + 2  # the X of ``X/Y người`` and of a range ``2-2,5%`` takes Y's unit
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            unit = self._after(doc, end)
        if unit is None and self.cell is not None:
            k = q.start - 1
            while k >= 0 and doc[k].norm_ in QUALIFIERS:  # ``| Trên 90 |``, ``| <1,5 |``
                k -= 1
            if k >= 0 and doc[k].text == "|":
                unit = self.cell
        return unit

    def _after(self, doc: Doc, end: int) -> Span | None:
        unit = self.by_start.get(end)
        if unit is None and end < len(doc) and doc[end].is_space:
            unit = self.by_start.get(end + 1)
        return unit


class Linker:
    """Pipeline component: link every ``QUANTITY`` to the ``INDICATOR`` it measures.

    Candidates are the line's INDICATOR entities (in the quantity's sentence and the ones
    before it) and, when ``propose_indicators`` is set, the quantity's own indicator proposal
    (``doc.spans["indicator_candidates"]``, from ``vn_dolisa_proposals``: the phrase before the
    number, or after its unit); the scorer ranks them together and the best one at or above
    ``threshold`` wins. The proposals chosen join ``doc.ents`` and become candidates for the
    numbers after them. A category item of a breakdown (:mod:`~vn_dolisa_nlp.breakdowns`) takes
    its total's indicator; the items are written to ``doc.spans["breakdowns"]``. The decision is
    ``span._.link`` of the quantity: ``(indicator start token, end token, taxonomy id
    for the quantity's unit, probability)``. With ``drop_unlinked`` (the default), an
    ``INDICATOR`` entity that no quantity links to leaves ``doc.ents``: SPEC section 3 defines
    the label as what a quantity measures, and gold ``INDICATOR`` spans are linked (4,349 of
    4,354 in the corpus).
    """

    def __init__(self, name: str, threshold: float, propose_indicators: bool,
                 taxonomy: Taxonomy | None = None, drop_unlinked: bool = True) -> None:
        self.name = name
        self.threshold = threshold
        self.propose = propose_indicators
        self.drop_unlinked = drop_unlinked
        self.taxonomy = taxonomy or default_taxonomy()
        self.scorer: LinkScorer | None = None

    def initialize(self, get_examples=None, *, nlp=None, link_model: dict | None = None,
                   taxonomy: dict | None = None) -> None:
        """Take the trained weights (``link_model``, as ``LinkScorer.to_dict`` writes them) and
        optionally a taxonomy (as ``data/indicators.json``), e.g. from ``[initialize.components]``."""
        if link_model is not None:
            self.scorer = LinkScorer.from_dict(link_model)
        if taxonomy is not None:
            self.taxonomy = Taxonomy.from_dict(taxonomy)

    def __call__(self, doc: Doc) -> Doc:
        if self.scorer is None:
            raise ValueError(f"'{self.name}' has no link model: train one (training/train_linker.py) "
                             "or load a trained pipeline")
        all_ents = doc.ents  # made once: each read of doc.ents makes every entity's Span
        if not any(e.label_ == "QUANTITY" for e in all_ents):
            doc.spans[BREAKDOWNS] = []
            if self.drop_unlinked and any(e.label_ == "INDICATOR" for e in all_ents):
                doc.ents = [e for e in all_ents if e.label_ != "INDICATOR"]
            return doc
        features = PairFeatures(doc, self.taxonomy)
        proposals: dict[int, list[Span]] = {}
        for s in doc.spans.get(CANDIDATES, []) if self.propose else []:
            proposals.setdefault(int(s.id_), []).append(s)
        used: list[Span] = []
        taken: set[int] = set()  # tokens of the proposals used
        breakdowns: list[Span] = []
        linked: set[tuple[int, int]] = set()  # (start, end) of every indicator a quantity links to
        for line, ents in zip(lines_of(doc), ents_by_line(doc, all_ents)):
            quantities = [e for e in ents if e.label_ == "QUANTITY"]
            if not quantities:
                continue
            spans = LineSpans(line.start, [e for e in ents if e.label_ == "INDICATOR"], quantities)
            units = UnitIndex([e for e in ents if e.label_ == "UNIT"])

            unit_at: dict[int, str | None] = {}

            def canonical_unit(q: Span) -> str | None:
                if q.start not in unit_at:
                    unit = units.of(q)
                    unit_at[q.start] = unit._.unit if unit is not None else None
                return unit_at[q.start]

            items = {item.quantity: item for item in find_items(line, quantities, canonical_unit)}
            links: dict[int, tuple] = {}
            linked_by_unit: dict[str, Span] = {}  # the last linked quantity of each unit in the line
            previous: Span | None = None
            for q in quantities:
                canonical = canonical_unit(q)
                item = items.get(q.start)
                own = [s for s in proposals.get(q.start, ()) if not any(i in taken for i in range(s.start, s.end))]
                # an item names its own measure when the model found an indicator in it, or a proposal
                # reads one after its number (``7 cơ sở được [nhắc nhở]``) or names a taxonomy id
                parent_link = links.get(item.parent) if item is not None and item.parent is not None else None
                category = item is not None and not item.comment and (_only_a_category(doc, item) or not (
                    item.named and self._names_own_measure(item, spans, canonical, strict=item.parent is None,
                                                           parent_measure=parent_link[2] if parent_link else None))
                    and not any(s.start >= q.end or features.id_of(s) is not None for s in own))
                if category and item.parent is None:
                    pass  # a category of a total in another paragraph: no link (links never cross paragraphs)
                elif category and links.get(item.parent) is not None:
                    # a category of the total's measure: the total's indicator (SPEC v2 section 3)
                    self._share(q, links[item.parent], links, canonical)
                else:
                    best, p = None, None
                    if item is not None and not category and not item.comment and item.parent is not None:
                        # an item that names its measure links to its own phrase (SPEC v2 section 3)
                        best, p = self._best(q, spans, canonical, features, [], within=(item.phrase, item.after))
                    if best is None:
                        best, p = self._best(q, spans, canonical, features, [] if category else own)
                    if best is not None and any(best is s for s in own):
                        spans.add(best)
                        used.append(best)
                        taken.update(range(best.start, best.end))
                    if best is not None:
                        q._.link = links[q.start] = (best.start, best.end,
                                                     self.taxonomy.identify(best.text, canonical), p)
                if q.start not in links and previous is not None:
                    self._follow_on(q, previous, links, units, features, canonical)
                if q.start not in links and previous is not None and item is None \
                        and canonical is not None and canonical == canonical_unit(previous):
                    self._carry_list_head(q, previous, links, features, canonical)
                previous = q
                if item is None and canonical is not None:
                    self._carry_list_measure(q, canonical, linked_by_unit.get(canonical), links, spans, features)
                if canonical is not None and q.start in links:
                    linked_by_unit[canonical] = q
                if item is not None:
                    start, end = item.phrase if item.phrase[1] > item.phrase[0] else (q.start, q.end)
                    label = "bracket_" if item.bracketed else ""
                    label += "comment" if item.comment else "named" if not category else "category"
                    parent = "" if item.parent is None else str(item.parent)
                    breakdowns.append(Span(doc, start, end, label=label, kb_id=parent, span_id=str(q.start)))
            linked.update((start, end) for start, end, *_ in links.values())
        ents = [*all_ents, *(Span(doc, s.start, s.end, label="INDICATOR") for s in used)]
        if self.drop_unlinked:
            ents = [e for e in ents if e.label_ != "INDICATOR" or (e.start, e.end) in linked]
        if used or len(ents) != len(all_ents):
            doc.ents = sorted(ents)
        doc.spans[BREAKDOWNS] = breakdowns
        return doc

    def _follow_on(self, q: Span, previous: Span, links: dict[int, tuple], units: "UnitIndex",
                   features: PairFeatures, unit: str | None) -> None:
        """An unlinked number that only follows the previous number of its sentence, its unit and
        its indicator, past a comma or a verb of comparison (:data:`_FOLLOW_ON`), takes that
        number's indicator: ``8.920 hộ thoát nghèo, đạt 102,4% kế hoạch``."""
        link = links.get(previous.start)
        if link is None or not features.same_sentence(previous.start, q.start):
            return
        start = previous.end
        unit_span = units.of(previous)
        if unit_span is not None and unit_span.start >= previous.end:
            start = max(start, unit_span.end)
        if link[0] >= start:
            start = max(start, link[1])
        if start >= q.start or q.start - start > 6:
            return
        if all(t.norm_.lower() in _FOLLOW_ON for t in q.doc[start:q.start]):
            self._share(q, link, links, unit)

    def _carry_list_head(self, q: Span, previous: Span, links: dict[int, tuple], features: PairFeatures,
                         unit: str | None) -> None:
        """An unlinked number of the unit of the item before it, that opens a ``;``-item right after
        the ``;``, shares the verb that heads the list when the item before was linked to that verb:
        ``công bố 03 thủ tục hành chính mới ban hành; 11 TTHC sửa đổi, bổ sung; 02 TTHC bị bãi bỏ``
        (Cao Bằng 2021)."""
        link = links.get(previous.start)
        if link is None or link[1] > previous.start or not features.same_sentence(previous.start, q.start):
            return  # the earlier item names its measure after its number, or no link
        semicolon = features.last_mark("semicolon", q.start)
        if semicolon < previous.end or any(t.norm_ not in _ITEM_OPENERS for t in q.doc[semicolon + 1:q.start]):
            return
        self._share(q, link, links, unit)

    def _share(self, q: Span, link: tuple, links: dict[int, tuple], unit: str | None) -> None:
        """``q`` takes the indicator of another number's ``link``, with the id it names in ``q``'s unit."""
        s, e, _, p = link
        q._.link = links[q.start] = (s, e, self.taxonomy.identify(q.doc[s:e].text, unit), p)

    def _carry_list_measure(self, q: Span, unit: str, head: Span | None, links: dict[int, tuple],
                            spans: LineSpans, features: PairFeatures) -> None:
        """A ``;``-item whose indicators all name taxonomy ids that do not count in its unit, and
        that counts in the unit of an earlier item of its sentence, takes that item's indicator
        when it names a taxonomy id of that unit: ``tặng 172 suất quà ...; hộ nghèo: 11.735 suất
        quà`` (the poor households are recipients of the gifts). An item with no indicator and no
        link of its own takes it too (``người cao tuổi tròn 90 tuổi 1.435 suất quà``); an item with
        an indicator the taxonomy does not know keeps its own link."""
        if head is None or not features.same_sentence(head.start, q.start):
            return
        item_start = features.last_mark("semicolon", q.start)
        if item_start < head.end:
            return  # no ``;`` between them
        own = links.get(q.start)
        if own is not None and own[0] < item_start:
            return  # linked outside its item
        inside = [ind for ind in spans.indicators if item_start < ind.start and ind.end <= q.start]
        if own is not None:
            inside.append(q.doc[own[0]:own[1]])
        if inside and any(features.id_of(ind) is None or self.taxonomy.identify(ind.text, unit) is not None
                          for ind in inside):
            return
        start, end, _, p = links[head.start]
        measure = self.taxonomy.identify(q.doc[start:end].text, unit)
        if start >= head.start or measure is None:
            return  # the earlier item names its measure after its number, or no measure of the unit
        q._.link = links[q.start] = (start, end, measure, p)

    def _names_own_measure(self, item: Item, spans: LineSpans, unit: str | None, strict: bool = False,
                           parent_measure: str | None = None) -> bool:
        """An item's indicator, before its number or after its unit, names its own measure unless
        it names a taxonomy id that does not count in the item's unit: ``hộ nghèo: 11.735 suất
        quà`` and ``24.767 người thuộc hộ nghèo`` are categories of the gifts and of the people.
        An indicator before the number that names no taxonomy id, in a breakdown of a total whose
        measure has one (``parent_measure``), is a category of that measure: ``Đưa lao động đi làm
        việc ở nước ngoài theo hợp đồng 162 người, trong đó lao động thời vụ tại Hàn Quốc 118
        người``; after the unit it still names the item's own measure (``trong đó: 10 hồ sơ không
        đủ điều kiện hưởng TCTN``).
        An item of a total in another paragraph (``strict``) must name an id that counts in its unit."""
        for (start, end), after in ((item.phrase, False), (item.after, True)):
            for ind in spans.indicators:
                if ind.start < end and start < ind.end:
                    if self.taxonomy.identify(ind.text, unit) is not None:
                        return True
                    return not strict and self._id(ind.text) is None and (after or parent_measure is None)
        return not strict

    def _id(self, text: str) -> str | None:
        return self.taxonomy.identify(text)

    def _best(self, q: Span, spans: LineSpans, unit: str | None, features: PairFeatures,
              proposals: Sequence[Span] = (), within: Sequence[tuple[int, int]] | None = None,
              ) -> tuple[Span | None, float | None]:
        """The most probable candidate at or above the threshold: the line's indicators (those
        overlapping a token range of ``within``, if given) and the quantity's own proposals,
        ranked together."""
        best, best_p = None, self.threshold
        for ind in spans.candidates(q):
            if within is not None and not any(ind.start < end and start < ind.end for start, end in within):
                continue
            p = self.scorer.probability(features(q, ind, spans, unit, features.id_of(ind)))
            if p >= best_p:
                best, best_p = ind, p
        for proposal in proposals:
            p = self.scorer.probability(features(q, proposal, spans, unit, features.id_of(proposal), proposed=True))
            if p >= best_p:
                best, best_p = proposal, p
        return best, (best_p if best is not None else None)

    # serialisation: the weights and the taxonomy travel with the pipeline
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"link_model": self.scorer.to_dict() if self.scorer else None,
                                    "taxonomy": self.taxonomy.to_dict()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "Linker":
        cfg = srsly.msgpack_loads(data)
        self.initialize(link_model=cfg["link_model"], taxonomy=cfg["taxonomy"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.scorer is not None:
            self.scorer.to_disk(path / MODEL_FILE)
        srsly.write_json(path / TAXONOMY_FILE, self.taxonomy.to_dict())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "Linker":
        path = ensure_path(path)
        model, taxonomy = path / MODEL_FILE, path / TAXONOMY_FILE
        self.initialize(link_model=srsly.read_json(model) if model.exists() else None,
                        taxonomy=srsly.read_json(taxonomy) if taxonomy.exists() else None)
        return self


def _only_a_category(doc: Doc, item: Item) -> bool:
    """The item's phrase names nothing but a training level or a sex: ``trong đó trình độ cao đẳng
    4.260 người, trung cấp 5.870 người`` (SPEC v2 section 3), whatever the ner or a proposal reads in it."""
    start, end = item.phrase
    words = [t.norm_ for t in doc[start:end] if t.ent_type_ not in ("QUANTITY", "UNIT")]
    return bool(words) and all(w in CATEGORY_WORDS for w in words)


@Language.factory("vn_dolisa_linker",
                  default_config={"threshold": 0.3, "propose_indicators": True, "drop_unlinked": True},
                  assigns=["doc.ents", "doc.spans", "span._.link"], requires=["doc.ents", "doc.spans"])
def make_linker(nlp: Language, name: str, threshold: float, propose_indicators: bool,
                drop_unlinked: bool) -> Linker:
    """``vn_dolisa_linker``: ``span._.link`` for every quantity (see :class:`Linker`)."""
    return Linker(name, threshold, propose_indicators, drop_unlinked=drop_unlinked)
