"""Records as a pandas DataFrame."""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc

from .records import RECORD_KEYS


def to_dataframe(docs_or_records: Doc | Iterable[Doc] | Iterable[dict]):
    """One row per record, columns in SPEC order, with ``source`` first when the records
    carry one (rows of the CLI, or records given a ``source``) and ``page`` when they have it.

    Takes a ``Doc``, an iterable of ``Doc`` objects, or record dicts.
    """
    import pandas as pd

    items = [docs_or_records] if isinstance(docs_or_records, Doc) else list(docs_or_records)
    rows: list[dict] = []
    for item in items:
        if isinstance(item, Doc):
            if item._.records is None:
                raise ValueError("this Doc has no records: process it with vn_dolisa_nlp.load() first")
            rows.extend(item._.records)
        elif isinstance(item, dict):
            rows.append(item)
        else:
            raise TypeError(f"to_dataframe takes Docs or record dicts, got {type(item).__name__}")
    columns = list(RECORD_KEYS)
    if "page" not in columns and any(r.get("page") is not None for r in rows):
        columns.append("page")
    if any("source" in r for r in rows):
        columns = ["source", *columns]
    return pd.DataFrame(rows, columns=columns)
