"""The decisive predicate's words, for the event type (`events/types.py`):
PLOVER's types follow the verb ("withdrew", "pulled out", "called for").

The terms are the lemma of the decisive predicate (`stance.decisive_predicate`)
and the lemma joined to each particle or preposition hanging on it
(`pull_out`, `call_for`). A reporting verb ("said", "announced") gives way
to the clause it reports, whose verb carries the event.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipeline.stages.reports import REPORTING_VERBS
from pipeline.stages.stance import decisive_predicate

REPORTED_CLAUSES = frozenset({"ccomp", "xcomp"})
PREDICATE_PARTICLES = frozenset({"prt", "prep"})
# The press's stock phrases for a side saying nothing: "did not respond to a
# request for comment", "declined to comment", "could not be reached for
# comment", "did not immediately comment".
NO_COMMENT = re.compile(
    r"\b(?:declin\w*|refus\w*) to comment\b|\b(?:request|requests|asked) for comment\b|\breached for comment\b|\bno immediate comment\b"
    r"|\bnot immediately (?:comment|respond|reply)\w*|\b(?:did|does|has|have|had|would) not comment\b",
    re.IGNORECASE,
)
NO_COMMENT_PREDICATES = frozenset({"decline", "refuse", "respond", "reply", "reach", "comment", "be", "have"})
# A count of people killed, displaced or on the move leading the clause: "More
# than 40,000 people have been killed in the conflict", "About 8,000 people
# crossed into Chile last year".
PEOPLE_COUNT = re.compile(
    r"^\W*(?:(?:more than|at least|about|around|nearly|almost|some|over|up to|an estimated|roughly|fewer than|less than)\s+)?"
    r"(?:\d[\d,.]*\s*(?:million|thousand)?|(?:tens of |hundreds of )?(?:hundreds|thousands|millions|dozens) of)\s+(?:\w+\s+)?"
    r"(?:people|civilians|persons|residents|villagers|migrants|refugees|children|families|inhabitants)\b",
    re.IGNORECASE,
)
COUNTED_PREDICATES = frozenset({"kill", "die", "displace", "flee", "wound", "injure", "live", "cross", "arrive", "leave"})


def predicate_terms(sent: Span) -> tuple[str, ...]:
    """The event's verb as terms: its lemma, then lemma_particle for each particle or preposition."""
    predicate = reported_predicate(decisive_predicate(sent))
    lemma = predicate.lemma_.lower()
    joined = (f"{lemma}_{child.lower_}" for child in predicate.children if child.dep_ in PREDICATE_PARTICLES)
    return tuple(dict.fromkeys((lemma, *joined)))


def reported_predicate(predicate: Token) -> Token:
    """The verb of the clause a reporting verb reports, else the predicate itself."""
    if predicate.lemma_.lower() not in REPORTING_VERBS:
        return predicate
    return next((child for child in predicate.children if child.dep_ in REPORTED_CLAUSES), predicate)


def says_nothing(predicate: tuple[str, ...], main_clause: str) -> bool:
    """The sentence's news is that a side gave the press no comment: one
    actor alone, not a claim (guidelines: background about one actor)."""
    return bool(predicate) and predicate[0] in NO_COMMENT_PREDICATES and NO_COMMENT.search(main_clause) is not None


def counts_people(predicate: tuple[str, ...], main_clause: str) -> bool:
    """The clause's news is a count of people killed, displaced or on the
    move (guidelines: statistics with no interaction are no claims, unless
    the sentence names the sides: "24 people have died in Iranian missile
    strikes, Israeli authorities say")."""
    return bool(predicate) and predicate[0] in COUNTED_PREDICATES and PEOPLE_COUNT.search(main_clause) is not None
