"""A state's ruling body named again by a noun: "Myanmar's military ... the
junta ... Junta spokesman Zaw Min Tun", "Sudan's army ... the army said".
When the article names one state, and only one, with a ruling or armed body
by title, "the junta", "the military", "the army" and "the regime"
elsewhere in it are that state. With two such states ("India's army ...
Pakistan's army") the noun stays a reference for context to resolve
(`stages/resolve.py`)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.stages.titles import is_role, role_noun

RULING_NOUNS = frozenset({"junta", "military", "army", "regime"})
NAMING_DEPS = frozenset({"compound", "amod", "poss", "nmod"})


def institution_references(doc: Doc, mentions: list[Span], non_state: frozenset[str]) -> list[Span]:
    """New mentions, labelled with the state's code, of its ruling body named by a noun alone."""
    codes = {mention.label_ for mention in mentions if ruling_body(mention) is not None and stands_for_state(mention, non_state)}
    if len(codes) != 1:
        return []
    code = codes.pop()
    taken = {token.i for mention in mentions for token in mention}
    found = []
    for token in doc:
        if token.lower_ not in RULING_NOUNS or token.i in taken or named_with(token):
            continue
        article = next((child for child in token.children if child.dep_ == "det" and child.lower_ == "the"), None)
        if article is not None:
            found.append(Span(doc, article.i, token.i + 1, label=code))
        elif token.dep_ == "compound" and is_role(token.head):  # "Junta spokesman Zaw Min Tun"
            found.append(Span(doc, token.i, token.i + 1, label=code))
    return found


def ruling_body(mention: Span) -> Token | None:
    """The ruling noun the state's mention is the title of ("Myanmar's military", "the Malian junta")."""
    for token in (mention.root, role_noun(mention)):
        if token is not None and token.lemma_.lower() in RULING_NOUNS:
            return token
    return None


def stands_for_state(mention: Span, non_state: frozenset[str]) -> bool:
    """A state's mention, or a movement's only where it governs a state (its `kb_id_` is the state)."""
    return mention.label_ not in non_state or (bool(mention.kb_id_) and mention.kb_id_ not in non_state and mention.kb_id_.isupper())


def named_with(noun: Token) -> bool:
    """"the Chinese military", "the Kachin Independence Army": a body with a
    name of its own (the noun is a name's last word, not a name alone)."""
    return any(child.dep_ in NAMING_DEPS and child.ent_type_ for child in noun.children) or noun.ent_iob_ == "I"
