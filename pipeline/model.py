"""The claim model: a claim detector and a cooperation/tension classifier,
each a logistic regression with Platt-scaled confidences.

Saved as plain JSON (see `persist.py`), so loading a model never runs code
from the file; the model card records the file's sha256 and loading checks it.
Each trained model is kept as a version (`models/versions/<version>/`);
`models/versions.json` names the active one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.pipeline import Pipeline

from .config import (
    EXTERNAL_LABEL_WEIGHT,
    CLAIM_C,
    LABEL_CENTRED,
    CLAIM_PARTS,
    CLAIM_THRESHOLD,
    LABEL_C,
    LABEL_PARTS,
    MODEL_CARD_FILE,
    MODEL_FILE,
    REGISTRY_FILE,
)
from .encoder_files import ENCODER_NAME, PREVIOUS_ENCODER
from .features import VECTOR_PARTS, build_estimator
from .io import InputError
from .registry import (  # the registry's functions, used here and re-exported
    Registry,
    active_model_dir,
    migrate_flat_layout,
    prune_versions,
    read_card,
    read_card_file,
    read_registry,
    saved_card,
    version_dir,
    write_registry,
    write_version,
)
from .persist import FORMAT, ModelFormatError, dump_estimator, load_estimator

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
    """Labelled sentences from outside the corpus (the UN set's training part)
    for the label classifier: feature rows and their labels."""

    rows: list[dict[str, Any]]
    labels: np.ndarray


class CalibratedBinary:
    """A binary estimator whose decision values are mapped to probabilities by
    a sigmoid fitted on held-out (cross-validated) decisions.

    `centred`: the sigmoid has no offset, so probability 0.5 stays at decision
    0: the class-balanced decision picks the class, and calibration only
    scales the confidence."""

    def __init__(self, estimator: Pipeline, slope: float = 1.0, offset: float = 0.0, *, centred: bool = False) -> None:
        self.estimator = estimator
        self.slope = slope
        self.offset = offset
        self.centred = centred

    @property
    def classes(self) -> list[str]:
        return [str(c) for c in self.estimator.named_steps["model"].classes_]

    def fit(
        self,
        build: Any,
        rows: list[dict[str, Any]],
        y: np.ndarray,
        groups: list[str],
        extra: ExtraLabelled | None = None,
        extra_weight: float = 0.0,
    ) -> CalibratedBinary:
        """Fit on the rows (and `extra`, see `fit_estimator`); the sigmoid is
        fitted on held-out decisions for the rows only, never for `extra`."""
        classes = np.unique(y)
        if len(classes) != 2:
            raise ValueError(f"training needs examples of two classes, got {', '.join(map(str, classes)) or 'none'}")
        self.estimator = fit_estimator(build, rows, y, extra, extra_weight)
        folds = list(calibration_folds(y, groups))
        if any(len(np.unique(y[train])) < 2 for train, _test in folds):
            self.slope, self.offset = 1.0, 0.0  # too few examples to calibrate
            return self
        held_out = np.zeros(len(rows))
        for train, test in folds:
            inner = fit_estimator(build, [rows[i] for i in train], y[train], extra, extra_weight)
            held_out[test] = inner.decision_function([rows[i] for i in test])
        platt = LogisticRegression(C=1e4, fit_intercept=not self.centred).fit(held_out.reshape(-1, 1), (y == classes[1]).astype(int))
        self.slope, self.offset = float(platt.coef_[0, 0]), float(platt.intercept_[0])  # 0.0 when centred
        return self

    def positive_probability(self, rows: list[dict[str, Any]]) -> np.ndarray:
        decision = self.estimator.decision_function(rows)
        return 1.0 / (1.0 + np.exp(-(self.slope * decision + self.offset)))


def fit_estimator(
    build: Any, rows: list[dict[str, Any]], y: np.ndarray, extra: ExtraLabelled | None, extra_weight: float
) -> Pipeline:
    """`build()` fitted on the rows, class-balanced. With `extra`, on both
    sets, each class-balanced on its own, the extra examples weighing
    `extra_weight` times the rows in all."""
    estimator = build()
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


class ClaimModel:
    """Claim? then which label, over the same feature rows."""

    def __init__(
        self, claim: CalibratedBinary | None = None, label: CalibratedBinary | None = None, *, spec: ModelSpec = ModelSpec()
    ) -> None:
        self.claim = claim
        self.label = label
        self.spec = spec

    def fit(
        self,
        rows: list[dict[str, Any]],
        is_claim: list[bool],
        labels: list[str | None],
        groups: list[str],
        extra: ExtraLabelled | None = None,
    ) -> ClaimModel:
        """`extra` labelled sentences join the label classifier's training set only."""
        spec = self.spec
        claim_y = np.array(["no", "yes"])[np.array(is_claim, dtype=int)]
        self.claim = CalibratedBinary(None).fit(
            lambda: build_estimator(C=spec.claim_C, parts=spec.claim_parts), rows, claim_y, groups
        )
        keep = [i for i, claim in enumerate(is_claim) if claim]
        self.label = CalibratedBinary(None, centred=spec.label_centred).fit(
            lambda: build_estimator(C=spec.label_C, parts=spec.label_parts),
            [rows[i] for i in keep],
            np.array([labels[i] for i in keep]),
            [groups[i] for i in keep],
            extra,
            spec.external_weight,
        )
        return self

    @property
    def parts(self) -> set[str]:
        """The feature parts the two estimators read."""
        return {
            name
            for part in (self.claim, self.label)
            for name, _transformer in part.estimator.named_steps["features"].transformer_list
        }

    def predict(self, rows: list[dict[str, Any]]) -> list[Prediction]:
        if not rows:
            return []
        claim_probs = self.claim.positive_probability(rows)
        tension_probs = self.label.positive_probability(rows)
        negative, positive = self.label.classes
        evidence = label_evidence(self.label.estimator, rows, tension_probs >= 0.5)
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
            "claim": calibrated_json(self.claim),
            "label": calibrated_json(self.label),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClaimModel:
        if data.get("format") != FORMAT:
            raise ModelFormatError(f"unknown model format {data.get('format')!r}")
        trained_on = data.get("encoder", PREVIOUS_ENCODER)
        if trained_on != ENCODER_NAME:
            raise ModelFormatError(f"trained on {trained_on} embeddings, which this version no longer computes; retrain with `make train FORCE=1`")
        return cls(claim=calibrated_from_json(data["claim"]), label=calibrated_from_json(data["label"]))


def calibrated_json(part: CalibratedBinary) -> dict[str, Any]:
    return {"estimator": dump_estimator(part.estimator), "slope": part.slope, "offset": part.offset}


def calibrated_from_json(data: dict[str, Any]) -> CalibratedBinary:
    return CalibratedBinary(load_estimator(data["estimator"]), float(data["slope"]), float(data["offset"]))


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
            for i, value in enumerate(matrix @ part_weights):
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


def save_model(model: ClaimModel, card: dict[str, Any], models_dir: Path, *, activate: bool = True) -> dict[str, Any]:
    """Write the model and its card into `versions/<version>/` atomically, list
    the version in the registry (as the active one when `activate`) and drop the
    oldest versions beyond `KEEP_MODELS`; return the card with sha256 and version."""
    migrate_flat_layout(models_dir)
    data = (json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    version = f"m-{digest[:12]}"
    card = {**card, "model_file": MODEL_FILE, "sha256": digest, "version": version}
    folder = version_dir(models_dir, version)
    saved = saved_card(folder, data)
    if saved is None:
        write_version(folder, data, card)
    else:
        card = saved  # the same model again: its card keeps the history of its first training
    registry = read_registry(models_dir)
    versions = tuple(v for v in registry.versions if v != version) + (version,)
    write_registry(models_dir, Registry(active=version if activate else registry.active, versions=versions))
    prune_versions(models_dir)
    return card


def activate(models_dir: Path, version: str) -> dict[str, Any]:
    """Make a kept version the active one, after checking it loads; return its card."""
    registry = read_registry(models_dir)
    if version not in registry.versions:
        raise InputError(f"{models_dir / REGISTRY_FILE}: no version {version!r} (see `pipeline models`)")
    _model, card = load_model(models_dir, version=version)
    write_registry(models_dir, Registry(active=version, versions=registry.versions))
    return card


def load_model(models_dir: Path, *, version: str | None = None) -> tuple[ClaimModel, dict[str, Any]]:
    """Load the active model (or the given version) after checking its sha256 against the card."""
    folder = version_dir(models_dir, version) if version else active_model_dir(models_dir)
    card = read_card_file(folder / MODEL_CARD_FILE)
    model_path = folder / MODEL_FILE
    if not model_path.exists():
        raise InputError(f"{model_path}: no model file (run `make train`)")
    data = model_path.read_bytes()
    if hashlib.sha256(data).hexdigest() != card["sha256"]:
        raise InputError(f"{model_path}: sha256 does not match the model card (file changed or truncated)")
    try:
        return ClaimModel.from_json(json.loads(data)), card
    except (UnicodeDecodeError, json.JSONDecodeError, ModelFormatError, KeyError, TypeError) as err:
        raise InputError(f"{model_path}: not a valid model ({err})") from None
