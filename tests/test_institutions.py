"""A state's ruling body named again by a noun alone (pipeline/stages/institutions.py)."""

from __future__ import annotations

import pytest
from test_people import mentions
from test_tag import tag_article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mali's junta expelled the French ambassador. Algeria said the junta had violated the accord.", ("the junta", "MLI")),
        ("Sudan's army shelled RSF positions. Chad accused the army of crossing the border.", ("the army", "SDN")),
        (
            "Myanmar's military launched air strikes on Laiza on Monday. Junta spokesman Zaw Min Tun said talks would wait.",
            ("Junta", "MMR"),
        ),
    ],
    ids=["the-junta", "the-army", "junta-as-a-title"],
)
def test_the_ruling_body_named_by_a_noun_is_the_state_that_titled_it(nlp, text, expected):
    assert expected in mentions(nlp, text)


def test_with_two_states_titling_an_army_the_noun_is_left_to_context(nlp):
    text = "India's army and Pakistan's army exchanged fire. The army said two soldiers died."
    assert "The army" not in [name for name, _code in mentions(nlp, text)]


def test_a_body_with_a_name_of_its_own_is_not_the_state(nlp):
    text = "Myanmar's military launched air strikes on Laiza on Monday. The Kachin Independence Army said the junta had bombed its camps."
    assert ("The Kachin Independence Army", "KIA") in mentions(nlp, text)
    assert [name for name, code in mentions(nlp, text) if code == "MMR"] == ["Myanmar's military", "the junta"]


def test_the_ruling_body_named_again_acts_as_its_state(nlp):
    raw = "ISWAP fighters overran a Nigerian army base in Borno on Sunday. The army responded with air strikes on the group's positions.\n"
    last = tag_article(nlp, raw)[-1]
    assert (last.stance.source, last.stance.target) == ("NGA", "ISWAP")
    assert [mention.text for mention in last.mentions if mention.actor == "NGA"] == ["The army"]
