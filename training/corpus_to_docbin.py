"""Convert the gold corpus to spaCy ``DocBin`` files, aligned with our tokenizer.

    python training/corpus_to_docbin.py [--out training/output/corpus]

Writes ``train.spacy``, ``dev.spacy`` and ``test.spacy`` by the document split
of ``corpus/splits.json`` and lists every span that does not fall on token
boundaries (those spans are left out of the DocBin, never silently moved).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans

import vn_dolisa_nlp
from corpus import corpus_records, splits

ROOT = Path(__file__).resolve().parents[1]


def record_to_doc(nlp: Language, record: dict) -> tuple[Doc, list[str]]:
    """A tokenized ``Doc`` with the gold entities, and messages for misaligned spans."""
    doc = nlp.make_doc(record["text"])
    ents, problems = [], []
    for s in record["spans"]:
        span = doc.char_span(s["start"], s["end"], label=s["label"])
        if span is None:
            near = doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="expand")
            problems.append(f"{record['id']} {s['label']} {record['text'][s['start']:s['end']]!r} "
                            f"(tokens: {[t.text for t in near] if near is not None else '?'})")
        else:
            ents.append(span)
    doc.ents = filter_spans(ents)
    return doc, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "training" / "output" / "corpus")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    nlp = vn_dolisa_nlp.blank()
    total = misaligned = 0
    for split, doc_ids in splits().items():
        db = DocBin()
        for record in corpus_records(doc_ids):
            doc, problems = record_to_doc(nlp, record)
            db.add(doc)
            total += len(record["spans"])
            misaligned += len(problems)
            for p in problems:
                print("misaligned:", p)
        db.to_disk(args.out / f"{split}.spacy")
        print(f"{split}: {len(db)} paragraphs of {len(doc_ids)} reports")
    print(f"{misaligned} of {total} spans do not fall on token boundaries")


if __name__ == "__main__":
    main()
