"""training/dyad_scores: the four rows of the dyad table."""

from __future__ import annotations

from pipeline.training.dyad_scores import DyadCase, dyad_scores


def test_the_four_rows():
    cases = [
        DyadCase(("KEN", "ETH"), "KEN", "ETH", ("KEN", "ETH")),  # all right
        DyadCase(("EGY", "SDN"), "SDN", "EGY", ("SDN", "EGY")),  # reversed
        DyadCase(("IND", "PAK", "CHN"), "CHN", "PAK", ("CHN", "PAK")),  # both within gold, wrong pair
        DyadCase(("JPN", "KOR"), "JPN", None, ("JPN",)),  # no target
        DyadCase(("UN",), "UN", None, ("UN",)),  # one gold side: not in the pair rows
    ]
    scores = dyad_scores(cases, prefix="x")
    assert scores["x_cases"] == 4
    assert scores["x_both_within_gold"] == 0.75
    assert scores["x_pair"] == 0.5
    assert scores["x_directed"] == 0.25
    # All 8 predicted sides are gold; 8 of the 10 gold sides are predicted.
    assert scores["x_actor_set_f1"] == round(2 * 1.0 * 0.8 / 1.8, 4)


def test_no_cases():
    assert dyad_scores([])["dyad_pair"] == 0.0
