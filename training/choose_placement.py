"""Where the entity rules go: every placement measured on the dev documents.

    python training/choose_placement.py training/output/vi_dolisa_sm [--out training/output/placements.md]

The assembled pipeline's rule components are taken out and put back in each
placement of :data:`PLACEMENTS`; each variant is evaluated on the dev split
(SPEC section 8) and the table is printed. The placement in ``configs/pipeline.cfg``
is the one this table picks (best macro F1 over the labels); the script fails when
another placement scores higher, so the config never drifts from the measurement.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spacy
from spacy.language import Language

from corpus import corpus_records, split_ids
from vn_dolisa_nlp.evaluate import evaluate
from vn_dolisa_nlp.scoring import LABELS

EXACT = ["QUANTITY", "UNIT", "POLICY_DOC", "INDICATOR"]
RULES = ("vn_dolisa_rules", "vn_dolisa_rules_exact")
CONFIGURED = "number/unit/code rules before ner, all rules after it filling gaps"
# name -> the rule components to add: (name, position, config)
PLACEMENTS = {
    "ner only": [],
    "rules before ner": [("vn_dolisa_rules", {"before": "ner"}, {"overwrite": True})],
    "rules after ner, filling gaps": [("vn_dolisa_rules", {"after": "ner"}, {"overwrite": False})],
    "rules after ner, overriding": [("vn_dolisa_rules", {"after": "ner"}, {"overwrite": True})],
    CONFIGURED: [
        ("vn_dolisa_rules_exact", {"before": "ner"}, {"overwrite": True, "labels": EXACT}),
        ("vn_dolisa_rules", {"after": "ner"}, {"overwrite": False})],
}


def variant(model: Path, placement: str) -> Language:
    """The assembled pipeline with its rules in ``placement``."""
    nlp = spacy.load(model)
    for name in RULES:
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    for name, where, config in PLACEMENTS[placement]:
        nlp.add_pipe("vn_dolisa_rules", name=name, config=config, **where)
    return nlp


def macro_f1(scores) -> float:
    return sum(scores.ner[label].f for label in LABELS) / len(LABELS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", type=Path)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    dev = corpus_records(split_ids("dev"))
    rows, results = [], {}
    for name in PLACEMENTS:
        scores, _ = evaluate(variant(args.model, name), dev)
        results[name] = macro_f1(scores)
        f1s = " | ".join(f"{scores.ner[label].f:.3f}" for label in LABELS)
        rows.append(f"| {name} | {f1s} | {scores.indicator_overlap.f:.3f} | {results[name]:.3f} | "
                    f"{scores.links.f:.3f} |")
    table = "\n".join([f"| placement (dev, {len(dev)} paragraphs) | " + " | ".join(LABELS)
                       + " | INDICATOR overlap | macro F1 | link F1 |",
                       "|---|" + "---:|" * (len(LABELS) + 3), *rows])
    print(table)
    if args.out:
        args.out.write_text(table + "\n", encoding="utf-8")
    best = max(results, key=results.get)
    print(f"best: {best}; configured: {CONFIGURED}")
    return 0 if results[best] <= results[CONFIGURED] + 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main())
