"""The state of a relation or a joint undertaking, reported as the news:
"Relations have been strained since 2017", "cooperation among the four
countries has frayed", "Ties between Japan and South Korea have warmed",
"the peace process has stalled", "the two countries have no diplomatic
relations"; and a side ending a tie:
"South Korea suspended a military agreement with North Korea", "Somalia cut
diplomatic ties with Kenya". The guidelines make a report that tension
persists or grew tension, one that relations improved cooperation, and
suspending or cutting ties tension; the sentence encoder reads "agreement",
"cooperation" or "rapprochement" as cooperation whatever happened to it.

Read from the decisive predicate: its subject is a relation noun (or a joint
undertaking: a process, a deal, a truce), and the predicate or its
complement says how the relation stands; or it ends (suspends, cuts,
scraps) a tie or an agreement. General English words for a
relation's state, not any article's phrases.
"""

from __future__ import annotations

from spacy.tokens import Token

RELATION_NOUNS = frozenset(
    {"relation", "relations", "tie", "ties", "relationship", "partnership", "cooperation", "rapprochement", "detente", "détente"}
    | {"thaw", "alliance", "friendship", "dialogue", "talks", "contacts", "normalisation", "normalization"}
)
# What else between the sides can stand worse or better: a joint undertaking.
STATE_SUBJECTS = RELATION_NOUNS | frozenset(
    "process negotiations deal agreement accord pact truce ceasefire repatriation implementation peace".split()
)
WORSE_STATES = frozenset(
    """
    strain strained freeze frozen sour soured worsen worsened deteriorate deteriorated fragile fray frayed tense
    tested hostage rocky uneasy troubled cool cooled cold sink sunk plunge plunged fracture fractured stall stalled
    collapse collapsed break broken hit rupture ruptured chill chilly difficult damaged closed
    fail failed falter faltered founder foundered unravel unravelled unraveled derail derailed expire expired lapse lapsed
    """.split()
)
BETTER_STATES = frozenset(
    """
    improve improved restore restored strong warm warmed mature matured develop developing deepen deepened
    normalise normalised normalize normalized stable solid close excellent flourish flourished smooth cordial friendly
    """.split()
)
COMPLEMENT_DEPS = frozenset({"acomp", "attr", "xcomp", "oprd"})
ENDING_VERBS = frozenset(
    "suspend scrap cancel annul terminate abandon revoke withdraw quit freeze halt sever downgrade cut end renounce repudiate exit".split()
)
# What a side ends: a tie, an agreement, a joint undertaking.
TIE_NOUNS = RELATION_NOUNS | frozenset(
    """
    agreement deal pact treaty accord flight trade aid memorandum membership negotiation project programme program mission
    """.split()
)
# An undertaking that never came about: "the agreement never came", "the deal did not materialise".
COMING_ABOUT = frozenset("come materialise materialize happen emerge arrive".split())
# What an undertaking ended without: "the talks ended without agreement".
OUTCOME_NOUNS = frozenset("agreement deal result breakthrough progress accord settlement consensus compromise".split())
# How sides come to an outcome: "failed to reach agreement".
REACHING = frozenset("reach conclude strike secure find".split())
# A part that stands for the whole undertaking: "a sixth round of talks".
PART_NOUNS = frozenset("round session series".split())
WORSE, BETTER, ENDED = "worse", "better", "ended"
# Sides that have, keep or enjoy a relation: "have no diplomatic relations", "have close ties".
HOLDING_VERBS = frozenset("have maintain enjoy keep".split())
# Envoys a relation is held through: "still have no ambassadors in each other's capitals".
ENVOY_NOUNS = frozenset("ambassador ambassadors embassy embassies envoy envoys".split())


def relation_state(predicate: Token) -> str | None:
    """WORSE or BETTER when the predicate tells how a relation stands, else None."""
    if failed_to_agree(predicate):
        return WORSE
    held = held_relation(predicate)
    if held:
        return held
    subject = next((whole(child) for child in predicate.children if child.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.lower_ not in STATE_SUBJECTS and subject.lemma_.lower() not in STATE_SUBJECTS:
        return None
    negated = any(child.dep_ == "neg" for child in predicate.children)
    if came_to_nothing(predicate, negated):
        return WORSE
    for word in (predicate, *(child for child in predicate.children if child.dep_ in COMPLEMENT_DEPS)):
        forms = {word.lower_, word.lemma_.lower()}
        if forms & WORSE_STATES:
            return BETTER if negated else WORSE
        if forms & BETTER_STATES:
            return WORSE if negated else BETTER
    return None


def held_relation(predicate: Token) -> str | None:
    """"have no diplomatic relations", "have never had ties", "have had only
    consular relations", "have no ambassadors" (WORSE); "enjoy close ties"
    (BETTER); None where the predicate holds no relation."""
    if predicate.lemma_.lower() not in HOLDING_VERBS:
        return None
    none = any(child.dep_ == "neg" or child.lower_ in {"never", "only"} for child in predicate.children)
    for noun in (child for child in predicate.children if child.dep_ == "dobj"):
        words = {noun.lower_, noun.lemma_.lower()}
        if not words & (RELATION_NOUNS | ENVOY_NOUNS):
            continue
        if none or any(child.lower_ in {"no", "only"} for child in noun.children):
            return WORSE
        described = {form for child in noun.children if child.dep_ == "amod" for form in (child.lower_, child.lemma_.lower())}
        if words & RELATION_NOUNS and described & WORSE_STATES:
            return WORSE
        if words & RELATION_NOUNS and described & BETTER_STATES:
            return BETTER
    return None


def failed_to_agree(predicate: Token) -> bool:
    """"Palestinians and Israelis failed to reach agreement", "the two sides failed to agree"."""
    if predicate.lemma_.lower() != "fail" or any(child.dep_ == "neg" for child in predicate.children):
        return False
    for attempt in (child for child in predicate.children if child.dep_ == "xcomp"):
        reached = {child.lemma_.lower() for child in attempt.children if child.dep_ == "dobj"}
        if attempt.lemma_.lower() == "agree" or attempt.lemma_.lower() in REACHING and reached & OUTCOME_NOUNS:
            return True
    return False


def came_to_nothing(predicate: Token, negated: bool) -> bool:
    """"the agreement never came", "the talks ended without agreement"."""
    if negated:
        return predicate.lemma_.lower() in COMING_ABOUT
    without = (pobj for prep in predicate.children if prep.dep_ == "prep" and prep.lower_ == "without" for pobj in prep.children if pobj.dep_ == "pobj")
    return any(noun.lemma_.lower() in OUTCOME_NOUNS for noun in without)


def ends_a_tie(predicate: Token) -> bool:
    """"suspended a military agreement", "cut diplomatic ties with", "withdrew from the treaty"."""
    called_off = predicate.lemma_.lower() == "call" and any(child.dep_ == "prt" and child.lower_ == "off" for child in predicate.children)
    if predicate.lemma_.lower() not in ENDING_VERBS and not called_off or any(child.dep_ == "neg" for child in predicate.children):
        return False
    ended = [child for child in predicate.children if child.dep_ in {"dobj", "nsubjpass"}]
    ended += [noun for prep in predicate.children if prep.dep_ == "prep" and prep.lower_ in {"from", "of"} for noun in prep.children if noun.dep_ == "pobj"]
    return any(noun.lower_ in TIE_NOUNS or noun.lemma_.lower() in TIE_NOUNS for noun in map(whole, ended))


def whole(noun: Token) -> Token:
    """"a sixth round of talks" stands for the talks."""
    if noun.lemma_.lower() not in PART_NOUNS:
        return noun
    return next((pobj for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of" for pobj in prep.children if pobj.dep_ == "pobj"), noun)
