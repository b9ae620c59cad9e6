"""Places: the administrative level, standard name and 2025 province of a ``LOC``.

``tỉnh Điện Biên`` -> (``province``, ``Tỉnh Điện Biên``, ``Tỉnh Điện Biên``); ``huyện Vũ
Thư`` -> (``district``, ``Huyện Vũ Thư``, ``Tỉnh Hưng Yên``); ``đặc khu Phú Quốc`` ->
(``commune``, ``Đặc khu Phú Quốc``, ``Tỉnh An Giang``); ``Hàn Quốc`` -> (``country``,
``Hàn Quốc``, None). Names come from the shipped gazetteer, which holds both maps (the
units before 1 July 2025 and the 34 provinces with their communes since), each unit with
the province that holds it today (``province_2025``, from the official conversion), and
``data/countries.txt``. Each distinct (text, province, era) is looked up once (cached).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .lexicon import DATA, gazetteer
from .normalize import normalize_text
from .vocabulary import ADMIN_PREFIXES

LEVELS = ("country", "province", "district", "commune", "village")
ERAS = ("legacy", "2025")  # the map of the reports before 1 July 2025, and the map since

_PREFIXES = ADMIN_PREFIXES  # admin prefix (normalised, lower case) -> the levels it can name
_CITY = {"thành phố", "tp", "tp."}
# the admin prefixes that name one type of unit: ``xã Long An`` is the commune, not the ward
_TYPES = {"tỉnh": "Tỉnh", "huyện": "Huyện", "quận": "Quận", "thị xã": "Thị xã", "tx": "Thị xã", "tx.": "Thị xã",
          "xã": "Xã", "phường": "Phường", "thị trấn": "Thị trấn", "đặc khu": "Đặc khu"}
_PREFIX = re.compile(r"^(" + "|".join(re.escape(p) for p in sorted(_PREFIXES, key=len, reverse=True)) + r")\s*")


class Place(NamedTuple):
    """What the gazetteer knows of a place phrase; None where it does not know."""

    level: str | None
    canonical: str | None
    province_2025: str | None


UNKNOWN = Place(None, None, None)


# spellings of one syllable in the names of the Central Highlands: Đắk / Đăk / Đak Glong, Lắk / Lăk
_VARIANTS = ((re.compile(r"\bđ[aăắ]k\b"), "đắk"), (re.compile(r"\bl[aăắ]k\b"), "lắk"))


def _key(name: str) -> str:
    key = " ".join(normalize_text(name).lower().replace("-", " ").split())
    for variant, spelling in _VARIANTS:
        key = variant.sub(spelling, key)
    return key


@lru_cache(maxsize=1)
def _index() -> dict[str, list[dict]]:
    index: dict[str, list[dict]] = {}
    for unit in gazetteer():
        index.setdefault(_key(unit["name"]), []).append(unit)
    return index


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Country names, normalised keys."""
    lines = (DATA / "countries.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(_key(line) for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1024)
def _province_2025_of_province(province: str) -> str | None:
    """The 2025 province of a province's short name (``Đắk Nông`` -> ``Tỉnh Lâm Đồng``)."""
    return next((u["province_2025"] for u in _index().get(_key(province), []) if u["level"] == "province"), None)


@lru_cache(maxsize=65536)
def lookup(text: str, province: str | None = None, era: str | None = None) -> Place:
    """The :class:`Place` of a place phrase (``UNKNOWN`` when the gazetteer has no such unit).

    ``province`` (a short name such as ``Điện Biên`` or ``Lâm Đồng``, of either map) breaks
    ties between units of the same name: a unit of that province first, then one of the
    2025 province that holds it. ``era`` is the map of the report (``"2025"`` for a report
    written after 1 July 2025): after provinces, its units come first, so that a 2026
    report's ``Phú Quốc`` is the special zone, a 2018 report's the city (a district); by
    default the legacy units come first. A written prefix prefers units of its type
    (``xã Long An`` is the commune, ``phường Long An`` the ward).
    """
    key = _key(text)
    levels: tuple[str, ...] = LEVELS
    m = _PREFIX.match(key)
    if m and key[m.end():]:
        levels = _PREFIXES[m.group(1)]
        key = key[m.end():]
    if "country" in levels and key in countries():
        return Place("country", text.strip() if not m else text[m.end():].strip(), None)
    candidates = [u for u in _index().get(key, []) if u["level"] in levels]
    if m and m.group(1) in _CITY:
        candidates = [u for u in candidates if u["type"] == "Thành phố"]
    if candidates:
        same, merged = (_key(province), _province_2025_of_province(province)) if province else (None, None)
        written_type = _TYPES.get(m.group(1)) if m else None

        def rank(u: dict) -> tuple:
            if era == "2025":  # the report's province is one of the 34: any unit it holds today is local
                local = 0 if merged and u["province_2025"] == merged else 2
            else:  # a unit of the province of the time, then one merged into the same province since
                local = 0 if u["era"] == "legacy" and _key(u["province"]) == same \
                    else 1 if merged and u["province_2025"] == merged else 2
            other_type = written_type is not None and u["type"] != written_type
            other_era = u["era"] != (era or "legacy")
            level = levels.index(u["level"])
            if era == "2025":  # provinces (a former one too: ``Bình Phước``), then today's communes
                return local, other_type, u["level"] != "province", other_era, level
            return local, other_type, level, other_era

        unit = min(candidates, key=rank)
        return Place(unit["level"], unit["canonical"], unit["province_2025"])
    if m:
        return Place(levels[0], None, None)
    return UNKNOWN


def place_of(text: str, province: str | None = None, era: str | None = None) -> tuple[str | None, str | None]:
    """``(admin_level, canonical name)`` of a place phrase; ``(None, None)`` when unknown
    (:func:`lookup`: ``province`` breaks ties, ``era`` chooses the map)."""
    found = lookup(text, province, era)
    return found.level, found.canonical


def province_2025_of(text: str | None, province: str | None = None, era: str | None = None) -> str | None:
    """The province of the 34 (since 1 July 2025) that holds the place today:
    ``huyện Vũ Thư`` -> ``Tỉnh Hưng Yên``; None for a country, an unknown place or no text."""
    return lookup(text, province, era).province_2025 if text else None


def short_name(canonical: str | None) -> str | None:
    """A unit's name without its admin prefix: ``Thành phố Hồ Chí Minh`` -> ``Hồ Chí Minh``."""
    if not canonical:
        return None
    m = _PREFIX.match(canonical.lower())
    rest = canonical[m.end():].strip() if m else ""
    return rest or canonical
