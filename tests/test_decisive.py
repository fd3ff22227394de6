"""The decisive clause of a contrasted, concessive or reported sentence, and its say in the label."""

from __future__ import annotations

import math

import pytest

from pipeline.config import DECISIVE_CLAUSE_SHARE
from pipeline.model.classify import predict
from pipeline.model.decisive import decisive_clause
from pipeline.model.features import DECISIVE_KEY, feature_rows


@pytest.mark.parametrize(
    ("text", "decides", "left_out"),
    [
        ("Peru and Chile held talks in March, but Peru later accused Chile of sabotaging the deal.", "accused Chile", "held talks"),
        ("Despite years of rivalry, Vietnam and Cambodia signed a border accord in Hanoi.", "signed a border accord", "rivalry"),
        ("Although talks had stalled, Ghana and Togo agreed to reopen their embassies.", "agreed to reopen", "stalled"),
        ("After months of shelling, Armenia and Azerbaijan signed a ceasefire in Moscow.", "signed a ceasefire", "shelling"),
        ("Senegal praised the new rail link; however, Mali closed the border crossing the next day.", "closed the border", "praised"),
        ("Kenya and Uganda signed a trade pact, but Uganda later expelled two Kenyan diplomats, officials said.", "expelled", "signed"),
        ("Officials in Lima said Peru would send two fire-fighting planes to help Bolivia.", "would send", "said"),
        ("Bangladesh will close two crossings on the Myanmar border, a government spokesman told reporters.", "will close", "told"),
    ],
)
def test_the_clause_after_the_contrast_or_over_the_concession_decides(tagged, text, decides, left_out):
    clause = decisive_clause(tagged(text))
    assert clause is not None and decides in clause and left_out not in clause


@pytest.mark.parametrize(
    ("text", "reaction"),
    [
        ("Serbia offered to resume talks on the border crossings, a proposal Pristina rejected.", "a proposal Pristina rejected"),
        ("Egypt asked Ethiopia to delay filling the reservoir, a request Addis Ababa has so far refused.", "a request Addis Ababa has so far refused"),
        ("Turkey keeps troops at two bases in northern Iraq, a presence Baghdad calls a violation of its sovereignty.", "a presence Baghdad calls"),
    ],
    ids=["proposal-rejected", "request-refused", "presence-called-a-violation"],
)
def test_a_sides_reaction_closing_the_sentence_decides_as_a_clause_after_but(tagged, text, reaction):
    clause = decisive_clause(tagged(text))
    assert clause is not None and clause.startswith(reaction)


@pytest.mark.parametrize(
    "text",
    [
        "Chile and Peru signed a fisheries pact, a deal both sides described as historic.",
        "Kenya hosted the talks, which Ethiopia and Somalia attended in May.",
        "Ghana and Togo agreed to reopen the border, and a joint committee will meet in Lome.",
    ],
    ids=["no-side-named", "no-reacted-noun", "a-plain-coordination"],
)
def test_no_reaction_is_read_without_a_named_side_taking_up_a_thing_done(tagged, text):
    assert decisive_clause(tagged(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "Norway and Iceland signed a fisheries deal on Monday.",
        "Qatar not only hosted the talks but also paid for the delegations' travel to Doha.",
        "Egypt has yet to respond to the proposal from Ethiopia on the dam.",
        "Bolivia and Paraguay agreed to reopen the crossing and signed a customs accord.",
        "Gulf states welcomed the accord between Sudan and Chad, which was signed in Jeddah.",
    ],
)
def test_a_sentence_without_a_contrast_or_a_report_has_no_decisive_clause(tagged, text):
    assert decisive_clause(tagged(text)) is None


def test_coordinated_verbs_without_a_contrast_stay_in_the_clause(tagged):
    sentence = tagged("Despite the dispute, Armenia needs Georgian transit and signed a rail deal with Georgia.")
    assert "signed a rail deal" in decisive_clause(sentence)


def test_the_label_weighs_the_decisive_clause_with_the_sentence(tagged, trained_model):
    model = trained_model.model
    text = "Morocco and Algeria held talks in March, but Morocco later accused Algeria of sabotaging the deal."
    sentence = tagged(text)
    (row,) = feature_rows([sentence], model.parts)
    whole_row = {name: value for name, value in row.items() if name != DECISIVE_KEY}
    whole, clause = model.label_.logits([whole_row])[0], model.label_.logits([row[DECISIVE_KEY]])[0]
    (prediction,) = predict(model, [sentence], [row])
    tension = 1 / (1 + math.exp(-((1 - DECISIVE_CLAUSE_SHARE) * whole + DECISIVE_CLAUSE_SHARE * clause)))
    assert model.label_.clause_share == DECISIVE_CLAUSE_SHARE and model.label_.classes_[1] == "tension" and clause > whole
    assert prediction.label == "tension" and prediction.confidence == pytest.approx(tension)


def test_rows_that_only_train_carry_no_clause(tagged):
    sentence = tagged("Japan and Korea held talks, but Korea later recalled its ambassador.")
    assert feature_rows([sentence], ("signals",))[0][DECISIVE_KEY]["signals"]
    assert DECISIVE_KEY not in feature_rows([sentence], ("signals",), clauses=False)[0]


def test_a_saved_model_keeps_its_clause_share_and_an_older_one_reads_whole_sentences(trained_model):
    from pipeline.model.classifier import ClaimModel

    saved = trained_model.model.to_json()
    assert ClaimModel.from_json(saved).label_.clause_share == DECISIVE_CLAUSE_SHARE
    older = {**saved, "label": {name: value for name, value in saved["label"].items() if name != "clause_share"}}
    assert ClaimModel.from_json(older).label_.clause_share == 0.0


@pytest.mark.parametrize(
    ("text", "decides", "left_out"),
    [
        (
            "Relations between Quito and Lima improved briefly in 2010, when then-presidents Rafael Correa and Alan Garcia agreed"
            " a 10-point agenda that included the fishing issue, but the talks on the border stalled.",
            "the talks on the border stalled",
            "improved",
        ),
        (
            "The minister said Serbia wanted friendly relations with Hungary, but that Belgrade would not allow the pipeline deal to be rewritten.",
            "would not allow",
            "friendly",
        ),
    ],
    ids=["but-inside-a-when-clause", "but-that-after-said"],
)
def test_a_closing_but_clause_the_parse_hangs_below_the_root_decides(tagged, text, decides, left_out):
    clause = decisive_clause(tagged(text))
    assert clause is not None and decides in clause and left_out not in clause
