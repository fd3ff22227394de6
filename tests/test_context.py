"""stages/context + stages/resolve: sides given by reference, resolved from
the sentence before or the article's main pair, with their antecedents."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.records import Article
from pipeline.stages.actors import SPAN_KEY, ActorLinker
from pipeline.stages.context import main_pair
from pipeline.stages.dictionary import ActorDictionary, Role
from pipeline.stages.ingest import find_blocks
from pipeline.stages.segment import sentence_units
from pipeline.stages.sentences import parse
from pipeline.stages.tag import tag_units
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
        ("Peru and Ecuador held border talks in Lima. Neither side agreed to redraw the line.\n", ("PER", "ECU")),
    ],
    ids=["two-sides", "both-countries", "each-side", "the-parties", "neither-side"],
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


# A dictionary where two states have had a government of another name since a date.
GOVERNED = ActorDictionary(
    aliases={
        **{name: (code, "names") for name, code in [("Myanmar", "MMR"), ("Thailand", "THA"), ("Niger", "NER"), ("Benin", "BEN")]},
        "Naypyidaw": ("MMR", "capitals"),
        "Niamey": ("NER", "capitals"),
        "State Administration Council": ("SAC", "names"),
    },
    governments={"MMR": (Role("SAC", dt.date(2021, 2, 1), None),), "NER": (Role("CNSP", dt.date(2023, 7, 26), None),)},
)


def tag_governed(nlp, raw: str, day: str = "2024-03-01"):
    """`tag_article` with the GOVERNED dictionary, on an article dated `day`."""
    article = Article(doc="doc", path="doc.txt", sha256="", raw=raw, blocks=tuple(find_blocks(raw)), meta={"date": day})
    with nlp.select_pipes(disable=["actor_linker"]):
        ((article, doc),) = parse([article], nlp=nlp)
    doc = ActorLinker(nlp, GOVERNED)(doc)
    return [sentence for _unit, sentence in tag_units(article.doc, doc, sentence_units(article, doc))]


@pytest.mark.parametrize(
    ("raw", "now", "then"),
    [
        ("Thailand accused Naypyidaw of shelling border villages. In 2015, the two countries signed a border treaty.\n",
         ("THA", "SAC", False), ("THA", "MMR", True)),
        ("Thailand accused Naypyidaw of shelling border villages. In 2019, Thailand signed a trade deal.\n",
         ("THA", "SAC", False), ("THA", "MMR", False)),
        ("Thailand accused the State Administration Council of shelling villages. In 2015, the two countries signed a treaty.\n",
         ("THA", "SAC", False), ("THA", "MMR", True)),
        ("Benin closed its border with Niamey after the coup. In 2019, the two neighbours opened a joint border post.\n",
         ("BEN", "CNSP", False), ("BEN", "NER", True)),
    ],
    ids=["two-countries", "capital-antecedent", "junta-as-a-country", "two-neighbours"],
)
def test_a_side_from_context_is_the_government_of_the_day_the_sentence_names(nlp, raw, now, then):
    first, second = tag_governed(nlp, raw)
    assert dyad(first) == now
    assert dyad(second) == then


@pytest.mark.parametrize(
    "raw",
    [
        # The antecedent names the government itself, and no noun calls it a country.
        "Thailand accused the State Administration Council of shelling villages. In 2019, Thailand signed a trade deal.\n",
        # No earlier year: the article's day.
        "Benin closed its border with Niamey after the coup. The two neighbours have not reopened it.\n",
    ],
    ids=["government-named", "undated"],
)
def test_a_side_from_context_keeps_its_code_otherwise(nlp, raw):
    first, second = tag_governed(nlp, raw)
    assert second.stance.target == first.stance.target


@pytest.mark.parametrize(
    ("raw", "source", "target"),
    [
        ("India and Pakistan held talks in Geneva. Both sides agreed to extend the ceasefire. Lashkar-e-Taiba gunmen attacked "
         "an Indian army post in Kashmir on Friday. Indian troops returned fire. The group later claimed the attack.\n", "LET", "IND"),
        ("Kenya and Somalia signed a security pact in Nairobi. Kenya will train Somali police. Al-Shabaab fighters attacked a "
         "Kenyan convoy near Mandera. Kenyan officials visited the site on Monday. The army said it had killed 20 of the attackers.\n",
         "KEN", "SHB"),
        ("Nigeria and Niger agreed to reopen their border. Boko Haram fighters raided a Nigerian village near the border. "
         "Nigerian troops arrived hours later. Abuja vowed to hunt down the attackers.\n", "NGA", "BOKO"),
    ],
    ids=["the-group-as-subject", "the-attackers-as-object", "not-the-main-pair"],
)
def test_a_noun_for_a_group_reaches_back_to_the_movement_named_a_few_sentences_before(nlp, raw, source, target):
    last = tag_article(nlp, raw)[-1]
    assert (last.stance.source, last.stance.target) == (source, target)
    assert any(side.via == "earlier" for side in last.inherited)


def test_a_pronoun_reaches_no_further_than_the_sentence_before(nlp):
    raw = ("Chad and Sudan exchanged envoys. Boko Haram fighters crossed into Chad. Chadian troops pursued them. "
           "It said the border would stay open.\n")
    last = tag_article(nlp, raw)[-1]
    assert "BOKO" not in (last.stance.source, last.stance.target)


def test_a_group_noun_as_the_agent_of_a_passive_is_the_source(nlp):
    raw = ("Nigeria and Niger agreed to reopen their border. Boko Haram fighters raided a Nigerian village. "
           "Nigerian officials visited the site. Nigeria, which has troops in Niger, has been targeted repeatedly by the group.\n")
    last = tag_article(nlp, raw)[-1]
    assert (last.stance.source, last.stance.target) == ("BOKO", "NGA")


def test_the_two_are_the_main_pair_when_the_sentence_before_names_both_among_others(nlp):
    raw = ("Ethiopia and Egypt agreed to resume talks on the dam. Egypt's president will travel to Nairobi, Kenya, "
           "where a meeting with the Ethiopian prime minister is possible. The two leaders last met in 2019.\n")
    last = tag_article(nlp, raw)[-1]
    assert {last.stance.source, last.stance.target} == {"EGY", "ETH"}


def test_a_group_noun_reported_by_an_informant_of_the_other_side_acts(nlp):
    raw = ("Boko Haram fighters raided a village in Nigeria. "
           "The gunmen burned the market after looting shops, a Nigerian police officer told reporters.\n")
    last = tag_article(nlp, raw)[-1]
    assert (last.stance.source, last.stance.target) == ("BOKO", "NGA")


@pytest.mark.parametrize(
    ("raw", "third", "pair"),
    [
        ("Thailand and Cambodia agreed a truce in Kuala Lumpur. The United States urged both leaders to respect it. "
         "Trade between the two neighbours has collapsed since the fighting.\n", "USA", {"THA", "KHM"}),
        ("Pakistan closed the border with Afghanistan's Taliban government after the clashes. China called on the two sides to "
         "resolve their differences through dialogue. Trade between the two countries has fallen by half.\n", "CHN", {"PAK", "TAL"}),
    ],
    ids=["urged-both-leaders", "called-on-the-two-sides"],
)
def test_a_pair_a_third_side_acted_on_is_the_pair_the_next_sentence_means(nlp, raw, third, pair):
    second, last = tag_article(nlp, raw)[-2:]
    assert second.stance.source == third and pair <= set(second.actors)
    assert {last.stance.source, last.stance.target} == pair


def test_a_place_named_in_the_sentence_can_be_what_a_possessive_pronoun_stands_for(nlp):
    raw = ("Kenyan President William Ruto took office in 2022 promising peace with Ethiopia. "
           "His government resumed talks with Ethiopia on the border in Nairobi.\n")
    last = tag_article(nlp, raw)[-1]
    assert (last.stance.source, last.stance.target) == ("KEN", "ETH")


def test_an_organisation_appealed_to_leaves_the_target_to_context(nlp):
    raw = ("Ethiopia began filling the dam despite Egypt's objections. "
           "Egypt wrote to the UN Security Council and asked it to intervene.\n")
    last = tag_article(nlp, raw)[-1]
    assert (last.stance.source, last.stance.target) == ("EGY", "ETH")
    assert "UN" in last.actors


def test_an_organisation_appealed_to_is_the_target_when_nothing_else_is(nlp):
    last = tag_article(nlp, "Haiti asked the United Nations to send more police officers.\n")[-1]
    assert (last.stance.source, last.stance.target) == ("HTI", "UN")


def test_a_side_another_group_is_tied_to_is_no_side(nlp):
    raw = ("Boko Haram fighters raided a village in Borno state. "
           "Nigerian troops have pursued the Islamic State-linked group for years. "
           "The militants have since retaken several villages from the army.\n")
    second, last = tag_article(nlp, raw)[-2:]
    assert "ISKP" not in second.actors
    assert (last.stance.source, last.stance.target) == ("BOKO", "NGA")


@pytest.mark.parametrize(
    ("raw", "first", "pair"),
    [
        ("Ethiopia and Eritrea traded accusations over troop movements. The United States and the European Union "
         "issued a statement urging both governments to respect each other's borders.\n", "USA", {"ETH", "ERI"}),
        ("Guatemala and Belize accused each other of border incursions. Mexico and Honduras called on the two "
         "neighbours to return to talks.\n", "MEX", {"GTM", "BLZ"}),
    ],
    ids=["joint-statement-urging-both", "called-on-the-two"],
)
def test_a_joint_subject_acting_on_the_two_sides_acts_on_the_pair(nlp, raw, first, pair):
    last = tag_article(nlp, raw)[-1]
    assert last.stance.source == first and last.stance.target in pair and pair <= set(last.actors)


def test_a_pair_acted_on_in_another_clause_leaves_the_joint_subject_paired(nlp):
    raw = "Serbia and Kosovo traded accusations on Thursday, as the European Union called on both governments to show restraint.\n"
    assert dyad(tag_article(nlp, raw)[-1]) == ("SRB", "XKX", True)


def test_a_noun_for_a_side_may_stand_for_one_the_sentence_names_only_deep_in_a_clause(nlp):
    raw = ("Benin protested against a drone strike near the border. Niger's military-led government rejected the accusation. "
           "In a communique read on state television, the transitional authorities said the strike had targeted a "
           '"terrorist cell" preparing attacks on Nigerien forces, and accused Benin of providing "sanctuary" to armed groups.\n')
    last = tag_article(nlp, raw)[-1]
    assert (last.stance.source, last.stance.target) == ("NER", "BEN")


def test_a_third_side_acting_on_the_main_pair_takes_them_in_the_article_s_order(nlp):
    raw = ("Thailand and Cambodia traded fire along their disputed border on Monday. Cambodia accused Thailand of shelling "
           "a temple. Malaysia urged both sides to hold their fire.\n")
    last = tag_article(nlp, raw)[-1]
    assert (last.stance.source, last.stance.target) == ("MYS", "THA") and last.actors[:3] == ("MYS", "THA", "KHM")


def test_the_pair_the_main_verb_acts_on_outweighs_a_side_named_deep_in_a_clause(nlp):
    raw = ("Guyana and Suriname dispute a river border. Suriname accused Guyana of arresting its fishermen. Brazilian envoy "
           "Celso Amorim urged both sides to show restraint and said the river was the best hope Guyanese have.\n")
    last = tag_article(nlp, raw)[-1]
    assert last.stance.source == "BRA" and {"GUY", "SUR"} <= set(last.actors)


def test_the_two_countries_are_the_main_pair_in_the_article_s_order(nlp):
    raw = ("Peru and Mexico cut diplomatic ties on Tuesday. Mexico granted asylum to a former Peruvian minister. "
           "The two countries have had no ambassadors since 2023.\n")
    last = tag_article(nlp, raw)[-1]
    assert (last.stance.source, last.stance.target) == ("PER", "MEX")


@pytest.mark.parametrize(
    "analyst",
    ["Sara Diaz, a Colombia analyst at a London think tank", "a Brazil specialist at a Washington think tank"],
)
def test_the_state_an_analyst_studies_or_works_in_is_no_side(nlp, analyst):
    raw = f'Venezuela and Guyana traded accusations over the Essequibo region on Monday. "Caracas has no leverage left," said {analyst}.\n'
    last = tag_article(nlp, raw)[-1]
    assert (last.stance.source, last.stance.target) == ("VEN", "GUY") and set(last.actors) == {"VEN", "GUY"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Gabon and Equatorial Guinea disputed three islands. The two presidents met in Libreville on Friday.\n", ("GAB", "GNQ", True)),
        ("Uzbekistan and Tajikistan signed a water accord. Kazakh President Tokayev received the two ministers in Astana.\n",
         ("KAZ", "UZB", False)),
        ("Uganda and South Sudan traded fire on the border. Both armies pulled back on Sunday.\n", ("UGA", "SSD", True)),
    ],
    ids=["the-two-presidents", "the-two-ministers", "both-armies"],
)
def test_the_two_presidents_ministers_or_armies_are_the_pair(nlp, raw, expected):
    assert dyad(tag_article(nlp, raw)[-1]) == expected


def test_two_third_sides_acting_together_act_on_the_main_pair(nlp):
    raw = ("Thailand and Cambodia closed their border after clashes. Thailand accused Cambodia of laying new mines. "
           "Malaysia and Indonesia urged restraint and offered to mediate.\n")
    last = tag_article(nlp, raw)[-1]
    assert dyad(last) == ("MYS", "THA", False) and {"KHM", "IDN"} <= set(last.actors)


@pytest.mark.parametrize(
    ("raw", "pair"),
    [
        (
            "ISWAP fighters overran a military base in Borno state on Sunday, killing 12 Nigerian soldiers. The army responded with air "
            "strikes on the group's positions.\n",
            ("NGA", "ISWAP"),
        ),
        ("Morocco accused Algeria of arming separatists on Monday. The foreign ministry also summoned the Algerian ambassador.\n", ("MAR", "DZA")),
    ],
    ids=["the-army", "the-foreign-ministry"],
)
def test_a_body_named_without_its_state_acts_for_the_state_before(nlp, raw, pair):
    sentence = tag_article(nlp, raw)[-1]
    assert dyad(sentence)[:2] == pair
    assert sentence.inherited[0].code == pair[0]


def test_a_pronoun_may_stand_for_a_side_named_deep_in_a_clause(nlp):
    raw = (
        "Mali's military rulers ordered French troops out in 2022. "
        "They have since turned to Russia, which has sent instructors to train the Malian army.\n"
    )
    sentence = tag_article(nlp, raw)[-1]
    assert dyad(sentence)[:2] == ("MLI", "RUS")


@pytest.mark.parametrize(
    ("raw", "pair"),
    [
        (
            "Kyrgyzstan and Tajikistan signed a border treaty in March. On Monday, Tajik and Kyrgyz officials reopened two crossings. "
            "The European Union said it was ready to fund new facilities.\n",
            ("EU", "KGZ"),
        ),
        (
            "Ecuador and Peru signed a fisheries accord in March. On Monday, Peruvian and Ecuadorian officials met again in Lima. "
            "The World Bank offered to fund a joint port.\n",
            ("WB", "ECU"),
        ),
    ],
    ids=["eu-on-kyrgyzstan-tajikistan", "world-bank-on-ecuador-peru"],
)
def test_a_third_side_acting_on_the_pair_takes_its_first_side_in_the_article(nlp, raw, pair):
    assert dyad(tag_article(nlp, raw)[-1])[:2] == pair


def test_the_two_with_a_plural_name_is_the_pair(nlp):
    raw = "Sudan and South Sudan held talks in Juba on Monday. The two Sudans agreed to reopen the oil pipeline.\n"
    assert dyad(tag_article(nlp, raw)[-1]) == ("SDN", "SSD", True)


@pytest.mark.parametrize(
    "raw",
    [
        "Eritrea and Ethiopia met in Nairobi. Neither side agreed to a joint patrol, AU officials said.\n",
        "Serbia and Kosovo met in Brussels. Both sides have kept to the licence plate deal, EU officials said.\n",
    ],
    ids=["neither-side", "both-sides"],
)
def test_a_third_side_telling_of_the_pair_is_no_side_of_its_act(nlp, raw):
    _first, second = tag_article(nlp, raw)
    pair = tuple(side.code for side in second.inherited)
    assert len(pair) == 2 and dyad(second) == (*pair, True)


@pytest.mark.parametrize(
    ("raw", "pair"),
    [
        (
            "The ELN attacked an oil pipeline in Arauca. Colombia's army said the ELN had fled to Venezuela. "
            "Trade between the two countries has grown since the border reopened.\n",
            {"COL", "VEN"},
        ),
        (
            "The Houthis seized a cargo ship in the Red Sea. Saudi Arabia said the Houthis had fired drones at Oman. "
            "Talks between the two countries resumed on Monday.\n",
            {"SAU", "OMN"},
        ),
    ],
    ids=["colombia-venezuela", "saudi-oman"],
)
def test_the_two_countries_are_two_states_not_a_movement_named_with_them(nlp, raw, pair):
    last = tag_article(nlp, raw)[-1]
    assert {last.stance.source, last.stance.target} == pair
