"""The syllable embedding (vn_dolisa_nlp.embed) on a sentence of the Điện Biên report."""

import numpy
from spacy.strings import get_string_id
from spacy.util import registry

import vn_dolisa_nlp
from vn_dolisa_nlp.embed import SyllableFeatures

ATTRS = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]


def _sentence(sample_paragraphs) -> str:
    text = next(p for p in sample_paragraphs if p.startswith("- Ước giải quyết việc làm mới năm 2023"))
    return text[:text.index("Tỷ lệ thất nghiệp") + len("Tỷ lệ thất nghiệp khu vực thành thị giảm xuống còn 1,15%")]


def test_features_are_the_attrs_then_first_and_last_syllable(sample_paragraphs):
    doc = vn_dolisa_nlp.blank()(_sentence(sample_paragraphs))
    features = SyllableFeatures(ATTRS).predict([doc])[0]
    assert features.shape == (len(doc), len(ATTRS) + 2)
    assert numpy.array_equal(features[:, :len(ATTRS)], doc.to_array(ATTRS))
    by_text = {t.text: features[t.i] for t in doc}
    worker = by_text["lao động"]
    assert (worker[-2], worker[-1]) == (get_string_id("lao"), get_string_id("động"))
    # a one-syllable word is its own first and last syllable, and both are its NORM
    person = by_text["người"]
    assert person[-2] == person[-1] == person[0] == get_string_id("người")
    rate = next(t for t in doc if t.norm_.startswith("tỷ lệ"))
    assert features[rate.i][-2] == get_string_id("tỷ")


def test_features_of_a_span_are_its_tokens_rows(sample_paragraphs):
    doc = vn_dolisa_nlp.blank()(_sentence(sample_paragraphs))
    extractor = SyllableFeatures(ATTRS)
    whole, part = extractor.predict([doc, doc[3:9]])
    assert numpy.array_equal(part, whole[3:9])


def test_registered_embedding_gives_one_vector_per_token(sample_paragraphs):
    doc = vn_dolisa_nlp.blank()(_sentence(sample_paragraphs))
    embed = registry.architectures.get("vn_dolisa.SyllableMultiHashEmbed.v1")(
        width=32, attrs=ATTRS, rows=[500, 100, 250, 250], syllable_rows=250)
    embed.initialize(X=[doc])
    vectors = embed.predict([doc])[0]
    assert vectors.shape == (len(doc), 32)
    assert numpy.isfinite(vectors).all()
