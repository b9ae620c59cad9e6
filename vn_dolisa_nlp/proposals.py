"""Indicator proposals: a phrase for a quantity the model left without an indicator.

The trained ``ner`` finds most ``INDICATOR`` spans, but misses measures it has
not seen. For every ``QUANTITY`` with no ``INDICATOR`` before it in its clause, the
component ``vn_dolisa_proposals`` reads the phrase that names the measure from
the clause, by the patterns of GUIDELINES.md, into
``doc.spans["indicator_candidates"]``; the linker takes it when the scorer finds
no indicator for that quantity:

- ``[cấp thẻ bảo hiểm y tế] cho 42.163 người``: the phrase before ``cho``;
- ``[sáp nhập] 03 trường``, ``[định hướng nghề nghiệp] hơn 9.200 người``: the
  phrase right before the number;
- ``62.513 suất quà được [trao tặng]``, ``16 trường hợp [tử vong]``: the phrase
  after the unit, when nothing names the measure before the number.

Scaffolding (``đã``, ``tổ chức``, ``tiếp tục`` ...), qualifiers (``hơn``,
``khoảng``) and other entities are never inside a proposal.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .layout import ents_by_line, lines_of
from .units import unit_of
from .vocabulary import CLAUSE_BOUNDARIES as _BOUNDARIES
from .vocabulary import CHANGE_DOWN, CHANGE_UP, EXISTENTIAL, QUALIFIERS, TIME_UNITS, has_line_break

# a number after these states a change or a share of a measure named elsewhere
_COMPARATIVES = {"đạt", "tăng", "giảm", "chiếm", "bằng", "còn", "xuống", "lên", "vượt", "thu hút", "/"}
# words between a measure and its number: qualifiers (vocabulary.QUALIFIERS) and links
_QUALIFIERS = (set(QUALIFIERS) - _COMPARATIVES) | {"là", "được", "có", "với", "mức", "tổng số", "tổng cộng", "cho"}
_PREPOSITIONS = {"tại", "của", "thuộc", "trong", "ở", "từ", "về"}
_SCAFFOLDING = {"đã", "được", "đang", "hiện", "hiện có", "có", "tiếp tục", "tổ chức", "thực hiện", "trong đó",
                "trong", "đó", "và", "-", "–", ",", "toàn tỉnh", "tỉnh", "cấp", "tập trung", "tiếp nhận", "theo đó",
                "các", "những", "cả", "năm", "riêng", "ngoài ra", "bên cạnh đó", "đồng thời", "kịp thời", "tích cực",
                "phối hợp", "chỉ đạo", "triển khai", "các địa phương", "địa phương", "ngành", "sở", "đơn vị",
                "toàn", "thành công", "trên", "địa bàn", "trên địa bàn"}
_RIGHT_STOPS = {",", "với", "cho", "tại", "vào", "trong", "đến", "so", "của", "thuộc", "bằng", "là", "từ", "và",
                "theo", "nhằm", "để", "trên", "đạt", "chiếm", "so với"} | CHANGE_UP | CHANGE_DOWN
CANDIDATES = "indicator_candidates"
MAX_WORDS = 12
MAX_WALK = 64  # tokens a pattern reads from the number; a phrase is at most MAX_WORDS once trimmed


class ClauseIndex:
    """Per-token facts the proposal patterns need, counted in one pass over the token hashes of
    a ``Doc``: clause bounds, bracket and quote depth, INDICATOR tokens."""

    def __init__(self, doc: Doc) -> None:
        n = len(doc)
        strings = doc.vocab.strings
        orths, spaces, ent_types = (doc.to_array(["ORTH", "IS_SPACE", "ENT_TYPE"]).T.tolist() if n
                                    else ([], [], []))
        indicator = strings.add("INDICATOR")
        opens, closes = strings.add("("), strings.add(")")
        quote_opens, quote_closes = strings.add("“"), strings.add("”")
        boundaries = {strings.add(b) for b in _BOUNDARIES}
        # start[i]: first token after the last boundary before i; end[i]: first boundary at or after i
        self.start, self.depth, self.quotes, self.indicators = [], [0], [0], [0]
        stops, last, depth, quotes, indicators = [], -1, 0, 0, 0
        for i, (h, space, ent) in enumerate(zip(orths, spaces, ent_types)):
            self.start.append(last + 1)
            if h in boundaries or space and has_line_break(strings[h]):
                stops.append(i)
                last = i
            depth += (h == opens) - (h == closes)
            quotes += (h == quote_opens) - (h == quote_closes)
            indicators += ent == indicator
            self.depth.append(depth)
            self.quotes.append(quotes)
            self.indicators.append(indicators)
        self.end, k = [], 0
        stops.append(n)
        for i in range(n):
            if stops[k] < i:
                k += 1
            self.end.append(stops[k])


def propose_indicators(q: Span, index: ClauseIndex, line_start: int) -> list[Span]:
    """``INDICATOR`` candidates for quantity ``q`` when its clause has none before it: the phrase
    before it and the phrase after its unit, the likelier first (after an existential ``có``,
    the phrase after: ``toàn tỉnh có 1.485 trường hợp [trẻ em bị tai nạn thương tích]``)."""
    doc = q.doc
    start, end = index.start[q.start], index.end[q.end - 1]
    # an indicator later in the clause may be another number's (``62.513 suất quà được [trao tặng] ...
    # với tổng kinh phí 18,173 triệu đồng``): the scorer ranks the proposals against it
    if index.indicators[q.start] - index.indicators[start] > 0 or _skipped(doc, q, start, index, line_start):
        return []
    spans = [_before(doc, q, start), _after(doc, q, end)]
    if _existential(doc, q, start):
        spans.reverse()
    return [Span(doc, s[0], s[1], label="INDICATOR") for s in spans if s is not None]


def propose_indicator(q: Span, index: ClauseIndex, line_start: int) -> Span | None:
    """The likelier of :func:`propose_indicators`, or None."""
    spans = propose_indicators(q, index, line_start)
    return spans[0] if spans else None


def _existential(doc: Doc, q: Span, start: int) -> bool:
    """``có`` (``hiện có``, ``đã có``) right before the number, qualifiers aside."""
    i = q.start - 1
    while i >= start and doc[i].norm_ in QUALIFIERS and doc[i].norm_ != "có":
        i -= 1
    return i >= start and doc[i].norm_ in EXISTENTIAL


def _skipped(doc: Doc, q: Span, start: int, index: ClauseIndex, line_start: int) -> bool:
    """Quantities that need no indicator of their own: durations and ages, numbers inside
    brackets (they comment on the clause before), and numbers after a comparative
    (``đạt``, ``tăng``, ``giảm``, ``/``) or inside a quoted name."""
    if q.end < len(doc) and doc[q.end].ent_type_ == "UNIT" and doc[q.end].ent_iob_ == "B":
        unit_end = q.end + 1
        while unit_end < len(doc) and doc[unit_end].ent_iob_ == "I":
            unit_end += 1
        if unit_of(doc[q.end:unit_end].text)[0] in TIME_UNITS:
            return True
    depth = index.depth[q.start] - index.depth[line_start]
    quotes = index.quotes[q.start] - index.quotes[line_start]
    before = q.start - 1
    while before >= start and doc[before].norm_ in _QUALIFIERS:
        before -= 1
    return depth > 0 or quotes > 0 or (before >= 0 and doc[before].norm_ in _COMPARATIVES)


def _before(doc: Doc, q: Span, start: int) -> tuple[int, int] | None:
    """The measure phrase before ``q`` (before its ``cho`` if there is one)."""
    end = q.start
    while end > start and doc[end - 1].norm_ in _QUALIFIERS:
        end -= 1
    begin, start = end, max(start, end - MAX_WALK)
    while begin > start and not doc[begin - 1].ent_type_ and doc[begin - 1].text not in ",-–" \
            or begin > start and doc[begin - 1].text == "," and _continues_list(doc, begin - 1, start):
        begin -= 1
    if end > start and doc[end - 1].norm_ in _PREPOSITIONS:
        return None  # "tại 04 đơn vị", "sự tham gia của 300 đại biểu": the number is no measure's value
    return _trim(doc, begin, end)


def _continues_list(doc: Doc, comma: int, start: int) -> bool:
    """A comma inside a list of short verb phrases (``Xây mới, sửa chữa``): at most
    three words, no entity, between it and the clause start or the comma before."""
    left = comma
    while left > start and doc[left - 1].text != "," and comma - left < 4:
        if doc[left - 1].ent_type_:
            return False
        left -= 1
    return 0 < comma - left <= 3 and (left == start or doc[left - 1].text == ",")


def _after(doc: Doc, q: Span, end: int) -> tuple[int, int] | None:
    """The measure phrase after ``q``'s unit: ``62.513 suất quà được [trao tặng]``."""
    i = q.end
    while i < end and doc[i].ent_type_ == "UNIT":
        i += 1
    if i == q.end:
        return None
    begin = i
    while begin < end and doc[begin].norm_ in ("được", "bị", "đã", "có"):
        begin += 1
    stop, end = begin, min(end, begin + MAX_WALK)
    while stop < end and not doc[stop].ent_type_ and doc[stop].norm_ not in _RIGHT_STOPS:
        stop += 1
    return _trim(doc, begin, stop)


def _trim(doc: Doc, begin: int, end: int) -> tuple[int, int] | None:
    """``(begin, end)`` without scaffolding at its start or punctuation at its end; None if nothing is left."""
    while begin < end and (doc[begin].norm_ in _SCAFFOLDING or doc[begin].is_punct or doc[begin].is_space):
        begin += 1
    while end > begin and (doc[end - 1].is_punct or doc[end - 1].norm_ in _QUALIFIERS | _SCAFFOLDING):
        end -= 1
    if end <= begin or end - begin > MAX_WORDS or not any(t.is_alpha or " " in t.text for t in doc[begin:end]):
        return None
    return begin, end


class Proposer:
    """Pipeline component: ``doc.spans["indicator_candidates"]``, the proposals (before and
    after) of every quantity with no ``INDICATOR`` before it in its clause; a candidate's ``id_`` is its
    quantity's start token. The linker ranks them with the line's indicators."""

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        all_ents = doc.ents  # made once: each read of doc.ents makes every entity's Span
        if not any(e.label_ == "QUANTITY" for e in all_ents):
            doc.spans[CANDIDATES] = found
            return doc
        index = ClauseIndex(doc)
        for line, ents in zip(lines_of(doc), ents_by_line(doc, all_ents)):
            for q in ents:
                if q.label_ != "QUANTITY":
                    continue
                for span in propose_indicators(q, index, line.start):
                    found.append(Span(doc, span.start, span.end, label="INDICATOR", span_id=str(q.start)))
        doc.spans[CANDIDATES] = found
        return doc


@Language.factory("vn_dolisa_proposals", assigns=["doc.spans"], requires=["doc.ents", "doc.spans"])
def make_proposals(nlp: Language, name: str) -> Proposer:
    """``vn_dolisa_proposals``: indicator candidates read from each quantity's clause (module docstring)."""
    return Proposer()
