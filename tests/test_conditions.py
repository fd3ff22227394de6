"""A side making its step wait on what another side must do first ("unless",
"only if", "as long as", "will not stop until") sets a condition: a demand
under dispute, which the guidelines make tension however friendly the step."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Ecuador will not reopen the border crossing as long as Peruvian troops remain in the valley.",
        "Ghana said it was ready to talk, but only if Togo released the detained traders.",
        "Latvia warned Belarus that it would close two more checkpoints unless Minsk stopped pushing migrants across.",
        "Kenya said the ban on Somali flights would stay in place until Mogadishu lifted its tariffs.",
        "Nepal's foreign minister said Kathmandu would not sign the trade pact until China withdrew its survey teams.",
        "Armenia has refused to join the talks unless Azerbaijan pulls back its forces from the border.",
        "Chad's foreign minister said the truce would only hold if Sudan stopped arming the militias.",
        "Kenya said it would reopen the border only when Somalia lifted its tariffs.",  # "only when"
        "Ghana will lift the ban on Togolese lorries only after Lome pays the traders.",  # "only after"
        "Peru will sign the fisheries deal only once Chile drops its claim.",  # "only once"
    ],
)
def test_a_step_that_waits_on_another_side_is_read_as_a_condition(tagged, text):
    assert tagged(text).stance.guideline == "condition"


@pytest.mark.parametrize(
    "text",
    [
        "Chile signed the fishing agreement with Peru in Lima on Monday.",  # no condition
        "Senegal would fund the militia only if they fought the rebels.",  # the condition's subject is a pronoun
        "As long as the junta is the strongest force in Mali, Algeria will keep talking to it.",  # a state of affairs
        "The mission will stay in Haiti until 31 December.",  # a date, not a clause
        "Kazakhstan and Uzbekistan held talks until the delegations left for the airport.",  # a time, not a condition
        "Talks between Laos and Thailand resumed only when the floods receded.",  # what happened, not a step to come
    ],
)
def test_no_condition_is_read_where_nothing_is_asked_of_another_side(tagged, text):
    assert tagged(text).stance.guideline != "condition"


def test_a_condition_is_labelled_tension_over_the_model(overruled):
    decided = overruled("Colombia said it would resume the peace talks only if the ELN freed all its hostages.", "cooperation")
    assert decided.label == "tension"


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Bhutan said it would reopen the road only if India paid for the repairs.", True),  # two sides
        ("The ministry said the road would stay closed until the floods receded.", False),  # no side at all
    ],
)
def test_a_reading_between_two_sides_is_a_claim_even_when_the_detector_missed_it(overruled, text, claim):
    decided = overruled(text, "cooperation", is_claim=False)
    assert decided.is_claim is claim
