"""Turn hand-written span lists into corpus records with character offsets.

Annotators write spans by their surface text, in text order, so no offset is
ever typed by hand. Input (JSONL, one object per paragraph)::

    {"id": "dienbien-2023-p0012", "spans": [
      {"t": "giải quyết việc làm mới", "label": "INDICATOR", "key": "jobs", "indicator": "jobs_created"},
      {"t": "11.309", "label": "QUANTITY", "unit": "u1", "indicator": "jobs", "kind": "value"},
      {"t": "lao động", "label": "UNIT", "key": "u1"}]}

Each span is searched in the paragraph text from the end of the previous span
(``"skip": n`` skips n further occurrences); ``unit`` / ``indicator`` on a
QUANTITY name the ``key`` of another span in the same paragraph. Paragraph
texts come from the skeleton files (``training/make_paragraphs.py``).

    python training/resolve_markup.py MARKUP.jsonl OUT.jsonl corpus/skeleton/*.jsonl
"""

from __future__ import annotations

import sys

import srsly


class MarkupError(ValueError):
    """A span that cannot be placed or a reference that cannot be resolved."""


def resolve(record_id: str, text: str, marks: list[dict]) -> list[dict]:
    """Place ``marks`` in ``text`` left to right; return SPEC section 7 spans."""
    spans: list[dict] = []
    keys: dict[str, int] = {}
    cursor = 0
    for mark in marks:
        surface = mark["t"]
        start = text.find(surface, cursor)
        for _ in range(mark.get("skip", 0)):
            start = text.find(surface, start + 1)
        if start < 0:
            raise MarkupError(f"{record_id}: {surface!r} not found after offset {cursor}")
        end = start + len(surface)
        cursor = end
        if "key" in mark:
            if mark["key"] in keys:
                raise MarkupError(f"{record_id}: key {mark['key']!r} used twice")
            keys[mark["key"]] = len(spans)
        span = {"start": start, "end": end, "label": mark["label"]}
        if mark["label"] == "QUANTITY":
            span.update(unit=mark.get("unit"), indicator=mark.get("indicator"), kind=mark.get("kind", "value"))
            if mark.get("parent") is not None:
                span["parent"] = mark["parent"]
        elif mark["label"] == "INDICATOR":
            span["indicator"] = mark.get("indicator")
        spans.append(span)
    for span in spans:
        for field in ("unit", "indicator", "parent"):
            if span["label"] == "QUANTITY" and span.get(field) is not None:
                if span[field] not in keys:
                    raise MarkupError(f"{record_id}: unknown key {span[field]!r}")
                span[field] = keys[span[field]]
    return spans


def main(markup: str, out: str, *skeletons: str) -> None:
    texts = {r["id"]: r for s in skeletons for r in srsly.read_jsonl(s)}
    records = []
    for item in srsly.read_jsonl(markup):
        base = dict(texts[item["id"]])
        base["spans"] = resolve(item["id"], base["text"], item.get("spans", []))
        records.append(base)
    srsly.write_jsonl(out, records)
    print(f"{len(records)} records -> {out}")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
