"""Crash safety and no network.

Crashes: the work runs in a forked child (models already loaded, so each
kill costs seconds, not a model load) and is killed with SIGKILL at random
moments; every output must be the old or the new complete file.
No network: the real CLI in a fresh process with socket connections failing.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ACTORS_PATH, ANNOTATIONS_DIR, RAW_DIR, SMALL_ARTICLES, TRAIN_DOCS


KILLS = 20
OUTPUTS = ("articles.jsonl", "sentences.jsonl", "claims.jsonl", "events.jsonl")
FORK = multiprocessing.get_context("fork")

# Run as `python -c`: every socket connection fails, then the CLI runs.
OFFLINE_MAIN = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network disabled by the test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
sys.argv = ["pipeline", *sys.argv[1:]]
from pipeline.cli import main
main()
"""


def in_child(work: Callable[[], object]) -> multiprocessing.Process:
    """Run `work` in a forked copy of this process, models already loaded."""

    def child() -> None:
        import torch

        torch.set_num_threads(1)  # torch's OpenMP pool does not survive fork
        work()

    process = FORK.Process(target=child)
    process.start()
    return process


def finish(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    process = in_child(work)
    process.join()
    assert process.exitcode == 0
    return time.perf_counter() - started


def kill_at_random_moments(work: Callable[[], object], seconds: float, before_each: Callable[[], None], after_each: Callable[[], None]) -> None:
    """SIGKILL `work` KILLS times, each at a random moment of its usual run time."""
    moments = random.Random(0)
    for _kill in range(KILLS):
        before_each()
        process = in_child(work)
        time.sleep(moments.uniform(0, 1.1 * seconds))
        os.kill(process.pid, signal.SIGKILL)
        process.join()
        after_each()


def files_of(folder: Path) -> dict[str, bytes]:
    """The outputs (the run cache in `.cache/` aside)."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()} if folder.exists() else {}


def write_corpus(folder: Path, *, grown: bool) -> Path:
    folder.mkdir()
    for name, text in SMALL_ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    if grown:
        shutil.copy(RAW_DIR / "003_84e543c638c1c385.txt", folder / "zz_long.txt")
        (folder / "a1.txt").write_text(SMALL_ARTICLES["a1"] + "\nIran and the Taliban clashed at the border.\n", encoding="utf-8")
    return folder


def test_run_killed_at_random_moments_leaves_old_or_new_files_and_then_completes(tmp_path, trained_model):
    from pipeline.runner.worker import ModelPaths, cached_models
    from pipeline.runner.run import run

    models = ModelPaths(models_dir=trained_model.models_dir, actors_path=ACTORS_PATH)
    cached_models(models)  # loaded once here; every forked child has them

    def run_into(corpus: Path, out: Path) -> Callable[[], object]:
        return lambda: run(corpus, out, models=models, workers=1)

    old_corpus, new_corpus = write_corpus(tmp_path / "old", grown=False), write_corpus(tmp_path / "new", grown=True)
    finish(run_into(old_corpus, tmp_path / "ref-old"))
    seconds = finish(run_into(new_corpus, tmp_path / "ref-new"))
    old, new = files_of(tmp_path / "ref-old"), files_of(tmp_path / "ref-new")
    assert set(new) == set(OUTPUTS) and all(old[name] != new[name] for name in OUTPUTS)
    out = tmp_path / "out"

    def restore_old_outputs() -> None:
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        for name, data in old.items():
            (out / name).write_bytes(data)

    def check_each_output_is_old_or_new() -> None:
        for name in OUTPUTS:
            assert (out / name).read_bytes() in (old[name], new[name]), f"{name} is neither the old nor the new file"

    kill_at_random_moments(run_into(new_corpus, out), seconds, restore_old_outputs, check_each_output_is_old_or_new)
    finish(run_into(new_corpus, out))
    assert files_of(out) == new  # and no temp file is left behind


# A tiny annotated corpus, so that one training takes seconds.
TINY_ARTICLES = {
    "c1": ["Iran Hosts Taliban Delegation", ("Iran welcomed a Taliban delegation in Tehran on Sunday.", "cooperation"),
           ("The two sides signed a trade agreement.", "cooperation"), ("Officials toured the bazaar.", None)],
    "c2": ["Fuel Deal", ("The Taliban thanked Iran for fuel supplies.", "cooperation"),
           ("Iran agreed to train Afghan railway engineers.", "cooperation"), ("It rained in Kabul.", None)],
    "t1": ["Border Clash", ("Iranian and Taliban border forces clashed near Islam Qala.", "tension"),
           ("Iran accused the Taliban of violating the water treaty.", "tension"), ("The market was busy.", None)],
    "c3": ["Rail Link", ("Iran and the Taliban opened a new rail link to Herat.", "cooperation"),
           ("The Taliban welcomed Iranian investors.", "tension"), ("Trains were late.", None)],
    "t2": ["Water Row", ("The Taliban rejected Iran's demands over the Helmand river.", "tension"),
           ("Iran warned the Taliban against building new dams.", "tension"), ("Prices rose in Herat.", None)],
}


def write_tiny_corpus(root: Path, docs: tuple[str, ...]) -> tuple[Path, Path]:
    """Articles and one annotation per line (a heading is not a claim)."""
    corpus, annotations = root / "corpus", root / "annotations"
    corpus.mkdir(parents=True, exist_ok=True)
    annotations.mkdir(parents=True, exist_ok=True)
    records = []
    for doc in docs:
        lines = TINY_ARTICLES[doc]
        texts = [line if isinstance(line, str) else line[0] for line in lines]
        raw = "\n\n".join(texts) + "\n"
        (corpus / f"{doc}.txt").write_text(raw, encoding="utf-8")
        for line in lines:
            text, label = (line, None) if isinstance(line, str) else line
            start = raw.index(text)
            actors = ["IRN", "TAL"] if label else []
            records.append({"doc": doc, "start": start, "end": start + len(text), "text": text,
                            "claim": label is not None, "label": label, "mixed": False, "actors": actors})
    (annotations / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return corpus, annotations


def tree_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_train_killed_at_random_moments_leaves_a_loadable_model_and_then_completes(tmp_path, sentence_encoder):
    from pipeline.cli import app
    from pipeline.model.store import load_model

    def train(root: Path, models: Path) -> Callable[[], object]:
        args = ["train", "--corpus-dir", root / "corpus", "--annotations", root / "annotations", "--models", models,
                "--actors", ACTORS_PATH, "--force"]
        return lambda: sys.exit(app([str(arg) for arg in args], standalone_mode=False) or 0)

    write_tiny_corpus(tmp_path / "old", ("c1", "c2", "t1", "t2"))
    write_tiny_corpus(tmp_path / "new", tuple(TINY_ARTICLES))
    finish(train(tmp_path / "old", tmp_path / "ref-old"))
    old = tree_of(tmp_path / "ref-old")
    shutil.copytree(tmp_path / "ref-old", tmp_path / "ref-new")
    seconds = finish(train(tmp_path / "new", tmp_path / "ref-new"))
    new = tree_of(tmp_path / "ref-new")
    old_version = load_model(tmp_path / "ref-old")[1]["version"]
    new_version = load_model(tmp_path / "ref-new")[1]["version"]
    assert old_version != new_version
    models = tmp_path / "models"

    def restore_old_models() -> None:
        shutil.rmtree(models, ignore_errors=True)
        shutil.copytree(tmp_path / "ref-old", models)

    def check_old_or_new_model() -> None:
        assert load_model(models)[1]["version"] in (old_version, new_version)
        for name, data in tree_of(models).items():
            if not Path(name).name.endswith(".tmp"):  # a killed write's temp file; the next train removes it
                assert data in (old.get(name), new.get(name)), f"{name} is neither the old nor the new file"

    kill_at_random_moments(train(tmp_path / "new", models), seconds, restore_old_models, check_old_or_new_model)
    finish(train(tmp_path / "new", models))
    assert tree_of(models) == new  # and no temp file is left behind


def test_annotate_killed_at_random_moments_keeps_every_answer_and_then_completes(tmp_path, nlp, trained_model):
    from pipeline.annotate.queue import Session, candidates, least_certain_first, tagged_sentences
    from pipeline.io import read_annotations
    from pipeline.annotate.terminal import annotate_in_terminal

    corpus, _gold = write_tiny_corpus(tmp_path, tuple(TINY_ARTICLES))
    found = list(candidates(tagged_sentences(corpus, nlp=nlp), model=trained_model.model))
    keys = io.StringIO("c\nu\nc\n" * len(found))  # answer, undo it, answer again: the same whenever killed

    def session_into(log: Path) -> Callable[[], object]:
        labelled = {(a.doc, a.start, a.end) for a in read_annotations(log.parent)} if log.exists() else set()
        session = Session(pending=least_certain_first(found, labelled), known={c.key: c for c in found})
        keys.seek(0)
        return lambda: annotate_in_terminal(session, log, stdin=keys, stdout=io.StringIO())

    reference = tmp_path / "reference" / "annotate.jsonl"
    seconds = finish(session_into(reference))
    complete = reference.read_bytes()
    assert complete.count(b"\n") == len(found) and b'"label": "cooperation"' in complete
    log = tmp_path / "answers" / "annotate.jsonl"

    def start_over_when_complete() -> None:
        if log.exists() and log.read_bytes() == complete:
            log.unlink()

    def check_complete_answers_only() -> None:
        if log.exists():
            read_annotations(log.parent)  # every line a whole, valid record
            assert complete.startswith(log.read_bytes())

    moments = random.Random(1)
    for _kill in range(KILLS):
        start_over_when_complete()
        process = in_child(session_into(log))
        time.sleep(moments.uniform(0, 1.1 * seconds))
        os.kill(process.pid, signal.SIGKILL)
        process.join()
        check_complete_answers_only()
    finish(session_into(log))
    assert log.read_bytes() == complete


def test_the_whole_pipeline_runs_with_the_network_refused(tmp_path, child_interpreter):
    """Training and running, in fresh processes, with socket connections failing."""
    corpus, annotations = tmp_path / "corpus", tmp_path / "annotations"
    corpus.mkdir()
    annotations.mkdir()
    for doc in TRAIN_DOCS:
        shutil.copy(RAW_DIR / f"{doc}.txt", corpus)
    gold = (ANNOTATIONS_DIR / "seed-gold.jsonl").read_text(encoding="utf-8").splitlines()
    (annotations / "gold.jsonl").write_text("\n".join(line for line in gold if json.loads(line)["doc"] in TRAIN_DOCS), encoding="utf-8")
    models, out = tmp_path / "models", tmp_path / "out"
    env = {**os.environ, "HF_HUB_OFFLINE": "0", "TRANSFORMERS_OFFLINE": "0"}  # nothing may rely on these
    for args in (
        ["train", "--corpus-dir", corpus, "--annotations", annotations, "--models", models, "--actors", ACTORS_PATH],
        ["run", corpus, "--out", out, "--models", models, "--actors", ACTORS_PATH],
    ):
        done = subprocess.run(
            [child_interpreter, "-c", OFFLINE_MAIN, *map(str, args)], capture_output=True, text=True, env=env, timeout=600
        )
        assert done.returncode == 0, done.stderr
    assert "network disabled" not in done.stderr
    claims = (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(claims) > 50
