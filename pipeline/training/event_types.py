"""The trained event model (PLOVER types, UN quad classes) and its figures,
from the public sets given as `--external`.

- Types: a logistic regression over the sentence embedding, fitted on every
  PLOVER gold record (INVESTIGATE included); scored by stratified 5-fold
  cross-validation, since PLOVER is the only typed gold. The decision scored
  is the run's: the regression's probabilities averaged with the prototypes'.
- Quad classes: a logistic regression fitted on the UN set's training part
  (every sentence outside the scored sample), scored on that sample as the
  run decides: the claim model's label, then the quad class on its side.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from spacy.language import Language

from pipeline.config import EVENT_TYPE_C, QUAD_C, SEED
from pipeline.events.plover import EVENT_TYPES, QUADS
from pipeline.events.types import EventModel, LinearSoftmax, event_type, prototype_probabilities, type_probabilities
from pipeline.io import InputError
from pipeline.model.classifier import ClaimModel, ExtraLabelled
from pipeline.model.classify import predict
from pipeline.model.encoder import embed
from pipeline.training.external import PLOVER_FILE, UN_FILE, UN_STRIDE, plover_records, tagged_rows

# The UN file's codes (checked against its per-class files; see its SOURCE.md).
UN_QUADS = {"1": "material_conflict", "2": "material_cooperation", "3": "verbal_conflict", "4": "verbal_cooperation"}
CV_FOLDS = 5


def plover_typed(external_dir: Path) -> list[tuple[str, str]]:
    """(text, PLOVER type) for every gold record with one of our types."""
    return [
        (record["text"], record["event"])
        for record in plover_records(external_dir)
        if isinstance(record, dict) and record.get("event") in EVENT_TYPES and isinstance(record.get("text"), str)
    ]


def un_quads(external_dir: Path) -> list[tuple[str, str]]:
    """(text, quad class) for every UN sentence with one, in file order (as `external.un_labelled`)."""
    path = external_dir / UN_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        next(rows, None)
        try:
            return [(row[0], UN_QUADS[row[1]]) for row in rows if len(row) == 2 and row[1] in UN_QUADS]
        except (UnicodeDecodeError, csv.Error) as err:
            raise InputError(f"{path}:{rows.line_num + 1}: unreadable ({err})") from None


def fit_softmax(vectors: np.ndarray, labels: list[str], *, C: float) -> LinearSoftmax:
    regression = LogisticRegression(C=C, max_iter=5000, class_weight="balanced", random_state=SEED)
    regression.fit(vectors.astype(np.float64), labels)
    return LinearSoftmax(tuple(str(c) for c in regression.classes_), regression.coef_, regression.intercept_)


def event_training(
    external_dir: Path | None, claim_model: ClaimModel, extra: ExtraLabelled | None, *, nlp: Language
) -> tuple[EventModel | None, dict[str, Any]]:
    """The event model fitted on the external sets, and its scores; (None, {})
    without them. `extra` holds the UN training part's feature rows, in the
    order of `un_quads` without the scored sample."""
    if external_dir is None:
        return None, {}
    types, quads, scores = None, None, {}
    if (external_dir / PLOVER_FILE).exists():
        texts, events = zip(*plover_typed(external_dir))
        vectors = embed(list(texts))
        scores |= plover_type_scores(vectors, list(events))
        types = fit_softmax(vectors, list(events), C=EVENT_TYPE_C)
    if (external_dir / UN_FILE).exists():
        labelled = un_quads(external_dir)
        training = [example for i, example in enumerate(labelled) if i % UN_STRIDE]
        if extra is not None and len(extra.rows) == len(training) and "vector" in extra.rows[0]:
            vectors = np.array([row["vector"] for row in extra.rows])
        else:
            vectors = embed([text for text, _ in training])
        quads = fit_softmax(vectors, [quad for _, quad in training], C=QUAD_C)
        model = EventModel(types=types, quads=quads)
        scores["un_quadclass_quad_macro_f1"] = un_quad_macro_f1(claim_model, model, labelled[::UN_STRIDE], nlp=nlp)
    if types is None and quads is None:
        return None, scores
    return EventModel(types=types, quads=quads), scores


def plover_type_scores(vectors: np.ndarray, events: list[str]) -> dict[str, float]:
    """Cross-validated type figures of the run's decision, and the prototypes' alone."""
    gold = np.array(events)
    predicted = np.empty(len(events), dtype=object)
    folds = StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=SEED)
    for train, test in folds.split(vectors, gold):
        model = EventModel(types=fit_softmax(vectors[train], list(gold[train]), C=EVENT_TYPE_C), quads=None)
        predicted[test] = [most_likely(type_probabilities(vectors[i], model)) for i in test]
    by_prototypes = [most_likely(prototype_probabilities(vector)) for vector in vectors]
    return {
        "plover_event_macro_f1": round(float(f1_score(gold, list(predicted), average="macro")), 4),
        "plover_event_accuracy": round(float(accuracy_score(gold, list(predicted))), 4),
        "plover_event_prototypes_macro_f1": round(float(f1_score(gold, by_prototypes, average="macro")), 4),
        "plover_event_prototypes_accuracy": round(float(accuracy_score(gold, by_prototypes)), 4),
    }


def most_likely(probabilities: dict[str, float]) -> str:
    return max(EVENT_TYPES, key=lambda event: (probabilities[event], -EVENT_TYPES.index(event)))


def un_quad_macro_f1(claim_model: ClaimModel, model: EventModel, examples: list[tuple[str, str]], *, nlp: Language) -> float:
    """The run's quad class (label from the claim model, then the quad on its side) on the UN scored sample."""
    sentences, rows = tagged_rows(tuple(text for text, _ in examples), nlp=nlp, parts=frozenset(claim_model.parts | {"vector"}))
    predictions = predict(claim_model, sentences, rows)
    predicted = [event_type(row["vector"], p.label, model).quad_code for row, p in zip(rows, predictions)]
    return round(float(f1_score([quad for _, quad in examples], predicted, labels=list(QUADS), average="macro")), 4)


def describe_event_model(model: EventModel | None) -> str:
    """What decides a claim's type and quad class, for the model card."""
    parts = ["prototypes"]
    if model is not None and model.types is not None:
        parts.append("a PLOVER-trained type classifier")
    if model is not None and model.quads is not None:
        parts.append("a UN-trained quad-class classifier")
    return " + ".join(parts)
