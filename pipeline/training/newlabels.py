"""What retraining changed, in plain words: how the active and the new model
do on the labels added since the active one, whether the change on the units
both were scored on is more than noise, and what the new model learnt from.

The active model never saw the new labels; the new model is scored on them by
its leave-one-article-out predictions, so neither has seen the sentence it is
judged on. The card of each model keeps its held-out outcome for every unit
(`heldout_outcomes`), so the next retraining can compare the two unit by unit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.config import SEED
from pipeline.io import InputError
from pipeline.model.classifier import ClaimModel, Prediction
from pipeline.model.classify import predict
from pipeline.model.features import feature_rows
from pipeline.records import Annotation
from pipeline.training.evaluate import Scored, end_to_end_f1
from pipeline.training.train import unit_key

NONE = "none"
BOOTSTRAP_SAMPLES = 1000


def gold_outcome(annotation: Annotation) -> str:
    return annotation.label or NONE


def predicted_outcome(prediction: Prediction) -> str:
    return prediction.label if prediction.is_claim else NONE


def heldout_outcomes(scored: list[Scored]) -> dict[str, str]:
    """Each unit's held-out outcome (cooperation, tension or none), for the card."""
    return {unit_key(s.example.annotation): predicted_outcome(s.prediction) for s in sorted(scored, key=lambda s: unit_key(s.example.annotation))}


@dataclass(frozen=True)
class NewLabels:
    units: int
    active_right: int | None  # None when the active model cannot run here
    new_right: int

    def describe(self) -> str:
        if not self.units:
            return "new labels: none since the active model"
        active = f"active {self.active_right}/{self.units} right" if self.active_right is not None else "active: cannot be run here"
        return f"new labels: {active}, new {self.new_right}/{self.units} (held out by article)"


def active_model(models_dir: Path) -> ClaimModel | None:
    """The active model, to score the new labels with; None if it cannot be loaded."""
    from pipeline.model.store import load_model

    try:
        return load_model(models_dir)[0]
    except InputError:
        return None


def score_new_labels(scored: list[Scored], previous: dict[str, Any] | None, active_model: ClaimModel | None) -> NewLabels:
    """Both models' right answers on the units the active model's card does not list."""
    before = (previous or {}).get("annotations")
    if not isinstance(before, dict):
        before = {}
    new = [s for s in scored if unit_key(s.example.annotation) not in before]
    new_right = sum(predicted_outcome(s.prediction) == gold_outcome(s.example.annotation) for s in new)
    if active_model is None or not new:
        return NewLabels(len(new), None if active_model is None else 0, new_right)
    sentences = [s.example.sentence for s in new]
    rows = [s.example.row for s in new]
    if not active_model.parts <= set(rows[0]):
        rows = feature_rows(sentences, active_model.parts)
    predictions = predict(active_model, sentences, rows)
    active_right = sum(predicted_outcome(p) == gold_outcome(s.example.annotation) for p, s in zip(predictions, new))
    return NewLabels(len(new), active_right, new_right)


def noise_verdict(scored: list[Scored], previous: dict[str, Any] | None, metric_before: float | None) -> str:
    """Whether the new model's change on the shared units is more than noise:
    unit by unit when the active card kept its held-out outcomes, else by a
    bootstrap interval of the new model's end-to-end macro-F1 on those units."""
    if previous is None:
        return ""
    before = previous.get("annotations") if isinstance(previous.get("annotations"), dict) else {}
    shared = [s for s in scored if unit_key(s.example.annotation) in before]
    if not shared:
        return "no units shared with the active model's training data to compare on"
    outcomes = previous.get("heldout_outcomes")
    if isinstance(outcomes, dict) and all(unit_key(s.example.annotation) in outcomes for s in shared):
        return paired_verdict(shared, outcomes)
    if metric_before is None:
        return ""
    low, high = bootstrap_interval(shared)
    inside = low <= metric_before <= high
    return (
        f"on the {len(shared)} shared units, the new model's end_to_end_macro_f1 has a 95% bootstrap interval "
        f"{low:.3f}-{high:.3f}; the active model's {metric_before} is {'inside it: the difference is within noise' if inside else 'outside it: the difference is more than noise'}"
    )


def paired_verdict(shared: list[Scored], outcomes: dict[str, str]) -> str:
    gained = lost = 0
    for s in shared:
        gold = gold_outcome(s.example.annotation)
        was_right = outcomes[unit_key(s.example.annotation)] == gold
        is_right = predicted_outcome(s.prediction) == gold
        gained += is_right and not was_right
        lost += was_right and not is_right
    changed = gained + lost
    # McNemar's test at about 95%: a net change within two standard deviations of zero is noise.
    noise = abs(gained - lost) <= 2 * math.sqrt(changed) if changed else True
    return (
        f"on the {len(shared)} shared units: {gained} now right that were wrong, {lost} now wrong that were right "
        f"(net {gained - lost:+d} sentences): {'within noise' if noise else 'more than noise'}"
    )


def bootstrap_interval(scored: list[Scored], samples: int = BOOTSTRAP_SAMPLES) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of end-to-end macro-F1 over units resampled with replacement."""
    rng = np.random.default_rng(SEED)
    values = [end_to_end_f1([scored[i] for i in rng.integers(0, len(scored), len(scored))]) for _ in range(samples)]
    return float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))


def training_data(
    units: int, articles: int, external_training: dict[str, Any] | None, external_given: bool, written: dict[str, Any] | None = None
) -> str:
    """Which data the model learnt from, saying so plainly when the external sets are absent."""
    corpus = f"training data: {units} annotated units from {articles} articles"
    if written:
        corpus += f", plus {written['sentences']} written sentences ({written['file']}) at weight {written['weight']} for the claim detector"
    if external_training:
        return f"{corpus}, plus {external_training['sentences']} UN sentences ({external_training['file']}) at weight {external_training['weight']} for the label"
    only = "; no UN training sentences" if written else " only"
    if external_given:
        return f"{corpus}{only}: the external folder has no UN training file, so PLOVER/UN figures are scored only where their files exist"
    return f"{corpus}{only}: no external sets given (EXTERNAL=../shared/external adds them), so the PLOVER and UN rows show '-'"
