"""Features of a sentence for the claim classifier, and the estimator over them.

A feature row is a dict: `signals` (stance, actors, kind, cue words),
`words` (a bag of words), `vector` (the sentence embedding), `prototypes`
(its similarity to the prototype sentences), and the same two for the
decisive clause (`clause_vector`, `clause_prototypes`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Collection, Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from pipeline.config import SEED
from pipeline.model.encoder import embed
from pipeline.stages.lexicon import cue_polarity
from pipeline.model.decisive import decisive_clause
from pipeline.model.prototypes import prototype_features
from pipeline.records import Sentence

WORD_RE = re.compile(r"[a-z][a-z'’-]+")
# A row's sub-row for its decisive clause (`model/decisive.py`), or None.
DECISIVE_KEY = "decisive_clause"
ALL_PARTS = ("signals", "words", "vector", "clause_vector", "prototypes", "clause_prototypes")
VECTOR_PARTS = frozenset({"vector", "clause_vector", "prototypes", "clause_prototypes"})


def feature_rows(sentences: Sequence[Sentence], parts: Collection[str] = ALL_PARTS, *, clauses: bool = True) -> list[dict[str, Any]]:
    """One feature row per sentence with the given parts; embeddings are
    computed in one batch, and only when a part needs them. With `clauses`,
    each row also holds its decisive clause's row (`DECISIVE_KEY`, or None),
    which the label reads; rows that only train need none."""
    columns: dict[str, list[Any]] = {}
    if "signals" in parts:
        columns["signals"] = [signals(sentence) for sentence in sentences]
    if "words" in parts:
        columns["words"] = [bag_of_words(sentence.text) for sentence in sentences]
    if {"vector", "prototypes"} & set(parts):
        vectors = embed([sentence.text for sentence in sentences])
        columns["vector"] = list(vectors)
        columns["prototypes"] = list(prototype_features(vectors))
    if {"clause_vector", "clause_prototypes"} & set(parts):
        clause_vectors = embed([sentence.main_clause or sentence.text for sentence in sentences])
        columns["clause_vector"] = list(clause_vectors)
        columns["clause_prototypes"] = list(prototype_features(clause_vectors))
    rows = [{name: values[i] for name, values in columns.items()} for i in range(len(sentences))]
    if clauses:
        add_decisive_clauses(rows, sentences, parts)
    return rows


def add_decisive_clauses(rows: list[dict[str, Any]], sentences: Sequence[Sentence], parts: Collection[str]) -> None:
    found = [(i, clause) for i, sentence in enumerate(sentences) if (clause := decisive_clause(sentence))]
    clause_rows = feature_rows([replace(sentences[i], text=clause) for i, clause in found], parts, clauses=False) if found else []
    for row in rows:
        row[DECISIVE_KEY] = None
    for (i, _clause), clause_row in zip(found, clause_rows):
        rows[i][DECISIVE_KEY] = clause_row


def signals(sentence: Sentence) -> dict[str, float]:
    stance = sentence.stance
    features: dict[str, float] = {
        f"kind={sentence.kind}": 1.0,
        f"actors={min(len(sentence.actors), 3)}": 1.0,
        f"polarity={stance.polarity}": 1.0,
        "negated": float(stance.negated),
        # Both sides named in the sentence itself, not resolved from context.
        "has_source_and_target": float(bool(stance.source and stance.target) and not sentence.inherited),
    }
    for cue in stance.cue:
        polarity = cue_polarity(cue)
        features[f"cue={cue.lower()}"] = 1.0
        features[f"cue_sign={polarity}"] = features.get(f"cue_sign={polarity}", 0.0) + 1.0
    return features


def bag_of_words(text: str) -> dict[str, float]:
    return {f"w={word}": 1.0 for word in WORD_RE.findall(text.lower())}


class Field(BaseEstimator, TransformerMixin):
    """Pick one key out of each feature row; `stack` makes a dense matrix of vectors."""

    def __init__(self, key: str, *, stack: bool = False) -> None:
        self.key = key
        self.stack = stack

    def fit(self, rows: list[dict[str, Any]], y: Any = None) -> Field:
        return self

    def transform(self, rows: list[dict[str, Any]]) -> Any:
        values = [row[self.key] for row in rows]
        return np.vstack(values).astype(np.float64) if self.stack else values

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        if self.stack:
            raise AttributeError("vector fields have no feature names")
        return np.array([self.key], dtype=object)


def build_estimator(*, C: float, parts: Sequence[str] = ALL_PARTS) -> Pipeline:
    """The chosen feature parts, side by side, into a logistic regression."""
    union = FeatureUnion([(part, feature_part(part)) for part in parts])
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=SEED)
    return Pipeline([("features", union), ("model", model)])


def feature_part(part: str) -> Any:
    if part in VECTOR_PARTS:
        return Field(part, stack=True)
    return Pipeline([("field", Field(part)), ("dict", DictVectorizer())])
