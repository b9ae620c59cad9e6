"""displaCy with the library's own colours for the seven labels."""

from __future__ import annotations

from typing import Any

from spacy import displacy
from spacy.tokens import Doc

from .scoring import LABELS

COLORS = {
    "QUANTITY": "#f4a261",
    "UNIT": "#ffd6a5",
    "LOC": "#90be6d",
    "ORG": "#4d908e",
    "DATE": "#a2d2ff",
    "POLICY_DOC": "#cdb4db",
    "INDICATOR": "#ffafcc",
}


def render(doc: Doc, jupyter: bool | None = None, **options: Any) -> str | None:
    """Show ``doc``'s entities with displaCy (HTML in a notebook, a string elsewhere)."""
    opts = {"ents": list(LABELS), "colors": COLORS, **options}
    return displacy.render(doc, style="ent", options=opts, jupyter=jupyter)
