"""Places: the administrative level and standard name of a ``LOC``.

``tỉnh Điện Biên`` -> (``province``, ``Tỉnh Điện Biên``); ``huyện Điện Biên Đông`` ->
(``district``, ``Huyện Điện Biên Đông``); ``Hàn Quốc`` -> (``country``, ``Hàn Quốc``).
Names come from the shipped gazetteer (legacy units first: the reports predate the
2025 reform) and ``data/countries.txt``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import DATA, gazetteer
from .normalize import normalize_text
from .vocabulary import ADMIN_PREFIXES

LEVELS = ("country", "province", "district", "commune", "village")

_PREFIXES = ADMIN_PREFIXES  # admin prefix (normalised, lower case) -> the levels it can name
_CITY = {"thành phố", "tp", "tp."}
_PREFIX = re.compile(r"^(" + "|".join(re.escape(p) for p in sorted(_PREFIXES, key=len, reverse=True)) + r")\s*")


def _key(name: str) -> str:
    return " ".join(normalize_text(name).lower().replace("-", " ").split())


@lru_cache(maxsize=1)
def _index() -> dict[str, list[dict]]:
    index: dict[str, list[dict]] = {}
    for unit in gazetteer():
        index.setdefault(_key(unit["name"]), []).append(unit)
    for unit_list in index.values():
        unit_list.sort(key=lambda u: (LEVELS.index(u["level"]), u["era"] != "legacy"))
    return index


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Country names, normalised keys."""
    lines = (DATA / "countries.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(_key(line) for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=65536)
def place_of(text: str, province: str | None = None) -> tuple[str | None, str | None]:
    """``(admin_level, canonical name)`` of a place phrase; ``(None, None)`` when unknown.

    ``province`` (a short name such as ``Điện Biên``) breaks ties between units
    of the same name in different provinces.
    """
    key = _key(text)
    levels: tuple[str, ...] = LEVELS
    m = _PREFIX.match(key)
    if m and key[m.end():]:
        levels = _PREFIXES[m.group(1)]
        key = key[m.end():]
    if "country" in levels and key in countries():
        return "country", text.strip() if not m else text[m.end():].strip()
    candidates = [u for u in _index().get(key, []) if u["level"] in levels]
    if m and m.group(1) in _CITY:
        candidates = [u for u in candidates if u["type"] == "Thành phố"]
    if province:
        local = [u for u in candidates if _key(u["province"]) == _key(province)]
        candidates = local or candidates
    if candidates:
        unit = min(candidates, key=lambda u: (levels.index(u["level"]), u["era"] != "legacy"))
        return unit["level"], unit["canonical"]
    if m:
        return levels[0], None
    return None, None
