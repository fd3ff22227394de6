"""model/dyad: the learned choice of (source, target) among candidate sides."""

from __future__ import annotations

import itertools
import json

from test_tag import tag_article
from pipeline.model.dyad import DyadModel, candidate_pairs, rechoose
from pipeline.records import Candidate, InheritedActor, Sentence, Stance

CODES = ["EGY", "SDN", "KEN", "SOM", "IND", "PAK", "JPN", "CHN", "POL", "BLR", "ARM", "AZE", "GRC", "TUR", "MAR", "DZA"]


def received_from(receiver: str, giver: str) -> Sentence:
    """"RECEIVER received aid from GIVER": the rules take the subject as source;
    in the gold lists the giver acts first."""
    candidates = (
        Candidate(receiver, 0, 5, "subject", dep="nsubj", path=("nsubj",), order=0, distance=1),
        Candidate(giver, 25, 30, "prep", dep="pobj", prep="from", path=("pobj", "prep"), order=1, distance=3),
    )
    stance = Stance(source=receiver, target=giver, polarity="positive", cue=("received",))
    return Sentence(doc="d", start=0, end=31, text="", kind="body", mentions=(), actors=(receiver, giver), stance=stance, candidates=candidates)


def accused(speaker: str, other: str) -> Sentence:
    candidates = (
        Candidate(speaker, 0, 5, "subject", dep="nsubj", path=("nsubj",), order=0, distance=1),
        Candidate(other, 15, 20, "object", dep="dobj", path=("dobj",), order=1, distance=1),
    )
    stance = Stance(source=speaker, target=other, polarity="negative", cue=("accused",))
    return Sentence(doc="d", start=0, end=21, text="", kind="body", mentions=(), actors=(speaker, other), stance=stance, candidates=candidates)


def training_set():
    pairs = list(itertools.permutations(CODES[:10], 2))[:40]
    sentences = [received_from(a, b) for a, b in pairs[:20]] + [accused(a, b) for a, b in pairs[20:]]
    gold = [(b, a) for a, b in pairs[:20]] + [(a, b) for a, b in pairs[20:]]
    return sentences, gold


def test_the_model_learns_what_the_rules_miss_and_keeps_what_they_get():
    model = DyadModel().fit(*training_set())
    assert model is not None
    unseen = received_from("GRC", "TUR")
    assert model.choose(unseen) == ("TUR", "GRC")
    assert rechoose(unseen, model).stance.source == "TUR" and rechoose(unseen, model).actors[:2] == ("TUR", "GRC")
    assert model.choose(accused("MAR", "DZA")) == ("MAR", "DZA")


def test_saved_model_chooses_the_same():
    model = DyadModel().fit(*training_set())
    loaded = DyadModel.from_json(json.loads(json.dumps(model.to_json())))
    for sentence in (received_from("ARM", "AZE"), accused("SDN", "EGY")):
        assert loaded.choose(sentence) == model.choose(sentence)


def test_too_few_sentences_leave_the_rules():
    sentences, gold = training_set()
    assert DyadModel().fit(sentences[:5], gold[:5]) is None
    sentence = received_from("KEN", "SOM")
    assert rechoose(sentence, None) is sentence


def test_a_side_chosen_from_context_is_marked_inherited_with_its_antecedent():
    candidates = (
        Candidate("IND", 40, 45, "object", dep="dobj", path=("dobj",), order=0, distance=1),
        Candidate("PAK", 3, 11, "context", order=1, via="previous"),
    )
    stance = Stance(source="IND", target=None, polarity="negative", cue=("warned",))
    sentence = Sentence(doc="d", start=30, end=60, text="", kind="body", mentions=(), actors=("IND",), stance=stance, candidates=candidates)
    sentences = [sentence] * 25
    model = DyadModel().fit(sentences, [("PAK", "IND")] * 25)
    chosen = rechoose(sentence, model)
    assert (chosen.stance.source, chosen.stance.target) == ("PAK", "IND")
    assert chosen.inherited == (InheritedActor("PAK", 3, 11, "previous"),)


def test_every_ordered_pair_of_distinct_codes_is_a_row():
    sentence = received_from("JPN", "CHN")
    pairs = [pair for pair, _row in candidate_pairs(sentence)]
    assert sorted(pairs) == [("CHN", "JPN"), ("JPN", "CHN")]


def test_a_sentence_naming_two_sides_is_not_offered_the_context_s():
    named = accused("GRC", "TUR")
    from_context = Candidate("CYP", 0, 6, "context", order=2, via="article", main=True)
    sentence = Sentence(**{**named.__dict__, "candidates": named.candidates + (from_context,)})
    assert {code for pair, _row in candidate_pairs(sentence) for code in pair} == {"GRC", "TUR"}


def test_a_sentence_naming_two_sides_is_offered_the_pair_it_refers_to():
    named = accused("USA", "EU")
    pair = (
        Candidate("ETH", 0, 8, "context", order=2, via="previous", referred=True),
        Candidate("ERI", 13, 20, "context", order=3, via="previous", referred=True),
        Candidate("SOM", 30, 37, "context", order=4, via="article", main=True),
    )
    sentence = Sentence(**{**named.__dict__, "candidates": named.candidates + pair})
    assert {code for pair, _row in candidate_pairs(sentence) for code in pair} == {"USA", "EU", "ETH", "ERI"}


def test_the_pair_a_sentence_refers_to_is_marked_among_its_candidates(nlp):
    raw = "Ethiopia and Eritrea traded accusations over the border. The United States and the European Union urged both governments to talk.\n"
    last = tag_article(nlp, raw)[-1]
    assert {candidate.code for candidate in last.candidates if candidate.referred} == {"ETH", "ERI"}
    assert {pair for pair, _row in candidate_pairs(last)} >= {("USA", "ETH"), ("EU", "ERI")}


def test_a_sentence_naming_one_side_is_offered_the_context_s():
    one = Candidate("MAR", 0, 7, "subject", dep="nsubj", path=("nsubj",), order=0, distance=1)
    from_context = Candidate("DZA", 0, 7, "context", order=1, via="previous")
    stance = Stance(source="MAR", target=None, polarity="negative", cue=())
    sentence = Sentence(
        doc="d", start=0, end=30, text="", kind="body", mentions=(), actors=("MAR",), stance=stance, candidates=(one, from_context)
    )
    assert sorted(pair for pair, _row in candidate_pairs(sentence)) == [("DZA", "MAR"), ("MAR", "DZA")]


def test_a_place_the_rules_took_as_a_side_leaves_the_actors_when_the_model_chooses_others():
    # "Kenya accused Somalia of harbouring militants in Ethiopia": the rules took the place as target.
    candidates = (
        Candidate("KEN", 0, 5, "subject", dep="nsubj", path=("nsubj",), order=0, distance=1),
        Candidate("SOM", 15, 22, "object", dep="dobj", path=("dobj",), order=1, distance=1),
        Candidate("ETH", 50, 58, "place", dep="pobj", prep="in", path=("pobj", "prep", "pcomp", "prep"), order=2, distance=6),
    )
    stance = Stance(source="KEN", target="ETH", polarity="negative", cue=("accused",))
    sentence = Sentence(
        doc="d", start=0, end=60, text="", kind="body", mentions=(), actors=("KEN", "ETH", "SOM"), stance=stance, candidates=candidates
    )
    model = DyadModel().fit([sentence] * 25, [("KEN", "SOM")] * 25)
    chosen = rechoose(sentence, model)
    assert (chosen.stance.source, chosen.stance.target) == ("KEN", "SOM")
    assert chosen.actors == ("KEN", "SOM")
