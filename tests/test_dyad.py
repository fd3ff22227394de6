"""stages/dyad: the candidate sides' roles and the rules that choose
(source, target) among them, over sentences about many pairs of actors."""

from __future__ import annotations

import pytest

from pipeline.records import Candidate
from pipeline.stages.dyad import choose_dyad
from test_tag import tag_article, tag_one


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Egypt signed a water agreement with Sudan on Monday.", "EGY", "SDN"),
        ("Kenya held talks with Somalia over the maritime border.", "KEN", "SOM"),
        ("Poland lodged a protest against Belarus over the migrants.", "POL", "BLR"),
    ],
    ids=["with", "talks-with", "against"],
)
def test_prepositional_target(nlp, text, source, target):
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target, stance.symmetric) == (source, target, False)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("India's defence minister criticised Pakistan's army chief.", "IND", "PAK"),
        ("Morocco expelled the ambassador of Algeria.", "MAR", "DZA"),
        ("Japan's prime minister welcomed Australia's offer of joint patrols.", "JPN", "AUS"),
    ],
    ids=["possessives", "of-phrase", "possessive-object"],
)
def test_possessive_target(nlp, text, source, target):
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target) == (source, target)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Armenia accused Azerbaijan, its neighbour, of shelling border villages.", "ARM", "AZE"),
        ("Turkey's president met Vladimir Putin, the leader of Russia, in Sochi.", "TUR", "RUS"),
    ],
    ids=["apposition-neighbour", "apposition-leader"],
)
def test_apposition(nlp, text, source, target):
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target) == (source, target)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Ukrainian ports were shelled by Russian forces overnight.", "RUS", "UKR"),
        ("Two Saudi tankers were seized by Houthi fighters.", "HOUTHI", "SAU"),
        ("Chinese fishing boats were detained by the Philippines.", "PHL", "CHN"),
    ],
    ids=["ports", "tankers", "boats"],
)
def test_passive_agent_is_the_source(nlp, text, source, target):
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target) == (source, target)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Japan said that China had violated its airspace.", "JPN", "CHN"),
        ("Vietnam warned that Chinese ships had rammed its fishing boats.", "VNM", "CHN"),
        ("Greece claims Turkey is arming migrants at the border.", "GRC", "TUR"),
    ],
    ids=["said-that", "warned-that", "claims"],
)
def test_complement_clause_names_the_target(nlp, text, source, target):
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target) == (source, target)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Ethiopia and Egypt agreed to resume talks on the dam.", ("ETH", "EGY")),
        ("Greece and Turkey signed a declaration of friendship.", ("GRC", "TUR")),
        ("Indian and Chinese troops clashed in the valley.", ("IND", "CHN")),
    ],
    ids=["agreed", "signed", "demonyms"],
)
def test_joint_act_is_symmetric(nlp, text, pair):
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target, stance.symmetric) == (*pair, True)


def test_a_list_acting_on_another_side_is_not_a_joint_act(nlp):
    sentence = tag_one(nlp, "Germany, France and Poland pledged more aid to Ukraine.")
    assert (sentence.stance.source, sentence.stance.target, sentence.stance.symmetric) == ("DEU", "UKR", False)
    assert set(sentence.actors) == {"DEU", "FRA", "POL", "UKR"}


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("France and Germany said Belarus should release the detained journalists.", "FRA", "BLR"),
        ("Brazil and Argentina agreed that Venezuela must hold new elections.", "BRA", "VEN"),
    ],
    ids=["said", "agreed-that"],
)
def test_sides_speaking_together_of_another_speak_of_it(nlp, text, source, target):
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target, stance.symmetric) == (source, target, False)


@pytest.mark.parametrize(
    ("text", "source", "target", "partner"),
    [
        ("Estonia joined Latvia in a statement condemning Russia's airspace violations.", "EST", "RUS", "LVA"),
        ("Ghana joined Nigeria in urging Niger's junta to free the president.", "GHA", "NER", "NGA"),
    ],
    ids=["statement", "urging"],
)
def test_the_side_joined_in_an_act_is_a_partner_not_the_target(nlp, text, source, target, partner):
    sentence = tag_one(nlp, text)
    assert (sentence.stance.source, sentence.stance.target) == (source, target)
    assert partner in sentence.actors


@pytest.mark.parametrize(
    ("text", "pair", "third"),
    [
        ("Qatar hosted talks between Israel and Hamas in Doha.", ("ISR", "HAMAS"), "QAT"),
        ("The United Nations welcomed the ceasefire between Armenia and Azerbaijan.", ("ARM", "AZE"), "UN"),
        ("Oman mediated a prisoner exchange between Iran and the United States.", ("IRN", "USA"), "OMN"),
        ("Kenya offered to mediate between Ethiopia and Somalia.", ("ETH", "SOM"), "KEN"),
        ("Turkey agreed to host talks between Russia and Ukraine.", ("RUS", "UKR"), "TUR"),
        ("The African Union brokered a ceasefire between Egypt and Ethiopia.", ("EGY", "ETH"), "AU"),
    ],
    ids=["host", "welcome", "mediator", "offered-to-mediate", "agreed-to-host", "brokered"],
)
def test_a_mediator_or_third_party_acts_on_the_pair(nlp, text, pair, third):
    """The guidelines put the side that acts first: the host, mediator or
    welcoming state acts, on the pair's first side."""
    sentence = tag_one(nlp, text)
    assert (sentence.stance.source, sentence.stance.target, sentence.stance.symmetric) == (third, pair[0], False)
    assert sentence.actors == (third, *pair)


def test_candidates_record_role_preposition_and_offsets(nlp):
    text = "Egypt signed a water agreement with Sudan on Monday."
    sentence = tag_one(nlp, text)
    by_code = {candidate.code: candidate for candidate in sentence.candidates}
    assert by_code["EGY"].role == "subject" and by_code["SDN"].prep == "with"
    assert [text[c.start : c.end] for c in sentence.candidates] == ["Egypt", "Sudan"]
    assert Candidate.from_json(by_code["SDN"].to_json()) == by_code["SDN"]


def test_rules_prefer_an_object_to_a_place():
    found = [
        Candidate("KEN", 0, 5, "subject", path=("nsubj",)),
        Candidate("ETH", 20, 28, "place", order=1, distance=3),
        Candidate("SOM", 30, 37, "object", order=2, distance=6),
    ]
    assert choose_dyad(found) == ("KEN", "SOM", False)
    assert choose_dyad(found[:2]) == ("KEN", "ETH", False)
    assert choose_dyad([]) == (None, None, False)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Israeli tanks shelled Syrian positions overnight, military sources said.", "ISR", "SYR"),
        ("Turkish drones struck PKK bases in the mountains, local officials told reporters.", "TUR", "PKK"),
        ("Pakistani troops exchanged fire with Indian forces in Kashmir, residents said.", "PAK", "IND"),
    ],
    ids=["sources-said", "officials-told", "residents-said"],
)
def test_a_trailing_attribution_does_not_take_the_roles(nlp, text, source, target):
    sentence = tag_one(nlp, text)
    roles = {candidate.code: candidate.role for candidate in sentence.candidates}
    assert "clause" not in roles.values()
    assert (sentence.stance.source, sentence.stance.target) == (source, target)


@pytest.mark.parametrize(
    ("text", "sides", "place"),
    [
        ("Rwanda accused Burundi of arming rebels who seized towns in Uganda.", ("RWA", "BDI"), "UGA"),
        ("Chile and Peru signed a fisheries pact at a summit held in Ecuador.", ("CHL", "PER"), "ECU"),
        ("Greece said Turkey had detained fishermen who were working in Cypriot waters.", ("GRC", "TUR"), "CYP"),
    ],
    ids=["in-clause", "held-in", "demonym-territory"],
)
def test_a_place_named_inside_a_clause_is_no_side(nlp, text, sides, place):
    sentence = tag_one(nlp, text)
    roles = {candidate.code: candidate.role for candidate in sentence.candidates}
    assert roles.get(place) == "place"
    assert set(sides) <= set(sentence.actors) and place not in sentence.actors


def test_people_in_a_place_keep_their_side(nlp):
    sentence = tag_one(nlp, "Syrians in Lebanon protested against Hezbollah.")
    roles = {candidate.code: candidate.role for candidate in sentence.candidates}
    assert roles["SYR"] != "place" and roles["LBN"] == "place"


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("For years, Iran-Taliban relations have been tense.", ("IRN", "TAL")),
        ("India-Pakistan talks resumed in Geneva.", ("IND", "PAK")),
        ("Ethiopia–Eritrea ties have warmed since the peace deal.", ("ETH", "ERI")),
        ("The vote will shape the course of Serbia-Kosovo relations.", ("SRB", "XKX")),
        ("Analysts doubt the durability of the Turkey-Greece thaw.", ("TUR", "GRC")),
    ],
    ids=["hyphen", "hyphen-talks", "en-dash", "object", "prep-object"],
)
def test_two_sides_joined_by_a_hyphen_are_a_joint_pair(nlp, text, pair):
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target, stance.symmetric) == (*pair, True)


@pytest.mark.parametrize(
    ("text", "source", "target", "qualifier"),
    [
        ("Israel struck the Lebanese Hezbollah overnight.", "ISR", "HEZ", "LBN"),
        ("Saudi Arabia accused the Yemeni Houthis of firing missiles.", "SAU", "HOUTHI", "YEM"),
        ("Reports point to talks between Moscow and the Afghan Taliban.", "RUS", "TAL", "AFG"),
        ("Saudi Arabia accused Yemen's Houthis of firing missiles.", "SAU", "HOUTHI", "YEM"),
        ("Kenya's army clashed with Somalia's al-Shabaab near the border.", "KEN", "SHB", "SOM"),
    ],
    ids=["lebanese-hezbollah", "yemeni-houthis", "afghan-taliban", "possessive-houthis", "possessive-shabaab"],
)
def test_a_state_word_qualifying_another_side_is_no_side(nlp, text, source, target, qualifier):
    sentence = tag_one(nlp, text)
    assert (sentence.stance.source, sentence.stance.target) == (source, target)
    assert qualifier not in sentence.actors


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Two Iranian diplomats were expelled from Kabul.", "TAL", "IRN"),
        ("Kenyan traders were attacked by Somali gunmen.", "SOM", "KEN"),
        ("Relations between Moscow and Brussels were broken off.", "RUS", "EU"),
        ("Turkey's offer of mediation was welcomed in Khartoum.", "TUR", None),
    ],
    ids=["no-agent", "agent", "relation-pair", "possessor-acts"],
)
def test_the_subject_of_a_passive_is_acted_on(nlp, text, source, target):
    stance = tag_one(nlp, text).stance
    assert stance.source == source
    if target is not None:
        assert stance.target == target


def test_a_passive_naming_only_the_side_acted_on_leaves_the_source_to_context():
    found = [Candidate("MLI", 0, 4, "patient", dep="nsubjpass", path=("nsubjpass",))]
    assert choose_dyad(found) == (None, "MLI", False)


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        (
            "Thus far, most of the meetings between the two have focused on a well-defined set of issues: border security "
            "(the drug trade in particular); investment opportunities in mining and railways; Kenyan concerns over the "
            "treatment of thousands of refugees in Uganda; and the group's quest for funds.",
            "KEN",
        ),
        (
            "So far, most of the talks have focused on a narrow set of issues: water sharing (the dam in particular); trade in "
            "sectors such as energy, farming and ports; Egyptian worries over the fate of migrants in Sudan; and the junta's search for loans.",
            "EGY",
        ),
    ],
    ids=["uganda", "egypt"],
)
def test_a_side_in_a_list_after_a_colon_is_not_the_subject(nlp, text, listed):
    roles = {candidate.code: candidate.role for candidate in tag_one(nlp, text).candidates}
    assert roles[listed] not in {"subject", "agent"}


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("After Ghana hosted talks with Togo, it signed a border pact with Burkina Faso.", "GHA", "BFA"),
        ("Before Chile recalled its ambassador, it had warned Peru twice.", "CHL", "PER"),
        ("While Washington describes New Delhi as a vital partner, it charged an Indian official over a plot.", "USA", "IND"),
        ("When Armenia proposed talks, Azerbaijan said it would attend.", "AZE", "ARM"),
    ],
    ids=["ghana", "chile", "washington", "named-subject-stays"],
)
def test_a_pronoun_subject_stands_for_the_subject_of_the_clause_before_it(nlp, text, source, target):
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target) == (source, target)


@pytest.mark.parametrize(
    ("text", "source", "target", "reporter"),
    [
        ("Rwandan troops shelled Congolese positions near Goma, the United Nations said.", "RWA", "COD", "UN"),
        ("Ethiopia accused Eritrea of massing troops on the border, the African Union said.", "ETH", "ERI", "AU"),
        ("Chad and Sudan agreed to reopen the border, according to the African Union.", "TCD", "SDN", "AU"),
        ("Indian troops shelled Pakistani posts near the border, Pakistani officials and Chinese witnesses said.", "IND", "PAK", "CHN"),
    ],
    ids=["un-said", "au-said", "according-to", "a-side-s-own-officials"],
)
def test_the_source_of_a_report_naming_two_sides_is_no_side(nlp, text, source, target, reporter):
    sentence = tag_one(nlp, text)
    assert (sentence.stance.source, sentence.stance.target) == (source, target)
    assert reporter not in sentence.actors


def test_the_source_of_a_report_naming_one_side_stays_a_side(nlp):
    sentence = tag_one(nlp, "According to Nigeria, fighting began when Boko Haram fighters raided a village.")
    assert set(sentence.actors) == {"NGA", "BOKO"}


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Lebanon complained to the United Nations over two Israeli air raids.", "LBN", "ISR"),
        ("Guyana asked the International Court of Justice to restrain Venezuela.", "GUY", "VEN"),
        ("Benin called on the African Union to press Niger to reopen the border.", "BEN", "NER"),
        ("Iran called on the United Nations to act.", "IRN", "UN"),
        ("Ukraine appealed to the European Union for more weapons.", "UKR", "EU"),
    ],
    ids=["complained-to-un", "asked-icj", "called-on-au", "un-alone", "eu-alone"],
)
def test_an_organisation_asked_about_another_side_is_the_channel(nlp, text, source, target):
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target) == (source, target)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("A senior Taliban commander told reporters that Tehran was behind the bombing.", "IRN", "TAL"),
        ("A Kenyan police officer said al-Shabaab fighters had attacked the convoy.", "SHB", "KEN"),
        ("A Pakistani army officer said Afghan Taliban forces opened fire on its posts.", "TAL", "PAK"),
        ("A Colombian army general said Venezuela had sheltered ELN commanders.", "VEN", "ELN"),
    ],
    ids=["told-reporters", "said", "its-posts", "third-side-in-the-report"],
)
def test_a_person_telling_what_another_side_did_informs_and_the_report_s_subject_acts(nlp, text, source, target):
    sentence = tag_one(nlp, text)
    assert (sentence.stance.source, sentence.stance.target) == (source, target)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Egypt's foreign minister said Ethiopia must stop filling the dam.", "EGY", "ETH"),
        ("Serbia said Kosovo police had arrested three Serbs.", "SRB", "XKX"),
    ],
    ids=["a-demand", "a-state-speaking"],
)
def test_a_demand_or_a_state_s_statement_is_the_speaker_s_act(nlp, text, source, target):
    sentence = tag_one(nlp, text)
    assert (sentence.stance.source, sentence.stance.target) == (source, target)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("An air strike by Myanmar's military killed 31 civilians in Rakhine, the Arakan Army said.", "MMR", "AA"),
        ("A drone strike by the Sudanese army killed 12 people in Nyala, the Rapid Support Forces said on Sunday.", "SDN", "RSF"),
        # Quoted, the words are the speaker's own act.
        ('"Ethiopia has chosen to impose a fait accompli," the Egyptian foreign ministry said.', "EGY", "ETH"),
    ],
    ids=["strike-by-the-military", "strike-by-the-army", "quoted"],
)
def test_a_side_reporting_after_the_fact_another_side_did_is_acted_on(nlp, text, source, target):
    sentence = tag_one(nlp, text)
    assert (sentence.stance.source, sentence.stance.target) == (source, target)


def test_a_place_is_not_the_source_of_a_passive():
    found = [
        Candidate(code="TCD", start=0, end=7, role="patient", order=0),
        Candidate(code="SDN", start=30, end=38, role="place", order=1),
    ]
    assert choose_dyad(found)[:2] == (None, "TCD")
    assert choose_dyad(found[1:])[:2] == ("SDN", None)  # "Fighting erupted in Sudan": the place is all there is


def test_an_organisation_where_something_is_done_is_a_forum_not_the_target(nlp):
    sentence = tag_one(nlp, "China used its veto at the UN Security Council to block sanctions on Myanmar.")
    assert (sentence.stance.source, sentence.stance.target) == ("CHN", "MMR")
    # An organisation's base is a side, not a forum.
    assert [c.role for c in tag_one(nlp, "Rebels fired at the UN base.").candidates] == ["prep"]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The Colombian army received intelligence from the United States on rebel camps.", "USA", "COL"),
        ("Kenya received weapons and training from Turkey last year.", "TUR", "KEN"),
        ("Aid from Qatar reached Sudan on Monday.", "QAT", "SDN"),
    ],
    ids=["received-from", "received-gifts-from", "aid-from-arrives"],
)
def test_the_side_a_gift_comes_from_gives_it(nlp, text, source, target):
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target) == (source, target)


def test_a_buyer_acts(nlp):
    stance = tag_one(nlp, "Morocco bought drones and air defence systems from Israel last year.").stance
    assert (stance.source, stance.target) == ("MAR", "ISR")


def test_a_rebuttal_after_a_comma_leaves_the_charge_to_decide(nlp):
    sentence = tag_one(nlp, "Congo accuses Rwanda of backing the M23 rebels, a charge Kigali denies.")
    assert (sentence.stance.source, sentence.stance.target) == ("COD", "RWA")
    assert [c.role for c in sentence.candidates if c.code == "RWA"] == ["object", "other"]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Djibouti accused Eritrea of reoccupying the disputed heights within days, a charge Asmara denied.", "DJI", "ERI"),
        ("Niger accused Benin of hosting French troops near the disputed border, a charge Porto-Novo denied.", "NER", "BEN"),
    ],
)
def test_a_rebuttal_whose_comma_hangs_on_the_charge_still_leaves_the_charge_to_decide(nlp, text, source, target):
    """The parser may attach the comma before "a charge X denied" to the charge's clause."""
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target) == (source, target)


def test_two_sides_joined_deep_in_a_clause_are_not_the_pair(nlp):
    raw = ("Azerbaijan kept up pressure on Armenia. "
           "It has accused Yerevan of buying weapons from France and India, a charge Armenia denies.\n")
    last = tag_article(nlp, raw)[-1]
    assert (last.stance.source, last.stance.target) == ("AZE", "ARM")


def test_sides_named_in_the_titles_of_joined_names_act_jointly(nlp):
    text = ("Acting Peruvian Prime Minister Eduardo Arana and Bolivian Vice President Edmand Lara shook hands at the end "
            "of the meeting in Brasilia, which was co-organised by the United States.")
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target, stance.symmetric) == ("PER", "BOL", True)


@pytest.mark.parametrize(
    ("text", "source", "target", "backer"),
    [
        ("Ethiopia accepted a Turkish-brokered deal with Somalia.", "ETH", "SOM", "TUR"),
        ("Yemen's government rejected a Saudi-backed plan for a truce with the Houthis.", "YEM", "HOUTHI", "SAU"),
    ],
    ids=["brokered", "backed"],
)
def test_the_side_that_backed_what_is_acted_on_stands_aside(nlp, text, source, target, backer):
    sentence = tag_one(nlp, text)
    assert (sentence.stance.source, sentence.stance.target) == (source, target)
    assert backer in sentence.actors


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The U.S.-led coalition struck militia positions in Syria.", "USA", "SYR"),
        ("A U.K.-brokered plan would let Argentina fly to the islands.", "GBR", "ARG"),
        ("The U.S.-Cuba talks on migration resumed in Havana.", "USA", "CUB"),
    ],
    ids=["us-led", "uk-brokered", "us-cuba"],
)
def test_an_abbreviation_before_a_hyphen_is_a_side(nlp, text, source, target):
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target) == (source, target)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Ghana offered talks on the fishing dispute, but Togo refused.", "TGO", "GHA"),
        ("Pyongyang said on Sunday it would halt the launches, but Seoul said the promise was not enough.", "KOR", "PRK"),
        ("Thai authorities sheltered the refugees, but the UN refugee agency criticised Bangkok for sending some back.", "UN", "THA"),
        ("Chile said it was open to a joint inquiry, but Bolivia has long rejected any such role.", "BOL", "CHL"),
    ],
    ids=["refused", "reported-answer", "subject-inside-a-name", "rejected"],
)
def test_the_side_answering_after_but_is_the_source(nlp, text, source, target):
    """Guidelines, "Mixed sentences": in "A, but B" the clause after "but"
    decides, so the side acting in it is the source and A's side the target."""
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target) == (source, target)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The Hungarian spokesman wrote that the government was open to talks, but that Bucharest must first lift the ban.", "HUN", "ROU"),
        ("Uruguay offered talks to Argentina but later withdrew the offer.", "URY", "ARG"),
    ],
    ids=["two-things-said", "one-subject"],
)
def test_a_second_thing_said_or_done_keeps_the_first_subject(nlp, text, source, target):
    stance = tag_one(nlp, text).stance
    assert (stance.source, stance.target) == (source, target)


def test_a_but_clause_without_a_side_keeps_the_joint_pair(nlp):
    stance = tag_one(nlp, "Kenyan and Somali officials met in Nairobi to discuss the border, but the talks ended without agreement.").stance
    assert {stance.source, stance.target} == {"KEN", "SOM"} and stance.symmetric


@pytest.mark.parametrize(
    ("text", "source", "targets", "aside"),
    [
        (
            "Kyrgyzstan and Tajikistan signed a border treaty on Friday. "
            "Russia, which leads the Collective Security Treaty Organization, welcomed the deal.",
            "RUS", {"KGZ", "TJK"}, "CSTO",
        ),
        (
            "Ukraine halted the transit of Russian oil through the Druzhba pipeline in August. "
            "Hungary, which buys most of its gas from Russia, protested the decision.",
            "HUN", {"UKR"}, "RUS",
        ),
        (
            "Lebanon and Israel agreed to a ceasefire on Tuesday. "
            "The truce, brokered by the United States and France, was approved by the Israeli cabinet.",
            "ISR", {"LBN"}, "FRA",
        ),
        (
            "Ecuador and Peru reopened their border on Monday. "
            "Colombia, whose president had mediated with Venezuela for years, praised the two governments.",
            "COL", {"ECU", "PER"}, "VEN",
        ),
    ],
    ids=["which-clause", "which-clause-object", "participle", "whose-clause"],
)
def test_a_side_named_in_passing_gives_way_to_the_article_s_pair(nlp, text, source, targets, aside):
    """A side named only in a clause set off by commas to describe a noun is
    background: the act is on the sides the article is about."""
    sentence = tag_article(nlp, text)[-1]
    roles = {candidate.code: candidate.role for candidate in sentence.candidates}
    assert roles[aside] == "aside"
    assert sentence.stance.source == source and sentence.stance.target in targets


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("The Cypriot government said it would not accept a two-state solution, which Ankara advocates.", "TUR"),
        ("Iran was one of the few countries that kept its embassy open when the Taliban took over in Kabul.", "TAL"),
        ("Repatriation has stalled since 2017, when Bangladesh and Myanmar signed a deal that was never carried out.", "MMR"),
        ("The drills, which Beijing and Moscow describe as routine, involve ships near the Japanese coast.", "RUS"),
    ],
    ids=["acts-in-the-clause", "no-comma", "when-clause", "joined-subjects-act"],
)
def test_a_side_acting_in_its_clause_or_a_defining_clause_is_not_in_passing(nlp, text, side):
    roles = {candidate.code: candidate.role for candidate in tag_one(nlp, text).candidates}
    assert roles[side] != "aside"


@pytest.mark.parametrize(
    ("text", "mediator"),
    [
        ("Talks mediated by the African Union collapsed in 2021.", "AU"),
        ("Talks between Khartoum and the Rapid Support Forces hosted by Saudi Arabia collapsed in December.", "SAU"),
        ("Two earlier rounds of Russian-brokered talks collapsed amid mutual recriminations.", "RUS"),
    ],
    ids=["mediated-by", "hosted-by", "hyphen-brokered"],
)
def test_a_mediator_of_what_the_sentence_tells_of_is_named_in_passing(nlp, text, mediator):
    roles = {candidate.code: candidate.role for candidate in tag_one(nlp, text).candidates}
    assert roles[mediator] == "aside"


def test_a_mediator_that_acts_is_no_aside(nlp):
    sentence = tag_one(nlp, "Kenya hosted talks between Ethiopia and Somalia in Nairobi.")
    roles = {candidate.code: candidate.role for candidate in sentence.candidates}
    assert roles["KEN"] != "aside" and sentence.stance.source == "KEN"


@pytest.mark.parametrize(
    ("text", "source", "target", "backer"),
    [
        ("Turkish-backed factions of the Syrian National Army fought the Kurdish-led SDF for months.", "SYR", "SDF", "TUR"),
        ("Iranian-backed Houthi fighters attacked Saudi border posts.", "HOUTHI", "SAU", "IRN"),
    ],
    ids=["factions-of-an-army", "named-movement"],
)
def test_the_side_backed_acts_not_its_backer(nlp, text, source, target, backer):
    sentence = tag_one(nlp, text)
    roles = {candidate.code: candidate.role for candidate in sentence.candidates}
    assert roles[backer] == "aside" and (sentence.stance.source, sentence.stance.target) == (source, target)


def test_a_backer_of_sides_no_one_names_acts_for_them(nlp):
    stance = tag_one(nlp, "Russian-backed separatists shelled Ukrainian positions near Donetsk.").stance
    assert (stance.source, stance.target) == ("RUS", "UKR")
