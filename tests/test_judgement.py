"""A side praising, thanking or backing another is cooperation; accusing,
condemning or criticising it is tension (guidelines: praise; criticise, accuse)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Kazakhstan thanked China for its help after the floods.",
        "Senegal's president praised Mauritania's efforts to secure the border against smugglers.",
        "Chile expressed full solidarity with Peru after the attack on its embassy.",
        "The Ugandan army commended Congolese troops for their role in the offensive against the ADF.",
        "Nepal said it would thank India for the relief flights at the summit.",  # reported
        "Ghana welcomed the decision and thanked Togo for reopening the road.",  # a verb joined to the news
    ],
)
def test_praise_and_thanks_are_read_as_praise(tagged, text):
    assert tagged(text).stance.guideline == "praise"


@pytest.mark.parametrize(
    "text",
    [
        "Bolivia refused to praise Chile's handling of the talks.",  # refused
        "Vietnam did not thank China for the aid.",  # negated
        "Brazil urged Argentina to thank Uruguay for the rescue.",  # asked of another side
        "Iraq expressed anger at Turkey's strikes on its territory.",  # expressed, but not support
        "Sudan accused Chad of arming the rebels it praised last year.",  # praise only in a relative clause
    ],
)
def test_no_praise_is_read_where_no_side_praises_another(tagged, text):
    assert tagged(text).stance.guideline != "praise"


def test_praise_is_labelled_cooperation_over_the_model(overruled):
    decided = overruled("Myanmar thanked Thailand for its cooperation in repatriating the trafficked workers.", "tension")
    assert decided.label == "cooperation"
    assert "guideline: praise" in decided.evidence


@pytest.mark.parametrize(
    "text",
    [
        "Iran staged drills near the border and accused Baku of deepening its ties with Israel.",  # joined to the news
        "Kenya condemned Somalia's decision to auction oil blocks in the disputed waters.",
        "Hanoi summoned the Chinese ambassador over the collision near the Paracels.",
        "Greece criticised Turkey's plan to send a survey ship, the ministry said.",  # reported
        "Mali blamed Algeria for the drone's loss and recalled its ambassador.",
    ],
)
def test_accusations_are_read_as_accusations(tagged, text):
    assert tagged(text).stance.guideline == "accusation"


@pytest.mark.parametrize(
    "text",
    [
        "Colombia refused to condemn Venezuela's election.",  # refused
        "Qatar did not blame Bahrain for the incident.",  # negated
        "Washington urged Seoul to criticise Pyongyang's missile launch.",  # asked of another side
        "The Security Council condemns all acts of violence against humanitarian personnel.",  # everyone's acts at once
    ],
)
def test_no_accusation_is_read_where_no_side_accuses_another(tagged, text):
    assert tagged(text).stance.guideline != "accusation"


def test_an_accusation_is_labelled_tension_over_the_model(overruled):
    decided = overruled("Armenia accused Azerbaijan of using the peace talks to buy time for its army.", "cooperation")
    assert decided.label == "tension"
    assert "guideline: accusation" in decided.evidence


@pytest.mark.parametrize(
    "text",
    [
        "Turkey warned Athens against militarising the islands.",
        "Serbia has warned that it will not tolerate attacks on Serbs in northern Kosovo.",
        "Guyana's president said Venezuela's troops were massing and warned against any incursion.",  # a verb joined to the news
        "Sudan warned the Kenyan ambassador over the RSF meeting in Nairobi.",
    ],
)
def test_warnings_are_read_as_warnings(tagged, text):
    assert tagged(text).stance.guideline == "warning"


@pytest.mark.parametrize(
    "text",
    [
        "Laos did not warn Thailand about the flood release.",  # negated
        "Oman urged Iran to warn the Houthis before any strike.",  # asked of another side
        "The two navies signed a pact to share missile-warning data.",  # a noun, not a warning
    ],
)
def test_no_warning_is_read_where_no_side_warns(tagged, text):
    assert tagged(text).stance.guideline != "warning"


def test_a_warning_is_labelled_tension_over_the_model(overruled):
    assert overruled("Beijing warned against forming exclusive blocs in the region.", "cooperation").label == "tension"


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Jakarta called the Australian decision an insult.", "accusation"),  # the object's predicate
        ("Beijing called the Philippine statement irresponsible.", "accusation"),
        ('Minsk called the Lithuanian closure a "provocation".', "accusation"),
        ('Caracas called the Guyanese claims "baseless and absurd".', "accusation"),  # a word after the object
        ("Mali described the Algerian drone strike as a violation of its sovereignty.", "accusation"),  # after "as"
        ("Kenya described the talks with Somalia as constructive.", "praise"),
        ('Ghana called the border agreement with Togo "historic".', "praise"),
    ],
)
def test_calling_another_side_s_act_by_a_verdict_is_a_judgement(tagged, text, reading):
    assert tagged(text).stance.guideline == reading


@pytest.mark.parametrize(
    "text",
    [
        "Seoul did not call the North Korean launch a provocation.",  # negated
        "Peru called the Bolivian envoy to the ministry on Monday.",  # no verdict
        "Chile called on Bolivia to take back the migrants.",  # an appeal, no object judged
        "Vietnam described the Chinese ships as fishing boats.",  # a description, no verdict
    ],
)
def test_no_verdict_is_read_where_nothing_is_called_good_or_bad(tagged, text):
    assert tagged(text).stance.guideline not in {"accusation", "praise"}


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Japan apologised to South Korea for its wartime abuses.", "apology"),
        ("Argentina has apologized to Brazil after its gunboat stopped a Brazilian ship.", "apology"),
        ("Tokyo refused to apologise to Seoul.", ""),  # refused
        ("The minister apologised to voters for the delays.", ""),  # to no side
        ("Turkey demanded that France apologise to Ankara.", "demand"),  # asked of another side
    ],
)
def test_an_apology_to_a_side_is_read_as_an_apology(tagged, text, reading):
    assert tagged(text).stance.guideline == reading


def test_an_apology_is_labelled_cooperation_over_the_model(overruled):
    assert overruled("Ghana apologised to Nigeria for the raid on its embassy.", "tension").label == "cooperation"


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Minsk denies the accusation.", "denial"),
        ("Hanoi rejected Beijing's claim that Vietnamese boats had rammed its coast guard.", "denial"),
        ("Kampala denies this, saying its troops never crossed the border.", "denial"),  # what came before
        ('Mali dismissed the charges as "baseless".', "denial"),
        ("Seoul rejected Pyongyang's proposal for talks on the border.", "denial"),
        ("Both leaders rejected violence in all its forms.", ""),  # no one's assertion
        ("Baku did not deny the report.", ""),  # negated, and a report
        ("Sudan rejected it outright.", ""),  # "reject it": anything
    ],
)
def test_denying_what_another_side_asserts_or_asks_is_a_denial(tagged, text, reading):
    assert tagged(text).stance.guideline == reading
