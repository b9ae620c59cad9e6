"""The indicator taxonomy (``data/indicators.json``): ids, names, units, phrasings.

Loading validates the file and fails loudly. :meth:`Taxonomy.identify` maps an
``INDICATOR`` phrase to its id: an exact phrasing first, else the nearest
phrasing by character n-gram TF-IDF cosine above a threshold (2-4 grams inside
space-padded words, sublinear tf, smoothed idf, L2 norm), served by a plain
inverted index of n-grams.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import math
from collections import Counter, defaultdict

import numpy as np
import srsly

from .lexicon import DATA
from .normalize import normalize_text
from .units import UNITS

_KEYS = {"id", "name", "units", "phrasings"}
_CACHE_SIZE = 100_000


class TaxonomyError(ValueError):
    """The taxonomy file is malformed."""


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    units: tuple[str, ...]
    phrasings: tuple[str, ...]


def char_ngrams(text: str, low: int = 2, high: int = 4) -> list[str]:
    """Character n-grams of the space-padded words of ``text`` (``char_wb`` analysis)."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        for n in range(low, high + 1):
            grams.extend(padded[i:i + n] for i in range(max(1, len(padded) - n + 1)))
            if len(padded) <= n:  # the whole word is the longest n-gram
                break
    return grams


class NgramIndex:
    """TF-IDF vectors of character n-grams, and cosine search through an inverted index."""

    def __init__(self, texts: list[str]) -> None:
        counts = [Counter(char_ngrams(t)) for t in texts]
        df = Counter(g for c in counts for g in c)
        self.size = len(texts)
        self.idf = {g: math.log((1 + self.size) / (1 + d)) + 1.0 for g, d in df.items()}
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for row, c in enumerate(counts):
            for g, w in self._vector(c).items():
                postings[g].append((row, w))
        self.postings = {g: (np.array([r for r, _ in p], dtype=np.intp), np.array([w for _, w in p]))
                         for g, p in postings.items()}

    def _vector(self, counts: Counter) -> dict[str, float]:
        vec = {g: (1.0 + math.log(tf)) * self.idf[g] for g, tf in counts.items() if g in self.idf}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {g: v / norm for g, v in vec.items()}

    def similarities(self, text: str) -> np.ndarray:
        """Cosine similarity of ``text`` to every indexed text (one array, by row)."""
        vec = self._vector(Counter(char_ngrams(text)))
        if not vec:
            return np.zeros(self.size)
        rows = np.concatenate([self.postings[g][0] for g in vec])
        weights = np.concatenate([self.postings[g][1] * w for g, w in vec.items()])
        return np.bincount(rows, weights=weights, minlength=self.size)


def _key(text: str) -> str:
    return " ".join(normalize_text(text).lower().replace("“", "").replace("”", "").replace('"', "").split())


class Taxonomy:
    """Indicators by id, and phrase -> id identification."""

    def __init__(self, indicators: list[Indicator], threshold: float = 0.55) -> None:
        self.indicators = {ind.id: ind for ind in indicators}
        self.threshold = threshold
        self._exact: dict[str, str] = {}
        texts, ids = [], []
        for ind in indicators:
            for phrase in (ind.name, *ind.phrasings):
                self._exact.setdefault(_key(phrase), ind.id)
                texts.append(_key(phrase))
                ids.append(ind.id)
        self._ids = ids
        self._index = NgramIndex(texts)
        self._cache: dict[tuple[str, str | None], str | None] = {}

    @classmethod
    def from_file(cls, path: str | Path) -> "Taxonomy":
        """Load and validate a taxonomy file."""
        return cls.from_dict(srsly.read_json(path), where=str(path))

    def to_dict(self) -> dict:
        """The taxonomy as its file holds it."""
        return {"version": 1, "indicators": [
            {"id": i.id, "name": i.name, "units": list(i.units), "phrasings": list(i.phrasings)}
            for i in self.indicators.values()]}

    @classmethod
    def from_dict(cls, data: dict, where: str = "taxonomy") -> "Taxonomy":
        """Validate and build a taxonomy from the data of a taxonomy file."""
        path = where
        if not isinstance(data, dict) or set(data) - {"version", "indicators"}:
            raise TaxonomyError(f"{path}: expected {{'version', 'indicators'}}")
        seen: set[str] = set()
        indicators = []
        for i, item in enumerate(data.get("indicators", [])):
            where = f"{path}: indicator {i} ({item.get('id')!r})"
            if set(item) != _KEYS:
                raise TaxonomyError(f"{where}: keys must be {sorted(_KEYS)}, got {sorted(item)}")
            if item["id"] in seen:
                raise TaxonomyError(f"{where}: duplicate id")
            seen.add(item["id"])
            bad = [u for u in item["units"] if u not in UNITS]
            if bad:
                raise TaxonomyError(f"{where}: unknown units {bad} (see vn_dolisa_nlp.units.UNITS)")
            if not item["phrasings"] or not all(isinstance(p, str) and p.strip() for p in item["phrasings"]):
                raise TaxonomyError(f"{where}: phrasings must be non-empty strings")
            indicators.append(Indicator(item["id"], item["name"], tuple(item["units"]), tuple(item["phrasings"])))
        return cls(indicators)

    def __contains__(self, indicator_id: str) -> bool:
        return indicator_id in self.indicators

    def identify(self, phrase: str, unit: str | None = None) -> str | None:
        """The id whose phrasings best match ``phrase`` (and accept ``unit``), or None."""
        if (phrase, unit) not in self._cache:
            if len(self._cache) >= _CACHE_SIZE:  # archives repeat few phrasings; bound the rest
                self._cache.clear()
            self._cache[(phrase, unit)] = self._identify(phrase, unit)
        return self._cache[(phrase, unit)]

    def _identify(self, phrase: str, unit: str | None) -> str | None:
        key = _key(phrase)
        if not key:
            return None
        exact = self._exact.get(key)
        if exact and (unit is None or unit in self.indicators[exact].units):
            return exact
        sims = self._index.similarities(key)
        for j in np.argsort(sims, kind="stable")[::-1][:5]:
            if sims[j] < self.threshold:
                break
            candidate = self._ids[j]
            if unit is None or unit in self.indicators[candidate].units:
                return candidate
        if unit == "percent":  # a percentage states a change, a share or a ratio to plan of any measure
            return exact or self._identify(phrase, None)
        return None


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The taxonomy shipped with the package."""
    return Taxonomy.from_file(str(DATA / "indicators.json"))
