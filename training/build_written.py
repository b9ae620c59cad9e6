"""Build the gold files of the written reports from their markup.

A written report is one markup file ``corpus/written/markup/<report>.jsonl``:
the first line is the report's header, every other line one paragraph with its
spans written by surface text (``training/resolve_markup.py`` explains the span
form; a QUANTITY may also name the ``key`` of its total's QUANTITY as ``parent``)::

    {"report": "nghean-2022-annual", "province": "Nghệ An", "year": 2022,
     "period": "2022", "type": "provincial-annual", "issuer": "Sở Lao động - ...",
     "post2025": false, "sources": ["https://..."], "writer": "w3"}
    {"text": "Toàn tỉnh giải quyết việc làm cho 23.125 lao động; trong đó: ...",
     "spans": [{"t": "giải quyết việc làm", "label": "INDICATOR", "key": "i1", "indicator": "jobs_created"},
               {"t": "23.125", "label": "QUANTITY", "key": "q1", "unit": "u1", "indicator": "i1", "kind": "value"},
               {"t": "lao động", "label": "UNIT", "key": "u1"}, ...]}

Output: ``corpus/written/<report>.jsonl`` in the format of SPEC section 7 (ids
``<report>-p<NNNN>``), and ``corpus/written/SOURCES.md`` listing every report's
addresses, province and period.

    python training/build_written.py                 # every markup file
    python training/build_written.py --check FILE    # validate only, write nothing
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import srsly

from resolve_markup import MarkupError, resolve
from validate_corpus import record_errors

ROOT = Path(__file__).resolve().parents[1]
WRITTEN = ROOT / "corpus" / "written"
MARKUP = WRITTEN / "markup"
EXCLUDED = ROOT.parent / "shared" / "EXCLUDED_SOURCES.md"
REPORT_TYPES = {
    "provincial-annual", "provincial-6month", "provincial-9month", "provincial-quarterly",
    "district", "commune", "snv", "syt", "thematic-merit", "thematic-poverty",
    "thematic-children", "thematic-vocational", "thematic-social-insurance",
}
HEADER_KEYS = ("report", "province", "year", "period", "type", "issuer", "post2025", "sources")


def excluded_sources() -> set[str]:
    """Addresses reserved for independent evaluation (only where ``shared/`` is present)."""
    if not EXCLUDED.exists():
        return set()
    lines = EXCLUDED.read_text(encoding="utf-8").splitlines()
    return {line[2:].strip().rstrip("/") for line in lines if line.startswith("- http")}


def header_errors(header: dict, path: Path, excluded: set[str]) -> list[str]:
    """Problems of a report header."""
    errors = [f"header: missing {key!r}" for key in HEADER_KEYS if key not in header]
    if errors:
        return errors
    if header["report"] != path.stem:
        errors.append(f"header: report {header['report']!r} differs from the file name {path.stem!r}")
    if header["type"] not in REPORT_TYPES:
        errors.append(f"header: type {header['type']!r} not in {sorted(REPORT_TYPES)}")
    if not isinstance(header["year"], int) or not 2015 <= header["year"] <= 2026:
        errors.append(f"header: year {header['year']!r} outside 2015-2026")
    if not header["sources"]:
        errors.append("header: no sources")
    for url in header["sources"]:
        if url.rstrip("/") in excluded:
            errors.append(f"header: {url} is an excluded source")
    if "thái bình" in header["province"].lower() and header["year"] == 2020:
        errors.append("header: Thái Bình 2020 is reserved for independent evaluation")
    return errors


def build_report(path: Path, excluded: set[str]) -> tuple[dict, list[dict], list[str]]:
    """The header, the gold records and the problems of one markup file."""
    lines = list(srsly.read_jsonl(path))
    if not lines:
        return {}, [], ["empty file"]
    header, paragraphs = lines[0], lines[1:]
    errors = header_errors(header, path, excluded)
    records = []
    for index, para in enumerate(paragraphs):
        rid = f"{path.stem}-p{index:04d}"
        text = para.get("text", "")
        try:
            spans = resolve(rid, text, para.get("spans", []))
        except (MarkupError, KeyError, TypeError) as err:
            errors.append(f"{rid}: {err}")
            continue
        meta = {"source": f"written/markup/{path.name}", "paragraph": index, "report": path.stem,
                "province": header.get("province"), "year": header.get("year"),
                "type": header.get("type"), "post2025": header.get("post2025")}
        rec = {"id": rid, "text": text, "meta": meta, "spans": spans}
        errors += [f"{rid}: {e}" for e in record_errors(rec)]
        records.append(rec)
    return header, records, errors


def sources_table(headers: list[dict]) -> str:
    """``SOURCES.md``: one row per written report."""
    rows = ["# Sources of the written reports", "",
            "Every report in `corpus/written/` is our own text, written in the genre's style from facts",
            "and figures of the public pages below (figures may be invented where a sentence needs one;",
            "names of places, bodies and documents are real). No run of more than 8 words is copied.", "",
            "| report | province | period | type | sources |", "|---|---|---|---|---|"]
    for h in sorted(headers, key=lambda h: h["report"]):
        urls = "<br>".join(h["sources"])
        rows.append(f"| {h['report']} | {h['province']} | {h['period']} | {h['type']} | {urls} |")
    return "\n".join(rows) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="validate only")
    args = parser.parse_args(argv)
    files = args.files or sorted(MARKUP.glob("*.jsonl"))
    excluded = excluded_sources()
    failed = 0
    for path in files:
        header, records, errors = build_report(path, excluded)
        for e in errors:
            print(f"{path.name}: {e}")
        if errors:
            failed += 1
            continue
        if not args.check:
            srsly.write_jsonl(WRITTEN / path.name, records)
        print(f"{path.stem}: {len(records)} paragraphs OK")
    if not args.check and not args.files:
        headers = [srsly.read_jsonl(p).__next__() for p in sorted(MARKUP.glob("*.jsonl"))]
        (WRITTEN / "SOURCES.md").write_text(sources_table(headers), encoding="utf-8")
    print(f"{len(files)} report(s), {failed} with errors")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
