"""Every custom ``Doc`` / ``Span`` attribute of the library, declared in one place.

Span attributes are getters (SPEC section 4): each reads the span's text with
one function of its own module and gives None on spans of other labels.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .dates import period_of
from .documents import policy_fields
from .numbers import parse_number
from .places import place_of
from .units import unit_of


def _only(label: str, fn):
    def getter(span: Span):
        return fn(span) if span.label_ == label else None

    return getter


def _policy(field: str):
    return _only("POLICY_DOC", lambda span: policy_fields(span.text)[field])


def _place(span: Span) -> tuple[str | None, str | None]:
    province = span.doc._.province if span.doc.has_extension("province") else None
    return place_of(span.text, province)


SPAN_EXTENSIONS = {
    "value": _only("QUANTITY", lambda s: parse_number(s.text)),
    "unit": _only("UNIT", lambda s: unit_of(s.text)[0]),
    "multiplier": _only("UNIT", lambda s: unit_of(s.text)[1]),
    "doc_type": _policy("doc_type"),
    "doc_number": _policy("doc_number"),
    "issuer_code": _policy("issuer_code"),
    "year": _policy("year"),
    "issued": _policy("issued"),
    "period": _only("DATE", lambda s: period_of(s.text)),
    "admin_level": _only("LOC", lambda s: _place(s)[0]),
    "canonical": _only("LOC", lambda s: _place(s)[1]),
}


def register() -> None:
    """Declare the extensions (idempotent)."""
    for name, getter in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)
    if not Doc.has_extension("records"):
        Doc.set_extension("records", default=None)
    if not Doc.has_extension("province"):
        Doc.set_extension("province", default=None)


register()
