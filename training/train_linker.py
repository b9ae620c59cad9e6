"""Train the link scorer on the gold links of the train reports.

    python training/train_linker.py [--out training/output/link_model.json]

Each gold paragraph is tokenized with our tokenizer and given its gold entities;
every (QUANTITY, INDICATOR) pair of a paragraph is an example, positive when the
gold links them. A scikit-learn logistic regression learns the weights, which
are written as JSON (no pickle). The decision threshold is chosen on the dev reports
and must be the one in ``configs/pipeline.cfg`` (the run fails otherwise, naming it).
"""

from __future__ import annotations

import argparse
import itertools
import random
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

import vn_dolisa_nlp
from vn_dolisa_nlp.layout import lines_of
from vn_dolisa_nlp.linking import FEATURES, LineSpans, LinkScorer, PairFeatures, UnitIndex
from vn_dolisa_nlp.proposals import CANDIDATES, Proposer
from vn_dolisa_nlp.taxonomy import default_taxonomy

from corpus import corpus_records, split_ids
from corpus_to_docbin import record_to_doc

ROOT = Path(__file__).resolve().parents[1]


def examples(doc_ids: list[str], seed: int = 13, drop: float = 0.3) -> tuple[np.ndarray, np.ndarray]:
    """Pair features and labels from the gold paragraphs of ``doc_ids``.

    Each paragraph is read twice: with all its gold entities, and with a share ``drop`` of its
    INDICATOR spans removed, as the ner misses them on unseen text. Both times the proposals
    component reads its indicator candidates, so the scorer learns to rank a quantity's
    proposal against the indicator entities (a proposal is right when it overlaps the gold
    indicator; an entity when it is the gold indicator)."""
    nlp = vn_dolisa_nlp.blank()
    proposer = Proposer()
    taxonomy = default_taxonomy()
    rng = random.Random(seed)
    X, y = [], []
    for record in corpus_records(doc_ids):
        full, _ = record_to_doc(nlp, record)
        masked = full.copy()
        masked.ents = [e for e in full.ents if e.label_ != "INDICATOR" or rng.random() >= drop]
        for doc in (full, masked):
            proposer(doc)
            proposals: dict[int, list] = {}
            for span in doc.spans[CANDIDATES]:
                proposals.setdefault(int(span.id_), []).append(span)
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
                unit = units.of(q)
                canonical = unit._.unit if unit else None
                for ind in line.candidates(q):
                    feats = features(q, ind, line, canonical, taxonomy.identify(ind.text))
                    X.append([feats[f] for f in FEATURES])
                    y.append(int(gold is not None and (ind.start_char, ind.end_char) == (gold["start"], gold["end"])))
                for proposal in proposals.get(q.start, []):
                    feats = features(q, proposal, line, canonical, taxonomy.identify(proposal.text), proposed=True)
                    X.append([feats[f] for f in FEATURES])
                    y.append(int(gold is not None and proposal.start_char < gold["end"]
                                 and gold["start"] < proposal.end_char))
    return np.array(X), np.array(y)


def choose_threshold(scorer: LinkScorer, dev_ids: list[str]) -> tuple[float, float]:
    """The decision threshold with the best link F1 on the dev reports' gold entities (and the F1)."""
    X, y = examples(dev_ids)
    p = np.array([scorer.probability(dict(zip(FEATURES, row))) for row in X.tolist()])
    best = (0.5, 0.0)
    for t in np.arange(0.05, 0.95, 0.05):
        pred = p >= t
        tp = int((pred & (y == 1)).sum())
        f = 2 * tp / (int(pred.sum()) + int(y.sum())) if tp else 0.0
        if f > best[1]:
            best = (round(float(t), 2), f)
    return best


PAIRS = list(itertools.combinations(FEATURES, 2))


def with_interactions(X: np.ndarray) -> np.ndarray:
    """``X`` and the product of every pair of its columns (in :data:`PAIRS` order)."""
    index = {f: i for i, f in enumerate(FEATURES)}
    return np.hstack([X, np.stack([X[:, index[a]] * X[:, index[b]] for a, b in PAIRS], 1)])


def train(doc_ids: list[str], seed: int = 13, drop: float = 0.3, interactions: bool = True) -> LinkScorer:
    """Logistic regression over the pair features; with ``interactions``, also over every
    product of two features, L1-regularised so that most products get no weight."""
    X, y = examples(doc_ids, seed=seed, drop=drop)
    if interactions:
        names = [*FEATURES, *(f"{a}*{b}" for a, b in PAIRS)]
        model = LogisticRegression(C=0.3, penalty="l1", solver="liblinear", max_iter=5000, random_state=seed,
                                   fit_intercept=False)
        model.fit(with_interactions(X), y)
    else:
        names = list(FEATURES)
        model = LogisticRegression(C=1.0, max_iter=2000, random_state=seed, fit_intercept=False)
        model.fit(X, y)
    coef = {f: float(c) for f, c in zip(names, model.coef_[0]) if c != 0.0 or "*" not in f}
    print(f"link scorer: {len(y)} pairs, {int(y.sum())} positive, {len(coef)} weights")
    return LinkScorer(coef, 0.0)


def configured_threshold(config: Path) -> float:
    """The linker threshold set in a pipeline config."""
    from spacy.util import load_config

    return float(load_config(config, interpolate=False)["components"]["vn_dolisa_linker"]["threshold"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "training" / "output" / "link_model.json")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--drop", type=float, default=0.3,
                        help="share of gold INDICATOR spans removed in the second reading of each paragraph")
    parser.add_argument("--no-interactions", dest="interactions", action="store_false",
                        help="single features only (no products of two)")
    parser.add_argument("--config", type=Path, default=ROOT / "configs" / "pipeline.cfg",
                        help="fail when this config's linker threshold is not the one chosen on dev")
    args = parser.parse_args()
    scorer = train(split_ids("train"), seed=args.seed, drop=args.drop, interactions=args.interactions)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    scorer.to_disk(args.out)
    print(f"-> {args.out}")
    threshold, f1 = choose_threshold(scorer, split_ids("dev"))
    configured = configured_threshold(args.config)
    print(f"threshold chosen on dev: {threshold} (pair F1 {f1:.3f}); {args.config.name} has {configured}")
    if abs(threshold - configured) > 1e-9:
        raise SystemExit(f"set [components.vn_dolisa_linker] threshold = {threshold} in {args.config}")


if __name__ == "__main__":
    main()
