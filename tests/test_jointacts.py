"""Sides acting together (meeting, hosting, signing, coordinating), or one
supplying another, is cooperation (guidelines)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Latvia said it would coordinate its response with Vilnius.",  # reported
        "Iraq and Turkey agreed to coordinate operations against the PKK.",  # against a third side
        "President Ruto received a Somali delegation in Nairobi.",
        "Kenya has sought to hold talks with the Somali government.",  # through "sought to"
        "Spain relies on Moroccan security forces to stop the crossings.",
        "Tajikistan hosts the Afghan opposition's leaders in Dushanbe.",
        "Ecuador and Peru held talks on the disputed fishing grounds.",
        "Nepal signed a transit agreement with China in Kathmandu.",
        "Thailand said it would engage all sides in Myanmar to secure the border.",
        "Bolivian President Luis Arce met Chilean President Gabriel Boric in Santiago on Monday.",  # a side met
        "Indian Prime Minister Narendra Modi visited Dhaka in March.",  # a side visited
        "It was Lula's first visit to Paraguay since his inauguration.",  # a visit named by a copula
        "Israel recognised Somaliland as an independent state on Friday.",  # recognition
        "Moscow formally recognised the Taliban government in July.",
    ],
)
def test_acting_together_is_read_as_a_joint_act(tagged, text):
    assert tagged(text).stance.guideline == "joint act"


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv and Moscow have held no direct talks since the spring.",  # no talks
        "Eritrea refused to meet with Ethiopian officials.",  # refused
        "Hungary did not sign the declaration with Ukraine.",  # negated
        "Washington urged Ankara to cooperate with Athens on migration.",  # asked of another side
        "The Malian army has relied on helicopters to resupply besieged towns.",  # relies on a thing, not a side
        "Minsk would hold talks only if Warsaw reopened the border.",  # a condition
        "Nigerian troops engaged the militants near Lake Chad.",  # engaged in battle
        "Mozambican officials visited the refugee camps in Cabo Delgado.",  # a place, not a side
        "The army met fierce resistance near the Ugandan border.",  # met resistance
        "It was no visit to Islamabad but a summons.",  # no visit
        "Algeria refused to meet Morocco's envoy.",  # refused
        "Serbia has refused to recognise Kosovo.",  # refused recognition
        "Both sides recognised the need for calm on the border.",  # recognises no side
    ],
)
def test_no_joint_act_is_read_where_the_sides_do_not_act_together(tagged, text):
    assert tagged(text).stance.guideline != "joint act"


def test_a_joint_act_is_labelled_cooperation_over_the_model(overruled):
    decided = overruled("Colombia and Ecuador coordinated their raids against the armed groups with each other.", "tension")
    assert decided.label == "cooperation"
    assert "guideline: joint act" in decided.evidence


@pytest.mark.parametrize(
    "text",
    [
        "Turkey delivered two shipments of drones to Tripoli in May.",
        "Japan gave the Philippines five patrol boats and $40 million of aid.",  # a dative, "of aid"
        "Qatar said it would send fuel to Lebanon.",
    ],
)
def test_supplying_a_side_is_read_as_supply(tagged, text):
    assert tagged(text).stance.guideline == "supply"


@pytest.mark.parametrize(
    "text",
    [
        "Iran denied sending weapons to the Houthis.",  # denied
        "Russia sent troops to the Belarusian border.",  # troops, not goods
        "Kenya delivered a protest note to Somalia.",
    ],
)
def test_no_supply_is_read_where_no_side_supplies_another(tagged, text):
    assert tagged(text).stance.guideline != "supply"
