"""One event from many reports: claims that report the same event, within an
article and across articles, become one record of `out/events.jsonl`, with
every report kept as a mention.

Two claims report the same event when they have the same pair of sides (in
either order: "Kenya and Somalia agreed" and "Somalia agreed with Kenya"),
their dates agree at their granularity, and either their PLOVER types are the
same or both are cooperation (or both conflict) and their wording is alike
("signed a security agreement" and "agreed a security pact" may be typed
AGREE and COOPERATE). A claim joins the
first event (in corpus order) that has a mention it matches, so the grouping,
the ids and the bytes are the same on every run.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pipeline.events.dates import dates_agree
from pipeline.events.plover import LABEL_OF_QUAD, QUAD_OF
from pipeline.events.sides import event_sides

# Share of content words two reports of one event have in common, at least,
# when their types differ on the same side (cooperation or conflict).
WORDING_OVERLAP = 0.3
WORD_RE = re.compile(r"[a-z]{3,}")
STOP_WORDS = frozenset(
    "the and for with that this from said says will would have has had was were are its their his her they them "
    "into over after before about against between during also been being which who whom than then there".split()
)


@dataclass
class Group:
    pair: frozenset[str | None]
    claims: list[dict[str, Any]] = field(default_factory=list)


def group_events(claims: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event records from claim records (in corpus order), in the order their first report appears."""
    groups: list[Group] = []
    by_pair: dict[frozenset[str | None], list[Group]] = {}
    for claim in claims:
        if claim.get("event") is None:
            continue
        actor, recipient = event_sides(claim)
        if actor is None:
            continue
        pair = frozenset((actor, recipient))
        group = next((g for g in by_pair.get(pair, []) if any(same_event(claim, other) for other in g.claims)), None)
        if group is None:
            group = Group(pair=pair)
            groups.append(group)
            by_pair.setdefault(pair, []).append(group)
        group.claims.append(claim)
    return [event_record(group.claims) for group in groups]


def same_event(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """Two claims of one pair report one event (see the module's docstring)."""
    if not dates_agree(first.get("date"), second.get("date")):
        return False
    if first["event"] == second["event"]:
        return True
    same_side = LABEL_OF_QUAD[first["quad_code"]] == LABEL_OF_QUAD[second["quad_code"]]
    return same_side and wording_overlap(first["text"], second["text"]) >= WORDING_OVERLAP


def wording_overlap(first: str, second: str) -> float:
    """Shared content words over the smaller sentence's."""
    words_a, words_b = content_words(first), content_words(second)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def content_words(text: str) -> set[str]:
    return {word for word in WORD_RE.findall(text.lower()) if word not in STOP_WORDS}


def event_record(claims: list[dict[str, Any]]) -> dict[str, Any]:
    """The event its reports agree on: the commonest type and mode, the most
    precise date named, the first report's sides; every report as a mention."""
    first = claims[0]
    actor, recipient = event_sides(first)
    event = most_common(claim["event"] for claim in claims)
    quad = QUAD_OF[event]
    return {
        "id": event_id(first),
        "date": most_precise_date(claims),
        "actor": actor,
        "recipient": recipient,
        "event": event,
        "quad_code": quad,
        "label": LABEL_OF_QUAD[quad],
        "mode": most_common(claim["mode"] for claim in claims),
        "confidence": round(max(claim["confidence"] * claim["event_confidence"] for claim in claims), 4),
        "mentions": [{"doc": c["doc"], "start": c["start"], "end": c["end"], "text": c["text"]} for c in claims],
        "sources": len({claim["doc"] for claim in claims}),
    }


def event_id(first: dict[str, Any]) -> str:
    """Stable across runs: a hash of the first report's place."""
    return "ev-" + hashlib.sha256(f"{first['doc']}\0{first['start']}\0{first['end']}".encode()).hexdigest()[:16]


def most_common(values: Iterable[str]) -> str:
    """The commonest value; on a tie, the one seen first."""
    counts = Counter(values)
    return max(counts, key=lambda value: counts[value])


PRECISION = {"day": 0, "week": 1, "month": 2, "year": 3}


def most_precise_date(claims: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The finest date a report names itself; else the first report's (the article's)."""
    named = [claim["date"] for claim in claims if claim.get("date") and claim["date"].get("expression")]
    if named:
        return min(named, key=lambda date: PRECISION[date["granularity"]])
    return next((claim["date"] for claim in claims if claim.get("date")), None)
