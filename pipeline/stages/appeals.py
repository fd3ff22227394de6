"""A third side's appeal to the parties together: "China urged both sides to
exercise restraint", "the U.N. Command urged the two militaries to reopen
communication lines", "the Council calls upon all parties to ...", "China
called for restraint". The guidelines make mediation cooperation; a demand
one side makes of the other in a dispute ("Iran urged the Taliban to
release ...") is tension, so only an appeal to the pair or to all parties,
or for calm, reads as cooperation.

Read from the decisive predicate (or the clause a side is reported to say):
an appeal verb whose addressee is a noun for the parties with "both",
"two", "all" or "each", or "the parties" / "the sides"; or that appeals for
calm (restraint, dialogue, a ceasefire).
"""

from __future__ import annotations

from spacy.tokens import Token

APPEAL = "appeal to the parties"
APPEAL_VERBS = frozenset({"urge", "call", "ask", "appeal", "press", "encourage", "implore", "invite"})
PARTY_NOUNS = frozenset(
    """
    side sides party parties country countries government governments neighbour neighbours neighbor neighbors
    military militaries leader leaders nation nations army armies state states rival rivals
    """.split()
)
TOGETHER_WORDS = frozenset({"both", "two", "all", "each"})
# What a side appeals for when it mediates: "urged restraint", "called for calm".
CALMING_NOUNS = frozenset(
    {"restraint", "calm", "calmness", "moderation", "dialogue", "de-escalation", "ceasefire", "truce", "talks", "negotiations", "diplomacy"}
)


def appeals_to_the_parties(predicate: Token) -> bool:
    """Whether the predicate appeals to the parties together."""
    if predicate.lemma_.lower() not in APPEAL_VERBS:
        return False
    return any(names_the_parties(noun) for noun in addressees(predicate)) or any(
        noun.lower_ in CALMING_NOUNS or noun.lemma_.lower() in CALMING_NOUNS for noun in appealed_for(predicate)
    )


def addressees(verb: Token) -> list[Token]:
    """"urged both sides", "called on all parties"."""
    found = [child for child in verb.children if child.dep_ == "dobj"]
    return found + [noun for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in {"on", "upon"} for noun in prep.children if noun.dep_ == "pobj"]


def appealed_for(verb: Token) -> list[Token]:
    """"urged restraint", "called for calm" (not "called the talks good": "call" needs "for")."""
    found = [child for child in verb.children if child.dep_ == "dobj"] if verb.lemma_.lower() != "call" else []
    return found + [noun for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "for" for noun in prep.children if noun.dep_ == "pobj"]


def names_the_parties(noun: Token) -> bool:
    """"both sides", "the two governments", "all parties"; and "all of Sudan's neighbours"."""
    if noun.lower_ in TOGETHER_WORDS:
        return any(party.lower_ in PARTY_NOUNS for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of" for party in prep.children)
    if noun.lower_ not in PARTY_NOUNS and noun.lemma_.lower() not in PARTY_NOUNS:
        return False
    before = {token.lower_ for token in noun.subtree if token.i < noun.i}
    return bool(before & TOGETHER_WORDS) or noun.lower_ in {"parties", "sides"}
