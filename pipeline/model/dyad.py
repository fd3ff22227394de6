"""A learned dyad: which of a sentence's candidate sides is the source and
which the target, where the rules run out.

Each ordered pair of distinct candidate codes (mentions and sides from
context, `Sentence.candidates`) is one row: the source's role, dependency,
preposition and origin, the target's, their order, and whether the rules
chose it. A logistic regression scores the rows; the best pair wins. It is
trained from the annotations' `actors` lists (the first listed acts) and the
written articles', so the dyad improves as analysts label; without a trained
model the rules decide.
Per sentence, never per batch: each choice reads only its own rows.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from pipeline.config import DYAD_C, DYAD_MIN_SENTENCES, SEED
from pipeline.model.persist import dump_estimator, load_estimator
from pipeline.records import Candidate, InheritedActor, Sentence
from pipeline.stages.dyad import NO_SIDE_ROLES

Pair = tuple[str, str]
# A side the rules found a few sentences back ("the group") weighs as one
# from the sentence before: the annotations hold too few to learn it apart.
FEATURE_VIA = {"earlier": "previous"}


def best_by_code(candidates: tuple[Candidate, ...]) -> dict[str, Candidate]:
    """Each code's most telling candidate: its mention nearest the predicate's
    own arguments (the shortest path), first in the sentence on ties."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        kept = best.get(candidate.code)
        if kept is None or (len(candidate.path), candidate.order) < (len(kept.path), kept.order):
            best[candidate.code] = candidate
    return best


def side_features(prefix: str, candidate: Candidate) -> dict[str, float]:
    top = candidate.path[-1] if candidate.path else "self"
    return {
        f"{prefix}role={candidate.role}": 1.0,
        f"{prefix}dep={candidate.dep or 'none'}": 1.0,
        f"{prefix}top={top}": 1.0,
        f"{prefix}prep={candidate.prep or 'none'}": 1.0,
        f"{prefix}via={FEATURE_VIA.get(candidate.via, candidate.via) or 'sentence'}": 1.0,
        f"{prefix}joint": float(candidate.joint),
        f"{prefix}main": float(candidate.main),
        f"{prefix}first": float(candidate.order == 0),
        f"{prefix}depth": min(len(candidate.path), 6) / 6,
        f"{prefix}distance": min(candidate.distance, 30) / 30,
    }


def pair_features(sentence: Sentence, source: Candidate, target: Candidate) -> dict[str, float]:
    stance = sentence.stance
    return {
        **side_features("s:", source),
        **side_features("t:", target),
        f"roles={source.role}>{target.role}": 1.0,
        "source_first": float(source.order < target.order),
        "main_pair": float(source.main and target.main),
        "rule_source": float(source.code == stance.source),
        "rule_target": float(target.code == stance.target),
        "rule_pair": float((source.code, target.code) == (stance.source, stance.target)),
        "rule_reversed": float((target.code, source.code) == (stance.source, stance.target)),
        "rule_symmetric": float(stance.symmetric),
    }


def candidate_pairs(sentence: Sentence) -> list[tuple[Pair, dict[str, float]]]:
    """Every ordered pair of distinct candidate codes, with its feature row."""
    best = best_by_code(usable_candidates(sentence.candidates))
    return [
        ((source.code, target.code), pair_features(sentence, source, target))
        for source in best.values()
        for target in best.values()
        if source.code != target.code
    ]


def usable_candidates(candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """The sides to choose among: a sentence that names two sides itself
    (places and sides named in passing aside) is about them, so context
    offers none but the pair it refers to ("Washington urged both governments to ...")."""
    named = {c.code for c in candidates if c.role not in NO_SIDE_ROLES | {"context", "aside"}}
    return tuple(c for c in candidates if c.role != "context" or c.referred) if len(named) >= 2 else candidates


class DyadModel:
    """Scores candidate pairs; `estimator_` is a DictVectorizer and a logistic regression."""

    def __init__(self, *, C: float = DYAD_C) -> None:
        self.C = C

    def fit(self, sentences: list[Sentence], gold: list[tuple[str, ...]]) -> DyadModel | None:
        """Fit on the sentences whose gold pair is among their candidates; None when too few."""
        rows, y, used = [], [], 0
        for sentence, actors in zip(sentences, gold):
            pairs = candidate_pairs(sentence)
            if len(actors) < 2 or tuple(actors[:2]) not in {pair for pair, _row in pairs}:
                continue
            used += 1
            for pair, row in pairs:
                rows.append(row)
                y.append(int(pair == tuple(actors[:2])))
        if used < DYAD_MIN_SENTENCES:
            return None
        self.estimator_ = Pipeline(
            [("vectorizer", DictVectorizer(sort=True)), ("classifier", LogisticRegression(C=self.C, max_iter=2000, random_state=SEED))]
        ).fit(rows, np.array(y))
        return self

    def choose(self, sentence: Sentence) -> Pair | None:
        """The best-scoring (source, target), or None with fewer than two candidate codes."""
        pairs = candidate_pairs(sentence)
        if not pairs:
            return None
        scores = self.estimator_.predict_proba([row for _pair, row in pairs])[:, 1]
        return pairs[int(np.argmax(scores))][0]

    def to_json(self) -> dict[str, Any]:
        return {"C": self.C, "estimator": dump_estimator(self.estimator_)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DyadModel:
        model = cls(C=float(data["C"]))
        model.estimator_ = load_estimator(data["estimator"])
        return model


def rechoose(sentence: Sentence, model: DyadModel | None) -> Sentence:
    """The sentence with the model's (source, target): the two first in its
    actors, and any side taken from context marked inherited. Unchanged
    without a model or a choice."""
    chosen = model.choose(sentence) if model is not None else None
    if chosen is None or chosen == (sentence.stance.source, sentence.stance.target):
        return sentence
    source, target = chosen
    symmetric = sentence.stance.symmetric and {source, target} == {sentence.stance.source, sentence.stance.target}
    stance = replace(sentence.stance, source=source, target=target, symmetric=symmetric)
    named = {candidate.code for candidate in sentence.candidates if candidate.role not in NO_SIDE_ROLES}
    actors = tuple(dict.fromkeys((source, target, *(code for code in sentence.actors if code in named))))
    return replace(sentence, stance=stance, actors=actors, inherited=inherited_sides(sentence, actors))


def inherited_sides(sentence: Sentence, actors: tuple[str, ...]) -> tuple[InheritedActor, ...]:
    """The sides of `actors` that come from context, each with its antecedent."""
    named = {candidate.code for candidate in sentence.candidates if candidate.role != "context"}
    kept = {side.code: side for side in sentence.inherited}
    for candidate in sentence.candidates:
        if candidate.role == "context":
            kept.setdefault(candidate.code, InheritedActor(candidate.code, candidate.start, candidate.end, candidate.via))
    return tuple(kept[code] for code in actors if code not in named and code in kept)


def dyad_model_of(model: Any) -> DyadModel | None:
    """The claim model's dyad model, built once per loaded model; None without one."""
    data = getattr(model, "dyad_", None)
    if data is None:
        return None
    built = getattr(model, "dyad_model_", None)
    if built is None or built[0] is not data:
        built = (data, DyadModel.from_json(data))
        model.dyad_model_ = built
    return built[1]
