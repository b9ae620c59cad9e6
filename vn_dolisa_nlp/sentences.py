"""Sentence boundaries for administrative text (set by the tokenizer).

A sentence ends at a line break or at ``.``, ``!``, ``?``, ``…`` before a new
word. Decimals (``124,27``), dotted abbreviations (``TP.``) and codes are single
tokens, so they never end a sentence; ``;``-separated lists and ``(1) ... (2)``
enumerations stay in one sentence; a footnote mark or closing bracket after the
full stop stays with the sentence it closes. A markdown table row (a line that
starts with ``|``) is one sentence: a cell's full stop does not part the
indicator cell from the row's unit and values.
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
    line_start, in_row = True, False  # at the first word of a line; inside a table row
    prev = ""
    for i, word in enumerate(words):
        if prev.isspace() and has_line_break(prev):
            pending = line_start = True
        elif prev in _ENDS and not word[0].islower() and not in_row:
            pending = True
        if line_start and not word.isspace():
            in_row, line_start = word == "|", False
        if is_sentence_word(word):
            starts[i] = pending
            pending = False
        prev = word
    if words:
        starts[0] = True
    return starts


def is_sentence_word(word: str) -> bool:
    """A token that can start a sentence: not a space, a closing bracket or a footnote mark."""
    return not (word.isspace() or word in _CLOSERS or word[0] in _FOOTNOTE)
