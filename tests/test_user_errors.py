"""Every failure a user can cause ends in one line naming the file and the
problem, with a non-zero exit and no traceback (issue 19, point 10)."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ACTORS_PATH, assert_one_line_error
from pipeline.cli import app
from pipeline.config import MODEL_CARD_FILE, MODEL_FILE
from pipeline.model.registry import active_model_dir

ARTICLES = {
    "k1": "Kenya Hosts Uganda\n\nKenya welcomed a Ugandan delegation in Nairobi on Sunday.\n",
    "k2": "Andes Row\n\nPeru accused Chile of closing the border at Tacna.\n",
}


def invoke(*args, env=None):
    return CliRunner().invoke(app, [str(arg) for arg in args], env=env)


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_workers_that_are_not_a_number(tmp_path, corpus):
    result = invoke("run", corpus, "--out", tmp_path / "out", env={"PIPELINE_WORKERS": "abc"})
    assert_one_line_error(result, "PIPELINE_WORKERS", "'abc'")
    assert result.exit_code == 1 and not (tmp_path / "out").exists()


@pytest.mark.parametrize("case", ["missing", "folder", "deeply-nested"])
def test_an_import_that_cannot_be_read(tmp_path, corpus, case):
    path = tmp_path / "labels.jsonl"
    if case == "folder":
        path.mkdir()
    elif case == "deeply-nested":
        path.write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n", encoding="utf-8")
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    result = invoke("annotate", corpus, "--annotations", annotations, "--import", path, "--format", "doccano")
    assert_one_line_error(result, str(path))
    assert list(annotations.iterdir()) == []


@pytest.mark.parametrize(
    ("unit", "problem"),
    [
        ({"doc": "../../../outside", "start": 0, "end": 5}, "'doc'"),
        ({"doc": "/etc/hostname", "start": 0, "end": 5}, "'doc'"),
        ({"doc": "k1", "start": True, "end": 5}, "'start'"),
    ],
    ids=["doc-out-of-the-corpus", "absolute-doc", "start-true"],
)
def test_an_import_naming_a_unit_out_of_bounds(tmp_path, corpus, unit, problem):
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps({"text": "Kenya", "label": ["not-claim"], **unit}) + "\n", encoding="utf-8")
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    result = invoke("annotate", corpus, "--annotations", annotations, "--import", path, "--format", "doccano")
    assert_one_line_error(result, f"{path}:1", problem)


def test_validate_reports_a_missing_annotations_folder(tmp_path, corpus):
    result = invoke("validate", corpus, "--annotations", tmp_path / "no-annotations")
    assert result.exit_code == 1
    assert f"{tmp_path / 'no-annotations'}: no such folder" in result.stderr


def test_run_with_a_missing_actor_dictionary(tmp_path, corpus, trained_model):
    actors = tmp_path / "no-actors.jsonl"
    result = invoke("run", corpus, "--out", tmp_path / "out", "--models", trained_model.models_dir, "--actors", actors)
    assert_one_line_error(result, str(actors))


def test_run_into_an_out_that_is_a_file(tmp_path, corpus, trained_model):
    out = tmp_path / "out"
    out.write_text("not a folder\n", encoding="utf-8")
    result = invoke("run", corpus, "--out", out, "--models", trained_model.models_dir)
    assert_one_line_error(result, str(out), "not a folder")
    assert out.read_text(encoding="utf-8") == "not a folder\n"


def test_run_into_an_out_that_is_read_only(tmp_path, corpus, trained_model, monkeypatch):
    from pipeline.runner import outputs

    out = tmp_path / "out"
    real_open = os.open

    def read_only(path, *args, **kwargs):  # the tests may run as root, whom chmod does not stop
        if Path(path).is_relative_to(out):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(outputs.os, "open", read_only)
    result = invoke("run", corpus, "--out", out, "--models", trained_model.models_dir)
    assert_one_line_error(result, str(out), "Permission denied")


def test_run_onto_a_full_disk_keeps_the_old_outputs(tmp_path, corpus, trained_model, monkeypatch):
    from pipeline.io import jsonl

    out = tmp_path / "out"
    assert invoke("run", corpus, "--out", out, "--models", trained_model.models_dir).exit_code == 0
    before = {name: (out / name).read_bytes() for name in ("articles.jsonl", "claims.jsonl")}
    (corpus / "k3.txt").write_text("Ghana and Togo signed a border treaty.\n", encoding="utf-8")

    def disk_full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jsonl.os, "fsync", disk_full)
    result = invoke("run", corpus, "--out", out, "--models", trained_model.models_dir)
    assert_one_line_error(result, str(out), "disk is full")
    assert {name: (out / name).read_bytes() for name in before} == before


def test_run_with_a_model_whose_arrays_do_not_fit(tmp_path, corpus, models_copy):
    model_path = active_model_dir(models_copy) / MODEL_FILE
    model = json.loads(model_path.read_bytes())
    regression = model["claim"]["estimator"]["steps"][1][1]
    regression["coef"] = [row[:-3] for row in regression["coef"]]
    data = json.dumps(model).encode("utf-8")
    model_path.write_bytes(data)
    card_path = active_model_dir(models_copy) / MODEL_CARD_FILE
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card_path.write_text(json.dumps({**card, "sha256": hashlib.sha256(data).hexdigest()}), encoding="utf-8")
    result = invoke("run", corpus, "--out", tmp_path / "out", "--models", models_copy, "--actors", ACTORS_PATH)
    assert_one_line_error(result, str(models_copy), "does not fit")
    assert not (tmp_path / "out" / "claims.jsonl").exists()
