"""A side's demand of another named side, said in a dispute, is tension (guidelines)."""

from __future__ import annotations

import pytest

from pipeline.stages.demands import DEMAND


@pytest.mark.parametrize(
    "text",
    [
        "Guatemala's foreign minister said Belize must accept the court's ruling on the border.",
        "Moscow insists that Moldova should sign new agreements with Transnistria.",
        "Seoul said Pyongyang should return to the negotiating table without conditions.",
        "The Somali president stressed that Ethiopia must respect the country's sovereignty.",
        "The Red Cross said Sudanese and Chadian forces must let aid convoys cross the border.",
    ],
)
def test_a_side_saying_another_must_act_is_a_demand(tagged, text):
    assert tagged(text).stance.guideline == DEMAND


@pytest.mark.parametrize(
    "text",
    [
        "The Council members said that States should cooperate with the tribunal.",  # no named side
        "Ghana said it would send troops to help Togo.",  # no obligation
        "Mexico said Latin American countries should stand together with Cuba.",  # many states at once
        "Chile urged Peru to reopen the crossing.",  # no saying verb: the model reads it
    ],
)
def test_no_demand_is_read_without_a_named_side_obliged(tagged, text):
    assert tagged(text).stance.guideline != DEMAND


def test_a_demand_is_labelled_tension_over_the_model(overruled):
    assert overruled("Tbilisi said Moscow should accept the new agreements on Abkhazia.", "cooperation").label == "tension"


@pytest.mark.parametrize(
    "text",
    [
        "Bosnian Croats demanded a truce with Serb forces before allowing aid convoys through.",
        "Rwanda demanded that Congo disarm the militia operating near Goma.",
        "Cambodia demanded compensation from Thailand for the damaged temple.",
        "Laos said it was alarmed by the shelling and demanded that Thailand pull back its tanks.",  # joined to what it said
    ],
)
def test_demanding_outright_is_read_as_a_demand(tagged, text):
    assert tagged(text).stance.guideline == "demand"


@pytest.mark.parametrize(
    "text",
    [
        "The Security Council demands that all parties to the conflict in Yemen protect civilians.",  # everyone at once
        "Laos did not demand compensation from Vietnam for the flooded villages.",  # negated
    ],
)
def test_a_demand_of_everyone_or_none_is_not_a_demand_of_a_side(tagged, text):
    assert tagged(text).stance.guideline != "demand"


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Egypt repeated its demand that Ethiopia stop filling the dam.", "demand"),
        ("Azerbaijan renewed its demand that Armenia open the corridor.", "demand"),
        ("The ILO reiterated its demand today that Israel ease restrictions on Palestinian workers.", "demand"),  # clause on the verb
        ("Peru dropped its demand that Bolivia pay for the bridge.", ""),  # a demand dropped
        ("Ghana met the demand of the unions.", ""),  # no side asked
    ],
)
def test_a_demand_named_as_a_noun_and_pressed_is_a_demand(tagged, text, reading):
    assert tagged(text).stance.guideline == reading
