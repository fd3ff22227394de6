"""A side judging another in words: praising, thanking or backing it
("Kazakhstan thanked China for its support", "Argentina expressed full
solidarity with Lima"), accusing, condemning or criticising it ("Iran
accused Baku of deepening ties with Israel", "New Delhi summoned
Bangladesh's envoy"), or warning it ("Beijing warned against forming
exclusive blocs"). The guidelines list praise as cooperation (CAMEO 051)
and criticism, accusation and warnings as tension (CAMEO 111-112, 13),
while a sentence encoder reads what is praised, charged or warned of
("clear its territory of terrorists", "deepening ties") as it sounds.

Read from the decisive clause like a hostile measure undone (`easing`): on
its own, through "agreed to", "will", or in a verb joined to the news with
the same subject; not refused, negated, asked of another side or a
condition. A condemnation of everyone's acts at once ("condemns all acts
of violence against humanitarian personnel", as Security Council texts
do) names no side and is not read.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.stages.easing import first_own_step

PRAISE, ACCUSATION, WARNING = "praise", "accusation", "warning"
PRAISING_VERBS = frozenset("thank praise commend hail laud applaud congratulate".split())
# "expressed its gratitude", "voiced support for".
EXPRESSING_VERBS = frozenset("express voice extend offer".split())
EXPRESSED = frozenset("gratitude appreciation solidarity thanks support admiration".split())
ACCUSING_VERBS = frozenset("accuse blame condemn criticise criticize denounce slam rebuke reproach chastise castigate summon".split())
# A warning (CAMEO 13): "warned Manila against", "warned that it would respond". A threat ("threatened
# to cut ties") is no step of the side's own (`easing.NOT_ITS_OWN_STEP`): the model reads it.
WARNING_VERBS = frozenset({"warn"})
# What a warning may hang: a clause, or "against"/"of"/"over" what is warned of.
WARNED_DEPS = frozenset({"dobj", "ccomp", "xcomp"})
WARNED_PREPOSITIONS = frozenset({"against", "of", "over", "about"})


def judgement(predicate: Token) -> str:
    """PRAISE or ACCUSATION when the predicate, or what it agrees or is ready to do, judges someone; else ""."""
    return first_own_step(predicate, judge)


def judge(verb: Token) -> str:
    return PRAISE if praises(verb) else ACCUSATION if accuses(verb) else WARNING if warns(verb) else ""


def warns(verb: Token) -> bool:
    """"warned Seoul against ...", "warned that ..."."""
    if verb.lemma_.lower() not in WARNING_VERBS:
        return False
    return any(child.dep_ in WARNED_DEPS or child.dep_ == "prep" and child.lower_ in WARNED_PREPOSITIONS for child in verb.children)


def praises(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in PRAISING_VERBS:
        return bool(objects(verb))
    return lemma in EXPRESSING_VERBS and any(noun.lemma_.lower() in EXPRESSED for noun in objects(verb))


def accuses(verb: Token) -> bool:
    judged = objects(verb)
    return verb.lemma_.lower() in ACCUSING_VERBS and bool(judged) and not any(child.lower_ == "all" for noun in judged for child in noun.children)


def objects(verb: Token) -> list[Token]:
    return [child for child in verb.children if child.dep_ == "dobj"]
