"""The article's date: its meta, else a dateline or a labelled date line."""

import datetime as dt

import pytest

from pipeline.stages.articledate import article_date, dateline_length


@pytest.mark.parametrize(
    "meta, raw, date",
    [
        ({"date": "2024-01-02"}, "NAIROBI, March 3, 2023 - Kenya said", dt.date(2024, 1, 2)),
        ({}, "Kenya and Somalia\n\nNAIROBI, March 3, 2023 (Reuters) - Kenya said", dt.date(2023, 3, 3)),
        ({}, "Title\nPublished: 2023-03-05\n\nIndia said", dt.date(2023, 3, 5)),
        ({}, "Title\nMOSCOW, 14 June 2022 — Russia said", dt.date(2022, 6, 14)),
        ({}, "India and Pakistan talked.", None),
    ],
)
def test_article_date_from_meta_or_dateline(meta, raw, date):
    assert article_date(meta, raw) == date


def test_the_dateline_is_not_the_event_date():
    text = "NAIROBI, March 9, 2023 (Reuters) - Kenya met Somalia on Tuesday."
    assert text[dateline_length(text) :].startswith(" Kenya")
    assert dateline_length("Kenya met Somalia on Tuesday.") == 0
