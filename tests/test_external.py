"""The public labelled sets, read in place from ../shared/external when present."""

import csv
import hashlib
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from conftest import EXTERNAL_DIR
from pipeline.config import EXTERNAL_LABEL_WEIGHT
from pipeline.training.evaluate import full_report
from pipeline.io import InputError
from pipeline.training.external import PLOVER_FILE, UN_FILE, UN_STRIDE, plover_examples, un_examples, un_labelled, un_training_examples


@pytest.mark.skipif(not (EXTERNAL_DIR / PLOVER_FILE).exists(), reason="PLOVER set not present")
def test_plover_maps_events_to_labels_and_leaves_out_investigate():
    counts = Counter(label for _text, label in plover_examples(EXTERNAL_DIR))
    # SOURCE.md: 103 cooperation and 210 tension records; 9 INVESTIGATE and the header dropped.
    assert counts == {"cooperation": 103, "tension": 210}


@pytest.mark.skipif(not (EXTERNAL_DIR / UN_FILE).exists(), reason="UN quad-class set not present")
def test_un_sample_keeps_only_conflict_and_cooperation_classes():
    examples = un_examples(EXTERNAL_DIR)
    counts = Counter(label for _text, label in examples)
    # SOURCE.md: 2,592 cooperation + 2,367 tension sentences, every UN_STRIDE-th kept.
    assert len(examples) == -(-(2592 + 2367) // UN_STRIDE)
    assert set(counts) == {"cooperation", "tension"}
    assert all(text.strip() for text, _label in examples)


def write_un_file(folder, rows: list[tuple[str, str]]) -> Path:
    """A small file in the UN set's format (tab-separated, quoted, a header) at its path under `folder`."""
    path = folder / UN_FILE
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(["en", "QuadClass"])
        writer.writerows(rows)
    return path


UN_ROWS = [
    ("The two governments signed an agreement on trade and transit.", "4"),
    ("The army shelled the border villages of its neighbour.", "1"),
    ("The council noted the weather.", "0"),
    ("The ministers met to discuss cooperation on water.", "4"),
    ("The government condemned the attack on its embassy.", "3"),
    ("The country delivered food aid to the refugees of its neighbour.", "2"),
    ("Militants attacked a police post across the border.", "1"),
    ("The envoy praised the neighbour's help with the talks.", "4"),
    ("The state accused its rival of arming the rebels.", "3"),
    ("The donors pledged aid to the ministry.", "2"),
    ("Forces of the two states clashed at the frontier.", "1"),
    ("The report lists the meetings held.", "0"),
]


def test_the_un_training_part_is_every_labelled_sentence_outside_the_scored_sample(tmp_path):
    write_un_file(tmp_path, UN_ROWS)
    labelled = un_labelled(tmp_path)
    scored, training = un_examples(tmp_path), un_training_examples(tmp_path)
    assert len(labelled) == 10  # the two irrelevant (0) sentences are dropped
    assert scored == labelled[::UN_STRIDE]
    assert not set(scored) & set(training)
    assert sorted(scored + training) == sorted(labelled)


def test_training_with_an_external_folder_adds_the_un_part_to_the_label_and_records_it(tmp_path, nlp, train_examples):
    path = write_un_file(tmp_path, UN_ROWS)
    with_un = full_report(train_examples, nlp=nlp, external_dir=tmp_path)
    corpus_only = full_report(train_examples, nlp=nlp, external_dir=None)
    assert with_un.external_training == {
        "file": str(UN_FILE),
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "sentences": 8,
        "weight": EXTERNAL_LABEL_WEIGHT,
    }
    assert corpus_only.external_training is None
    label_weights = lambda report: report.model.label_.estimator_.named_steps["model"].coef_
    claim_weights = lambda report: report.model.claim_.estimator_.named_steps["model"].coef_
    assert not np.allclose(label_weights(with_un), label_weights(corpus_only))
    assert np.array_equal(claim_weights(with_un), claim_weights(corpus_only))
    assert "un_quadclass_label_macro_f1" in with_un.scores
    assert 0.0 <= with_un.scores["un_quadclass_claim_recall"] <= 1.0  # the share of its events called claims


def test_a_malformed_un_row_names_the_file_and_line(tmp_path):
    path = write_un_file(tmp_path, UN_ROWS[:3])
    with path.open("a", encoding="utf-8") as handle:
        handle.write("a sentence\t4\textra field\n")
    with pytest.raises(InputError, match=rf"^{re.escape(str(path))}:5: expected 2 tab-separated fields"):
        un_labelled(tmp_path)


@pytest.mark.parametrize(
    "content, message",
    [("[{\"text\": \"x\", \"event\": \"AGREE\"", "not a PLOVER JSON file"), ("[{\"event\": \"AGREE\"}]", "record 1 has no 'text'")],
)
def test_a_malformed_plover_file_is_named(tmp_path, content, message):
    path = tmp_path / PLOVER_FILE
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(f"{path}: {message}")):
        plover_examples(tmp_path)
