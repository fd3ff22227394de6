"""Sides acting together: "Lithuania said it would coordinate its response
with Warsaw", "President Salva Kiir received an RSF delegation", "the army
and the rebels have both sought to court Juba", "Spain relies on Moroccan
security forces", "the two sides held talks", "Modi visited Beijing", "It
was Erdogan's first visit to Greece"; or one supplying another:
"Egypt delivered two shipments of weapons to Mogadishu". The guidelines
list consulting, meeting, negotiating, signing, hosting, supplying, aiding
and arming as cooperation, while
a sentence encoder reads what the sides act on together ("coordinate
operations against the PKK", "keep migrants away from the fences") as it
sounds.

Read from the decisive clause like a hostile measure undone (`easing`): on
its own, through "agreed to", "will", "sought to", or in a verb joined to
the news with the same subject; not refused, negated ("held no talks"),
asked of another side, or held over it as a condition.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.stages.demands import is_named
from pipeline.stages.easing import first_own_step
from pipeline.stages.handover import to_a_side

JOINT_ACT, SUPPLY = "joint act", "supply"
# Verbs that act together with a side named after "with" ("cooperate with Baghdad"), or "on" for "rely".
WITH_VERBS = frozenset("coordinate cooperate collaborate consult meet deal work partner ally".split())
SUPPLYING_VERBS = frozenset("supply deliver send provide give ship donate grant".split())
GOODS = frozenset("weapon arm arms aid assistance shipment ammunition equipment drone loan fuel grain food vaccine".split())
# A side named by what it is rather than by its name: "the government", "Bangladeshi officials".
SIDE_NOUNS = frozenset("government officials official delegation counterpart leaders leader minister side sides parties authorities".split())
# Verbs that act together with a side as their object: "Erdogan met Mitsotakis", "Modi visited Beijing".
SIDE_OBJECT_VERBS = frozenset({"meet", "visit"})
# Recognising a side (guidelines: recognition): "Israel recognised Somaliland", "recognise it as an independent state".
RECOGNISING_VERBS = frozenset({"recognise", "recognize"})
# Nouns for a joint act that a copula can name: "It was Erdogan's first visit to Greece in six years".
JOINT_NOUNS = frozenset({"visit", "meeting", "summit", "talks", "trip"})
# Those a side shelters against another: "each has hosted exiled opponents of the other" is no joint act.
HARBOURED = frozenset("opponent dissident exile rebel militant fighter insurgent plotter".split())
# Verbs whose object is the joint act or the side received; None: any object.
OBJECT_VERBS: dict[str, frozenset[str] | None] = {
    "host": None,
    "court": None,
    "engage": SIDE_NOUNS,  # "engage all sides", not "engaged the militants" in battle
    "coordinate": None,
    "receive": frozenset("delegation envoy minister president leader visitor counterpart delegate".split()),
    "hold": frozenset("talk talks meeting consultation discussion negotiation".split()),
    "sign": frozenset("agreement deal pact accord memorandum treaty protocol".split()),
}


def acting_together(predicate: Token) -> str:
    """JOINT_ACT or SUPPLY when the predicate, or what it agrees or seeks to do, is one; else ""."""
    return first_own_step(predicate, act_together)


def act_together(verb: Token) -> str:
    return JOINT_ACT if is_joint_act(verb) else SUPPLY if supplies(verb) else ""


def supplies(verb: Token) -> bool:
    """"delivered two shipments of weapons to Mogadishu", "gave the Ivory Coast 5.1 million dollars of aid"."""
    if verb.lemma_.lower() not in SUPPLYING_VERBS or not (to_a_side(verb) or any(child.dep_ == "dative" for child in verb.children)):
        return False
    supplied = [each for child in verb.children if child.dep_ == "dobj" for each in (child, *child.conjuncts)]
    return any(is_goods(noun) or any(is_goods(pobj) for pobj in objects_of(noun, "of")) for noun in supplied)


def is_goods(noun: Token) -> bool:
    return noun.lemma_.lower() in GOODS or noun.lower_ in GOODS


def is_joint_act(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in WITH_VERBS and any(is_a_side(noun) for noun in objects_of(verb, "with")):
        return True
    if lemma in SIDE_OBJECT_VERBS and any(child.dep_ == "dobj" and is_named(child) for child in verb.children):
        return True
    if lemma in RECOGNISING_VERBS:
        return any(child.dep_ == "dobj" and (is_a_side(child) or child.pos_ == "PRON" and objects_of(verb, "as")) for child in verb.children)
    if lemma == "be":
        return any(names_a_joint_act(child) for child in verb.children if child.dep_ == "attr")
    if lemma == "rely":
        return any(is_a_side(noun) for noun in objects_of(verb, "on"))
    if lemma not in OBJECT_VERBS:
        return False
    wanted = OBJECT_VERBS[lemma]
    acted_on = [child for child in verb.children if child.dep_ == "dobj" and not denied(child) and child.lemma_.lower() not in HARBOURED]
    return any(wanted is None or noun.lemma_.lower() in wanted or noun.lower_ in wanted for noun in acted_on)


def names_a_joint_act(noun: Token) -> bool:
    """"Erdogan's first visit to Greece", "their second meeting in a month"; not "no visit"."""
    if noun.lemma_.lower() not in JOINT_NOUNS and noun.lower_ not in JOINT_NOUNS or denied(noun):
        return False
    return any(child.dep_ == "poss" for child in noun.children) or bool(objects_of(noun, "to") or objects_of(noun, "between"))


def objects_of(verb: Token, preposition: str) -> list[Token]:
    return [pobj for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == preposition for pobj in prep.children if pobj.dep_ == "pobj"]


def is_a_side(noun: Token) -> bool:
    """"Warsaw", "Moroccan security forces", "the government in Naypyitaw"; not "helicopters"."""
    return is_named(noun) or noun.lemma_.lower() in SIDE_NOUNS or noun.lower_ in SIDE_NOUNS


def denied(noun: Token) -> bool:
    """"held no direct talks"."""
    return any(child.dep_ == "det" and child.lower_ == "no" for child in noun.children)
