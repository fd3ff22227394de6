"""evaluate: calibration error, end-to-end F1, actor metrics on hand-made inputs."""

from __future__ import annotations

import pytest

from pipeline.training.evaluate import Scored, actor_metrics, cross_validate, end_to_end_f1, expected_calibration_error
from pipeline.model.classifier import Prediction
from pipeline.records import Annotation, Sentence, Stance
from pipeline.training.train import Example


def scored(gold: str | None, predicted: str | None, *, doc: str = "d", gold_actors=(), actors=(), source=None) -> Scored:
    """One unit: gold label (None = not a claim) and predicted label (None = predicted no claim)."""
    annotation = Annotation(
        doc=doc, start=0, end=1, text="x", claim=gold is not None, label=gold, mixed=False, actors=tuple(gold_actors)
    )
    stance = Stance(source=source, target=None, polarity="neutral", cue=())
    sentence = Sentence(doc=doc, start=0, end=1, text="x", kind="body", mentions=(), actors=tuple(actors), stance=stance)
    prediction = Prediction(
        is_claim=predicted is not None,
        claim_confidence=0.9 if predicted is not None else 0.1,
        label=predicted or "cooperation",
        confidence=0.9,
        evidence=(),
    )
    return Scored(Example(annotation, sentence), prediction)


@pytest.mark.parametrize(
    ("confidences", "correct", "expected"),
    [
        ([], [], 0.0),
        ([0.8] * 5, [True, True, True, True, False], 0.0),
        ([0.95, 0.95, 0.55, 0.55], [True, True, True, False], 0.05),
        ([1.0] * 4, [True] * 4, 0.0),
        ([1.0] * 4, [False] * 4, 1.0),
        ([0.99] * 10, [False] * 10, 0.99),
        ([0.6] * 10, [True] * 10, 0.4),
    ],
    ids=["empty", "calibrated", "two-bins", "confident-right", "confident-wrong", "nearly-confident-wrong", "underconfident"],
)
def test_expected_calibration_error(confidences, correct, expected):
    assert expected_calibration_error(confidences, correct) == pytest.approx(expected, abs=1e-4)


def test_ece_weights_bins_by_size():
    # Three units at 0.7 with 2/3 right, one at 0.9 and wrong: 0.75 * (0.7 - 2/3) + 0.25 * 0.9.
    assert expected_calibration_error([0.7, 0.7, 0.7, 0.9], [True, True, False, False]) == pytest.approx(
        0.25 * abs(0.7 - 2 / 3) * 3 + 0.25 * 0.9, abs=1e-4
    )


def test_end_to_end_f1_perfect():
    units = [scored("cooperation", "cooperation"), scored("tension", "tension"), scored(None, None)]
    assert end_to_end_f1(units) == 1.0


def test_end_to_end_f1_counts_a_missed_claim_as_wrong():
    # The missed tension claim has the right label, but is not predicted a claim.
    units = [scored("cooperation", "cooperation"), scored("tension", "tension"), scored("tension", None)]
    # cooperation F1 = 1; tension P = 1, R = 1/2, F1 = 2/3; macro = 5/6.
    assert end_to_end_f1(units) == pytest.approx(0.8333, abs=1e-4)


def test_end_to_end_f1_counts_a_spurious_claim_as_wrong():
    units = [scored("cooperation", "cooperation"), scored("tension", "tension"), scored(None, "tension")]
    # tension P = 1/2, R = 1, F1 = 2/3; macro = 5/6.
    assert end_to_end_f1(units) == pytest.approx(0.8333, abs=1e-4)


def test_end_to_end_f1_all_missed_is_zero():
    assert end_to_end_f1([scored("cooperation", None), scored("tension", None)]) == 0.0


def test_actor_metrics():
    units = [
        scored("cooperation", "cooperation", gold_actors=("IRN", "TAL"), actors=("IRN", "TAL"), source="IRN"),
        scored("tension", "tension", gold_actors=("TAL", "IRN"), actors=("IRN", "PAK"), source="IRN"),
    ]
    # 3 of 4 predicted codes are gold, 3 of 4 gold codes found; source right once.
    assert actor_metrics(units) == {
        "actor_precision": 0.75,
        "actor_recall": 0.75,
        "actor_f1": 0.75,
        "source_is_first_actor": 0.5,
    }


def test_cross_validate_needs_two_articles():
    with pytest.raises(ValueError, match="at least two articles"):
        cross_validate([scored("cooperation", "cooperation").example])
