"""Mode: how the sentence presents its event, read from the parse of the
decisive clause (the one `stance` reads).

One of `MODES`: asserted (it happened), negated ("did not sign"), denied
("denied sending troops"), demanded ("urged ... to withdraw"), conditional
(threatened or conditional: "threatened to cut", "if ... will"), planned
(future or intended: "will meet", "plans to visit") and hypothetical
("could", "might", "would").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.stages.easing import has_condition_mark
from pipeline.stages.stance import decisive_predicate

MODES = ("asserted", "negated", "denied", "demanded", "conditional", "planned", "hypothetical")
DENY_VERBS = frozenset({"deny", "refute", "dismiss", "disavow"})
DEMAND_VERBS = frozenset({"demand", "urge", "insist", "press", "call", "ask", "request", "order"})
THREAT_VERBS = frozenset({"threaten", "warn", "vow"})
PLAN_VERBS = frozenset({"plan", "intend", "prepare", "schedule", "expect", "aim", "hope", "seek", "propose", "pledge", "promise"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})


def find_mode(sent: Span) -> str:
    """The mode of the sentence's decisive predicate."""
    return predicate_mode(decisive_predicate(sent))


def predicate_mode(predicate: Token) -> str:
    lemma = predicate.lemma_.lower()
    auxiliaries = {child.lower_ for child in predicate.children if child.dep_ in {"aux", "auxpass"}}
    if lemma in DENY_VERBS:
        return "denied"
    if any(child.dep_ == "neg" or child.lower_ in NEGATIONS and child.dep_ == "advmod" for child in predicate.children):
        return "negated"
    if lemma in DEMAND_VERBS:
        return "demanded"
    if lemma in THREAT_VERBS or has_condition(predicate):
        return "conditional"
    if auxiliaries & HYPOTHETICAL_AUX:
        return "hypothetical"
    if auxiliaries & FUTURE_AUX or lemma in PLAN_VERBS or is_going_to(predicate):
        return "planned"
    return "asserted"


def has_condition(predicate: Token) -> bool:
    """An "if" or "unless" clause hanging on the predicate."""
    return any(child.dep_ == "advcl" and has_condition_mark(child) for child in predicate.children)


def is_going_to(predicate: Token) -> bool:
    """"is going to visit": the predicate is "going" with an infinitive."""
    return predicate.lower_ == "going" and any(child.dep_ == "xcomp" for child in predicate.children)
