"""Evaluate a pipeline on gold paragraphs (SPEC sections 7 and 8).

    python -m vn_dolisa_nlp.evaluate corpus/thuathienhue-2023.jsonl [--model PATH] [--no-baseline] [--no-proposals]
    python -m vn_dolisa_nlp.evaluate --split test [--out FILE]   # each real report, and the written ones

Paragraphs are put back into their documents (by ``meta.source``, in paragraph
order, one per line) so that section headings and the document heading give
their context, as they do when a user runs a whole report. Prints per-label
precision, recall and F1 (exact spans; ``INDICATOR`` also by overlap), the
same for ``underthesea.ner`` on ``LOC`` and ``ORG``, link F1, kind and unit
accuracy, and the share of core-id facts found.
"""

from __future__ import annotations

import argparse
from bisect import bisect_left
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

import srsly
from spacy.language import Language

from .numbers import parse_number
from .linking import UnitIndex
from .scoring import PRF, Scores, link_table, ner_table, score
from .units import unit_of


def documents(paragraphs: list[dict]) -> list[tuple[str, list[dict], list[int]]]:
    """Group paragraphs into documents: (text, paragraphs, start offset of each)."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for p in paragraphs:
        groups[p.get("meta", {}).get("source", p["id"])].append(p)
    out = []
    for _, paras in groups.items():
        paras.sort(key=lambda p: p.get("meta", {}).get("paragraph", 0))
        offsets, pos = [], 0
        for p in paras:
            offsets.append(pos)
            pos += len(p["text"]) + 1
        out.append(("\n".join(p["text"] for p in paras), paras, offsets))
    return out


def predict(nlp: Language, paragraphs: list[dict]) -> list[dict]:
    """Predicted paragraphs in the corpus format, each document run as a whole."""
    docs = documents(paragraphs)
    out = []
    for (_text, paras, offsets), doc in zip(docs, nlp.pipe(d[0] for d in docs)):
        ents = list(doc.ents)
        starts = [e.start_char for e in ents]
        all_records = doc._.records or []
        records = {(r["quantity_start"], r["quantity_end"]): r for r in all_records}
        for para, off in zip(paras, offsets):
            end = off + len(para["text"])
            first = bisect_left(starts, off)
            inside = [e for e in ents[first:bisect_left(starts, end)] if e.end_char <= end]
            spans = [{"start": e.start_char - off, "end": e.end_char - off, "label": e.label_} for e in inside]
            index = {(s["start"], s["end"]): i for i, s in enumerate(spans)}
            units = UnitIndex([u for u in inside if u.label_ == "UNIT"])
            for i, e in enumerate(inside):
                if e.label_ != "QUANTITY":
                    continue
                rec = records.get((e.start_char, e.end_char))
                u = units.of(e) if rec is None or rec["unit_text"] is not None else None  # as the record has it
                unit = index[(u.start_char - off, u.end_char - off)] if u is not None else None
                link = None
                if rec and rec["indicator_start"] is not None:
                    link = index.get((rec["indicator_start"] - off, rec["indicator_end"] - off))
                parent = None
                if rec and rec["parent"] is not None:
                    total = all_records[rec["parent"]]
                    parent = index.get((total["quantity_start"] - off, total["quantity_end"] - off))
                spans[i].update(unit=unit, indicator=link, kind=rec["kind"] if rec else "value",
                                fact=_fact(rec), parent=parent)
            out.append({"id": para["id"], "text": para["text"], "spans": spans})
    return out


def _fact(rec: dict | None) -> tuple | None:
    if not rec or rec["indicator"] is None:
        return None
    return (rec["indicator"], _round(rec["value"]), rec["unit"], rec["kind"])


def _round(value) -> float | None:
    return None if value is None else round(float(value), 6)


def gold_fact(paragraph: dict, span: dict) -> tuple | None:
    """The (core id, value, unit, kind) a gold quantity states, or None without a core id."""
    spans, text = paragraph["spans"], paragraph["text"]
    if span.get("indicator") is None or spans[span["indicator"]].get("indicator") is None:
        return None
    value = parse_number(text[span["start"]:span["end"]])
    unit, multiplier = (None, 1.0)
    if span.get("unit") is not None:
        u = spans[span["unit"]]
        unit, multiplier = unit_of(text[u["start"]:u["end"]])
    if value is not None:
        value = value * multiplier
    return (spans[span["indicator"]]["indicator"], _round(value), unit, span["kind"])


def score_facts(gold: list[dict], pred: list[dict], scores: Scores) -> None:
    """Share of gold quantities with a core id whose predicted record states the same fact."""
    by_id = {p["id"]: p for p in pred}
    facts = scores.facts
    for g in gold:
        predicted = {(s["start"], s["end"]): s.get("fact") for s in by_id[g["id"]]["spans"]
                     if s["label"] == "QUANTITY"}
        for s in g["spans"]:
            if s["label"] != "QUANTITY":
                continue
            fact = gold_fact(g, s)
            if fact is None:
                continue
            facts.n_gold += 1
            found = predicted.get((s["start"], s["end"])) == fact
            facts.tp_gold += found
    facts.n_pred = sum(1 for p in pred for s in p["spans"] if s.get("fact"))
    facts.tp_pred = facts.tp_gold


def underthesea_entities(paragraphs: Iterable[dict]) -> list[dict]:
    """``underthesea.ner`` LOC / ORG spans in the corpus format (character offsets)."""
    from underthesea import ner

    out = []
    for p in paragraphs:
        text, spans, pos = p["text"], [], 0
        current = None
        for word, _pos, _chunk, tag in ner(text):
            parts = [w for w in re.split(r"[\s_]+", word) if w]
            start = text.find(parts[0], pos) if parts else -1
            if start < 0:
                current = None
                continue
            end = start
            for w in parts:
                found = text.find(w, end)
                end = found + len(w) if found >= 0 else end
            pos = end
            label = tag[2:] if tag[:2] in ("B-", "I-") else None
            if tag.startswith("B-") or (label and (current is None or current["label"] != label)):
                current = {"start": start, "end": end, "label": label}
                spans.append(current)
            elif tag.startswith("I-") and current is not None:
                current["end"] = end
            else:
                current = None
        out.append({"id": p["id"], "text": text,
                    "spans": [s for s in spans if s["label"] in ("LOC", "ORG")]})
    return out


def baseline_table(gold: list[dict], ours: Scores) -> str:
    base = score([{**g, "spans": [s for s in g["spans"] if s["label"] in ("LOC", "ORG")]} for g in gold],
                 underthesea_entities(gold))
    rows = ["| label | vn_dolisa_nlp F1 | underthesea.ner F1 (P / R) |", "|---|---:|---:|"]
    for label in ("LOC", "ORG"):
        b: PRF = base.ner[label]
        rows.append(f"| {label} | {ours.ner[label].f:.3f} | {b.f:.3f} ({b.p:.3f} / {b.r:.3f}) |")
    return "\n".join(rows)


def link_breakdown(gold: list[dict], pred: list[dict]) -> Counter:
    """Gold-linked quantities by what became of them, and unlinked ones by whether a link was predicted."""
    by_id = {p["id"]: p for p in pred}
    out: Counter = Counter()

    def overlaps(a: dict, b: dict) -> bool:
        return a["start"] < b["end"] and b["start"] < a["end"]

    for g in gold:
        p = by_id[g["id"]]
        quantities = {(s["start"], s["end"]): s for s in p["spans"] if s["label"] == "QUANTITY"}
        indicators = [s for s in p["spans"] if s["label"] == "INDICATOR"]
        for s in g["spans"]:
            if s["label"] != "QUANTITY":
                continue
            q = quantities.get((s["start"], s["end"]))
            linked = p["spans"][q["indicator"]] if q and q.get("indicator") is not None else None
            if s.get("indicator") is None:
                out["no gold link: none predicted" if linked is None else "no gold link: one predicted"] += 1
                continue
            gi = g["spans"][s["indicator"]]
            if q is None:
                out["gold link: quantity missed"] += 1
            elif linked is not None and overlaps(gi, linked):
                out["gold link: right indicator"] += 1
            elif not any(overlaps(gi, x) for x in indicators):
                out["gold link: its indicator not found"] += 1
            elif linked is None:
                out["gold link: indicator found, not linked"] += 1
            else:
                out["gold link: wrong indicator"] += 1
    return out


POSITIONS = ("before", "after", "breakdown item", "list item", "other sentence")


def position_of(paragraph: dict, span: dict) -> str:
    """Where a gold quantity's indicator stands relative to it: in an earlier sentence of the
    paragraph, a breakdown item (it has a ``parent``), a ``;``-list item (a ``;`` between them),
    right before it, or after it."""
    text, ind = paragraph["text"], paragraph["spans"][span["indicator"]]
    if ind["start"] >= span["end"]:
        between = text[span["end"]:ind["start"]]
    else:
        between = text[ind["end"]:span["start"]]
    if re.search(r"[.!?](?:\s|$)", between):
        return "other sentence"
    if span.get("parent") is not None:
        return "breakdown item"
    if ";" in between:
        return "list item"
    return "after" if ind["start"] >= span["end"] else "before"


def position_table(gold: list[dict], pred: list[dict]) -> str:
    """Gold links by the indicator's position relative to its number, and how many were linked right."""
    by_id = {p["id"]: p for p in pred}
    counts: Counter = Counter()
    right: Counter = Counter()
    for g in gold:
        p = by_id[g["id"]]
        quantities = {(s["start"], s["end"]): s for s in p["spans"] if s["label"] == "QUANTITY"}
        for s in g["spans"]:
            if s["label"] != "QUANTITY" or s.get("indicator") is None:
                continue
            where = position_of(g, s)
            counts[where] += 1
            q = quantities.get((s["start"], s["end"]))
            if q is not None and q.get("indicator") is not None:
                gi, pi = g["spans"][s["indicator"]], p["spans"][q["indicator"]]
                right[where] += gi["start"] < pi["end"] and pi["start"] < gi["end"]
    rows = ["| gold links by indicator position | gold | linked right | recall |", "|---|---:|---:|---:|"]
    for where in POSITIONS:
        n = counts[where]
        rows.append(f"| {where} | {n} | {right[where]} | {right[where] / n if n else 0:.3f} |")
    return "\n".join(rows)


def evaluate(nlp: Language, gold: list[dict]) -> tuple[Scores, list[dict]]:
    """Scores of ``nlp`` on gold paragraphs, and its predictions."""
    pred = predict(nlp, gold)
    scores = score(gold, pred)
    score_facts(gold, pred, scores)
    return scores, pred


def file_sets(split: str, root: Path = Path(".")) -> dict[str, list[Path]]:
    """The gold files of a split of ``corpus/splits.json``, as separate sets: each real report
    on its own, the written reports together, and the written reports again in two parts:
    those written after the 2025 reform and those before it (:func:`is_post_2025`)."""
    docs = srsly.read_json(root / "corpus" / "splits.json")[split]
    sets: dict[str, list[Path]] = {}
    eras: dict[str, list[Path]] = {}
    for doc in docs:
        real = root / "corpus" / f"{doc}.jsonl"
        if real.exists():
            sets[doc] = [real]
        else:
            written = root / "corpus" / "written" / f"{doc}.jsonl"
            sets.setdefault(f"written {split} split", []).append(written)
            era = "post-2025" if is_post_2025(root / "corpus" / "written" / "markup" / f"{doc}.jsonl") else "pre-2025"
            eras.setdefault(f"written {split} split, {era} reports", []).append(written)
    return {**sets, **dict(sorted(eras.items(), key=lambda kv: "pre-2025" in kv[0]))}


def is_post_2025(markup: Path) -> bool:
    """True for a written report of the 2025 map: its header line (the first line of its markup
    file) says ``post2025``, or, without that key, dates the report after 1 July 2025."""
    header = next(iter(srsly.read_jsonl(markup)))
    if "post2025" in header:
        return bool(header["post2025"])
    return int(header.get("year") or 0) > 2025


SUMMARY_HEADER = ("| file set | paragraphs | QUANTITY | UNIT | LOC | ORG | DATE | POLICY_DOC | INDICATOR | "
                  "INDICATOR overlap | link F1 | kind acc. | unit acc. | parent F1 | core-id facts |\n"
                  "|---|" + "---:|" * 14)


def summary_row(name: str, paragraphs: int, scores: Scores) -> str:
    """One line of the summary table (the README's accuracy table): F1 per label and the link figures."""
    cells = [f"{scores.ner[label].f:.3f}" for label in ("QUANTITY", "UNIT", "LOC", "ORG", "DATE", "POLICY_DOC",
                                                         "INDICATOR")]
    cells += [f"{scores.indicator_overlap.f:.3f}", f"{scores.links.f:.3f}", f"{scores.kind_accuracy:.3f}",
              f"{scores.unit_accuracy:.3f}", f"{scores.parents.f:.3f}", f"{scores.facts.r:.3f}"]
    return f"| {name} | {paragraphs} | " + " | ".join(cells) + " |"


def report(nlp: Language, name: str, files: list[Path], baseline: bool, summary: list[str] | None = None) -> str:
    """The evaluation tables of one file set, as markdown; its summary row is appended to ``summary``."""
    gold = [p for f in files for p in srsly.read_jsonl(f)]
    scores, pred = evaluate(nlp, gold)
    if summary is not None:
        summary.append(summary_row(name, len(gold), scores))
    parts = [f"### {name}: {len(gold)} paragraphs of {len(files)} report(s)", ner_table(scores)]
    if baseline:
        parts.append(baseline_table(gold, scores))
    parts.append(link_table(scores))
    parts.append("\n".join(["| quantities by link outcome | count |", "|---|---:|"]
                           + [f"| {cause} | {n} |" for cause, n in sorted(link_breakdown(gold, pred).items())]))
    parts.append(position_table(gold, pred))
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m vn_dolisa_nlp.evaluate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="gold corpus files (JSONL, SPEC section 7)")
    parser.add_argument("--split", default=None, help="evaluate the file sets of this split of corpus/splits.json")
    parser.add_argument("--model", default=None, help="pipeline name or path (default: vn_dolisa_nlp.load())")
    parser.add_argument("--no-baseline", action="store_true", help="skip underthesea.ner")
    parser.add_argument("--no-proposals", action="store_true",
                        help="links without indicator proposals (vn_dolisa_linker propose_indicators = false)")
    parser.add_argument("--out", type=Path, default=None, help="also write the tables to this file")
    args = parser.parse_args(argv)
    if not args.files and not args.split:
        parser.error("give gold files or --split")

    import vn_dolisa_nlp

    config = {"components": {"vn_dolisa_linker": {"propose_indicators": False}}} if args.no_proposals else {}
    nlp = vn_dolisa_nlp.load(args.model, config=config)
    sets = file_sets(args.split) if args.split else {", ".join(f.name for f in args.files): args.files}
    rows: list[str] = []
    text = "\n".join(report(nlp, name, files, not args.no_baseline, rows) for name, files in sets.items())
    text += "\n### summary\n\n" + SUMMARY_HEADER + "\n" + "\n".join(rows) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
