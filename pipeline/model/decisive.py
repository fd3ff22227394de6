"""The decisive clause of a contrasted or concessive sentence, for the label.

The guidelines ("Mixed sentences") let the clause after "but", "however" or
"while", and the main clause over "despite" or "amid", decide the label. The
sentence embedding reads the whole sentence, where the other clause often
weighs as much; so the label also reads the decisive clause alone
(`Sentence.main_clause`, from `stages/stance.py`) and mixes the two
(`classifier.with_decisive_clauses`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Any

from pipeline.model.features import feature_rows
from pipeline.records import Sentence

CONTRAST_MARKERS = re.compile(
    r"\b(?:but|however|yet|although|though|despite|nevertheless|nonetheless|while|whereas|amid)\b", re.IGNORECASE
)
# Uses of those words that contrast nothing.
NOT_CONTRAST = re.compile(r"\b(?:not only|but also|yet to|not yet|as yet|all but|nothing but|anything but)\b", re.IGNORECASE)
WORD = re.compile(r"\w+")
# A clause this short is a fragment of a failed parse, not a clause.
MIN_CLAUSE_WORDS = 4


def decisive_clause(sentence: Sentence) -> str | None:
    """The clause that decides a contrasted or concessive sentence's label,
    or None when the sentence has no contrast or the whole sentence decides."""
    clause = sentence.main_clause.strip()
    if not clause or clause == sentence.text.strip() or len(WORD.findall(clause)) < MIN_CLAUSE_WORDS:
        return None
    if not CONTRAST_MARKERS.search(NOT_CONTRAST.sub(" ", sentence.text)):
        return None
    return clause


def decisive_clause_rows(sentences: Sequence[Sentence], parts: Collection[str]) -> list[dict[str, Any] | None]:
    """Each sentence's decisive clause as a feature row (`parts`), or None."""
    clauses = [decisive_clause(sentence) for sentence in sentences]
    found = [i for i, clause in enumerate(clauses) if clause]
    rows = feature_rows([replace(sentences[i], text=clauses[i]) for i in found], parts) if found else []
    by_sentence: list[dict[str, Any] | None] = [None] * len(sentences)
    for i, row in zip(found, rows):
        by_sentence[i] = row
    return by_sentence
