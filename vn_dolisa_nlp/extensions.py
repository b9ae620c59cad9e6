"""Every custom ``Doc`` / ``Span`` attribute of the library, declared in one place.

Span attributes are getters (SPEC section 4): each reads the span's text with
one function of its own module and gives None on spans of other labels.
``span._.link`` holds the linker's decision for a ``QUANTITY``; ``doc._.records``
the records; ``doc._.province`` is a getter: the short name of the report's own
province, read from its heading lines (it breaks ties between places of the same name).
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable

from spacy.tokens import Doc, Span

from .context import report_province, report_where
from .dates import period_of
from .documents import policy_fields
from .normalize import normalize_text
from .numbers import parse_number
from .places import lookup
from .units import unit_of


def _read(span: Span, label: str, read: Callable[[str], Any], field: int | str | None = None) -> Any:
    """``read`` of the span's normalised text (NFC, modern tones) for spans of ``label``, else None."""
    if span.label_ != label:
        return None
    value = read(normalize_text(span.text))
    return value if field is None else value[field]


def _place(span: Span, field: int) -> Any:
    """A ``LOC``'s level, canonical name or 2025 province, read with the report's province
    (ties between places of one name) and map (its units first)."""
    if span.label_ != "LOC":
        return None
    where = report_where(span.doc)
    return lookup(normalize_text(span.text), where.province, where.era)[field]


# Getters are partials of module functions, so that spaCy can send them to worker processes.
SPAN_EXTENSIONS = {
    "value": partial(_read, label="QUANTITY", read=parse_number),
    "unit": partial(_read, label="UNIT", read=unit_of, field=0),
    "multiplier": partial(_read, label="UNIT", read=unit_of, field=1),
    **{name: partial(_read, label="POLICY_DOC", read=policy_fields, field=name)
       for name in ("doc_type", "doc_number", "issuer_code", "year", "issued")},
    "period": partial(_read, label="DATE", read=period_of),
    "admin_level": partial(_place, field=0),
    "canonical": partial(_place, field=1),
    "province_2025": partial(_place, field=2),
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
