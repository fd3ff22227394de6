"""A relation reported worse is tension, one reported better cooperation (guidelines: persisting tension, easing)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Relations between Chile and Bolivia have been strained since the court ruling.", "relation worse"),
        ("Cooperation between Kenya and Somalia has frayed over the maritime border.", "relation worse"),
        ("The rapprochement between Turkey and Armenia remains fragile.", "relation worse"),
        ("Ties between Ghana and Burkina Faso soured after the coup.", "relation worse"),
        ("Relations between Vietnam and Cambodia have not improved since the dam opened.", "relation worse"),
        ("Ties between Indonesia and Australia have warmed under the new government.", "relation better"),
        ("Relations between Qatar and Bahrain were restored in 2023.", "relation better"),
        ("The peace process between the Philippines and the MILF has stalled.", "relation worse"),
        ("The truce between Israel and Hezbollah collapsed in March.", "relation worse"),
        ("The dialogue between Manila and the rebels has been closed, the president said.", "relation worse"),
        ("Implementation of the accord between Sudan and South Sudan has improved.", "relation better"),
        ("The ceasefire between Colombia and the ELN expired in August.", "relation worse"),
        ("Talks between Kyrgyzstan and Tajikistan on the border failed again.", "relation worse"),
        ("The trade deal between Brazil and Paraguay never materialised.", "relation worse"),  # never came about
        ("Serbian and Kosovan negotiators met in Brussels, but the talks ended without agreement.", "relation worse"),
        ("The latest round of negotiations between Georgia and Abkhazia collapsed.", "relation worse"),  # a round of them
        ("Armenia and Azerbaijan failed to agree on the text of the treaty.", "relation worse"),
        ("Ethiopian and Egyptian negotiators failed to reach a deal on the dam.", "relation worse"),
    ],
)
def test_how_a_relation_stands_is_read_from_its_predicate(tagged, text, reading):
    assert tagged(text).stance.guideline == reading


@pytest.mark.parametrize(
    "text",
    [
        "Peru strained its ties with Ecuador by expelling the ambassador.",  # a side acts; the relation is no subject
        "Relations between Senegal and Gambia are the subject of a new report.",  # no state
        "Tensions between Serbia and Kosovo have eased.",  # tension, not a relation noun: the model reads it
        "The talks between Oman and Yemen ended with a joint statement.",  # ended, but not without an outcome
        "The agreement between Peru and Chile came into force in May.",  # came about
        "A round of applause greeted the deal between Laos and Thailand.",
        "Tunisia failed to deliver the grain shipment to Libya on time.",  # failed, but not to agree
    ],
)
def test_no_relation_state_is_read_where_the_relation_is_not_the_subject_in_a_state(tagged, text):
    assert not tagged(text).stance.guideline.startswith("relation")


def test_a_relation_reported_worse_is_labelled_tension_over_the_model(overruled):
    assert overruled("Cooperation among Niger, Chad and Nigeria has frayed.", "cooperation").label == "tension"


@pytest.mark.parametrize(
    "text",
    [
        "Morocco suspended its fisheries agreement with Mauritania after the raid.",
        "Belize cut diplomatic ties with Guatemala in protest.",
        "Mali withdrew from the peace accord with the Tuareg rebels.",
        "Nicaragua scrapped its trade deal with Taiwan.",
        "A new round of talks between Tehran and Washington was called off after the strikes.",  # called off
        "Ghana and Togo called off the talks on their maritime border.",
    ],
)
def test_a_side_ending_a_tie_is_read_as_the_relation_ended(tagged, text):
    assert tagged(text).stance.guideline == "relation ended"


@pytest.mark.parametrize(
    "text",
    [
        "Bolivia did not suspend its gas deal with Argentina.",  # negated
        "Ecuador suspended two police officers over the border incident with Peru.",  # no tie ended
        "The Kurdish militants called off their offensive against Turkish positions.",  # a hostile measure ended
    ],
)
def test_no_tie_is_read_as_ended_where_none_is(tagged, text):
    assert tagged(text).stance.guideline != "relation ended"


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("But cooperation among the three neighbours has frayed.", "relation worse"),
        ("The prisoners were freed in a goodwill gesture after the talks.", "easing"),
        ("The talks were held on Tuesday afternoon.", ""),
        ("The rebels released 40 hostages on Sunday.", "easing"),
    ],
)
def test_a_sentence_naming_no_side_is_read_too(tagged, text, reading):
    """Its sides come from context; the reading does not need them."""
    sentence = tagged(text)
    assert not any(mention.actor for mention in sentence.mentions)
    assert sentence.stance.guideline == reading


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Bolivia and Chile have no diplomatic relations.", "relation worse"),
        ("Armenia and Turkey have never had diplomatic ties.", "relation worse"),
        ("The two countries have had only consular relations since 1978.", "relation worse"),
        ("Eritrea and Djibouti still have no ambassadors in each other's capitals.", "relation worse"),
        ("Kenya and Uganda maintain close relations.", "relation better"),
        ("Peru has relations with Chile.", ""),  # says nothing of how they stand
        ("Ghana has no money for the road to Togo.", ""),  # no relation held
    ],
)
def test_how_the_relation_sides_have_stands_is_read(tagged, text, reading):
    assert tagged(text).stance.guideline == reading
