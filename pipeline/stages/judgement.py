"""A side judging another in words: praising, thanking or backing it
("Kazakhstan thanked China for its support", "Argentina expressed full
solidarity with Lima"), accusing, condemning or criticising it ("Iran
accused Baku of deepening ties with Israel", "New Delhi summoned
Bangladesh's envoy"), or warning it ("Beijing warned against forming
exclusive blocs"), denying what it asserts or asks ("Minsk denies the
accusation", "rejected Pyongyang's proposal"), calling what it did by a
verdict ("Beijing called the Philippine statement irresponsible",
"described the talks as constructive"), or apologising to it. The
guidelines list praise as cooperation (CAMEO 051)
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

from pipeline.stages.demands import is_named
from pipeline.stages.easing import first_own_step

PRAISE, ACCUSATION, WARNING, APOLOGY, DENIAL = "praise", "accusation", "warning", "apology", "denial"
# Denying or rejecting what another side asserts or asks (guidelines: "deny the other's claims"):
# "Taiwan rejects those claims", "Kigali denies this". Not "denied reports that ..." (often a reassurance).
DENYING_VERBS = frozenset("deny reject dismiss refute rebuff".split())
ASSERTED = frozenset("claim accusation charge allegation assertion proposal offer demand request ultimatum finding criticism".split())
# What "denies this" points back to; only for "deny", as "rejected it" may be anything.
POINTED_BACK = frozenset({"this", "that", "it", "these", "those", "them"})
# An apology to a side (CAMEO 055): "Argentina has apologised to Brazil for ...".
APOLOGISING_VERBS = frozenset({"apologise", "apologize"})
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

# Calling something of another side by a verdict: "Beijing called the Philippine statement irresponsible",
# "Guyana called the move a threat", "described the talks as constructive", "sees it as an existential threat".
CALLING_VERBS = frozenset("call describe label brand term dub deem consider regard see denounce".split())
BLAMING_VERDICTS = frozenset(
    """
    baseless unfounded groundless false absurd irresponsible provocative unacceptable illegal illegitimate unjustified
    unjustifiable reprehensible dangerous outrageous deplorable regrettable shameful disgraceful insulting null void invalid
    insult violation betrayal aggression provocation interference occupation lie lies fabrication blackmail escalation
    threat attack meddling propaganda farce sham
    """.split()
)
PRAISING_VERDICTS = frozenset("constructive positive productive fruitful historic breakthrough friendly cordial warm successful milestone".split())


def judgement(predicate: Token) -> str:
    """PRAISE, APOLOGY, ACCUSATION or WARNING when the predicate, or what it
    agrees or is ready to do, judges someone; PRAISE or ACCUSATION when it
    calls something by a verdict; DENIAL when it denies what another side
    asserts or asks; else ""."""
    if any(child.dep_ == "neg" for child in predicate.children):
        return first_own_step(predicate, judge)
    verdict = called(predicate)
    if verdict:
        return PRAISE if verdict > 0 else ACCUSATION
    # Denying is a step `first_own_step` does not follow ("refused", "rejected" undo what they govern).
    return DENIAL if denies(predicate) else first_own_step(predicate, judge)


def judge(verb: Token) -> str:
    if praises(verb):
        return PRAISE
    if apologises(verb):
        return APOLOGY
    if accuses(verb):
        return ACCUSATION
    return WARNING if warns(verb) else ""


def denies(verb: Token) -> bool:
    """"rejected the accusations", "dismissed the charges as baseless", "Kigali denies this"."""
    lemma = verb.lemma_.lower()
    if lemma not in DENYING_VERBS:
        return False
    denied = objects(verb)
    return any(noun.lemma_.lower() in ASSERTED or lemma == "deny" and noun.lower_ in POINTED_BACK for noun in denied)


def apologises(verb: Token) -> bool:
    """"apologised to Brazil", "apologised to the Nigerian government"."""
    to_whom = [pobj for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "to" for pobj in prep.children if pobj.dep_ == "pobj"]
    return verb.lemma_.lower() in APOLOGISING_VERBS and any(is_named(noun) for noun in to_whom)


def called(verb: Token) -> int:
    """+1 where the verb calls what it judges by a word of praise, -1 by one
    of blame, 0 otherwise. The verdict is the object's predicate ("called
    the move a threat"), a word after the object ("called the remarks
    'baseless'"), or what follows "as" ("described the talks as constructive")."""
    judged = objects(verb)
    return verdict(verb, judged) if judged else 0


def verdict(verb: Token, judged: list[Token]) -> int:
    """`called`'s verdict on `judged`, also where the judged is the noun a
    relative clause hangs on ("a move Kigali called 'unjustified'")."""
    if verb.lemma_.lower() not in CALLING_VERBS:
        return 0
    words = [child for child in verb.children if child.dep_ in {"oprd", "ccomp", "xcomp"}]
    words += [child for noun in judged for child in noun.children if child.dep_ in {"amod", "appos"} and child.i > noun.i]
    words += [word for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "as" for word in prep.children]
    verdicts = {word.lemma_.lower() for each in words for word in (each, *each.conjuncts)}
    verdicts |= {word.lower_ for each in words for word in (each, *each.conjuncts)}
    return -1 if verdicts & BLAMING_VERDICTS else 1 if verdicts & PRAISING_VERDICTS else 0


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
