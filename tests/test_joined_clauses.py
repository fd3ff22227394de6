"""Where the decisive clause has no reading, a main clause joined to it by
"and" may give one ("Migrants try to cross, and Spain relies on Moroccan
forces"), unless the first clause pulls the other way; a stating verb
("stressed that ...") gives way to the clause it states."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Thousands of herders cross the border every season, and Kenya relies on Ugandan police to register them.", "joint act"),
        ("When floods cut the highway in May, Peruvian engineers rebuilt the bridge, and Bolivia thanked Lima for its help.", "praise"),
        ("Fishing boats crowd the bay every spring, and Senegal accused Gambian patrols of harassing its crews.", "accusation"),
        ("The minister stressed that Hanoi still deals only with the government in Phnom Penh.", "joint act"),
        (
            "Cambodia's foreign minister said in a statement that the army had cleared the minefields and thanked Vietnam for its help.",
            "praise",
        ),
    ],
)
def test_a_joined_or_stated_clause_gives_the_reading(tagged, text, reading):
    assert tagged(text).stance.guideline == reading


@pytest.mark.parametrize(
    "text",
    [
        # The first clause's killing pulls against the surrender's easing.
        "When the militia took the town, its fighters killed dozens of villagers, and Malian soldiers surrendered to UN peacekeepers.",
        # Sheltering the other's opponents is no joint act.
        "Eritrea and Ethiopia share a long history of war, and each has hosted exiled opponents of the other.",
    ],
)
def test_no_joined_reading_where_the_first_clause_pulls_against_it_or_nothing_is_shared(tagged, text):
    assert tagged(text).stance.guideline == ""


def test_insisting_that_another_side_act_is_no_statement_of_its_act(tagged):
    assert tagged("Nigeria insisted that Niger's junta free the detained president.").stance.guideline != "easing"


@pytest.mark.parametrize(
    "text",
    [
        "Quito responded by summoning Colombia's ambassador.",
        "Mali retaliated by summoning the Algerian envoy in Bamako.",
    ],
)
def test_the_act_by_which_a_side_responded_gives_the_reading(tagged, text):
    assert tagged(text).stance.guideline == "accusation"
