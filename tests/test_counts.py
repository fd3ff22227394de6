"""Statistics with no interaction are no claims (guidelines): a count of
people killed, displaced or on the move, in a sentence that names fewer
than two sides; with two sides named (or "the two countries" of the
sentence before), it stays a claim."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "More than 3,000 people have been killed in the fighting since March.",
        "At least 200 people were killed and about 50,000 fled their homes on the Sudanese side alone.",
        "About 12,000 migrants crossed irregularly into Panama last year, according to the interior ministry.",
        "Somalia's health ministry says more than 90 civilians have died in the region this month.",
    ],
)
def test_a_bare_count_of_people_is_no_claim(overruled, text):
    assert overruled(text, "tension").is_claim is False


@pytest.mark.parametrize(
    "text",
    [
        "Officials in Yerevan say 12 people died in Azerbaijani drone strikes on the border villages.",  # two sides named
        "At least 40 people were killed in clashes between Kyrgyz and Tajik border guards.",  # both sides in a place
        "Ethiopian troops killed more than 100 people in the Eritrean border town.",  # a side acts
    ],
)
def test_a_count_tied_to_two_sides_or_an_actor_stays_a_claim(overruled, text):
    assert overruled(text, "tension").is_claim is True
