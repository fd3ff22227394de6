"""People an article introduces with a code and names again by surname (pipeline/stages/people.py)."""

from __future__ import annotations

import pytest
from test_tag import tag_article

from pipeline.stages.actors import SPAN_KEY


def mentions(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(span.text, span.label_) for span in doc.spans[SPAN_KEY]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rwandan President Paul Kagame dismissed the claims. Kagame spoke in Kigali.", ("Kagame", "RWA")),
        ("Malian junta leader Assimi Goita expelled the French ambassador. Goita accused France of meddling.", ("Goita", "MLI")),
        ("The Ugandan army chief, General Muhoozi Kainerugaba, threatened Kenya. Kainerugaba later apologised.", ("Kainerugaba", "UGA")),
        ("Guyanese President Irfaan Ali rejected the threat. Ali flew to Brasilia.", ("Ali", "GUY")),
        ("Pakistan's Foreign Minister Ishaq Dar met his Afghan counterpart. Dar later said the talks went well.", ("Dar", "PAK")),
        ("South Korean President Lee Jae-myung visited Tokyo. Lee urged Japan to face history.", ("Lee", "KOR")),
        ("Liberian President Joseph Boakai Jr. met Sierra Leone's leader. Boakai promised to reopen the border.", ("Boakai", "LBR")),
    ],
    ids=["title-before-name", "junta-leader", "apposition", "short-surname", "possessive-title", "family-name-first", "suffix-after-name"],
)
def test_a_surname_takes_the_code_of_the_person_s_title(nlp, text, expected):
    assert expected in mentions(nlp, text)


def test_a_surname_two_coded_people_share_lends_no_code(nlp):
    text = "Kenyan minister Ali Hassan met Somali minister Omar Hassan. Hassan said the border would reopen."
    assert [name for name, _code in mentions(nlp, text) if name == "Hassan"] == []


def test_a_person_introduced_without_a_code_stays_uncoded(nlp):
    text = "Analyst John Smith doubted the deal. Smith said Chile and Peru would delay it."
    assert [name for name, _code in mentions(nlp, text)] == ["Chile", "Peru"]


def test_sides_named_by_surname_are_the_claim_s_sides(nlp):
    raw = (
        "Rwandan President Paul Kagame dismissed the claims made by Congolese President Felix Tshisekedi. "
        "Tshisekedi has accused Kagame of backing rebels in the east.\n"
    )
    _first, second = tag_article(nlp, raw)
    assert (second.stance.source, second.stance.target) == ("COD", "RWA")
