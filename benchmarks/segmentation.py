"""Word segmentation: our tokenizer beside underthesea, pyvi and spacy.blank("vi").

Prints one table: word F1 on the UD Vietnamese VTB test set, the share of
numbers, dates and codes of the sample reports kept whole, and speed on the
sample reports (input words per second, one process pinned to one core, best of
several runs after a warm-up).

    python benchmarks/segmentation.py [--ud PATH] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import re
import time
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
UD_DEFAULT = ROOT / "corpus" / "ud_vi_vtb" / "vi_vtb-ud-test.conllu"
REPORTS = sorted((ROOT / "corpus" / "raw").glob("*.txt"))

# Written independently of the tokenizer: what a reader expects as one token.
WHOLE = re.compile(
    r"(?<![\w/.,-])(?:"
    r"\d{1,2}/\d{1,2}/\d{4}"                                  # 14/7/2023
    r"|\d*/?(?:\d{4}/)?[A-ZĐ]+-[A-ZĐ][A-Za-zĐ]*(?:/[A-ZĐ]+)?"  # 08/2023/NQ-HĐND, /BC-SLĐTBXH
    r"|\d+-[A-ZĐ]+/[A-ZĐ]+"                                    # 20-CT/TW
    r"|[IV]+/\d{4}"                                            # I/2020
    r"|\d{1,2}/\d{4}"                                          # 10/2021
    r")(?![\w/-])"
    r"|(?<![\w.,-])\d+(?:[.,]\d+)+(?![.,]?\d)"                 # 11.309, 124,27, 600 in 600đ; each side
)                                                               # of an X/Y pair (SPEC v2: 35.962/36.123)

Segment = Callable[[str], list[str]]  # text -> words (as the tool writes them)


def read_conllu(path: Path) -> list[tuple[str, list[str]]]:
    """(text, gold words) per sentence; the text is the words joined by spaces."""
    sents, words = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sents.append((" ".join(words), words))
            words = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                words.append(cols[1])
    if words:
        sents.append((" ".join(words), words))
    return sents


def spans(words: Iterable[str]) -> set[tuple[int, int]]:
    """Word spans counted in non-space characters, so tools that normalise agree."""
    out, pos = set(), 0
    for w in words:
        n = len(re.sub(r"[\s_]", "", w))
        if n:
            out.add((pos, pos + n))
            pos += n
    return out


def word_f1(segment: Segment, sents: list[tuple[str, list[str]]]) -> float:
    tp = n_pred = n_gold = 0
    for text, gold in sents:
        g, p = spans(gold), spans(segment(text))
        tp += len(g & p)
        n_pred += len(p)
        n_gold += len(g)
    prec, rec = tp / n_pred, tp / n_gold
    return 2 * prec * rec / (prec + rec)


def kept_whole(tokens_of: Callable[[str], list[tuple[int, int]]], paragraphs: list[str]) -> tuple[int, int]:
    """How many number/date/code items are exactly one token."""
    kept = total = 0
    for text in paragraphs:
        toks = set(tokens_of(text))
        for m in WHOLE.finditer(text):
            if not text[:m.start()].strip() and text[m.end():m.end() + 1] == ".":
                continue  # a list marker such as "1.2." is one token with its dot
            total += 1
            kept += (m.start(), m.end()) in toks
    return kept, total


def offsets(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Character offsets of ``words`` in ``text`` (tools that rewrite '_' or spaces)."""
    out, pos = [], 0
    for w in words:
        parts = [p for p in re.split(r"[\s_]+", w) if p]
        if not parts:
            continue
        start = text.find(parts[0], pos)
        end = start
        for p in parts:
            found = text.find(p, end)
            if found < 0:
                start = -1
                break
            end = found + len(p)
        if start >= 0:
            out.append((start, end))
            pos = end
    return out


def speed(run: Callable[[list[str]], object], paragraphs: list[str], repeat: int) -> float:
    n_words = sum(len(p.split()) for p in paragraphs)
    run(paragraphs[:20])  # warm-up
    best = min(_timed(run, paragraphs) for _ in range(repeat))
    return n_words / best


def _timed(run: Callable[[list[str]], object], paragraphs: list[str]) -> float:
    t = time.perf_counter()
    run(paragraphs)
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ud", type=Path, default=UD_DEFAULT)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    import spacy
    from pyvi import ViTokenizer
    from underthesea import word_tokenize

    import vn_dolisa_nlp

    ours = vn_dolisa_nlp.blank()
    blank = spacy.blank("vi")
    tools: dict[str, tuple[Segment, Callable[[str], list[tuple[int, int]]], Callable[[list[str]], object]]] = {
        "vn_dolisa_nlp": (
            lambda t: [tok.text for tok in ours.tokenizer(t) if not tok.is_space],
            lambda t: [(tok.idx, tok.idx + len(tok)) for tok in ours.tokenizer(t)],
            lambda ps: list(ours.pipe(ps)),
        ),
        "underthesea": (
            word_tokenize,
            lambda t: offsets(t, word_tokenize(t)),
            lambda ps: [word_tokenize(p) for p in ps],
        ),
        "pyvi": (
            lambda t: ViTokenizer.tokenize(t).split(),
            lambda t: offsets(t, ViTokenizer.tokenize(t).split()),
            lambda ps: [ViTokenizer.tokenize(p) for p in ps],
        ),
        'spacy.blank("vi")': (
            lambda t: [tok.text for tok in blank(t) if not tok.is_space],
            lambda t: [(tok.idx, tok.idx + len(tok)) for tok in blank(t)],
            lambda ps: list(blank.pipe(ps)),
        ),
    }
    sents = read_conllu(args.ud)
    paragraphs = [line for p in REPORTS for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"UD VTB test: {len(sents)} sentences; sample reports: {len(paragraphs)} paragraphs, "
          f"{sum(len(p.split()) for p in paragraphs)} input words")
    print()
    print("| tool | UD VTB word F1 | numbers/dates/codes kept whole | input words/s (1 core) |")
    print("|---|---:|---:|---:|")
    for name, (segment, token_offsets, run) in tools.items():
        f1 = word_f1(segment, sents)
        kept, total = kept_whole(token_offsets, paragraphs)
        wps = speed(run, paragraphs, args.repeat)
        print(f"| {name} | {f1:.4f} | {kept}/{total} ({kept / total:.1%}) | {wps:,.0f} |")


if __name__ == "__main__":
    main()
