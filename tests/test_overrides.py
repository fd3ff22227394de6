"""runner/overrides: the analyst's label wins over the model's, at write time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.io import InputError
from pipeline.runner.overrides import HumanLabels, label_article

ARTICLE = "Egypt and Sudan signed a water accord. Chile criticised Peru over fishing rights. It rained in Lima."
NEUTRAL = {"source": None, "target": None, "polarity": "neutral", "cue": [], "negated": False}


def sentence(text: str, actors: list[str]) -> dict:
    start = ARTICLE.index(text)
    return {"doc": "d1", "start": start, "end": start + len(text), "text": text, "kind": "body", "actors": actors, "stance": NEUTRAL, "entities": []}


ACCORD = sentence("Egypt and Sudan signed a water accord.", ["EGY", "SDN"])
FISHING = sentence("Chile criticised Peru over fishing rights.", ["CHL", "PER"])
RAIN = sentence("It rained in Lima.", [])
SENTENCES = [ACCORD, FISHING, RAIN]
GUESSES = [
    {"claim_probability": 0.91, "guess": "cooperation", "label_guess": "cooperation", "label_confidence": 0.8},
    {"claim_probability": 0.3, "guess": "none", "label_guess": "tension", "label_confidence": 0.7},
    {"claim_probability": 0.2, "guess": "none", "label_guess": "cooperation", "label_confidence": 0.6},
]


def model_claim(s: dict, label: str) -> dict:
    return {"doc": s["doc"], "start": s["start"], "end": s["end"], "text": s["text"], "label": label, "confidence": 0.8,
            "claim_confidence": 0.91, "actors": s["actors"], "inherited_actors": [], "stance": NEUTRAL, "evidence": [], "model": "m-000000000001"}


def annotation(s: dict, label: str | None, actors: list[str] = (), mixed: bool = False) -> dict:
    return {"doc": s["doc"], "start": s["start"], "end": s["end"], "text": s["text"], "claim": label is not None,
            "label": label, "mixed": mixed, "actors": list(actors)}


def labels_in(tmp_path: Path, *records: dict) -> HumanLabels:
    folder = tmp_path / "annotations"
    folder.mkdir(exist_ok=True)
    (folder / "mine.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return HumanLabels.read(folder)


def test_without_annotations_every_sentence_carries_the_models_guess(tmp_path):
    done = label_article(SENTENCES, [model_claim(ACCORD, "cooperation")], GUESSES, HumanLabels.read(tmp_path / "none"), version="m-1")
    assert [(s["guess"], s["claim_probability"], s["label_source"]) for s in done.sentences] == [
        ("cooperation", 0.91, "model"), ("none", 0.3, "model"), ("none", 0.2, "model")]
    assert [(c["label"], c["label_source"]) for c in done.claims] == [("cooperation", "model")]
    assert done.applied == 0


def test_not_a_claim_removes_the_claim_and_a_missed_claim_is_added(tmp_path):
    human = labels_in(tmp_path, annotation(ACCORD, None), annotation(FISHING, "tension", ["CHL", "PER"], mixed=True))
    done = label_article(SENTENCES, [model_claim(ACCORD, "cooperation")], GUESSES, human, version="m-1")
    assert [c["text"] for c in done.claims] == [FISHING["text"]]
    added = done.claims[0]
    assert (added["label"], added["label_source"], added["mixed"], added["actors"], added["model"]) == ("tension", "annotation", True, ["CHL", "PER"], "m-1")
    assert [(s["guess"], s["label_source"]) for s in done.sentences] == [("none", "annotation"), ("tension", "annotation"), ("none", "model")]
    assert done.sentences[0]["model_guess"] == "cooperation" and done.applied == 2


def test_a_relabelled_claim_keeps_its_place_and_takes_the_human_actors(tmp_path):
    human = labels_in(tmp_path, annotation(ACCORD, "tension", ["SDN", "EGY"]))
    done = label_article(SENTENCES, [model_claim(ACCORD, "cooperation")], GUESSES, human, version="m-1")
    assert [(c["label"], c["actors"], c["label_source"]) for c in done.claims] == [("tension", ["SDN", "EGY"], "annotation")]


def test_an_annotation_whose_text_no_longer_matches_is_not_applied(tmp_path):
    stale = {**annotation(ACCORD, None), "text": "Egypt and Sudan signed a trade accord."}
    done = label_article(SENTENCES, [model_claim(ACCORD, "cooperation")], GUESSES, labels_in(tmp_path, stale), version="m-1")
    assert [c["label_source"] for c in done.claims] == ["model"] and done.applied == 0


def test_a_bad_annotation_line_is_an_error_naming_file_and_line(tmp_path):
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "mine.jsonl").write_text(json.dumps(annotation(ACCORD, None)) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"mine\.jsonl:2"):
        HumanLabels.read(folder)


def side_events(cooperation: str, tension: str) -> dict:
    quad = {"AGREE": "verbal_cooperation", "AID": "material_cooperation", "DISAPPROVE": "verbal_conflict", "SANCTION": "material_conflict"}
    by_label = {label: {"event": event, "event_confidence": 0.6, "quad_code": quad[event]} for label, event in (("cooperation", cooperation), ("tension", tension))}
    return {"date": {"date": "2024-05-02", "granularity": "day", "expression": None}, "by_label": by_label}


def test_an_added_or_relabelled_claim_takes_the_event_of_its_labels_side(tmp_path):
    guesses = [{**GUESSES[0], "side_events": side_events("AGREE", "SANCTION")}, {**GUESSES[1], "side_events": side_events("AID", "DISAPPROVE")}, GUESSES[2]]
    human = labels_in(tmp_path, annotation(ACCORD, "tension"), annotation(FISHING, "tension"))
    modelled = {**model_claim(ACCORD, "cooperation"), "event": "AGREE", "event_confidence": 0.7, "quad_code": "verbal_cooperation", "date": None}
    done = label_article(SENTENCES, [modelled], guesses, human, version="m-1")
    assert [(c["event"], c["quad_code"], c["date"]["date"]) for c in done.claims] == [
        ("SANCTION", "material_conflict", "2024-05-02"), ("DISAPPROVE", "verbal_conflict", "2024-05-02")]
    assert not any("side_events" in s for s in done.sentences)


def test_a_claim_whose_label_the_analyst_confirms_keeps_the_models_event(tmp_path):
    guesses = [{**GUESSES[0], "side_events": side_events("AID", "SANCTION")}, *GUESSES[1:]]
    modelled = {**model_claim(ACCORD, "cooperation"), "event": "AGREE", "event_confidence": 0.7, "quad_code": "verbal_cooperation", "date": None}
    done = label_article(SENTENCES, [modelled], guesses, labels_in(tmp_path, annotation(ACCORD, "cooperation", ["EGY", "SDN"])), version="m-1")
    assert [(c["event"], c["date"], c["label_source"]) for c in done.claims] == [("AGREE", None, "annotation")]
