"""The actor dictionary: every state from the libraries (`states.py`), merged
with the project's file (`corpus/actors.jsonl`, one actor a line), which adds
non-state actors, organisations and officials, and wins where the two differ.

A line has a `code` and any of `kind`, `names`, `demonyms`, `capitals` (a
capital used for its government), `officials` (people and agencies serving
it) and `governments`: who governs the state between two dates, as PETRARCH's
date-restricted codes, e.g. for Afghanistan

    {"code": "AFG", "governments": [{"code": "TAL", "from": "2021-08-15"}]}

Several lines may share a code: their lists are joined (`pipeline actors add`
appends such lines).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.io import InputError, read_jsonl
from pipeline.stages.cities import library_cities
from pipeline.stages.states import ALIAS_FIELDS as STATE_FIELDS
from pipeline.stages.states import library_states

PLACE_FIELDS = ("names", "demonyms", "capitals", "cities", "towns")
ALIAS_FIELDS = (*PLACE_FIELDS, "officials")
ACTOR_KEYS = frozenset({"code", "kind", "governments", *ALIAS_FIELDS})
ROLE_KEYS = frozenset({"code", "from", "until"})


@dataclass(frozen=True)
class Role:
    """`code` governs the state from `start` (inclusive) until `until` (exclusive); None: open."""

    code: str
    start: dt.date | None
    until: dt.date | None

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.until is None or day < self.until)


@dataclass(frozen=True)
class ActorDictionary:
    aliases: dict[str, tuple[str, str]]  # alias -> (code, field)
    governments: dict[str, tuple[Role, ...]]  # state code -> its roles, by start
    organisations: frozenset[str] = frozenset()  # codes of kind "organisation" (the UN, the AU, courts)
    movements: frozenset[str] = frozenset()  # codes of kind "movement" (armed groups, parties)

    @property
    def codes(self) -> set[str]:
        return {code for code, _field in self.aliases.values()} | set(self.governments)

    def non_state_kinds(self) -> dict[str, str]:
        """Code -> "organisation" or "movement"; every other code is a state's (or an official's)."""
        return {**{code: "movement" for code in self.movements}, **{code: "organisation" for code in self.organisations}}

    def government_on(self, code: str, day: dt.date | None, *, previous: bool = False) -> str:
        """Who governs `code` on `day`: the role in force, else the state
        itself. With no date, the newest role (the one that started last and
        has not ended), else the state itself. `previous`: the government
        before that one ("the former Afghan government")."""
        roles = self.governments.get(code, ())
        if day is None:
            current = len(roles) - 1 if roles and roles[-1].until is None else None
        else:
            current = next((i for i in reversed(range(len(roles))) if roles[i].holds_on(day)), None)
        if current is None:
            return code
        start = roles[current].start
        if previous:  # whoever governed the day before this government began
            return self.government_on(code, start - dt.timedelta(days=1)) if start is not None else code
        return roles[current].code

    def to_json(self) -> str:
        governments = {
            code: [[role.code, iso(role.start), iso(role.until)] for role in roles] for code, roles in self.governments.items()
        }
        data = {
            "aliases": self.aliases,
            "governments": governments,
            "organisations": sorted(self.organisations),
            "movements": sorted(self.movements),
        }
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ActorDictionary:
        data = json.loads(text)
        governments = {
            code: tuple(Role(role, parse_day(start), parse_day(until)) for role, start, until in roles)
            for code, roles in data.get("governments", {}).items()
        }
        return cls(
            aliases={alias: tuple(entry) for alias, entry in data.get("aliases", {}).items()},
            governments=governments,
            organisations=frozenset(data.get("organisations", ())),
            movements=frozenset(data.get("movements", ())),
        )


def load_actors(path: Path) -> ActorDictionary:
    """The library's states merged with the project's file (whose aliases win).
    A malformed line, or an alias the file gives to two codes, is one error
    naming the file and line."""
    project = list(read_project_actors(path))
    if not project:
        raise InputError(f"{path}: no actors")
    return build_dictionary(project)


def build_dictionary(project: list[tuple[str, dict[str, Any]]]) -> ActorDictionary:
    """The library's states with the project's checked lines (each with where
    it is) on top; an alias the lines give to two codes is an error naming the second."""
    aliases: dict[str, tuple[str, str]] = {}
    for record in library_states():
        for field in STATE_FIELDS:
            aliases.update({alias: (record["code"], field) for alias in record[field]})
    aliases = {**library_cities(frozenset(aliases)), **aliases}
    claimed: dict[str, str] = {}
    governments: dict[str, list[Role]] = {}
    for where, record in project:
        for field, alias in record_aliases(record):
            if claimed.setdefault(alias, record["code"]) != record["code"]:
                raise InputError(f"{where}: alias {alias!r} already belongs to {claimed[alias]}")
            aliases[alias] = (record["code"], field)
        governments.setdefault(record["code"], []).extend(parse_roles(record.get("governments", []), where))
    return ActorDictionary(
        aliases=dict(sorted(aliases.items())),
        governments={code: tuple(sorted(roles, key=role_order)) for code, roles in sorted(governments.items()) if roles},
        organisations=frozenset(record["code"] for _where, record in project if record.get("kind") == "organisation"),
        movements=frozenset(record["code"] for _where, record in project if record.get("kind") == "movement"),
    )


def read_project_actors(path: Path) -> Iterable[tuple[str, dict[str, Any]]]:
    """Each line of the project's file, checked, with where it is ("FILE:LINE")."""
    for number, record in read_jsonl(path):
        where = f"{path}:{number}"
        check_actor(record, where)
        yield where, record


def check_actor(record: dict[str, Any], where: str) -> None:
    """One actor line's shape; the error names `where` (the file and line)."""
    unknown = record.keys() - ACTOR_KEYS
    if not isinstance(record.get("code"), str) or not record["code"].strip() or unknown:
        raise InputError(f"{where}: an actor needs a 'code' (text) and only the keys {sorted(ACTOR_KEYS)}")
    if "kind" in record and not isinstance(record["kind"], str):
        raise InputError(f"{where}: 'kind' must be text")
    for field in ALIAS_FIELDS:
        values = record.get(field, [])
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise InputError(f"{where}: '{field}' must be a list of non-empty strings")
    parse_roles(record.get("governments", []), where)


def record_aliases(record: dict[str, Any]) -> Iterable[tuple[str, str]]:
    for field in ALIAS_FIELDS:
        for alias in record.get(field, []):
            yield field, alias


def parse_roles(roles: Any, where: str) -> list[Role]:
    if not isinstance(roles, list):
        raise InputError(f"{where}: 'governments' must be a list of {{\"code\", \"from\", \"until\"}} objects")
    parsed = []
    for role in roles:
        if not isinstance(role, dict) or role.keys() - ROLE_KEYS or not isinstance(role.get("code"), str) or not role["code"].strip():
            raise InputError(f"{where}: each government needs a 'code' and may have 'from' and 'until' (YYYY-MM-DD)")
        try:
            start, until = parse_day(role.get("from")), parse_day(role.get("until"))
        except (TypeError, ValueError):
            raise InputError(f"{where}: a government's 'from' and 'until' must be dates (YYYY-MM-DD)") from None
        if start is not None and until is not None and until <= start:
            raise InputError(f"{where}: a government's 'until' must come after its 'from'")
        parsed.append(Role(role["code"], start, until))
    return parsed


def role_order(role: Role) -> tuple[dt.date, str]:
    return (role.start or dt.date.min, role.code)


def parse_day(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
