"""A named side's reaction closing the sentence ("..., a proposal Budapest
rejected") decides as the clause after "but" does: rejecting what came
before reads as tension, welcoming it as cooperation."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("The European Commission floated opening the first cluster by a qualified majority, a proposal Budapest rejected.", "reaction against"),
        ("Kosovo said Serb police had crossed into the north, a charge Belgrade denied.", "reaction against"),
        ("Egypt offered to host a new round of talks on the dam, an offer Ethiopia has refused.", "reaction against"),
        ("Tajikistan proposed a joint patrol along the disputed road, a plan Kyrgyz officials dismissed.", "reaction against"),
        ('Burundi closed its border with Rwanda, a move Kigali called "unjustified".', "reaction against"),
        ("Russia kept troops in Transnistria, a presence Chisinau regards as an occupation.", "reaction against"),
        ("Iraq handed over the remains of 40 missing Kuwaitis, a move Kuwaiti officials welcomed.", "reaction for"),
        ("Paraguay agreed to share data on the river's flow, a decision Argentine officials praised.", "reaction for"),
    ],
    ids=["proposal-rejected", "charge-denied", "offer-refused", "plan-dismissed", "move-called-unjustified", "presence-regarded-as-occupation", "move-welcomed", "decision-praised"],
)
def test_a_named_side_s_closing_reaction_is_read(tagged, text, reading):
    assert tagged(text).stance.guideline == reading


@pytest.mark.parametrize(
    "text",
    [
        "Rwanda accused Burundi of backing the rebels, a charge Gitega has not denied.",  # negated
        "Chile proposed a fisheries commission, a plan officials said would take a year.",  # no side takes it up
        "Ghana and Togo signed the border accord, a deal worth millions.",  # no reaction at all
    ],
    ids=["negated", "unnamed", "no-reaction"],
)
def test_no_reaction_is_read_where_no_named_side_takes_a_stand(tagged, text):
    assert tagged(text).stance.guideline not in {"reaction against", "reaction for"}


def test_a_rejection_closing_the_sentence_outweighs_the_model_and_makes_a_claim(overruled):
    decided = overruled("Lithuania proposed a joint inquiry into the balloons, a proposal Minsk rejected.", "cooperation", is_claim=False)
    assert decided.is_claim and decided.label == "tension"
