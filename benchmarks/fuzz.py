"""Fuzzing the pipeline with report-like garbage; every SPEC section 10 invariant counted.

    python benchmarks/fuzz.py [--n 100000] [--seed 0]

Strings mix fragments of the sample reports with numbers written every way
(English separators, run-together, huge, non-ASCII digits), dates, codes,
markdown/HTML debris, control and zero-width characters, CR-only and mixed line
breaks, NFD and old tone placement. Prints, per invariant, how many strings broke
it (all must be 0): no exception; ``doc.text`` exact; every token, entity and
record offset slices to its text; no overlapping entities; values finite.
"""

from __future__ import annotations

import argparse
import math
import random
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INVARIANTS = ("exception", "doc.text", "token offsets", "entity offsets", "overlapping entities",
              "record offsets", "values finite")
PIECES = (
    "1,234.56", "1,5.3", "1,2,3.4", "2.452,56811.309", "9" * 40, "9" * 309 + ",5", "١٢٣", "１２", "0,0001",
    "11.309", "124,27%KH", "20.914.369 triệu đồng", "14/7/2023", "08/2023/NQ-HĐND", "20-CT/TW", "17/17",
    "203.027/160.000 lao động", "Quý I/2024", "năm 2023", "Số: 46/BC-SLĐTBXH", "| 1 | Tỷ lệ | % | 31,2 |",
    "|---|---|", "<b>", "</td>", "&nbsp;", "**", "__", "# ", "- ", "+ ", "¹", "²³", "(1)", "1.2.", "\u200b",
    "\u200d", "\ufeff", "\x00", "\x07", "\t", "\r", "\r\n", "\n", "\n\n", "\u2028", "\x85", "\x0c", "  ",
    "hoà", "thuỷ", "MỤC TIÊU, NHIỆM VỤ NĂM 2024", "trong đó:", ";", ":", "(", ")", "“", "”", "…", "%",
    "tăng 6,3% so với cùng kỳ", "đạt 110,08% KH", "khoảng", "trên", "\ud800"[:0], "�", "e\u0301", "A\u0300",
)


def report_lines() -> list[str]:
    lines = []
    for path in sorted((ROOT / "corpus" / "raw").glob("*.txt")):
        lines += [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines


def make_string(rng: random.Random, lines: list[str]) -> str:
    """One fuzz string: words of a report line interleaved with hostile pieces."""
    words = rng.choice(lines).split()
    start = rng.randrange(len(words))
    words = words[start:start + rng.randint(1, 30)]
    out: list[str] = []
    for word in words:
        if rng.random() < 0.3:
            out.append(rng.choice(PIECES))
        out.append(word)
    text = rng.choice(("", " ", "")).join(out) if rng.random() < 0.1 else " ".join(out)
    form = rng.random()
    if form < 0.15:
        text = unicodedata.normalize("NFD", text)
    elif form < 0.25:
        text = text.replace(" ", "\r", rng.randint(0, 3))
    return text


def violations(doc) -> set[str]:
    """The invariants ``doc`` breaks (its text is the input given to the pipeline)."""
    broken: set[str] = set()
    text = doc.text
    if any(text[t.idx:t.idx + len(t.text)] != t.text for t in doc):
        broken.add("token offsets")
    ents = list(doc.ents)
    if any(text[e.start_char:e.end_char] != e.text for e in ents):
        broken.add("entity offsets")
    if any(a.end > b.start for a, b in zip(ents, ents[1:])):
        broken.add("overlapping entities")
    for rec in doc._.records or []:
        if text[rec["quantity_start"]:rec["quantity_end"]] != rec["quantity_text"] or (
                rec["indicator_start"] is not None
                and text[rec["indicator_start"]:rec["indicator_end"]] != rec["indicator_text"]):
            broken.add("record offsets")
        if rec["value"] is not None and not math.isfinite(rec["value"]):
            broken.add("values finite")
    return broken


def check(nlp, texts: list[str]) -> tuple[Counter, list[tuple[str, str]]]:
    """Counts of broken invariants over ``texts``, and the first few failing strings."""
    counts: Counter = Counter({name: 0 for name in INVARIANTS})
    examples: list[tuple[str, str]] = []
    for text in texts:
        try:
            doc = nlp(text)
        except Exception as err:  # noqa: BLE001  (what the fuzzing looks for)
            counts["exception"] += 1
            examples.append((text, repr(err)))
            continue
        broken = violations(doc) | ({"doc.text"} if doc.text != text else set())
        for name in broken:
            counts[name] += 1
            examples.append((text, name))
    return counts, examples[:5]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    import vn_dolisa_nlp

    nlp = vn_dolisa_nlp.load()
    rng = random.Random(args.seed)
    lines = report_lines()
    texts = [make_string(rng, lines) for _ in range(args.n)]
    t = time.perf_counter()
    counts, examples = check(nlp, texts)
    print(f"{args.n} fuzz strings (seed {args.seed}), {time.perf_counter() - t:.0f} s\n")
    print("| invariant | strings breaking it |\n|---|---:|")
    for name in INVARIANTS:
        print(f"| {name} | {counts[name]} |")
    for text, why in examples:
        print(f"\n{why}: {text!r}")


if __name__ == "__main__":
    main()
