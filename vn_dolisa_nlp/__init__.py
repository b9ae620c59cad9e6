"""vn_dolisa_nlp: Vietnamese administrative reports of the labour and social-affairs sector, as data.

    >>> import vn_dolisa_nlp
    >>> nlp = vn_dolisa_nlp.load()
    >>> doc = nlp("Toàn tỉnh giải quyết việc làm mới cho 11.309 lao động, đạt 124,27%KH.")
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import extensions, records, rules, tokenizer  # noqa: F401  (registers attributes, tokenizer, components)

__version__ = "0.1.0"
__all__ = ["blank", "load", "nlp", "__version__"]

TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "vn_dolisa.WordTokenizer.v1"}}}
_default: Language | None = None


def blank() -> Language:
    """A Vietnamese pipeline with our word tokenizer (words and sentence boundaries), nothing trained."""
    return spacy.blank("vi", config=TOKENIZER_CONFIG)


def load(name_or_path: str | None = None, **spacy_load_kwargs: Any) -> Language:
    """Load a pipeline: ``name_or_path`` as ``spacy.load`` takes it, or the default pipeline.

    Never touches the network.
    """
    if name_or_path is not None:
        return spacy.load(name_or_path, **spacy_load_kwargs)
    return blank()


def nlp(text: str) -> Doc:
    """Process ``text`` with the default pipeline, loaded on first use."""
    global _default
    if not isinstance(text, str):
        raise TypeError(f"vn_dolisa_nlp expects text as str, got {type(text).__name__}")
    if _default is None:
        _default = load()
    return _default(text)
