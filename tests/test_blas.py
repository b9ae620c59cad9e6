"""numpy's matrix product for the trained layers (``vn_dolisa_nlp/blas.py``)."""

from __future__ import annotations

import spacy
from vn_dolisa_nlp.blas import NumpyMatmulOps


def test_loaded_layers_multiply_with_numpy_and_give_the_same_entities(sample_paragraphs):
    """The packaged config runs ``vn_dolisa.numpy_matmul.v1`` after the pipeline is built; without
    it thinc multiplies with blis. Both read the Điện Biên report alike."""
    nlp = spacy.load("vi_dolisa_sm")
    blis = spacy.load("vi_dolisa_sm", config={"nlp": {"after_pipeline_creation": None}})
    for name in ("tok2vec", "ner"):
        assert {(type(layer.ops), layer.ops.use_blis) for layer in nlp.get_pipe(name).model.walk()} \
            == {(NumpyMatmulOps, False)}
        assert all(layer.ops.use_blis for layer in blis.get_pipe(name).model.walk())
    texts = sample_paragraphs[:80]
    ents = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]
    assert ents == [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in blis.pipe(texts)]
    assert sum(map(len, ents)) > 100
