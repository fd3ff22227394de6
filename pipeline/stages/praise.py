"""A side praising or thanking another, or expressing its support:
"Kazakhstan thanked China for its support", "Moscow's ambassador praised
the Malian army's determination", "Argentina expressed full solidarity with
Lima". The guidelines list praise as cooperation (CAMEO 051), while a
sentence encoder reads what is praised ("clear its territory of
terrorists", "standing with the Sudanese people" against someone) as it
sounds.

Read from the decisive clause like a hostile measure undone (`easing`): on
its own, through "agreed to", "will", or in a verb joined to the news with
the same subject; not refused, negated or demanded of the side.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.stages.easing import its_own_step, step_chain

PRAISE = "praise"
PRAISING_VERBS = frozenset("thank praise commend hail laud applaud congratulate".split())
# "expressed its gratitude", "voiced support for".
EXPRESSING_VERBS = frozenset("express voice extend offer".split())
EXPRESSED = frozenset("gratitude appreciation solidarity thanks support admiration".split())


def praises_a_side(predicate: Token) -> bool:
    """Whether the predicate, or what it agrees or is ready to do, praises, thanks or backs someone."""
    for verb in step_chain(predicate):
        if not its_own_step(verb):
            return False
        if praises(verb):
            return True
    return False


def praises(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    objects = [child for child in verb.children if child.dep_ == "dobj"]
    if lemma in PRAISING_VERBS:
        return bool(objects)
    return lemma in EXPRESSING_VERBS and any(noun.lemma_.lower() in EXPRESSED for noun in objects)
