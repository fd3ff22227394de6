"""Stance: who acts or speaks towards whom, with what polarity, from the parse.

The decisive clause follows the annotation guidelines: the main clause, or the
clause after a contrast word ("A, but B"); concessive and subordinate clauses
("despite ...", "after ...") do not decide.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from pipeline.records import Stance
from pipeline.stages.appeals import APPEAL, appeals_to_the_parties
from pipeline.stages.conditions import CONDITION, sets_a_condition
from pipeline.stages.demands import DEMAND, demands_of_a_side, demands_outright
from pipeline.stages.disavowal import PLEDGE, disavows_hostility
from pipeline.stages.easing import EASING, eases_hostility
from pipeline.stages.handover import HANDOVER, hands_over_wanted_people
from pipeline.stages.judgement import ACCUSATION, APOLOGY, DENIAL, PRAISE, WARNING, judgement, verdict
from pipeline.stages.jointacts import JOINT_ACT, SUPPLY, acting_together
from pipeline.stages.dyad import CONCESSIVE_PREPS, Candidate, candidates, choose_dyad
from pipeline.stages.relationstate import BETTER, ENDED, WORSE, ends_a_tie, relation_state
from pipeline.stages.reports import REPORTING_VERBS, rebutted_clause
from pipeline.stages.territory import TERRITORIAL_CLAIM, claims_territory
from pipeline.stages.lexicon import CONTRAST_WORDS, NEGATION_WORDS, cue_polarity

# How a named side took what came before, in a closing reaction phrase ("..., a proposal Budapest rejected").
REACTION_AGAINST, REACTION_FOR = "reaction against", "reaction for"
# The label each of `Stance.guideline`'s readings gives (annotation guidelines).
GUIDELINE_LABELS = {
    PLEDGE: "cooperation",
    APPEAL: "cooperation",
    DEMAND: "tension",
    CONDITION: "tension",
    EASING: "cooperation",
    HANDOVER: "cooperation",
    PRAISE: "cooperation",
    APOLOGY: "cooperation",
    ACCUSATION: "tension",
    WARNING: "tension",
    TERRITORIAL_CLAIM: "tension",
    DENIAL: "tension",
    JOINT_ACT: "cooperation",
    SUPPLY: "cooperation",
    f"relation {WORSE}": "tension",
    f"relation {ENDED}": "tension",
    f"relation {BETTER}": "cooperation",
    REACTION_AGAINST: "tension",
    REACTION_FOR: "cooperation",
}
# Verbs that state what the clause they introduce holds: its act is the news ("stressed that Dhaka deals
# only with ..."). Not "insist" or "reiterate": "insisted that Niger free Bazoum" is a demand.
STATING_VERBS = REPORTING_VERBS | frozenset({"stress", "maintain", "emphasise", "emphasize", "explain", "declare"})

SUBORDINATE_DEPS = frozenset({"advcl", "parataxis", "relcl", "acl", "mark"})
CONTRAST_ADVERBS = frozenset({"however", "nevertheless", "nonetheless", "yet", "still"})
# What one side does or says that another then takes up or rebuffs: "..., a proposal Russia has rejected".
REACTED_NOUNS = frozenset(
    {"charge", "allegation", "accusation", "claim", "assertion", "proposal", "offer", "request", "demand", "condition", "move",
     "decision", "step", "plan", "deal", "agreement", "presence", "idea", "suggestion", "ruling", "characterisation", "characterization"}
)
REJECTING_VERBS = frozenset(
    {"reject", "deny", "refuse", "resist", "dismiss", "condemn", "oppose", "denounce", "contest", "dispute", "protest",
     "criticise", "criticize", "complain", "decry", "rebuff", "spurn", "fear"}
)
# How the reacting clause hangs on its noun: spaCy makes "a proposal Budapest rejected" an `acl` at times.
REACTING_DEPS = frozenset({"relcl", "acl"})
WELCOMING_VERBS = frozenset({"welcome", "accept", "endorse", "praise", "back", "support", "hail", "applaud"})
# A tension word governed by one of these ("ease the tensions") signals cooperation.
REDUCING_VERBS = frozenset(
    {"ease", "reduce", "resolve", "address", "defuse", "end", "settle", "calm", "lower", "overcome", "mitigate", "avoid", "prevent", "fix", "counter", "fight"}
)


def find_stance(sent: Span, mentions: list[Span]) -> tuple[Stance, list[Candidate]]:
    """Source, target, polarity and cue words of one sentence, and the
    candidate sides (its actor mentions) the dyad was chosen from."""
    predicate = decisive_predicate(sent)
    clause = clause_tokens(predicate)
    cues, score, negated = weigh_cues(clause, predicate)
    found = candidates(predicate, mentions)
    source, target, symmetric = choose_dyad(found)
    polarity = "positive" if score > 0 else "negative" if score < 0 else "neutral"
    stance = Stance(
        source=source, target=target, polarity=polarity, cue=tuple(cues), negated=negated, symmetric=symmetric,
        guideline=sentence_reading(sent, predicate, clause),
    )
    return stance, found


def guideline_of(sent: Span) -> str:
    """The guidelines' reading of a sentence that names no side itself ("But
    cooperation among the four countries has frayed"): its sides come from
    context, and the reading does not need them."""
    predicate = decisive_predicate(sent)
    return sentence_reading(sent, predicate, clause_tokens(predicate))


def sentence_reading(sent: Span, predicate: Token, clause: list[Token]) -> str:
    """A closing reaction's reading, else the decisive clause's."""
    return reaction_reading(sent) or guideline_reading(predicate, clause)


def reaction_reading(sent: Span) -> str:
    """A named side's reaction closing the sentence decides, as the clause
    after "but" does: "..., a proposal Budapest rejected" (tension), "..., a
    move Kuwaiti officials welcomed" (cooperation); "" for none or a negated one."""
    found = reaction(sent)
    verb = found[1] if found is not None else None
    if verb is None or any(child.dep_ == "neg" for child in verb.children):
        return ""
    lemma, judged = verb.lemma_.lower(), verdict(verb, [found[0]])
    if lemma in REJECTING_VERBS or judged < 0:
        return REACTION_AGAINST
    return REACTION_FOR if lemma in WELCOMING_VERBS or judged > 0 else ""


def guideline_reading(predicate: Token, clause: list[Token]) -> str:
    """The guidelines' reading that decides the label ("" for none): a pledge
    not to do a hostile act, an appeal to the parties together, a demand of
    a named side or a condition set on one, a hostile measure undone, wanted
    people handed over, praise or accusation, a joint act or supply, how a
    relation now stands, or a tie ended. A reporting or stating verb
    ("..., officials said", "stressed that ...") gives way to the clause it
    reports. Where the clause has none, a main clause joined to it by "and"
    may ("Migrants try to cross, and Spain relies on Moroccan forces"),
    unless the first clause's words pull the other way."""
    news = reported(predicate, STATING_VERBS)
    acts = (news, *same_subject_conjuncts(news), *(same_subject_conjuncts(predicate) if predicate != news else ()))
    acts = (*acts, *(means for act in acts for means in acts_by(act)))
    if disavows_hostility(clause):
        return PLEDGE
    if any(appeals_to_the_parties(act) for act in acts):
        return APPEAL
    if demands_of_a_side(predicate) or any(demands_outright(act) for act in acts):
        return DEMAND
    if any(sets_a_condition(act) for act in acts):
        return CONDITION
    if any(eases_hostility(act) for act in acts):
        return EASING
    if any(hands_over_wanted_people(act) for act in acts):
        return HANDOVER
    readings = (*map(judgement, acts), *map(acting_together, acts), *map(claims_territory, acts))
    towards_a_side = next((reading for reading in readings if reading), "")
    if towards_a_side:
        return towards_a_side
    state = ENDED if ends_a_tie(news) else relation_state(news)
    if state:
        return f"relation {state}"
    for clause in own_subject_conjuncts(news):
        reading = guideline_reading(clause, clause_tokens(clause))
        if reading:
            return "" if pulls_against(news, clause, reading) else reading
    return ""


def pulls_against(verb: Token, joined: Token, reading: str) -> bool:
    """The verb's own clause (without the `joined` one) has a cue of the
    other label: "its fighters killed hundreds, and soldiers surrendered"."""
    against = -1 if GUIDELINE_LABELS[reading] == "cooperation" else 1
    left_out = {token.i for token in joined.subtree}
    return any(cue_polarity(token.lemma_) == against for token in verb.subtree if token.i not in left_out)


def own_subject_conjuncts(verb: Token) -> list[Token]:
    """Main clauses joined by "and" with their own subject: "Migrants try to
    cross every year, and Spain relies on Moroccan forces"."""
    return [child for child in verb.children if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and has_subject(child)]


def has_subject(verb: Token) -> bool:
    return any(child.dep_ in {"nsubj", "nsubjpass"} for child in verb.children)


def acts_by(verb: Token) -> list[Token]:
    """The act by which a side did what the verb says: "responded by
    summoning Bangladesh's envoy", "retaliated by expelling 12 officials"."""
    by = (child for child in verb.children if child.dep_ == "prep" and child.lower_ == "by")
    return [pcomp for prep in by for pcomp in prep.children if pcomp.dep_ == "pcomp" and pcomp.tag_ == "VBG"]


def same_subject_conjuncts(verb: Token) -> list[Token]:
    """The verbs joined after it that share its subject: "said it was
    concerned and urged both sides to ...", "would take Cuba off the list
    and ease some restrictions"."""
    found = []
    for conjunct in (child for child in verb.children if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}):
        if not has_subject(conjunct):
            found += [conjunct, *same_subject_conjuncts(conjunct)]
    return found


def main_clause_text(sent: Span) -> str:
    """The words of the clause that decides the label, in order; a reporting
    verb ("..., officials said") gives way to the clause it reports, and a
    side's reaction after a comma ("..., a proposal Russia has rejected")
    decides as the clause after "but" does."""
    reaction = reaction_phrase(sent)
    tokens = reaction if reaction is not None else clause_tokens(reported(decisive_predicate(sent)))
    return "".join(token.text_with_ws for token in tokens).strip()


def reaction_phrase(sent: Span) -> list[Token] | None:
    """"..., a charge Asmara denied", "..., a move Kigali called unjustified":
    the noun phrase closing the sentence after a comma, naming what came
    before (`REACTED_NOUNS`) and how a named side took it; None without one."""
    found = reaction(sent)
    return None if found is None else list(sent.doc[found[0].left_edge.i : found[2] + 1])


def reaction(sent: Span) -> tuple[Token, Token, int] | None:
    """The reacted noun of `reaction_phrase`, its reacting verb, and the last word's index."""
    last = max((token.i for token in sent if not token.is_punct), default=sent.start)
    for noun in sent:
        if noun.lemma_.lower() not in REACTED_NOUNS or noun.i == sent.start or max(t.i for t in noun.subtree) < last:
            continue
        reacting = next((child for child in noun.children if child.dep_ in REACTING_DEPS), None)
        start = noun.left_edge.i
        if reacting is not None and named_subject(reacting) and start > sent.start and noun.doc[start - 1].text == ",":
            return noun, reacting, last
    return None


def named_subject(verb: Token) -> bool:
    """Whether the verb's subject is named: "Pristina", "Peruvian authorities", "Israel's government"."""
    return any(child.dep_ in {"nsubj", "nsubjpass"} and is_named(child) for child in verb.children)


def is_named(noun: Token) -> bool:
    return bool(noun.ent_type_) or noun.pos_ == "PROPN" or any(
        child.ent_type_ for child in noun.children if child.dep_ in {"amod", "compound", "poss"}
    )


def reported(predicate: Token, verbs: frozenset[str] = REPORTING_VERBS) -> Token:
    if predicate.lemma_.lower() not in verbs:
        return predicate
    for child in predicate.children:
        if child.dep_ == "ccomp":
            return contrasted(child)
    said = next(statement_content(predicate), None)
    return contrasted(said) if said is not None else predicate


def statement_content(verb: Token) -> Iterator[Token]:
    """What a statement says, where the parse hangs it on the statement:
    "said in a statement that the military had demolished ..."."""
    for prep in (child for child in verb.children if child.dep_ == "prep"):
        for noun in (child for child in prep.children if child.dep_ == "pobj"):
            yield from (clause for clause in noun.children if clause.dep_ == "acl" and has_that(clause))


def has_that(clause: Token) -> bool:
    return any(mark.dep_ == "mark" and mark.lower_ == "that" for mark in clause.children)


def decisive_predicate(sent: Span) -> Token:
    """The main predicate, or the one after a contrast word when two main clauses oppose."""
    root = rebutted_clause(sent.root) or sent.root
    if (after := contrasted(root)) != root:
        return after
    for token in sent:
        if is_contrast_adverb(token) and token.i > root.i and token.head.i > root.i:
            return token.head
    return closing_contrast(sent, root) or root


def closing_contrast(sent: Span, root: Token) -> Token | None:
    """The clause after "but" that closes the sentence, where the parse hangs
    it inside a clause below the root: "Relations improved briefly in 2006,
    when the presidents agreed an agenda, but the talks stalled"; "said
    Greece wanted friendly relations, but that Athens would not allow ..."."""
    last = max((token.i for token in sent if not token.is_punct), default=sent.start)
    for verb in sent:
        if verb.dep_ != "conj" or verb.pos_ not in {"VERB", "AUX"} or verb.head == root or not has_subject(verb):
            continue
        if max(token.i for token in verb.subtree) >= last and follows_contrast(verb, verb.head) and root in verb.head.ancestors:
            return verb
    return None


def is_contrast_adverb(token: Token) -> bool:
    """"however", "nevertheless", and "yet" unless it means "so far" ("has yet to", "not yet")."""
    if token.lower_ in {"however", "nevertheless"}:
        return True
    if token.lower_ != "yet":
        return False
    after = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    return after != "to" and before not in {"not", "as", "n't"}


def contrasted(head: Token) -> Token:
    """The verb coordinated with `head` after a contrast word ("A, but B"), else `head`."""
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and follows_contrast(child, head):
            return child
    return head


def follows_contrast(conj: Token, root: Token) -> bool:
    between = conj.doc[root.i + 1 : conj.i]
    return any(token.dep_ == "cc" and token.lower_ in CONTRAST_WORDS for token in between)


def clause_tokens(predicate: Token) -> list[Token]:
    """Tokens of the predicate's own clause, without subordinate or concessive parts."""
    tokens = []
    stack = [predicate]
    while stack:
        token = stack.pop()
        tokens.append(token)
        for child in token.children:
            if is_subordinate(child, predicate):
                continue
            stack.append(child)
    return sorted(tokens, key=lambda token: token.i)


def is_subordinate(child: Token, predicate: Token) -> bool:
    if child.dep_ in SUBORDINATE_DEPS:
        return True
    if child.dep_ == "prep" and child.lower_ in CONCESSIVE_PREPS:
        return True
    if child.dep_ == "conj" and child.head == predicate and child.pos_ in {"VERB", "AUX"}:
        return follows_contrast(child, predicate)
    return is_set_off_clause(child, predicate)


def is_set_off_clause(child: Token, predicate: Token) -> bool:
    """"A praised the link; however, B closed the border": a clause before a
    semicolon or a contrast adverb is a clause of its own (parsed as the
    predicate's complement), not what the predicate reports."""
    if child.dep_ != "ccomp" or child.i > predicate.i:
        return False
    return any(
        token.text == ";" or token.lower_ in CONTRAST_ADVERBS for token in predicate.children if child.i < token.i < predicate.i
    )


def weigh_cues(clause: list[Token], predicate: Token) -> tuple[list[str], int, bool]:
    cues, score, negated_any = [], 0, False
    for token in clause:
        polarity = cue_polarity(token.lemma_) or cue_polarity(token.lower_)
        if not polarity:
            continue
        if polarity < 0 and token.head.lemma_.lower() in REDUCING_VERBS and token.head != token:
            polarity = 1
        if is_negated(token, predicate):
            polarity, negated_any = -polarity, True
        cues.append(token.text)
        score += polarity * (2 if token == predicate else 1)
    return cues, score, negated_any


def is_negated(token: Token, predicate: Token) -> bool:
    """A negation on the word itself or on a verb between it and the predicate."""
    node = token
    for _ in range(4):
        if any(child.dep_ == "neg" or child.lower_ in NEGATION_WORDS and child.dep_ in {"neg", "det", "advmod"} for child in node.children):
            return True
        if node == predicate or node.head == node:
            return False
        node = node.head
    return False
