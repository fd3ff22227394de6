"""The annotation queue: every body or bullet sentence of the corpus that has
no label yet, with the model's guess, the least certain first (active
learning), and the session that turns key presses into annotation records.

The guess is the likeliest of three outcomes, P(not a claim) = 1 - p_claim
and P(label) = p_claim * p_label, and the queue is ordered by that
probability, lowest first: the sentences the model can learn most from.
Headings and site furniture are never claims (guidelines, "Unit"), so they
are not asked about.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from pipeline.model.classify import predict
from pipeline.config import NON_CLAIM_KINDS
from pipeline.stages.ingest import ingest
from pipeline.io import list_articles
from pipeline.model.classifier import ClaimModel, Prediction
from pipeline.records import Annotation, Sentence
from pipeline.stages.sentences import article_sentences

NOT_CLAIM = "not-claim"
CHOICES = ("cooperation", "tension", NOT_CLAIM)
# One key per answer; s, u and q are commands.
KEYS = {"c": "cooperation", "t": "tension", "n": NOT_CLAIM}
SKIP, UNDO, QUIT = "s", "u", "q"


@dataclass(frozen=True)
class Candidate:
    """A sentence to label, its neighbours, and the model's guess."""

    sentence: Sentence
    before: str
    after: str
    guess: str  # cooperation | tension | not-claim
    confidence: float  # probability of the guess among the three outcomes

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.sentence.doc, self.sentence.start, self.sentence.end)

    def annotation(self, choice: str) -> Annotation:
        """The record for an answer, in the guidelines' format; a claim's actors
        are the ones the tagger found (the sides, in order, where it could tell)."""
        claim = choice != NOT_CLAIM
        sentence = self.sentence
        return Annotation(
            doc=sentence.doc,
            start=sentence.start,
            end=sentence.end,
            text=sentence.text,
            claim=claim,
            label=choice if claim else None,
            mixed=False,
            actors=sentence.actors if claim else (),
        )


def three_way_guess(prediction: Prediction) -> tuple[str, float]:
    """The likeliest of not-a-claim, cooperation and tension, with its probability."""
    not_claim = 1.0 - prediction.claim_confidence
    labelled = prediction.claim_confidence * prediction.confidence
    return (NOT_CLAIM, not_claim) if not_claim >= labelled else (prediction.label, labelled)


def candidates(tagged: Iterable[tuple[str, list[Sentence]]], *, model: ClaimModel) -> Iterator[Candidate]:
    """A candidate for every body or bullet sentence, with the text around it."""
    for _doc_id, sentences in tagged:
        predictions = predict(model, sentences) if sentences else []
        for i, (sentence, prediction) in enumerate(zip(sentences, predictions)):
            if sentence.kind in NON_CLAIM_KINDS:
                continue
            guess, confidence = three_way_guess(prediction)
            yield Candidate(
                sentence=sentence,
                before=sentences[i - 1].text if i > 0 else "",
                after=sentences[i + 1].text if i + 1 < len(sentences) else "",
                guess=guess,
                confidence=confidence,
            )


def tagged_sentences(corpus_dir: Path, *, nlp: Language) -> Iterator[tuple[str, list[Sentence]]]:
    """Every article's sentences, tagged, as `pipeline run` finds them."""
    for article, sentences in article_sentences(ingest(list_articles(corpus_dir)), nlp=nlp):
        yield article.doc, sentences


def least_certain_first(found: Iterable[Candidate], labelled: set[tuple[str, int, int]]) -> list[Candidate]:
    """The unlabelled candidates, lowest guess probability first (ties in text order)."""
    unlabelled = [candidate for candidate in found if candidate.key not in labelled]
    return sorted(unlabelled, key=lambda c: (c.confidence, c.sentence.doc, c.sentence.start))


@dataclass
class Session:
    """The queue being worked through. `answer`, `skip` and `undo` move through
    it; the caller stores and removes the records."""

    pending: list[Candidate]  # not answered yet; the skipped ones sit before `position`
    known: dict[tuple[str, int, int], Candidate] = field(default_factory=dict)  # every candidate, labelled or not
    position: int = 0
    answered: list[Candidate] = field(default_factory=list)

    @property
    def current(self) -> Candidate | None:
        return self.pending[self.position] if self.position < len(self.pending) else None

    @property
    def done(self) -> int:
        return len(self.answered)

    @property
    def left(self) -> int:
        """Unlabelled sentences, the skipped ones included."""
        return len(self.pending)

    def answer(self, choice: str) -> Annotation:
        candidate = self.pending.pop(self.position)
        self.answered.append(candidate)
        return candidate.annotation(choice)

    def skip(self) -> None:
        self.position += 1

    def undo(self, removed: Annotation) -> None:
        """Put the unit of a removed answer back, to be asked next."""
        key = (removed.doc, removed.start, removed.end)
        if self.answered and self.answered[-1].key == key:
            candidate: Candidate | None = self.answered.pop()
        else:  # answered in an earlier session, or imported
            candidate = self.known.get(key)
        if candidate is not None and candidate not in self.pending:
            self.pending.insert(self.position, candidate)
