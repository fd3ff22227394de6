"""The real CLI end to end (typer's CliRunner) over tiny corpora in temp folders."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import (
    ACTORS_PATH,
    ANNOTATIONS_DIR,
    E2E_DOCS,
    EMPTY_PAGE,
    INLINE_ARTICLE,
    RAW_DIR,
    SAVED_PAGE,
    SMALL_ARTICLES,
    assert_one_line_error,
    read_raw,
    synthetic_run,
    write_crlf,
)
from pipeline.stages.dictionary import load_actors
from pipeline.cli import app
from pipeline.config import CLAIM_THRESHOLD, LABELS, MODEL_CARD_FILE, MODEL_FILE, REGISTRY_FILE
from pipeline.model.encoder_files import ENCODER_NAME
from pipeline.model.store import load_model
from pipeline.model.registry import active_model_dir


OUTPUTS = ("articles.jsonl", "sentences.jsonl", "claims.jsonl", "events.jsonl")
ARTICLE_KEYS = {"doc", "path", "sha256", "chars", "title", "meta", "blocks"}
SENTENCE_KEYS = {"doc", "start", "end", "text", "kind", "main_clause", "entities", "actors", "stance"}
CLAIM_KEYS = {"doc", "start", "end", "text", "label", "confidence", "claim_confidence", "actors", "source", "target", "symmetric", "stance", "evidence", "model"}
STANCE_KEYS = {"source", "target", "polarity", "cue", "negated"}
KINDS = {"body", "bullet", "heading", "furniture"}


def invoke(*args: str):
    return CliRunner().invoke(app, [str(arg) for arg in args])


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").splitlines()]


def snapshot(folder: Path) -> dict[str, bytes]:
    """The files in `folder` (the run cache in `.cache/` aside)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()} if folder.exists() else {}


# The end-to-end run, done twice into the same folder. The design's contract
# is "at least" these keys, so the schema checks are subset checks.


@pytest.fixture(scope="module")
def e2e(tmp_path_factory, trained_model):
    root = tmp_path_factory.mktemp("e2e")
    corpus = root / "corpus"
    corpus.mkdir()
    for doc in E2E_DOCS:
        shutil.copy(RAW_DIR / f"{doc}.txt", corpus / f"{doc}.txt")
    write_crlf(corpus / "zz_inline.txt", INLINE_ARTICLE)
    (corpus / "notes.md").write_text("# my notes\n", encoding="utf-8")
    out = root / "out"
    # No annotations: the model's own outputs (test_incremental checks human labels).
    args = ("run", corpus, "--out", out, "--models", trained_model.models_dir, "--actors", ACTORS_PATH, "--annotations", root / "none")
    first = invoke(*args)
    first_outputs = snapshot(out)
    second = invoke(*args)
    return {
        "corpus": corpus,
        "out": out,
        "results": (first, second),
        "outputs": (first_outputs, snapshot(out)),
        "raw": {path.stem: read_raw(path) for path in corpus.glob("*.txt")},
        "card": trained_model.card,
    }


def test_run_succeeds_and_summarises(e2e):
    for result in e2e["results"]:
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("3 articles, ")
        assert str(e2e["out"]) in result.stdout
        assert result.stdout.splitlines()[-1] == "ignored (not .txt or .html): notes.md"
        assert any(line.startswith("unlinked names that look like actors") for line in result.stdout.splitlines())


def test_out_pointing_at_a_file_is_a_one_line_error(tmp_path, small_corpus):
    target = tmp_path / "results.jsonl"
    target.write_text("", encoding="utf-8")
    for out in (target, target / "sub"):
        result = invoke("run", small_corpus, "--out", out, "--models", tmp_path / "no-models")
        assert_one_line_error(result, str(target), "not a folder")


def test_run_writes_exactly_the_three_outputs(e2e):
    assert sorted(snapshot(e2e["out"])) == sorted(OUTPUTS)


def test_running_twice_gives_byte_identical_outputs(e2e):
    first, second = e2e["outputs"]
    assert sorted(first) == sorted(OUTPUTS)
    assert first == second


def test_articles_jsonl(e2e):
    import hashlib

    records = read_jsonl(e2e["out"] / "articles.jsonl")
    assert [r["doc"] for r in records] == [*E2E_DOCS, "zz_inline"]
    for record in records:
        assert ARTICLE_KEYS <= set(record)
        raw = e2e["raw"][record["doc"]]
        path = Path(record["path"])
        assert path == e2e["corpus"] / f"{record['doc']}.txt"
        assert record["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert record["chars"] == len(raw)
        for block in record["blocks"]:
            text = raw[block["start"] : block["end"]]
            assert text and text == text.strip() and block["kind"] in KINDS
    inline = records[-1]
    assert inline["title"] == "Iran and the Taliban Sign a Water Deal"
    assert "\r" in e2e["raw"]["zz_inline"]


def test_sentences_jsonl(e2e):
    records = read_jsonl(e2e["out"] / "sentences.jsonl")
    assert {r["doc"] for r in records} == {*E2E_DOCS, "zz_inline"}
    codes = load_actors(ACTORS_PATH).codes
    previous = {}
    for record in records:
        assert SENTENCE_KEYS <= set(record)
        raw = e2e["raw"][record["doc"]]
        assert raw[record["start"] : record["end"]] == record["text"]
        assert record["text"] == record["text"].strip() and record["text"]
        assert record["start"] >= previous.get(record["doc"], 0), "sentences out of order or overlapping"
        previous[record["doc"]] = record["end"]
        assert record["kind"] in KINDS
        assert 0.0 <= record["claim_probability"] <= 1.0 and record["label_source"] == "model"
        assert record["guess"] in (*LABELS, "none") and set(record["mentioned_actors"]) <= set(record["actors"])
        inherited = [side["code"] for side in record["inherited_actors"]]
        assert sorted([*record["mentioned_actors"], *inherited]) == sorted(record["actors"])
        for side in record["inherited_actors"]:
            # From the sentence before (or a few before it), or from the article's main pair (anywhere in it).
            assert side["via"] in ("previous", "earlier", "article") and side["from"]["doc"] == record["doc"]
            assert side["via"] == "article" or side["from"]["end"] <= record["start"]
            assert raw[side["from"]["start"] : side["from"]["end"]]
        assert STANCE_KEYS <= set(record["stance"])
        assert set(record["actors"]) <= codes
        for entity in record["entities"]:
            assert record["start"] <= entity["start"] < entity["end"] <= record["end"]
            assert raw[entity["start"] : entity["end"]] == entity["text"]
            assert entity["actor"] is None or entity["actor"] in codes
    inline = [(r["text"], r["kind"]) for r in records if r["doc"] == "zz_inline"]
    assert ("By John Smith", "furniture") in inline
    assert ("Views: 1,204", "furniture") in inline
    assert inline[-1] == ("Exit mobile version", "furniture")


def test_claims_jsonl(e2e):
    claims = read_jsonl(e2e["out"] / "claims.jsonl")
    sentences = {(r["doc"], r["start"], r["end"]): r for r in read_jsonl(e2e["out"] / "sentences.jsonl")}
    codes = load_actors(ACTORS_PATH).codes
    assert claims, "no claims found in three articles about Iran and the Taliban"
    assert {c["label"] for c in claims} == set(LABELS)
    for claim in claims:
        assert CLAIM_KEYS <= set(claim)
        assert claim["label"] in LABELS
        assert 0.0 <= claim["confidence"] <= 1.0
        assert CLAIM_THRESHOLD <= claim["claim_confidence"] <= 1.0
        assert isinstance(claim["actors"], list) and set(claim["actors"]) <= codes
        assert STANCE_KEYS <= set(claim["stance"])
        assert claim["stance"]["polarity"] in {"positive", "negative", "neutral"}
        assert isinstance(claim["stance"]["cue"], list)
        assert claim["model"] == e2e["card"]["version"]
        assert isinstance(claim["evidence"], list) and all(isinstance(e, str) for e in claim["evidence"])
        assert e2e["raw"][claim["doc"]][claim["start"] : claim["end"]] == claim["text"]
        sentence = sentences[(claim["doc"], claim["start"], claim["end"])]
        assert sentence["text"] == claim["text"]
        assert sentence["kind"] in {"body", "bullet"}, "headings and furniture are never claims"
        assert sentence["guess"] == claim["label"] and claim["label_source"] == "model"
        # The claim's dyad is the dyad model's choice among the sentence's candidates (the rules' when they agree).
        candidates = {candidate["code"] for candidate in sentence["candidates"]}
        # A place the rules took as a side leaves the claim when the model chooses another pair.
        places = candidates - {c["code"] for c in sentence["candidates"] if c["role"] != "place"}
        assert set(sentence["actors"]) - places <= set(claim["actors"]) <= set(sentence["actors"]) | candidates
        assert {**sentence["stance"], "source": None, "target": None, "symmetric": None} == {
            **claim["stance"], "source": None, "target": None, "symmetric": None
        }
        assert {claim["source"], claim["target"]} - {None} <= candidates
        assert (claim["source"], claim["target"]) == (claim["stance"]["source"], claim["stance"]["target"])


def test_claims_carry_their_event_and_events_jsonl_groups_them(e2e):
    from pipeline.events.plover import EVENT_TYPES, QUAD_OF
    from pipeline.stages.mode import MODES

    claims = read_jsonl(e2e["out"] / "claims.jsonl")
    for claim in claims:
        assert claim["event"] in EVENT_TYPES and QUAD_OF[claim["event"]] == claim["quad_code"]
        assert 0.0 < claim["event_confidence"] <= 1.0 and claim["mode"] in MODES
        assert claim["date"] is None or {"date", "granularity", "expression"} <= set(claim["date"])
    events = read_jsonl(e2e["out"] / "events.jsonl")
    assert events and len({e["id"] for e in events}) == len(events)
    keys = {(c["doc"], c["start"], c["end"]) for c in claims}
    mentioned = [(m["doc"], m["start"], m["end"]) for e in events for m in e["mentions"]]
    assert len(mentioned) == len(set(mentioned)) and set(mentioned) <= keys
    for event in events:
        assert {"id", "date", "actor", "recipient", "event", "quad_code", "label", "mode", "confidence", "mentions", "sources"} <= set(event)
        assert event["sources"] == len({m["doc"] for m in event["mentions"]})


def test_claims_of_the_inline_article(e2e):
    claims = [c for c in read_jsonl(e2e["out"] / "claims.jsonl") if c["doc"] == "zz_inline"]
    texts = {c["text"]: c for c in claims}
    deal = texts.get("Iran and the Taliban signed an agreement on the Helmand river in Kabul on Monday.")
    assert deal is not None, sorted(texts)
    assert deal["actors"] == ["IRN", "TAL"]
    assert deal["stance"]["polarity"] == "positive"


# Bad input: one line naming the file, and no output written.


@pytest.fixture
def small_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in SMALL_ARTICLES.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    return corpus


UNREADABLE_ARTICLES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\t\n", "empty"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "latin.txt": ("Café in Tehran: Iran met the Taliban.\n".encode("latin-1"), "not UTF-8"),
    "utf16.txt": ("Iran met the Taliban.\n".encode("utf-16"), "UTF-16, not UTF-8"),
    "page.txt": (b"<!DOCTYPE html><html><body><p>Iran met the Taliban.</p></body></html>\n", "HTML, not plain text"),
    "menu.html": (EMPTY_PAGE.encode("utf-8"), "no article in the HTML"),
}


@pytest.fixture
def mixed_corpus(small_corpus, tmp_path):
    """The small corpus plus every kind of unreadable article, and readable
    ones with awkward names, a BOM and a symlink inside the corpus."""
    for name, (content, _reason) in UNREADABLE_ARTICLES.items():
        (small_corpus / name).write_bytes(content)
    with (small_corpus / "huge.txt").open("wb") as handle:
        handle.truncate(50_000_000)
    outside = tmp_path / "outside.txt"
    outside.write_text("Iran met the Taliban.\n", encoding="utf-8")
    (small_corpus / "escape.txt").symlink_to(outside)
    (small_corpus / "with spaces.txt").write_text("Iran welcomed the Taliban envoy.\n", encoding="utf-8")
    (small_corpus / "téhéran é.txt").write_bytes("\ufeffIran and the Taliban signed a deal.\n".encode("utf-8"))
    (small_corpus / "linked.txt").symlink_to(small_corpus / "a1.txt")
    return small_corpus


def test_run_skips_unreadable_articles_with_a_warning_and_processes_the_rest(mixed_corpus, tmp_path, trained_model):
    out = tmp_path / "out"
    result = invoke("run", mixed_corpus, "--out", out, "--models", trained_model.models_dir)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning")]  # the others: progress lines
    expected = {name: reason for name, (_content, reason) in UNREADABLE_ARTICLES.items()}
    expected |= {"huge.txt": "too large", "escape.txt": "symlink outside the corpus"}
    assert len(warnings) == len(expected)
    for name, reason in expected.items():
        (line,) = [w for w in warnings if f"{mixed_corpus / name}: " in w]
        assert line.startswith("warning: skipped ") and reason in line
    docs = [r["doc"] for r in read_jsonl(out / "articles.jsonl")]
    assert docs == sorted([*SMALL_ARTICLES, "linked", "téhéran é", "with spaces"])
    assert f"processed {len(docs)}, skipped 9 (" in result.stdout and "empty: 2" in result.stdout


def test_run_keeps_offsets_of_a_bom_article_and_names_with_spaces(mixed_corpus, tmp_path, trained_model):
    out = tmp_path / "out"
    invoke("run", mixed_corpus, "--out", out, "--models", trained_model.models_dir)
    sentences = read_jsonl(out / "sentences.jsonl")
    for doc in ("téhéran é", "with spaces"):
        raw = (mixed_corpus / f"{doc}.txt").read_bytes().decode("utf-8")
        (sentence,) = [s for s in sentences if s["doc"] == doc]
        assert raw[sentence["start"] : sentence["end"]] == sentence["text"]
        assert sentence["text"] == raw.strip().lstrip("\ufeff")


def test_strict_run_fails_on_any_skip_and_writes_nothing(mixed_corpus, tmp_path, trained_model):
    out = tmp_path / "out"
    out.mkdir()
    (out / "articles.jsonl").write_bytes(b'{"doc": "old"}\n')
    before = snapshot(out)
    result = invoke("run", mixed_corpus, "--out", out, "--models", trained_model.models_dir, "--strict")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("error: ") and "--strict" in lines[-1]
    assert sum(line.startswith("warning: skipped ") for line in lines) == 9
    assert snapshot(out) == before


@pytest.fixture
def page_run(small_corpus, tmp_path, trained_model):
    """A corpus with a saved web page beside the text files, run twice."""
    (small_corpus / "gas_deal.html").write_bytes(SAVED_PAGE.encode("utf-8"))
    (small_corpus / "a1.html").write_bytes(SAVED_PAGE.encode("utf-8"))  # the same name as a1.txt
    out = tmp_path / "out"
    args = ("run", small_corpus, "--out", out, "--models", trained_model.models_dir)
    results = [invoke(*args)]
    first = {**snapshot(out), **snapshot(out / "text")}
    results.append(invoke(*args))
    return {"corpus": small_corpus, "out": out, "args": args, "results": results, "outputs": (first, {**snapshot(out), **snapshot(out / "text")})}


def test_a_saved_page_is_read_through_the_extractor_and_offsets_point_into_its_text(page_run):
    out, corpus = page_run["out"], page_run["corpus"]
    for result in page_run["results"]:
        assert result.exit_code == 0, result.output
        assert f"warning: skipped {corpus / 'a1.html'}: duplicate name (a1.txt has the same name)" in result.stderr
    text = (out / "text" / "gas_deal.txt").read_bytes().decode("utf-8")
    assert sorted(p.name for p in (out / "text").iterdir()) == ["gas_deal.txt"]
    (article,) = [a for a in read_jsonl(out / "articles.jsonl") if a["doc"] == "gas_deal"]
    html_bytes = (corpus / "gas_deal.html").read_bytes()
    assert article["sha256"] == hashlib.sha256(html_bytes).hexdigest()
    assert article["text_file"] == "text/gas_deal.txt" and article["chars"] == len(text)
    assert article["title"] == "Turkey and Azerbaijan Sign Gas Deal" and article["meta"]["date"] == "2024-05-06"
    assert article["meta"]["url"] == "https://news.example.org/world/turkey-azerbaijan-gas"
    sentences = [s for s in read_jsonl(out / "sentences.jsonl") if s["doc"] == "gas_deal"]
    claims = [c for c in read_jsonl(out / "claims.jsonl") if c["doc"] == "gas_deal"]
    assert len(sentences) >= 5 and claims
    for record in sentences + claims:
        assert text[record["start"] : record["end"]] == record["text"]
    for entity in (e for s in sentences for e in s["entities"]):
        assert text[entity["start"] : entity["end"]] == entity["text"]
    assert {"ARM", "TUR"} <= {actor for s in sentences for actor in s["actors"]}


def test_a_run_with_saved_pages_is_byte_identical_and_its_cache_covers_the_html(page_run, trained_model):
    first, second = page_run["outputs"]
    assert "gas_deal.txt" in first and first == second
    out, corpus = page_run["out"], page_run["corpus"]
    # A change to the HTML outside the article leaves the text but not the key: a new parse, a new sha256.
    page = corpus / "gas_deal.html"
    page.write_bytes(page.read_bytes().replace(b"<footer>", b"<footer><!-- edited -->"))
    assert invoke(*page_run["args"]).exit_code == 0
    (article,) = [a for a in read_jsonl(out / "articles.jsonl") if a["doc"] == "gas_deal"]
    assert article["sha256"] == hashlib.sha256(page.read_bytes()).hexdigest()
    assert (out / "text" / "gas_deal.txt").read_bytes() == first["gas_deal.txt"]
    # The page leaves the corpus: its text leaves out/text.
    page.unlink()
    assert invoke(*page_run["args"]).exit_code == 0
    assert not (out / "text" / "gas_deal.txt").exists()


def test_run_where_every_article_is_unreadable_fails_without_writing(tmp_path, trained_model):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "blank.txt").write_bytes(b"  \n\n")
    out = tmp_path / "fresh" / "out"
    result = invoke("run", corpus, "--out", out, "--models", trained_model.models_dir)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"error: {corpus}: no readable articles (1 skipped)"
    assert not out.exists() or not any(out.iterdir())


def test_run_small_corpus_succeeds(small_corpus, tmp_path, trained_model):
    """The same corpus without the bad file runs (so the failures above come from it)."""
    out = tmp_path / "out"
    result = invoke("run", small_corpus, "--out", out, "--models", trained_model.models_dir)
    assert result.exit_code == 0, result.output
    assert [r["doc"] for r in read_jsonl(out / "articles.jsonl")] == sorted(SMALL_ARTICLES)


@pytest.mark.parametrize("case", ["no-articles", "not-a-folder"])
def test_run_rejects_a_corpus_without_articles(tmp_path, trained_model, case):
    corpus = tmp_path / "corpus"
    if case == "no-articles":
        corpus.mkdir()
        (corpus / "notes.md").write_text("Iran met the Taliban.\n", encoding="utf-8")
    result = invoke("run", corpus, "--out", tmp_path / "out", "--models", trained_model.models_dir)
    assert_one_line_error(result, str(corpus))
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_run_without_a_model_names_the_card(tmp_path, small_corpus):
    models = tmp_path / "no-models"
    models.mkdir()
    result = invoke("run", small_corpus, "--out", tmp_path / "out", "--models", models)
    assert_one_line_error(result, str(models / REGISTRY_FILE))
    assert not (tmp_path / "out").exists()


def test_run_with_a_tampered_model_names_sha256(tmp_path, small_corpus, models_copy):
    path = active_model_dir(models_copy) / MODEL_FILE
    path.write_bytes(path.read_bytes()[:-10])
    result = invoke("run", small_corpus, "--out", tmp_path / "out", "--models", models_copy)
    assert_one_line_error(result, str(path), "sha256")


def test_run_with_a_broken_actor_dictionary_names_file_and_line(tmp_path, small_corpus, trained_model):
    actors = tmp_path / "actors.jsonl"
    actors.write_text('{"code": "IRN", "names": ["Iran"]}\n{"code": "TAL", "names": ["Iran"]}\n', encoding="utf-8")
    result = invoke("run", small_corpus, "--out", tmp_path / "out", "--models", trained_model.models_dir, "--actors", actors)
    assert_one_line_error(result, f"{actors}:2")


# train


def annotation_dir(tmp_path: Path, docs: tuple[str, ...], extra: str | None = None) -> Path:
    folder = tmp_path / "annotations"
    folder.mkdir()
    lines = [
        line
        for path in sorted(ANNOTATIONS_DIR.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and json.loads(line)["doc"] in docs
    ]
    if extra is not None:
        lines.insert(2, extra)
    (folder / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "bad_line",
    [
        '{"doc": "000_7de830a5dc0e2335", "start": 0, "end": 68,',
        '{"doc": "000_7de830a5dc0e2335", "start": 0, "end": 68, "text": "x", "claim": true, "label": "cooperation", "mixed": false}',
        '{"doc": "000_7de830a5dc0e2335", "start": 0, "end": 68, "text": "x", "claim": true, "label": "peace", "mixed": false, "actors": []}',
    ],
    ids=["malformed-json", "missing-key", "unknown-label"],
)
def test_train_rejects_a_malformed_annotation_naming_file_and_line(tmp_path, bad_line):
    annotations = annotation_dir(tmp_path, ("000_7de830a5dc0e2335",), extra=bad_line)
    models = tmp_path / "models"
    result = invoke("train", "--corpus-dir", RAW_DIR, "--annotations", annotations, "--models", models)
    assert_one_line_error(result, f"{annotations / 'gold.jsonl'}:3")
    assert not models.exists()


def test_train_rejects_offsets_that_do_not_match_the_article(tmp_path):
    shifted = '{"doc": "000_7de830a5dc0e2335", "start": 1, "end": 69, "text": "Fragile Iran-Taliban Ties Officially Expand Despite Multiple Hurdles", "claim": false, "label": null, "mixed": false, "actors": []}'
    annotations = annotation_dir(tmp_path, ("000_7de830a5dc0e2335",), extra=shifted)
    models = tmp_path / "models"
    result = invoke("train", "--corpus-dir", RAW_DIR, "--annotations", annotations, "--models", models)
    assert_one_line_error(result, f"{annotations / 'gold.jsonl'}:3", "does not match")
    assert not models.exists()


def test_train_rejects_an_empty_annotation_folder(tmp_path):
    folder = tmp_path / "annotations"
    folder.mkdir()
    result = invoke("train", "--corpus-dir", RAW_DIR, "--annotations", folder, "--models", tmp_path / "models")
    assert_one_line_error(result, str(folder))


def test_train_writes_a_loadable_model_and_card(tmp_path, sentence_encoder):
    docs = ("000_7de830a5dc0e2335", "003_84e543c638c1c385")
    annotations = annotation_dir(tmp_path, docs)
    models = tmp_path / "models"
    # No external sets: scoring PLOVER and the UN set would take a minute.
    no_external = tmp_path / "no-external"
    result = invoke(
        "train", "--corpus-dir", RAW_DIR, "--annotations", annotations, "--models", models, "--external", no_external
    )
    assert result.exit_code == 0, result.output
    _model, card = load_model(models)
    assert sorted(p.name for p in active_model_dir(models).iterdir()) == sorted([MODEL_CARD_FILE, MODEL_FILE])
    assert card["articles"] == 2 and card["units"] == 88
    assert result.stdout.startswith(f"trained {card['version']} on 88 units from 2 articles")
    metrics = card["metrics_loao"]
    assert metrics["units"] == 88
    for name in ("claim_f1", "label_macro_f1", "end_to_end_macro_f1", "label_ece", "actor_f1"):
        assert 0.0 <= metrics[name] <= 1.0
    assert not any(name.startswith(("plover", "un_")) for name in metrics)
    assert len(card["training_data_sha256"]) == 64


def test_report_of_a_real_run_holds_every_claim(e2e):
    result = invoke("report", e2e["out"])
    assert result.exit_code == 0, result.output
    claims = read_jsonl(e2e["out"] / "claims.jsonl")
    assert result.stdout.startswith(f"{len(claims)} claims, ")
    page = (e2e["out"] / "report.html").read_text(encoding="utf-8")
    data = json.loads(page.split('type="application/json">')[1].split("</script>")[0])
    assert [(c["s"], c["e"], c["l"]) for c in data["claims"]] == [(c["start"], c["end"], c["label"]) for c in claims]


def test_report_writes_the_page_and_fails_in_one_line_without_claims(tmp_path):
    synthetic_run(tmp_path / "out", 120)
    result = invoke("report", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("120 claims, ") and (tmp_path / "out" / "report.html").is_file()
    result = invoke("report", tmp_path / "empty")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"error: {tmp_path / 'empty' / 'claims.jsonl'}: not found; run `pipeline run` first"]


def test_help_lists_the_commands():
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("run", "train", "evaluate", "report"):
        assert command in result.stdout


# Retraining: the previous model's figures beside the new one's, and the better one active.

NO_EXTERNAL = "no-external"  # scoring PLOVER and the UN set would take a minute


def train(tmp_path: Path, annotations: Path, models: Path, *extra: str):
    return invoke(
        "train", "--corpus-dir", RAW_DIR, "--annotations", annotations, "--models", models,
        "--external", tmp_path / NO_EXTERNAL, *extra,
    )


def add_annotations(annotations: Path, doc: str, count: int) -> None:
    lines = [line for line in (ANNOTATIONS_DIR / "seed-gold.jsonl").read_text(encoding="utf-8").splitlines() if f'"{doc}"' in line]
    (annotations / "more.jsonl").write_text("\n".join(lines[:count]) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def retrained(tmp_path_factory, sentence_encoder):
    """A model on two articles, then retrained after 20 annotations of a third
    were added; the second is made active whatever it scores (`--force`)."""
    tmp_path = tmp_path_factory.mktemp("retrain")
    annotations = annotation_dir(tmp_path, ("000_7de830a5dc0e2335", "003_84e543c638c1c385"))
    models = tmp_path / "models"
    first = train(tmp_path, annotations, models)
    assert first.exit_code == 0, first.output
    first_card = load_model(models)[1]
    add_annotations(annotations, "001_278ee63bc767467f", 20)
    result = train(tmp_path, annotations, models, "--force")
    return {"annotations": annotations, "models": models, "first": first_card, "result": result}


@pytest.fixture
def two_versions(tmp_path, retrained):
    """A private copy of the retrained models folder: the first model and the second, active."""
    models = tmp_path / "models"
    shutil.copytree(retrained["models"], models)
    return models


def test_retraining_prints_both_models_figures_and_counts_new_annotations(retrained):
    old = retrained["first"]["version"]
    result = retrained["result"]
    assert result.exit_code == 0, result.output
    _model, card = load_model(retrained["models"])
    new = card["version"]
    lines = result.stdout.splitlines()
    assert lines[0] == f"trained {new} on 108 units from 3 articles; 20 annotations new since {old} (0 relabelled)"
    assert lines[1].split("  ")[0] == "leave-one-article-out" and f"{old} (active)" in lines[1] and f"{new} (new)" in lines[1]
    assert f"{new} on the 88 units of {old}" in lines[1]
    units = next(line.split() for line in lines if line.startswith("units "))
    assert units == ["units", "88", "108", "88"]
    e2e = next(line.split() for line in lines if line.startswith("end_to_end_macro_f1 "))
    assert float(e2e[1]) == retrained["first"]["metrics_loao"]["end_to_end_macro_f1"]
    assert float(e2e[2]) == card["metrics_loao"]["end_to_end_macro_f1"]
    assert card["new_annotations"] == 20 and card["previous_version"] == old
    assert len(card["annotations"]) == 108
    assert "training data: 108 annotated units from 3 articles, plus 477 written sentences (corpus/written/sentences.jsonl)" in result.stdout
    assert "at weight 2.0 for the claim detector; no UN training sentences: no external sets given" in result.stdout
    assert card["written_training"]["trains"] == "the claim detector" and card["hyperparameters"]["written_claim_weight"] == 2.0
    new_labels = re.search(r"^new labels: active (\d+)/20 right, new (\d+)/20 \(held out by article\)$", result.stdout, re.M)
    assert new_labels and 0 <= int(new_labels[1]) <= 20
    gold = {f"{a['doc']}:{a['start']}:{a['end']}": a["label"] or "none" for a in read_jsonl(retrained["annotations"] / "more.jsonl")}
    assert int(new_labels[2]) == sum(card["heldout_outcomes"][key] == label for key, label in gold.items())
    assert re.search(r"^on the 88 shared units: \d+ now right that were wrong, \d+ now wrong that were right "
                     r"\(net [+-]\d+ sentences\): (within|more than) noise$", result.stdout, re.M)
    before, after = float(e2e[1]), float(e2e[3])
    change = f"(end_to_end_macro_f1 {before} -> {after} on the 88 units both were scored on)"
    assert lines[-1] == (f"active: {new} {change}" if after >= before else f"active: {new}, forced although it scores lower {change}")


def make_the_active_model_look_better(models: Path) -> None:
    """Raise the active card's recorded score (the card is not covered by the sha256)."""
    path = active_model_dir(models) / MODEL_CARD_FILE
    card = json.loads(path.read_text(encoding="utf-8"))
    card["metrics_loao"]["end_to_end_macro_f1"] = 1.0
    path.write_text(json.dumps(card), encoding="utf-8")


def test_retraining_keeps_the_active_model_when_the_new_one_scores_lower_unless_forced(tmp_path, retrained, two_versions):
    models = two_versions
    make_the_active_model_look_better(models)
    old = load_model(models)[1]["version"]
    annotations = tmp_path / "annotations"
    shutil.copytree(retrained["annotations"], annotations)
    add_annotations(annotations, "001_278ee63bc767467f", 30)
    result = train(tmp_path, annotations, models)
    assert result.exit_code == 0, result.output
    assert load_model(models)[1]["version"] == old
    registry = json.loads((models / REGISTRY_FILE).read_text(encoding="utf-8"))
    new = registry["versions"][-1]
    assert registry["active"] == old and new != old and len(registry["versions"]) == 3
    assert result.stdout.splitlines()[-1].startswith(f"kept {old} active: {new} scores lower (end_to_end_macro_f1 1.0 -> ")
    listing = invoke("models", "--models", models)
    assert listing.exit_code == 0
    marked = {line.lstrip("* ").split()[0]: line.startswith("*") for line in listing.stdout.splitlines()[1:]}
    assert marked == {retrained["first"]["version"]: False, old: True, new: False}

    forced = train(tmp_path, annotations, models, "--force")
    assert forced.exit_code == 0, forced.output
    assert load_model(models)[1]["version"] == new
    assert forced.stdout.splitlines()[-1].startswith(f"active: {new}, forced although it scores lower")


def test_retraining_replaces_an_active_model_of_another_encoder_even_if_it_scored_higher(tmp_path, retrained, two_versions):
    models = two_versions
    make_the_active_model_look_better(models)
    path = active_model_dir(models) / MODEL_CARD_FILE
    card = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**card, "encoder": "all-MiniLM-L6-v2"}), encoding="utf-8")
    annotations = tmp_path / "annotations"
    shutil.copytree(retrained["annotations"], annotations)
    add_annotations(annotations, "001_278ee63bc767467f", 30)
    result = train(tmp_path, annotations, models)
    assert result.exit_code == 0, result.output
    new = json.loads((models / REGISTRY_FILE).read_text(encoding="utf-8"))["versions"][-1]
    assert load_model(models)[1]["version"] == new != card["version"]
    assert load_model(models)[1]["encoder"] == ENCODER_NAME
    assert result.stdout.splitlines()[-1].startswith(f"active: {new} (end_to_end_macro_f1 1.0 -> ")


def test_models_activate_switches_back_and_rejects_unknown_versions(retrained, two_versions):
    old = retrained["first"]["version"]
    result = invoke("models", "--models", two_versions, "--activate", old)
    assert result.exit_code == 0 and result.stdout.startswith(f"active: {old}\n")
    assert load_model(two_versions)[1]["version"] == old
    before = (two_versions / REGISTRY_FILE).read_bytes()
    for bad in ("m-000000000000", "../models"):
        assert_one_line_error(invoke("models", "--models", two_versions, "--activate", bad), str(REGISTRY_FILE))
    assert (two_versions / REGISTRY_FILE).read_bytes() == before


def test_python_dash_m_pipeline_is_the_cli():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "annotate" in done.stdout and "evaluate" in done.stdout
