"""Short names an article defines: "the Allied Democratic Forces (ADF) ...
ADF fighters", "the Libyan National Army (LNA)". The dictionary lists a
body's full name; news gives its initials once in brackets and then uses
them. Within one article, the initials in brackets after a coded mention
lend its code to their later (and earlier) uses. Initials two codes define
lend none."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

# Initials: capitals and digits, perhaps a hyphen ("M23", "ISIS-K", "AQIM").
INITIALS = re.compile(r"[A-Z][A-Z0-9-]{1,7}")


def acronym_mentions(doc: Doc, mentions: list[Span]) -> list[Span]:
    """New mentions, each labelled with its code, of initials a coded mention
    defines in brackets; none overlaps `mentions`."""
    defined = defined_initials(doc, mentions)
    if not defined:
        return []
    taken = {token.i for mention in mentions for token in mention}
    found = []
    for token in doc:
        definition = defined.get(token.text)
        if definition is not None and token.i not in taken:
            found.append(Span(doc, token.i, token.i + 1, label=definition.label_, kb_id=definition.kb_id_))
    return found


def defined_initials(doc: Doc, mentions: list[Span]) -> dict[str, Span]:
    """Initials -> the mention they abbreviate: "Forces (ADF)" right after it."""
    codes: dict[str, list[Span]] = {}
    for mention in mentions:
        initials = bracketed_after(doc, mention)
        if initials is not None:
            codes.setdefault(initials, []).append(mention)
    return {initials: spans[0] for initials, spans in codes.items() if len({span.label_ for span in spans}) == 1}


def bracketed_after(doc: Doc, mention: Span) -> str | None:
    """The initials in brackets right after the name, or closing the mention
    where the entity took them in ("Allied Democratic Forces (ADF")."""
    if len(mention) >= 3 and mention[-2].text == "(" and INITIALS.fullmatch(mention[-1].text):
        return mention[-1].text
    after = doc[mention.end : mention.end + 3]
    if len(after) == 3 and after[0].text == "(" and after[2].text == ")" and INITIALS.fullmatch(after[1].text):
        return after[1].text
    return None
