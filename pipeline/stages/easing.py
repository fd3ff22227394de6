"""A side undoing a hostile measure of its own: "Serbia lifted the curfew",
"the rebels will release the hostages", "Israel will evacuate the
settlements", "the union called off the strike", "both agreed to reopen
their border crossings"; or yielding: "500 rebels surrendered to the army".
The guidelines count de-escalation, and releasing a captive as a goodwill
step, as cooperation, while a sentence encoder reads the measure undone
("curfew", "blockade", "strike") as tension.

Read from the decisive clause (a reporting verb gives way to what it
reports): an undoing verb whose object is what that verb undoes, on its
own or through "agreed to", "will", "is ready to". Not where someone is
told, urged or required to do it ("the siege must be lifted", "Washington
told the Houthis to release the crew"): that is a demand. Not negated or
refused ("refused to lift the ban"), not a threat ("will withdraw its
force unless ..."), and not another side's measure stopped ("vowed to stop
Hezbollah's attacks", "attacks by Boko Haram").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Token

from pipeline.stages.demands import OBLIGATION_AUX

EASING = "easing"
# Each undoing verb with what it undoes; a phrasal verb needs its particle.
UNDOING = (
    (
        frozenset("lift ease relax end scrap remove rescind revoke cancel shorten suspend waive drop loosen unfreeze".split()),
        frozenset("ban curfew blockade sanction embargo restriction emergency siege tariff freeze boycott closure quarantine ultimatum".split()),
    ),
    (
        frozenset({"release", "free"}),
        frozenset("hostage prisoner detainee captive pow crew sailor fisherman soldier guard national citizen journalist".split()),
    ),
    (frozenset("withdraw pull evacuate demobilize demobilise disband".split()), frozenset("troop force soldier weapon artillery settlement unit tank fighter militia".split())),
    (frozenset({"reopen", "open"}), frozenset("border crossing embassy consulate airspace route corridor".split())),
    (
        frozenset("halt stop end suspend cease call postpone".split()),
        frozenset("strike offensive attack shelling hostility fighting protest demonstration bombing bombardment raid operation".split()),
    ),
)
CONDITION_MARKS = frozenset({"if", "unless"})
SURRENDERING = frozenset({"surrender", "capitulate"})
PARTICLES = {"call": {"off"}, "pull": {"back", "out"}}
STATE_OR_AMOUNT = frozenset("state number group batch dozen hundred thousand contingent battalion rest remainder half part".split())
TAKING_VERBS = frozenset("capture detain hold arrest seize abduct kidnap take".split())
# A measure named by what kind of rule it is: "emergency measures", "emergency rule".
RULE_NOUNS = frozenset("measure rule law power decree regulation".split())
# Verbs by which one side has another do it, or does not do it itself.
NOT_ITS_OWN_STEP = frozenset(
    "refuse reject decline fail threaten oppose resist demand urge call ask press deny tell order instruct force compel pressure push require want insist".split()
)
# How many "agreed to", "is ready to" steps down from the predicate are read.
MAX_CHAIN = 3


def eases_hostility(predicate: Token) -> bool:
    """Whether the predicate, or what it agrees or is ready to do, undoes a hostile measure."""
    for verb in step_chain(predicate):
        if not its_own_step(verb):
            return False
        if undoes_a_measure(verb) or surrenders(verb):
            return True
    return False


def surrenders(verb: Token) -> bool:
    """"500 rebels surrendered to the army": a side yields (CAMEO 0874); not "arms were surrendered"."""
    return verb.lemma_.lower() in SURRENDERING and not is_passive(verb)


def is_passive(verb: Token) -> bool:
    """"were surrendered", "were collected or surrendered"."""
    verbs = (verb, verb.head) if verb.dep_ == "conj" else (verb,)
    return any(child.dep_ in {"nsubjpass", "auxpass"} for each in verbs for child in each.children)


def first_own_step(predicate: Token, reading: Callable[[Token], str]) -> str:
    """`reading` of the first verb along the predicate's chain ("agreed to",
    "is ready to") that has one; "" where the chain reaches a step that is
    not the side's own (refused, negated, asked of another) or a condition."""
    for verb in step_chain(predicate):
        if not its_own_step(verb) or is_conditional(verb):
            return ""
        found = reading(verb)
        if found:
            return found
    return ""


def step_chain(predicate: Token) -> Iterator[Token]:
    """The predicate, then what it agrees to ("agreed to lift") or is ready to do ("is prepared to lift")."""
    verb: Token | None = predicate
    for _ in range(MAX_CHAIN):
        if verb is None:
            return
        yield verb
        verb = open_complement(verb)


def open_complement(verb: Token) -> Token | None:
    complement = next((child for child in verb.children if child.dep_ == "xcomp"), None)
    if complement is not None:
        return complement
    adjective = next((child for child in verb.children if child.dep_ == "acomp"), None)
    return next((child for child in adjective.children if child.dep_ == "xcomp"), None) if adjective is not None else None


def its_own_step(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in NOT_ITS_OWN_STEP and not (lemma == "call" and has_particle(verb, {"off"})):
        return False
    return not any(
        child.dep_ == "neg" or child.dep_ in {"aux", "auxpass"} and child.lower_ in OBLIGATION_AUX or is_threat_condition(child)
        for child in verb.children
    )


def is_threat_condition(clause: Token) -> bool:
    """"... unless the rebels agree to a ceasefire": the step is held over the other side."""
    return clause.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ == "unless" for child in clause.children)


def is_conditional(verb: Token) -> bool:
    """"... only if Kigali handed over the plotters", "would hold talks only if
    Warsaw reopened the border": a condition, not a step taken."""
    return has_condition_mark(verb) or any(child.dep_ == "advcl" and has_condition_mark(child) for child in verb.children)


def has_condition_mark(verb: Token) -> bool:
    return any(child.dep_ == "mark" and child.lower_ in CONDITION_MARKS for child in verb.children)


def has_particle(verb: Token, particles: set[str]) -> bool:
    return any(child.dep_ == "prt" and child.lower_ in particles for child in verb.children)


def undoes_a_measure(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in PARTICLES and not has_particle(verb, PARTICLES[lemma]):
        return False
    for verbs, undone in UNDOING:
        if lemma in verbs and any((names_one_of(noun, undone) or is_captive(verbs, noun)) and is_own(noun) for noun in undone_nouns(verb)):
            return True
    return False


def undone_nouns(verb: Token) -> Iterator[Token]:
    """The verb's object (or passive subject), its conjuncts, and what a
    state or an amount is of ("the state of emergency", "hundreds of
    detainees"; not "the names of the soldiers")."""
    for noun in (child for child in verb.children if child.dep_ in {"dobj", "nsubjpass"}):
        for each in (noun, *noun.conjuncts):
            yield each
            if each.lemma_.lower() in STATE_OR_AMOUNT or each.pos_ in {"NUM", "PRON"}:
                yield from (pobj for prep in each.children if prep.dep_ == "prep" and prep.lower_ == "of" for pobj in prep.children if pobj.dep_ == "pobj")


def names_one_of(noun: Token, undone: frozenset[str]) -> bool:
    forms = {noun.lower_, noun.lemma_.lower()}
    if noun.lemma_.lower() in RULE_NOUNS:
        forms |= {child.lower_ for child in noun.children if child.dep_ in {"compound", "amod"}}
    return bool(forms & undone)


def is_own(noun: Token) -> bool:
    """Not another side's: "halted its air strikes", not "vowed to stop Hezbollah's attacks" or "attacks by Boko Haram"."""
    others = [child for child in noun.children if child.dep_ == "poss" and child.pos_ != "PRON"]
    others += [child for child in noun.children if child.dep_ == "prep" and child.lower_ in {"by", "from"}]
    return not others


def is_captive(verbs: frozenset[str], noun: Token) -> bool:
    """"will release Prime Minister Chaudhry", "released a border guard who was
    captured": a person released, or anyone said to have been taken, is a captive."""
    taken = any(clause.dep_ in {"relcl", "acl"} and clause.lemma_.lower() in TAKING_VERBS for clause in noun.children)
    return "release" in verbs and (noun.ent_type_ == "PERSON" or taken)
