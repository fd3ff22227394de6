"""actors: the actor_linker component (the dictionary's tests are in test_dictionary.py)."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Span

from pipeline.stages.actors import ARTICLE_DATE, SPAN_KEY, ActorLinker
from pipeline.stages.dictionary import ActorDictionary, Role

# Fast tests of the linker on hand-built docs.


@pytest.fixture(scope="module")
def blank_linker():
    nlp = spacy.blank("en")
    aliases = {"Qomi": ("IRN", "officials"), "Kazemi Qomi": ("IRN", "officials"), "Taliban": ("TAL", "names"), "Kabul": ("TAL", "capitals")}
    return nlp, ActorLinker(nlp, ActorDictionary(aliases=aliases, governments={}))


def link(nlp, linker, words, ents=()):
    doc = spacy.tokens.Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return [(span.text, span.label_) for span in linker(doc).spans[SPAN_KEY]]


def test_linker_widens_a_match_to_its_person_entity(blank_linker):
    words = ["Envoy", "Hassan", "Kazemi", "Qomi", "arrived", "in", "Kabul", "."]
    found = link(*blank_linker, words, ents=[(1, 4, "PERSON"), (6, 7, "GPE")])
    assert found == [("Hassan Kazemi Qomi", "IRN"), ("Kabul", "TAL")]


def test_linker_prefers_the_longest_match_without_entities(blank_linker):
    words = ["Hassan", "Kazemi", "Qomi", "met", "the", "Taliban", "."]
    assert link(*blank_linker, words) == [("Kazemi Qomi", "IRN"), ("Taliban", "TAL")]


def test_linker_does_not_widen_into_non_actor_entities(blank_linker):
    words = ["The", "Taliban", "Day", "parade", "was", "held", "."]
    assert link(*blank_linker, words, ents=[(0, 3, "EVENT")]) == [("Taliban", "TAL")]


def test_linker_matches_case_sensitively(blank_linker):
    assert link(*blank_linker, ["taliban", "and", "kabul"]) == []


# The real pipeline with the repository's dictionary.


@pytest.mark.parametrize(
    ("sentence", "alias", "code"),
    [
        ("Qomi said the embassy would reopen next week.", "Qomi", "IRN"),
        ("Muttaqi said the embassy would reopen next week.", "Muttaqi", "TAL"),
        ("Tehran said the embassy would reopen next week.", "Tehran", "IRN"),
        ("Kabul said the embassy would reopen next week.", "Kabul", "TAL"),
        ("An Iranian delegation arrived on Monday.", "Iranian delegation", "IRN"),
        ("The IRGC said the border was calm.", "IRGC", "IRN"),
        # A force and its commander take the code of the force, not of the state it fights over.
        ("Haftar said the port would reopen next week.", "Haftar", "LNA"),
        # Breakaway authorities have codes of their own.
        ("Tiraspol said the crossing would reopen next week.", "Tiraspol", "PMR"),
        ("Somaliland said the port would reopen next week.", "Somaliland", "SLD"),
    ],
)
def test_real_pipeline_links_aliases(nlp, sentence, alias, code):
    doc = nlp(sentence)
    assert [(span.text, span.label_) for span in doc.spans[SPAN_KEY]] == [(alias, code)]


def test_real_pipeline_links_the_whole_name(nlp):
    doc = nlp("Hassan Kazemi Qomi was appointed as the new Iranian ambassador to Kabul in December 2022.")
    assert [(span.text, span.label_) for span in doc.spans[SPAN_KEY]] == [
        ("Hassan Kazemi Qomi", "IRN"),
        ("Iranian ambassador", "IRN"),
        ("Kabul", "TAL"),
    ]


def test_linker_sits_after_ner(nlp):
    names = nlp.pipe_names
    assert names.index("actor_linker") == names.index("ner") + 1


def linking_seconds(nlp, linker, repeats: int) -> float:
    """Link a doc of `repeats` sentences, each with an entity and a match."""
    import gc
    import time

    words, ents = [], []
    for _ in range(repeats):
        start = len(words)
        words += ["Envoy", "Hassan", "Kazemi", "Qomi", "met", "Chile", "in", "Kabul", "."]
        ents += [(start + 1, start + 4, "PERSON"), (start + 5, start + 6, "GPE")]
    doc = spacy.tokens.Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    gc.collect()
    gc.disable()  # a collection now and then would swamp the measure
    try:
        started = time.perf_counter()
        linker(doc)
        return time.perf_counter() - started
    finally:
        gc.enable()


def test_linking_time_grows_linearly_with_the_article(blank_linker):
    # The best of three, as the machine may be busy; quadratic would be 64x, linear 8x.
    small = min(linking_seconds(*blank_linker, 2_000) for _ in range(3))
    large = min(linking_seconds(*blank_linker, 16_000) for _ in range(3))
    assert large < 32 * small, f"8x the text took {large / small:.0f}x the time"


# States from the libraries, governments in time and officials by title, with the real pipeline.


def linked(nlp, sentence, date=None):
    """The sentence's mentions as (text, code), linked as of the article date `date`."""
    doc = nlp.make_doc(sentence)
    doc.user_data[ARTICLE_DATE] = date
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return [(span.text, span.label_) for span in doc.spans[SPAN_KEY]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Burkina Faso expelled the envoy of Mali.", [("Burkina Faso", "BFA"), ("Mali", "MLI")]),
        ("Ivorian and Ghanaian negotiators met on Monday.", [("Ivorian", "CIV"), ("Ghanaian", "GHA")]),
        ("Kinshasa accused Rwanda of backing the rebels.", [("Kinshasa", "COD"), ("Rwanda", "RWA")]),
        ("The Philippines protested to Vietnam.", [("Philippines", "PHL"), ("Vietnam", "VNM")]),
        ("Montevideo signed a trade pact with Paraguay.", [("Montevideo", "URY"), ("Paraguay", "PRY")]),
        # Seats of government the libraries do not give as capitals.
        ("Kigali accused Gitega of backing the rebels.", [("Kigali", "RWA"), ("Gitega", "BDI")]),
        ("La Paz recalled its envoy from Santiago.", [("La Paz", "BOL"), ("Santiago", "CHL")]),
    ],
)
def test_states_come_from_the_libraries(nlp, sentence, expected):
    assert linked(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "date", "expected"),
    [
        ("Afghanistan signed a transit deal with Uzbekistan.", "2019-06-01", [("Afghanistan", "AFG"), ("Uzbekistan", "UZB")]),
        ("Afghanistan signed a transit deal with Uzbekistan.", "2021-08-15", [("Afghanistan", "TAL"), ("Uzbekistan", "UZB")]),
        ("Kabul rejected the accusations made by Islamabad.", "2021-08-14", [("Kabul", "AFG"), ("Islamabad", "PAK")]),
        ("Kabul rejected the accusations made by Islamabad.", "2023-02-01", [("Kabul", "TAL"), ("Islamabad", "PAK")]),
        ("Kabul rejected the accusations made by Islamabad.", None, [("Kabul", "TAL"), ("Islamabad", "PAK")]),
        ("The Afghan government thanked Kazakhstan.", "2018-03-01", [("Afghan government", "AFG"), ("Kazakhstan", "KAZ")]),
        ("The Afghan government thanked Kazakhstan.", "2022-03-01", [("Afghan government", "TAL"), ("Kazakhstan", "KAZ")]),
    ],
)
def test_a_state_acting_as_a_government_takes_the_government_of_the_day(nlp, sentence, date, expected):
    assert linked(nlp, sentence, date) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In 2017, Kabul rejected the accusations made by Islamabad.", [("Kabul", "AFG"), ("Islamabad", "PAK")]),
        ("In March 2021, Afghanistan signed a transit deal with Uzbekistan.", [("Afghanistan", "AFG"), ("Uzbekistan", "UZB")]),
        ("In the 1970s, Afghanistan signed a water treaty with Iran.", [("Afghanistan", "AFG"), ("Iran", "IRN")]),
        # The month the government changed in counts as after the change.
        ("In August 2021, Kabul thanked Tashkent.", [("Kabul", "TAL"), ("Tashkent", "UZB")]),
        # The Taliban governed from 1996 to 2001 too.
        ("In 1998, Kabul expelled the envoy of Tajikistan.", [("Kabul", "TAL"), ("Tajikistan", "TJK")]),
        ("In 2005, Kabul expelled the envoy of Tajikistan.", [("Kabul", "AFG"), ("Tajikistan", "TJK")]),
        ("Kabul rejected the accusations made by Islamabad.", [("Kabul", "TAL"), ("Islamabad", "PAK")]),
    ],
)
def test_a_sentence_that_names_an_earlier_year_takes_that_year_s_government(nlp, sentence, expected):
    assert linked(nlp, sentence, "2023-02-01") == expected


def test_a_year_after_the_article_s_date_does_not_move_the_government(nlp):
    assert linked(nlp, "Kabul hopes to sign the deal with Islamabad in 2024.", "2019-06-01") == [("Kabul", "AFG"), ("Islamabad", "PAK")]


@pytest.mark.parametrize(
    "sentence",
    ["Afghan refugees crossed into Tajikistan.", "Tajikistan sent aid to Afghan refugees.", "Tajik troops patrolled inside Afghanistan."],
)
def test_the_country_its_people_and_places_stay_the_country(nlp, sentence):
    codes = dict(linked(nlp, sentence, "2023-05-01"))
    assert "TAL" not in codes.values() and "AFG" in codes.values()


# A dictionary where two states have had a government of another name since a date.
GOVERNED = ActorDictionary(
    aliases={
        **{name: (code, "names") for name, code in [("Myanmar", "MMR"), ("Niger", "NER"), ("Thailand", "THA"), ("Bangladesh", "BGD")]},
        **{name: (code, "names") for name, code in [("Benin", "BEN"), ("Nigeria", "NGA"), ("Mali", "MLI"), ("China", "CHN")]},
        "Naypyidaw": ("MMR", "capitals"),
        "Chinese": ("CHN", "demonyms"),
        "Burmese": ("MMR", "demonyms"),
    },
    governments={"MMR": (Role("SAC", dt.date(2021, 2, 1), None),), "NER": (Role("CNSP", dt.date(2023, 7, 26), None),)},
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Myanmar signed a border deal with Thailand.", [("Myanmar", "SAC"), ("Thailand", "THA")]),
        ("Mali and Niger expelled the envoys.", [("Mali", "MLI"), ("Niger", "CNSP")]),
        ("China hosted talks with Naypyidaw.", [("China", "CHN"), ("Naypyidaw", "SAC")]),
        ("Thailand signed a border deal with Myanmar.", [("Thailand", "THA"), ("Myanmar", "MMR")]),
        ("Bangladesh accused Myanmar of shelling its villages.", [("Bangladesh", "BGD"), ("Myanmar", "MMR")]),
        ("Niger remains a key partner for Benin.", [("Niger", "NER"), ("Benin", "BEN")]),
        ("Trade between Nigeria and Niger fell sharply.", [("Nigeria", "NGA"), ("Niger", "NER")]),
        ("Chinese envoys met in Naypyidaw.", [("Chinese envoys", "CHN"), ("Naypyidaw", "MMR")]),
    ],
)
def test_a_state_s_name_is_its_government_only_where_it_acts(nlp, sentence, expected):
    """The guidelines: the government where the state acts (signs, expels); a
    capital that is a side is its government too; the country where it is
    acted on, described, a place, or one side of a trade figure."""
    with nlp.select_pipes(disable=["actor_linker"]):
        doc = nlp(sentence)
    doc.user_data[ARTICLE_DATE] = "2024-03-01"
    assert [(span.text, span.label_) for span in ActorLinker(nlp, GOVERNED)(doc).spans[SPAN_KEY]] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A delegation from Myanmar visited Bangladesh.", [("Myanmar", "SAC"), ("Bangladesh", "BGD")]),
        ("The governor of Niger's Tahoua region thanked Benin.", [("Niger", "CNSP"), ("Benin", "BEN")]),
        ("Thailand handed the keys of the Burmese Embassy to the new envoy.", [("Thailand", "THA"), ("the Burmese Embassy", "SAC")]),
        ("Refugees from Myanmar crossed into Bangladesh.", [("Myanmar", "MMR"), ("Bangladesh", "BGD")]),
    ],
    ids=["from-a-state", "role-over-a-region-of-the-state", "role-as-the-head", "people-from-a-state"],
)
def test_a_role_the_state_qualifies_or_completes_is_its_government(nlp, sentence, expected):
    """Officials "from" a state, the governor "of" its region and its embassy
    act for the government of the day; its people stay the country."""
    with nlp.select_pipes(disable=["actor_linker"]):
        doc = nlp(sentence)
    doc.user_data[ARTICLE_DATE] = "2024-03-01"
    assert [(span.text, span.label_) for span in ActorLinker(nlp, GOVERNED)(doc).spans[SPAN_KEY]] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt's foreign minister met Sudan's army chief.", [("Egypt's foreign minister", "EGY"), ("Sudan's army chief", "SDN")]),
        ("The Pakistani army chief warned India.", [("Pakistani army chief", "PAK"), ("India", "IND")]),
        ("The Turkish president called the Greek prime minister.", [("Turkish president", "TUR"), ("Greek prime minister", "GRC")]),
        ("Kenya's interior ministry summoned the Ugandan ambassador.", [("Kenya's interior ministry", "KEN"), ("Ugandan ambassador", "UGA")]),
        ("The foreign minister of Qatar hosted Chad's envoy.", [("Qatar", "QAT"), ("Chad's envoy", "TCD")]),
        ("Chilean and Peruvian officials met.", [("Chilean", "CHL"), ("Peruvian", "PER")]),
        ("Ghanaian President Nana Akufo-Addo thanked Togo.", [("Ghanaian President", "GHA"), ("Togo", "TGO")]),
    ],
)
def test_an_official_named_by_title_takes_the_state_in_the_title(nlp, sentence, expected):
    assert linked(nlp, sentence) == expected


def test_a_title_names_the_government_of_the_day(nlp):
    assert linked(nlp, "Afghanistan's foreign minister visited Turkmenistan.", "2020-01-10")[0] == ("Afghanistan's foreign minister", "AFG")
    assert linked(nlp, "Afghanistan's foreign minister visited Turkmenistan.", "2024-01-10")[0] == ("Afghanistan's foreign minister", "TAL")


def test_a_state_name_inside_a_person_s_name_is_no_mention(nlp):
    assert ("Jordan", "JOR") not in linked(nlp, "Michael Jordan praised Senegal.")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Guyana raised the matter with the Organization of American States.", [("Guyana", "GUY"), ("the Organization of American States", "OAS")]),
        ("Peru raised the matter with the Pan American Health Organization.", [("Peru", "PER")]),
        ("The South American neighbours met in Brasilia.", [("Brasilia", "BRA")]),
        ("Anti-American protests spread in Pakistan.", [("Anti-American", "USA"), ("Pakistan", "PAK")]),
    ],
    ids=["known-organisation-name", "unknown-organisation-name", "region-demonym", "hyphen-joined"],
)
def test_a_demonym_inside_a_longer_name_is_no_mention(nlp, sentence, expected):
    assert linked(nlp, sentence) == expected


def test_a_movement_the_parser_reads_as_a_person_is_still_linked(nlp):
    """The parser tags "the Tigray People's Liberation Front" as a PERSON; a person's name never starts with "the"."""
    sentence = "Eritrean troops fought against the Tigray People's Liberation Front in 2021."
    assert ("the Tigray People's Liberation Front", "TPLF") in linked(nlp, sentence)


def test_the_article_date_reaches_the_linker_from_its_meta(nlp):
    from pipeline.records import Article, Block
    from pipeline.stages.sentences import article_sentences

    text = "Kabul and Dushanbe agreed to reopen the border."
    block = (Block(start=0, end=len(text), kind="body"),)
    before = Article(doc="a", path="a.txt", sha256="x", raw=text, blocks=block, meta={"date": "2020-05-04"})
    after = Article(doc="b", path="b.txt", sha256="y", raw=text, blocks=block, meta={"date": "2022-05-04"})
    codes = [sentences[0].actors for _article, sentences in article_sentences([before, after], nlp=nlp)]
    assert codes == [("AFG", "TJK"), ("TAL", "TJK")]


@pytest.mark.parametrize(
    "sentence",
    ["The former Afghan government had signed a water treaty with Iran.", "The then Afghan president met Pakistan's army chief."],
)
def test_a_government_in_the_past_is_the_one_before(nlp, sentence):
    assert linked(nlp, sentence, "2023-04-02")[0][1] == "AFG"
    assert linked(nlp, sentence)[0][1] == "AFG"


@pytest.mark.parametrize(
    ("sentence", "alias", "code"),
    [
        ("Rwanda accused the Democratic Republic of Congo of backing rebels.", "Democratic Republic of Congo", "COD"),
        ("Qatar and the Emirates restored flights.", "Emirates", "ARE"),
        ("Serbia closed two crossings into Kosovo.", "Kosovo", "XKX"),
        ("The Polisario Front declared an end to the ceasefire with Morocco.", "Polisario Front", "POLISARIO"),
        ("The Organization of American States urged Venezuela to respect the ruling.", "Organization of American States", "OAS"),
        ("Peacekeepers of UNIFIL said Israeli troops fired on their positions.", "UNIFIL", "UN"),
        ("The Philippine army fought New People's Army rebels in Samar.", "New People's Army", "NPA"),
        ("The Ambazonia Governing Council rejected talks with Yaounde.", "Ambazonia Governing Council", "AMBA"),
        ("KNU fighters seized a Myanmar army base near the Thai border.", "KNU", "KNU"),
        ("Burundi accused Rwanda of arming RED-Tabara rebels.", "RED-Tabara", "REDTABARA"),
        ("Ugandan jets bombed ADF camps in Ituri.", "ADF", "ADF"),
        ("The TNLA handed Mogok back to the junta in talks hosted by China.", "TNLA", "TNLA"),
        ("Fatah accused Hamas of sabotaging the reconciliation talks.", "Fatah", "FATAH"),
        ("The Southern Transitional Council rejected the Saudi plan.", "Southern Transitional Council", "STC"),
        ("Chad hosted an ECCAS summit on the crisis.", "ECCAS", "ECCAS"),
    ],
)
def test_names_as_the_news_writes_them(nlp, sentence, alias, code):
    doc = nlp(sentence)
    assert [span.label_ for span in doc.spans[SPAN_KEY] if alias in span.text] == [code]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Congo accused Rwanda of backing the rebels.", [("Congo", "COD"), ("Rwanda", "RWA")]),
        ("Congolese troops clashed with Ugandan soldiers.", [("Congolese troops", "COD"), ("Ugandan soldiers", "UGA")]),
        ("The Republic of Congo signed a border deal with Gabon.", [("The Republic of Congo", "COG"), ("Gabon", "GAB")]),
        ("ECOWAS suspended Niger after the coup.", [("ECOWAS", "ECOWAS"), ("Niger", "NER")]),
        ("Macedonia and Bosnia signed a transit accord.", [("Macedonia", "MKD"), ("Bosnia", "BIH")]),
        ("Settlers clashed with villagers in the West Bank.", [("the West Bank", "PSE")]),
    ],
    ids=["congo-is-drc", "congolese", "republic-of-congo", "ecowas", "short-names", "territory"],
)
def test_the_project_file_names_what_the_libraries_leave_ambiguous(nlp, sentence, expected):
    """"Congo" alone is the Democratic Republic in the news (the libraries give it to the Republic of Congo)."""
    assert linked(nlp, sentence) == expected



@pytest.mark.parametrize(
    "sentence",
    ["The strike hit a market on Ramree Island.", "Stanley Kalu thanked the ministers.", "Male voters in Bolivia backed the mayor."],
)
def test_a_word_or_a_person_s_name_is_no_state(nlp, sentence):
    assert not {"ISL", "FLK", "MDV"} & {code for _text, code in linked(nlp, sentence)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Isaias Afwerki accused Abiy of stoking war.", [("Isaias Afwerki", "ERI"), ("Abiy", "ETH")]),
        ("Min Aung Hlaing met Anutin on Friday.", [("Min Aung Hlaing", "MMR"), ("Anutin", "THA")]),
        ("Assimi Goita expelled the envoy sent by Tebboune.", [("Assimi Goita", "MLI"), ("Tebboune", "DZA")]),
        ("Maia Sandu thanked Nayib Bukele.", [("Maia Sandu", "MDA"), ("Nayib Bukele", "SLV")]),
    ],
)
def test_leaders_of_many_states_are_in_the_dictionary(nlp, sentence, expected):
    assert linked(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Kurdistan Regional Government protested the Turkish strikes.", ("Kurdistan Regional Government", "KRG")),
        ("The Multinational Security Support mission took back the port.", ("Multinational Security Support", "MSS")),
        ("Mali's junta hired instructors from the Africa Corps.", ("Africa Corps", "RUS")),
        ("Fano fighters ambushed a convoy near Gondar.", ("Fano", "FANO")),
        ("The Vatican helped broker the prisoner exchange.", ("Vatican", "VAT")),
        ("Falklands lawmakers rejected any talks on sovereignty.", ("Falklands", "FLK")),
    ],
    ids=["regional-government", "mission", "force-serving-a-state", "militia", "vatican", "falklands"],
)
def test_regional_governments_missions_and_forces_have_codes(nlp, sentence, expected):
    name, code = expected
    assert any(name in text and found == code for text, found in linked(nlp, sentence))


def test_a_surname_shared_with_a_force_is_no_alias(nlp):
    assert "RUS" not in {code for _text, code in linked(nlp, "Congo's foreign minister Therese Kayikwamba Wagner met reporters.")}


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("Iraq's National Security Council designated the group a banned organisation.", "UN"),
        ("Troops retook the port town of Mocimboa da Praia from the insurgents.", "CPV"),
        ("Crowds gathered in Santiago de Cuba on Sunday.", "CHL"),
    ],
    ids=["another-body-s-council", "town-after-a-particle", "town-before-a-particle"],
)
def test_an_alias_inside_another_name_is_no_mention(nlp, sentence, absent):
    assert absent not in {code for _text, code in linked(nlp, sentence)}


def test_the_security_council_alone_is_still_the_un(nlp):
    assert ("UN" in {code for _text, code in linked(nlp, "The Security Council met on Friday.")})


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("Relations have been strained by the San Juan river, which forms much of the frontier.", "PRI"),
        ("Gunmen in the Niger Delta kidnapped four oil workers.", "NER"),
        ("Ghanaian and Togolese ships patrolled the Gulf of Guinea.", "GIN"),
        ("Tourists from Tanzania climbed Mount Kenya.", "KEN"),
        ("Settlers expanded their farms in the Jordan Valley.", "JOR"),
        ("Fishing boats from Oman sailed into the Sea of Japan.", "JPN"),
    ],
    ids=["river-after-a-capital", "delta", "gulf-of", "mount", "valley", "sea-of"],
)
def test_a_feature_of_land_or_sea_named_after_a_place_is_no_side(nlp, sentence, absent):
    assert absent not in {code for _text, code in linked(nlp, sentence)}


def test_a_state_beside_a_river_is_still_a_side(nlp):
    codes = {code for _text, code in linked(nlp, "Mali accused Niger of diverting the river's water.")}
    assert {"MLI", "NER"} <= codes


@pytest.mark.parametrize(
    "sentence",
    [
        "Colombian Defence Minister Pedro Sanchez met the head of U.S. Southern Command in Bogota.",
        "Colombia's defence minister, Pedro Sanchez, met the head of U.S. Southern Command.",
    ],
    ids=["title-before-the-name", "name-in-apposition"],
)
def test_a_title_naming_another_state_outranks_a_listed_namesake(nlp, sentence):
    assert ("Pedro Sanchez", "COL") in linked(nlp, sentence)


def test_a_listed_official_without_a_title_keeps_the_dictionary_code(nlp):
    assert ("Pedro Sanchez", "ESP") in linked(nlp, "Pedro Sanchez met Moroccan King Mohammed VI in Rabat.")


def test_a_counterpart_s_title_does_not_recode_the_name_before_it(nlp):
    found = linked(nlp, "The memorandum was signed by Turkish Foreign Minister Hakan Fidan and his Iraqi counterpart Fuad Hussein.")
    assert ("Hakan Fidan", "TUR") in found


def test_the_un_nuclear_watchdog_is_the_iaea_not_the_un(nlp):
    found = linked(nlp, "Iranian lawmakers moved to suspend cooperation with the UN nuclear watchdog.")
    assert ("UN nuclear watchdog", "IAEA") in found and "UN" not in {code for _text, code in found}
