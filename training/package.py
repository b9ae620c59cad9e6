"""Package an assembled pipeline as the installable spaCy model ``vi_dolisa_sm``.

    python training/package.py training/output/vi_dolisa_sm packages/vi_dolisa_sm

Writes the meta (name, version, the library version range it was built with, the
dev scores), leaves no build path in the config, runs ``spacy package`` and puts
the package source at the destination (committed: installing must work offline).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import spacy

import vn_dolisa_nlp
from corpus import corpus_records, split_ids
from vn_dolisa_nlp.evaluate import evaluate
from vn_dolisa_nlp.scoring import LABELS


def compatible_range(version: str) -> str:
    """``vn-dolisa-nlp>=0.3.0,<0.4.0`` for 0.3.0: the releases that keep the model's data files."""
    major, minor, *_ = version.split(".")
    return f"vn-dolisa-nlp>={version},<{major}.{int(minor) + 1}.0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", type=Path)
    parser.add_argument("dest", type=Path)
    args = parser.parse_args()
    nlp = spacy.load(args.model)
    dev = split_ids("dev")
    scores, _ = evaluate(nlp, corpus_records(dev))
    nlp.meta.update({
        "name": "dolisa_sm", "version": vn_dolisa_nlp.__version__, "license": "MIT",
        "description": "Vietnamese DOLISA reports: word tokenizer, layout, NER (7 labels), entity rules, "
                       "indicator proposals, linker, records.",
        "author": "vn_dolisa_nlp", "url": "", "email": "",
        "requirements": [compatible_range(vn_dolisa_nlp.__version__)],
        "performance": {
            "dev_documents": len(dev),
            "ents_per_type": {lab: {"p": scores.ner[lab].p, "r": scores.ner[lab].r, "f": scores.ner[lab].f}
                              for lab in LABELS},
            "indicator_overlap_f": scores.indicator_overlap.f, "link_f": scores.links.f,
            "kind_acc": scores.kind_accuracy, "unit_acc": scores.unit_accuracy, "facts_found": scores.facts.r,
        },
    })
    staged = args.model.parent / "to_package"
    shutil.rmtree(staged, ignore_errors=True)
    nlp.to_disk(staged)
    config = spacy.util.load_config(staged / "config.cfg", interpolate=False)
    for key in list(config["paths"]):
        config["paths"][key] = None  # no build path in the shipped config
    config.to_disk(staged / "config.cfg")
    build = args.model.parent / "package"
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    subprocess.run([sys.executable, "-m", "spacy", "package", str(staged), str(build), "--build", "none",
                    "--force"], check=True)
    shutil.rmtree(args.dest, ignore_errors=True)
    shutil.copytree(next(build.iterdir()), args.dest)
    print(f"packaged -> {args.dest} (dev link F1 {scores.links.f:.3f})")


if __name__ == "__main__":
    main()
