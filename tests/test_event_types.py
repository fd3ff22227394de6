"""Event type and quad class from the embedding: prototypes, and a trained model kept as JSON."""

import json

import numpy as np
import pytest

from pipeline.events.plover import EVENT_TYPES, LABEL_OF_QUAD, QUAD_OF
from pipeline.events.types import EventModel, LinearSoftmax, event_type, event_types, type_features
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
    return PloverTypes(features=features, predicates=((),) * len(events), prototypes=uniform, events=events, groups=groups)


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


def test_the_written_typed_sentences_cover_every_type_and_read_cleanly():
    from pipeline.training.event_types import written_typed

    written = written_typed()
    counts = {event: sum(1 for _, typed in written if typed == event) for event in EVENT_TYPES}
    assert min(counts.values()) >= 10, counts
    assert len({text for text, _ in written}) == len(written)


def test_a_bad_written_typed_line_names_its_file_and_line(tmp_path):
    from pipeline.io import InputError
    from pipeline.training.event_types import written_typed

    path = tmp_path / "event-types.jsonl"
    path.write_text('{"text": "Chile and Peru signed a water accord.", "event": "AGREE"}\n{"text": "Oslo hosted talks.", "event": "MEET"}\n')
    with pytest.raises(InputError, match=r"event-types.jsonl:2"):
        written_typed(path)
    assert written_typed(tmp_path / "absent.jsonl") == []


def test_the_written_sentences_join_every_fit_but_are_never_scored():
    from dataclasses import replace

    typed = toy_plover()
    rng = np.random.default_rng(1)
    written = np.array([np.array([-3.0, -3.0, -3.0]) + rng.normal(0, 0.3, 3) for _ in range(6)])
    joined = replace(typed, written_features=written, written_events=np.array(["FIGHT"] * 6), written_predicates=(("shell",),) * 6)
    half = np.arange(len(typed.events))[::2]
    assert "FIGHT" in joined.fit((10.0, 0.0), half).types.classes
    assert "FIGHT" not in typed.fit((10.0, 0.0), half).types.classes
    assert joined.predict(joined.fit((10.0, 0.0), half), np.arange(3)) == list(typed.events[:3])
    assert joined.scores()["plover_event_accuracy"] > 0.9  # scored on PLOVER's rows alone


def test_the_predicate_terms_decide_what_the_embedding_cannot_and_travel_with_the_model():
    from dataclasses import replace

    typed = toy_plover()
    rng = np.random.default_rng(2)
    verbs = {"AGREE": ("sign",), "PROTEST": ("march", "march_on"), "SANCTION": ("freeze",)}
    noise = rng.normal(0, 1.0, typed.features.shape)
    features = np.array([type_features(vector, "asserted") for vector in noise])
    blind = replace(typed, features=features, predicates=tuple(verbs[e] for e in typed.events))
    model = blind.fit((10.0, 0.0))
    assert model.predicate_terms == ("freeze", "march", "march_on", "sign") and model.predicate_weight > 0
    assert blind.scores()["plover_event_accuracy"] > 0.9
    again = EventModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.to_json()["type_features"] == ["vector", "mode", "predicate"]
    assert (again.predicate_terms, again.predicate_weight) == (model.predicate_terms, model.predicate_weight)
    vector = noise[0]
    assert again.types.probabilities(again.type_features(vector, "asserted", ("freeze",)))["SANCTION"] > 0.5
    unknown = again.type_features(vector, "asserted", ("mediate",))
    assert not unknown[-len(model.predicate_terms) :].any()  # a term never seen counts for nothing
    v2 = {**model.to_json(), "format": "claims-pipeline/event-model-v2", "type_features": ["vector", "mode"]}
    assert EventModel.from_json(v2).predicate_terms == ()


def test_without_external_sets_the_written_sentences_train_the_types_of_new_sentences_about_other_pairs(sentence_encoder, nlp):
    from pipeline.training.event_types import describe_event_model, event_training

    model, scores = event_training(None, None, None, nlp=nlp)
    assert scores == {} and model.quads is None and model.types is not None
    assert model.type_sources == ("the written typed sentences",)
    assert "written typed sentences" in describe_event_model(model) and "PLOVER" not in describe_event_model(model)
    unseen = [
        ("Uruguay and Paraguay signed a treaty on sharing the river's hydropower.", "cooperation", "AGREE"),
        ("The Slovak prime minister held talks with his Austrian counterpart in Vienna on gas transit.", "cooperation", "CONSULT"),
        ("Qatar flew tonnes of medicine and blankets to flood victims in Libya.", "cooperation", "AID"),
        ("The Guatemalan opposition accused the attorney general of sabotaging the election result.", "tension", "DISAPPROVE"),
        ("Jordan refused to accept the Israeli proposal for the crossings.", "tension", "REJECT"),
        ("Dockworkers in Antwerp walked off the job in protest at the port reform.", "tension", "PROTEST"),
        ("Canada imposed sanctions on Haitian gang leaders and froze their assets.", "tension", "SANCTION"),
        ("Malian soldiers and Tuareg rebels fought for control of Kidal with artillery.", "tension", "FIGHT"),
        ("Georgian police detained the editor of an opposition television channel.", "tension", "COERCE"),
        ("South Korea urged Japan to return the looted Buddhist statue.", "tension", "DEMAND"),
    ]
    vectors = embed([text for text, _, _ in unseen])
    decided = [event_type(vector, label, model).event for vector, (_, label, _) in zip(vectors, unseen)]
    assert sum(guess == gold for guess, (_, _, gold) in zip(decided, unseen)) >= 8, list(zip(decided, unseen))
