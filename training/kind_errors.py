"""Kinds of linked numbers against the gold, on the train and dev reports (never test).

    python training/kind_errors.py [--split train dev] [--examples 5]

Runs each report as one ``Doc`` (as ``vn_dolisa_nlp.evaluate`` does) and, for every gold
quantity with a link that the pipeline also finds, compares the gold ``kind`` with the
predicted one. Prints the confusion table (gold kind by predicted kind) and, with
``--examples``, that many sentences of each kind of error, the number in ``[[ ]]``. The kind
rules (``vn_dolisa_nlp/kinds.py``) are not trained, so the train reports are a fair check
of them; the test reports stay out.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict

import srsly

import vn_dolisa_nlp
from vn_dolisa_nlp.evaluate import file_sets, predict

KINDS = ("value", "plan_ratio", "change", "target")


def confusion(nlp, paragraphs: list[dict]) -> tuple[Counter, dict[tuple[str, str], list[str]]]:
    """(gold kind, predicted kind) counts over the linked gold quantities found, and the errors in context."""
    pred = {p["id"]: p for p in predict(nlp, paragraphs)}
    counts: Counter = Counter()
    errors: dict[tuple[str, str], list[str]] = defaultdict(list)
    for gold in paragraphs:
        text = gold["text"]
        found = {(s["start"], s["end"]): s for s in pred[gold["id"]]["spans"] if s["label"] == "QUANTITY"}
        for s in gold["spans"]:
            q = found.get((s["start"], s["end"]))
            if s["label"] != "QUANTITY" or s.get("indicator") is None or q is None:
                continue
            pair = (s.get("kind", "value"), q.get("kind", "value"))
            counts[pair] += 1
            if pair[0] != pair[1]:
                errors[pair].append(f"{gold['id']}: {text[max(0, s['start'] - 80):s['start']]}"
                                    f"[[{text[s['start']:s['end']]}]]{text[s['end']:s['end'] + 30]}")
    return counts, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", nargs="+", default=["train", "dev"], choices=["train", "dev"])
    parser.add_argument("--examples", type=int, default=0, help="sentences shown per kind of error")
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    nlp = vn_dolisa_nlp.load(args.model)
    files = sorted({f for split in args.split for name, fs in file_sets(split).items()
                    if "post-2025" not in name and "pre-2025" not in name for f in fs})
    paragraphs = [p for f in files for p in srsly.read_jsonl(f)]
    counts, errors = confusion(nlp, paragraphs)
    total, right = sum(counts.values()), sum(n for (g, p), n in counts.items() if g == p)
    print(f"{len(files)} reports ({' + '.join(args.split)}), {total} linked gold quantities found, "
          f"kind right {right} ({right / total:.3f}), wrong {total - right}\n")
    print("| gold \\ predicted | " + " | ".join(KINDS) + " |\n|---|" + "---:|" * len(KINDS))
    for g in KINDS:
        print(f"| {g} | " + " | ".join(str(counts[(g, p)]) for p in KINDS) + " |")
    for pair, lines in sorted(errors.items(), key=lambda kv: -len(kv[1])):
        if args.examples:
            print(f"\n{pair[0]} read as {pair[1]} ({len(lines)}):")
            for line in lines[:args.examples]:
                print("   ", line.replace("\n", " "))


if __name__ == "__main__":
    main()
