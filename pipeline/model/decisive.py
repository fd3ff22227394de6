"""The decisive clause of a contrasted, concessive or reported sentence, for the label.

The guidelines ("Mixed sentences") let the clause after "but", "however" or
"while", and the main clause over "despite" or "amid", decide the label; a
reporting frame ("..., officials said") only attributes the clause it
reports. The sentence embedding reads the whole sentence, where the other
clause or the frame often weighs as much; so the label also reads the
decisive clause alone (`Sentence.main_clause`, from `stages/stance.py`) and
mixes the two (`features.DECISIVE_KEY`, `classifier.decisions`).
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.records import Sentence
from pipeline.stages.stance import REACTED_NOUNS

# Contrast and concession words, and the prepositions the guidelines name as
# not deciding ("after the clash, ..."; `stages/dyad.CONCESSIVE_PREPS`).
CONTRAST_MARKERS = re.compile(
    r"\b(?:but|however|yet|although|though|despite|nevertheless|nonetheless|while|whereas|amid|after|following)\b", re.IGNORECASE
)
# Uses of those words that contrast nothing.
NOT_CONTRAST = re.compile(r"\b(?:not only|but also|yet to|not yet|as yet|all but|nothing but|anything but)\b", re.IGNORECASE)
# Forms of the reporting verbs (`stages/reports.REPORTING_VERBS`), leaving out
# those that are more often nouns ("states", "reports", "claims", "notes").
REPORTING_FORMS = frozenset(
    {"say", "says", "said", "tell", "tells", "told", "reported", "announce", "announces", "announced", "added", "adds"}
    | {"stated", "confirm", "confirms", "confirmed", "claimed", "write", "writes", "wrote", "written", "noted"}
)
WORD = re.compile(r"\w+")
# A clause this short is a fragment of a failed parse, not a clause.
MIN_CLAUSE_WORDS = 4


def decisive_clause(sentence: Sentence) -> str | None:
    """The clause that decides a contrasted, concessive or reported sentence's
    label, or None when the whole sentence decides."""
    clause = sentence.main_clause.strip()
    if not clause or clause == sentence.text.strip() or len(WORD.findall(clause)) < MIN_CLAUSE_WORDS:
        return None
    if CONTRAST_MARKERS.search(NOT_CONTRAST.sub(" ", sentence.text)) or is_reported(sentence.text, clause) or is_reaction(sentence.text, clause):
        return clause
    return None


def is_reaction(text: str, clause: str) -> bool:
    """"..., a proposal Russia has rejected": the clause closes the sentence
    after a comma and names what a side reacted to (`stance.reaction_phrase`)."""
    before, found, _after = text.rpartition(clause)
    words = [word.lower() for word in WORD.findall(clause)[:4]]
    return bool(found) and before.rstrip().endswith(",") and any(word in REACTED_NOUNS for word in words)


def is_reported(text: str, clause: str) -> bool:
    """A reporting verb among the words outside the clause: the clause is what it reports."""
    outside = Counter(word.lower() for word in WORD.findall(text)) - Counter(word.lower() for word in WORD.findall(clause))
    return any(word in REPORTING_FORMS for word in outside)
