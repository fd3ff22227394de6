"""Sides that speak unnamed: "'The ROK is not our counterpart,' she said",
"the Defence Ministry said ...", "Deputy Defence Minister Park told
reporters ...". The one speaking stands for a side the sentence does not
name, found in context like a pronoun's antecedent (pipeline/stages/resolve.py).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.records import Candidate
from pipeline.stages.dyad import ANALYST_NOUNS, is_think_tank
from pipeline.stages.reports import REPORTING_VERBS, is_quotation
from pipeline.stages.titles import ROLE_NOUNS

SPEAKING_PRONOUNS = frozenset({"he", "she", "they", "we"})
# What a side intends or is ready to do: an official tells it of their own side.
INTENT_MODALS = frozenset({"will", "would", "shall", "'ll"})
INTENT_VERBS = frozenset({"want", "wish", "seek", "hope", "intend", "plan", "aim", "stand", "prefer"})


def unnamed_speaker(sent: Span, found: list[Candidate], *, acting: bool) -> Token | None:
    """The subject of the sentence's reporting verb (its root, or a clause
    set beside the root) when it names no side but speaks for one (a
    pronoun, an official or body by title, or a person the dictionary does
    not know; not an analyst), and what it reports is its own act: a report
    in which no side named acts, or a quotation. Where a side named acts in
    the quotation, only a pronoun: "she" goes on from the sentence before,
    while an official introduced there may speak of their own side ("'Kenya
    will not allow it,' Principal Secretary Sing'oei said"); so may an
    official telling what the side named will do (`tells_own_intent`)."""
    root = sent.root
    for verb in (root, *(child for child in root.children if child.dep_ == "parataxis")):
        if verb.lemma_.lower() not in REPORTING_VERBS or (acting and not quotes(verb)):
            continue
        subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
        if subject is None or not speaks_for_a_side(subject, found):
            continue
        if subject.pos_ == "PRON" or not (acting or tells_own_intent(verb, found)):
            return subject
    return None


def tells_own_intent(verb: Token, found: list[Candidate]) -> bool:
    """An official, not a pronoun, telling what a side named as the report's
    subject will do or wants speaks for that side: "Foreign Minister Andre
    said Costa Rica would take the expulsions to the OAS". What a side did
    or is ("had become a refuge for coup plotters") may be the other's charge."""
    content = next((child for child in verb.children if child.dep_ == "ccomp"), None)
    if content is None:
        return False
    subject = clause_subject(content)
    if subject is None or not names_a_side(list(subject.subtree), found):
        return False
    return any(intends(clause) and clause_subject(clause) in {None, subject} for clause in (content, *content.conjuncts))


def clause_subject(clause: Token) -> Token | None:
    return next((child for child in clause.children if child.dep_ == "nsubj"), None)


def intends(clause: Token) -> bool:
    return clause.lemma_.lower() in INTENT_VERBS or any(child.dep_ == "aux" and child.lower_ in INTENT_MODALS for child in clause.children)


def quotes(verb: Token) -> bool:
    """Whether the reporting verb's clause is a quotation ('"...," she said', 'said: "..."')."""
    content = next((child for child in verb.children if child.dep_ in {"ccomp", "parataxis"}), None)
    if content is None and verb.dep_ == "parataxis":
        content = verb.head
    return content is not None and is_quotation(content)


def speaks_for_a_side(subject: Token, found: list[Candidate]) -> bool:
    words = list(subject.subtree)
    if names_a_side(words, found) or any(word.lemma_.lower() in ANALYST_NOUNS or is_think_tank(word) for word in words):
        return False
    if subject.pos_ == "PRON":
        return subject.lower_ in SPEAKING_PRONOUNS
    return subject.ent_type_ == "PERSON" or subject.lemma_.lower() in ROLE_NOUNS


def names_a_side(words: list[Token], found: list[Candidate]) -> bool:
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    return any(start <= candidate.start < end for candidate in found if candidate.role != "context")
