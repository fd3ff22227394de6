"""The public labelled sets, read in place from ../shared/external when present."""

from collections import Counter

import pytest

from pipeline.config import EXTERNAL_DIR
from pipeline.external import PLOVER_FILE, UN_FILE, UN_STRIDE, plover_examples, un_examples


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
