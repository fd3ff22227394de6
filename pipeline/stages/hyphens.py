"""Names joined to a word by a hyphen: "al-Qaeda-linked", "US-backed"."""

from __future__ import annotations

from spacy.tokens import Span

HYPHENS = frozenset({"-", "\u2013", "\u2014", "/"})
# "the al-Qaeda-linked group": a name tied to another group by these words is no side of its own.
AFFILIATION_WORDS = frozenset({"linked", "affiliated", "aligned", "allied", "inspired", "leaning", "style"})


def names_an_affiliation(mention: Span) -> bool:
    """"the al-Qaeda-linked group", "an Islamic State-inspired cell": the
    side named is what another group is tied to, not a side of the act
    (unlike "Iran-backed", where Iran acts by backing)."""
    return word_after_hyphen(mention) in AFFILIATION_WORDS


def word_after_hyphen(mention: Span) -> str:
    """The word joined to the mention by a hyphen ("linked" in "al-Qaeda-linked"), lower-cased, or ""."""
    after = mention.doc[mention.end : mention.end + 2]
    return after[1].lower_ if len(after) == 2 and after[0].text in HYPHENS else ""
