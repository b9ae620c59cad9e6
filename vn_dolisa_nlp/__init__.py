"""vn_dolisa_nlp: Vietnamese administrative reports of the labour and social-affairs sector, as data.

    >>> import vn_dolisa_nlp
    >>> nlp = vn_dolisa_nlp.load()
    >>> doc = nlp("Toàn tỉnh giải quyết việc làm mới cho 11.309 lao động, đạt 124,27%KH.")
    >>> doc._.records[0]["value"]
    11309
"""

from __future__ import annotations

import os
import warnings
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import blas, extensions, layout, linking, proposals, records, rules, tokenizer  # noqa: F401  (registers them)
from .chunking import process
from .dataframe import to_dataframe
from .reading import as_path, read, with_pages
from .visualization import render

__version__ = "0.3.3"
__all__ = ["blank", "load", "nlp", "process", "extract", "to_dataframe", "render", "__version__"]

MODEL = "vi_dolisa_sm"
MAX_LENGTH = 10_000_000  # characters; every component is linear in the length of the text
TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "vn_dolisa.WordTokenizer.v1"}}}
_default: Language | None = None


def blank() -> Language:
    """A Vietnamese pipeline with our word tokenizer (words and sentence boundaries), nothing trained."""
    pipeline = spacy.blank("vi", config=TOKENIZER_CONFIG)
    pipeline.max_length = MAX_LENGTH
    return pipeline


def load(name_or_path: str | os.PathLike | None = None, **spacy_load_kwargs: Any) -> Language:
    """The trained pipeline (the installed ``vi_dolisa_sm`` by default), or ``name_or_path`` as
    ``spacy.load`` takes it. Never touches the network."""
    name = MODEL if name_or_path is None else name_or_path
    try:
        pipeline = spacy.load(name, **spacy_load_kwargs)
    except OSError as err:
        if name_or_path is None:
            raise OSError(f"the model package '{MODEL}' is not installed; install it with "
                          f"'pip install ./packages/{MODEL}' from the vn_dolisa_nlp repository") from err
        raise
    pipeline.max_length = max(pipeline.max_length, MAX_LENGTH)
    _check_built_with(pipeline)
    return pipeline


def _check_built_with(pipeline: Language) -> None:
    """Warn when the pipeline was built for another release of this library (its meta's
    ``requirements``): its components, taxonomy or lexicon may not match this code."""
    from packaging.requirements import InvalidRequirement, Requirement

    for line in pipeline.meta.get("requirements", []):
        try:
            req = Requirement(line)
        except InvalidRequirement:
            continue
        if req.name == "vn-dolisa-nlp" and not req.specifier.contains(__version__, prereleases=True):
            warnings.warn(f"pipeline '{pipeline.meta.get('name')}' was built for {line}, "
                          f"this is vn-dolisa-nlp {__version__}: retrain it (training/README.md)", stacklevel=3)


def _default_pipeline() -> Language:
    global _default
    if _default is None:
        _default = load()
    return _default


def nlp(text: str) -> Doc:
    """Process ``text`` with the default pipeline, loaded on first use; a long document runs
    paragraph-level stages chunk by chunk (:func:`vn_dolisa_nlp.chunking.process`)."""
    if not isinstance(text, str):
        raise TypeError(f"vn_dolisa_nlp expects text as str, got {type(text).__name__}")
    return process(_default_pipeline(), text)


def extract(text_or_path: str | os.PathLike) -> list[dict]:
    """The records (SPEC section 5) of one document, given as text or as a file path.

    A ``Path`` (any ``os.PathLike``) is a file. A ``str`` is text, except a one-line string
    without spaces around it that ends in a document suffix (``.txt .md .docx .doc .pdf
    .html``): that is a path, and a missing file raises ``FileNotFoundError``; a string
    naming a folder raises ``IsADirectoryError``. A file that gives no text raises
    :class:`vn_dolisa_nlp.reading.ReadError`. Records of a PDF carry its ``page``."""
    if not isinstance(text_or_path, (str, os.PathLike)):
        raise TypeError(f"extract expects text or a path, got {type(text_or_path).__name__}")
    path = as_path(text_or_path)
    if path is None:
        if (isinstance(text_or_path, str) and text_or_path and "\n" not in text_or_path
                and len(text_or_path) < 4096 and text_or_path == text_or_path.strip()
                and os.path.isdir(text_or_path)):
            raise IsADirectoryError(f"{text_or_path} is a folder: extract() reads one document")
        return nlp(text_or_path)._.records
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder: extract() reads one document")
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    document = read(path)
    pipeline = _default_pipeline()
    if len(document.text) > pipeline.max_length:
        raise ValueError(f"{path}: {len(document.text):,} characters, more than nlp.max_length ({pipeline.max_length:,})")
    return with_pages(process(pipeline, document.text)._.records, document)
