"""An armed movement named again by what it is: "the Ambazonia Defence
Forces ... separatist fighters ambushed a convoy", "JNIM ... the militants
fired on helicopters". News names an insurgency once and then calls it
"the rebels", "insurgents", "separatist leaders". Each such noun becomes a
mention of the movement the article names most, so a claim told that way
has the movement as a side. An article that names no movement gains none."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from spacy.tokens import Doc, Span, Token

from pipeline.stages.hyphens import names_an_affiliation

# Nouns that name an armed movement's members by what they do.
ARMED_PLURALS = frozenset(
    {"militants", "insurgents", "rebels", "separatists", "jihadists", "guerrillas", "guerillas", "fighters", "gunmen", "extremists"}
)
# "separatist leaders", "rebel forces", "insurgent groups": a word for the movement before a noun for its people or parts.
ARMED_WORDS = frozenset({"separatist", "rebel", "insurgent", "jihadist", "militant", "guerrilla", "guerilla"})
MEMBER_NOUNS = frozenset(
    {"group", "groups", "leaders", "leader", "fighters", "forces", "movement", "movements", "representatives", "commanders", "units"}
)


def armed_group_references(doc: Doc, mentions: list[Span], movements: frozenset[str]) -> list[Span]:
    """New mentions for the nouns that name an armed movement's members
    without a name of their own, each labelled with the movement the article
    names most (not "al-Qaeda-linked"), nearest before it on ties, else first after it."""
    counts = Counter(mention.label_ for mention in mentions if mention.label_ in movements and not names_an_affiliation(mention))
    if not counts:
        return []
    most = max(counts.values())
    named = sorted((mention for mention in mentions if counts.get(mention.label_) == most), key=lambda span: span.start)
    starts = [mention.start for mention in named]
    taken = {token.i for mention in mentions for token in mention}
    found = []
    for token in doc:
        if token.i in taken or not names_armed_members(token) or tied_to_a_name(token, taken):
            continue
        nearest = bisect_left(starts, token.i)
        antecedent = named[nearest - 1] if nearest else named[0]
        found.append(Span(doc, phrase_start(token), token.i + 1, label=antecedent.label_))
    return found


def names_armed_members(token: Token) -> bool:
    """"the rebels", "insurgents", "separatist leaders", "rebel forces"."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    if token.lower_ in ARMED_PLURALS:
        return True
    return token.lower_ in MEMBER_NOUNS and any(
        child.lower_ in ARMED_WORDS and child.dep_ in {"amod", "compound"} for child in token.children
    )


def tied_to_a_name(noun: Token, taken: set[int]) -> bool:
    """"Taliban fighters", "the group's fighters", "al-Qaeda-linked militants",
    "fighters from JNIM": members of a side the sentence names itself."""
    words = [token for token in noun.subtree if token.i != noun.i]
    return any(token.i in taken for token in words) or any(child.dep_ == "poss" for child in noun.children)


def phrase_start(noun: Token) -> int:
    """The first word of the noun's determiners and modifiers before it."""
    before = [child.i for child in noun.lefts if child.dep_ in {"det", "amod", "compound", "nummod"}]
    return min(before, default=noun.i)
