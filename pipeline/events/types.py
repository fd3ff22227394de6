"""Event type and quad class of a claim, from its sentence embedding.

Two sources of evidence, each computed per sentence (one row at a time, so a
result never depends on what it is scored with):

- the prototypes (`plover.py`): always there, a deterministic scorer over
  the project's own sentences written from the PLOVER definitions;
- a trained `EventModel` (logistic regressions on types, from the project's
  written typed sentences and, with `--external`, PLOVER; and on the UN
  set's quad classes), kept inside the saved claims model. The type
  regression reads the embedding, the sentence's mode (a promise is
  AGREE, a demand DEMAND, a warning THREATEN) and the decisive predicate's
  terms (`stages/predicate.py`: "withdraw", "pull_out"); its probabilities are
  averaged with the prototypes' at the weight chosen by cross-validation
  when it was trained.

The claim's label (cooperation or tension) bounds the choice: a tension claim
gets a conflict quad and type.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from pipeline.io import InputError
from pipeline.events.plover import EVENT_TYPES, LABEL_OF_QUAD, PROTOTYPES, QUAD_OF, QUADS
from pipeline.model.encoder import embed
from pipeline.stages.mode import MODES

# Cosine similarities sit in a narrow band; this spreads them into probabilities.
PROTOTYPE_TEMPERATURE = 20.0
# The prototypes' share in a v1 event model, which did not record its own.
V1_PROTOTYPE_WEIGHT = 0.3
EVENT_MODEL_FORMAT = "claims-pipeline/event-model-v3"
# v1: types over the embedding alone, prototype weight fixed; v2: no predicate terms.
EVENT_MODEL_FORMATS = ("claims-pipeline/event-model-v1", "claims-pipeline/event-model-v2", EVENT_MODEL_FORMAT)


@dataclass(frozen=True)
class EventType:
    event: str
    confidence: float
    quad_code: str


@dataclass(frozen=True)
class LinearSoftmax:
    """A fitted multinomial logistic regression, applied one row at a time."""

    classes: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray

    def probabilities(self, features: np.ndarray) -> dict[str, float]:
        logits = [math.fsum(features.astype(np.float64) * row) + bias for row, bias in zip(self.coef, self.intercept)]
        return dict(zip(self.classes, softmax(logits)))

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "coef": self.coef.tolist(), "intercept": self.intercept.tolist()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearSoftmax:
        coef = np.array(data["coef"], dtype=np.float64)
        intercept = np.array(data["intercept"], dtype=np.float64)
        if coef.ndim != 2 or coef.shape[0] != len(data["classes"]) or intercept.shape != (coef.shape[0],):
            raise ValueError("classes, coef and intercept shapes disagree")
        return cls(tuple(str(c) for c in data["classes"]), coef, intercept)


@dataclass(frozen=True)
class EventModel:
    """Trained on PLOVER (types) and the UN set (quad classes); either may be
    missing. `with_mode`: the type regression reads the mode after the
    embedding; then, with `predicate_terms`, one column per term (its value
    `predicate_weight` when the sentence's predicate has it)."""

    types: LinearSoftmax | None
    quads: LinearSoftmax | None
    prototype_weight: float = V1_PROTOTYPE_WEIGHT
    with_mode: bool = False
    type_sources: tuple[str, ...] = ()  # what the type regression was fitted on
    predicate_terms: tuple[str, ...] = ()
    predicate_weight: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "format": EVENT_MODEL_FORMAT,
            "types": self.types.to_json() if self.types else None,
            "quads": self.quads.to_json() if self.quads else None,
            "prototype_weight": self.prototype_weight,
            "type_features": self.feature_names(),
            "type_sources": list(self.type_sources),
            "predicate_terms": list(self.predicate_terms),
            "predicate_weight": self.predicate_weight,
        }

    def feature_names(self) -> list[str]:
        return ["vector"] + ["mode"] * self.with_mode + ["predicate"] * bool(self.predicate_terms)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EventModel:
        if data.get("format") not in EVENT_MODEL_FORMATS:
            raise ValueError(f"unknown event model format {data.get('format')!r}")
        load = lambda part: LinearSoftmax.from_json(part) if part else None  # noqa: E731
        weight = float(data.get("prototype_weight", V1_PROTOTYPE_WEIGHT))
        if not 0.0 <= weight <= 1.0:
            raise ValueError(f"prototype_weight {weight} is not in [0, 1]")
        features = data.get("type_features", ["vector"])
        terms = tuple(str(term) for term in data.get("predicate_terms", ())) if "predicate" in features else ()
        model = cls(
            types=load(data.get("types")),
            quads=load(data.get("quads")),
            prototype_weight=weight,
            with_mode="mode" in features,
            type_sources=tuple(str(source) for source in data.get("type_sources", ())),
            predicate_terms=terms,
            predicate_weight=float(data.get("predicate_weight", 0.0)) if terms else 0.0,
        )
        return model

    def type_features(self, vector: np.ndarray, mode: str, predicate: tuple[str, ...] = ()) -> np.ndarray:
        if not self.with_mode:
            return vector
        return np.concatenate([type_features(vector, mode), predicate_columns(predicate, self.predicate_terms, self.predicate_weight)])


def type_features(vector: np.ndarray, mode: str) -> np.ndarray:
    """The embedding, then the mode one-hot (an unknown mode is all zeros)."""
    return np.concatenate([vector.astype(np.float64), np.array([float(mode == known) for known in MODES])])


def predicate_columns(predicate: tuple[str, ...], terms: tuple[str, ...], weight: float) -> np.ndarray:
    """One column per known term: `weight` where the sentence's predicate has it (unknown terms count for nothing)."""
    present = set(predicate)
    return np.array([weight if term in present else 0.0 for term in terms])


def event_model_of(model: Any) -> EventModel | None:
    """The trained event model a `ClaimModel` carries, or None."""
    if getattr(model, "events_", None) is None:
        return None
    try:
        return EventModel.from_json(model.events_)
    except (KeyError, TypeError, ValueError) as err:
        raise InputError(f"the active model's event model is not valid ({err}); retrain with `make train FORCE=1`") from None


def softmax(values: list[float]) -> list[float]:
    top = max(values)
    exps = [math.exp(value - top) for value in values]
    total = math.fsum(exps)
    return [value / total for value in exps]


@lru_cache(maxsize=1)
def prototype_matrix() -> tuple[tuple[str, ...], np.ndarray]:
    """Each prototype's event type, and the prototypes' embeddings."""
    owners = tuple(event for event in EVENT_TYPES for _text in PROTOTYPES[event])
    return owners, embed([text for event in EVENT_TYPES for text in PROTOTYPES[event]])


def prototype_probabilities(vector: np.ndarray) -> dict[str, float]:
    """Per type: a softmax over its best prototype similarity."""
    owners, matrix = prototype_matrix()
    best: dict[str, float] = {}
    for owner, prototype in zip(owners, matrix):
        similarity = math.fsum(vector.astype(np.float64) * prototype.astype(np.float64))
        best[owner] = max(best.get(owner, -1.0), similarity)
    return dict(zip(EVENT_TYPES, softmax([PROTOTYPE_TEMPERATURE * best[event] for event in EVENT_TYPES])))


def type_probabilities(
    vector: np.ndarray, model: EventModel | None, mode: str = "asserted", predicate: tuple[str, ...] = ()
) -> dict[str, float]:
    """The prototypes' type probabilities, averaged with the trained model's when there is one."""
    prototypes = prototype_probabilities(vector)
    if model is None or model.types is None:
        return prototypes
    trained = model.types.probabilities(model.type_features(vector, mode, predicate))
    weight = model.prototype_weight
    return {event: weight * prototypes[event] + (1 - weight) * trained.get(event, 0.0) for event in EVENT_TYPES}


def event_type(
    vector: np.ndarray, label: str | None, model: EventModel | None = None, mode: str = "asserted", predicate: tuple[str, ...] = ()
) -> EventType:
    """The most likely type (and quad class) on the side of `label`; with a
    trained quad model, the quad class comes first and bounds the type.
    `mode` and `predicate` are the sentence's (`stages/mode.py`, `stages/predicate.py`)."""
    return event_types(vector, (label,), model, mode, predicate)[label]


def event_types(
    vector: np.ndarray,
    labels: tuple[str | None, ...],
    model: EventModel | None = None,
    mode: str = "asserted",
    predicate: tuple[str, ...] = (),
) -> dict[str | None, EventType]:
    """`event_type` for each of `labels`, the probabilities computed once."""
    types = type_probabilities(vector, model, mode, predicate)
    quad_scores = model.quads.probabilities(vector) if model is not None and model.quads is not None else None
    return {label: on_side(types, quad_scores, label) for label in labels}


def on_side(types: dict[str, float], quad_scores: dict[str, float] | None, label: str | None) -> EventType:
    quads = [quad for quad in QUADS if label is None or LABEL_OF_QUAD[quad] == label]
    if quad_scores is not None:
        quads = [max(quads, key=lambda quad: (quad_scores.get(quad, 0.0), -QUADS.index(quad)))]
    allowed = [event for event in EVENT_TYPES if QUAD_OF[event] in quads]
    total = math.fsum(types[event] for event in allowed)
    event = max(allowed, key=lambda name: (types[name], -EVENT_TYPES.index(name)))
    return EventType(event=event, confidence=types[event] / total if total else 0.0, quad_code=QUAD_OF[event])
