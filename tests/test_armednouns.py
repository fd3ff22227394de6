"""An armed movement named again by what its members are: "the rebels",
"insurgents", "separatist leaders" (pipeline/stages/armednouns.py)."""

from __future__ import annotations

import pytest
from test_people import mentions
from test_tag import tag_article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M23 seized the airport in Goma on Monday. Congo's army said the rebels had shelled a camp.", ("the rebels", "M23")),
        ("Boko Haram raided a village in Borno. Nigeria said insurgents had burned the market.", ("insurgents", "BOKO")),
        ("The Polisario Front ended the truce in 2020. Separatist leaders rejected Morocco's plan.", ("Separatist leaders", "POLISARIO")),
        ("The Arakan Army took Paletwa in January. Rebel forces later shelled a Myanmar navy ship.", ("Rebel forces", "AA")),
    ],
    ids=["the-rebels", "bare-plural", "separatist-leaders", "rebel-forces"],
)
def test_a_noun_for_the_members_of_an_armed_movement_is_that_movement(nlp, text, expected):
    assert expected in mentions(nlp, text)


def test_an_article_that_opens_on_the_noun_takes_the_movement_it_names_next(nlp):
    text = "Separatist fighters ambushed a convoy near Bamenda. The Ambazonia Defence Forces claimed the attack."
    assert ("Separatist fighters", "AMBA") in mentions(nlp, text)


def test_the_movement_the_article_names_most_is_the_one_meant(nlp):
    text = (
        "Al-Shabaab fighters stormed a base in Lower Shabelle. Al-Shabaab, which pledged allegiance to al-Qaeda in 2012, "
        "claimed the raid. Somalia's army said the militants had retreated."
    )
    assert ("the militants", "SHB") in mentions(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Chad's army said rebels had attacked a convoy near the Libyan border.",
        "ISKP claimed the attack. Taliban fighters later raided a hideout in Kunar.",
        "Hamas said the group's fighters had fired rockets at Israel.",
    ],
    ids=["no-movement-named", "a-name-of-its-own", "the-group's-fighters"],
)
def test_no_noun_is_a_movement_without_one_named_or_with_a_name_of_its_own(nlp, text):
    codes = [code for name, code in mentions(nlp, text) if name.lower().endswith(("rebels", "fighters"))]
    assert codes in ([], ["TAL"], ["HAMAS"])
    assert not [name for name, _code in mentions(nlp, text) if name.lower() in {"rebels", "fighters", "the group's fighters"}]


def test_the_movement_named_again_is_a_side_of_the_claim(nlp):
    raw = "The Kachin Independence Army captured a jade-mining town on Monday. Myanmar's junta bombed the rebels' positions the next day.\n"
    last = tag_article(nlp, raw)[-1]
    assert {last.stance.source, last.stance.target} == {"MMR", "KIA"}
    assert [mention.text for mention in last.mentions if mention.actor == "KIA"] == ["the rebels"]
