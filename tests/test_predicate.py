import pytest

from pipeline.stages.predicate import predicate_terms


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
