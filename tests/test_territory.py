"""A side claiming land or sea another holds is a dispute over borders: tension (guidelines)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Guatemala claims about half of Belize's territory.",
        "Beijing claims almost all of the South China Sea.",  # a share of a place
        "Morocco claims Western Sahara.",  # a named place
        "Tokyo's defence white paper again claimed the Dokdo islets.",
        "Eritrea claims the Badme region as its own territory.",
    ],
)
def test_claiming_a_place_is_read_as_a_territorial_claim(tagged, text):
    assert tagged(text).stance.guideline == "territorial claim"


@pytest.mark.parametrize(
    "text",
    [
        "Al-Shabaab claimed the attack on the Kenyan base.",  # an attack, not a place
        "The floods claimed hundreds of lives in Malawi.",  # lives
        "Seoul urged Tokyo to stop claiming the Dokdo islets.",  # asked of another side
        "Chile does not claim the Bolivian coast.",  # negated
    ],
)
def test_no_territorial_claim_is_read_where_no_place_is_claimed(tagged, text):
    assert tagged(text).stance.guideline != "territorial claim"


def test_a_territorial_claim_is_labelled_tension_over_the_model(overruled):
    assert overruled("Venezuela claims the Essequibo region of Guyana.", "cooperation").label == "tension"
