"""states: every state's names, demonyms and capitals from pycountry and countryinfo."""

from __future__ import annotations

import pytest

from pipeline.stages.states import library_states, library_versions


@pytest.fixture(scope="module")
def states():
    return {record["code"]: record for record in library_states()}


def test_every_un_member_and_observer_is_there(states):
    # A sample across continents, and the two observers.
    for code in ("BFA", "CIV", "COD", "PHL", "URY", "FJI", "KIR", "LSO", "MNG", "SSD", "TLS", "VAT", "PSE"):
        assert code in states
    assert len(states) >= 195


@pytest.mark.parametrize(
    ("code", "field", "alias"),
    [
        ("BFA", "names", "Burkina Faso"),
        ("CIV", "names", "Ivory Coast"),
        ("CIV", "demonyms", "Ivorian"),
        ("CIV", "demonyms", "Ivorians"),
        ("COD", "capitals", "Kinshasa"),
        ("COD", "names", "DRC"),
        ("PHL", "names", "Philippines"),
        ("PHL", "demonyms", "Filipino"),
        ("MMR", "names", "Burma"),
        ("TUR", "names", "Turkey"),
        ("KOR", "names", "South Korea"),
        ("COD", "names", "Democratic Republic of Congo"),
        ("COG", "names", "Republic of Congo"),
        ("COL", "capitals", "Bogotá"),
        ("COL", "capitals", "Bogota"),  # as much of the news writes it
        ("CIV", "names", "Cote d'Ivoire"),
        ("CMR", "capitals", "Yaounde"),
    ],
)
def test_names_demonyms_and_capitals(states, code, field, alias):
    assert alias in states[code][field]


def test_codes_catalogue_forms_and_shared_aliases_are_left_out(states):
    every = [alias for record in states.values() for field in ("names", "demonyms", "capitals") for alias in record[field]]
    assert "AFG" not in every and "CAN" not in every and "ARE" not in every
    assert not any("," in alias or "(" in alias for alias in every)
    assert "Congolese" not in every  # both Congos'
    assert len(every) == len(set(every))


def test_the_build_is_deterministic_and_cached():
    assert library_states() is library_states()
    assert [record["code"] for record in library_states()] == sorted(record["code"] for record in library_states())
    assert "pycountry==" in library_versions() and "countryinfo==" in library_versions()


def test_aliases_that_are_words_or_people_s_names_are_left_out(states):
    # "Ramree Island" is no mention of Iceland, nor "Male soldiers" of the Maldives.
    assert "Island" not in states["ISL"]["names"] and "Iceland" in states["ISL"]["names"]
    assert "Male" not in states["MDV"]["capitals"] and "Stanley" not in states["FLK"]["capitals"]
