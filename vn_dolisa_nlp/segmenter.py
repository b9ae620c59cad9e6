"""Join syllables into Vietnamese words.

A CRF decides where words begin: pyvi's model (trained on VLSP treebank data),
reused over our own syllable stream with its own feature set, so numbers, codes
and abbreviations never reach it as syllables. A lexicon then overrides it: a
lexicon entry always becomes one word. ``benchmarks/segmentation.py`` is how this
choice was made (pyvi's model scored higher on UD VTB than underthesea's).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Sequence

from .normalize import normalize_text
from .vocabulary import UNJOINED_PREFIXES as _ADMIN_PREFIXES




@lru_cache(maxsize=1)
def _pyvi() -> tuple[object, frozenset[str], frozenset[str]]:
    """pyvi's CRF tagger and the bigram / trigram word lists its features read."""
    from pyvi.ViTokenizer import ViTokenizer

    return ViTokenizer.model.tagger_, frozenset(ViTokenizer.bi_grams), frozenset(ViTokenizer.tri_grams)


class Segmenter:
    """Decide which syllables join into one word."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._tagger, bi_grams, tri_grams = _pyvi()
        self._bi = set(bi_grams)
        self._tri = set(tri_grams)
        self.syllables = frozenset(s for gram in bi_grams | tri_grams for s in gram.split(" "))
        self._lexicon: dict[str, set[tuple[str, ...]]] = {}
        self.add_words(words)

    def is_syllable(self, piece: str) -> bool:
        """True for a Vietnamese syllable (``KẾT``), false for an abbreviation (``UBND``)."""
        return not piece.isupper() or piece.lower() in self.syllables

    def add_words(self, words: Iterable[str]) -> None:
        """Make each of ``words`` (multi-syllable strings) always one word."""
        for word in words:
            key = tuple(normalize_text(word).lower().split())
            if len(key) < 2:
                continue
            self._lexicon.setdefault(key[0], set()).add(key)
            if len(key) == 2:
                self._bi.add(" ".join(key))
            elif len(key) == 3:
                self._tri.add(" ".join(key))

    def starts(self, pieces: Sequence[str], joinable: Sequence[bool]) -> list[bool]:
        """Return, for each piece, whether it starts a new word.

        ``pieces`` are normalised; ``joinable[i]`` says whether piece ``i`` may
        join piece ``i - 1`` at all (both syllables, separated by plain spaces).
        """
        n = len(pieces)
        if n == 0:
            return []
        lowered = [p.lower() for p in pieces]
        tags = self._tagger.tag(self._features(pieces, lowered))
        start = [True] * n
        for i in range(1, n):
            # pyvi's own rule: a capitalised syllable does not join a lower-case one;
            # ours: an admin prefix (huyện, xã ...) does not join the name before it
            if joinable[i] and tags[i] == "I_W" and not (pieces[i][0].isupper() and not pieces[i - 1][0].isupper()) \
                    and not (lowered[i] in _ADMIN_PREFIXES and pieces[i - 1][0].isupper()):
                start[i] = False
        if self._lexicon:
            self._apply_lexicon(lowered, joinable, start)
        return start

    def _features(self, pieces: Sequence[str], lowered: list[str]) -> list[list[str]]:
        """pyvi's feature set, as CRFsuite attribute names.

        pyvi trained on dicts; CRFsuite reads ``{"k": "v"}`` as attribute ``k:v``,
        ``{"k": True}`` as ``k`` and drops false ones, so these lists score the same
        and convert faster.
        """
        n = len(pieces)
        upper = [p.isupper() for p in pieces]
        # a heading in capitals (``CHỈ TIÊU CHỦ YẾU``) is read as the same words in lower case:
        # pyvi's model saw capitals mostly in names and abbreviations, and splits such runs
        shouted = [u and (i > 0 and upper[i - 1] or i < n - 1 and upper[i + 1]) for i, u in enumerate(upper)]
        upper = [u and not s for u, s in zip(upper, shouted)]
        title = [p.istitle() and not s for p, s in zip(pieces, shouted)]
        bi = [i > 0 and f"{lowered[i - 1]} {lowered[i]}" in self._bi for i in range(n)]
        tri = [i > 1 and f"{lowered[i - 2]} {lowered[i - 1]} {lowered[i]}" in self._tri for i in range(n)]
        feats = []
        for i, word in enumerate(pieces):
            f = ["bias", "word.lower():" + lowered[i]]
            if upper[i]:
                f.append("word.isupper()")
            if title[i]:
                f.append("word.istitle()")
            if word.isdigit():
                f.append("word.isdigit()")
            if i > 0:
                f.append("-1:word.lower():" + lowered[i - 1])
                if title[i - 1]:
                    f.append("-1:word.istitle()")
                if upper[i - 1]:
                    f.append("-1:word.isupper()")
                if bi[i]:
                    f.append("-1:word.bi_gram()")
                if tri[i]:
                    f.append("-2:word.tri_gram()")
            if i < n - 1:
                f.append("+1:word.lower():" + lowered[i + 1])
                if title[i + 1]:
                    f.append("+1:word.istitle()")
                if upper[i + 1]:
                    f.append("+1:word.isupper()")
                if bi[i + 1]:
                    f.append("+1:word.bi_gram()")
                if i < n - 2 and tri[i + 2]:
                    f.append("+2:word.tri_gram()")
            feats.append(f)
        return feats

    def _apply_lexicon(self, lowered: list[str], joinable: Sequence[bool], start: list[bool]) -> None:
        i, n = 0, len(lowered)
        while i < n:
            best = 0
            for key in self._lexicon.get(lowered[i], ()):
                k = len(key)
                if k > best and i + k <= n and tuple(lowered[i:i + k]) == key and all(joinable[i + 1:i + k]):
                    best = k
            if best:
                start[i] = True
                for j in range(i + 1, i + best):
                    start[j] = False
                if i + best < n:
                    start[i + best] = True
                i += best
            else:
                i += 1
