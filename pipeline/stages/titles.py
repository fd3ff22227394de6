"""Which state mentions stand for a government, read from the parse.

A state named in a title ("Egypt's foreign minister", "the Pakistani army
chief", "Kenya's interior ministry", "the foreign minister of Qatar",
"Turkish President Erdogan") is the
government that official serves. A state's name or capital that is a side of
the sentence ("talks with Kabul") is its government too; a state's name is its
government only where the state acts ("Afghanistan signed", not "trade with
Afghanistan", "Afghanistan remains a partner": the guidelines' "acts as a
government"). Where it is a place ("in Afghanistan") or qualifies something
else ("Afghanistan's economy", "Afghan refugees") it is the country.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Nouns (lemmas) for those who act for a state: officials, bodies, forces, missions.
ROLE_NOUNS = frozenset(
    """
    administration ambassador army authority cabinet chancellor chief commander consul consulate counterpart
    delegate delegation diplomat embassy emir envoy force general government governor guard intelligence junta king
    leader leadership military minister ministry mission navy negotiator office officer official parliament
    police president premier regime representative ruler security senate soldier spokesman spokesperson
    spokeswoman troop
    """.split()
)
# How a state word attaches to the noun it qualifies.
MODIFIER_DEPS = frozenset({"poss", "amod", "compound", "nmod", "npadvmod"})
# Prepositions joining a role to its state: "the minister of Qatar", "a delegation from Pakistan".
ROLE_PREPOSITIONS = frozenset({"of", "from"})
# Entity types of a state's own name, never a role even when a role noun is its head word.
PLACE_ENTITIES = frozenset({"GPE", "LOC"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "inside", "within", "across", "throughout", "near", "around", "into"})
# Words that put a government in the past: "the former Afghan government", "the then president".
PAST_WORDS = frozenset({"former", "previous", "then", "ousted", "deposed", "toppled", "erstwhile", "ex", "late", "old", "past"})
# Verbs whose subject is described, not acting ("Afghanistan remains a partner").
COPULAS = frozenset({"be", "remain", "become", "seem", "stay"})
# How far up a chain of nouns ("Pakistani army chief") a role is looked for.
MAX_CHAIN = 3


def role_noun(mention: Span) -> Token | None:
    """The role noun a state mention qualifies (the last of a chain of nouns:
    "chief" in "Pakistani army chief"), or the one it completes with "of"
    ("the foreign minister of Qatar", "a delegation from Pakistan", "the
    governor of Afghanistan's Nangarhar province"), or the mention's own head
    when the state only qualifies it ("the Afghan Embassy"), or None."""
    if is_role(mention.root) and mention.root.ent_type_ not in PLACE_ENTITIES:
        return mention.root
    token, found = mention.root, None
    for _ in range(MAX_CHAIN):
        if token.dep_ not in MODIFIER_DEPS or token.head is token or token.head.pos_ not in {"NOUN", "PROPN"}:
            break
        token = token.head
        if is_role(token):
            found = token
    if found is None and token is not mention.root:  # "Turkish President Erdogan": the role is a name's compound
        found = next((child for child in token.children if child.dep_ == "compound" and is_role(child) and child.i > mention.root.i), None)
    if found is None and token.dep_ == "pobj" and token.head.lower_ in ROLE_PREPOSITIONS and is_role(token.head.head):
        found = token.head.head
    return found


def is_role(token: Token) -> bool:
    return token.lemma_.lower() in ROLE_NOUNS or token.lower_ in ROLE_NOUNS


def is_place(mention: Span) -> bool:
    """A country or city named only as where something happens ("in Afghanistan")."""
    head = mention.root
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPOSITIONS


def qualifies_other(mention: Span) -> bool:
    """The mention qualifies a noun that is not a role ("Afghanistan's economy")."""
    root = mention.root
    return root.dep_ in MODIFIER_DEPS and root.head is not root and root.head.pos_ in {"NOUN", "PROPN"} and not is_role(root.head)


def acts(mention: Span) -> bool:
    """The mention does something: the subject of a verb that is no copula
    (or a conjunct of it: "Kabul and Dushanbe agreed"), or the passive agent."""
    token = mention.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "nsubj":
        return token.head.lemma_.lower() not in COPULAS
    return token.dep_ == "pobj" and token.head.dep_ == "agent"


def in_the_past(mention: Span, role: Token | None) -> bool:
    """The role or the mention is qualified as past ("the previous Afghan government")."""
    words = [*mention.root.lefts, *(role.lefts if role is not None else ())]
    return any(word.lower_.strip("-") in PAST_WORDS for word in words)


def titled_span(mention: Span, role: Token) -> Span:
    """The official's words: the state mention through its role noun
    ("Egypt's foreign minister"), or the mention alone when the role comes
    first ("the minister of Qatar")."""
    if role.i < mention.start:
        return mention
    return Span(mention.doc, mention.start, role.i + 1, label=mention.label_)
