"""The article's date: from `NAME.meta.json` (`date`) or, failing that, a
dateline or date line near the top of the text ("NAIROBI, March 3, 2023
(Reuters) -", "Published: 2023-03-05").

It sits with the stages because the actor linker needs it (who governs a
state on the article's date); the events read it from here too.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import warnings
from typing import Any

from spacy.tokens import Span

# Where a dateline is looked for: the first characters of the article.
DATELINE_WINDOW = 600
# Lines that may hold the article's date: a dateline (CITY, date -) or a labelled date line.
DATELINE_RE = re.compile(
    r"^(?:[A-Z][A-Za-z .'-]{1,40},\s*(?P<dateline>[^\n\-–—(]{6,40}?)\s*(?:\([^)\n]{1,30}\)\s*)?[-–—]"
    r"|(?:Date|Published|Updated|Posted)\s*:?\s*(?P<labelled>[^\n|]{6,40}))",
    re.MULTILINE,
)
# A year (or a decade: "the 1990s") in a sentence's own date.
YEAR_RE = re.compile(r"\b(?:1[89]|20)\d\d\b")
DECADE_RE = re.compile(r"\b((?:1[89]|20)\d0)s\b")


def article_date(meta: dict[str, Any], raw: str) -> dt.date | None:
    """The article's date: `meta["date"]`, else its dateline, else None."""
    if isinstance(meta.get("date"), str):
        found = parse_absolute(meta["date"])
        if found is not None:
            return found
    for match in DATELINE_RE.finditer(raw[:DATELINE_WINDOW]):
        found = parse_absolute((match.group("dateline") or match.group("labelled") or "").strip())
        if found is not None:
            return found
    return None


def dateline_length(text: str) -> int:
    """How many characters a dateline at the start of `text` takes ("NAIROBI,
    March 9, 2023 (Reuters) -"), 0 if it has none: its date is the article's,
    not the event's."""
    match = DATELINE_RE.match(text)
    return match.end() if match and match.group("dateline") and parse_absolute(match.group("dateline").strip()) else 0


def parse_absolute(text: str) -> dt.date | None:
    """A complete calendar date (day, month and year all written), or None."""
    parsed = parse(text, {"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed[0].date() if parsed else None


def parse(text: str, settings: dict[str, Any]) -> tuple[dt.datetime, str] | None:
    """dateparser's reading of `text` in English: the moment and its period."""
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["en"], settings={**settings, "RETURN_AS_TIMEZONE_AWARE": False})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj, data.period or "day"


def stated_day(sent: Span) -> dt.date | None:
    """The date a sentence gives its event when it names a year ("in 1973",
    "in March 2021", "in the 1990s"): the last day of the first such DATE
    entity's period, so that a period a change of government falls in counts
    as after it. None when it names none."""
    for ent in sent.ents:
        if ent.label_ == "DATE" and (YEAR_RE.search(ent.text) or DECADE_RE.search(ent.text)):
            found = period_end(ent.text)
            if found is not None:
                return found
    return None


@functools.lru_cache(maxsize=1024)  # dateparser takes milliseconds; the same expressions recur
def period_end(expression: str) -> dt.date | None:
    """The last day of the period a dated expression names, or None."""
    decade = DECADE_RE.search(expression)
    if decade:
        return dt.date(int(decade.group(1)) + 9, 12, 31)
    parsed = parse(expression, {"REQUIRE_PARTS": ["year"], "PREFER_DAY_OF_MONTH": "last"})
    if parsed is None:
        return None
    moment, period = parsed
    return dt.date(moment.year, 12, 31) if period == "year" else moment.date()
