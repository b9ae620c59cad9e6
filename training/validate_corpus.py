"""Validate gold corpus files against SPEC section 7; fail loudly.

    python training/validate_corpus.py corpus/*.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable

import srsly

from vn_dolisa_nlp.vocabulary import LABELS as SPEC_LABELS

LABELS = set(SPEC_LABELS)
KINDS = {"value", "plan_ratio", "change", "target"}
TAXONOMY = Path(__file__).resolve().parents[1] / "vn_dolisa_nlp" / "data" / "indicators.json"
CORE_IDS = {entry["id"] for entry in srsly.read_json(TAXONOMY)["indicators"]}  # every id of the taxonomy


def record_errors(rec: dict) -> list[str]:
    """Return every problem found in one corpus record (empty when valid)."""
    errors: list[str] = []
    for key in ("id", "text", "meta", "spans"):
        if key not in rec:
            errors.append(f"missing key {key!r}")
    if errors:
        return errors
    text, spans = rec["text"], rec["spans"]
    if not isinstance(text, str) or not text.strip():
        errors.append("empty text")
    occupied: list[tuple[int, int, int]] = []
    for i, span in enumerate(spans):
        where = f"span {i}"
        label = span.get("label")
        start, end = span.get("start"), span.get("end")
        if label not in LABELS:
            errors.append(f"{where}: unknown label {label!r}")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            errors.append(f"{where}: bad offsets {start}..{end}")
            continue
        surface = text[start:end]
        if surface != surface.strip():
            errors.append(f"{where}: {surface!r} has surrounding whitespace")
        for j, (s, e, _) in enumerate(occupied):
            if start < e and s < end:
                errors.append(f"{where}: {surface!r} overlaps span {j}")
        occupied.append((start, end, i))
        allowed = {"start", "end", "label"}
        if label == "QUANTITY":
            allowed |= {"unit", "indicator", "kind", "parent"}
            if span.get("kind") not in KINDS:
                errors.append(f"{where}: {surface!r} kind {span.get('kind')!r} not in {sorted(KINDS)}")
            for key, want in (("unit", "UNIT"), ("indicator", "INDICATOR"), ("parent", "QUANTITY")):
                ref = span.get(key)
                if ref is None:
                    continue
                if not isinstance(ref, int) or not 0 <= ref < len(spans):
                    errors.append(f"{where}: {key} index {ref!r} out of range")
                elif spans[ref].get("label") != want:
                    errors.append(f"{where}: {key} index {ref} points at a {spans[ref].get('label')}")
        elif label == "INDICATOR":
            allowed |= {"indicator"}
            core = span.get("indicator")
            if core is not None and core not in CORE_IDS:
                errors.append(f"{where}: unknown indicator id {core!r}")
        extra = set(span) - allowed
        if extra:
            errors.append(f"{where}: unexpected keys {sorted(extra)}")
    return errors


def validate(paths: Iterable[Path]) -> list[str]:
    """Validate files; return messages ``file:line id: problem`` (empty when all valid)."""
    messages: list[str] = []
    seen: set[str] = set()
    for path in paths:
        for n, rec in enumerate(srsly.read_jsonl(path), 1):
            rid = rec.get("id", "?")
            if rid in seen:
                messages.append(f"{path}:{n} {rid}: duplicate id")
            seen.add(rid)
            messages += [f"{path}:{n} {rid}: {e}" for e in record_errors(rec)]
    return messages


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or sorted(Path("corpus").glob("*.jsonl"))
    messages = validate(paths)
    for m in messages:
        print(m)
    print(f"{len(paths)} file(s): {'OK' if not messages else f'{len(messages)} error(s)'}")
    return 1 if messages else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
