"""`pipeline validate`: every problem of corpus, actor dictionary and
annotations listed with its file and line, exit 1; a clean project passes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ACTORS_PATH, ANNOTATIONS_DIR, RAW_DIR
from pipeline.cli import app

DOCS = ("000_7de830a5dc0e2335", "003_84e543c638c1c385")


def invoke(*args: object):
    return CliRunner().invoke(app, ["validate", *(str(arg) for arg in args)])


@pytest.fixture
def project(tmp_path) -> dict[str, Path]:
    """Two seed articles, their gold annotations and the actor dictionary, copied."""
    corpus, annotations = tmp_path / "raw", tmp_path / "annotations"
    corpus.mkdir()
    annotations.mkdir()
    for doc in DOCS:
        shutil.copy(RAW_DIR / f"{doc}.txt", corpus / f"{doc}.txt")
    lines = [
        line
        for line in (ANNOTATIONS_DIR / "seed-gold.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["doc"] in DOCS
    ]
    (annotations / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    actors = tmp_path / "actors.jsonl"
    shutil.copy(ACTORS_PATH, actors)
    return {"corpus": corpus, "annotations": annotations, "actors": actors, "first": json.loads(lines[0])}


def run_validate(project: dict[str, Path]):
    return invoke(project["corpus"], "--annotations", project["annotations"], "--actors", project["actors"])


def test_a_clean_project_validates(project):
    result = run_validate(project)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: 2 articles, ")
    assert all(line.startswith("warning: ") for line in result.stderr.splitlines())


def write_actors(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")


def test_risky_one_word_aliases_are_flagged_but_do_not_fail(project):
    write_actors(project["actors"], [
        {"code": "NRF", "kind": "movement", "names": ["National Resistance Front"], "officials": ["Amrullah Saleh", "Saleh"]},
        {"code": "EGY", "kind": "state", "names": ["Egypt"], "officials": ["Sisi", "Abdel Fattah el-Sisi"]},
        {"code": "YEM", "kind": "state", "names": ["Yemen"], "officials": ["Alimi", "Rashad al-Alimi", "Sisi Lamb"]},
        {"code": "SDN", "kind": "state", "names": ["Sudan"], "officials": ["Burhan", "the"]},
    ])
    project["annotations"].joinpath("gold.jsonl").write_text("", encoding="utf-8")
    result = run_validate(project)
    assert result.exit_code == 0, result.output
    warnings = result.stderr.splitlines()
    assert any("actors.jsonl:1: alias 'Saleh' of NRF" in w and "common name" in w for w in warnings)
    assert any("actors.jsonl:2: alias 'Sisi' of EGY" in w and "also a name in YEM" in w for w in warnings)
    assert any("alias 'the' of SDN" in w and "common English word" in w for w in warnings)
    assert not any("'Alimi'" in w or "'Burhan'" in w for w in warnings)


def test_a_dictionary_of_full_names_gives_no_warning(project):
    write_actors(project["actors"], [
        {"code": "KEN", "kind": "state", "names": ["Kenya"], "officials": ["William Ruto"]},
        {"code": "ETH", "kind": "state", "names": ["Ethiopia"], "officials": ["Abiy Ahmed Ali"]},
    ])
    project["annotations"].joinpath("gold.jsonl").write_text("", encoding="utf-8")
    result = run_validate(project)
    assert result.exit_code == 0 and result.stderr == "", result.output


def test_the_bundled_project_validates():
    result = CliRunner().invoke(app, ["validate"])
    assert result.exit_code == 0, result.output


def test_every_problem_is_listed_with_file_and_line(project):
    first = project["first"]
    bad_lines = [
        '{"doc": "x", "start": 0,',
        json.dumps({k: v for k, v in first.items() if k != "actors"}),
        json.dumps({**first, "label": "peace", "claim": True}),
        json.dumps({**first, "end": first["end"] + 1}),
        json.dumps({**first, "claim": not first["claim"], "label": None if first["claim"] else "tension"}),
        json.dumps({**first, "doc": "no_such_article"}),
    ]
    gold = project["annotations"] / "gold.jsonl"
    gold_lines = gold.read_text(encoding="utf-8").splitlines()
    gold_lines[0] = json.dumps({**first, "actors": ["IRN", "ATLANTIS"]})
    gold.write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
    extra = project["annotations"] / "new.jsonl"
    extra.write_text("\n".join(bad_lines) + "\n", encoding="utf-8")
    (project["corpus"] / "blank.txt").write_text("  \n", encoding="utf-8")
    result = run_validate(project)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    expected = [
        f"{project['corpus'] / 'blank.txt'}: empty",
        f"{extra}:1: malformed JSON",
        f"{extra}:2: missing key(s) actors",
        f"{extra}:3: unknown label 'peace'",
        f"{extra}:5: unit already labelled differently",
        f"{extra}:4: text does not match the article",
        f"{extra}:6: article 'no_such_article' not found",
        f"{gold}:1: unknown actor code(s) ATLANTIS",
    ]
    assert len(errors) == len(expected), result.stderr
    for line in expected:
        assert any(error.startswith(f"error: {line}") for error in errors), (line, errors)
    assert result.stderr.splitlines()[-1].startswith(f"{len(expected)} problem(s)")


def test_a_broken_actor_dictionary_is_a_problem(project):
    project["actors"].write_text('{"code": "IRN", "names": ["Iran"]}\n{"code": "TAL", "names": ["Iran"]}\n', encoding="utf-8")
    result = run_validate(project)
    assert result.exit_code == 1
    assert f"error: {project['actors']}:2: alias 'Iran' already belongs to IRN" in result.stderr


def test_a_missing_corpus_folder_is_a_problem(project, tmp_path):
    result = invoke(tmp_path / "nowhere", "--annotations", project["annotations"], "--actors", project["actors"])
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'nowhere'}: not a folder" in result.stderr
