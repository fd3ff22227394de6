"""model + persist: JSON round trip, integrity checks, determinism."""

from __future__ import annotations

import hashlib
import json
import shutil

import numpy as np
import pytest
from sklearn.svm import LinearSVC
from sklearn.utils.class_weight import compute_class_weight

from pipeline.config import CLAIM_THRESHOLD, KEEP_MODELS, LABELS, MODEL_CARD_FILE, MODEL_FILE, REGISTRY_FILE, VERSIONS_DIR
from pipeline.model.encoder_files import ENCODER_NAME
from pipeline.io import InputError
from pipeline.model.features import DECISIVE_KEY, build_estimator
from pipeline.model.store import activate, load_model, save_model
from pipeline.model.classifier import CalibratedBinary, ClaimModel, ExtraLabelled, balanced_weights, fit_estimator
from pipeline.model.registry import active_model_dir, list_versions, read_card, read_registry
from pipeline.model.persist import ModelFormatError, dump_estimator, load_estimator
from pipeline.training.train import fit_model


def rows_of(trained):
    return [example.row for example in trained.examples]


def test_saved_files_and_card(trained_model):
    data = (active_model_dir(trained_model.models_dir) / MODEL_FILE).read_bytes()
    card = json.loads((active_model_dir(trained_model.models_dir) / MODEL_CARD_FILE).read_text(encoding="utf-8"))
    assert card == trained_model.card
    assert card["model_file"] == MODEL_FILE
    assert card["sha256"] == hashlib.sha256(data).hexdigest()
    assert card["version"] == "m-" + card["sha256"][:12]
    assert card["units"] == len(trained_model.examples) and card["articles"] == 3
    assert json.loads(data)["format"] == "claims-pipeline/estimator-v1"
    assert sorted(p.name for p in active_model_dir(trained_model.models_dir).iterdir()) == sorted([MODEL_CARD_FILE, MODEL_FILE])
    assert active_model_dir(trained_model.models_dir).name == card["version"]


def test_predictions_are_well_formed(trained_model):
    predictions = trained_model.model.predict(rows_of(trained_model))
    assert len(predictions) == len(trained_model.examples)
    assert {p.label for p in predictions} == set(LABELS)
    assert any(p.is_claim for p in predictions) and not all(p.is_claim for p in predictions)
    for p in predictions:
        assert 0.0 <= p.claim_confidence <= 1.0
        assert 0.5 <= p.confidence <= 1.0
        assert p.is_claim == (p.claim_confidence >= CLAIM_THRESHOLD)
        assert all(isinstance(name, str) for name in p.evidence) and len(p.evidence) <= 4
    assert trained_model.model.predict([]) == []


def test_model_learns_the_training_data(trained_model):
    """Far above chance on its own training data (a broken fit would not be)."""
    predictions = trained_model.model.predict(rows_of(trained_model))
    annotations = [example.annotation for example in trained_model.examples]
    claim_accuracy = np.mean([p.is_claim == a.claim for p, a in zip(predictions, annotations)])
    label_accuracy = np.mean([p.label == a.label for p, a in zip(predictions, annotations) if a.claim])
    assert claim_accuracy > 0.8 and label_accuracy > 0.8, (claim_accuracy, label_accuracy)


def test_round_trip_agrees_with_the_fitted_model(trained_model):
    loaded, card = load_model(trained_model.models_dir)
    assert card == trained_model.card
    rows = rows_of(trained_model)
    before, after = trained_model.model.predict(rows), loaded.predict(rows)
    assert [(p.is_claim, p.label, p.evidence) for p in before] == [(p.is_claim, p.label, p.evidence) for p in after]
    assert [p.claim_confidence for p in before] == [p.claim_confidence for p in after]
    np.testing.assert_allclose([p.confidence for p in before], [p.confidence for p in after], rtol=0, atol=1e-6)


def test_round_trip_gives_identical_predictions(trained_model):
    loaded, _card = load_model(trained_model.models_dir)
    rows = rows_of(trained_model)
    assert trained_model.model.predict(rows) == loaded.predict(rows)


def test_loading_twice_gives_identical_predictions(trained_model):
    rows = rows_of(trained_model)
    first, _ = load_model(trained_model.models_dir)
    second, _ = load_model(trained_model.models_dir)
    assert first.predict(rows) == second.predict(rows)


def test_saved_model_survives_resaving(trained_model, tmp_path):
    loaded, _card = load_model(trained_model.models_dir)
    save_model(loaded, {}, tmp_path)
    assert (active_model_dir(tmp_path) / MODEL_FILE).read_bytes() == (active_model_dir(trained_model.models_dir) / MODEL_FILE).read_bytes()


def test_training_twice_gives_byte_identical_files(trained_model, tmp_path):
    for name in ("first", "second"):
        save_model(fit_model(trained_model.examples), {"note": "same data"}, tmp_path / name)
    first, second = active_model_dir(tmp_path / "first"), active_model_dir(tmp_path / "second")
    for file in (MODEL_FILE, MODEL_CARD_FILE):
        assert (first / file).read_bytes() == (second / file).read_bytes()
    assert (first / MODEL_FILE).read_bytes() == (active_model_dir(trained_model.models_dir) / MODEL_FILE).read_bytes()


def change_one_digit(data: bytes) -> bytes:
    """Change one digit in the middle of the file, keeping it valid JSON."""
    middle = len(data) // 2
    index = next(i for i in range(middle, len(data)) if chr(data[i]).isdigit())
    digit = b"7" if data[index : index + 1] != b"7" else b"3"
    changed = data[:index] + digit + data[index + 1 :]
    json.loads(changed)
    return changed


@pytest.mark.parametrize("damage", ["one-byte", "truncated", "appended"])
def test_changed_model_file_is_rejected_naming_sha256(models_copy, damage):
    path = active_model_dir(models_copy) / MODEL_FILE
    data = path.read_bytes()
    changed = {
        "one-byte": change_one_digit(data),
        "truncated": data[: len(data) // 2],
        "appended": data + b" ",
    }[damage]
    path.write_bytes(changed)
    with pytest.raises(InputError) as caught:
        load_model(models_copy)
    assert "sha256" in str(caught.value)
    assert str(path) in str(caught.value)


def rewrite_with_card(models_dir, model_json) -> None:
    """Replace the model file and update the card's sha256, as a forger would."""
    data = json.dumps(model_json).encode("utf-8")
    (active_model_dir(models_dir) / MODEL_FILE).write_bytes(data)
    card_path = active_model_dir(models_dir) / MODEL_CARD_FILE
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card["sha256"] = hashlib.sha256(data).hexdigest()
    card_path.write_text(json.dumps(card), encoding="utf-8")


def test_model_with_unknown_estimator_type_is_rejected(models_copy):
    model_json = json.loads((active_model_dir(models_copy) / MODEL_FILE).read_bytes())
    model_json["label"]["estimator"]["steps"][1][1]["type"] = "builtins.eval"
    rewrite_with_card(models_copy, model_json)
    with pytest.raises(InputError, match=r"not a valid model \(.*unknown estimator type 'builtins\.eval'"):
        load_model(models_copy)


def test_model_with_unknown_format_is_rejected(models_copy):
    model_json = json.loads((active_model_dir(models_copy) / MODEL_FILE).read_bytes())
    model_json["format"] = "sklearn-pickle"
    rewrite_with_card(models_copy, model_json)
    with pytest.raises(InputError, match="unknown model format 'sklearn-pickle'"):
        load_model(models_copy)


@pytest.mark.parametrize("encoder", [None, "all-MiniLM-L6-v2"], ids=["before-encoders-were-named", "other-encoder"])
def test_a_model_trained_on_another_encoders_embeddings_is_rejected_naming_the_fix(models_copy, encoder):
    model_json = json.loads((active_model_dir(models_copy) / MODEL_FILE).read_bytes())
    assert model_json.pop("encoder") == ENCODER_NAME
    if encoder:
        model_json["encoder"] = encoder
    rewrite_with_card(models_copy, model_json)
    with pytest.raises(InputError, match=r"claims-model\.json: not a valid model \(trained on all-MiniLM-L6-v2 embeddings.*make train FORCE=1"):
        load_model(models_copy)


def test_model_with_missing_part_is_rejected(models_copy):
    model_json = json.loads((active_model_dir(models_copy) / MODEL_FILE).read_bytes())
    del model_json["claim"]
    rewrite_with_card(models_copy, model_json)
    with pytest.raises(InputError, match="not a valid model"):
        load_model(models_copy)


@pytest.mark.parametrize(
    "data",
    [
        {"type": "SVC", "C": 1.0},
        {"type": "pickle", "payload": "gASV"},
        {"type": "Pipeline", "steps": [["model", {"type": "os.system"}]]},
        {"type": "FeatureUnion", "parts": [["vector", {"type": "Field", "key": "vector", "stack": True}], ["x", {"type": "?"}]]},
    ],
    ids=["top-level", "pickle", "nested-in-pipeline", "nested-in-union"],
)
def test_load_estimator_rejects_unknown_types(data):
    with pytest.raises(ModelFormatError, match="unknown estimator type"):
        load_estimator(data)


@pytest.mark.parametrize(
    "data",
    [
        ["Pipeline"],
        {"steps": []},
        {"type": "LogisticRegression", "classes": ["no", "yes"], "coef": [[1.0, 2.0]], "intercept": [0.0, 1.0]},
        {"type": "LogisticRegression", "classes": ["no", "yes"], "coef": [1.0, 2.0], "intercept": [0.0]},
        {"type": "LogisticRegression", "classes": ["no", "yes"], "coef": [["a"]], "intercept": [0.0]},
        {"type": "DictVectorizer"},
        {"type": "Pipeline", "steps": [["only-name"]]},
    ],
    ids=["not-object", "no-type", "shape-mismatch", "coef-1d", "coef-not-numbers", "missing-field", "bad-step"],
)
def test_load_estimator_rejects_malformed_estimators(data):
    with pytest.raises(ModelFormatError):
        load_estimator(data)


def test_dump_estimator_rejects_unsupported_estimators():
    with pytest.raises(ModelFormatError, match="cannot save a LinearSVC"):
        dump_estimator(LinearSVC())


def test_empty_models_folder_names_the_registry(tmp_path):
    with pytest.raises(InputError, match=str(tmp_path / REGISTRY_FILE)):
        load_model(tmp_path)


@pytest.mark.parametrize(
    ("card", "message"),
    [("{not json", "not valid JSON"), ('{"version": "m-1"}', "not a model card"), ("[]", "not a model card")],
)
def test_bad_card_is_rejected(tmp_path, card, message):
    (tmp_path / MODEL_CARD_FILE).write_text(card, encoding="utf-8")  # a card saved before versioning
    with pytest.raises(InputError, match=message):
        read_card(tmp_path)


def test_missing_model_file_names_it(models_copy):
    (active_model_dir(models_copy) / MODEL_FILE).unlink()
    with pytest.raises(InputError, match=str(active_model_dir(models_copy) / MODEL_FILE)):
        load_model(models_copy)


def test_from_json_round_trip_in_memory(trained_model):
    data = trained_model.model.to_json()
    again = ClaimModel.from_json(json.loads(json.dumps(data)))
    assert again.to_json() == data


# Versions: models/versions/<version>/ and the registry naming the active one.


def variant(model: ClaimModel, step: int) -> ClaimModel:
    """The same model with a shifted calibration: different bytes, a different version."""
    claim = CalibratedBinary.fitted(model.claim_.estimator_, model.claim_.slope_ + step, model.claim_.offset_)
    return ClaimModel.fitted(claim, model.label_)


def saved_versions(models_dir) -> list[str]:
    return sorted(p.name for p in (models_dir / VERSIONS_DIR).iterdir())


def test_saving_keeps_the_newest_versions_and_activates_the_last(trained_model, tmp_path):
    cards = [save_model(variant(trained_model.model, step), {"step": step}, tmp_path) for step in range(KEEP_MODELS + 2)]
    versions = [card["version"] for card in cards]
    assert len(set(versions)) == len(versions)
    registry = read_registry(tmp_path)
    assert registry.versions == tuple(versions[-KEEP_MODELS:])
    assert registry.active == versions[-1]
    assert saved_versions(tmp_path) == sorted(versions[-KEEP_MODELS:])
    assert load_model(tmp_path)[1]["step"] == KEEP_MODELS + 1
    assert [(card["step"], active) for card, active in list_versions(tmp_path)] == [
        (step, step == KEEP_MODELS + 1) for step in range(2, KEEP_MODELS + 2)
    ]


def test_a_model_saved_without_activating_waits_until_activated(trained_model, tmp_path):
    first = save_model(variant(trained_model.model, 0), {"step": 0}, tmp_path)
    second = save_model(variant(trained_model.model, 1), {"step": 1}, tmp_path, activate=False)
    assert load_model(tmp_path)[1]["version"] == first["version"]
    assert load_model(tmp_path, version=second["version"])[1]["version"] == second["version"]
    assert activate(tmp_path, second["version"])["version"] == second["version"]
    assert load_model(tmp_path)[1]["version"] == second["version"]


def test_pruning_never_removes_the_active_version(trained_model, tmp_path):
    active = save_model(variant(trained_model.model, 0), {}, tmp_path)["version"]
    for step in range(1, KEEP_MODELS + 3):
        save_model(variant(trained_model.model, step), {}, tmp_path, activate=False)
    registry = read_registry(tmp_path)
    assert registry.active == active and active in saved_versions(tmp_path)
    assert len(registry.versions) == KEEP_MODELS + 1


def test_activating_a_tampered_version_fails_and_keeps_the_active_one(trained_model, tmp_path):
    first = save_model(variant(trained_model.model, 0), {}, tmp_path)["version"]
    second = save_model(variant(trained_model.model, 1), {}, tmp_path, activate=False)["version"]
    path = tmp_path / VERSIONS_DIR / second / MODEL_FILE
    path.write_bytes(path.read_bytes() + b" ")
    with pytest.raises(InputError, match="sha256"):
        activate(tmp_path, second)
    assert read_registry(tmp_path).active == first
    with pytest.raises(InputError, match="no version 'm-000000000000'"):
        activate(tmp_path, "m-000000000000")


@pytest.mark.parametrize(
    "registry",
    ['{"active": "../../etc", "versions": ["../../etc"]}', '{"active": "m-0123456789ab", "versions": []}', "[1, 2"],
    ids=["path-traversal", "active-not-listed", "malformed"],
)
def test_a_bad_registry_is_rejected_naming_it(tmp_path, registry):
    (tmp_path / REGISTRY_FILE).write_text(registry, encoding="utf-8")
    with pytest.raises(InputError, match=str(tmp_path / REGISTRY_FILE)):
        load_model(tmp_path)


def test_a_model_saved_before_versioning_loads_and_is_migrated_on_the_next_save(trained_model, tmp_path):
    for name in (MODEL_FILE, MODEL_CARD_FILE):
        shutil.copy(active_model_dir(trained_model.models_dir) / name, tmp_path / name)
    assert load_model(tmp_path)[1] == trained_model.card
    new = save_model(variant(trained_model.model, 1), {}, tmp_path)
    assert not (tmp_path / MODEL_FILE).exists() and not (tmp_path / MODEL_CARD_FILE).exists()
    assert read_registry(tmp_path).versions == (trained_model.card["version"], new["version"])
    assert load_model(tmp_path, version=trained_model.card["version"])[1] == trained_model.card


def test_a_version_folder_left_by_an_interrupted_save_is_removed(trained_model, tmp_path):
    orphan = tmp_path / VERSIONS_DIR / "m-0123456789ab"
    orphan.mkdir(parents=True)
    (orphan / MODEL_FILE).write_bytes(b"{")
    save_model(trained_model.model, {}, tmp_path)
    assert saved_versions(tmp_path) == [trained_model.card["version"]]


def test_balanced_weights_are_scikit_learns_balanced_class_weights():
    y = np.array(["tension", "cooperation", "cooperation", "cooperation", "tension", "cooperation"])
    classes = np.unique(y)
    expected = dict(zip(classes, compute_class_weight("balanced", classes=classes, y=y)))
    assert balanced_weights(y).tolist() == [expected[label] for label in y]


def test_the_label_is_the_balanced_decision_and_calibration_only_scales_its_confidence(trained_model):
    # Sentences without a decisive clause (those with one: tests/test_decisive.py).
    rows = [example.row for example in trained_model.examples if example.row[DECISIVE_KEY] is None]
    model = trained_model.model
    assert model.label_.offset_ == 0.0 and model.label_.slope_ > 0 and len(rows) > 100
    predictions = model.predict(rows)
    assert [p.label for p in predictions] == model.label_.estimator_.predict(rows).tolist()
    assert all(p.confidence >= 0.5 for p in predictions)


def one_feature_rows(values) -> list[dict]:
    return [{"vector": np.array([value])} for value in values]


def test_extra_examples_move_the_decision_by_the_weight_given_them():
    """The corpus says 'tension' left of 0 and has nothing beyond 2; the extra
    examples say 'tension' at 3 and 4. Weighted 0 they change nothing."""
    build = lambda: build_estimator(C=1.0, parts=("vector",))
    rows, y = one_feature_rows([-2, -1, 1, 2]), np.array(["tension", "tension", "cooperation", "cooperation"])
    extra = ExtraLabelled(rows=one_feature_rows([3, 4]), labels=np.array(["tension", "tension"]))
    probe = one_feature_rows([2.5])

    def tension_probability(weight: float) -> float:
        return fit_estimator(build(), rows, y, extra, weight).predict_proba(probe)[0, 1]

    corpus_only = build().fit(rows, y).predict_proba(probe)[0, 1]
    assert tension_probability(0.0) == corpus_only
    assert corpus_only < tension_probability(0.5) < tension_probability(5.0)


def test_the_calibrated_classifier_follows_scikit_learns_estimator_rules():
    from sklearn.base import clone

    build = build_estimator(C=2.0, parts=("vector",))
    calibrated = CalibratedBinary(build, centred=True, extra_weight=0.3)
    copy = clone(calibrated)
    assert copy.get_params()["centred"] is True and copy.get_params()["extra_weight"] == 0.3
    assert copy.get_params()["estimator__model__C"] == 2.0
    rows = one_feature_rows([-3, -2, -1, 1, 2, 3, -2.5, 2.5])
    y = np.array(["tension"] * 3 + ["cooperation"] * 3 + ["tension", "cooperation"])
    fitted = copy.fit(rows, y, groups=["a", "a", "b", "b", "c", "c", "d", "d"])
    assert not hasattr(calibrated, "estimator_") and hasattr(fitted, "estimator_")
    assert fitted.predict(one_feature_rows([-4, 4])).tolist() == ["tension", "cooperation"]
    assert np.allclose(fitted.predict_proba(rows).sum(axis=1), 1.0)


def test_the_card_records_the_hyperparameters_the_model_was_trained_with(trained_model):
    from pipeline.config import LABEL_C, LABEL_PARTS, SEED

    hyperparameters = trained_model.card["hyperparameters"]
    assert hyperparameters["label_C"] == LABEL_C and hyperparameters["claim_threshold"] == CLAIM_THRESHOLD
    assert hyperparameters["label_parts"] == list(LABEL_PARTS) and hyperparameters["seed"] == SEED
