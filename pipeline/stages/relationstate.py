"""The state of a relation, reported as the news: "Relations have been
strained since 2017", "cooperation among the four countries has frayed",
"Ties between Japan and South Korea have warmed". The guidelines make a
report that tension persists or grew tension, and one that relations
improved cooperation; the sentence encoder reads "cooperation" or
"rapprochement" in the subject as cooperation whatever happened to it.

Read from the decisive predicate: its subject is a relation noun, and the
predicate or its complement says how the relation stands. General English
words for a relation's state, not any article's phrases.
"""

from __future__ import annotations

from spacy.tokens import Token

RELATION_NOUNS = frozenset(
    {"relation", "relations", "tie", "ties", "relationship", "partnership", "cooperation", "rapprochement", "detente", "détente"}
    | {"thaw", "alliance", "friendship", "dialogue", "talks", "normalisation", "normalization"}
)
WORSE_STATES = frozenset(
    """
    strain strained freeze frozen sour soured worsen worsened deteriorate deteriorated fragile fray frayed tense
    tested hostage rocky uneasy troubled cool cooled cold sink sunk plunge plunged fracture fractured stall stalled
    collapse collapsed break broken hit rupture ruptured chill chilly difficult damaged
    """.split()
)
BETTER_STATES = frozenset(
    """
    improve improved restore restored strong warm warmed mature matured develop developing deepen deepened
    normalise normalised normalize normalized stable solid close excellent flourish flourished
    """.split()
)
COMPLEMENT_DEPS = frozenset({"acomp", "attr", "xcomp", "oprd"})
WORSE, BETTER = "worse", "better"


def relation_state(predicate: Token) -> str | None:
    """WORSE or BETTER when the predicate tells how a relation stands, else None."""
    subject = next((child for child in predicate.children if child.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.lower_ not in RELATION_NOUNS and subject.lemma_.lower() not in RELATION_NOUNS:
        return None
    negated = any(child.dep_ == "neg" for child in predicate.children)
    for word in (predicate, *(child for child in predicate.children if child.dep_ in COMPLEMENT_DEPS)):
        forms = {word.lower_, word.lemma_.lower()}
        if forms & WORSE_STATES:
            return BETTER if negated else WORSE
        if forms & BETTER_STATES:
            return WORSE if negated else BETTER
    return None
