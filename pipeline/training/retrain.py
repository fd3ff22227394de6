"""What retraining changes: the annotations new since the active model, its
leave-one-article-out metrics beside the new model's, and whether the new
model should replace it.

LOAO over all units would punish adding hard examples, which the annotation
queue picks by design, so the decision compares the two models on the units
the previous model was scored on (`config.RETRAIN_METRIC`; higher is better).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.config import RETRAIN_METRIC
from pipeline.model.encoder_files import ENCODER_NAME, PREVIOUS_ENCODER
from pipeline.training.evaluate import Scored, metrics
from pipeline.records import Annotation
from pipeline.training.train import unit_key, unit_labels


@dataclass(frozen=True)
class Comparison:
    previous: dict[str, Any] | None  # the active model's card, None for a first model
    new_annotations: int | None  # None when the previous card does not list its units
    relabelled: int | None
    new_metrics: dict[str, Any]  # the new model's, over all units
    shared_metrics: dict[str, Any] = field(default_factory=dict)  # the new model's, over the previous model's units
    metric: str = RETRAIN_METRIC

    @property
    def previous_metrics(self) -> dict[str, Any]:
        return (self.previous or {}).get("metrics_loao") or {}

    @property
    def previous_score(self) -> float | None:
        return self.previous_metrics.get(self.metric)

    @property
    def new_score(self) -> float | None:
        return (self.shared_metrics or self.new_metrics).get(self.metric)

    @property
    def previous_runs(self) -> bool:
        """Whether the previous model can still run: it embeds with this version's encoder."""
        return (self.previous or {}).get("encoder", PREVIOUS_ENCODER) == ENCODER_NAME

    @property
    def is_worse(self) -> bool:
        if self.previous_score is None or self.new_score is None or not self.previous_runs:
            return False
        return self.new_score < self.previous_score


def compare(
    previous: dict[str, Any] | None, annotations: list[Annotation], scored: list[Scored], new_metrics: dict[str, Any]
) -> Comparison:
    """Compare the new model's held-out predictions (`scored`) with the previous card."""
    if previous is None:
        return Comparison(None, len(annotations), 0, new_metrics)
    before = previous.get("annotations")
    if not isinstance(before, dict):
        return Comparison(previous, None, None, new_metrics)
    now = unit_labels(annotations)
    shared = [s for s in scored if unit_key(s.example.annotation) in before]
    return Comparison(
        previous,
        new_annotations=sum(key not in before for key in now),
        relabelled=sum(key in before and before[key] != label for key, label in now.items()),
        new_metrics=new_metrics,
        shared_metrics=metrics(shared) if shared else {},
    )
