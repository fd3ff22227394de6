"""One side handing wanted people over to another: "Colombia extradited 200
people to the United States", "Tanzanian officials handed over suspected
militants", "Mexico sent 29 alleged cartel figures to the United States".
CAMEO counts this as judicial cooperation (063), while a sentence encoder
reads the suspects, the charges and the crimes as tension.

Read from the decisive clause like a hostile measure undone (`easing`): on
its own or through "agreed to", "will", "is ready to"; not refused, negated,
demanded of the side or held over it as a condition ("only if Kigali handed
over the plotters"). Deportation is left out: the guidelines count
expulsion as tension.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.stages.easing import first_own_step, has_particle

HANDOVER = "handover"
# Whom a side hands over to another side's justice.
WANTED = frozenset(
    "suspect militant fugitive plotter convict criminal trafficker smuggler kingpin insurgent rebel fighter jihadist terrorist figure leader aide member".split()
)
ACCUSED = frozenset({"alleged", "suspected", "accused", "wanted", "convicted"})
# Verbs that hand people over only with a receiving side: "sent ... to the United States".
SENDING = frozenset({"send", "transfer", "return", "deliver"})


def hands_over_wanted_people(predicate: Token) -> bool:
    """Whether the predicate, or what it agrees or is ready to do, hands wanted people over to another side."""
    return bool(first_own_step(predicate, lambda verb: HANDOVER if hands_over(verb) else ""))


def hands_over(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma == "extradite":
        return True
    handed = handed_people(verb)
    if lemma in {"hand", "turn"} and has_particle(verb, {"over"}):
        return any(is_wanted(person) for person in handed)
    return lemma in SENDING and to_a_side(verb) and any(is_wanted(person) for person in handed)


def handed_people(verb: Token) -> list[Token]:
    objects = [child for child in verb.children if child.dep_ in {"dobj", "nsubjpass"}]
    return [each for noun in objects for each in (noun, *noun.conjuncts)]


def is_wanted(noun: Token) -> bool:
    """"suspected militants", "the coup plotters", "alleged cartel figures", a person named."""
    if noun.ent_type_ == "PERSON":
        return True
    described = {child.lower_ for child in noun.children if child.dep_ in {"amod", "compound"}}
    return noun.lemma_.lower() in WANTED or bool(described & ACCUSED)


def to_a_side(verb: Token) -> bool:
    """"... to the United States", "... to Yaounde": a receiving state or body."""
    receivers = (pobj for prep in verb.children if prep.dep_ in {"prep", "dative"} and prep.lower_ == "to" for pobj in prep.children if pobj.dep_ == "pobj")
    return any(receiver.ent_type_ in {"GPE", "ORG", "NORP"} for receiver in receivers)
