"""The claim model: a claim detector and a cooperation/tension classifier,
each a logistic regression with Platt-scaled confidences."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.pipeline import Pipeline

from pipeline.config import (
    CLAIM_C,
    CLAIM_PARTS,
    CLAIM_THRESHOLD,
    DECISIVE_CLAUSE_SHARE,
    EXTERNAL_LABEL_WEIGHT,
    LABEL_C,
    LABEL_CENTRED,
    LABEL_PARTS,
    WRITTEN_CLAIM_WEIGHT,
)
from pipeline.model.encoder_files import ENCODER_NAME, PREVIOUS_ENCODER
from pipeline.model.features import DECISIVE_KEY, VECTOR_PARTS, build_estimator
from pipeline.model.persist import FORMAT, ModelFormatError, dump_estimator, load_estimator

EVIDENCE_SIZE = 4
CALIBRATION_FOLDS = 4


@dataclass(frozen=True)
class Prediction:
    is_claim: bool
    claim_confidence: float
    label: str
    confidence: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class ExtraLabelled:
    """Labelled sentences from outside the corpus, feature rows and their
    labels: the UN set's training part for the label classifier, the written
    sentences for the claim detector ("yes"/"no")."""

    rows: list[dict[str, Any]]
    labels: np.ndarray


class CalibratedBinary(ClassifierMixin, BaseEstimator):
    """A binary estimator whose decision values are mapped to probabilities by
    a sigmoid fitted on held-out (cross-validated) decisions.

    `estimator` is the unfitted pipeline, cloned for every fit. `centred`: the
    sigmoid has no offset, so probability 0.5 stays at decision 0: the
    class-balanced decision picks the class, and calibration only scales the
    confidence. `extra_weight`: how much the `extra` examples given to `fit`
    weigh against the rows, in all (see `fit_estimator`)."""

    def __init__(
        self, estimator: Pipeline | None = None, *, centred: bool = False, extra_weight: float = 0.0, clause_share: float = 0.0
    ) -> None:
        self.estimator = estimator
        self.centred = centred
        self.extra_weight = extra_weight
        self.clause_share = clause_share

    def fit(
        self, X: list[dict[str, Any]], y: Any, *, groups: list[str], extra: ExtraLabelled | None = None
    ) -> CalibratedBinary:
        """Fit on the rows (and `extra`); the sigmoid is fitted on held-out
        decisions for the rows only, never for `extra`."""
        y = np.asarray(y)
        classes = np.unique(y)
        if len(classes) != 2:
            raise ValueError(f"training needs examples of two classes, got {', '.join(map(str, classes)) or 'none'}")
        self.classes_ = classes
        self.estimator_ = fit_estimator(clone(self.estimator), X, y, extra, self.extra_weight)
        folds = list(calibration_folds(y, groups))
        if any(len(np.unique(y[train])) < 2 for train, _test in folds):
            self.slope_, self.offset_ = 1.0, 0.0  # too few examples to calibrate
            return self
        held_out = np.zeros(len(X))
        for train, test in folds:
            inner = fit_estimator(clone(self.estimator), [X[i] for i in train], y[train], extra, self.extra_weight)
            held_out[test] = decisions(inner, [X[i] for i in test], self.clause_share)
        platt = LogisticRegression(C=1e4, fit_intercept=not self.centred).fit(held_out.reshape(-1, 1), (y == classes[1]).astype(int))
        self.slope_, self.offset_ = float(platt.coef_[0, 0]), float(platt.intercept_[0])  # 0.0 when centred
        return self

    @classmethod
    def fitted(cls, estimator: Pipeline, slope: float, offset: float, clause_share: float = 0.0) -> CalibratedBinary:
        """A calibrated estimator from its saved parts (see `persist.py`)."""
        calibrated = cls(clause_share=clause_share)
        calibrated.estimator_, calibrated.slope_, calibrated.offset_ = estimator, slope, offset
        calibrated.classes_ = estimator.named_steps["model"].classes_
        return calibrated

    def decision_function(self, X: list[dict[str, Any]]) -> np.ndarray:
        return decisions(self.estimator_, X, self.clause_share)

    def logits(self, X: list[dict[str, Any]]) -> np.ndarray:
        """The calibrated log-odds of the positive class."""
        return self.slope_ * self.decision_function(X) + self.offset_

    def positive_probability(self, X: list[dict[str, Any]]) -> np.ndarray:
        return sigmoid(self.logits(X))

    def predict_proba(self, X: list[dict[str, Any]]) -> np.ndarray:
        positive = self.positive_probability(X)
        return np.column_stack([1.0 - positive, positive])

    def predict(self, X: list[dict[str, Any]]) -> np.ndarray:
        return self.classes_[(self.positive_probability(X) >= 0.5).astype(int)]


def sigmoid(logits: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-logits))


def decisions(estimator: Pipeline, rows: list[dict[str, Any]], clause_share: float) -> np.ndarray:
    """Each row's decision; a row with a decisive clause (`DECISIVE_KEY`) mixes
    in the clause's own at `clause_share` (guidelines, "Mixed sentences": the
    clause after "but", or the main clause over "despite", decides)."""
    values = row_decisions(estimator, rows)
    found = [i for i, row in enumerate(rows) if row.get(DECISIVE_KEY) is not None] if clause_share > 0 else []
    if found:
        clause_values = row_decisions(estimator, [rows[i][DECISIVE_KEY] for i in found])
        values[found] = (1.0 - clause_share) * values[found] + clause_share * clause_values
    return values


def row_decisions(estimator: Pipeline, rows: list[dict[str, Any]]) -> np.ndarray:
    """The linear model's decision for each row, summed exactly row by row
    (`math.fsum`), so a sentence's score never depends on the rows it is
    scored with, the batch shape or the CPU's vector width."""
    matrix = estimator.named_steps["features"].transform(rows)
    model = estimator.named_steps["model"]
    return np.array(exact_dot_rows(matrix, model.coef_[0]), dtype=np.float64) + model.intercept_[0]


def exact_dot_rows(matrix: Any, weights: np.ndarray) -> list[float]:
    """Each row's dot product with `weights`, correctly rounded."""
    if sparse.issparse(matrix):
        csr = matrix.tocsr()
        bounds = zip(csr.indptr[:-1], csr.indptr[1:])
        return [math.fsum(csr.data[start:end] * weights[csr.indices[start:end]]) for start, end in bounds]
    return [math.fsum(row * weights) for row in np.asarray(matrix)]


def fit_estimator(
    estimator: Pipeline, rows: list[dict[str, Any]], y: np.ndarray, extra: ExtraLabelled | None, extra_weight: float
) -> Pipeline:
    """The estimator fitted on the rows, class-balanced. With `extra`, on both
    sets, each class-balanced on its own, the extra examples weighing
    `extra_weight` times the rows in all."""
    if extra is None or extra_weight <= 0 or not len(extra.labels):
        return estimator.fit(rows, y)
    scale = extra_weight * len(y) / len(extra.labels)
    weights = np.concatenate([balanced_weights(y), scale * balanced_weights(extra.labels)])
    estimator.set_params(model__class_weight=None)  # the weights balance the classes
    return estimator.fit(rows + extra.rows, np.concatenate([y, extra.labels]), model__sample_weight=weights)


def balanced_weights(y: np.ndarray) -> np.ndarray:
    """Per example, as scikit-learn's `class_weight="balanced"`: n / (classes * count of its class)."""
    _classes, inverse, counts = np.unique(y, return_inverse=True, return_counts=True)
    return (len(y) / (len(counts) * counts))[inverse]


def calibration_folds(y: np.ndarray, groups: list[str]) -> Any:
    """Folds by article where there are enough articles, else stratified."""
    distinct = sorted(set(groups))
    if len(distinct) >= 3:
        return GroupKFold(n_splits=min(CALIBRATION_FOLDS, len(distinct))).split(y, y, groups)
    n_splits = max(2, min(CALIBRATION_FOLDS, int(np.bincount(np.unique(y, return_inverse=True)[1]).min())))
    return StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=0).split(y, y)


@dataclass(frozen=True)
class ModelSpec:
    """Which feature parts and regularisation each of the two estimators uses."""

    claim_parts: tuple[str, ...] = CLAIM_PARTS
    label_parts: tuple[str, ...] = LABEL_PARTS
    claim_C: float = CLAIM_C
    label_C: float = LABEL_C
    # Weight of the external label examples (if given) against the corpus's claims; 0 leaves them out.
    external_weight: float = EXTERNAL_LABEL_WEIGHT
    label_centred: bool = LABEL_CENTRED
    # Weight of the written claim examples (if given) against the corpus's units, for the claim detector; 0 leaves them out.
    written_claim_weight: float = WRITTEN_CLAIM_WEIGHT
    # The decisive clause's share in a contrasted or reported sentence's label decision.
    decisive_clause_share: float = DECISIVE_CLAUSE_SHARE


class ClaimModel:
    """Claim? then which label, over the same feature rows. Fitted parts:
    `claim_` and `label_`, each a `CalibratedBinary`. `events_` is the event
    type model's JSON (`pipeline/events/types.py`) and `dyad_` the dyad
    model's (`pipeline/model/dyad.py`), kept here so that they are saved,
    hashed and versioned with the rest, or None."""

    events_: dict[str, Any] | None = None
    dyad_: dict[str, Any] | None = None  # the dyad model's JSON (pipeline/model/dyad.py), or None

    def __init__(self, *, spec: ModelSpec = ModelSpec()) -> None:
        self.spec = spec

    def fit(
        self,
        rows: list[dict[str, Any]],
        is_claim: list[bool],
        labels: list[str | None],
        groups: list[str],
        extra: ExtraLabelled | None = None,
        claim_extra: ExtraLabelled | None = None,
    ) -> ClaimModel:
        """`extra` labelled sentences join the label classifier's training set
        only; `claim_extra` ("yes"/"no") the claim detector's only."""
        spec = self.spec
        claim_y = np.array(["no", "yes"])[np.array(is_claim, dtype=int)]
        claim = CalibratedBinary(build_estimator(C=spec.claim_C, parts=spec.claim_parts), extra_weight=spec.written_claim_weight)
        self.claim_ = claim.fit(rows, claim_y, groups=groups, extra=claim_extra)
        keep = [i for i, is_one in enumerate(is_claim) if is_one]
        label = CalibratedBinary(
            build_estimator(C=spec.label_C, parts=spec.label_parts),
            centred=spec.label_centred,
            extra_weight=spec.external_weight,
            clause_share=spec.decisive_clause_share,
        )
        self.label_ = label.fit([rows[i] for i in keep], np.array([labels[i] for i in keep]), groups=[groups[i] for i in keep], extra=extra)
        return self

    @classmethod
    def fitted(cls, claim: CalibratedBinary, label: CalibratedBinary) -> ClaimModel:
        model = cls()
        model.claim_, model.label_ = claim, label
        return model

    @property
    def parts(self) -> set[str]:
        """The feature parts the two estimators read."""
        return {name for part in (self.claim_, self.label_) for name in parts_of(part)}

    def predict(self, rows: list[dict[str, Any]]) -> list[Prediction]:
        if not rows:
            return []
        claim_probs = self.claim_.positive_probability(rows)
        tension_probs = self.label_.positive_probability(rows)
        negative, positive = (str(c) for c in self.label_.classes_)
        evidence = label_evidence(self.label_.estimator_, rows, tension_probs >= 0.5)
        predictions = []
        for p_claim, p_positive, why in zip(claim_probs, tension_probs, evidence):
            label = positive if p_positive >= 0.5 else negative
            predictions.append(
                Prediction(
                    is_claim=bool(p_claim >= CLAIM_THRESHOLD),
                    claim_confidence=float(p_claim),
                    label=label,
                    confidence=float(max(p_positive, 1.0 - p_positive)),
                    evidence=why,
                )
            )
        return predictions

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "encoder": ENCODER_NAME,
            "claim": calibrated_json(self.claim_),
            "label": calibrated_json(self.label_),
        } | ({"events": self.events_} if self.events_ is not None else {}) | ({"dyad": self.dyad_} if self.dyad_ is not None else {})

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClaimModel:
        if data.get("format") != FORMAT:
            raise ModelFormatError(f"unknown model format {data.get('format')!r}")
        trained_on = data.get("encoder", PREVIOUS_ENCODER)
        if trained_on != ENCODER_NAME:
            raise ModelFormatError(f"trained on {trained_on} embeddings, which this version no longer computes; retrain with `make train FORCE=1`")
        model = cls.fitted(calibrated_from_json(data["claim"]), calibrated_from_json(data["label"]))
        model.events_ = data.get("events")
        model.dyad_ = data.get("dyad")
        return model


def parts_of(part: CalibratedBinary) -> list[str]:
    return [name for name, _transformer in part.estimator_.named_steps["features"].transformer_list]


def calibrated_json(part: CalibratedBinary) -> dict[str, Any]:
    saved = {"estimator": dump_estimator(part.estimator_), "slope": part.slope_, "offset": part.offset_}
    return saved | ({"clause_share": part.clause_share} if part.clause_share else {})


def calibrated_from_json(data: dict[str, Any]) -> CalibratedBinary:
    """A saved estimator; one saved before decisive clauses (no `clause_share`) reads whole sentences only."""
    share = float(data.get("clause_share", 0.0))
    if not 0.0 <= share <= 1.0:
        raise ModelFormatError(f"clause_share {share} is not in [0, 1]")
    return CalibratedBinary.fitted(load_estimator(data["estimator"]), float(data["slope"]), float(data["offset"]), share)


def label_evidence(estimator: Pipeline, rows: list[dict[str, Any]], towards_positive: np.ndarray) -> list[tuple[str, ...]]:
    """The features that pushed each row towards its label: cue words, stance
    signals and words, with the whole sentence embedding counted as one."""
    union = estimator.named_steps["features"]
    weights = estimator.named_steps["model"].coef_[0]
    direction = np.where(towards_positive, 1.0, -1.0)
    contributions: list[dict[str, float]] = [{} for _ in rows]
    offset = 0
    for part_name, part in union.transformer_list:
        matrix = part.transform(rows)
        part_weights = weights[offset : offset + matrix.shape[1]]
        offset += matrix.shape[1]
        if part_name in VECTOR_PARTS:
            for i, value in enumerate(exact_dot_rows(matrix, part_weights)):
                contributions[i][part_name] = float(value * direction[i])
            continue
        names = part.named_steps["dict"].feature_names_
        matrix = matrix.tocsr()
        for i in range(len(rows)):
            row = matrix.getrow(i)
            for j, value in zip(row.indices, row.data * part_weights[row.indices] * direction[i]):
                contributions[i][readable(names[j])] = float(value)
    return [top_positive(found) for found in contributions]


def readable(feature: str) -> str:
    return feature[2:] if feature.startswith("w=") else feature


def top_positive(contributions: dict[str, float]) -> tuple[str, ...]:
    ranked = sorted((item for item in contributions.items() if item[1] > 0), key=lambda item: (-item[1], item[0]))
    return tuple(name for name, _value in ranked[:EVIDENCE_SIZE])
