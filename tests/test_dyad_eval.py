"""training/dyad_eval: the dyad's leave-one-article-out and PLOVER figures,
and the table the model report shows."""

from __future__ import annotations

import json

from pipeline.records import Annotation
from pipeline.config import WRITTEN_ARTICLE_DYADS
from pipeline.training.dyad_eval import dyad_loao, gold_pair, plover_dyads, written_article_dyads, written_dyads
from pipeline.training.summary import dyad_table
from pipeline.training.train import Example, fit_dyad
from test_tag import tag_one

PLOVER_RECORDS = [
    {"text": "Egypt signed a water agreement with Sudan on Monday.", "event": "AGREE",
     "source": [{"code": "EGY"}], "target": [{"code": "SDN"}]},
    {"text": "Ukrainian ports were shelled by Russian forces overnight.", "event": "ASSAULT",
     "source": [{"code": "RUS"}], "target": [{"code": "UKR"}]},
    {"text": "Jordan and Britain agreed to hold drills.", "event": "AGREE",
     "source": [{"code": "JOR"}, {"code": "GBR"}], "target": ""},
    {"text": "Ruritania protested to Kenya.", "event": "PROTEST", "source": [{"code": "RUR"}], "target": [{"code": "KEN"}]},
]


def test_gold_pair_needs_one_source_and_one_target():
    assert gold_pair(PLOVER_RECORDS[0]) == (PLOVER_RECORDS[0]["text"], ("EGY", "SDN"))
    assert gold_pair(PLOVER_RECORDS[2]) is None
    assert gold_pair({"text": "x", "source": [{"code": "KEN"}], "target": [{"code": "KEN"}]}) is None
    assert gold_pair("not a record") is None


def test_plover_dyads_score_the_records_with_known_actors(nlp, tmp_path):
    folder = tmp_path / "plover-gsr-cameo"
    folder.mkdir()
    (folder / "PLOVER_GSR_CAMEO.json").write_text(json.dumps(PLOVER_RECORDS), encoding="utf-8")
    scores = plover_dyads(tmp_path, None, nlp=nlp)
    assert scores["plover_dyad_cases"] == 2  # the compound source and the unknown actor are left out
    assert scores["plover_dyad_directed"] == 1.0
    assert plover_dyads(tmp_path / "missing", None, nlp=nlp) == {}


def example(nlp, doc: str, text: str, actors: tuple[str, ...]) -> Example:
    annotation = Annotation(doc=doc, start=0, end=len(text), text=text, claim=True, label="tension", mixed=False, actors=actors)
    return Example(annotation=annotation, sentence=tag_one(nlp, text))


def test_dyad_loao_scores_the_rules_and_the_model(nlp):
    examples = [
        example(nlp, "a", "Japan said that China had violated its airspace.", ("JPN", "CHN")),
        example(nlp, "b", "Two Saudi tankers were seized by Houthi fighters.", ("HOUTHI", "SAU")),
        example(nlp, "b", "Kenya held talks with Somalia over the border.", ("SOM", "KEN")),
    ]
    scores = dyad_loao(examples)
    assert scores["dyad_rules_cases"] == scores["dyad_cases"] == 3
    assert scores["dyad_rules_pair"] == 1.0 and scores["dyad_rules_directed"] == round(2 / 3, 4)
    # Too few claims to train a dyad model: the rules decide in every fold.
    assert scores["dyad_directed"] == scores["dyad_rules_directed"]
    table = "\n".join(dyad_table(scores))
    assert "| directed (source first) | 0.6667 | 0.6667 | 0.75 |" in table
    assert dyad_table({"claim_f1": 0.9}) == []


def test_the_written_articles_score_every_gold_claim_by_the_sentence_a_run_tags(nlp):
    gold = [json.loads(line) for line in WRITTEN_ARTICLE_DYADS.read_text(encoding="utf-8").splitlines() if line.strip()]
    dyads = written_dyads(nlp=nlp)
    assert len(dyads) == sum(len(claim["actors"]) >= 2 for claim in gold) > 100
    scores = written_article_dyads([], dyads)
    assert scores["articles_rules_cases"] == scores["articles_dyad_cases"] == len(dyads)
    # Floors that a broken stage, or a model scoring the article it was trained on, would miss either way.
    assert 0.6 <= scores["articles_rules_pair"] and 0.6 <= scores["articles_dyad_pair"] < 0.95


def test_the_written_articles_train_the_dyad_model(nlp):
    dyads = written_dyads(nlp=nlp)
    assert fit_dyad([], dyads) is not None  # enough on their own to replace the rules
    assert fit_dyad([], []) is None


def test_the_written_articles_are_optional(nlp, tmp_path):
    assert written_dyads(nlp=nlp, articles_dir=tmp_path / "none") == []
    assert written_article_dyads([], []) == {}
