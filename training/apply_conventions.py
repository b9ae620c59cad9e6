"""Apply two SPEC v2 conventions the same way across the whole gold corpus.

    python training/apply_conventions.py corpus/*.jsonl corpus/written/markup/*.jsonl

The writers and reviewers settled these two cases differently from report to
report, so one script applies the decision (``corpus/GUIDELINES.md``) to every file:

1. **Named holidays and commemoration days are one DATE** (SPEC section 3,
   Conventions: "a named holiday is one DATE with its year when written"), with or
   without a year: ``[Ngày Thương binh - Liệt sĩ]``, ``[Tết Nguyên đán Giáp Thìn 2024]``,
   ``[Tết Trung thu]``. A DATE inside the name (``2024``) is merged into it; a name
   overlapping any other span is left alone.
2. **A table value in a ``%`` column has no count unit**: a QUANTITY in a column whose
   header cell holds ``%`` (``% so KH``, ``So sánh cùng kỳ (%)``) that points at the row's
   unit cell (``người``) gets ``unit`` null; it is a percentage.

Gold files (``corpus/*.jsonl``) are edited in place; markup files
(``corpus/written/markup``) too, and are then rebuilt with ``build_written.py``.
Prints the number of changes per file and rule.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import srsly

HOLIDAY = re.compile(
    r"Ngày\s+[Tt]hương\s+binh\s*[-–]?\s*[Ll]iệt\s+s[ĩỹ]"
    r"|Tết\s+Nguyên\s+đán(?:\s+(?:Canh|Tân|Nhâm|Quý|Giáp|Ất|Bính|Đinh|Mậu|Kỷ)\s+"
    r"(?:Tý|Sửu|Dần|Mão|Thìn|Tỵ|Ngọ|Mùi|Thân|Dậu|Tuất|Hợi))?(?:\s+(?:năm\s+)?(?:19|20)\d\d)?"
    r"|Tết\s+Trung\s+thu(?:\s+(?:năm\s+)?(?:19|20)\d\d)?"
    r"|Ngày\s+Quốc\s+tế\s+[Tt]hiếu\s+nhi|Ngày\s+[Gg]iải\s+phóng\s+miền\s+Nam|Ngày\s+Quốc\s+khánh"
    r"|Ngày\s+[Nn]gười\s+cao\s+tuổi\s+Việt\s+Nam|Ngày\s+Quốc\s+tế\s+[Nn]gười\s+cao\s+tuổi"
)
TABLE_RULE = re.compile(r"^\|[\s:|-]*-[\s:|-]*$")


def cells(text: str) -> list[tuple[int, int]]:
    """Character ranges of the cells of a markdown table row."""
    bars = [i for i, c in enumerate(text) if c == "|"]
    return list(zip(bars, bars[1:]))


def holidays(text: str, spans: list[dict]) -> tuple[list[dict], int]:
    """``spans`` with the named holidays of ``text`` as whole DATEs; the number added."""
    added = 0
    for m in HOLIDAY.finditer(text):
        start, end = m.start(), m.end()
        inside = [s for s in spans if s["start"] < end and start < s["end"]]
        if any(s["label"] != "DATE" or s["start"] < start or s["end"] > end for s in inside):
            continue  # part of another entity, or a DATE that reaches beyond the name
        if any(s["start"] == start and s["end"] == end for s in inside):
            continue
        for s in inside:
            spans.remove(s)
        spans.append({"start": start, "end": end, "label": "DATE"})
        added += 1
    return spans, added


def percent_units(text: str, spans: list[dict], header: list[str] | None) -> int:
    """Unset the unit of ``%``-column values of a table row; the number changed."""
    if header is None or not text.strip().startswith("|"):
        return 0
    changed = 0
    for s in spans:
        if s["label"] != "QUANTITY" or s.get("unit") is None:
            continue
        column = next((k for k, (a, b) in enumerate(cells(text)) if a < s["start"] < b), None)
        unit = s["unit"]
        if column is None or column >= len(header) or "%" not in header[column]:
            continue
        if text[unit["start"]:unit["end"]].strip() != "%":
            s["unit"] = None
            changed += 1
    return changed


def fix_record(text: str, spans: list[dict], header: list[str] | None) -> tuple[list[dict], int, int]:
    """One paragraph's spans (gold form, indexes) with both conventions applied."""
    objs = [dict(s) for s in spans]
    for s in objs:  # indexes -> references
        for key in ("unit", "indicator", "parent"):
            if s["label"] == "QUANTITY" and isinstance(s.get(key), int):
                s[key] = objs[s[key]]
    n_pct = percent_units(text, objs, header)
    objs, n_hol = holidays(text, objs)
    objs.sort(key=lambda s: s["start"])
    index = {id(s): i for i, s in enumerate(objs)}
    out = []
    for s in objs:
        s = dict(s)
        for key in ("unit", "indicator", "parent"):
            if isinstance(s.get(key), dict):
                s[key] = index.get(id(s[key]))
        out.append(s)
    return out, n_hol, n_pct


def header_cells(text: str) -> list[str]:
    return [text[a + 1:b] for a, b in cells(text)]


def fix_gold(path: Path) -> tuple[int, int]:
    records = list(srsly.read_jsonl(path))
    totals = [0, 0]
    header, previous = None, None
    for rec in records:
        text = rec["text"]
        if TABLE_RULE.match(text.strip()) and previous is not None:
            header = header_cells(previous)
        elif not text.strip().startswith("|"):
            header = None
        rec["spans"], n_hol, n_pct = fix_record(text, rec["spans"], header)
        totals[0] += n_hol
        totals[1] += n_pct
        previous = text
    srsly.write_jsonl(path, records)
    return totals[0], totals[1]


def fix_markup(path: Path) -> tuple[int, int]:
    """The same on a markup file: resolved, fixed, and written back as markup."""
    sys.path.insert(0, str(Path(__file__).parent))
    from resolve_markup import resolve

    lines = list(srsly.read_jsonl(path))
    totals = [0, 0]
    header, previous = None, None
    for k, para in enumerate(lines[1:], 1):
        text = para["text"]
        if TABLE_RULE.match(text.strip()) and previous is not None:
            header = header_cells(previous)
        elif not text.strip().startswith("|"):
            header = None
        spans = resolve(f"{path.stem}-{k}", text, para.get("spans", []))
        fixed, n_hol, n_pct = fix_record(text, spans, header)
        totals[0] += n_hol
        totals[1] += n_pct
        if n_hol or n_pct:
            para["spans"] = to_markup(text, fixed)
        previous = text
    srsly.write_jsonl(path, lines)
    return totals[0], totals[1]


def to_markup(text: str, spans: list[dict]) -> list[dict]:
    """Gold spans back to surface-text markup (keys ``s<i>``; ``skip`` where a surface repeats)."""
    out, cursor = [], 0
    for i, s in enumerate(spans):
        surface = text[s["start"]:s["end"]]
        found, skip = text.find(surface, cursor), 0
        while found != s["start"]:
            found, skip = text.find(surface, found + 1), skip + 1
        mark = {"t": surface, "label": s["label"], "key": f"s{i}"}
        if skip:
            mark["skip"] = skip
        if s["label"] == "QUANTITY":
            mark["kind"] = s.get("kind", "value")
            for key in ("unit", "indicator", "parent"):
                if s.get(key) is not None:
                    mark[key] = f"s{s[key]}"
        elif s["label"] == "INDICATOR":
            mark["indicator"] = s.get("indicator")
        out.append(mark)
        cursor = s["end"]
    return out


def main(paths: list[str]) -> None:
    print("| file | holidays made whole DATEs | % column units unset |\n|---|---:|---:|")
    totals = [0, 0]
    for name in paths:
        path = Path(name)
        n_hol, n_pct = fix_markup(path) if path.parent.name == "markup" else fix_gold(path)
        totals[0] += n_hol
        totals[1] += n_pct
        if n_hol or n_pct:
            print(f"| {path.stem} | {n_hol} | {n_pct} |")
    print(f"| **all** | {totals[0]} | {totals[1]} |")


if __name__ == "__main__":
    main(sys.argv[1:])
