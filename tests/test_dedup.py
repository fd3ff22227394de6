"""One event from many reports."""

from pipeline.events.dedup import group_events
from pipeline.events.sides import event_sides


def test_one_event_reported_by_two_articles_in_either_order(claim):
    claims = [
        claim("a", 0, "Kenya and Somalia signed a security agreement on Tuesday.", "KEN", "SOM", "AGREE", "2023-03-07"),
        claim("b", 10, "Somalia agreed a security pact with Kenya on Tuesday.", "SOM", "KEN", "AGREE", "2023-03-07"),
    ]
    (event,) = group_events(claims)
    assert (event["actor"], event["recipient"], event["event"], event["sources"]) == ("KEN", "SOM", "AGREE", 2)
    assert [m["doc"] for m in event["mentions"]] == ["a", "b"]
    assert event["label"] == "cooperation" and event["quad_code"] == "verbal_cooperation"


def test_different_dates_or_pairs_are_different_events(claim):
    claims = [
        claim("a", 0, "India and Pakistan held talks on Monday.", "IND", "PAK", "CONSULT", "2023-02-06"),
        claim("b", 0, "India and Pakistan held talks in September.", "IND", "PAK", "CONSULT", "2023-09"),
        claim("c", 0, "India and China held talks on Monday.", "IND", "CHN", "CONSULT", "2023-02-06"),
    ]
    assert [len(e["mentions"]) for e in group_events(claims)] == [1, 1, 1]


def test_a_coarse_date_joins_a_precise_one_and_the_event_keeps_the_precise(claim):
    claims = [
        claim("a", 0, "Russia and Ukraine fought near Bakhmut in May.", "RUS", "UKR", "FIGHT", "2023-05"),
        claim("b", 0, "Russian and Ukrainian troops fought near Bakhmut on 3 May.", "RUS", "UKR", "FIGHT", "2023-05-03"),
    ]
    (event,) = group_events(claims)
    assert event["date"]["date"] == "2023-05-03"


def test_types_of_one_quad_join_only_when_worded_alike(claim):
    alike = [
        claim("a", 0, "Armenian troops shelled Azerbaijani positions near Lachin.", "ARM", "AZE", "FIGHT", "2022-09-13"),
        claim("b", 0, "Azerbaijani positions near Lachin were shelled by Armenian troops.", "ARM", "AZE", "ASSAULT", "2022-09-13"),
    ]
    unlike = [alike[0], claim("c", 0, "A bomb killed two guards at the embassy.", "ARM", "AZE", "ASSAULT", "2022-09-13")]
    assert len(group_events(alike)) == 1
    assert len(group_events(unlike)) == 2
    other_quad = [alike[0], claim("d", 0, "Armenia criticised Azerbaijan.", "ARM", "AZE", "DISAPPROVE", "2022-09-13")]
    assert len(group_events(other_quad)) == 2


def test_ids_are_stable_and_every_report_is_kept(claim):
    claims = [
        claim("a", 5, "Ethiopia sent aid to Sudan.", "ETH", "SDN", "AID", "2021-11-01"),
        claim("a", 40, "The aid reached Sudan on Monday.", "ETH", "SDN", "AID", "2021-11-01"),
        claim("b", 0, "Algeria condemned Morocco.", "DZA", "MAR", "DISAPPROVE", "2024-01-10"),
    ]
    first, again = group_events(claims), group_events([dict(c) for c in claims])
    assert first == again
    assert len({e["id"] for e in first}) == 2
    assert sum(len(e["mentions"]) for e in first) == 3
    assert first[0]["sources"] == 1


def test_sides_come_from_the_stance_then_the_actors():
    assert event_sides({"stance": {"source": "KOR", "target": "PRK"}, "actors": ["PRK", "KOR"]}) == ("KOR", "PRK")
    assert event_sides({"stance": {"source": "ISR", "target": None}, "actors": ["ISR", "LBN"]}) == ("ISR", "LBN")
    assert event_sides({"stance": {"source": None, "target": None}, "actors": ["MEX"]}) == ("MEX", None)
