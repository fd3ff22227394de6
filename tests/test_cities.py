"""Cities as places of their state (pipeline/stages/cities.py), with the real pipeline."""

from __future__ import annotations

import pytest
from test_actors import linked
from test_tag import tag_one

from pipeline.stages.cities import library_cities
from pipeline.stages.states import library_states


def state_aliases() -> frozenset[str]:
    return frozenset(alias for record in library_states() for field in ("names", "demonyms", "capitals") for alias in record[field])


def test_a_shared_city_name_goes_to_the_much_larger_city_and_never_shadows_a_state():
    cities = library_cities(state_aliases())
    assert cities["Hyderabad"] == ("IND", "cities")  # India's is over twice Pakistan's
    assert cities["Maiduguri"] == ("NGA", "cities")
    assert cities["Jericho"] == ("PSE", "towns")
    assert "Singapore" not in cities and "Kinshasa" not in cities  # a state's name, a capital


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Russian missiles hit the power grid in Kharkiv overnight.", "RUS", "UKR"),
        ("Boko Haram fighters stormed a military base near Maiduguri.", "BOKO", "NGA"),
        ("Al-Shabaab militants attacked a hotel in Kismayo.", "SHB", "SOM"),
        ("Houthi drones struck an oil terminal in Jeddah.", "HOUTHI", "SAU"),
    ],
    ids=["kharkiv", "maiduguri", "kismayo", "jeddah"],
)
def test_a_city_where_a_side_acts_names_the_state_acted_on(nlp, text, source, target):
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target) == (source, target)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Protesters marched in New York against the war.", []),  # "York" is a city of Britain's
        ("Envoys from Central Asia met in the Ferghana valley.", []),  # "Asia" is a town
        ("Talks split over the question of sanctions.", []),
        ("Kenya and Ethiopia met in Mombasa.", [("Kenya", "KEN"), ("Ethiopia", "ETH"), ("Mombasa", "KEN")]),
    ],
    ids=["part-of-a-place", "a-region", "a-word", "a-whole-city"],
)
def test_a_city_is_only_a_whole_place_entity(nlp, sentence, expected):
    assert linked(nlp, sentence) == expected
