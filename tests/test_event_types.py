"""Event type and quad class from the embedding: prototypes, and a trained model kept as JSON."""

import json

import numpy as np
import pytest

from pipeline.events.plover import EVENT_TYPES, LABEL_OF_QUAD, QUAD_OF
from pipeline.events.types import EventModel, LinearSoftmax, event_type
from pipeline.model.encoder import embed


@pytest.mark.parametrize(
    "text, label, expected",
    [
        ("Kenya and Somalia signed a border agreement.", "cooperation", {"AGREE"}),
        ("Indian troops clashed with Pakistani soldiers and exchanged fire along the Line of Control.", "tension", {"FIGHT", "ASSAULT"}),
        ("Colombia sent humanitarian aid and food to Venezuela.", "cooperation", {"AID"}),
        ("Ukraine demanded that Russia withdraw its troops.", "tension", {"DEMAND"}),
        ("The European Union imposed sanctions on Belarus.", "tension", {"SANCTION"}),
    ],
)
def test_prototypes_type_a_claim_on_its_side(sentence_encoder, text, label, expected):
    (vector,) = embed([text])
    typed = event_type(vector, label)
    assert typed.event in expected
    assert LABEL_OF_QUAD[typed.quad_code] == label and QUAD_OF[typed.event] == typed.quad_code
    assert 0.0 < typed.confidence <= 1.0


def test_a_trained_model_joins_and_survives_json(sentence_encoder):
    vectors = embed(["Mexico agreed to a deal with the United States.", "Russian jets bombed Ukrainian towns."])
    # A toy regression that is sure of FIGHT for the second sentence's direction.
    coef = np.zeros((2, vectors.shape[1]))
    coef[1] = 50 * vectors[1]
    model = EventModel(types=LinearSoftmax(("AGREE", "FIGHT"), coef, np.zeros(2)), quads=None)
    again = EventModel.from_json(json.loads(json.dumps(model.to_json())))
    assert event_type(vectors[1], "tension", again) == event_type(vectors[1], "tension", model)
    assert event_type(vectors[1], "tension", again).event == "FIGHT"
    assert event_type(vectors[1], None, again).event in EVENT_TYPES


def test_a_model_json_of_another_format_is_refused():
    with pytest.raises(ValueError):
        EventModel.from_json({"format": "pickle", "types": None, "quads": None})
    with pytest.raises(ValueError):
        LinearSoftmax.from_json({"classes": ["AGREE"], "coef": [[0.0], [1.0]], "intercept": [0.0]})
