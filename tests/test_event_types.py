"""Event type and quad class from the embedding: prototypes, and a trained model kept as JSON."""

import json

import numpy as np
import pytest

from pipeline.events.plover import EVENT_TYPES, LABEL_OF_QUAD, QUAD_OF
from pipeline.events.types import EventModel, LinearSoftmax, event_type, event_types
from pipeline.stages.mode import MODES
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


def test_each_label_side_gets_a_type_of_that_side_computed_once(sentence_encoder):
    (vector,) = embed(["Peru recalled its ambassador from Chile after the border dispute."])
    both = event_types(vector, ("cooperation", "tension"))
    assert {label: LABEL_OF_QUAD[typed.quad_code] for label, typed in both.items()} == {"cooperation": "cooperation", "tension": "tension"}
    assert both["tension"] == event_type(vector, "tension")


def test_the_mode_joins_the_embedding_in_a_v2_model_and_a_v1_model_still_loads():
    vector = np.zeros(4)
    coef = np.zeros((2, 4 + len(MODES)))
    coef[0, 4 + MODES.index("demanded")] = 40.0  # DEMAND when demanded
    coef[1, 4 + MODES.index("conditional")] = 40.0  # THREATEN when conditional
    model = EventModel(types=LinearSoftmax(("DEMAND", "THREATEN"), coef, np.zeros(2)), quads=None, prototype_weight=0.0, with_mode=True)
    again = EventModel.from_json(json.loads(json.dumps(model.to_json())))
    assert (again.with_mode, again.prototype_weight) == (True, 0.0)
    assert again.types.probabilities(again.type_features(vector, "demanded"))["DEMAND"] > 0.99
    assert again.types.probabilities(again.type_features(vector, "conditional"))["THREATEN"] > 0.99
    v1 = {"format": "claims-pipeline/event-model-v1", "types": LinearSoftmax(("AGREE",), np.zeros((1, 4)), np.zeros(1)).to_json(), "quads": None}
    old = EventModel.from_json(v1)
    assert (old.with_mode, old.prototype_weight) == (False, 0.3)
    with pytest.raises(ValueError):
        EventModel.from_json({**model.to_json(), "prototype_weight": 1.5})


def toy_plover(seed: int = 0):
    """Three types in separable clusters, each fourth text coded twice (one group)."""
    from pipeline.training.event_types import PloverTypes

    rng = np.random.default_rng(seed)
    events = np.array(["AGREE", "PROTEST", "SANCTION"] * 16)
    centres = {"AGREE": 0, "PROTEST": 1, "SANCTION": 2}
    features = np.array([np.eye(3)[centres[e]] * 3 + rng.normal(0, 0.3, 3) for e in events])
    groups = np.array([i - (i % 4 == 3) * 3 for i in range(len(events))])  # row 3 shares row 0's text, ...
    events[groups != np.arange(len(events))] = events[groups[groups != np.arange(len(events))]]
    uniform = np.full((len(events), len(EVENT_TYPES)), 1 / len(EVENT_TYPES))
    return PloverTypes(features=features, prototypes=uniform, events=events, groups=groups)


def test_plover_folds_keep_a_texts_codings_together_and_the_nested_scores_see_the_clusters():
    from pipeline.config import EVENT_TYPE_SETTINGS

    typed = toy_plover()
    rows = np.arange(len(typed.events))
    for train, test in typed.folds(rows, 5):
        assert not set(typed.groups[train]) & set(typed.groups[test])
    scores = typed.scores()
    assert scores["plover_event_macro_f1"] > 0.9 and scores["plover_event_accuracy"] > 0.9
    assert scores["plover_event_prototypes_accuracy"] < 0.5  # uniform prototypes know nothing
    assert typed.choose(rows) in EVENT_TYPE_SETTINGS
