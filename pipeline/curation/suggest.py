"""Names a run found on the sides of claims that the dictionary does not know,
by frequency, each with an example and a proposed dictionary line.

Read from a run's `sentences.jsonl`: each claim sentence (a model's guess or
a human label of cooperation or tension) lists its entities, and those with
no actor code are the candidates: organisations, groups, nationalities and
places (as the run's closing notice counts them), and people named with a
title ("Foreign Minister Dmytro Kuleba").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config import LABELS
from pipeline.io import InputError, read_jsonl
from pipeline.runner.notices import looks_like_actor
from pipeline.stages.titles import ROLE_NOUNS

SENTENCES_FILE = "sentences.jsonl"
# How many words before a person's name may hold their title.
TITLE_WORDS = 4
KIND_OF_LABEL = {"ORG": "organisation", "NORP": "movement", "GPE": "place", "LOC": "place"}


@dataclass(frozen=True)
class Suggestion:
    name: str
    label: str  # the spaCy entity type most often given to it
    count: int  # in how many claim sentences it occurs
    example: str  # the first such sentence
    line: dict[str, Any]  # the proposed dictionary line

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "count": self.count, "example": self.example, "line": self.line}


def suggest(out_dir: Path, known_codes: set[str]) -> list[Suggestion]:
    """The unknown sides of a run's claims, most frequent first (ties by name)."""
    path = out_dir / SENTENCES_FILE
    if not path.is_file():
        raise InputError(f"{path}: no run output here (run `pipeline run` first)")
    counts: Counter[str] = Counter()
    labels: dict[str, Counter[str]] = {}
    examples: dict[str, str] = {}
    title_codes: dict[str, str | None] = {}
    for _number, sentence in read_jsonl(path):
        if sentence.get("guess") not in LABELS:
            continue
        for name, entity, code in unknown_sides(sentence):
            counts[name] += 1
            labels.setdefault(name, Counter())[entity["label"]] += 1
            examples.setdefault(name, sentence["text"])
            title_codes[name] = title_codes.get(name) or code
    taken = set(known_codes)
    found = []
    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        label = labels[name].most_common(1)[0][0]
        line = proposed_line(name, label, title_codes[name], taken)
        taken.add(line["code"])
        found.append(Suggestion(name, label, count, examples[name], line))
    return found


def unknown_sides(sentence: dict[str, Any]) -> Iterable[tuple[str, dict[str, Any], str | None]]:
    """(name, entity, the code of the state in a person's title or None) for
    each entity with no code that may be a side."""
    entities = sentence.get("entities", [])
    for index, entity in enumerate(entities):
        if entity.get("actor") is not None:
            continue
        name = re.sub(r"^(?:the|The)\s+", "", " ".join(entity["text"].split()))
        if entity["label"] == "PERSON":
            title = title_before(sentence, entity)
            if title is not None:
                yield name, entity, title_code(entities[:index], entity)
        elif looks_like_actor({**entity, "text": name}):
            yield name, entity, None


def title_before(sentence: dict[str, Any], entity: dict[str, Any]) -> str | None:
    """The role word among the few words before a person's name, if any."""
    before = sentence["text"][: entity["start"] - sentence["start"]].split()[-TITLE_WORDS:]
    return next((word for word in before if singular(word.lower().strip(",.")) in ROLE_NOUNS), None)


def title_code(before: list[dict[str, Any]], person: dict[str, Any]) -> str | None:
    """The code of a linked mention just before the person ("Ukrainian Foreign Minister" Dmytro Kuleba)."""
    near = [e for e in before if e.get("actor") and 0 <= person["start"] - e["end"] <= 40]
    return near[-1]["actor"] if near else None


def singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def proposed_line(name: str, label: str, code: str | None, known_codes: set[str]) -> dict[str, Any]:
    """A dictionary line for the name: a person joins the officials of the
    state in their title; anything else is a new actor with a code made from
    its initials, made unique."""
    if label == "PERSON":
        return {"code": code or new_code(name, known_codes), "officials": [name]}
    return {"code": new_code(name, known_codes), "kind": KIND_OF_LABEL.get(label, "organisation"), "names": [name]}


def new_code(name: str, known_codes: set[str]) -> str:
    words = [word for word in re.split(r"[\s\-]+", name) if word[:1].isupper()]
    base = name.upper() if name.isupper() and len(name) <= 8 else "".join(word[0] for word in words).upper()
    if len(base) < 3:
        base = re.sub(r"[^A-Z]", "", name.upper())[:3] or "NEW"
    code, number = base, 2
    while code in known_codes:
        code, number = f"{base}{number}", number + 1
    return code
