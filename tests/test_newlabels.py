"""training/newlabels: the retraining report in plain words."""

from __future__ import annotations

import pytest

from pipeline.model.classifier import Prediction
from pipeline.records import Annotation, Sentence, Stance
from pipeline.training.evaluate import Scored
from pipeline.training.newlabels import bootstrap_interval, heldout_outcomes, noise_verdict, score_new_labels, training_data
from pipeline.training.train import Example

NEUTRAL = Stance(source=None, target=None, polarity="neutral", cue=())
PAIRS = [("Chile", "Peru"), ("Kenya", "Ethiopia"), ("Japan", "Korea"), ("Egypt", "Sudan"), ("Brazil", "Argentina")]


def scored(i: int, gold: str | None, predicted: str | None) -> Scored:
    a, b = PAIRS[i % len(PAIRS)]
    text = f"{a} and {b} held talks ({i})."
    start = 100 * i
    annotation = Annotation(f"d{i % 3}", start, start + len(text), text, gold is not None, gold, False, ())
    sentence = Sentence(annotation.doc, start, start + len(text), text, "body", (), (), NEUTRAL)
    prediction = Prediction(predicted is not None, 0.9 if predicted else 0.1, predicted or "cooperation", 0.8, ())
    return Scored(Example(annotation, sentence), prediction)


def key(s: Scored) -> str:
    return f"{s.example.annotation.doc}:{s.example.annotation.start}:{s.example.annotation.end}"


def test_the_new_model_is_scored_on_the_units_the_active_card_does_not_list():
    units = [scored(0, "tension", "tension"), scored(1, "cooperation", None), scored(2, None, None)]
    previous = {"annotations": {key(units[0]): "tension"}}
    found = score_new_labels(units, previous, active_model=None)
    assert (found.units, found.new_right, found.active_right) == (2, 1, None)
    assert found.describe() == "new labels: active: cannot be run here, new 1/2 (held out by article)"


def test_paired_verdict_counts_gains_and_losses_and_calls_a_small_net_change_noise():
    units = [scored(i, "tension", "tension" if i % 2 else None) for i in range(10)]
    outcomes = {key(s): ("none" if i < 3 else "tension") for i, s in enumerate(units)}
    previous = {"annotations": {key(s): "tension" for s in units}, "heldout_outcomes": outcomes}
    verdict = noise_verdict(units, previous, 0.5)
    # units 1 gained; 4, 6, 8 lost (0 and 2 were wrong before and after)
    assert verdict == "on the 10 shared units: 1 now right that were wrong, 3 now wrong that were right (net -2 sentences): within noise"


def test_a_large_paired_change_is_more_than_noise():
    units = [scored(i, "cooperation", "cooperation") for i in range(30)]
    previous = {"annotations": {key(s): "cooperation" for s in units}, "heldout_outcomes": {key(s): "none" for s in units}}
    assert noise_verdict(units, previous, 0.1).endswith("(net +30 sentences): more than noise")


def test_without_outcomes_on_the_card_a_bootstrap_interval_decides():
    units = [scored(i, "tension" if i % 2 else "cooperation", "tension" if i % 3 else "cooperation") for i in range(40)]
    low, high = bootstrap_interval(units, samples=200)
    assert 0.0 <= low < high <= 1.0
    previous = {"annotations": {key(s): "x" for s in units}}
    assert "within noise" in noise_verdict(units, previous, round((low + high) / 2, 4))
    assert "more than noise" in noise_verdict(units, previous, 1.0)


def test_heldout_outcomes_name_each_unit():
    units = [scored(0, "tension", None), scored(1, "cooperation", "cooperation")]
    assert heldout_outcomes(units) == {key(units[0]): "none", key(units[1]): "cooperation"}


@pytest.mark.parametrize(
    ("extra", "given", "expected"),
    [
        (None, False, "only: no external sets given"),
        ({"sentences": 3967, "file": "un.tsv", "weight": 0.1}, True, "plus 3967 UN sentences (un.tsv) at weight 0.1"),
    ],
)
def test_training_data_says_plainly_what_was_used(extra, given, expected):
    line = training_data(120, 4, extra, given)
    assert line.startswith("training data: 120 annotated units from 4 articles") and expected in line


def test_training_data_names_what_the_claim_detector_learnt_from_too():
    written = {"sentences": 477, "file": "corpus/written/sentences.jsonl", "weight": 2.0}
    line = training_data(120, 4, None, False, written)
    assert "plus 477 written sentences (corpus/written/sentences.jsonl) at weight 2.0 for the claim detector" in line
    assert "no external sets given" in line and " only:" not in line
