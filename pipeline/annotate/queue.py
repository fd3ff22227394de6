"""The annotation queue: every body or bullet sentence of the corpus that has
no label yet, with the model's guess, the least certain first (active
learning), and the session that turns key presses into annotation records.

The guess is the likeliest of three outcomes, P(not a claim) = 1 - p_claim
and P(label) = p_claim * p_label, and the queue is ordered by that
probability, lowest first: the sentences the model can learn most from.
Headings, site furniture and lines that are only a date or a dateline are
never claims (guidelines, "Unit"), so they are not asked about.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.model.classify import predict
from pipeline.config import NON_CLAIM_KINDS
from pipeline.stages.ingest import ingest, is_date_line
from pipeline.io import list_articles
from pipeline.model.classifier import ClaimModel, Prediction
from pipeline.records import Annotation, Sentence

if TYPE_CHECKING:
    from spacy.language import Language

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
    before_actors: tuple[str, ...] = ()  # the codes of the sentence before

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.sentence.doc, self.sentence.start, self.sentence.end)

    @property
    def actor_choices(self) -> tuple[str, ...]:
        """The codes an analyst may pick the sides from: this sentence's, then the one before's."""
        own = [m.actor for m in self.sentence.mentions if m.actor]
        return tuple(dict.fromkeys([*self.sentence.actors, *own, *self.before_actors]))

    def annotation(self, choice: str, *, actors: tuple[str, ...] | None = None, mixed: bool = False) -> Annotation:
        """The record for an answer, in the guidelines' format; a claim's actors
        are the analyst's if edited, else the ones the tagger found (the
        sides, in order, where it could tell)."""
        claim = choice != NOT_CLAIM
        sentence = self.sentence
        return Annotation(
            doc=sentence.doc,
            start=sentence.start,
            end=sentence.end,
            text=sentence.text,
            claim=claim,
            label=choice if claim else None,
            mixed=mixed and claim,
            actors=(sentence.actors if actors is None else actors) if claim else (),
        )


def three_way_guess(prediction: Prediction) -> tuple[str, float]:
    """The likeliest of not-a-claim, cooperation and tension, with its probability."""
    return three_way(prediction.claim_confidence, prediction.label, prediction.confidence)


def three_way(p_claim: float, label: str, label_confidence: float) -> tuple[str, float]:
    not_claim = 1.0 - p_claim
    labelled = p_claim * label_confidence
    return (NOT_CLAIM, not_claim) if not_claim >= labelled else (label, labelled)


def candidates(tagged: Iterable[tuple[str, list[Sentence]]], *, model: ClaimModel) -> Iterator[Candidate]:
    """A candidate for every body or bullet sentence, with the text around it."""
    for _doc_id, sentences in tagged:
        predictions = predict(model, sentences) if sentences else []
        yield from article_candidates(sentences, [three_way_guess(prediction) for prediction in predictions])


def candidates_from_guesses(articles: Iterable[tuple[list[Sentence], list[dict]]]) -> Iterator[Candidate]:
    """Candidates from a run's sentences and the model's guesses (`sentences.jsonl`'s fields)."""
    for sentences, guesses in articles:
        outcomes = [three_way(g["claim_probability"], g["label_guess"], g["label_confidence"]) for g in guesses]
        yield from article_candidates(sentences, outcomes)


def article_candidates(sentences: list[Sentence], outcomes: list[tuple[str, float]]) -> Iterator[Candidate]:
    for i, (sentence, (guess, confidence)) in enumerate(zip(sentences, outcomes)):
        if sentence.kind in NON_CLAIM_KINDS or is_date_line(sentence.text):
            continue
        yield Candidate(
            sentence=sentence,
            before=sentences[i - 1].text if i > 0 else "",
            after=sentences[i + 1].text if i + 1 < len(sentences) else "",
            guess=guess,
            confidence=confidence,
            before_actors=sentences[i - 1].actors if i > 0 else (),
        )


def tagged_sentences(corpus_dir: Path, *, nlp: Language) -> Iterator[tuple[str, list[Sentence]]]:
    """Every article's sentences, tagged, as `pipeline run` finds them."""
    from pipeline.stages.sentences import article_sentences  # spaCy, only when parsing

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
    edited_actors: dict[tuple[str, int, int], tuple[str, ...]] = field(default_factory=dict)
    mixed: set[tuple[str, int, int]] = field(default_factory=set)

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
        return candidate.annotation(choice, actors=self.edited_actors.get(candidate.key), mixed=candidate.key in self.mixed)

    def actors_of(self, candidate: Candidate) -> tuple[str, ...]:
        return self.edited_actors.get(candidate.key, candidate.sentence.actors)

    def toggle_actor(self, number: int) -> str | None:
        """Add the current sentence's `number`-th actor choice (from 1) as the
        last side, or remove it; the code, or None if there is no such choice."""
        candidate = self.current
        if candidate is None or not 1 <= number <= len(candidate.actor_choices):
            return None
        code = candidate.actor_choices[number - 1]
        actors = self.actors_of(candidate)
        self.edited_actors[candidate.key] = tuple(a for a in actors if a != code) if code in actors else (*actors, code)
        return code

    def toggle_mixed(self) -> bool:
        """Flip the current sentence's mixed flag; its new value."""
        key = self.current.key if self.current is not None else None
        if key is None:
            return False
        self.mixed.symmetric_difference_update({key})
        return key in self.mixed

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
