"""Classify: which sentences are claims, and cooperation or tension."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc

from .config import NON_CLAIM_KINDS
from .features import feature_rows
from .model import ClaimModel, Prediction
from .records import Article, Claim, Sentence
from .segment import Unit


def classify(
    tagged: Iterable[tuple[Article, Doc, list[tuple[Unit, Sentence]]]], *, model: ClaimModel, version: str
) -> Iterator[tuple[Article, list[Sentence], list[Claim]]]:
    """Label each article's sentences; yield the article, its sentences and its claims."""
    for article, _doc, pairs in tagged:
        sentences = [sentence for _unit, sentence in pairs]
        predictions = predict(model, sentences)
        claims = [
            to_claim(sentence, prediction, version)
            for sentence, prediction in zip(sentences, predictions)
            if prediction.is_claim
        ]
        yield article, sentences, claims


def predict(model: ClaimModel, sentences: list[Sentence], rows: list[dict] | None = None) -> list[Prediction]:
    """Model predictions, with headings and site furniture never claims (guidelines)."""
    if rows is None:
        rows = feature_rows(sentences, model.parts) if sentences else []
    predictions = model.predict(rows)
    return [
        replace(prediction, is_claim=False) if sentence.kind in NON_CLAIM_KINDS else prediction
        for sentence, prediction in zip(sentences, predictions)
    ]


def to_claim(sentence: Sentence, prediction: Prediction, version: str) -> Claim:
    return Claim(
        doc=sentence.doc,
        start=sentence.start,
        end=sentence.end,
        text=sentence.text,
        label=prediction.label,
        confidence=prediction.confidence,
        claim_confidence=prediction.claim_confidence,
        actors=sentence.actors,
        stance=sentence.stance,
        evidence=prediction.evidence,
        model=version,
    )
