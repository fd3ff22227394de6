"""A side judging another in words: praising, thanking or backing it
("Kazakhstan thanked China for its support", "Argentina expressed full
solidarity with Lima"), or accusing, condemning or criticising it ("Iran
accused Baku of deepening ties with Israel", "New Delhi summoned
Bangladesh's envoy"). The guidelines list praise as cooperation (CAMEO
051) and criticism and accusation as tension (CAMEO 111-112), while a
sentence encoder reads what is praised or charged ("clear its territory of
terrorists", "deepening ties") as it sounds.

Read from the decisive clause like a hostile measure undone (`easing`): on
its own, through "agreed to", "will", or in a verb joined to the news with
the same subject; not refused, negated, asked of another side or a
condition. A
condemnation of everyone's acts at once ("condemns all acts of violence
against humanitarian personnel", as Security Council texts do) names no
side and is not read.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.stages.easing import first_own_step

PRAISE, ACCUSATION = "praise", "accusation"
PRAISING_VERBS = frozenset("thank praise commend hail laud applaud congratulate".split())
# "expressed its gratitude", "voiced support for".
EXPRESSING_VERBS = frozenset("express voice extend offer".split())
EXPRESSED = frozenset("gratitude appreciation solidarity thanks support admiration".split())
ACCUSING_VERBS = frozenset("accuse blame condemn criticise criticize denounce slam rebuke reproach chastise castigate summon".split())


def judgement(predicate: Token) -> str:
    """PRAISE or ACCUSATION when the predicate, or what it agrees or is ready to do, judges someone; else ""."""
    return first_own_step(predicate, judge)


def judge(verb: Token) -> str:
    return PRAISE if praises(verb) else ACCUSATION if accuses(verb) else ""


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
