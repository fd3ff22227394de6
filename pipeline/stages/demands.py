"""A side's demand of another, said in a dispute: "Congo's foreign minister
said Rwanda must withdraw its forces", "Beijing said Vietnam should educate
its fishermen", "the Kremlin insists that Ukraine must ...". The guidelines
make demands made in a dispute tension; the sentence encoder often reads
the demanded act ("accept", "sign agreements", "be handled bilaterally") as
cooperation.

Read from the parse: a verb of saying whose reported clause has "must",
"should" or "ought" and a named subject (a state, a group, a person, or
forces named by one: not "States", "we" or "the international community");
or "demand" itself, with what is demanded ("demanded a truce before
allowing aid convoys"), unless it is asked of all parties or all states at
once, as a Security Council resolution does.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.stages.appeals import names_the_parties
from pipeline.stages.reports import REPORTING_VERBS

DEMAND = "demand"
SAYING_VERBS = REPORTING_VERBS | frozenset({"insist", "stress", "warn", "argue", "reiterate", "maintain", "declare", "demand"})
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
NAMED_ENTITIES = frozenset({"GPE", "ORG", "NORP", "PERSON"})
# Verbs that make or keep up a demand named as a noun ("repeated its demand that ..."); not "dropped" it.
PRESSING_VERBS = frozenset("make issue repeat reiterate renew restate reaffirm press voice".split())
# Many states at once ("Latin American countries should stand together"): an appeal, not a demand of a side.
GENERIC_PLURALS = frozenset({"countries", "states", "nations", "members", "governments"})


def demands_of_a_side(predicate: Token) -> bool:
    """Whether the predicate says that a named side must or should act."""
    if predicate.lemma_.lower() not in SAYING_VERBS:
        return False
    return any(child.dep_ == "ccomp" and obliges_a_named_side(child) for child in predicate.children)


def demands_outright(verb: Token) -> bool:
    """"Serbia demanded a truce", "Kigali demanded that Kinshasa disarm the
    militia", "Egypt repeated its demand that Ethiopia stop filling the dam"."""
    if any(child.dep_ == "neg" for child in verb.children):
        return False
    if presses_a_demand_of_a_side(verb):
        return True
    if verb.lemma_.lower() != "demand":
        return False
    demanded = [child for child in verb.children if child.dep_ in {"dobj", "ccomp", "xcomp"}]
    return bool(demanded) and not any(asks_everyone(token) for clause in demanded for token in clause.subtree)


def presses_a_demand_of_a_side(verb: Token) -> bool:
    """"repeated its demand that Ethiopia stop filling the dam": a demand
    named as a noun, with a clause (on the noun, or on the verb where the
    parse puts it) whose subject is a named side."""
    demands = [child for child in verb.children if child.dep_ == "dobj" and child.lemma_.lower() == "demand"]
    if verb.lemma_.lower() not in PRESSING_VERBS or not demands:
        return False
    clauses = [child for noun in demands for child in noun.children if child.dep_ in {"acl", "ccomp"}]
    clauses += [child for child in verb.children if child.dep_ == "ccomp"]
    return any(is_named(subject) for clause in clauses for subject in clause.children if subject.dep_ in {"nsubj", "nsubjpass"})


def asks_everyone(noun: Token) -> bool:
    """"all parties to armed conflict", "all States": everyone at once, not a side."""
    return names_the_parties(noun) or noun.lower_ in GENERIC_PLURALS and any(child.lower_ == "all" for child in noun.children)


def obliges_a_named_side(verb: Token) -> bool:
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ in {"aux", "auxpass"}}
    subject = next((child for child in verb.children if child.dep_ in {"nsubj", "nsubjpass"}), None)
    return bool(auxiliaries & OBLIGATION_AUX) and subject is not None and subject.lower_ not in GENERIC_PLURALS and is_named(subject)


def is_named(subject: Token) -> bool:
    """"Rwanda", "Kigali's army", "US and British forces" (named by a modifier)."""
    modifiers = (child for child in subject.children if child.dep_ in {"amod", "compound", "poss", "nmod"})
    return subject.ent_type_ in NAMED_ENTITIES or subject.pos_ == "PROPN" or any(child.ent_type_ in NAMED_ENTITIES for child in modifiers)
