"""A side claiming land or sea another holds or claims: "Venezuela claims the
Essequibo region", "Beijing claims almost all of the South China Sea",
"Japan's defence white paper again claimed the Dokdo islets". The guidelines
make disputes over borders tension; a sentence encoder reads a claim on a
place as a plain statement.

Read from the decisive clause like a hostile measure undone (`easing`), on
its own or through "will", not refused, negated or asked of another side
("urged Tokyo to stop claiming the islets"). What is claimed must be a place
("the region", "the islands", a named place), not an attack, a victory or
lives.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.stages.easing import first_own_step

TERRITORIAL_CLAIM = "territorial claim"
PLACE_NOUNS = frozenset(
    "region territory island islet islands islets sea waters area shoal reef province enclave strip land sovereignty peninsula".split()
)
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
# "claims almost all of the South China Sea", "claims parts of the region".
SHARES = frozenset({"all", "most", "much", "part", "parts", "half", "some"})


def claims_territory(predicate: Token) -> str:
    """TERRITORIAL_CLAIM when the predicate, or what it is set to do, claims a place; else ""."""
    return first_own_step(predicate, lambda verb: TERRITORIAL_CLAIM if claims_a_place(verb) else "")


def claims_a_place(verb: Token) -> bool:
    if verb.lemma_.lower() != "claim":
        return False
    claimed = [child for child in verb.children if child.dep_ == "dobj"]
    claimed += [pobj for noun in claimed if noun.lower_ in SHARES for prep in noun.children if prep.lower_ == "of" for pobj in prep.children]
    return any(is_a_place(noun) for noun in claimed)


def is_a_place(noun: Token) -> bool:
    return noun.ent_type_ in PLACE_ENTITIES or noun.lemma_.lower() in PLACE_NOUNS or noun.lower_ in PLACE_NOUNS
