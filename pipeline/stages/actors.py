"""The actor dictionary and the spaCy component that links mentions to codes.

The dictionary (`corpus/actors.jsonl`, one actor a line) is the user's to edit:
each actor has a code and lists of names, demonyms, capitals (a capital used
for its government) and officials (people and agencies serving it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.io import InputError, read_jsonl

ALIAS_FIELDS = ("names", "demonyms", "capitals", "officials")
ACTOR_KEYS = {"code", "kind", *ALIAS_FIELDS}
SPAN_KEY = "actors"
# Entity types that can stand for a political actor when they contain an alias.
ACTOR_ENTITY_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"})


def load_actors(path: Path) -> dict[str, str]:
    """Map every alias to its actor code; reject malformed lines and clashes."""
    aliases: dict[str, str] = {}
    for number, record in read_jsonl(path):
        where = f"{path}:{number}"
        unknown = record.keys() - ACTOR_KEYS
        if "code" not in record or unknown:
            raise InputError(f"{where}: an actor needs 'code' and only the keys {sorted(ACTOR_KEYS)}")
        for alias in actor_aliases(record, where):
            if aliases.setdefault(alias, record["code"]) != record["code"]:
                raise InputError(f"{where}: alias {alias!r} already belongs to {aliases[alias]}")
    if not aliases:
        raise InputError(f"{path}: no actors")
    return aliases


def actor_aliases(record: dict, where: str) -> Iterable[str]:
    for field in ALIAS_FIELDS:
        values = record.get(field, [])
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise InputError(f"{where}: '{field}' must be a list of non-empty strings")
        yield from values


@Language.factory("actor_linker", default_config={"aliases_json": "{}"})
def make_actor_linker(nlp: Language, name: str, aliases_json: str) -> ActorLinker:
    return ActorLinker(nlp, json.loads(aliases_json))


class ActorLinker:
    """Put each actor mention in `doc.spans["actors"]`, labelled with its code.

    A dictionary match inside a named entity (e.g. "Qomi" in "Hassan Kazemi
    Qomi") is widened to the whole entity, so the mention reads naturally.
    """

    def __init__(self, nlp: Language, aliases: dict[str, str]) -> None:
        self.aliases = aliases
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for alias, code in sorted(aliases.items()):
            self.matcher.add(code, [nlp.make_doc(alias)])

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[SPAN_KEY] = find_mentions(doc, self.matcher)
        return doc


def find_mentions(doc: Doc, matcher: PhraseMatcher) -> list[Span]:
    matches = [Span(doc, start, end, label=code) for code, start, end in matcher(doc)]
    entity_at = actor_entity_per_token(doc)
    widened = [widen_to_entity(span, entity_at) for span in matches]
    return sorted(filter_spans(widened), key=lambda span: span.start)


def actor_entity_per_token(doc: Doc) -> list[Span | None]:
    """For each token, the actor-type entity it lies in, if any: one pass over
    the entities, so widening every match is linear in the article's length."""
    entity_at: list[Span | None] = [None] * len(doc)
    for ent in doc.ents:  # built anew on every access, so read once
        if ent.label_ in ACTOR_ENTITY_LABELS:
            entity_at[ent.start : ent.end] = [ent] * len(ent)
    return entity_at


def widen_to_entity(span: Span, entity_at: list[Span | None]) -> Span:
    ent = entity_at[span.start]
    if ent is not None and span.end <= ent.end and (ent.start, ent.end) != (span.start, span.end):
        return Span(span.doc, ent.start, ent.end, label=span.label_)
    return span
