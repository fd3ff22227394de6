"""A side disavowing a hostile act of its own: "Iraq would not allow its
territory to be used to attack Turkey", "his country poses no threat to its
neighbours", "had no intention of harming" its neighbour. The guidelines
count reassurance as cooperation, while a sentence encoder reads the
hostile word ("attack", "threat", "harm") as tension.

Read from the parse of the decisive clause, in four shapes: a hostile noun
taken with "no" by a verb ("poses no threat"); "no intention (plan, desire)
of" a hostile act; "will not allow" a hostile act or the use of territory
"against" a side; "will not" or "would never" do a hostile act, or be used
against a side. A demand ("should not interfere", "must not attack"), a
denial of a fact ("there is no threat") and a past act not done ("did not
attack") are not pledges, so they are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

from spacy.tokens import Token

from pipeline.stages.lexicon import cue_polarity

PLEDGE = "pledge"
INTENT_NOUNS = frozenset({"intention", "intent", "plan", "desire", "interest", "wish", "aim", "ambition"})
PERMIT_VERBS = frozenset({"allow", "permit", "let"})
PROSPECTIVE_AUX = frozenset({"will", "would", "'ll", "shall"})
DEMAND_AUX = frozenset({"should", "must", "ought"})
# Verbs that describe rather than do: "there is no threat", "had no threat".
STATIVE_VERBS = frozenset({"be", "have"})
# How far up from the hostile word "no intention" or "will not allow" is looked for.
MAX_CHAIN = 5


def disavows_hostility(clause: Iterable[Token]) -> bool:
    """Whether the clause pledges that a hostile act will not be done."""
    return any(is_hostile(token) and disavowed(token) or used_against(token) for token in clause)


def is_hostile(token: Token) -> bool:
    return (cue_polarity(token.lemma_) or cue_polarity(token.lower_)) < 0


def disavowed(hostile: Token) -> bool:
    return taken_with_no(hostile) or under_refusal(hostile) or pledged_not(hostile)


def taken_with_no(noun: Token) -> bool:
    """"poses no threat", "no attack will come": the noun with "no", as what a verb acts with."""
    if noun.pos_ != "NOUN" or not any(child.dep_ == "det" and child.lower_ == "no" for child in noun.children):
        return False
    verb = noun.head
    is_existential = any(child.lower_ == "there" for child in verb.children)
    return noun.dep_ in {"dobj", "nsubj", "nsubjpass"} and verb.lemma_.lower() not in STATIVE_VERBS and not is_existential


def under_refusal(token: Token) -> bool:
    """"no intention of harming", "will not allow its territory to be used to
    attack"; not "will not allow attacks on its troops", a warning: what is
    not allowed is the side's own ground being used."""
    used = token.lemma_.lower() == "use"
    for head in heads(token):
        lemma = head.lemma_.lower()
        if lemma in INTENT_NOUNS and any(child.lower_ == "no" for child in head.children):
            return True
        if lemma in PERMIT_VERBS and used and negated(head) and not auxiliaries(head) & DEMAND_AUX:
            return True
        used = used or lemma == "use"
    return False


def pledged_not(verb: Token) -> bool:
    """"will not attack", "would never invade"."""
    return verb.pos_ in {"VERB", "AUX"} and negated(verb) and is_pledge(verb)


def used_against(token: Token) -> bool:
    """"territory would not be used against its neighbours", "will not allow it to be used against"."""
    if token.lemma_.lower() != "use" or not aimed_against(token):
        return False
    return negated(token) and is_pledge(token) or under_refusal(token)


def aimed_against(use: Token) -> bool:
    """"used against X", or "use its soil against X" (the preposition parsed on the object)."""
    objects = [child for child in use.children if child.dep_ == "dobj"]
    return any(child.dep_ == "prep" and child.lower_ == "against" for token in (use, *objects) for child in token.children)


def is_pledge(verb: Token) -> bool:
    found = auxiliaries(verb)
    return bool(found & PROSPECTIVE_AUX) and not found & DEMAND_AUX


def negated(token: Token) -> bool:
    return any(child.dep_ == "neg" or child.lower_ in {"no", "never"} and child.dep_ in {"det", "advmod"} for child in token.children)


def auxiliaries(verb: Token) -> set[str]:
    return {child.lower_ for child in verb.children if child.dep_ in {"aux", "auxpass"}}


def heads(token: Token) -> Iterable[Token]:
    return islice(token.ancestors, MAX_CHAIN)
