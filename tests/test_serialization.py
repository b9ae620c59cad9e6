"""The model carries what it depends on: bytes, disk, pickle, spawned workers, config settings."""

from __future__ import annotations

import multiprocessing
import pickle

import spacy

from vn_dolisa_nlp.taxonomy import Taxonomy

from conftest import RAW

TEXT = ("Toàn tỉnh giải quyết việc làm mới cho 11.309 lao động, đạt 124,27%KH. "
        "Tỷ lệ hộ nghèo giảm còn 5,18%, giảm 5.784 hộ so với năm 2022.")


def view(doc) -> tuple:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents], doc._.records


def test_bytes_round_trip_keeps_entities_and_records(model):
    other = spacy.util.load_model_from_config(model.config, auto_fill=True, validate=False)
    other.from_bytes(model.to_bytes())
    assert view(other(TEXT)) == view(model(TEXT))


def test_disk_round_trip_keeps_entities_and_records(model, tmp_path):
    model.to_disk(tmp_path / "m")
    assert view(spacy.load(tmp_path / "m")(TEXT)) == view(model(TEXT))


def test_pickled_pipeline_gives_the_same_records(model):
    assert view(pickle.loads(pickle.dumps(model))(TEXT)) == view(model(TEXT))


def test_custom_taxonomy_survives_disk_and_takes_effect(model, tmp_path):
    nlp = spacy.load("vi_dolisa_sm")
    data = nlp.get_pipe("vn_dolisa_linker").taxonomy.to_dict()
    for entry in data["indicators"]:
        if entry["id"] == "jobs_created":
            entry["id"] = "new_jobs"
    nlp.get_pipe("vn_dolisa_linker").initialize(taxonomy=data)
    nlp.to_disk(tmp_path / "m")
    loaded = spacy.load(tmp_path / "m")
    assert isinstance(loaded.get_pipe("vn_dolisa_linker").taxonomy, Taxonomy)
    assert loaded(TEXT)._.records[0]["indicator"] == "new_jobs"


def test_threshold_in_config_takes_effect(tmp_path):
    strict = spacy.load("vi_dolisa_sm", config={"components": {"vn_dolisa_linker": {"threshold": 1.0,
                                                                                    "propose_indicators": False}}})
    assert strict.get_pipe("vn_dolisa_linker").threshold == 1.0
    assert all(r["indicator_text"] is None for r in strict(TEXT)._.records)
    strict.to_disk(tmp_path / "m")
    assert spacy.load(tmp_path / "m").get_pipe("vn_dolisa_linker").threshold == 1.0


def test_spawned_workers_give_the_records_of_one_process(model):
    texts = [line for line in (RAW / "000_d2ab505638247179.txt").read_text(encoding="utf-8").splitlines()
             if line.strip()][14:30]
    one = [d._.records for d in model.pipe(texts)]
    ctx = multiprocessing.get_context("spawn")
    original = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("spawn", force=True)
    try:
        two = [d._.records for d in model.pipe(texts, n_process=2, batch_size=4)]
    finally:
        multiprocessing.set_start_method(original, force=True)
    assert ctx.get_start_method() == "spawn"
    assert two == one


def test_records_leave_the_entities_unchanged(model):
    doc = model.make_doc(TEXT)
    for name, proc in model.pipeline:
        if name == "vn_dolisa_records":
            before = [(e.start, e.end, e.label_) for e in doc.ents]
            doc = proc(doc)
            assert [(e.start, e.end, e.label_) for e in doc.ents] == before
        else:
            doc = proc(doc)
    assert doc._.records


def test_package_config_has_no_build_paths(model):
    paths = model.config["paths"]
    assert all(value is None for value in paths.values())
    assert any(line.startswith("vn-dolisa-nlp>=") for line in model.meta["requirements"])
