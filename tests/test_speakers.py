"""stages/speakers + stages/reports: a quotation is the speaker's own act,
and a speaker the sentence does not name ("she", "the Defence Ministry")
speaks for a side found in context."""

from __future__ import annotations

import pytest

from test_tag import tag_article


def directed(sentence):
    return sentence.stance.source, sentence.stance.target


@pytest.mark.parametrize(
    ("raw", "pair"),
    [
        (
            'Chile\'s foreign minister summoned the Bolivian ambassador on Monday. "Bolivia cannot keep closing the border," she said.\n',
            ("CHL", "BOL"),
        ),
        (
            "Ghana and Togo traded accusations over the border on Monday. On Tuesday, the Defence Ministry said the drills "
            "planned near the frontier would be moved as a gesture toward Lome.\n",
            ("GHA", "TGO"),
        ),
    ],
    ids=["pronoun-quoting-the-other-side", "ministry-reporting-its-own-act"],
)
def test_an_unnamed_speaker_speaks_for_the_side_before(nlp, raw, pair):
    sentence = tag_article(nlp, raw)[-1]
    assert directed(sentence) == pair
    assert [side.code for side in sentence.inherited] == [pair[0]]


@pytest.mark.parametrize(
    ("raw", "pair"),
    [
        ('"Nicaragua is arming gangs on our border," Costa Rican President Rodrigo Chaves told reporters.\n', ("CRI", "NIC")),
        (
            'Serbia recalled its envoy from Kosovo on Friday. "Pristina is provoking a crisis," Serbian Foreign Minister '
            "Marko Djuric told reporters.\n",
            ("SRB", "XKX"),
        ),
    ],
    ids=["titled-speaker", "titled-speaker-after-a-sentence"],
)
def test_a_side_quoted_speaks_of_the_side_its_quotation_names(nlp, raw, pair):
    assert directed(tag_article(nlp, raw)[-1]) == pair


@pytest.mark.parametrize(
    ("raw", "pair"),
    [
        ("A Sudanese army spokesman said RSF fighters had shelled a market in El Fasher.\n", ("RSF", "SDN")),
        ('Colombia and Venezuela reopened the border. "We will never again let Caracas close it," the minister said.\n', ("COL", "VEN")),
        (
            'Eritrean troops crossed into the Badme area on Monday. "Ethiopia will not allow its territory to be occupied," '
            "State Minister Misganu Arega said.\n",
            ("ETH", "ERI"),
        ),
    ],
    ids=["unquoted-report-of-another-side", "quotation-where-the-speaker-side-acts", "official-quoting-their-own-side"],
)
def test_what_a_report_tells_stays_its_own_act(nlp, raw, pair):
    assert directed(tag_article(nlp, raw)[-1]) == pair


@pytest.mark.parametrize(
    ("raw", "pair"),
    [
        ("Somali fishermen said Kenyan coastguard boats had seized their catch near Kiunga.\n", ("KEN", "SOM")),
        ("Ethiopian farmers said Sudanese troops had burned their crops near the border.\n", ("SDN", "ETH")),
    ],
    ids=["fishermen", "farmers"],
)
def test_civilians_telling_what_another_side_did_are_acted_on(nlp, raw, pair):
    assert directed(tag_article(nlp, raw)[-1]) == pair


@pytest.mark.parametrize(
    ("raw", "pair"),
    [
        (
            "Ecuador and Peru traded charges over the smuggling routes on Monday. Interior Minister John Reimberg said "
            "Ecuador would deploy 2,000 troops to the frontier.\n",
            ("ECU", "PER"),
        ),
        (
            "Kyrgyzstan and Tajikistan traded accusations after the shooting. Deputy Prime Minister Edil Baisalov said "
            "Kyrgyzstan wanted the new border treaty respected.\n",
            ("KGZ", "TJK"),
        ),
    ],
    ids=["what-the-side-will-do", "what-the-side-wants"],
)
def test_an_official_telling_what_the_named_side_will_do_speaks_for_it(nlp, raw, pair):
    assert directed(tag_article(nlp, raw)[-1]) == pair


def test_an_official_telling_what_a_side_did_may_speak_of_the_other(nlp):
    raw = (
        "Costa Rica protested to Nicaragua over the expulsions on Monday. Co-President Rosario Murillo said "
        "Costa Rica had become a refuge for coup plotters.\n"
    )
    assert directed(tag_article(nlp, raw)[-1]) == ("NIC", "CRI")


def test_a_possessive_in_a_relative_clause_stands_for_a_side_the_sentence_names(nlp):
    raw = (
        "Qatar urged Chad and Sudan to talk on Monday. Prime Minister Allamaye Halina said Chad would reopen the "
        "border once Sudan gave guarantees that its territory would not be used against Chad.\n"
    )
    assert directed(tag_article(nlp, raw)[-1]) == ("TCD", "SDN")


@pytest.mark.parametrize(
    ("raw", "pair"),
    [
        (
            "China's coast guard boarded a Philippine supply boat near the Second Thomas Shoal on Monday. Foreign "
            "ministry spokeswoman Teresita Daza said the boarding was a serious violation of the Philippines' sovereignty.\n",
            ("PHL", "CHN"),
        ),
        (
            "Ghana protested to Burkina Faso on Tuesday after soldiers crossed the border. A government spokesman said "
            "the incursion had endangered Ghanaian villages.\n",
            ("GHA", "BFA"),
        ),
    ],
    ids=["possessive-sovereignty", "adjective-villages"],
)
def test_a_speaker_may_speak_for_the_side_its_report_names_as_wronged(nlp, raw, pair):
    assert directed(tag_article(nlp, raw)[-1]) == pair


@pytest.mark.parametrize(
    ("raw", "pair"),
    [
        ("Guatemala and Belize have disputed their border for decades.\nBelize accused Guatemala of harassing its fishermen.\n"
         "The African Union urged Guatemala and Belize to settle their dispute.\n"
         "Since then, however, diplomats say contacts have stalled, and the two countries still have no ambassadors in each other's capitals.\n",
         {"GTM", "BLZ"}),
        ("Serbia and Kosovo clashed over licence plates in 2022.\nKosovo accused Serbia of stoking unrest in the north.\n"
         "The European Union asked Serbia and Kosovo to resume the dialogue.\n"
         "Since then, however, officials say talks have stalled, and the two sides still refuse to meet.\n",
         {"SRB", "XKX"}),
    ],
)
def test_an_unnamed_speaker_outside_the_pair_only_tells_of_the_two(nlp, raw, pair):
    """The mediator named just before is not the speakers' side: they tell of the pair the sentence refers to."""
    stance = tag_article(nlp, raw)[-1].stance
    assert {stance.source, stance.target} == pair
