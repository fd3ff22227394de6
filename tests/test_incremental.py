"""Incremental runs: only what changed is parsed or re-labelled, and the
outputs are always the bytes a fresh run gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ACTORS_PATH, SAVED_PAGE, SMALL_ARTICLES
from pipeline.events.plover import LABEL_OF_QUAD, QUAD_OF
from pipeline.runner import executors, run as run_module
from pipeline.runner.worker import ModelPaths
from pipeline.runner.run import run


OUTPUTS = ("articles.jsonl", "sentences.jsonl", "claims.jsonl", "events.jsonl")


def outputs_of(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in SMALL_ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The docs parsed from here on; relabelling goes through `relabelled`."""
    parsed: list[str] = []
    real = executors.process_article

    def counting(article, models):
        parsed.append(article.doc)
        return real(article, models)

    monkeypatch.setattr(executors, "process_article", counting)
    return parsed


def refuse_model_loading(monkeypatch) -> None:
    """From here on, loading a model or parsing an article fails the test."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("a model was loaded or an article parsed")

    for name in ("cached_models", "process_article"):
        monkeypatch.setattr(executors, name, refuse)
    monkeypatch.setattr(run_module, "cached_models", refuse)
    monkeypatch.setattr(run_module.Relabeller, "claim_model", refuse)


def run_into(corpus: Path, out: Path, models_dir: Path, actors: Path = ACTORS_PATH):
    return run(corpus, out, models=ModelPaths(models_dir=models_dir, actors_path=actors), workers=1)


def test_a_rerun_with_nothing_changed_parses_nothing_and_loads_no_model(tmp_path, corpus, trained_model, monkeypatch):
    out = tmp_path / "out"
    run_into(corpus, out, trained_model.models_dir)
    first = outputs_of(out)

    refuse_model_loading(monkeypatch)
    summary = run_into(corpus, out, trained_model.models_dir)
    assert summary.articles == len(SMALL_ARTICLES)
    assert outputs_of(out) == first


def test_a_new_human_label_counts_at_the_next_run_with_no_parse_and_no_model(tmp_path, corpus, trained_model, monkeypatch):
    import json

    out, annotations = tmp_path / "out", tmp_path / "annotations"
    (corpus / "a6.txt").write_text("Weather\n\nIt rained heavily in Lima on Tuesday, and the streets flooded.\n", encoding="utf-8")
    run_into(corpus, out, trained_model.models_dir)
    claims = [json.loads(line) for line in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    sentences = [json.loads(line) for line in (out / "sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    dropped = claims[0]
    missed = next(s for s in sentences if s["doc"] == "a6" and s["kind"] == "body")
    assert missed["guess"] == "none"
    annotations.mkdir()
    labels = [
        {**{k: dropped[k] for k in ("doc", "start", "end", "text")}, "claim": False, "label": None, "mixed": False, "actors": []},
        {**{k: missed[k] for k in ("doc", "start", "end", "text")}, "claim": True, "label": "tension", "mixed": True, "actors": ["AFG", "IRN"]},
    ]
    (annotations / "mine.jsonl").write_text("".join(json.dumps(label) + "\n" for label in labels), encoding="utf-8")

    refuse_model_loading(monkeypatch)
    summary = run(corpus, out, models=ModelPaths(trained_model.models_dir, ACTORS_PATH), workers=1, annotations_dir=annotations)
    assert summary.human_labels == 2 and summary.articles == len(SMALL_ARTICLES) + 1
    after = {(c["doc"], c["start"]): c for c in map(json.loads, (out / "claims.jsonl").read_text(encoding="utf-8").splitlines())}
    assert (dropped["doc"], dropped["start"]) not in after
    added = after[(missed["doc"], missed["start"])]
    assert (added["label"], added["label_source"], added["actors"], added["mixed"]) == ("tension", "annotation", ["AFG", "IRN"], True)
    assert QUAD_OF[added["event"]] == added["quad_code"] and LABEL_OF_QUAD[added["quad_code"]] == "tension"
    events = [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any((m["doc"], m["start"]) == (missed["doc"], missed["start"]) for event in events for m in event["mentions"])
    assert all(c["label_source"] == "model" for key, c in after.items() if key != (missed["doc"], missed["start"]))
    guesses = {(s["doc"], s["start"]): s for s in map(json.loads, (out / "sentences.jsonl").read_text(encoding="utf-8").splitlines())}
    assert guesses[(dropped["doc"], dropped["start"])]["guess"] == "none"
    assert guesses[(dropped["doc"], dropped["start"])]["label_source"] == "annotation"


def test_only_a_changed_or_added_article_is_parsed(tmp_path, corpus, trained_model, parses):
    out = tmp_path / "out"
    run_into(corpus, out, trained_model.models_dir)
    assert sorted(parses) == sorted(SMALL_ARTICLES)
    parses.clear()
    (corpus / "a2.txt").write_text(SMALL_ARTICLES["a2"] + "\nIran warned the Taliban.\n", encoding="utf-8")
    (corpus / "a9.txt").write_text("Iran and the Taliban signed a trade deal.\n", encoding="utf-8")
    run_into(corpus, out, trained_model.models_dir)
    assert sorted(parses) == ["a2", "a9"]
    run_into(corpus, tmp_path / "fresh", trained_model.models_dir)
    assert outputs_of(out) == outputs_of(tmp_path / "fresh")


def test_a_saved_page_is_parsed_again_when_its_html_changes_and_its_text_comes_from_the_cache(tmp_path, corpus, trained_model, parses):
    out = tmp_path / "out"
    page = corpus / "gas_deal.html"
    page.write_bytes(SAVED_PAGE.encode("utf-8"))
    run_into(corpus, out, trained_model.models_dir)
    text = (out / "text" / "gas_deal.txt").read_bytes()
    parses.clear()
    (out / "text" / "gas_deal.txt").unlink()  # written again from the cache, with no parse
    run_into(corpus, out, trained_model.models_dir)
    assert parses == [] and (out / "text" / "gas_deal.txt").read_bytes() == text
    page.write_bytes(SAVED_PAGE.replace("<footer>", "<footer>Updated. ").encode("utf-8"))
    run_into(corpus, out, trained_model.models_dir)
    assert parses == ["gas_deal"]
    run_into(corpus, tmp_path / "fresh", trained_model.models_dir)
    assert outputs_of(out) == outputs_of(tmp_path / "fresh")
    assert (out / "text" / "gas_deal.txt").read_bytes() == (tmp_path / "fresh" / "text" / "gas_deal.txt").read_bytes()


def test_a_deleted_article_leaves_the_outputs_and_the_cache(tmp_path, corpus, trained_model):
    out = tmp_path / "out"
    run_into(corpus, out, trained_model.models_dir)
    entries = len(list((out / ".cache").iterdir()))
    (corpus / "a3.txt").unlink()
    run_into(corpus, out, trained_model.models_dir)
    assert b'"a3"' not in b"".join(outputs_of(out).values())
    assert len(list((out / ".cache").iterdir())) == entries - 2  # its parse and its claims
    run_into(corpus, tmp_path / "fresh", trained_model.models_dir)
    assert outputs_of(out) == outputs_of(tmp_path / "fresh")


def test_a_new_model_relabels_without_parsing(tmp_path, corpus, trained_model, parses):
    from pipeline.model.store import save_model
    from pipeline.training.train import fit_model, model_card

    out = tmp_path / "out"
    run_into(corpus, out, trained_model.models_dir)
    other_models = tmp_path / "other-models"
    examples = trained_model.examples[::2]  # a different model
    card = save_model(fit_model(examples), model_card([e.annotation for e in examples], {}), other_models)
    assert card["version"] != trained_model.card["version"]
    parses.clear()
    run_into(corpus, out, other_models)
    assert parses == []
    claims = (out / "claims.jsonl").read_text(encoding="utf-8")
    assert card["version"] in claims and trained_model.card["version"] not in claims
    run_into(corpus, tmp_path / "fresh", other_models)
    assert outputs_of(out) == outputs_of(tmp_path / "fresh")


def test_a_changed_actor_dictionary_reparses_everything(tmp_path, corpus, trained_model, parses):
    out = tmp_path / "out"
    run_into(corpus, out, trained_model.models_dir)
    actors = tmp_path / "actors.jsonl"
    shutil.copy(ACTORS_PATH, actors)
    with actors.open("a", encoding="utf-8") as handle:
        handle.write('{"code": "ZZZ", "kind": "state", "names": ["Zubrowkia"]}\n')
    parses.clear()
    run_into(corpus, out, trained_model.models_dir, actors)
    assert sorted(parses) == sorted(SMALL_ARTICLES)


def test_a_damaged_cache_entry_is_only_a_miss(tmp_path, corpus, trained_model):
    out = tmp_path / "out"
    run_into(corpus, out, trained_model.models_dir)
    first = outputs_of(out)
    for entry in (out / ".cache").iterdir():
        entry.write_bytes(entry.read_bytes()[:20])
    run_into(corpus, out, trained_model.models_dir)
    assert outputs_of(out) == first


def test_only_code_that_shapes_outputs_is_in_the_cache_keys(tmp_path, monkeypatch):
    """Editing a stage changes the parse key, editing the model code the claims'
    key; editing the runner or the CLI changes neither."""
    from pipeline.runner import cache

    package = tmp_path / "pipeline"
    for part in ("stages", "model", "runner", "io", "events"):
        (package / part).mkdir(parents=True)
        (package / part / "a.py").write_text("x = 1\n")
    (package / "events" / "dates.py").write_text("z = 1\n")
    for name in ("config.py", "records.py", "cli.py"):
        (package / name).write_text("y = 1\n")
    monkeypatch.setattr(cache, "PACKAGE_DIR", package)
    actors = tmp_path / "actors.jsonl"
    actors.write_text('{"code": "KEN", "names": ["Kenya"]}\n')

    def keys():
        return cache.parse_version(actors), cache.code_hash(cache.CLAIMS_CODE)

    before = keys()
    (package / "runner" / "a.py").write_text("x = 2\n")
    (package / "cli.py").write_text("y = 2\n")
    assert keys() == before
    (package / "stages" / "a.py").write_text("x = 2\n")
    assert keys()[0] != before[0] and keys()[1] == before[1]
    (package / "model" / "a.py").write_text("x = 2\n")
    assert keys()[1] != before[1]
    # The article's date is read in stages/ (it shapes the actors); event types and dates only the claims.
    middle = keys()
    (package / "events" / "a.py").write_text("x = 2\n")
    assert keys()[0] == middle[0] and keys()[1] != middle[1]
    (package / "events" / "dates.py").write_text("z = 2\n")
    assert keys()[0] == middle[0]
    # The actor dictionary: a line added (`pipeline actors add`), or other versions of the libraries of states.
    with actors.open("a") as handle:
        handle.write('{"code": "AMISOM", "names": ["African Union Mission in Somalia"]}\n')
    assert keys()[0] != middle[0]
    added = keys()
    monkeypatch.setattr(cache, "library_versions", lambda: "pycountry==0 countryinfo==0")
    assert keys()[0] != added[0]


def test_an_edited_meta_or_a_moved_corpus_gives_the_records_of_a_fresh_run(tmp_path, corpus, trained_model):
    out = tmp_path / "out"
    (corpus / "a1.meta.json").write_text('{"source": "Lima Daily"}', encoding="utf-8")
    run_into(corpus, out, trained_model.models_dir)
    (corpus / "a1.meta.json").write_text('{"source": "Quito Times", "title": "Peru and Ecuador"}', encoding="utf-8")
    moved = corpus.rename(tmp_path / "moved")
    run_into(moved, out, trained_model.models_dir)
    run_into(moved, tmp_path / "fresh", trained_model.models_dir)
    assert outputs_of(out) == outputs_of(tmp_path / "fresh")
    assert str(moved / "a1.txt") in outputs_of(out)["articles.jsonl"].decode()


def test_an_article_edited_during_a_run_is_not_cached_under_its_old_bytes(tmp_path, corpus, trained_model, monkeypatch):
    original = (corpus / "a2.txt").read_text(encoding="utf-8")
    edited = "Border Talks\n\nVietnam and Cambodia agreed to reopen the border crossing at Moc Bai.\n"
    real_plan = run_module.plan

    def plan_then_edit(*args, **kwargs):
        planned = real_plan(*args, **kwargs)
        (corpus / "a2.txt").write_text(edited, encoding="utf-8")  # after its key was made
        return planned

    monkeypatch.setattr(run_module, "plan", plan_then_edit)
    out = tmp_path / "out"
    run_into(corpus, out, trained_model.models_dir)
    monkeypatch.undo()
    (corpus / "a2.txt").write_text(original, encoding="utf-8")
    run_into(corpus, out, trained_model.models_dir)
    run_into(corpus, tmp_path / "fresh", trained_model.models_dir)
    assert outputs_of(out) == outputs_of(tmp_path / "fresh")
    assert b"Cambodia" not in outputs_of(out)["sentences.jsonl"]


@pytest.mark.parametrize("entry", ['{"article": 1, "sentences": []}', '{"article": {}, "sentences": [1]}', '{"claims": [1]}', '{"claims": [], "guesses": []}', "folder"])
def test_a_cache_entry_of_the_wrong_shape_is_only_a_miss(tmp_path, corpus, trained_model, entry):
    out = tmp_path / "out"
    run_into(corpus, out, trained_model.models_dir)
    first = outputs_of(out)
    claims_entry = entry.startswith('{"claims"')
    for path in (out / ".cache").iterdir():
        if (path.name.count(".") > 1) != claims_entry and entry != "folder":
            continue  # a parse entry (KEY.json) or a claims entry (KEY.MODEL-CODE.json)
        path.unlink()
        if entry == "folder":
            path.mkdir()
            (path / "x").write_text("1", encoding="utf-8")
        else:
            path.write_text(entry, encoding="utf-8")
    run_into(corpus, out, trained_model.models_dir)
    assert outputs_of(out) == first
    assert all(path.is_file() for path in (out / ".cache").iterdir())


def test_a_file_name_that_is_not_utf8_is_skipped_and_the_run_goes_on(tmp_path, corpus, trained_model):
    import os

    bad = os.fsdecode(bytes(corpus) + b"/caf\xe9.txt")
    Path(bad).write_text("Kenya and Uganda agreed on a pipeline.\n", encoding="utf-8")
    summary = run_into(corpus, tmp_path / "out", trained_model.models_dir)
    assert summary.articles == len(SMALL_ARTICLES)
    assert [skip.reason for skip in summary.skipped] == ["file name not UTF-8"]
    assert "caf\\xe9.txt" in str(summary.skipped[0])
