"""Sides given by reference: "the two sides", "both", "each side", "the
parties", "the group", "its neighbour", pronouns. The guidelines count them
as recoverable from the sentence just before; when that sentence does not
supply them, the article's main pair does (its most frequent pair of actors).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from pipeline.records import InheritedActor
from pipeline.stages.actors import GOVERNMENTS, NON_STATE_KINDS
from pipeline.stages.hyphens import AFFILIATION_WORDS

PAIR_NOUNS = frozenset(
    {"side", "sides", "country", "countries", "nation", "nations", "neighbour", "neighbours", "neighbor", "neighbors",
     "party", "parties", "government", "governments", "capitals", "states", "leaders", "foes", "rivals", "allies",
     "presidents", "ministers", "armies", "militaries", "delegations", "forces"}
)
PAIR_NOUNS_WITH_THE = frozenset({"parties", "sides", "neighbours", "neighbors", "rivals", "allies", "foes"})
# "the group" stands for a movement or an organisation, "the regime" for a state's government.
# Nouns for an armed group stand for a movement only; "the group" may be an organisation too.
ARMED_NOUNS = frozenset({"militants", "insurgents", "rebels", "militia", "fighters", "attackers", "gunmen", "jihadists", "terrorists", "extremists"})
GROUP_NOUNS = ARMED_NOUNS | {"group", "movement", "organisation", "organization", "outfit"}
STATE_NOUNS = frozenset({"regime", "government", "administration", "country", "state", "kingdom", "republic", "authorities", "leadership"})
# "The two countries", "both neighbours": a pair of states (or movements that govern one).
STATE_PAIR_NOUNS = frozenset({"countries", "nations", "neighbours", "neighbors", "states", "capitals", "governments"})
# Bodies that act for a state, named without it: "the army responded", "the foreign ministry summoned ...".
INSTITUTION_NOUNS = frozenset({"ministry", "army", "military", "junta", "navy", "embassy", "cabinet", "presidency", "police", "coastguard"})
ONE_SIDE_NOUNS = GROUP_NOUNS | STATE_NOUNS | INSTITUTION_NOUNS
ONE_SIDE_DETERMINERS = frozenset({"the", "this", "that"})
NEIGHBOUR_NOUNS = frozenset({"neighbour", "neighbor", "rival", "ally", "counterpart", "partner"})
# A relative or adnominal clause: a possessive in it refers to what the sentence names.
RELATIVE_CLAUSE_DEPS = frozenset({"relcl", "acl"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her"})
RECIPROCALS = ("each other", "one another")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})


def pair_reference(sent: Span) -> Token | None:
    """The head of "the two sides", "both countries", "each side", "the
    parties", "both", or "each other": a reference to the pair of sides."""
    for token in sent:
        lower = token.lower_
        if (lower in PAIR_NOUNS or token.tag_ == "NNPS") and pair_determiner(token):
            return token  # "the two sides", and "the two Koreas", "both Congos"
        if lower == "both" and token.dep_ in SUBJECT_DEPS | {"appos", "dobj", "pobj"}:
            return token
        if lower == "two" and token.dep_ in SUBJECT_DEPS | {"appos", "dobj", "pobj"} and any(c.lower_ == "the" for c in token.children):
            return token  # "the two" standing alone: "talks between the two"
    text = sent.text.lower()
    for phrase in RECIPROCALS:
        if phrase in text:
            return sent.root
    return None


def pair_determiner(noun: Token) -> bool:
    determiners = {child.lower_ for child in noun.children if child.dep_ in {"det", "nummod", "predet", "preconj"}}
    if determiners & {"two", "both", "each", "neither", "either"}:
        return True
    return noun.lower_ in PAIR_NOUNS_WITH_THE and bool(determiners & {"the", "these", "those"})


def one_side_reference(sent: Span) -> Token | None:
    """A subject that stands for one side named before: "the group", "the
    regime", "its neighbour", a personal pronoun."""
    for token in sent:
        if token.dep_ not in SUBJECT_DEPS and not (token.dep_ == "poss" and token.head.dep_ in SUBJECT_DEPS):
            continue
        if token.dep_ == "poss" and in_relative_clause(token):
            continue  # "guarantees that its territory would not be used": a side the sentence names
        if token.lower_ in PRONOUNS and token.pos_ == "PRON":
            return token
        determiners = {child.lower_ for child in token.children if child.dep_ in {"det", "poss"}}
        if token.lower_ in ONE_SIDE_NOUNS and determiners & ONE_SIDE_DETERMINERS and not has_own_name(token):
            return token
        if token.lower_ in INSTITUTION_NOUNS and "the" in determiners and not names_a_state(token):
            return token  # "the Defence Ministry said": a name of its own, but no state's
        if token.lower_ in NEIGHBOUR_NOUNS and determiners & {"its", "their", "his", "her"}:
            return token
    return None


def in_relative_clause(token: Token) -> bool:
    return any(ancestor.dep_ in RELATIVE_CLAUSE_DEPS for ancestor in token.ancestors)


def group_reference(sent: Span, *, skip: Token | None = None, agent: bool = False) -> Token | None:
    """A group named by a noun anywhere in the sentence ("killed 30 of the
    attackers", "until the terrorists are defeated"); with `agent`, only as a
    passive's agent ("was targeted by the group")."""
    for token in sent:
        if (skip is not None and token.i == skip.i) or token.lower_ not in GROUP_NOUNS or has_own_name(token):
            continue
        if agent and not (token.dep_ == "pobj" and token.head.dep_ == "agent"):
            continue
        if {child.lower_ for child in token.children if child.dep_ == "det"} & ONE_SIDE_DETERMINERS:
            return token
    return None


def has_own_name(noun: Token) -> bool:
    """"the Afghan government", "the group's leader": a noun already tied to a
    name; not "the al-Qaeda-linked group", a name the group is only tied to."""
    return any(
        child.dep_ in {"compound", "amod", "prep", "poss"} and child.ent_type_ and not tied_by_hyphen(child, noun) for child in noun.children
    )


def names_a_state(noun: Token) -> bool:
    """"the Turkish army", "Egypt's foreign ministry": a body whose state is named with it."""
    return any(child.ent_type_ in {"GPE", "NORP"} for child in noun.children if child.dep_ in {"compound", "amod", "poss", "prep"})


def tied_by_hyphen(name: Token, noun: Token) -> bool:
    """Whether "-linked", "-aligned" and the like come between the name and the noun."""
    between = name.doc[name.i + 1 : noun.i]
    return any(token.lower_ in AFFILIATION_WORDS and token.i > 0 and token.nbor(-1).text in {"-", "\u2013"} for token in between)


def main_pair(doc: Doc, mentions: list[Span]) -> tuple[InheritedActor, ...]:
    """The article's two most frequent sides: the pair named together in the
    most sentences, else the two codes named most; each with its first mention.
    Read from the whole article, so it does not depend on how runs split work."""
    first: dict[str, Span] = {}
    for mention in mentions:
        first.setdefault(mention.label_, mention)
    pairs = Counter(pair for sent_codes in sentence_codes(doc, mentions) for pair in pairs_of(sent_codes))
    codes = Counter(mention.label_ for mention in mentions)
    order = {code: i for i, code in enumerate(first)}
    if pairs:
        best = max(pairs.items(), key=lambda item: (item[1], codes[item[0][0]] + codes[item[0][1]], -order[item[0][0]] - order[item[0][1]]))
        chosen = sorted(best[0], key=lambda code: (-codes[code], order[code]))
    else:
        chosen = sorted(codes, key=lambda code: (-codes[code], order[code]))[:2]
    return tuple(InheritedActor(code, first[code].start_char, first[code].end_char) for code in chosen)


def sentence_codes(doc: Doc, mentions: list[Span]) -> Iterable[list[str]]:
    """The distinct codes named in each of the doc's sentences."""
    by_sentence: dict[int, list[str]] = {}
    for mention in mentions:
        codes = by_sentence.setdefault(mention.sent.start, [])
        if mention.label_ not in codes:
            codes.append(mention.label_)
    return by_sentence.values()


def pairs_of(codes: list[str]) -> Iterable[tuple[str, str]]:
    for i, first in enumerate(codes):
        for second in codes[i + 1 :]:
            yield tuple(sorted((first, second)))  # type: ignore[misc]


def fits_reference(reference: Token, code: str, doc: Doc) -> bool:
    """Whether a side can be what the reference names: "the group" a
    movement or an organisation, "the regime" and "the two countries" a state or a movement that
    governs one (the dictionary's kinds and governments, kept on the doc by
    the linker); a pronoun anything."""
    if reference.lower_ not in ONE_SIDE_NOUNS | STATE_PAIR_NOUNS:
        return True
    kinds = doc.user_data.get(NON_STATE_KINDS) or {}
    governing = {role.code for roles in (doc.user_data.get(GOVERNMENTS) or {}).values() for role in roles}
    if reference.lower_ in STATE_NOUNS | INSTITUTION_NOUNS | STATE_PAIR_NOUNS:
        return code not in kinds or code in governing
    return kinds.get(code) == "movement" if reference.lower_ in ARMED_NOUNS else code in kinds
