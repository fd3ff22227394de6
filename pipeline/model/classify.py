"""Classify: which sentences are claims, and cooperation or tension."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from pipeline.config import GUIDELINE_CONFIDENCE, NON_CLAIM_KINDS
from pipeline.model.features import VECTOR_PARTS, feature_rows
from pipeline.model.classifier import ClaimModel, Prediction
from pipeline.model.dyad import dyad_model_of, rechoose
from pipeline.model.prototypes import nearest_prototype
from pipeline.records import Claim, Sentence, Stance
from pipeline.stages.predicate import counts_people, says_nothing
from pipeline.stages.stance import GUIDELINE_LABELS

# A sentence's guess: {"claim_probability": float, "guess": cooperation | tension | none,
# "label_guess": cooperation | tension, "label_confidence": float}.
Guess = dict[str, Any]
NO_CLAIM = "none"


def classify_sentences(
    sentences: list[Sentence], *, model: ClaimModel, version: str, rows: list[dict] | None = None
) -> list[Claim]:
    """The claims among one article's sentences, in order."""
    return classify_article(sentences, model=model, version=version, rows=rows)[0]


def classify_article(
    sentences: list[Sentence], *, model: ClaimModel, version: str, rows: list[dict] | None = None
) -> tuple[list[Claim], list[Guess]]:
    """The claims among one article's sentences, in order, and the model's
    guess for every sentence (claims or not), aligned with `sentences`
    (`rows`: their feature rows, when the caller has computed them)."""
    if rows is None:
        rows = feature_rows(sentences, model.parts) if sentences else []
    predictions = predict(model, sentences, rows)
    dyad = dyad_model_of(model)
    claims = [
        to_claim(rechoose(sentence, dyad), prediction, version, row.get("vector"))
        for sentence, prediction, row in zip(sentences, predictions, rows)
        if prediction.is_claim
    ]
    return claims, [guess_of(prediction) for prediction in predictions]


def guess_of(prediction: Prediction) -> Guess:
    """What `sentences.jsonl` says of a sentence: the claim detector's
    probability, the label if it is a claim, else "none", and the label
    the model would give it as a claim, with its confidence."""
    return {
        "claim_probability": round(prediction.claim_confidence, 4),
        "guess": prediction.label if prediction.is_claim else NO_CLAIM,
        "label_guess": prediction.label,
        "label_confidence": round(prediction.confidence, 4),
    }


def predict(model: ClaimModel, sentences: list[Sentence], rows: list[dict] | None = None) -> list[Prediction]:
    """Model predictions, with headings, site furniture and "declined to
    comment" never claims (guidelines)."""
    if rows is None:
        rows = feature_rows(sentences, model.parts) if sentences else []
    return [by_guidelines(sentence, prediction) for sentence, prediction in zip(sentences, model.predict(rows))]


def by_guidelines(sentence: Sentence, prediction: Prediction) -> Prediction:
    """Headings, furniture and "declined to comment" are no claims; where the
    stance found a reading the guidelines decide (`Stance.guideline`: a
    pledge not to do a hostile act, an appeal to the parties, a demand of a
    named side, a hostile measure undone, a relation worse, better or
    ended, and others), that reading gives the label, whatever the words do
    to the embedding, and makes a sentence between two sides a claim."""
    if sentence.kind in NON_CLAIM_KINDS or says_nothing(sentence.predicate, sentence.main_clause) or is_a_bare_count(sentence):
        return replace(prediction, is_claim=False)
    label = GUIDELINE_LABELS.get(sentence.stance.guideline)
    if label is None:
        return prediction
    if not prediction.is_claim and is_between_two_sides(sentence.stance):
        prediction = replace(prediction, is_claim=True, claim_confidence=GUIDELINE_CONFIDENCE)
    if label == prediction.label:
        return prediction
    evidence = (f"guideline: {sentence.stance.guideline}", *prediction.evidence)
    return replace(prediction, label=label, confidence=GUIDELINE_CONFIDENCE, evidence=evidence)


def is_a_bare_count(sentence: Sentence) -> bool:
    """A count of people killed or displaced in a sentence that names fewer
    than two sides itself ("More than 40,000 people have been killed in the
    conflict"; "the clashes between the two countries" names two)."""
    return counts_people(sentence.predicate, sentence.main_clause) and len(named_sides(sentence)) < 2


def named_sides(sentence: Sentence) -> set[str]:
    """The sides the sentence names in any role ("Israeli authorities say 24
    people have died in Iranian missile strikes"), or refers to as a pair
    ("the two countries")."""
    return {c.code for c in sentence.candidates if c.role != "context" or c.referred}


def is_between_two_sides(stance: Stance) -> bool:
    """One side acting on or speaking of another: with a reading of the act,
    a claim by the guidelines' definition, whatever the detector says."""
    return stance.source is not None and stance.target is not None and stance.source != stance.target


def agreeing_cues(sentence: Sentence, label: str) -> tuple[str, ...]:
    """Stance cue words whose polarity (after negation) agrees with the label."""
    wanted = "positive" if label == "cooperation" else "negative"
    return tuple(f"cue:{cue}" for cue in sentence.stance.cue) if sentence.stance.polarity == wanted else ()


def readable_evidence(evidence: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for name in evidence if name not in VECTOR_PARTS)


def to_claim(sentence: Sentence, prediction: Prediction, version: str, vector: np.ndarray | None = None) -> Claim:
    """The claim record; its evidence is the agreeing stance cues, the model's
    readable features and the most similar prototype sentence of its label."""
    like = (f"like: {nearest_prototype(vector, prediction.label)}",) if vector is not None else ()
    return Claim(
        doc=sentence.doc,
        start=sentence.start,
        end=sentence.end,
        text=sentence.text,
        label=prediction.label,
        confidence=prediction.confidence,
        claim_confidence=prediction.claim_confidence,
        actors=sentence.actors,
        inherited=sentence.inherited,
        stance=sentence.stance,
        evidence=agreeing_cues(sentence, prediction.label) + readable_evidence(prediction.evidence) + like,
        model=version,
        mode=sentence.mode,
    )
