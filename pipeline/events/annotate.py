"""Give each claim its event: PLOVER type with a confidence, quad class, and
the date its sentence names, resolved against the article's date. The mode is
the sentence's (`stages/mode.py`, from the parse). Per claim, never per batch."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import numpy as np

from pipeline.config import LABELS
from pipeline.events.dates import sentence_date
from pipeline.stages.articledate import dateline_length
from pipeline.events.types import EventModel, event_model_of, event_type, event_types
from pipeline.model.classifier import ClaimModel
from pipeline.model.classify import Guess, classify_article
from pipeline.model.features import feature_rows
from pipeline.records import Claim, Sentence

DATE_LABEL = "DATE"
# The guess's key for `side_events`; kept in the run cache, not written out.
SIDE_EVENTS = "side_events"


def annotate_claims(
    claims: list[Claim],
    sentences: list[Sentence],
    vectors: dict[tuple[int, int], np.ndarray],
    *,
    base: dt.date | None,
    model: EventModel | None = None,
) -> list[Claim]:
    """The claims with `event`, `event_confidence`, `quad_code` and `date` set.
    `vectors` holds each claim's sentence embedding by its (start, end)."""
    by_span = {(sentence.start, sentence.end): sentence for sentence in sentences}
    return [annotate_claim(claim, by_span.get((claim.start, claim.end)), vectors, base=base, model=model) for claim in claims]


def annotate_claim(
    claim: Claim,
    sentence: Sentence | None,
    vectors: dict[tuple[int, int], np.ndarray],
    *,
    base: dt.date | None,
    model: EventModel | None,
) -> Claim:
    expressions = date_expressions(sentence) if sentence is not None else []
    predicate = sentence.predicate if sentence is not None else ()
    typed = event_type(vectors[(claim.start, claim.end)], claim.label, model, claim.mode, predicate)
    return replace(
        claim,
        event=typed.event,
        event_confidence=typed.confidence,
        quad_code=typed.quad_code,
        date=sentence_date(expressions, base, future=claim.mode == "planned"),
    )


def date_expressions(sentence: Sentence) -> list[str]:
    """The sentence's date expressions (spaCy's DATE entities) after its dateline, if any, in order."""
    after = sentence.start + dateline_length(sentence.text)
    return [mention.text for mention in sentence.mentions if mention.label == DATE_LABEL and mention.start >= after]


def claim_vectors(claims: list[Claim], rows: list[dict], sentences: list[Sentence]) -> dict[tuple[int, int], np.ndarray]:
    """Each claim's embedding: from the feature rows when they hold it, else computed alone."""
    from pipeline.model.encoder import embed

    vectors = {
        (sentence.start, sentence.end): row["vector"] for sentence, row in zip(sentences, rows) if row.get("vector") is not None
    }
    missing = [claim for claim in claims if (claim.start, claim.end) not in vectors]
    for claim, vector in zip(missing, embed([claim.text for claim in missing])):
        vectors[(claim.start, claim.end)] = vector
    return vectors


def event_claims(
    sentences: list[Sentence], *, model: ClaimModel, version: str, base: dt.date | None
) -> tuple[list[Claim], list[Guess]]:
    """One article's claims, classified and given their events (the run's one
    path), and the model's guess for every sentence, with the event it would
    report as a claim of either label (`SIDE_EVENTS`)."""
    rows = feature_rows(sentences, model.parts) if sentences else []
    claims, guesses = classify_article(sentences, model=model, version=version, rows=rows)
    vectors = claim_vectors(claims, rows, sentences)
    events = event_model_of(model)
    sides = [side_events(sentence, row.get("vector"), base=base, model=events) for sentence, row in zip(sentences, rows)]
    guesses = [{**guess, SIDE_EVENTS: side} if side is not None else guess for guess, side in zip(guesses, sides)]
    return annotate_claims(claims, sentences, vectors, base=base, model=events), guesses


def side_events(sentence: Sentence, vector: np.ndarray | None, *, base: dt.date | None, model: EventModel | None) -> dict[str, Any] | None:
    """The date the sentence names, and per label the event it reports, as a
    claim of that label is typed: what a claim an analyst adds or relabels
    takes at write time, with no model loaded (`runner/overrides.py`)."""
    if vector is None:
        return None
    by_label = {
        label: {"event": typed.event, "event_confidence": round(typed.confidence, 4), "quad_code": typed.quad_code}
        for label, typed in event_types(vector, LABELS, model, sentence.mode, sentence.predicate).items()
    }
    return {"date": sentence_date(date_expressions(sentence), base, future=sentence.mode == "planned"), "by_label": by_label}
