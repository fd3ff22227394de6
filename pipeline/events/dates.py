"""When a claim's event happened: the sentence's date expression (spaCy's DATE
entities) resolved by dateparser against the article's date.

The article's date is `stages/articledate.py`'s (its meta, else a dateline).
A resolved date is a small record:

    {"date": "2023-03", "granularity": "month", "expression": "in March 2023"}

`date` is ISO 8601 at its granularity (day "2023-03-07", week "2023-03-06",
the week's Monday, month "2023-03", year "2023"); `expression` is the words
of the sentence it came from, or null when the sentence names no date and the
claim takes the article's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from pipeline.stages.articledate import parse

GRANULARITIES = ("day", "week", "month", "year")
# A sentence naming no date takes its article's, which may be this many days
# after the event (a report of yesterday's talks); dates agree within that span.
UNDATED_REPORT_DAYS = 6
# Words spaCy keeps in a DATE entity that dateparser reads as noise.
LEADING_WORDS = re.compile(r"^(?:on|in|at|since|by|during|from|of|the|earlier|later|this past)\s+", re.IGNORECASE)
WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)
# Expressions that are durations or ages, not points in time.
NOT_A_POINT = re.compile(
    r"\byears? old\b|^(?:the )?(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)\s+(?:days?|weeks?|months?|years?|decades?)$",
    re.IGNORECASE,
)


def resolve(expression: str, base: dt.date | None, *, future: bool = False) -> dict[str, Any] | None:
    """The date an expression names, relative to `base`, or None if it names
    none. An incomplete date ("Tuesday", "in July") is read as the one before
    `base`, or after it when the sentence is `future` (planned)."""
    cleaned = LEADING_WORDS.sub("", expression.strip()).strip(" ,.")
    if not cleaned or NOT_A_POINT.search(cleaned):
        return None
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "future" if future else "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    parsed = parse(cleaned, settings)
    if parsed is None:
        return None
    moment, period = parsed
    if base is not None and not future and WEEKDAY.fullmatch(cleaned) and (base - moment.date()).days == 7:
        moment = dt.datetime(base.year, base.month, base.day)  # "on Tuesday" in Tuesday's paper is that day
    granularity = period if period in GRANULARITIES else "day"
    return {"date": iso(moment.date(), granularity), "granularity": granularity, "expression": expression}


def sentence_date(expressions: Iterable[str], base: dt.date | None, *, future: bool = False) -> dict[str, Any] | None:
    """The first of the sentence's date expressions that resolves; else the
    article's date (expression null); else None."""
    for expression in expressions:
        found = resolve(expression, base, future=future)
        if found is not None:
            return found
    if base is None:
        return None
    return {"date": base.isoformat(), "granularity": "day", "expression": None}


def iso(day: dt.date, granularity: str) -> str:
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    return day.isoformat()


def interval(date: dict[str, Any]) -> tuple[dt.date, dt.date]:
    """The first and last day a resolved date covers."""
    text, granularity = date["date"], date["granularity"]
    if granularity == "year":
        year = int(text[:4])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if granularity == "month":
        first = dt.date(int(text[:4]), int(text[5:7]), 1)
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    day = dt.date.fromisoformat(text)
    if granularity == "week":
        return day, day + dt.timedelta(days=6)
    if date.get("expression") is None:
        return day - dt.timedelta(days=UNDATED_REPORT_DAYS), day
    return day, day


def dates_agree(first: dict[str, Any] | None, second: dict[str, Any] | None) -> bool:
    """Two dates agree at their granularity when the spans they cover overlap
    ("March 2023" and "7 March 2023" do); an unknown date agrees with any."""
    if first is None or second is None:
        return True
    (start_a, end_a), (start_b, end_b) = interval(first), interval(second)
    return start_a <= end_b and start_b <= end_a
