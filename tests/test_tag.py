"""tag + stance: actors, source/target, polarity and cues of sentences."""

from __future__ import annotations

import pytest

from pipeline.stages.ingest import find_blocks
from pipeline.stages.sentences import parse
from pipeline.records import Article
from pipeline.stages.segment import Unit, sentence_units
from pipeline.stages.tag import NO_STANCE, tag_units


def tag_one(nlp, text: str, kind: str = "body"):
    doc = nlp(text)
    ((_unit, sentence),) = tag_units("doc", doc, [Unit(span=doc[:], kind=kind)])
    return sentence


def tag_article(nlp, raw: str):
    article = Article(doc="doc", path="doc.txt", sha256="", raw=raw, blocks=tuple(find_blocks(raw)))
    ((article, doc),) = parse([article], nlp=nlp)
    return [sentence for _unit, sentence in tag_units(article.doc, doc, sentence_units(article, doc))]


@pytest.mark.parametrize(
    ("text", "source", "target", "polarity", "cue"),
    [
        ("Iran accused the Taliban of violating the treaty.", "IRN", "TAL", "negative", "accused"),
        ("An Iranian guard was killed by Taliban forces.", "TAL", "IRN", "negative", "killed"),
        ("Iranian forces were attacked by the Taliban.", "TAL", "IRN", "negative", "attacked"),
        ("Despite tensions, Iran and the Taliban signed a trade deal.", "IRN", "TAL", "positive", "signed"),
        ("Tehran welcomed the Taliban delegation.", "IRN", "TAL", "positive", "welcomed"),
        ("Muttaqi met Qomi in Kabul.", "TAL", "IRN", "positive", "met"),
        ("Iran appointed an envoy to ease tensions with the Taliban.", "IRN", "TAL", "positive", "ease"),
        (
            "Iran and the Taliban clashed at the border, but the two sides later agreed to a ceasefire.",
            "IRN",
            "TAL",
            "positive",
            "agreed",
        ),
        ("Iran praised the Taliban; however, Tehran later criticised Kabul.", "IRN", "TAL", "negative", "criticised"),
    ],
    ids=["accused", "passive-killed", "passive-attacked", "despite", "welcomed", "officials", "ease-tensions", "but", "however"],
)
def test_stance(nlp, text, source, target, polarity, cue):
    sentence = tag_one(nlp, text)
    stance = sentence.stance
    assert (stance.source, stance.target, stance.polarity) == (source, target, polarity)
    assert cue in stance.cue
    assert stance.negated is False
    assert sentence.actors[:2] == (source, target)


def test_concessive_clause_does_not_decide(nlp):
    stance = tag_one(nlp, "Despite tensions, Iran and the Taliban signed a trade deal.").stance
    assert "tensions" not in stance.cue


@pytest.mark.parametrize(
    ("text", "polarity", "cue"),
    [
        ("The Taliban did not sign the deal with Iran.", "negative", "sign"),
        ("Iran has never recognised the Taliban government.", "negative", "recognised"),
        ("Iran did not condemn the Taliban.", "positive", "condemn"),
    ],
)
def test_negation_flips_polarity(nlp, text, polarity, cue):
    stance = tag_one(nlp, text).stance
    assert stance.negated is True
    assert stance.polarity == polarity
    assert cue in stance.cue


def test_negated_acceptance_of_cooperation(nlp):
    stance = tag_one(nlp, "The Taliban did not accept Iran's proposal to cooperate.").stance
    assert (stance.source, stance.target) == ("TAL", "IRN")
    assert stance.negated is True
    assert stance.polarity == "negative"


def test_sentence_record_offsets_mentions_and_entities(nlp):
    text = "Hassan Kazemi Qomi was appointed as the new Iranian ambassador to Kabul in December 2022."
    sentence = tag_one(nlp, text)
    assert (sentence.start, sentence.end, sentence.text, sentence.kind) == (0, len(text), text, "body")
    actors = [(m.text, m.actor) for m in sentence.mentions if m.actor]
    assert actors == [("Hassan Kazemi Qomi", "IRN"), ("Iranian ambassador", "IRN"), ("Kabul", "TAL")]
    assert ("December 2022", None) in [(m.text, m.actor) for m in sentence.mentions]
    assert all(text[m.start : m.end] == m.text for m in sentence.mentions)
    assert [m.start for m in sentence.mentions] == sorted(m.start for m in sentence.mentions)
    assert sentence.actors == ("IRN", "TAL")


def test_sentence_without_actors_has_no_stance(nlp):
    sentence = tag_one(nlp, "Prices of wheat rose sharply in the spring.")
    assert sentence.actors == ()
    assert sentence.stance == NO_STANCE


HOSTED = "Iran hosted the Taliban foreign minister in Tehran on Sunday for a second round of meetings. "


def test_the_two_sides_borrow_the_actors_of_the_previous_sentence(nlp):
    sentences = tag_article(nlp, HOSTED + "The two sides agreed to expand trade.\n")
    assert [s.actors for s in sentences] == [("IRN", "TAL"), ("IRN", "TAL")]
    assert sentences[1].text == "The two sides agreed to expand trade."
    stance = sentences[1].stance
    assert (stance.source, stance.target, stance.symmetric) == ("IRN", "TAL", True)


def test_a_lone_side_is_completed_from_the_previous_sentence(nlp):
    sentences = tag_article(nlp, HOSTED + "Tehran pledged more fuel for the winter.\n")
    assert [s.actors for s in sentences] == [("IRN", "TAL"), ("IRN", "TAL")]


def test_borrowed_sides_are_marked_inherited_with_the_antecedents_offsets(nlp):
    raw = "Kenya hosted Ethiopian envoys in Nairobi on Monday. The two sides agreed to reopen the border.\n"
    first, second = tag_article(nlp, raw)
    assert first.inherited == () and first.mentioned_actors == first.actors
    assert second.mentioned_actors == () and [side.code for side in second.inherited] == list(second.actors)
    for side in second.inherited:
        assert raw[side.start : side.end] in first.text and side.end <= first.end
    assert second.to_json()["inherited_actors"][0]["from"] == {"doc": "doc", "start": second.inherited[0].start, "end": second.inherited[0].end}
    assert second.to_json()["inherited_actors"][0]["via"] == "previous"


def test_a_lone_side_keeps_its_own_mention_and_inherits_the_other(nlp):
    sentences = tag_article(nlp, HOSTED + "Tehran pledged more fuel for the winter.\n")
    assert sentences[1].mentioned_actors == ("IRN",) and [side.code for side in sentences[1].inherited] == ["TAL"]


def test_a_sentence_with_two_sides_keeps_its_own(nlp):
    sentences = tag_article(nlp, HOSTED + "Pakistan criticised India over the border dispute.\n")
    assert [s.actors for s in sentences] == [("IRN", "TAL"), ("PAK", "IND")]


def test_the_first_sentence_takes_the_articles_main_pair(nlp):
    raw = "The two sides agreed to expand trade. " + HOSTED.strip() + "\n"
    first, second = tag_article(nlp, raw)
    assert [first.actors, second.actors] == [("IRN", "TAL"), ("IRN", "TAL")]
    assert {side.via for side in first.inherited} == {"article"}
    assert all(side.start >= second.start for side in first.inherited)


def test_a_place_is_a_side_only_when_no_other_is_named(nlp):
    sentence = tag_one(nlp, "Iran opened a new consulate in Afghanistan last year to serve traders.")
    assert (sentence.stance.source, sentence.stance.target) == ("IRN", "AFG")
    elsewhere = tag_one(nlp, "Pakistan criticised India at a summit in Qatar.")
    assert elsewhere.actors == ("PAK", "IND")


def test_sides_are_borrowed_from_the_sentence_just_before_only(nlp):
    sentences = tag_article(
        nlp,
        HOSTED + "Prices of wheat rose sharply in the spring. The weather stayed cold until May.\n",
    )
    assert sentences[2].text == "The weather stayed cold until May."
    assert sentences[2].actors == ()


def test_doc_entities_give_what_spacy_gives(nlp):
    """The per-article index answers as `span.ents` and a scan of the actor mentions do."""
    from conftest import RAW_DIR
    from pipeline.stages.actors import SPAN_KEY
    from pipeline.stages.tag import DocEntities

    raw = (RAW_DIR / "002_ebbe5258e2939ddf.txt").read_text(encoding="utf-8")
    article = Article(doc="doc", path="doc.txt", sha256="", raw=raw, blocks=tuple(find_blocks(raw)))
    ((article, doc),) = parse([article], nlp=nlp)
    entities = DocEntities(doc)
    spans = [unit.span for unit in sentence_units(article, doc)] + list(doc.spans[SPAN_KEY]) + [doc[:], doc[3:40]]
    assert len(spans) > 100 and any(entities.ents_in(span) for span in spans)
    for span in spans:
        assert entities.ents_in(span) == list(span.ents)
        assert entities.mentions_in(span) == [m for m in doc.spans[SPAN_KEY] if m.start >= span.start and m.end <= span.end]


@pytest.mark.parametrize(
    ("text", "clause", "earlier"),
    [
        ("Officials from Chile praised the new rail link; however, Bolivia closed the border crossing.", "Bolivia closed the border crossing.", "praised"),
        ("Ghana welcomed the loan; nevertheless, Togo expelled its envoy.", "Togo expelled its envoy.", "welcomed"),
    ],
)
def test_a_clause_set_off_by_a_semicolon_is_not_the_decisive_one(nlp, text, clause, earlier):
    sentence = tag_one(nlp, text)
    assert sentence.main_clause.endswith(clause) and earlier not in sentence.main_clause
