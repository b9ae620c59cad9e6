"""The shipped lexicons: domain words and the gazetteer of administrative units."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import srsly

DATA = files("vn_dolisa_nlp") / "data"


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict, ...]:
    """Administrative units (legacy and 2025), built by ``training/build_gazetteer.py``."""
    return tuple(srsly.read_jsonl(str(DATA / "gazetteer.jsonl")))


@lru_cache(maxsize=1)
def domain_words() -> tuple[str, ...]:
    """Multi-syllable words the segmenter keeps whole: ``lexicon.txt`` plus province and district names."""
    lines = (DATA / "lexicon.txt").read_text(encoding="utf-8").splitlines()
    words = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    words |= {u["name"] for u in gazetteer() if u["level"] in ("province", "district")}
    return tuple(sorted(w for w in words if " " in w))
