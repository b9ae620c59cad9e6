"""Train the ner with each training option, build the whole pipeline around it, and measure it on dev.

    python training/try_options.py baseline window2 syllables width64 [--steps 4000] [--retrain NAME ...]
    python training/try_options.py --table        # the markdown table of training/README.md

For each named option (:data:`OPTIONS`: a config file and ``spacy train`` overrides) it

1. trains tok2vec + ner into ``training/output/options/<name>`` (same seed and steps for every
   option; skipped when ``model-best`` exists, unless the option is in ``--retrain``);
2. assembles ``configs/pipeline.cfg`` around that ner into ``training/output/options/<name>/pipeline``,
   with one link model for every option (``training/output/options/link_model.json``, trained once
   by ``training/train_linker.py``), so only the ner differs between rows;
3. evaluates the pipeline on the dev split with :mod:`vn_dolisa_nlp.evaluate`: the real dev report
   and the written dev reports separately, and both pooled (the figures the choice is made on);
4. measures words/s of the whole pipeline over the real dev report's paragraphs (``nlp.pipe``,
   one BLAS thread, best of ``--repeat`` after a warm-up; the options of one run measured in turns,
   so the machine's load moves them alike),

and appends one row per option to ``training/output/options.jsonl`` with the git commit and the
library files changed since it (rows of one run share the library code; the table shows the
latest row of each option). Never touches the test split.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import srsly

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "training" / "output" / "options"
RESULTS = ROOT / "training" / "output" / "options.jsonl"
CORPUS = ROOT / "training" / "output" / "corpus"
LINK_MODEL = OUT / "link_model.json"
UD_VTB = ROOT / "corpus" / "ud_vi_vtb" / "vi_vtb-ud-test.conllu"
EMBED_CODE = ROOT / "vn_dolisa_nlp" / "embed.py"  # registers vn_dolisa.SyllableMultiHashEmbed.v1
REAL_DEV = "thuathienhue-2023"
WRITTEN_DEV = "written dev split"
TABLE_LABELS = ("ORG", "LOC", "DATE")

@dataclass(frozen=True)
class Option:
    """One way of training the ner: a config file, ``spacy train`` overrides, and whether its
    tok2vec is first pretrained on raw text (``spacy pretrain``, the config's ``[pretraining]``)."""

    description: str
    config: str = "configs/ner.cfg"
    overrides: dict[str, object] = field(default_factory=dict)
    pretrain: bool = False


SYLLABLES = "configs/options/syllables.cfg"
ENCODE = "components.tok2vec.model.encode"
WINDOW, WIDTH, DEPTH = f"{ENCODE}.window_size", f"{ENCODE}.width", f"{ENCODE}.depth"
# The window is given in every option on configs/ner.cfg: the file now has the chosen window 2, and
# the options keep the configs they were measured with (configs/options/*.cfg have window 1).
OPTIONS: dict[str, Option] = {
    "baseline": Option("configs/ner.cfg before this comparison: width 96, depth 4, window 1; "
                       "NORM/PREFIX/SUFFIX/SHAPE", overrides={WINDOW: 1}),
    "window2": Option("window 2 (each layer sees 2 words each side)", overrides={WINDOW: 2}),
    "depth6": Option("depth 6", overrides={WINDOW: 1, DEPTH: 6}),
    "syllables": Option("first and last syllable of each word hashed as two more embedding columns "
                        "(vn_dolisa.SyllableMultiHashEmbed.v1)", SYLLABLES),
    "width64": Option("width 64", overrides={WINDOW: 1, WIDTH: 64}),
    "width128": Option("width 128", overrides={WINDOW: 1, WIDTH: 128}),
    "window2-width64": Option("window 2 and width 64", overrides={WINDOW: 2, WIDTH: 64}),
    "syllables-window2": Option("syllables and window 2", SYLLABLES, {WINDOW: 2}),
    "syllables-width64": Option("syllables and width 64", SYLLABLES, {WIDTH: 64}),
    "pretrain": Option("tok2vec pretrained (spacy pretrain, characters objective) on the train split's text "
                       "and the UD VTB sentences", "configs/options/pretrain.cfg", pretrain=True),
}


def run(cmd: list[str]) -> None:
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def corpus_args() -> list[str]:
    return ["--code", str(EMBED_CODE), "--paths.train", str(CORPUS / "train.spacy"),
            "--paths.dev", str(CORPUS / "dev.spacy")]


def raw_texts() -> list[dict]:
    """The raw text to pretrain on: the train split's paragraphs and the UD VTB sentences (not dev or test)."""
    from corpus import corpus_records, split_ids

    texts = [r["text"] for r in corpus_records(split_ids("train"))]
    texts += [line.split("=", 1)[1].strip() for line in UD_VTB.read_text(encoding="utf-8").splitlines()
              if line.startswith("# text =")]
    return [{"text": t} for t in texts if t.strip()]


def pretrain(name: str, epochs: int, seed: int) -> Path:
    """``spacy pretrain`` the option's tok2vec; the weights to start the training from."""
    out = OUT / name / "pretrain"
    raw = OUT / name / "raw_text.jsonl"
    raw.parent.mkdir(parents=True, exist_ok=True)
    srsly.write_jsonl(raw, raw_texts())
    run([sys.executable, "-m", "spacy", "pretrain", OPTIONS[name].config, str(out), *corpus_args(),
         "--paths.raw_text", str(raw), "--pretraining.max_epochs", str(epochs), "--system.seed", str(seed)])
    return out / "model-last.bin"


def train(name: str, steps: int, seed: int, pretrain_epochs: int) -> float:
    """Train the option's ner (pretraining its tok2vec first if the option says so); the seconds it took."""
    option = OPTIONS[name]
    out = OUT / name
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "spacy", "train", option.config, "--output", str(out), *corpus_args(),
           "--training.max_steps", str(steps), "--system.seed", str(seed)]
    if option.pretrain:
        cmd += ["--paths.init_tok2vec", str(pretrain(name, pretrain_epochs, seed))]
    for key, value in option.overrides.items():
        cmd += [f"--{key}", str(value)]
    run(cmd)
    seconds = time.perf_counter() - start
    srsly.write_json(out / "trained.json", {"steps": steps, "seed": seed, "config": option.config,
                                            "overrides": option.overrides, "seconds": round(seconds),
                                            **({"pretrain_epochs": pretrain_epochs} if option.pretrain else {})})
    return seconds


def assemble(name: str) -> Path:
    """``configs/pipeline.cfg`` around the option's ner and the shared link model."""
    out = OUT / name / "pipeline"
    run([sys.executable, "-m", "spacy", "assemble", "configs/pipeline.cfg", str(out), "--code", str(EMBED_CODE),
         "--paths.ner", str(OUT / name / "model-best"), "--paths.link_model", str(LINK_MODEL)])
    return out


def set_scores(nlp, files: list[Path]) -> dict:
    """The counts of the evaluation of one file set (PRF fields), to pool sets and print F1."""
    from vn_dolisa_nlp.evaluate import evaluate

    gold = [p for f in files for p in srsly.read_jsonl(f)]
    scores, _ = evaluate(nlp, gold)
    return {"paragraphs": len(gold),
            "ner": {label: asdict(prf) for label, prf in scores.ner.items()},
            "indicator_overlap": asdict(scores.indicator_overlap), "links": asdict(scores.links)}


def pooled(*sets: dict) -> dict:
    def add(prfs: list[dict]) -> dict:
        return {k: sum(p[k] for p in prfs) for k in ("tp_pred", "n_pred", "tp_gold", "n_gold")}

    labels = {label for s in sets for label in s["ner"]}
    return {"paragraphs": sum(s["paragraphs"] for s in sets),
            "ner": {label: add([s["ner"][label] for s in sets if label in s["ner"]]) for label in labels},
            "indicator_overlap": add([s["indicator_overlap"] for s in sets]),
            "links": add([s["links"] for s in sets])}


def f1(prf: dict) -> float:
    p = prf["tp_pred"] / prf["n_pred"] if prf["n_pred"] else 0.0
    r = prf["tp_gold"] / prf["n_gold"] if prf["n_gold"] else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def choice_score(scores: dict) -> float:
    """What options are chosen by: the mean of link F1 and INDICATOR overlap F1 over the pooled dev split."""
    return (f1(scores["links"]) + f1(scores["indicator_overlap"])) / 2


def words_per_second(pipelines: dict[str, object], texts: list[str], repeat: int) -> dict[str, float]:
    """Input words (whitespace-separated) per second of each pipeline, one BLAS thread, best of
    ``repeat`` rounds after a warm-up; the pipelines take turns in each round."""
    from threadpoolctl import threadpool_limits

    n_words = sum(len(t.split()) for t in texts)
    best = {name: float("inf") for name in pipelines}
    with threadpool_limits(1):
        for nlp in pipelines.values():
            list(nlp.pipe(texts[:20]))
        for _ in range(repeat):
            for name, nlp in pipelines.items():
                start = time.perf_counter()
                list(nlp.pipe(texts, batch_size=64))
                best[name] = min(best[name], time.perf_counter() - start)
    return {name: n_words / seconds for name, seconds in best.items()}


def measure(names: list[str], steps: int, seed: int, retrain: set[str], repeat: int, pretrain_epochs: int) -> None:
    import vn_dolisa_nlp
    import vn_dolisa_nlp.embed  # noqa: F401  (the syllable embedding, for loading)
    from vn_dolisa_nlp.evaluate import file_sets

    if not LINK_MODEL.exists():
        run([sys.executable, "training/train_linker.py", "--out", str(LINK_MODEL), "--seed", str(seed)])
    for name in names:
        trained = OUT / name / "trained.json"
        if name in retrain or not (OUT / name / "model-best").exists():
            train(name, steps, seed, pretrain_epochs)
        elif not trained.exists() or srsly.read_json(trained)["steps"] != steps:
            sys.exit(f"{OUT / name} was not trained with {steps} steps: --retrain {name}, or give its --steps")
    sets = file_sets("dev", ROOT)
    commit = git("rev-parse", "--short", "HEAD")
    changed = sorted(line[3:] for line in git("status", "--porcelain", "--", "vn_dolisa_nlp").splitlines())
    pipelines, rows = {}, {}
    for name in names:
        nlp = vn_dolisa_nlp.load(assemble(name))
        real, written = set_scores(nlp, sets[REAL_DEV]), set_scores(nlp, sets[WRITTEN_DEV])
        meta = srsly.read_json(OUT / name / "model-best" / "meta.json")
        rows[name] = {"option": name, "description": OPTIONS[name].description,
                      **srsly.read_json(OUT / name / "trained.json"),
                      "ner_dev_f": meta["performance"]["ents_f"],
                      "ner_dev_indicator_f": meta["performance"]["ents_per_type"].get("INDICATOR", {}).get("f"),
                      "sets": {REAL_DEV: real, WRITTEN_DEV: written, "dev": pooled(real, written)},
                      "commit": commit, "library_changed": changed, "link_model": sha(LINK_MODEL),
                      "measured": time.strftime("%Y-%m-%d %H:%M:%S")}
        pipelines[name] = nlp
        print(f"{name}: choice score {choice_score(rows[name]['sets']['dev']):.3f}", flush=True)
    texts = [p["text"] for f in sets[REAL_DEV] for p in srsly.read_jsonl(f)]
    speeds = words_per_second(pipelines, texts, repeat)
    for name, row in rows.items():
        row.update(words_per_s=round(speeds[name]), speed_words=sum(len(t.split()) for t in texts),
                   measured_with=names)
        srsly.write_jsonl(RESULTS, [row], append=True, append_new_line=False)
    print(table())


def table() -> str:
    """The latest row of each option, as markdown."""
    latest: dict[str, dict] = {}
    for row in srsly.read_jsonl(RESULTS) if RESULTS.exists() else []:
        latest[row["option"]] = row
    head = ("| option | steps | INDICATOR F1 (TTH / written) | INDICATOR overlap F1 (TTH / written / dev) "
            "| link F1 (TTH / written / dev) | " + " | ".join(f"{label} F1" for label in TABLE_LABELS)
            + " | choice score | ner dev F1 (spaCy) | words/s | commit |")
    lines = [head, "|---|" + "---:|" * (head.count("|") - 2)]
    for name, row in latest.items():
        s = row["sets"]
        t, w, d = s[REAL_DEV], s[WRITTEN_DEV], s["dev"]

        def fig(key: str) -> str:
            return " / ".join(f"{f1(x[key]):.3f}" for x in (t, w, d))

        cells = [name, str(row["steps"]),
                 f"{f1(t['ner']['INDICATOR']):.3f} / {f1(w['ner']['INDICATOR']):.3f}",
                 fig("indicator_overlap"), fig("links"),
                 *(f"{f1(d['ner'][label]):.3f}" for label in TABLE_LABELS),
                 f"{choice_score(d):.3f}", f"{row['ner_dev_f']:.3f}", f"{row['words_per_s']:,}",
                 row["commit"] + ("+" if row["library_changed"] else "")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("options", nargs="*", metavar="OPTION", help=f"options to measure, of: {', '.join(OPTIONS)}")
    parser.add_argument("--steps", type=int, default=4000, help="training steps, the same for every option")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--retrain", nargs="*", default=[], help="train these again even if trained")
    parser.add_argument("--pretrain-epochs", type=int, default=20, help="spacy pretrain epochs (option pretrain)")
    parser.add_argument("--repeat", type=int, default=3, help="speed: best of this many rounds")
    parser.add_argument("--table", action="store_true", help="print the table of training/output/options.jsonl")
    args = parser.parse_args()
    unknown = [name for name in args.options + args.retrain if name not in OPTIONS]
    if unknown:
        parser.error(f"unknown options {unknown}; known: {', '.join(OPTIONS)}")
    if args.table:
        print(table())
    elif args.options:
        measure(args.options, args.steps, args.seed, set(args.retrain), args.repeat, args.pretrain_epochs)
    else:
        parser.error("give options to measure, or --table")


if __name__ == "__main__":
    main()
