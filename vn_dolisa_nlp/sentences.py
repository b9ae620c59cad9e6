"""Sentence boundaries for administrative text (set by the tokenizer).

A sentence ends at a line break or at ``.``, ``!``, ``?``, ``…`` before a new
word. Decimals (``124,27``), dotted abbreviations (``TP.``) and codes are single
tokens, so they never end a sentence; ``;``-separated lists and ``(1) ... (2)``
enumerations stay in one sentence; a footnote mark or closing bracket after the
full stop stays with the sentence it closes.
"""

from __future__ import annotations

from .vocabulary import has_line_break

_ENDS = {".", "!", "?", "…", "...", "...."}
_FOOTNOTE = "¹²³⁰⁴⁵⁶⁷⁸⁹"
_CLOSERS = {")", "]", "”", "\"", "'", "’", "»"}


def sentence_starts(words: list[str]) -> list[bool]:
    """For each token text, whether it starts a sentence."""
    starts = [False] * len(words)
    pending = True  # a boundary was seen; the next real word starts a sentence
    prev = ""
    for i, word in enumerate(words):
        if prev.isspace() and has_line_break(prev):
            pending = True
        elif prev in _ENDS and not word[0].islower():
            pending = True
        if not (word.isspace() or word in _CLOSERS or word[0] in _FOOTNOTE):
            starts[i] = pending
            pending = False
        prev = word
    if words:
        starts[0] = True
    return starts
