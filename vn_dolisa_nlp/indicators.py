"""Indicator proposals for quantities the model left without one.

Most indicators stand right before their number: ``[giải quyết việc làm mới] cho
11.309``, ``[số người có quyết định hưởng TCTN] là 1.369``, ``[Tỷ lệ hộ nghèo]: 5,18%``.
The component ``vn_dolisa_indicators`` looks at every ``QUANTITY`` that has no
``INDICATOR`` in its clause and, when the words before it (after a connector
such as ``cho``, ``là`` or ``:``) form a phrase free of other entities, adds that
phrase as an ``INDICATOR``. The link scorer then decides whether to use it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

CONNECTORS = {"cho", "là", ":", "trên", "khoảng", "gần", "hơn", "được", "đạt", "với", "tổng cộng", "gồm", "có",
              "lên", "xuống", "còn", "tới"}
BOUNDARIES = {",", ";", ":", "(", ")", ".", "-", "–", "+", "*", "|", "“", "”", "\""}
STOP_WORDS = {"với", "cho", "là", "đã", "bằng", "theo"}
TRAILING = CONNECTORS | {"ước", "toàn", "tỉnh", "toàn tỉnh", "tại", "đối với", "ước đạt", "trên địa bàn"}
LEADING = {"toàn", "đã", "và", "đồng thời", "trong đó", "trong", "đó", "các", "toàn tỉnh", "tỉnh", "đang", "tiếp tục",
           "ước", "ước tính", "đến nay", "hiện", "hiện nay", "thì", "cũng", "như", "từ", "năm"}
MAX_WORDS = 8


def _clause_has_indicator(doc: Doc, q: Span) -> bool:
    i = q.start - 1
    while i >= 0 and doc[i].text != ";" and not (doc[i].is_space and "\n" in doc[i].text):
        if doc[i].ent_type_ == "INDICATOR":
            return True
        i -= 1
    return False


def propose(doc: Doc, q: Span) -> Span | None:
    """The phrase right before ``q`` that could name what it measures, or None."""
    i = q.start - 1
    while i >= 0 and (doc[i].norm_ in CONNECTORS or doc[i].is_space):
        i -= 1
    end = start = i + 1
    while i >= 0 and end - i <= MAX_WORDS:
        tok = doc[i]
        if tok.text in BOUNDARIES or tok.ent_type_ or tok.is_space or tok.like_num or tok.norm_ in STOP_WORDS:
            break
        start = i
        if tok.is_sent_start:
            break
        i -= 1
    while start < end and (doc[start].norm_ in LEADING or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].norm_ in TRAILING or doc[end - 1].is_punct):
        end -= 1
    if end <= start or not any(t.is_alpha and not t.is_stop for t in doc[start:end]):
        return None
    return Span(doc, start, end, label="INDICATOR")


class IndicatorProposals:
    """Pipeline component: add proposed ``INDICATOR`` spans to ``doc.ents``."""

    def __call__(self, doc: Doc) -> Doc:
        added = []
        for q in [e for e in doc.ents if e.label_ == "QUANTITY"]:
            if _clause_has_indicator(doc, q):
                continue
            span = propose(doc, q)
            if span is not None and not any(span.start < a.end and a.start < span.end for a in added):
                added.append(span)
        if added:
            doc.ents = sorted(list(doc.ents) + added)
        return doc


@Language.factory("vn_dolisa_indicators")
def make_indicator_proposals(nlp: Language, name: str) -> IndicatorProposals:
    """``vn_dolisa_indicators``: indicator proposals (see module docstring)."""
    return IndicatorProposals()
