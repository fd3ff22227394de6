"""The dates of the articles written for the test resolve as their gold says."""

from pipeline.config import EVENTS_GOLD_DIR
from pipeline.training.event_gold import dates_resolved, one_event


def test_gold_dates_resolve(nlp):
    assert dates_resolved(EVENTS_GOLD_DIR, nlp=nlp) >= 0.95


def test_one_event_needs_a_report_from_each_article():
    events = [{"mentions": [{"doc": "p01a"}, {"doc": "p01b"}]}, {"mentions": [{"doc": "p05a"}]}]
    assert one_event(events, "p01a", "p01b")
    assert not one_event(events, "p05a", "p05b")
