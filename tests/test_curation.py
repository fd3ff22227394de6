"""curation: `pipeline actors suggest` and `pipeline actors add`, alone and end to end."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from conftest import ACTORS_PATH
from pipeline.cli import app
from pipeline.curation.suggest import suggest
from pipeline.stages.dictionary import load_actors


def invoke(*args, input=None):
    return CliRunner().invoke(app, [str(arg) for arg in args], input=input)


def entity(sentence_start, text, sentence, label, actor=None):
    start = sentence_start + sentence.index(text)
    return {"start": start, "end": start + len(text), "text": text, "label": label, "actor": actor}


def sentence_record(text, guess, entities, start=0):
    return {"doc": "a", "start": start, "end": start + len(text), "text": text, "kind": "body", "guess": guess,
            "entities": [entity(start, *e[:1], text, *e[1:]) for e in entities]}


RUN = [
    sentence_record("The Rapid Support Forces shelled positions of the Sudanese army.", "tension",
                    [("Rapid Support Forces", "ORG"), ("Sudanese army", "NORP", "SDN")]),
    sentence_record("Chad accused the Rapid Support Forces of smuggling arms.", "tension",
                    [("Chad", "GPE", "TCD"), ("Rapid Support Forces", "ORG")], start=100),
    sentence_record("Ukrainian Foreign Minister Dmytro Kuleba thanked Poland.", "cooperation",
                    [("Ukrainian Foreign Minister", "NORP", "UKR"), ("Dmytro Kuleba", "PERSON"), ("Poland", "GPE", "POL")], start=200),
    sentence_record("The Rapid Support Forces held a parade in Nyala.", "none", [("Rapid Support Forces", "ORG"), ("Nyala", "GPE")], start=300),
    sentence_record("John Smith wrote that Kenya and Ethiopia signed a deal.", "cooperation",
                    [("John Smith", "PERSON"), ("Kenya", "GPE", "KEN"), ("Ethiopia", "GPE", "ETH")], start=400),
]


def write_run(out_dir, sentences=RUN):
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "sentences.jsonl").write_text("".join(json.dumps(s) + "\n" for s in sentences), encoding="utf-8")
    return out_dir


def test_suggest_lists_unknown_sides_of_claims_by_frequency(tmp_path):
    found = suggest(write_run(tmp_path / "out"), {"SDN", "TCD"})
    assert [(s.name, s.count) for s in found] == [("Rapid Support Forces", 2), ("Dmytro Kuleba", 1)]
    rsf, kuleba = found
    assert rsf.example == RUN[0]["text"] and rsf.label == "ORG"
    assert rsf.line == {"code": "RSF", "kind": "organisation", "names": ["Rapid Support Forces"]}
    assert kuleba.line == {"code": "UKR", "officials": ["Dmytro Kuleba"]}  # the state in his title


def test_a_proposed_code_is_never_one_the_dictionary_has(tmp_path):
    (first, _kuleba) = suggest(write_run(tmp_path / "out"), {"RSF", "RSF2"})
    assert first.line["code"] == "RSF3"


def test_suggest_without_a_run_is_one_error(tmp_path):
    result = invoke("actors", "suggest", tmp_path / "nothing")
    assert result.exit_code == 1 and "sentences.jsonl" in result.output and "Traceback" not in result.output


def test_add_appends_checked_lines_and_the_loader_reads_them(tmp_path):
    actors = tmp_path / "actors.jsonl"
    shutil.copy(ACTORS_PATH, actors)
    before = actors.read_text(encoding="utf-8")
    new = tmp_path / "new.jsonl"
    lines = [{"code": "RSF", "kind": "movement", "names": ["Rapid Support Forces"]}, {"code": "UKR", "officials": ["Dmytro Kuleba"]}]
    new.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = invoke("actors", "add", new, "--actors", actors)
    assert result.exit_code == 0, result.output
    assert actors.read_text(encoding="utf-8").startswith(before)
    dictionary = load_actors(actors)
    assert dictionary.aliases["Rapid Support Forces"] == ("RSF", "names")
    assert dictionary.aliases["Dmytro Kuleba"] == ("UKR", "officials")
    assert dictionary.aliases["Muttaqi"] == ("TAL", "officials")  # nothing lost
    again = invoke("actors", "add", "-", "--actors", actors, input=json.dumps(lines[0]) + "\n")
    assert again.exit_code == 0 and "1 already there" in again.output
    assert len(actors.read_text(encoding="utf-8").splitlines()) == len(before.splitlines()) + 2


def test_add_refuses_a_bad_line_with_one_line_naming_it_and_writes_nothing(tmp_path):
    actors = tmp_path / "actors.jsonl"
    shutil.copy(ACTORS_PATH, actors)
    before = actors.read_bytes()
    good = json.dumps({"code": "RSF", "names": ["Rapid Support Forces"]})
    for bad, message in [
        (json.dumps({"code": "M23", "names": "M23"}), "'names' must be a list"),
        ('{"code": "M23"', "malformed JSON"),
        (json.dumps({"code": "M23", "officials": ["Muttaqi"]}), "already belongs to TAL"),
    ]:
        result = invoke("actors", "add", "-", "--actors", actors, input=f"{good}\n{bad}\n")
        assert result.exit_code == 1
        assert result.output.strip().splitlines() == [result.output.strip()] and result.output.startswith("error: <stdin>:2: ")
        assert message in result.output
        assert actors.read_bytes() == before


def test_suggest_then_add_then_run_links_the_new_actor(tmp_path, write_article, models_copy):
    """End to end: a run finds an unknown side, the analyst accepts its line, the next run links it."""
    write_article("sahel.txt", "Mali and the Tenere Liberation Front signed a ceasefire in Algiers.\n\n"
                               "The Tenere Liberation Front accused Mali of breaking the ceasefire.\n")
    actors = tmp_path / "actors.jsonl"
    shutil.copy(ACTORS_PATH, actors)
    out = tmp_path / "out"
    run = ("run", tmp_path / "corpus", "--out", out, "--models", models_copy, "--actors", actors, "--annotations", tmp_path / "none")
    assert invoke(*run).exit_code == 0
    suggested = invoke("actors", "suggest", out, "--actors", actors, "--lines")
    assert suggested.exit_code == 0, suggested.output
    lines = [json.loads(line) for line in suggested.stdout.splitlines()]
    front = next(line for line in lines if "Tenere Liberation Front" in line.get("names", []))
    added = invoke("actors", "add", "-", "--actors", actors, input=json.dumps(front) + "\n")
    assert added.exit_code == 0, added.output
    assert invoke(*run).exit_code == 0
    sentences = [json.loads(line) for line in (out / "sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(front["code"] in s["actors"] and "MLI" in s["actors"] for s in sentences)
