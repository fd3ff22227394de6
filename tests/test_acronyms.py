"""Initials an article defines in brackets after a coded name lend it their code (pipeline/stages/acronyms.py)."""

from __future__ import annotations

import pytest
from test_people import mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ugandan troops pursued the Allied Democratic Forces (ADF) into Ituri. ADF fighters later attacked a village.", ("ADF", "ADF")),
        ("Ethiopia accused the Oromo Liberation Army (OLA) of the killings. The OLA denied it.", ("OLA", "OLA")),
        ("Myanmar's army shelled positions of the Kachin Independence Army (KIA) on Monday. China urged the KIA to talk.", ("KIA", "KIA")),
    ],
    ids=["initials-the-entity-took-in", "initials-with-the", "initials-as-an-object"],
)
def test_initials_defined_after_a_coded_name_take_its_code(nlp, text, expected):
    assert expected in mentions(nlp, text)


def test_initials_named_before_their_definition_take_the_code_too(nlp):
    text = "OLA attack kills 12 in Oromia\n\nEthiopia blamed the Oromo Liberation Army (OLA) for the attack."
    assert mentions(nlp, text)[0] == ("OLA", "OLA")


def test_initials_after_an_uncoded_name_take_no_code(nlp):
    text = "The International Crisis Group (ICG) criticised Kenya. ICG analysts said Somalia would object."
    assert [name for name, _code in mentions(nlp, text)] == ["Kenya", "Somalia"]


def test_initials_two_codes_define_take_none(nlp):
    text = (
        "Sudan's army (SAF) clashed with Chad's army (SAF) on Monday, and Ethiopia fought the Oromo Liberation Army (OLA). "
        "SAF units withdrew and OLA fighters fled."
    )
    names = [name for name, _code in mentions(nlp, text)]
    assert names.count("OLA") == 2
    assert "SAF" not in names
