"""Propose spans for paragraphs to annotate: the rules (and a trained model, if given) pre-annotate.

    python training/preannotate.py corpus/skeleton/dienbien-2023.jsonl > proposals.jsonl
    python training/preannotate.py SKELETON.jsonl --model packages/vi_dolisa_sm/vi_dolisa_sm/vi_dolisa_sm-0.1.0

Writes the markup format of ``training/resolve_markup.py`` (spans by surface
text, in order; quantities linked to the unit after them), which an annotator
then reads and corrects paragraph by paragraph before resolving it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import srsly

import vn_dolisa_nlp


def proposals(nlp, record: dict) -> dict:
    """Markup for one skeleton record."""
    doc = nlp(record["text"])
    marks, keys = [], {}
    ents = list(doc.ents)
    for i, ent in enumerate(ents):
        mark = {"t": ent.text, "label": ent.label_}
        if ent.label_ == "UNIT":
            mark["key"] = keys[i] = f"u{i}"
        marks.append(mark)
    for i, ent in enumerate(ents):
        if ent.label_ == "QUANTITY":
            nxt = i + 1 if i + 1 < len(ents) and ents[i + 1].label_ == "UNIT" else None
            marks[i].update(unit=keys.get(nxt), indicator=None, kind="value")
    return {"id": record["id"], "spans": marks}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("skeleton", type=Path)
    parser.add_argument("--model", default=None, help="a trained pipeline to propose entities (default: rules only)")
    args = parser.parse_args()
    if args.model:
        nlp = vn_dolisa_nlp.load(args.model, exclude=["vn_dolisa_records"])
    else:
        nlp = vn_dolisa_nlp.blank()
        nlp.add_pipe("vn_dolisa_rules")
    for record in srsly.read_jsonl(args.skeleton):
        sys.stdout.write(json.dumps(proposals(nlp, record), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
