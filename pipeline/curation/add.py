"""`pipeline actors add`: append accepted lines to the project's actor
dictionary, checked as the loader checks them, in one atomic step."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.io import InputError, append_jsonl_atomically
from pipeline.io.jsonl import parse_json_object
from pipeline.stages.dictionary import build_dictionary, check_actor, read_project_actors


@dataclass(frozen=True)
class Added:
    added: int
    already_there: int


def add_actors(text: str, source: str, actors_path: Path) -> Added:
    """Check every line of `text` (named `source` in errors, with its line
    number), then append the new ones to `actors_path`; a line already in the
    file is left out. Any error leaves the file as it was."""
    new = list(parse_lines(text, source))
    existing = list(read_project_actors(actors_path)) if actors_path.exists() else []
    build_dictionary(existing + new)  # clashes between the file and the new lines
    present = {canonical(record) for _where, record in existing}
    fresh, seen = [], set(present)
    for _where, record in new:
        if canonical(record) not in seen:
            seen.add(canonical(record))
            fresh.append(record)
    append_jsonl_atomically(actors_path, fresh)
    return Added(added=len(fresh), already_there=len(new) - len(fresh))


def parse_lines(text: str, source: str) -> list[tuple[str, dict[str, Any]]]:
    lines = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        record = parse_json_object(line, where)
        check_actor(record, where)
        lines.append((where, record))
    if not lines:
        raise InputError(f"{source}: no actor lines to add")
    return lines


def canonical(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)
