"""stages/context + stages/resolve: sides given by reference, resolved from
the sentence before or the article's main pair, with their antecedents."""

from __future__ import annotations

import pytest

from pipeline.stages.context import main_pair
from pipeline.stages.actors import SPAN_KEY
from test_tag import tag_article


def dyad(sentence):
    return sentence.stance.source, sentence.stance.target, sentence.stance.symmetric


@pytest.mark.parametrize(
    ("raw", "pair"),
    [
        ("Kenya hosted Ethiopian envoys in Nairobi on Monday. The two sides agreed to reopen the border.\n", ("KEN", "ETH")),
        ("Chinese and Philippine vessels collided near the shoal. Both countries blamed each other for it.\n", ("CHN", "PHL")),
        ("India and Bangladesh held talks on river water. Each side accused the other of delaying the deal.\n", ("IND", "BGD")),
        ("Egypt received Sudanese ministers in Cairo. The parties signed a power grid deal.\n", ("EGY", "SDN")),
    ],
    ids=["two-sides", "both-countries", "each-side", "the-parties"],
)
def test_the_pair_comes_from_the_previous_sentence(nlp, raw, pair):
    first, second = tag_article(nlp, raw)
    assert dyad(second) == (*pair, True)
    assert [side.code for side in second.inherited] == list(pair)
    for side in second.inherited:
        assert side.via == "previous" and side.end <= first.end
        assert raw[side.start : side.end] in first.text
    assert second.to_json()["inherited_actors"][0]["from"]["doc"] == "doc"


def test_the_two_standing_alone_is_the_pair(nlp):
    raw = "Chile and Bolivia resumed consular ties last year. Talks between the two focused on access to the Pacific.\n"
    second = tag_article(nlp, raw)[-1]
    assert set(dyad(second)[:2]) == {"CHL", "BOL"}


def test_the_two_after_two_named_sides_in_the_same_sentence_are_those_sides(nlp):
    raw = (
        "Spain and Morocco met in Rabat. "
        "In a statement signed by Sanchez of Spain and the premier of Portugal, the two urged Algeria to reopen the pipeline.\n"
    )
    second = tag_article(nlp, raw)[-1]
    assert set(dyad(second)[:2]) == {"ESP", "PRT"}
    assert second.inherited == ()


def test_the_pair_in_the_subject_outweighs_sides_named_deeper(nlp):
    raw = (
        "Uzbekistan and Kyrgyzstan settled their border last spring. "
        "Since then, meetings between the two sides have dealt with water and with Tajik migrants.\n"
    )
    second = tag_article(nlp, raw)[-1]
    assert set(dyad(second)[:2]) == {"UZB", "KGZ"}


def test_the_articles_main_pair_when_the_previous_sentence_has_none(nlp):
    raw = (
        "Venezuela criticised Argentina on Monday. Venezuela recalled its envoy from Argentina. "
        "Prices rose in the capital. The two neighbours later restored flights.\n"
    )
    sentences = tag_article(nlp, raw)
    last = sentences[-1]
    assert dyad(last) == ("VEN", "ARG", True)
    assert {side.via for side in last.inherited} == {"article"}
    assert [raw[side.start : side.end] for side in last.inherited] == ["Venezuela", "Argentina"]


def test_a_lone_side_is_completed_from_the_main_pair(nlp):
    raw = (
        "Poland and Hungary signed an energy deal. Warsaw praised Budapest again on Tuesday. "
        "Floods hit the region. Hungary pledged more help.\n"
    )
    last = tag_article(nlp, raw)[-1]
    assert dyad(last)[:2] == ("HUN", "POL")
    assert [(side.code, side.via, raw[side.start : side.end]) for side in last.inherited] == [("POL", "article", "Poland")]


def test_main_pair_is_the_most_frequent_pair(nlp):
    raw = "Iraq met Syria. Iraq criticised Syria. Iraq met Jordan. Kuwait praised Jordan.\n"
    doc = nlp(raw)
    pair = main_pair(doc, list(doc.spans[SPAN_KEY]))
    assert [side.code for side in pair] == ["IRQ", "SYR"]
    assert raw[pair[1].start : pair[1].end] == "Syria"


@pytest.mark.parametrize(
    ("raw", "source", "target"),
    [
        ("Israeli jets struck Hezbollah positions overnight. The group fired rockets at Haifa in response.\n", "HEZ", "ISR"),
        ("Turkey shelled PKK camps in northern Iraq. The group vowed revenge against Ankara.\n", "PKK", "TUR"),
        ("Hezbollah fighters crossed into Syria. The regime welcomed them.\n", "SYR", "HEZ"),
        # The antecedent named by an official's title ("Syria's defence minister") is still a state.
        ("Hezbollah commanders met Syria's defence minister in Damascus. The regime promised them weapons.\n", "SYR", "HEZ"),
        ("Hamas envoys met Egypt's intelligence chief in Cairo. The regime promised to reopen the crossing.\n", "EGY", "HAMAS"),
        ("Houthi fighters met Iran's foreign minister in Tehran. The regime pledged more drones.\n", "IRN", "HOUTHI"),
    ],
    ids=["group-hezbollah", "group-pkk", "regime", "regime-minister", "regime-intelligence-chief", "regime-foreign-minister"],
)
def test_the_group_or_regime_as_subject(nlp, raw, source, target):
    second = tag_article(nlp, raw)[1]
    assert dyad(second)[:2] == (source, target)
    assert source in [side.code for side in second.inherited]


@pytest.mark.parametrize(
    ("raw", "source", "target"),
    [
        ("Algeria cut gas supplies to Spain. It accused Madrid of betraying the Sahrawis.\n", "DZA", "ESP"),
        ("Morocco welcomed Spanish investors. It also praised Spain for its support.\n", "MAR", "ESP"),
        ("Mexico's president called Joe Biden. She urged Washington to ease tariffs.\n", "MEX", "USA"),
    ],
    ids=["it-accused", "it-praised", "she-urged"],
)
def test_a_pronoun_subject_is_the_previous_source(nlp, raw, source, target):
    second = tag_article(nlp, raw)[1]
    assert (second.stance.source, second.stance.target) == (source, target)
    assert [side.code for side in second.inherited] == [source]


def test_its_neighbour_as_subject(nlp):
    raw = "Sweden joined NATO last year. Its neighbour Russia warned of countermeasures.\n"
    second = tag_article(nlp, raw)[1]
    assert dyad(second)[:2] == ("RUS", "SWE")
    assert [(side.code, raw[side.start : side.end]) for side in second.inherited] == [("SWE", "Sweden")]


def test_an_unrelated_sentence_does_not_carry_sides_on(nlp):
    raw = "Talks between Israel and Hamas resumed in Doha. Rains flooded the coast. The rain stopped on Friday.\n"
    sentences = tag_article(nlp, raw)
    assert sentences[2].actors == ()


@pytest.mark.parametrize(
    ("raw", "source", "pair"),
    [
        (
            "Sudan's army and the Rapid Support Forces clashed in Omdurman. Sudan's army accused the Rapid Support Forces "
            "of looting homes. Saudi Arabia and the United States suspended the talks. "
            "Washington imposed sanctions on companies linked to the two sides.\n",
            "USA",
            {"SDN", "RSF"},
        ),
        (
            "Armenia and Azerbaijan traded fire on the border. Armenia accused Azerbaijan of shelling villages. "
            "France and Russia called for calm. Paris urged both countries to return to talks.\n",
            "FRA",
            {"ARM", "AZE"},
        ),
    ],
    ids=["sanctions-on-both-sides", "urged-both-countries"],
)
def test_a_side_acting_on_the_two_sides_is_not_one_of_them(nlp, raw, source, pair):
    last = tag_article(nlp, raw)[-1]
    assert last.stance.source == source
    assert last.stance.target in pair


@pytest.mark.parametrize(
    ("raw", "source", "target"),
    [
        (
            "Turkish jets struck PKK camps in northern Iraq. Turkey accused the PKK of killing nine soldiers. "
            "The United States and the European Union list the PKK as a terrorist organisation. "
            "Turkish President Recep Tayyip Erdogan vowed that the attackers would pay a heavy price.\n",
            "TUR",
            "PKK",
        ),
        (
            "Al-Shabaab fighters attacked a Kenyan police post near Mandera. Kenya accused al-Shabaab of killing five officers. "
            "The United States offered intelligence support to Kenya. Kenyan President William Ruto vowed that the attackers would be hunted down.\n",
            "KEN",
            "SHB",
        ),
    ],
    ids=["turkey-pkk", "kenya-shabaab"],
)
def test_a_main_pair_side_acting_on_no_named_side_acts_on_the_other(nlp, raw, source, target):
    last = tag_article(nlp, raw)[-1]
    assert dyad(last)[:2] == (source, target)
