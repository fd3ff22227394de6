"""actors: the actor dictionary and the actor_linker component."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import Span

from conftest import ACTORS_PATH
from pipeline.stages.actors import SPAN_KEY, ActorLinker, load_actors
from pipeline.io import InputError

IRAN = {"code": "IRN", "kind": "state", "names": ["Iran"], "demonyms": ["Iranian"], "capitals": ["Tehran"], "officials": ["Qomi"]}
TALIBAN = {"code": "TAL", "kind": "movement", "names": ["Taliban"], "demonyms": [], "capitals": ["Kabul"], "officials": ["Muttaqi"]}


def write_actors(tmp_path, *lines: str):
    path = tmp_path / "actors.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_actors_maps_every_alias_to_its_code(tmp_path):
    path = write_actors(tmp_path, json.dumps(IRAN), "", json.dumps(TALIBAN))
    assert load_actors(path) == {
        "Iran": "IRN",
        "Iranian": "IRN",
        "Tehran": "IRN",
        "Qomi": "IRN",
        "Taliban": "TAL",
        "Kabul": "TAL",
        "Muttaqi": "TAL",
    }


def test_load_actors_allows_an_alias_repeated_within_one_actor(tmp_path):
    path = write_actors(tmp_path, json.dumps({**IRAN, "officials": ["Qomi", "Tehran"]}))
    assert load_actors(path)["Tehran"] == "IRN"


def test_load_actors_rejects_an_alias_shared_by_two_codes(tmp_path):
    clash = {**TALIBAN, "officials": ["Muttaqi", "Qomi"]}
    path = write_actors(tmp_path, json.dumps(IRAN), json.dumps(clash))
    with pytest.raises(InputError) as caught:
        load_actors(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:2: ")
    assert "'Qomi'" in message and "IRN" in message


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"code": "TAL", "names": ["Taliban"]', "malformed JSON"),
        ('["TAL", "Taliban"]', "expected a JSON object"),
        (json.dumps({"names": ["Taliban"]}), "needs 'code'"),
        (json.dumps({**TALIBAN, "aliases": ["Talib"]}), "needs 'code'"),
        (json.dumps({**TALIBAN, "names": "Taliban"}), "'names' must be a list"),
        (json.dumps({**TALIBAN, "officials": ["Muttaqi", ""]}), "'officials' must be a list of non-empty strings"),
        (json.dumps({**TALIBAN, "capitals": [" "]}), "'capitals' must be a list of non-empty strings"),
        (json.dumps({**TALIBAN, "demonyms": [3]}), "'demonyms' must be a list"),
    ],
    ids=["malformed-json", "not-object", "no-code", "unknown-key", "names-not-list", "empty-alias", "blank-alias", "non-string-alias"],
)
def test_load_actors_rejects_malformed_lines_naming_file_and_line(tmp_path, line, message):
    path = write_actors(tmp_path, json.dumps(IRAN), line)
    with pytest.raises(InputError) as caught:
        load_actors(path)
    assert str(caught.value).startswith(f"{path}:2: ")
    assert message in str(caught.value)


def test_load_actors_rejects_an_empty_dictionary(tmp_path):
    path = write_actors(tmp_path, "")
    with pytest.raises(InputError, match="no actors"):
        load_actors(path)


def test_repository_dictionary_loads_and_has_the_seed_actors():
    aliases = load_actors(ACTORS_PATH)
    expected = {"Qomi": "IRN", "Tehran": "IRN", "IRGC": "IRN", "Muttaqi": "TAL", "Kabul": "TAL", "Taliban": "TAL", "Afghan": "AFG"}
    assert {alias: aliases[alias] for alias in expected} == expected


# Fast tests of the linker on hand-built docs.


@pytest.fixture(scope="module")
def blank_linker():
    nlp = spacy.blank("en")
    return nlp, ActorLinker(nlp, {"Qomi": "IRN", "Kazemi Qomi": "IRN", "Taliban": "TAL", "Kabul": "TAL"})


def link(nlp, linker, words, ents=()):
    doc = spacy.tokens.Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return [(span.text, span.label_) for span in linker(doc).spans[SPAN_KEY]]


def test_linker_widens_a_match_to_its_person_entity(blank_linker):
    words = ["Envoy", "Hassan", "Kazemi", "Qomi", "arrived", "in", "Kabul", "."]
    found = link(*blank_linker, words, ents=[(1, 4, "PERSON"), (6, 7, "GPE")])
    assert found == [("Hassan Kazemi Qomi", "IRN"), ("Kabul", "TAL")]


def test_linker_prefers_the_longest_match_without_entities(blank_linker):
    words = ["Hassan", "Kazemi", "Qomi", "met", "the", "Taliban", "."]
    assert link(*blank_linker, words) == [("Kazemi Qomi", "IRN"), ("Taliban", "TAL")]


def test_linker_does_not_widen_into_non_actor_entities(blank_linker):
    words = ["The", "Taliban", "Day", "parade", "was", "held", "."]
    assert link(*blank_linker, words, ents=[(0, 3, "EVENT")]) == [("Taliban", "TAL")]


def test_linker_matches_case_sensitively(blank_linker):
    assert link(*blank_linker, ["taliban", "and", "kabul"]) == []


# The real pipeline with the repository's dictionary.


@pytest.mark.parametrize(
    ("sentence", "alias", "code"),
    [
        ("Qomi said the embassy would reopen next week.", "Qomi", "IRN"),
        ("Muttaqi said the embassy would reopen next week.", "Muttaqi", "TAL"),
        ("Tehran said the embassy would reopen next week.", "Tehran", "IRN"),
        ("Kabul said the embassy would reopen next week.", "Kabul", "TAL"),
        ("An Iranian delegation arrived on Monday.", "Iranian", "IRN"),
        ("The IRGC said the border was calm.", "IRGC", "IRN"),
    ],
)
def test_real_pipeline_links_aliases(nlp, sentence, alias, code):
    doc = nlp(sentence)
    assert [(span.text, span.label_) for span in doc.spans[SPAN_KEY]] == [(alias, code)]


def test_real_pipeline_links_the_whole_name(nlp):
    doc = nlp("Hassan Kazemi Qomi was appointed as the new Iranian ambassador to Kabul in December 2022.")
    assert [(span.text, span.label_) for span in doc.spans[SPAN_KEY]] == [
        ("Hassan Kazemi Qomi", "IRN"),
        ("Iranian", "IRN"),
        ("Kabul", "TAL"),
    ]


def test_linker_sits_after_ner(nlp):
    names = nlp.pipe_names
    assert names.index("actor_linker") == names.index("ner") + 1


def linking_seconds(nlp, linker, repeats: int) -> float:
    """Link a doc of `repeats` sentences, each with an entity and a match."""
    import gc
    import time

    words, ents = [], []
    for _ in range(repeats):
        start = len(words)
        words += ["Envoy", "Hassan", "Kazemi", "Qomi", "met", "Chile", "in", "Kabul", "."]
        ents += [(start + 1, start + 4, "PERSON"), (start + 5, start + 6, "GPE")]
    doc = spacy.tokens.Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    gc.collect()
    gc.disable()  # a collection now and then would swamp the measure
    try:
        started = time.perf_counter()
        linker(doc)
        return time.perf_counter() - started
    finally:
        gc.enable()


def test_linking_time_grows_linearly_with_the_article(blank_linker):
    # The best of three, as the machine may be busy; quadratic would be 64x, linear 8x.
    small = min(linking_seconds(*blank_linker, 2_000) for _ in range(3))
    large = min(linking_seconds(*blank_linker, 16_000) for _ in range(3))
    assert large < 32 * small, f"8x the text took {large / small:.0f}x the time"
