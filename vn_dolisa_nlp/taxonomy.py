"""The indicator taxonomy (``data/indicators.json``): ids, names, units, phrasings.

Loading validates the file and fails loudly. :meth:`Taxonomy.identify` maps an
``INDICATOR`` phrase to its id: an exact phrasing first, else the nearest
phrasing by character n-gram TF-IDF cosine above a threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import srsly
from sklearn.feature_extraction.text import TfidfVectorizer

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
        self._vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)
        self._matrix = self._vectorizer.fit_transform(texts)
        self._cache: dict[tuple[str, str | None], str | None] = {}

    @classmethod
    def from_file(cls, path: str | Path) -> "Taxonomy":
        """Load and validate a taxonomy file."""
        data = srsly.read_json(path)
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
        sims = (self._matrix @ self._vectorizer.transform([key]).T).toarray().ravel()
        for j in sims.argsort()[::-1][:5]:
            if sims[j] < self.threshold:
                break
            candidate = self._ids[j]
            if unit is None or unit in self.indicators[candidate].units:
                return candidate
        return None


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The taxonomy shipped with the package."""
    return Taxonomy.from_file(str(DATA / "indicators.json"))
