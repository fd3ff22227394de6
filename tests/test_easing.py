"""A side undoing a hostile measure of its own is cooperation (guidelines: de-escalate, release a captive)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Egypt lifted the blockade on the Rafah crossing on Tuesday.",
        "Jordan eased the travel restrictions it had imposed on Syrian lorries.",
        "The Houthis released 40 Saudi prisoners after talks in Muscat.",
        "Ethiopia agreed to withdraw its troops from the disputed Eritrean town of Badme.",
        "Uzbekistan and Kyrgyzstan reopened the border crossing at Dostuk.",
        "Thailand halted its air strikes on Cambodian positions.",
        "Eritrea freed three Ethiopian journalists held since 2019.",
        "Azerbaijan released an Armenian soldier who was captured near the border.",
        "Israel released dozens of Palestinian prisoners.",
        "Seoul said it would resume the talks and lift the curfew near the North Korean border.",  # joined to what it said
        "The Tuareg rebels called off their offensive against the Malian army.",
        "Armenia is prepared to lift its embargo on Turkish goods, the minister said.",
        "Pakistan's government lifted the state of emergency in Balochistan after the clashes with Afghan forces ended.",
        "More than 300 FDLR fighters surrendered to the Congolese army in North Kivu.",  # a side yields
    ],
)
def test_a_step_that_undoes_a_hostile_measure_is_read_as_easing(tagged, text):
    assert tagged(text).stance.guideline == "easing"


@pytest.mark.parametrize(
    "text",
    [
        "Algeria refused to lift the ban on Moroccan flights.",  # refused
        "Serbia did not lift the curfew in the northern towns near Kosovo.",  # negated
        "The siege of Marib must be lifted, the UN envoy told the Houthis.",  # a demand
        "Washington told Tehran to release the detained sailors.",  # one side has another do it
        "Chad will withdraw its troops from Niger unless the junta releases the detainees.",  # a threat
        "Russia imposed a ban on Georgian wine.",  # a measure imposed, not undone
        "Kenya released a statement criticising Somalia.",  # released, but no captive
        "Uganda released the names of the soldiers killed in Somalia.",  # names, not soldiers
        "Israel vowed to stop Hezbollah's attacks on its northern towns.",  # another side's attacks
        "Nigeria pledged to halt attacks by Boko Haram on schools.",  # another side's attacks
        "The Polisario fighters did not surrender.",  # negated
        "Hundreds of rifles were surrendered to Malian police.",  # weapons handed in, no side yields
    ],
)
def test_no_easing_is_read_where_the_side_does_not_undo_its_measure(tagged, text):
    assert tagged(text).stance.guideline != "easing"


def test_a_hostile_measure_undone_is_labelled_cooperation_over_the_model(overruled):
    decided = overruled("Venezuela lifted its sanctions on Guyanese fishing boats.", "tension")
    assert decided.label == "cooperation"
    assert "guideline: easing" in decided.evidence
