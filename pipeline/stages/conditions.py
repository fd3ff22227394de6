"""A side's condition on another: "Egypt will not reopen the crossing as long
as Israeli forces control the border", "Greece would block the talks unless
the government in Skopje respected the deal", "ready to talk, but only if
Kigali handed over the plotters", "would not stop until Iran's nuclear
threat was dismantled". A step made to wait on what the other side must do
first is a demand under dispute, which the guidelines make tension, however
friendly the step ("reopen", "talk"); the sentence encoder reads the step.

Read from the parse: a clause hanging on the act, marked "unless", "only
if" or "as long as", "only when", "only after" or "only once" for a step to
come ("would reopen the border only when ..."), or "until" where the act
is refused or kept up ("will not end until", "will keep the border closed
until"), with a subject that
is not a pronoun ("only if they targeted NATO" may be the speaker's own
allies) and that acts ("as long as the Taliban is the most powerful agent"
is a state of affairs; "until 31 December" is a date, not a clause).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from pipeline.stages.titles import COPULAS

CONDITION = "condition"
# Verbs that keep a state up until the condition is met: "will keep fighting until", "will stay in place until".
KEEPING_VERBS = frozenset({"keep", "stay", "remain", "continue", "go", "maintain", "hold"})
REFUSING_AUX = frozenset({"will", "would", "'ll", "wo", "shall"})
# Marks that set a condition after "only", for a step to come: "will sign only when", "only after", "only once".
ONLY_MARKS = frozenset({"when", "after", "once"})
# Where a condition's clause may hang below the act: its complement, or the "long" of "as long as".
COMPLEMENT_DEPS = frozenset({"xcomp", "acomp", "ccomp", "dobj", "advmod", "oprd"})


def sets_a_condition(act: Token) -> bool:
    """Whether the act waits on a condition another side must meet, or is
    itself that condition (the decisive "but only if Kigali handed over ...")."""
    clauses = (act, *condition_clauses(act, depth=2))
    return any(is_condition(clause, act) and has_a_side_as_subject(clause) for clause in clauses)


def condition_clauses(verb: Token, *, depth: int) -> Iterator[Token]:
    """Clauses hanging on the verb or, `depth` steps down, on its complements
    ("refused to take part ... unless", "keep the border closed as long as":
    the clause hangs on "long")."""
    for child in verb.children:
        if child.dep_ == "advcl":
            yield child
        elif depth > 0 and child.dep_ in COMPLEMENT_DEPS:
            yield from condition_clauses(child, depth=depth - 1)


def is_condition(clause: Token, act: Token) -> bool:
    # spaCy makes "when" the clause's advmod, not its mark.
    mark = next((child for child in clause.children if child.dep_ == "mark" or child.dep_ == "advmod" and child.lower_ == "when"), None)
    if mark is None:
        return False
    word = mark.lower_
    if word == "unless":
        return True
    if word == "if":
        return is_only(clause, mark)
    if word in ONLY_MARKS:  # "resumed only when the rains stopped" tells what happened, sets nothing
        return is_only(clause, mark) and is_to_come(clause.head)
    if word == "as":
        return mark.i >= 2 and mark.doc[mark.i - 2 : mark.i].text.lower() == "as long"
    return word == "until" and is_held_back_or_kept_up(act)


def is_to_come(act: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ in REFUSING_AUX for child in act.children)


def is_only(clause: Token, mark: Token) -> bool:
    """"only if": "only" just before the mark, wherever the parse hangs it, or
    on the act the clause hangs on ("would only succeed if ...")."""
    if mark.i >= 1 and mark.doc[mark.i - 1].lower_ == "only":
        return True
    return any(child.dep_ == "advmod" and child.lower_ == "only" for child in clause.head.children)


def is_held_back_or_kept_up(act: Token) -> bool:
    """"would not end until", "will keep the crossing closed until"."""
    negated = any(child.dep_ == "neg" for child in act.children)
    future = any(child.dep_ == "aux" and child.lower_ in REFUSING_AUX for child in act.children)
    return future and (negated or act.lemma_.lower() in KEEPING_VERBS)


def has_a_side_as_subject(clause: Token) -> bool:
    """A subject that acts: not a pronoun, and not one only described ("as
    long as the Taliban is the most powerful agent": a state of affairs)."""
    subject = next((child for child in clause.children if child.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject is not None and subject.pos_ != "PRON" and not is_description(clause)


def is_description(clause: Token) -> bool:
    """"is the most powerful agent", "remains weak"; not "remain in the valley"."""
    return clause.lemma_.lower() in COPULAS and any(child.dep_ in {"attr", "acomp"} for child in clause.children)
