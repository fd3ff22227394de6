"""A third side's appeal to the parties together is mediation: cooperation (guidelines)."""

from __future__ import annotations

import pytest

from pipeline.model.classifier import Prediction
from pipeline.model.classify import by_guidelines
from pipeline.stages.appeals import APPEAL


@pytest.mark.parametrize(
    "text",
    [
        "The African Union urged both sides to exercise restraint in the Sudan–South Sudan border dispute.",
        "Norway called on the two governments to return to talks over the fishing zone.",
        "The Security Council calls upon all parties to respect the ceasefire in Libya.",
        "Brazil said it urged both countries to reopen the border between Venezuela and Guyana.",
        "Turkey called for restraint after Armenian and Azerbaijani troops clashed.",
        "Indonesia urged calm as Thailand and Cambodia traded fire.",
        "ECOWAS called on all of Mali's neighbours to stay out of the fighting.",
        "Kenya said it was alarmed by the clashes and urged both sides to return to talks.",  # joined to what it said
    ],
)
def test_an_appeal_to_the_parties_together_is_read(tagged, text):
    assert tagged(text).stance.guideline == APPEAL


@pytest.mark.parametrize(
    "text",
    [
        "Iran urged the Taliban to release its water from the Helmand river.",  # one side's demand of the other
        "Kenya called on Somalia to withdraw its troops from the border.",
        "Both sides urged Washington to lift the sanctions.",  # the parties appeal, not addressed
        "Hun Sen called the talks with Thailand very good.",  # naming, not appealing
        "Egypt called for the release of its fishermen held by Libya.",
    ],
)
def test_a_demand_of_one_side_is_no_appeal_to_the_parties(tagged, text):
    assert tagged(text).stance.guideline != APPEAL


def test_an_appeal_to_the_parties_is_labelled_cooperation_over_the_model(tagged):
    sentence = tagged("The United Nations urged both militaries to reopen communication lines.")
    said = Prediction(is_claim=True, claim_confidence=0.9, label="tension", confidence=0.7, evidence=())
    assert by_guidelines(sentence, said).label == "cooperation"
