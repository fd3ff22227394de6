"""The held-out articles: scored by the model fitted on everything, never trained on."""

from __future__ import annotations

import json

import pytest

from pipeline.config import HELDOUT_ARTICLES_DIR, HELDOUT_GOLD, RAW_DIR, WRITTEN_ARTICLES_DIR, WRITTEN_PATH
from pipeline.io import InputError
from pipeline.training.dyad_eval import read_article_gold
from pipeline.training.heldout import heldout_scores


def test_the_held_out_articles_are_scored_claim_by_claim(nlp, trained_model):
    gold = [json.loads(line) for line in HELDOUT_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    scores = heldout_scores(trained_model.model, nlp=nlp)
    assert scores["heldout_claims"] == len(gold) > 400
    assert scores["heldout_dyad_cases"] == scores["heldout_rules_cases"] == sum(len(record["actors"]) >= 2 for record in gold)
    # Floors a broken stage would miss; a model trained on three seed articles stays below the ceiling.
    assert 0.5 <= scores["heldout_claim_recall"] < 1 and 0.5 <= scores["heldout_claim_precision"] < 1
    assert 0.6 <= scores["heldout_label_macro_f1"] < 1
    assert 0.6 <= scores["heldout_rules_pair"] < 1 and 0.6 <= scores["heldout_dyad_pair"] < 1


def test_the_held_out_articles_train_nothing():
    held_out = {path.stem for path in HELDOUT_ARTICLES_DIR.glob("*.txt")}
    trained_on = {path.stem for folder in (WRITTEN_ARTICLES_DIR, RAW_DIR) for path in folder.glob("*.txt")}
    assert len(held_out) == 24 and not held_out & trained_on


def test_no_held_out_claim_is_among_the_written_training_sentences():
    held_out = {json.loads(line)["text"].strip() for line in HELDOUT_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()}
    written = {json.loads(line)["text"].strip() for line in WRITTEN_PATH.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert held_out and not held_out & written


def test_the_held_out_articles_are_optional(tmp_path):
    assert heldout_scores(None, nlp=None, articles_dir=tmp_path / "none") == {}
    assert heldout_scores(None, nlp=None, gold_path=tmp_path / "none.jsonl") == {}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"doc": "a", "start": 0, "end": 5, "actors": ["KEN", "SOM"]}', "'label'"),
        ('{"doc": "a", "start": "0", "end": 5, "actors": ["KEN", "SOM"], "label": "tension"}', "'start' and 'end'"),
        ('{"doc": "a", "start": 0, "end": 5, "actors": ["KEN", "SOM"], "label": "peace"}', "cooperation or tension"),
        ('{"doc": "b", "start": 0, "end": 5, "actors": ["KEN", "SOM"], "label": "tension"}', "no article b.txt"),
    ],
)
def test_a_malformed_gold_line_stops_with_its_file_and_line(tmp_path, line, message):
    path = tmp_path / "article-dyads.jsonl"
    path.write_text('{"doc": "a", "start": 0, "end": 5, "actors": ["KEN", "SOM"], "label": "tension"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_article_gold(path, docs={"a"})
    assert f"{path}:2:" in str(raised.value) and message in str(raised.value)
