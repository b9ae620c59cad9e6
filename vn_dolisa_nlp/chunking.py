"""Whole documents in bounded memory and linear time: paragraphs first, the document after.

``process(nlp, text)`` runs a long text the way a report is built: the stages that
read one line at a time (tokenizer, ``tok2vec``, ``ner``, the entity rules) run on
chunks of whole lines of about :data:`CHUNK_CHARS` characters through ``nlp.pipe``,
four chunks at a time, the chunks are joined with ``Doc.from_docs`` (the text stays
exactly the input; the tok2vec tensors are dropped, no later stage reads them), and
the stages that read the whole document (:data:`DOCUMENT_LEVEL`: layout, proposals,
linker, records) run once on the joined ``Doc``. A short text is simply ``nlp(text)``.
``extract()``, ``vn_dolisa_nlp.nlp()`` and the command line use it; :func:`pipe` does the
same for many texts, the short ones through ``nlp.pipe`` (the archive's partitions use it).
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

import numpy
from spacy.language import Language
from spacy.tokens import Doc

DOCUMENT_LEVEL = ("vn_dolisa_layout", "vn_dolisa_proposals", "vn_dolisa_linker", "vn_dolisa_records")
CHUNK_CHARS = 20_000
BATCH_CHUNKS = 4  # chunks the models see at once: their activations, not the text, bound the memory
# After a run of line breaks, before a line that starts a sentence: not before a footnote mark or a
# closing bracket, which the sentence splitter keeps with the sentence before (sentences.py).
_CUT = re.compile(r"[\n\r\u2028\u2029\x85\x0b\x0c\x1c-\x1e]+(?=[^\s\u00b2\u00b3\u00b9\u2070-\u2079)\]”\"'’»])")


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut after line breaks into pieces of about ``size`` characters; they join
    back to ``text`` exactly. A line longer than ``size`` stays whole."""
    out, start = [], 0
    while len(text) - start > size:
        cut = _CUT.search(text, start + size)
        back = None
        for m in _CUT.finditer(text, start, start + size):
            back = m
        end = back.end() if back is not None and back.end() > start else (cut.end() if cut else len(text))
        out.append(text[start:end])
        start = end
    if start < len(text) or not out:
        out.append(text[start:])
    return out


def process(nlp: Language, text: str, size: int = CHUNK_CHARS) -> Doc:
    """The ``Doc`` of a whole document (see the module docstring)."""
    return nlp(text) if len(text) <= size else _long(nlp, text, size)


def pipe(nlp: Language, texts: Iterable[str], size: int = CHUNK_CHARS, batch_size: int = 16) -> Iterator[Doc]:
    """:func:`process` for many documents, one ``Doc`` each, in order: each run of short
    texts through ``nlp.pipe`` (``batch_size`` at a time), each long text chunk by chunk."""
    short: list[str] = []
    for text in texts:
        if len(text) <= size:
            short.append(text)
            if len(short) < batch_size:
                continue
        if short:
            yield from nlp.pipe(short, batch_size=batch_size)
            short = []
        if len(text) > size:
            yield _long(nlp, text, size)
    if short:
        yield from nlp.pipe(short, batch_size=batch_size)


def _long(nlp: Language, text: str, size: int) -> Doc:
    """A text longer than ``size``: the local stages chunk by chunk, then the document's."""
    document_level = [(name, proc) for name, proc in nlp.pipeline if name in DOCUMENT_LEVEL]
    local = [name for name in nlp.pipe_names if name not in DOCUMENT_LEVEL or name == "vn_dolisa_layout"]
    if not document_level:
        return nlp(text)
    with nlp.select_pipes(enable=local):
        parts = []
        for part in nlp.pipe(chunks(text, size), batch_size=BATCH_CHUNKS):
            part.tensor = numpy.zeros((0,), dtype="float32")  # tok2vec's output: no later stage reads it
            parts.append(part)
    doc = Doc.from_docs(parts, ensure_whitespace=False)
    for _, proc in document_level:
        doc = proc(doc)
    return doc
