"""The installed model vi_dolisa_sm: labels, entities, serialisation, multiprocessing, training."""

from __future__ import annotations

import spacy
import srsly
from spacy.tokens import DocBin

import vn_dolisa_nlp
from vn_dolisa_nlp.scoring import LABELS

from conftest import ROOT

SPEC_SENTENCE = "Toàn tỉnh giải quyết việc làm mới cho 11.309 lao động, đạt 124,27%KH."


def ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


def test_load_and_spacy_load_give_the_model(model):
    assert model.meta["name"] == "dolisa_sm" and model.meta["lang"] == "vi"
    other = spacy.load("vi_dolisa_sm")
    assert other.pipe_names == model.pipe_names
    assert set(model.get_pipe("ner").labels) == set(LABELS)


def test_spec_sentence(model):
    doc = model(SPEC_SENTENCE)
    found = ents(doc)
    for expected in [("11.309", "QUANTITY"), ("lao động", "UNIT"), ("124,27", "QUANTITY"), ("%", "UNIT")]:
        assert expected in found
    assert any(label == "INDICATOR" and "giải quyết việc làm" in text for text, label in found)
    quantity = next(e for e in doc.ents if e.text == "11.309")
    assert quantity._.value == 11309
    unit = next(e for e in doc.ents if e.text == "lao động")
    assert (unit._.unit, unit._.multiplier) == ("person", 1.0)


def test_policy_doc_and_date_attributes(model):
    doc = model("Căn cứ Nghị quyết số 08/2023/NQ-HĐND ngày 14/7/2023 của HĐND tỉnh, trong năm 2023 đã hỗ trợ 120 hộ.")
    policy = next(e for e in doc.ents if e.label_ == "POLICY_DOC")
    assert policy.text == "Nghị quyết số 08/2023/NQ-HĐND ngày 14/7/2023"
    assert (policy._.doc_type, policy._.doc_number, policy._.issuer_code, policy._.year, policy._.issued) == (
        "Nghị quyết", "08/2023/NQ-HĐND", "NQ-HĐND", 2023, "2023-07-14")
    date = next(e for e in doc.ents if e.label_ == "DATE")
    assert date.text == "năm 2023" and date._.period == "2023"


def test_places(model):
    doc = model("Đưa 113 lao động huyện Điện Biên Đông đi làm việc tại Hàn Quốc.")
    locs = {e.text: (e._.admin_level, e._.canonical) for e in doc.ents if e.label_ == "LOC"}
    assert locs.get("huyện Điện Biên Đông") == ("district", "Huyện Điện Biên Đông")
    assert locs.get("Hàn Quốc") == ("country", "Hàn Quốc")


def test_round_trip(model, tmp_path):
    model.to_disk(tmp_path / "m")
    loaded = spacy.load(tmp_path / "m")
    text = "Tỷ lệ hộ nghèo giảm còn 5,18%, giảm 5.784 hộ so với năm 2022."
    assert ents(loaded(text)) == ents(model(text))
    assert loaded(text)._.records == model(text)._.records


def test_n_process_2_gives_same_entities(model, sample_paragraphs):
    texts = sample_paragraphs[15:23]
    one = [ents(d) for d in model.pipe(texts)]
    two = [ents(d) for d in model.pipe(texts, n_process=2, batch_size=2)]
    assert one == two


def test_bad_input(model):
    assert len(model("")) == 0 and model("")._.records == []
    messy = "**Tổng số** hộ nghèo<br/>: 1.234 hộ\x00 ¹ <p>đạt 5,18 %</p>"
    doc = model(messy)
    assert doc.text == messy
    assert ("1.234", "QUANTITY") in ents(doc)


def test_training_smoke(tmp_path):
    """A few steps of the real training config on a few gold paragraphs."""
    import sys

    sys.path.insert(0, str(ROOT / "training"))
    from corpus_to_docbin import record_to_doc

    from spacy.cli.train import train

    nlp = vn_dolisa_nlp.blank()
    records = list(srsly.read_jsonl(ROOT / "corpus" / "dienbien-2023.jsonl"))[14:24]
    db = DocBin(docs=[record_to_doc(nlp, r)[0] for r in records])
    db.to_disk(tmp_path / "train.spacy")
    train(ROOT / "configs" / "ner.cfg", tmp_path / "out", overrides={
        "paths.train": str(tmp_path / "train.spacy"), "paths.dev": str(tmp_path / "train.spacy"),
        "training.max_steps": 6, "training.eval_frequency": 3})
    trained = spacy.load(tmp_path / "out" / "model-last")
    assert set(trained.get_pipe("ner").labels) == set(LABELS)
