"""Dates: the article's (meta or dateline) and the sentence's, resolved by dateparser."""

import datetime as dt

import pytest

from pipeline.events.dates import dates_agree, interval, resolve, sentence_date

THURSDAY = dt.date(2023, 3, 9)


@pytest.mark.parametrize(
    "expression, date, granularity",
    [
        ("on Tuesday", "2023-03-07", "day"),
        ("last week", "2023-02-27", "week"),
        ("in March 2023", "2023-03", "month"),
        ("next month", "2023-04", "month"),
        ("yesterday", "2023-03-08", "day"),
        ("last year", "2022", "year"),
        ("2021", "2021", "year"),
        ("three days ago", "2023-03-06", "day"),
    ],
)
def test_expressions_resolve_against_the_article_date(expression, date, granularity):
    assert resolve(expression, THURSDAY) == {"date": date, "granularity": granularity, "expression": expression}


def test_a_planned_event_reads_an_incomplete_date_forwards():
    assert resolve("in July", dt.date(2023, 5, 22))["date"] == "2022-07"
    assert resolve("in July", dt.date(2023, 5, 22), future=True)["date"] == "2023-07"


@pytest.mark.parametrize("expression", ["two years", "10 years old", "the weekend", ""])
def test_durations_and_vague_words_are_not_dates(expression):
    assert resolve(expression, THURSDAY) is None


def test_a_sentence_without_a_date_takes_the_article_date():
    assert sentence_date([], THURSDAY) == {"date": "2023-03-09", "granularity": "day", "expression": None}
    assert sentence_date(["two years", "Monday"], THURSDAY)["date"] == "2023-03-06"
    assert sentence_date([], None) is None


def test_dates_agree_when_their_spans_overlap():
    day = {"date": "2023-03-07", "granularity": "day", "expression": "Tuesday"}
    month = {"date": "2023-03", "granularity": "month", "expression": "in March"}
    other = {"date": "2023-04-07", "granularity": "day", "expression": "April 7"}
    undated = {"date": "2023-03-10", "granularity": "day", "expression": None}
    assert dates_agree(day, month) and dates_agree(month, day)
    assert not dates_agree(day, other)
    assert dates_agree(day, undated)  # a report three days after
    assert dates_agree(None, other)
    assert interval({"date": "2024-02", "granularity": "month"}) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


def test_a_weekday_in_that_weekday_s_paper_is_the_same_day():
    tuesday = dt.date(2022, 9, 13)
    assert resolve("Tuesday", tuesday)["date"] == "2022-09-13"
    assert resolve("Monday", tuesday)["date"] == "2022-09-12"
