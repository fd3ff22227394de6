import pytest

from pipeline.model.classify import predict
from pipeline.stages.predicate import predicate_terms, says_nothing
from pipeline.training.external import tag_texts


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chile withdrew its ambassador from Peru on Monday.", "withdraw"),
        ("Kenyan troops pulled out of Somalia after the election.", "pull_out"),
        ("The dockers' union called for a strike against Maersk.", "call_for"),
        ("Brazil said that Argentina had signed the trade accord.", "sign"),
        ("Ghana announced that it would send peacekeepers to Mali.", "send"),
        ("Police in Lagos fired tear gas at the protesting students.", "fire"),
        ("Vietnam protested against the Chinese survey ship near the islands.", "protest_against"),
    ],
)
def test_the_event_verb_is_a_term_with_its_particle_and_a_reporting_verb_gives_way(nlp, text, expected):
    terms = predicate_terms(nlp(text)[:])
    assert expected in terms
    assert not {"say", "announce"} & set(terms)
    assert len(terms) == len(set(terms))


def test_every_tagged_sentence_carries_its_predicate_terms_through_json(nlp):
    from pipeline.records import Sentence
    from pipeline.training.external import tag_texts

    (sentence,) = tag_texts(["Norway mediated talks between Colombia and the ELN in Havana."], nlp=nlp)
    assert sentence.predicate[0] == "mediate"
    record = sentence.to_json()
    assert Sentence.from_json(record) == sentence
    del record["predicate"]  # a cache entry from before the field
    assert Sentence.from_json(record).predicate == ()


@pytest.mark.parametrize(
    "text",
    [
        "Morocco's foreign ministry did not respond to a request for comment on Algeria's charges.",
        "The Ethiopian government declined to comment on the Egyptian statement.",
        "Belarusian officials could not be reached for comment.",
        "There was no immediate comment from Hanoi on the Chinese survey ship.",
        "The Rwandan army did not immediately comment on the Burundian report.",
    ],
    ids=["did-not-respond", "declined", "not-reached", "no-immediate-comment", "did-not-immediately-comment"],
)
def test_a_side_giving_the_press_no_comment_is_no_claim(nlp, trained_model, text):
    sentence = tag_texts([text], nlp=nlp)[0]
    assert says_nothing(sentence.predicate, sentence.main_clause)
    assert not predict(trained_model.model, [sentence])[0].is_claim


@pytest.mark.parametrize(
    "text",
    [
        "Chad refused to respond to Sudan's accusations and closed the border.",
        "Kyrgyzstan declined to comment, but Tajikistan accused it of moving troops to the frontier.",
        "Greece asked Turkey for comment on the survey before sending a formal protest.",
        "Armenia did not respond to Azerbaijan's peace proposal for months, then rejected it.",
    ],
    ids=["refused-to-respond-to-accusations", "a-claim-after-but", "asked-for-comment-then-protested", "did-not-respond-then-rejected"],
)
def test_a_claim_mentioning_comment_stays_a_claim_candidate(nlp, text):
    sentence = tag_texts([text], nlp=nlp)[0]
    assert not says_nothing(sentence.predicate, sentence.main_clause)
