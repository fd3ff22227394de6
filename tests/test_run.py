"""Running over a corpus: the same bytes in this process, in a pool of
worker processes and on a Dask cluster; results in input order; start-up."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ACTORS_PATH, ANNOTATIONS_DIR, E2E_DOCS, INLINE_ARTICLE, RAW_DIR, SMALL_ARTICLES, write_crlf
from pipeline.cli import app
from pipeline.runner.executors import available_cores, in_order
from pipeline.runner.worker import ModelPaths

OUTPUTS = ("articles.jsonl", "sentences.jsonl", "claims.jsonl", "events.jsonl")


def invoke(*args) -> object:
    return CliRunner().invoke(app, [str(arg) for arg in args])


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Seven articles: two real ones, the inline one, and the small ones, so
    that several are in flight at once."""
    folder = tmp_path_factory.mktemp("corpus")
    for doc in E2E_DOCS:
        shutil.copy(RAW_DIR / f"{doc}.txt", folder / f"{doc}.txt")
    write_crlf(folder / "inline.txt", INLINE_ARTICLE)
    for name, text in SMALL_ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local_run(tmp_path_factory, corpus, trained_model) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("out-local")
    result = invoke("run", corpus, "--out", out, "--models", trained_model.models_dir, "--actors", ACTORS_PATH, "--workers", 1)
    assert result.exit_code == 0, result.output
    return outputs(out)


def test_local_run_covers_every_article_in_order(local_run):
    docs = [json.loads(line)["doc"] for line in local_run["articles.jsonl"].decode("utf-8").splitlines()]
    assert docs == sorted(docs) and len(docs) == 3 + len(SMALL_ARTICLES)


def test_the_four_outputs_are_published_as_one_set(tmp_path, corpus, trained_model, local_run):
    from pipeline.config import ANNOTATIONS_DIR as DEFAULT_ANNOTATIONS  # as the CLI's local_run
    from pipeline.runner.run import run

    out = tmp_path / "out"
    run(corpus, out, models=ModelPaths(trained_model.models_dir, ACTORS_PATH), annotations_dir=DEFAULT_ANNOTATIONS)
    assert all((out / name).is_symlink() for name in OUTPUTS)
    assert len({(out / name).resolve().parent for name in OUTPUTS}) == 1
    assert outputs(out) == local_run


def test_two_worker_processes_write_the_same_bytes(tmp_path, corpus, trained_model, local_run):
    out = tmp_path / "out"
    result = invoke("run", corpus, "--out", out, "--models", trained_model.models_dir, "--actors", ACTORS_PATH, "--workers", 2)
    assert result.exit_code == 0, result.output
    assert outputs(out) == local_run


def test_a_dask_cluster_writes_the_same_bytes(tmp_path, corpus, trained_model, local_run):
    """A LocalCluster on loopback, reached through its address as a real cluster would be."""
    from distributed import LocalCluster

    from pipeline.runner.worker import ModelPaths
    from pipeline.runner.run import run

    out = tmp_path / "out"
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=None
    ) as cluster:
        summary = run(
            corpus, out, models=ModelPaths(trained_model.models_dir, ACTORS_PATH), scheduler=cluster.scheduler_address,
            annotations_dir=ANNOTATIONS_DIR,  # as the CLI's default: human labels applied the same way
        )
    assert summary.articles == 3 + len(SMALL_ARTICLES)
    assert outputs(out) == local_run


def test_executor_dask_starts_its_own_local_cluster(tmp_path, corpus, trained_model, local_run):
    out = tmp_path / "out"
    args = ("run", corpus, "--out", out, "--models", trained_model.models_dir, "--actors", ACTORS_PATH)
    result = invoke(*args, "--executor", "dask", "--workers", 1)
    assert result.exit_code == 0, result.output
    assert outputs(out) == local_run


def test_an_unknown_executor_is_refused(tmp_path, corpus):
    result = invoke("run", corpus, "--out", tmp_path / "out", "--executor", "spark")
    assert result.exit_code != 0
    assert "'spark' is not one of 'local', 'dask'" in " ".join(result.stderr.split()).replace("│", "")
    assert not (tmp_path / "out").exists()


def test_a_bad_article_under_strict_stops_a_pooled_run_without_writing(tmp_path, corpus, trained_model):
    bad_corpus = tmp_path / "corpus"
    shutil.copytree(corpus, bad_corpus)
    (bad_corpus / "zz_bad.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out"
    result = invoke("run", bad_corpus, "--out", out, "--models", trained_model.models_dir, "--workers", 2, "--strict")
    assert result.exit_code != 0
    assert "zz_bad.txt" in result.stderr and "Traceback" not in result.output
    assert not any(path.is_file() for path in out.iterdir()) if out.exists() else True


class FakeFuture:
    def __init__(self, value, log: list) -> None:
        self.value, self.log = value, log

    def result(self):
        self.log.append(("result", self.value))
        return self.value


def test_in_order_keeps_order_and_bounds_the_articles_in_flight():
    log: list = []
    submitted = []

    def submit(article):
        submitted.append(article)
        log.append(("submit", article))
        return FakeFuture(article * 10, log)

    results = list(in_order(submit, iter(range(10)), window=3))
    assert results == [n * 10 for n in range(10)]
    in_flight = 0
    for event, _value in log:
        in_flight += 1 if event == "submit" else -1
        assert 0 <= in_flight <= 3
    assert log[:4] == [("submit", 0), ("submit", 1), ("submit", 2), ("result", 0)]


def test_run_help_names_the_workers_variable_and_the_executors():
    text = " ".join(invoke("run", "--help").output.replace("│", " ").split())
    assert "PIPELINE_WORKERS" in text and "PIPELINE_EXECUTOR" in text and "<local|dask>" in text


def test_the_workers_variable_is_read_and_checked(tmp_path, corpus, monkeypatch):
    monkeypatch.setenv("PIPELINE_WORKERS", "0")
    result = invoke("run", corpus, "--out", tmp_path / "out")
    message = " ".join(result.stderr.replace("│", " ").split())
    assert result.exit_code == 1 and "--workers" in message and "greater than or equal to 1" in message
    assert not (tmp_path / "out").exists()


def test_available_cores_are_the_ones_this_process_may_run_on():
    assert available_cores() == len(os.sched_getaffinity(0))


def test_importing_the_cli_loads_no_model_library():
    """`pipeline --help` stays fast: spaCy, torch, scikit-learn and Dask are imported by the commands that use them."""
    heavy = ("spacy", "torch", "sklearn", "sentence_transformers", "transformers", "distributed", "dask")
    code = f"import sys, pipeline.cli; print([m for m in {heavy!r} if m in sys.modules])"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert found == "[]"


def test_more_workers_than_cores_are_capped_and_the_cli_says_so(tmp_path, corpus):
    from pipeline.runner.executors import capped_workers

    assert capped_workers(1000) == available_cores() and capped_workers(0) == 1
    result = invoke("run", corpus, "--out", tmp_path / "out", "--models", tmp_path / "no-models", "--workers", 1000)
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert notes == [f"note: 1000 workers capped at {available_cores()}, the cores available"]


def test_model_paths_reach_the_dask_workers_resolved(tmp_path, monkeypatch):
    import contextlib

    from pipeline.runner import executors

    seen = []

    @contextlib.contextmanager
    def fake_dask_executor(models, **_options):
        seen.append(models)
        yield executors.nothing_to_process

    monkeypatch.setattr(executors, "dask_executor", fake_dask_executor)
    monkeypatch.chdir(tmp_path)
    with executors.open_executor(ModelPaths(Path("models"), Path("corpus/actors.jsonl")), workers=1, executor="dask"):
        pass
    assert seen == [ModelPaths(tmp_path / "models", tmp_path / "corpus" / "actors.jsonl")]


def test_a_dask_cluster_without_workers_fails_the_run_after_a_bounded_wait(tmp_path, corpus, trained_model, monkeypatch):
    import time

    from distributed import LocalCluster

    from pipeline.io import InputError
    from pipeline.runner import executors
    from pipeline.runner.run import run

    monkeypatch.setattr(executors, "WORKERLESS_SECONDS", 2.0)
    monkeypatch.setattr(executors, "POLL_SECONDS", 0.2)
    with LocalCluster(n_workers=0, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=None) as cluster:
        started = time.monotonic()
        with pytest.raises(InputError, match=r"no workers for 2 s"):
            run(corpus, tmp_path / "out", models=ModelPaths(trained_model.models_dir, ACTORS_PATH), scheduler=cluster.scheduler_address)
    assert time.monotonic() - started < 60
    assert not (tmp_path / "out" / "claims.jsonl").exists()
