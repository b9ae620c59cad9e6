"""Every custom ``Doc`` / ``Span`` attribute of the library, declared in one place.

Span attributes are getters (SPEC section 4): each reads the span's text with
one function of its own module and gives None on spans of other labels.
``span._.link`` holds the linker's decision for a ``QUANTITY``; ``doc._.records``
the records; ``doc._.province`` is a getter: the short name of the report's own
province, read from its heading lines (it breaks ties between places of the same name).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .context import report_province
from .dates import period_of
from .documents import policy_fields
from .normalize import normalize_text
from .numbers import parse_number
from .places import place_of
from .units import unit_of


def _only(label: str, fn):
    """A getter for spans of ``label``: ``fn`` of the span's normalised text (NFC, modern tones)."""

    def getter(span: Span):
        return fn(normalize_text(span.text)) if span.label_ == label else None

    return getter


def _policy(field: str):
    return _only("POLICY_DOC", lambda text: policy_fields(text)[field])


def _place(field: int):
    def getter(span: Span):
        if span.label_ != "LOC":
            return None
        return place_of(normalize_text(span.text), span.doc._.province)[field]

    return getter


SPAN_EXTENSIONS = {
    "value": _only("QUANTITY", parse_number),
    "unit": _only("UNIT", lambda text: unit_of(text)[0]),
    "multiplier": _only("UNIT", lambda text: unit_of(text)[1]),
    "doc_type": _policy("doc_type"),
    "doc_number": _policy("doc_number"),
    "issuer_code": _policy("issuer_code"),
    "year": _policy("year"),
    "issued": _policy("issued"),
    "period": _only("DATE", period_of),
    "admin_level": _place(0),
    "canonical": _place(1),
}


def register() -> None:
    """Declare the extensions (idempotent)."""
    for name, getter in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)
    if not Span.has_extension("link"):
        Span.set_extension("link", default=None)  # a QUANTITY's link, set by vn_dolisa_linker
    if not Doc.has_extension("records"):
        Doc.set_extension("records", default=None)
    if not Doc.has_extension("province"):
        Doc.set_extension("province", getter=report_province)


register()
