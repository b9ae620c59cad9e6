"""Rebuild the vi_dolisa_sm pipeline from the gold corpus: one command.

    python training/train.py [--max-steps 4000] [--package packages/vi_dolisa_sm]

1. converts ``corpus/*.jsonl`` to DocBin files by the document split;
2. trains the ``ner`` (``configs/ner.cfg``, fixed seed) on the train reports;
3. trains the link scorer on the train reports' gold links;
4. measures on the dev report where the entity rules go (none, before the ner,
   after it filling gaps, after it overriding) and keeps the best;
5. writes the pipeline with its scores in ``meta.json`` and packages it as the
   installable spaCy model ``vi_dolisa_sm`` (``--package``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import spacy
import srsly

import vn_dolisa_nlp
from vn_dolisa_nlp.evaluate import evaluate
from vn_dolisa_nlp.linking import LinkScorer
from vn_dolisa_nlp.scoring import LABELS

import train_linker

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "training" / "output"
EXACT = ["QUANTITY", "UNIT", "POLICY_DOC", "INDICATOR"]
# name -> the rule components to add: (name, position, config)
PLACEMENTS = {
    "ner only": [],
    "rules before ner": [("vn_dolisa_rules", {"before": "ner"}, {"overwrite": True})],
    "rules after ner, filling gaps": [("vn_dolisa_rules", {"after": "ner"}, {"overwrite": False})],
    "rules after ner, overriding": [("vn_dolisa_rules", {"after": "ner"}, {"overwrite": True})],
    "number/unit/code rules before ner, all rules after it filling gaps": [
        ("vn_dolisa_rules_exact", {"before": "ner"}, {"overwrite": True, "labels": EXACT}),
        ("vn_dolisa_rules", {"after": "ner"}, {"overwrite": False})],
}


def run(cmd: list[str]) -> None:
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def assemble(ner_dir: Path, placement: list, link_model: Path) -> spacy.language.Language:
    """The full pipeline: trained ner, rules where ``placement`` says, records."""
    nlp = spacy.load(ner_dir)
    for name, where, config in placement:
        nlp.add_pipe("vn_dolisa_rules", name=name, config=config, **where)
    records = nlp.add_pipe("vn_dolisa_records")
    records.scorer = LinkScorer.from_disk(link_model)
    records.threshold = records.scorer.threshold
    return nlp


def macro_f1(scores) -> float:
    return sum(scores.ner[label].f for label in LABELS) / len(LABELS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-steps", type=int, default=4000)
    parser.add_argument("--package", type=Path, default=ROOT / "packages" / "vi_dolisa_sm")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    py = sys.executable
    splits = srsly.read_json(ROOT / "corpus" / "splits.json")

    run([py, str(ROOT / "training" / "corpus_to_docbin.py"), "--out", str(OUT / "corpus")])
    run([py, "-m", "spacy", "train", str(ROOT / "configs" / "ner.cfg"), "--output", str(OUT / "ner"),
         "--paths.train", str(OUT / "corpus" / "train.spacy"), "--paths.dev", str(OUT / "corpus" / "dev.spacy"),
         "--training.max_steps", str(args.max_steps), "--system.seed", str(args.seed)])
    scorer = train_linker.train(splits["train"], seed=args.seed)
    scorer.to_disk(OUT / "link_model.json")

    dev = [p for d in splits["dev"] for p in srsly.read_jsonl(ROOT / "corpus" / f"{d}.jsonl")]
    rows, best = [], None
    for name, placement in PLACEMENTS.items():
        nlp = assemble(OUT / "ner" / "model-best", placement, OUT / "link_model.json")
        scores, _ = evaluate(nlp, dev)
        f1s = " | ".join(f"{scores.ner[label].f:.3f}" for label in LABELS)
        rows.append(f"| {name} | {f1s} | {scores.indicator_overlap.f:.3f} | {macro_f1(scores):.3f} | "
                    f"{scores.links.f:.3f} |")
        if best is None or macro_f1(scores) > macro_f1(best[2]):
            best = (name, nlp, scores)
    table = "\n".join([f"| placement (dev: {', '.join(splits['dev'])}) | " + " | ".join(LABELS)
                       + " | INDICATOR overlap | macro F1 | link F1 |",
                       "|---|" + "---:|" * (len(LABELS) + 3), *rows])
    (OUT / "placements.md").write_text(table + "\n", encoding="utf-8")
    print(table)
    name, nlp, scores = best
    print(f"kept: {name}")

    nlp.meta.update({
        "name": "dolisa_sm", "version": vn_dolisa_nlp.__version__, "license": "MIT",
        "description": "Vietnamese DOLISA reports: word tokenizer, NER (7 labels), entity rules, records.",
        "author": "vn_dolisa_nlp", "url": "", "email": "",
        "requirements": [f"vn-dolisa-nlp>={vn_dolisa_nlp.__version__}"],
        "performance": {
            "dev_documents": splits["dev"], "rules_placement": name,
            "ents_per_type": {lab: {"p": scores.ner[lab].p, "r": scores.ner[lab].r, "f": scores.ner[lab].f}
                              for lab in LABELS},
            "indicator_overlap_f": scores.indicator_overlap.f, "link_f": scores.links.f,
            "kind_acc": scores.kind_accuracy, "unit_acc": scores.unit_accuracy, "facts_found": scores.facts.r,
        },
    })
    model_dir = OUT / "vi_dolisa_sm"
    nlp.to_disk(model_dir)
    build = OUT / "package"
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    run([py, "-m", "spacy", "package", str(model_dir), str(build), "--build", "none", "--force"])
    built = next(build.iterdir())
    shutil.rmtree(args.package, ignore_errors=True)
    shutil.copytree(built, args.package)
    print(f"packaged -> {args.package}")


if __name__ == "__main__":
    main()
