"""The written set: its reader, and how it joins the claim detector's training."""

import json
from collections import Counter

import numpy as np
import pytest

from pipeline.config import LABELS, WRITTEN_PATH
from pipeline.io import InputError
from pipeline.model.classifier import ModelSpec
from pipeline.training.evaluate import full_report
from pipeline.training.written import read_written

GOOD = {"text": "Ghana and Togo agreed to reopen their border.", "claim": True, "label": "cooperation", "mixed": False, "actors": ["GHA", "TGO"]}


def write_lines(tmp_path, records, name="sentences.jsonl"):
    path = tmp_path / name
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "bad, says",
    [
        ("{not json", "malformed JSON"),
        ({**GOOD, "label": "peace"}, "label"),
        ({**GOOD, "claim": False}, "label"),
        ({**GOOD, "actors": []}, "actors"),
        ({**GOOD, "actors": ["gha"]}, "actors"),
        ({key: value for key, value in GOOD.items() if key != "mixed"}, "fields"),
        ({**GOOD, "text": " "}, "text"),
    ],
)
def test_a_malformed_line_stops_with_one_error_naming_the_file_and_line(tmp_path, bad, says):
    path = write_lines(tmp_path, [GOOD, bad])
    with pytest.raises(InputError, match=rf"sentences\.jsonl:2: .*{says}") as raised:
        read_written(path)
    assert "\n" not in str(raised.value)


def test_a_non_claim_has_a_null_label_and_no_actors(tmp_path):
    heading = {"text": "Five things to know about the dam", "claim": False, "label": None, "mixed": False, "actors": []}
    read = read_written(write_lines(tmp_path, [GOOD, heading]))
    assert [(s.claim, s.label, s.actors) for s in read] == [(True, "cooperation", ("GHA", "TGO")), (False, None, ())]


def test_the_projects_set_has_both_labels_non_claims_and_many_pairs():
    sentences = read_written(WRITTEN_PATH)
    labels = Counter(s.label or "none" for s in sentences)
    assert min(labels[label] for label in LABELS) >= 0.8 * max(labels[label] for label in LABELS)
    assert labels["none"] >= 0.15 * len(sentences)
    assert len({frozenset(s.actors) for s in sentences if len(s.actors) == 2}) >= 150


def test_a_malformed_written_line_stops_training_naming_the_file_and_line(tmp_path, nlp, train_examples):
    path = write_lines(tmp_path, [GOOD, {**GOOD, "claim": "yes"}])
    with pytest.raises(InputError, match=r"sentences\.jsonl:2: "):
        full_report(train_examples, nlp=nlp, spec=ModelSpec(written_claim_weight=1.0), written_path=path)


def test_the_written_set_joins_the_claim_detector_only_and_the_card_records_it(tmp_path, nlp, train_examples):
    records = [
        GOOD,
        {"text": "Police in Lima fired tear gas at striking teachers.", "claim": True, "label": "tension", "mixed": False, "actors": ["PER"]},
        {"text": "Chile's senate approved the pension reform.", "claim": False, "label": None, "mixed": False, "actors": []},
        {"text": "Mali accused Algeria of shooting down its drone.", "claim": True, "label": "tension", "mixed": False, "actors": ["MLI", "DZA"]},
    ]
    path = write_lines(tmp_path, records)
    with_set = full_report(train_examples, nlp=nlp, spec=ModelSpec(written_claim_weight=1.0), written_path=path)
    without = full_report(train_examples, nlp=nlp, spec=ModelSpec(written_claim_weight=0.0), written_path=path)
    card = with_set.written_training
    assert (card["sentences"], card["claims"], card["weight"], card["trains"]) == (4, 3, 1.0, "the claim detector")
    assert without.written_training is None
    weights = lambda report, part: getattr(report.model, part).estimator_.named_steps["model"].coef_  # noqa: E731
    assert not np.allclose(weights(with_set, "claim_"), weights(without, "claim_"))
    assert np.allclose(weights(with_set, "label_"), weights(without, "label_"))
    assert with_set.scores["units"] == without.scores["units"]  # never a test fold
