"""What changed in the real reports' gold between two commits, per label.

    python training/corpus_diff.py 5be3bb7      # the last version 1 corpus -> the working tree

Spans are compared by (start, end, label): added and removed per label; links and
kinds are compared on the quantities present in both (indicator span, unit span,
kind, parent).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from vn_dolisa_nlp.vocabulary import LABELS

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ("dienbien-2023", "caobang-2021", "thuathienhue-2023", "daknong-2023")


def spans_of(records: list[dict]) -> tuple[set, dict]:
    spans, links = set(), {}
    for rec in records:
        for s in rec["spans"]:
            spans.add((rec["id"], s["start"], s["end"], s["label"]))
            if s["label"] == "QUANTITY":
                ref = lambda k: (lambda j: None if j is None else tuple(rec["spans"][j][x] for x in ("start", "end")))(s.get(k))
                links[(rec["id"], s["start"], s["end"])] = (ref("indicator"), ref("unit"), s.get("kind"), ref("parent"))
    return spans, links


def main(rev: str) -> None:
    old_s, old_l, new_s, new_l = set(), {}, set(), {}
    for doc in REPORTS:
        old = [json.loads(line) for line in subprocess.run(["git", "show", f"{rev}:corpus/{doc}.jsonl"], cwd=ROOT,
                                                              capture_output=True, text=True, check=True).stdout.splitlines()]
        new = [json.loads(line) for line in (ROOT / "corpus" / f"{doc}.jsonl").read_text(encoding="utf-8").splitlines()]
        for (s, l), (S, L) in ((spans_of(old), (old_s, old_l)), (spans_of(new), (new_s, new_l))):
            S |= s
            L.update(l)
    added, removed = Counter(s[3] for s in new_s - old_s), Counter(s[3] for s in old_s - new_s)
    print("| label | spans before | spans now | added | removed |\n|---|---:|---:|---:|---:|")
    for label in LABELS:
        before, now = sum(s[3] == label for s in old_s), sum(s[3] == label for s in new_s)
        print(f"| {label} | {before} | {now} | {added[label]} | {removed[label]} |")
    both = set(old_l) & set(new_l)
    fields = ("indicator link", "unit", "kind", "parent")
    changed = Counter(f for q in both for f, a, b in zip(fields, old_l[q], new_l[q]) if a != b)
    print(f"\n| on the {len(both)} quantities in both | changed |\n|---|---:|")
    for f in fields:
        print(f"| {f} | {changed[f]} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "5be3bb7")
