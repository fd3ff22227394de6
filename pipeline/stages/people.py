"""People an article introduces with a code, named again by name alone.

News introduces an official once by title and then by surname: "Rwandan
President Paul Kagame dismissed the claims ... Kagame said". The title codes
the person (RWA, `titles.py`); the dictionary cannot list every official. So
within one article, a person entity a coded mention names or titles lends its
code to later (or earlier) mentions of the same full name or surname. A name
two coded people share in the article lends none.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

# Entity types spaCy gives a lone surname ("Tshisekedi" as ORG, "Kainerugaba" as GPE).
NAME_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
NAME_SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})
# A hyphenated given name, written after the family name: "Jae-myung", "Jong-un".
GIVEN_NAME_AFTER = re.compile(r"[A-Z][a-z]+-[a-z]+")


def people_mentions(doc: Doc, mentions: list[Span]) -> list[Span]:
    """New mentions, each labelled with its code, of the people `mentions`
    name or title, where the article names them again; none overlaps `mentions`."""
    names, introduced = coded_names(doc, mentions)
    if not names:
        return []
    taken = {token.i for mention in mentions for token in mention} | introduced
    found = []
    for span in name_spans(doc):
        code = names.get(span.text)
        if code is not None and not any(token.i in taken for token in span):
            found.append(Span(doc, span.start, span.end, label=code))
            taken.update(token.i for token in span)
    return found


def coded_names(doc: Doc, mentions: list[Span]) -> tuple[dict[str, str], set[int]]:
    """Full name and surname -> code, for each person a mention names or
    titles; and the tokens of those names where they are introduced (the
    title's mention already stands for the person there)."""
    person_at = person_per_token(doc)
    codes: dict[str, set[str]] = {}
    introduced: set[int] = set()
    for mention in mentions:
        for person in people_of(mention, person_at):
            introduced.update(range(person.start, person.end))
            for name in {person.text, surname(person)}:
                codes.setdefault(name, set()).add(mention.label_)
    return {name: next(iter(found)) for name, found in codes.items() if len(found) == 1 and is_name(name)}, introduced


def person_per_token(doc: Doc) -> list[Span | None]:
    """For each token, the person entity it lies in, if any."""
    person_at: list[Span | None] = [None] * len(doc)
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            person_at[ent.start : ent.end] = [ent] * len(ent)
    return person_at


def people_of(mention: Span, person_at: list[Span | None]) -> list[Span]:
    """The people the mention names ("William Ruto"), or whose title it ends
    with: the role noun is the name's compound ("President Paul Kagame") or
    has the name in apposition ("the Ugandan army chief, General Muhoozi
    Kainerugaba"). Read from the tokens around the mention, so linking stays
    linear in the article's length."""
    found = [person for person in dict.fromkeys(person_at[mention.start : mention.end]) if person is not None]
    found = [person for person in found if mention.start <= person.start and person.end <= mention.end]
    role = mention[-1]
    titled = [person_at[role.head.i]] if role.head.i != role.i else []
    titled += [person_at[child.i] for child in role.children if child.dep_ == "appos"]
    found += [person for person in titled if person is not None and person.root.i in {role.head.i, *(c.i for c in role.children)}]
    return found


def surname(person: Span) -> str:
    """The last word, or the first where the last is a hyphenated given name,
    written after the family name ("Lee Jae-myung", "Kim Jong-un"), not a
    hyphenated surname ("al-Zawahiri", "Amir-Abdollahian")."""
    words = person.text.split()
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:  # "Ferdinand Marcos Jr"
        words.pop()
    return words[0] if len(words) > 1 and GIVEN_NAME_AFTER.fullmatch(words[-1]) else words[-1]


def is_name(text: str) -> bool:
    """A capitalised word or more ("Li", "Kagame"), not an initial or a suffix ("J.", "Jr.")."""
    return text[:1].isupper() and len(text) >= 2 and not text.endswith(".")


def name_spans(doc: Doc) -> list[Span]:
    """Where a person may be named: name-like entities, and proper nouns in none."""
    spans = [ent for ent in doc.ents if ent.label_ in NAME_ENTITY_LABELS]
    in_entity = {token.i for ent in doc.ents for token in ent}
    spans += [doc[token.i : token.i + 1] for token in doc if token.pos_ == "PROPN" and token.i not in in_entity]
    return spans
