"""Organisations named again by a noun: "the International Court of
Justice ... the court's jurisdiction", "the UN Security Council ... the
council", "the European Union ... the bloc". Each reference becomes a
mention with the organisation's code, so a claim that names it so has it
as a side. Read once per article, in one pass over its tokens."""

from __future__ import annotations

from spacy.tokens import Doc, Span

# A head noun of organisations' names ("Court", "Council", "Union", "Bank", "Task Force").
NAME_NOUNS = frozenset({"court", "tribunal", "council", "union", "commission", "agency", "bank", "fund", "force", "mission"})
# Nouns news uses for an organisation whose name does not hold them: the EU is "the bloc", NATO "the alliance".
KIND_NOUNS = frozenset({"bloc", "alliance"})


def organisation_references(doc: Doc, mentions: list[Span], organisation: str) -> list[Span]:
    """New mentions for "the court", "the 27-nation bloc" and the like, each
    labelled with the code of the nearest organisation named before it whose
    name holds the noun (for "bloc" and "alliance", the nearest organisation).
    `organisation`: the `kb_id_` that marks an organisation's mention."""
    named = sorted((mention for mention in mentions if mention.kb_id_ == organisation), key=lambda span: span.start)
    if not named:
        return []
    taken = {token.i for mention in mentions for token in mention}
    found, nearest = [], 0
    for token in doc:
        while nearest < len(named) and named[nearest].end <= token.i:
            nearest += 1
        noun = token.lower_
        if noun not in NAME_NOUNS | KIND_NOUNS or token.i in taken or token.pos_ != "NOUN" or nearest == 0:
            continue
        article = next((child for child in token.children if child.dep_ == "det" and child.lower_ == "the"), None)
        if article is None or any(child.ent_type_ for child in token.children):
            continue
        antecedent = named[nearest - 1] if noun in KIND_NOUNS else named_with(noun, named[:nearest])
        if antecedent is not None:
            found.append(Span(doc, article.i, token.i + 1, label=antecedent.label_, kb_id=organisation))
    return found


def named_with(noun: str, named: list[Span]) -> Span | None:
    """The last of the organisations' mentions whose name holds the noun ("Court" for "the court")."""
    return next((mention for mention in reversed(named) if noun in mention.text.lower().split()), None)
