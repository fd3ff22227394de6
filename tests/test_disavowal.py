"""A side's pledge not to do a hostile act is reassurance: cooperation (guidelines)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.config import GUIDELINE_CONFIDENCE
from pipeline.model.classifier import Prediction
from pipeline.model.classify import by_guidelines
from pipeline.stages.disavowal import PLEDGE
from pipeline.training.external import tag_texts


def stance_of(nlp, text):
    (sentence,) = tag_texts([text], nlp=nlp)
    return sentence, sentence.stance


@pytest.mark.parametrize(
    "text",
    [
        "Azerbaijan said it would not allow its territory to be used to attack Iran.",
        "Kazakhstan assured Kyrgyzstan that its airspace would not be used against its neighbours.",
        "Rwanda's president said his country had no intention of invading Burundi.",
        "Venezuela's foreign minister said the exercises pose no threat to Guyana.",
        "Serbia told Kosovo it will never attack the north.",
        "The junta assured Thailand that Myanmar would not allow rebels to use its soil against the kingdom.",
    ],
)
def test_a_pledge_not_to_do_a_hostile_act_is_marked(nlp, text):
    _sentence, stance = stance_of(nlp, text)
    assert stance.guideline == PLEDGE


@pytest.mark.parametrize(
    "text",
    [
        "China said countries outside the region should not interfere in the dispute with Vietnam.",  # a demand
        "Egypt did not attack Sudan, officials said.",  # a past act not done
        "There is no threat to Oman from Yemen, the minister said.",  # a fact, not a pledge
        "Pakistan warned it would attack militant camps in Afghanistan.",  # a threat
        "Japan said it would not accept China's new air defence zone.",  # a refusal, tension
        "India accused Pakistan of harming its water supply.",  # no negation
    ],
)
def test_no_pledge_is_read_where_none_is_made(nlp, text):
    _sentence, stance = stance_of(nlp, text)
    assert stance.guideline != PLEDGE


def test_a_pledge_is_labelled_cooperation_over_the_model(nlp):
    sentence, _stance = stance_of(nlp, "Armenia said it would not allow its territory to be used to attack Turkey.")
    said = Prediction(is_claim=True, claim_confidence=0.9, label="tension", confidence=0.95, evidence=("vector",))
    kept = by_guidelines(sentence, said)
    assert (kept.label, kept.confidence, kept.is_claim) == ("cooperation", GUIDELINE_CONFIDENCE, True)
    unmarked = replace(sentence, stance=replace(sentence.stance, guideline=""))
    assert by_guidelines(unmarked, said).label == "tension"


@pytest.mark.parametrize(
    "text",
    [
        "Turkey said it would not allow attacks on its soldiers in Syria.",
        "Israel warned it would not tolerate attacks from Lebanon.",
    ],
)
def test_a_warning_against_the_other_sides_attacks_is_no_pledge(nlp, text):
    assert tagged_guideline(nlp, text) != PLEDGE


def tagged_guideline(nlp, text):
    return stance_of(nlp, text)[1].guideline
