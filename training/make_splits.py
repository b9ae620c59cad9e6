"""Split the written reports by whole report: about 80% train, 10% dev, 10% test.

    python training/make_splits.py        # rewrites corpus/splits.json

The four real reports keep their roles (Điện Biên and Cao Bằng train, Thừa Thiên Huế
dev, Đắk Nông test). Written reports are drawn at random (seed 2026): two dev and two
test reports from each writer's pre-2025 reports, and four dev and four test reports
from all post-2025 reports, so every split holds both worlds and every writer's hand.
The three reports of writer w7, written afterwards to give five core ids more phrasings,
train.
"""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

import srsly

ROOT = Path(__file__).resolve().parents[1]
REAL = {"train": ["dienbien-2023", "caobang-2021"], "dev": ["thuathienhue-2023"], "test": ["daknong-2023"]}
SEED = 2026
TRAIN_ONLY = {"w7"}  # writers whose reports only train


def main() -> None:
    rng = random.Random(SEED)
    groups: dict[str, list[str]] = defaultdict(list)
    for path in sorted((ROOT / "corpus" / "written" / "markup").glob("*.jsonl")):
        header = next(srsly.read_jsonl(path))
        if header["writer"] in TRAIN_ONLY:
            groups["train only"].append(header["report"])
        else:
            groups["post2025" if header["post2025"] else header["writer"]].append(header["report"])
    splits = {name: list(docs) for name, docs in REAL.items()}
    splits["train"] += sorted(groups.pop("train only", []))
    for group, reports in sorted(groups.items()):
        rng.shuffle(reports)
        n = 4 if group == "post2025" else 2
        splits["dev"] += sorted(reports[:n])
        splits["test"] += sorted(reports[n:2 * n])
        splits["train"] += sorted(reports[2 * n:])
    srsly.write_json(ROOT / "corpus" / "splits.json", splits)
    print({name: len(docs) for name, docs in splits.items()})


if __name__ == "__main__":
    main()
