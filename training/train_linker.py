"""Train the link scorer on the gold links of the train reports.

    python training/train_linker.py [--out training/output/link_model.json]

Each gold paragraph is tokenized with our tokenizer and given its gold entities;
every (QUANTITY, INDICATOR) pair of a paragraph is an example, positive when the
gold links them. A scikit-learn logistic regression learns the weights, which
are written as JSON (no pickle).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

import vn_dolisa_nlp
from vn_dolisa_nlp.layout import lines_of
from vn_dolisa_nlp.linking import FEATURES, LineSpans, LinkScorer, PairFeatures, UnitIndex
from vn_dolisa_nlp.taxonomy import default_taxonomy

from corpus import corpus_records, split_ids
from corpus_to_docbin import record_to_doc

ROOT = Path(__file__).resolve().parents[1]


def examples(doc_ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Pair features and labels from the gold paragraphs of ``doc_ids``."""
    nlp = vn_dolisa_nlp.blank()
    taxonomy = default_taxonomy()
    X, y = [], []
    for record in corpus_records(doc_ids):
        doc, _ = record_to_doc(nlp, record)
        by_char = {(e.start_char, e.end_char): e for e in doc.ents}
        spans = record["spans"]
        indicators = [e for e in doc.ents if e.label_ == "INDICATOR"]
        quantities = [e for e in doc.ents if e.label_ == "QUANTITY"]
        units = UnitIndex([e for e in doc.ents if e.label_ == "UNIT"])
        features = PairFeatures(doc, taxonomy)
        line = LineSpans(lines_of(doc)[0].start if lines_of(doc) else 0, indicators, quantities)
        for s in spans:
            q = by_char.get((s["start"], s["end"]))
            if s["label"] != "QUANTITY" or q is None:
                continue
            gold = spans[s["indicator"]] if s.get("indicator") is not None else None
            gold_span = by_char.get((gold["start"], gold["end"])) if gold else None
            unit = units.of(q)
            for ind in line.candidates(q):
                feats = features(q, ind, line, unit._.unit if unit else None, taxonomy.identify(ind.text))
                X.append([feats[f] for f in FEATURES])
                y.append(int(ind == gold_span))
    return np.array(X), np.array(y)


def train(doc_ids: list[str], seed: int = 13) -> LinkScorer:
    X, y = examples(doc_ids)
    model = LogisticRegression(C=1.0, max_iter=2000, random_state=seed, fit_intercept=False)
    model.fit(X, y)
    coef = {f: float(c) for f, c in zip(FEATURES, model.coef_[0])}
    print(f"link scorer: {len(y)} pairs, {int(y.sum())} positive; train accuracy {model.score(X, y):.3f}")
    return LinkScorer(coef, 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "training" / "output" / "link_model.json")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    scorer = train(split_ids("train"), seed=args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    scorer.to_disk(args.out)
    print(f"-> {args.out}")


if __name__ == "__main__":
    main()
