"""A tok2vec embedding that also sees the first and last syllable of each word.

Our tokens are whole Vietnamese words, so ``người lao động`` is one token whose NORM
is unseen whenever the word is, and whose PREFIX (``n``) and SUFFIX (``ộng``) say
little. :func:`syllable_multi_hash_embed` is spaCy's ``MultiHashEmbed`` with two more
hashed columns, the first and the last syllable of the token's NORM (``người`` and
``động``; a one-syllable word gives itself twice), so an unseen multi-syllable word
shares features with the words it is made of (``tỷ lệ hộ nghèo`` with ``tỷ lệ`` and
``hộ nghèo``). Registered as ``vn_dolisa.SyllableMultiHashEmbed.v1``; only absolute
imports, so ``spacy train --code vn_dolisa_nlp/embed.py`` can load it too.
"""

from __future__ import annotations

from typing import Callable, List, Sequence, Tuple, Union

import numpy
from spacy.attrs import NORM
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d

SYLLABLE_COLUMNS = 2  # first syllable, last syllable


def _syllable_ids(norm: str) -> tuple[int, int]:
    syllables = norm.split()
    if not syllables:
        return get_string_id(norm), get_string_id(norm)
    return get_string_id(syllables[0]), get_string_id(syllables[-1])


def SyllableFeatures(columns: Sequence[Union[int, str]]) -> Model[List[Doc], List[Ints2d]]:
    """Per doc, ``doc.to_array(columns)`` and then the first and last syllable of each NORM
    (as string ids), one row per token."""
    return Model("syllable_features", _features_forward,
                 attrs={"columns": list(columns), "cache": {}})


def _features_forward(model: Model, docs: List[Doc], is_train: bool) -> Tuple[List[Ints2d], Callable]:
    columns = model.attrs["columns"]
    cache: dict[int, tuple[int, int]] = model.attrs["cache"]
    features: List[Ints2d] = []
    for doc in docs:
        whole = doc if isinstance(doc, Doc) else doc.doc
        start, end = (0, len(doc)) if isinstance(doc, Doc) else (doc.start, doc.end)
        attrs = whole.to_array(list(columns) + [NORM])[start:end].reshape((end - start, len(columns) + 1))
        norms = attrs[:, -1]
        syllables = numpy.empty((len(norms), SYLLABLE_COLUMNS), dtype="uint64")
        strings = whole.vocab.strings
        for i, norm in enumerate(norms.tolist()):
            ids = cache.get(norm)
            if ids is None:
                ids = cache[norm] = _syllable_ids(strings[norm])
            syllables[i] = ids
        features.append(model.ops.asarray2i(numpy.hstack([attrs[:, :-1], syllables]), dtype="uint64"))
    return features, lambda d_features: []


@registry.architectures("vn_dolisa.SyllableMultiHashEmbed.v1")
def syllable_multi_hash_embed(width: int, attrs: List[str], rows: List[int],
                              syllable_rows: int) -> Model[List[Doc], List[Floats2d]]:
    """``spacy.MultiHashEmbed.v2`` (no static vectors) over ``attrs`` plus a first-syllable and
    a last-syllable table of ``syllable_rows`` rows each."""
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    all_rows = list(rows) + [syllable_rows] * SYLLABLE_COLUMNS
    embeddings = [HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0) for i, n in enumerate(all_rows)]
    max_out = with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True))
    return chain(SyllableFeatures(attrs), list2ragged(), with_array(concatenate(*embeddings)),
                 max_out, ragged2list())
