"""The trained event model (types, UN quad classes) and its figures.

- Types: a logistic regression over the sentence embedding, its mode and
  its decisive predicate's terms (one column per term seen in training),
  fitted on the sentences written for the project with a type
  (`WRITTEN_TYPES_FILE`) and, given `--external`, every PLOVER gold record
  (INVESTIGATE included), averaged with the prototypes'. On the written
  sentences alone, C and the prototypes' weight are chosen by cross-validation
  on them, and the model is scored on all of PLOVER, which it never saw. PLOVER is the only typed gold, so it is scored by nested
  cross-validation: folds grouped by text (a sentence coded twice is never on
  both sides), and within each outer fold's training part an inner
  cross-validation picks C and the prototypes' weight from `TYPE_SETTINGS`;
  the written sentences join every training part, never a scored one;
  the outer folds, never seen by that choice, give the figures. The model
  kept takes the settings the same inner scheme picks on all of PLOVER.
- Quad classes: a logistic regression fitted on the UN set's training part
  (every sentence outside the scored sample), scored on that sample as the
  run decides: the claim model's label, then the quad class on its side.
"""

from __future__ import annotations

import csv
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedGroupKFold
from spacy.language import Language
from threadpoolctl import threadpool_limits

from pipeline.config import EVENT_TYPE_SETTINGS, PREDICATE_WEIGHT, QUAD_C, SEED, WRITTEN_TYPES_FILE
from pipeline.events.plover import EVENT_TYPES, QUADS
from pipeline.events.types import (
    EventModel,
    LinearSoftmax,
    event_type,
    predicate_columns,
    prototype_probabilities,
    type_features,
)
from pipeline.io import InputError
from pipeline.io.jsonl import read_jsonl
from pipeline.model.classifier import ClaimModel, ExtraLabelled
from pipeline.model.classify import predict
from pipeline.model.encoder import embed
from pipeline.training.external import PLOVER_FILE, UN_FILE, UN_STRIDE, plover_records, tagged_rows

# The UN file's codes (checked against its per-class files; see its SOURCE.md).
UN_QUADS = {"1": "material_conflict", "2": "material_cooperation", "3": "verbal_conflict", "4": "verbal_cooperation"}
CV_FOLDS = 5
INNER_FOLDS = 4
# What a type regression was fitted on (the model card says).
PLOVER_SOURCE = "PLOVER"
WRITTEN_SOURCE = "the written typed sentences"


def plover_typed(external_dir: Path) -> list[tuple[str, str]]:
    """(text, PLOVER type) for every gold record with one of our types."""
    return [
        (record["text"], record["event"])
        for record in plover_records(external_dir)
        if isinstance(record, dict) and record.get("event") in EVENT_TYPES and isinstance(record.get("text"), str)
    ]


def written_typed(path: Path = WRITTEN_TYPES_FILE) -> list[tuple[str, str]]:
    """(text, PLOVER type) for each sentence written for the project with a
    type; none when the file is absent."""
    if not path.exists():
        return []
    typed = []
    for number, record in read_jsonl(path):
        text, event = record.get("text"), record.get("event")
        if not isinstance(text, str) or not text.strip() or event not in EVENT_TYPES:
            raise InputError(f"{path}:{number}: needs a non-empty `text` and an `event` among PLOVER's types")
        typed.append((text, event))
    return typed


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
    with threadpool_limits(1):  # small fits: threads fighting over two cores cost twenty times the time
        regression.fit(vectors.astype(np.float64), labels)
    return LinearSoftmax(tuple(str(c) for c in regression.classes_), regression.coef_, regression.intercept_)


def event_training(
    external_dir: Path | None, claim_model: ClaimModel, extra: ExtraLabelled | None, *, nlp: Language
) -> tuple[EventModel | None, dict[str, Any]]:
    """The event model and its scores. The type regression is fitted on the
    written typed sentences, and with PLOVER on both; the quad-class one on the
    UN set. `extra` holds the UN training part's feature rows, in the order of
    `un_quads` without the scored sample."""
    examples = written_typed()
    written = PloverTypes.tagged(examples, nlp=nlp, source=WRITTEN_SOURCE) if examples else None
    types = written.fit(written.choose(np.arange(len(written.events)))) if written is not None else None
    quads, scores = None, {}
    if external_dir is not None and (external_dir / PLOVER_FILE).exists():
        typed = PloverTypes.read(external_dir, nlp=nlp, written=written)
        scores |= typed.scores(written_only=types)
        types = typed.fit(typed.choose(np.arange(len(typed.events))))
    if external_dir is not None and (external_dir / UN_FILE).exists():
        labelled = un_quads(external_dir)
        training = [example for i, example in enumerate(labelled) if i % UN_STRIDE]
        if extra is not None and len(extra.rows) == len(training) and "vector" in extra.rows[0]:
            vectors = np.array([row["vector"] for row in extra.rows])
        else:
            vectors = embed([text for text, _ in training])
        quads = fit_softmax(vectors, [quad for _, quad in training], C=QUAD_C)
        model = with_quads(types, quads)
        scores["un_quadclass_quad_macro_f1"] = un_quad_macro_f1(claim_model, model, labelled[::UN_STRIDE], nlp=nlp)
    if types is None and quads is None:
        return None, scores
    return with_quads(types, quads), scores


def with_quads(types: EventModel | None, quads: LinearSoftmax | None) -> EventModel:
    return replace(types, quads=quads) if types is not None else EventModel(types=None, quads=quads)


@dataclass(frozen=True)
class PloverTypes:
    """Typed records as the type regression reads them (PLOVER's gold, or the
    written sentences alone), and the written sentences that join every fit
    (never scored)."""

    features: np.ndarray  # embedding, then mode (`types.type_features`)
    predicates: tuple[tuple[str, ...], ...]  # the decisive predicate's terms (`stages/predicate.py`)
    prototypes: np.ndarray  # the prototypes' probabilities, in EVENT_TYPES order
    events: np.ndarray
    groups: np.ndarray  # one group per distinct text
    written_features: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))
    written_events: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=str))
    written_predicates: tuple[tuple[str, ...], ...] = ()
    source: str = PLOVER_SOURCE  # what the records are, for the model card

    @classmethod
    def read(cls, external_dir: Path, *, nlp: Language, written: PloverTypes | None = None) -> PloverTypes:
        """PLOVER's gold records, with `written`'s sentences joined to every fit."""
        return cls.tagged(plover_typed(external_dir), nlp=nlp, written=written)

    @classmethod
    def tagged(
        cls, examples: Sequence[tuple[str, str]], *, nlp: Language, written: PloverTypes | None = None, source: str = PLOVER_SOURCE
    ) -> PloverTypes:
        """(text, type) examples tagged and embedded as a run does; one group per distinct text."""
        texts, events = zip(*examples)
        sentences, rows = tagged_rows(tuple(texts), nlp=nlp, parts=frozenset({"vector"}))
        vectors = [row["vector"] for row in rows]
        by_text = {text: i for i, text in enumerate(dict.fromkeys(texts))}
        features = np.array([type_features(vector, s.mode) for vector, s in zip(vectors, sentences)])
        return cls(
            features=features,
            predicates=tuple(sentence.predicate for sentence in sentences),
            prototypes=np.array([[prototype_probabilities(v)[event] for event in EVENT_TYPES] for v in vectors]),
            events=np.array(events),
            groups=np.array([by_text[text] for text in texts]),
            written_features=written.features if written is not None else np.empty((0, features.shape[1])),
            written_events=written.events if written is not None else np.empty(0, dtype=str),
            written_predicates=written.predicates if written is not None else (),
            source=source,
        )

    def fit(self, setting: tuple[float, float], rows: np.ndarray | None = None) -> EventModel:
        """The model fitted on PLOVER's `rows` (all by default) and the written sentences."""
        rows = np.arange(len(self.events)) if rows is None else rows
        features, events = self.features[rows], list(self.events[rows])
        predicates = [self.predicates[i] for i in rows]
        if len(self.written_events):
            features, events = np.vstack([features, self.written_features]), events + list(self.written_events)
            predicates += list(self.written_predicates)
        terms = tuple(sorted({term for predicate in predicates for term in predicate}))
        columns = np.array([predicate_columns(predicate, terms, PREDICATE_WEIGHT) for predicate in predicates])
        C, weight = setting
        sources = (self.source,) + (WRITTEN_SOURCE,) * bool(len(self.written_events))
        return EventModel(
            types=fit_softmax(np.hstack([features, columns.reshape(len(events), len(terms))]), events, C=C),
            quads=None,
            prototype_weight=weight,
            with_mode=True,
            type_sources=sources,
            predicate_terms=terms,
            predicate_weight=PREDICATE_WEIGHT,
        )

    def predict(self, model: EventModel, rows: np.ndarray) -> list[str]:
        """The run's decision without the label's bound: the most likely type."""
        weight = model.prototype_weight
        decided = []
        for i in rows:
            trained = model.types.probabilities(self.row_features(model, i)) if model.types else {}
            mixed = {event: weight * self.prototypes[i][k] + (1 - weight) * trained.get(event, 0.0) for k, event in enumerate(EVENT_TYPES)}
            decided.append(most_likely(mixed))
        return decided

    def row_features(self, model: EventModel, i: int) -> np.ndarray:
        """Record i's features as `model` reads them (its predicate terms)."""
        return np.concatenate([self.features[i], predicate_columns(self.predicates[i], model.predicate_terms, model.predicate_weight)])

    def folds(self, rows: np.ndarray, n: int) -> list[tuple[np.ndarray, np.ndarray]]:
        with warnings.catch_warnings():  # PLOVER has types with fewer records than folds
            warnings.filterwarnings("ignore", message="The least populated class", category=UserWarning)
            split = list(StratifiedGroupKFold(n_splits=n, shuffle=True, random_state=SEED).split(rows, self.events[rows], self.groups[rows]))
        return [(rows[train], rows[test]) for train, test in split]

    def cross_validated(self, rows: np.ndarray, setting: tuple[float, float], n: int) -> float:
        predicted, gold = [], []
        for train, test in self.folds(rows, n):
            predicted += self.predict(self.fit(setting, train), test)
            gold += list(self.events[test])
        return float(f1_score(gold, predicted, average="macro"))

    def choose(self, rows: np.ndarray) -> tuple[float, float]:
        """The setting of best inner cross-validated macro-F1 on `rows` (first of equals)."""
        return max(EVENT_TYPE_SETTINGS, key=lambda setting: self.cross_validated(rows, setting, INNER_FOLDS))

    def scores(self, written_only: EventModel | None = None) -> dict[str, float]:
        """Nested cross-validated figures of the run's decision, the
        prototypes' alone, and `written_only`'s (a model that never saw these records)."""
        gold = self.events
        predicted = np.empty(len(gold), dtype=object)
        for train, test in self.folds(np.arange(len(gold)), CV_FOLDS):
            predicted[test] = self.predict(self.fit(self.choose(train), train), test)
        prototypes = EventModel(types=None, quads=None, prototype_weight=1.0)
        return (
            {
                "plover_event_macro_f1": round(float(f1_score(gold, list(predicted), average="macro")), 4),
                "plover_event_accuracy": round(float(accuracy_score(gold, list(predicted))), 4),
            }
            | self.unseen_scores("prototypes", prototypes)
            | (self.unseen_scores("written", written_only) if written_only is not None else {})
        )

    def unseen_scores(self, name: str, model: EventModel) -> dict[str, float]:
        """Macro-F1 and accuracy on every record of a model fitted without them."""
        gold, predicted = self.events, self.predict(model, np.arange(len(self.events)))
        return {
            f"plover_event_{name}_macro_f1": round(float(f1_score(gold, predicted, average="macro")), 4),
            f"plover_event_{name}_accuracy": round(float(accuracy_score(gold, predicted)), 4),
        }


def most_likely(probabilities: dict[str, float]) -> str:
    return max(EVENT_TYPES, key=lambda event: (probabilities[event], -EVENT_TYPES.index(event)))


def un_quad_macro_f1(claim_model: ClaimModel, model: EventModel, examples: list[tuple[str, str]], *, nlp: Language) -> float:
    """The run's quad class (label from the claim model, then the quad on its side) on the UN scored sample."""
    sentences, rows = tagged_rows(tuple(text for text, _ in examples), nlp=nlp, parts=frozenset(claim_model.parts | {"vector"}))
    predictions = predict(claim_model, sentences, rows)
    predicted = [event_type(row["vector"], p.label, model, s.mode, s.predicate).quad_code for s, row, p in zip(sentences, rows, predictions)]
    return round(float(f1_score([quad for _, quad in examples], predicted, labels=list(QUADS), average="macro")), 4)


def describe_event_model(model: EventModel | None) -> str:
    """What decides a claim's type and quad class, for the model card."""
    parts = ["prototypes"]
    if model is not None and model.types is not None:
        parts.append("a type classifier trained on " + " and ".join(model.type_sources or ("PLOVER",)))
    if model is not None and model.quads is not None:
        parts.append("a UN-trained quad-class classifier")
    return " + ".join(parts)
