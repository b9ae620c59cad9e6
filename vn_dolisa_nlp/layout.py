"""The layout of a report, found once per ``Doc``: its lines and what each line is.

The component ``vn_dolisa_layout`` runs right after the tokenizer and writes
``doc.spans["lines"]``: one span per non-empty line (a paragraph of the report),
in order, labelled

- ``part`` (``Phần thứ hai``, ``B. ...``), ``section`` (``II. ...``) or ``heading``
  (``1.2. ...``, a line in capitals): headings, nesting in that order;
- ``table_header`` (the row above a markdown rule), ``table_rule`` (``|---|---|``),
  ``table_row`` (any other ``| ... |`` line);
- ``text``: everything else.

A line's index in the group is its paragraph number (SPEC section 5 ``paragraph``).
Later stages read the lines instead of finding them again; :func:`lines_of` gives
them for a ``Doc`` made without the component. :func:`ents_by_line` buckets the
entities by line in one pass.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterable, Sequence

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from .normalize import normalize_text
from .vocabulary import has_line_break

LINES = "lines"
HEADING_LABELS = ("part", "section", "heading")
TABLE_LABELS = ("table_header", "table_rule", "table_row")
TABLE_RULE = re.compile(r"^\|[\s:|-]*-[\s:|-]*$")
_HEADING_START = re.compile(r"^\s*(?:phần\b|[IVX]+\.|[A-Z]\.|\d+(?:\.\d+)*\.?\s)", re.IGNORECASE)
_PART = re.compile(r"^\s*(?:phần\b|[A-D]\.\s)", re.IGNORECASE)
_SECTION = re.compile(r"^\s*[IVX]+\.\s")


def is_heading(text: str) -> bool:
    """A heading line: short, not ending a sentence, in capitals or numbered (``I.``, ``1.2.``, ``a)`` no)."""
    text = text.strip()
    if not text or len(text) > 160 or text.endswith((".", ";", ",")):
        return False
    letters = [c for c in text if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return upper or bool(_HEADING_START.match(text))


def _label(text: str) -> str:
    if text.startswith("|"):
        return "table_rule" if TABLE_RULE.match(text) else "table_row"
    if is_heading(text):
        return "part" if _PART.match(text) else "section" if _SECTION.match(text) else "heading"
    return "text"


def find_lines(doc: Doc) -> list[Span]:
    """The non-empty lines of ``doc``, labelled (see the module docstring)."""
    bounds, start = [], 0
    for tok in doc:
        if tok.is_space and has_line_break(tok.text):
            if tok.i > start:
                bounds.append((start, tok.i))
            start = tok.i + 1
    if start < len(doc):
        bounds.append((start, len(doc)))
    lines = [Span(doc, s, e, label=_label(normalize_text(doc[s:e].text)))
             for s, e in bounds if not all(t.is_space for t in doc[s:e])]
    for above, below in zip(lines, lines[1:]):
        if above.label_ == "table_row" and below.label_ == "table_rule":
            above.label_ = "table_header"
    return lines


def lines_of(doc: Doc) -> SpanGroup:
    """``doc.spans["lines"]``, found now when no layout component ran."""
    if LINES not in doc.spans:
        doc.spans[LINES] = find_lines(doc)
    return doc.spans[LINES]


def line_starts(doc: Doc) -> list[int]:
    """Start tokens of the lines, for :func:`line_at`."""
    return [line.start for line in lines_of(doc)]


def hash_mask(values: np.ndarray, doc: Doc, words: Iterable[str]) -> np.ndarray:
    """Which tokens are one of ``words``, given the hashes of one attribute of every token
    (``doc.to_array("ORTH")`` or ``"NORM"``); one comparison per word, cheaper than
    ``np.isin`` for the few words the stages ask about."""
    strings = doc.vocab.strings
    mask = np.zeros(len(values), dtype=bool)
    for word in words:
        mask |= values == strings.add(word)
    return mask


def line_at(starts: list[int], token: int) -> int:
    """Index of the line holding ``token`` (the last line starting at or before it)."""
    return max(0, bisect_right(starts, token) - 1)


def ents_by_line(doc: Doc, ents: Sequence[Span] | None = None) -> list[list[Span]]:
    """The entities of each line, in one pass over ``doc.ents``."""
    lines = lines_of(doc)
    out: list[list[Span]] = [[] for _ in lines]
    k = 0
    for ent in doc.ents if ents is None else ents:
        while k < len(lines) and lines[k].end <= ent.start:
            k += 1
        if k < len(lines) and lines[k].start <= ent.start and ent.end <= lines[k].end:
            out[k].append(ent)
    return out


def ents_in(doc: Doc, start: int, end: int) -> list[Span]:
    """The entities inside tokens ``start:end``, read from the tokens (no scan of ``doc.ents``)."""
    out, i = [], start
    while i < end:
        tok = doc[i]
        if tok.ent_iob_ == "B":
            j = i + 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            if j <= end:
                out.append(Span(doc, i, j, label=tok.ent_type_))
            i = j
        else:
            i += 1
    return out


class Layout:
    """Pipeline component: write ``doc.spans["lines"]``."""

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[LINES] = find_lines(doc)
        return doc


@Language.factory("vn_dolisa_layout", assigns=["doc.spans"])
def make_layout(nlp: Language, name: str) -> Layout:
    """``vn_dolisa_layout``: the report's lines, headings and table rows (module docstring)."""
    return Layout()
