"""Model storage: each trained model is kept as a version
(`models/versions/<version>/`) with its card; `models/versions.json` names
the active one. Saved as plain JSON (see `persist.py`), so loading a model
never runs code from the file; the card records the file's sha256 and loading
checks it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pipeline.config import MODEL_CARD_FILE, MODEL_FILE, REGISTRY_FILE
from pipeline.io import InputError
from pipeline.model.classifier import ClaimModel
from pipeline.model.persist import ModelFormatError
from pipeline.model.registry import (
    Registry,
    active_model_dir,
    migrate_flat_layout,
    prune_versions,
    read_card_file,
    read_registry,
    saved_card,
    version_dir,
    write_registry,
    write_version,
)


def save_model(model: ClaimModel, card: dict[str, Any], models_dir: Path, *, activate: bool = True) -> dict[str, Any]:
    """Write the model and its card into `versions/<version>/` atomically, list
    the version in the registry (as the active one when `activate`) and drop the
    oldest versions beyond `KEEP_MODELS`; return the card with sha256 and version."""
    migrate_flat_layout(models_dir)
    data = (json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    version = f"m-{digest[:12]}"
    card = {**card, "model_file": MODEL_FILE, "sha256": digest, "version": version}
    folder = version_dir(models_dir, version)
    saved = saved_card(folder, data)
    if saved is None:
        write_version(folder, data, card)
    else:
        card = saved  # the same model again: its card keeps the history of its first training
    registry = read_registry(models_dir)
    versions = tuple(v for v in registry.versions if v != version) + (version,)
    write_registry(models_dir, Registry(active=version if activate else registry.active, versions=versions))
    prune_versions(models_dir)
    return card


def activate(models_dir: Path, version: str) -> dict[str, Any]:
    """Make a kept version the active one, after checking it loads; return its card."""
    registry = read_registry(models_dir)
    if version not in registry.versions:
        raise InputError(f"{models_dir / REGISTRY_FILE}: no version {version!r} (see `pipeline models`)")
    _model, card = load_model(models_dir, version=version)
    write_registry(models_dir, Registry(active=version, versions=registry.versions))
    return card


def load_model(models_dir: Path, *, version: str | None = None) -> tuple[ClaimModel, dict[str, Any]]:
    """Load the active model (or the given version) after checking its sha256 against the card."""
    folder = version_dir(models_dir, version) if version else active_model_dir(models_dir)
    card = read_card_file(folder / MODEL_CARD_FILE)
    model_path = folder / MODEL_FILE
    if not model_path.exists():
        raise InputError(f"{model_path}: no model file (run `make train`)")
    data = model_path.read_bytes()
    if hashlib.sha256(data).hexdigest() != card["sha256"]:
        raise InputError(f"{model_path}: sha256 does not match the model card (file changed or truncated)")
    try:
        return ClaimModel.from_json(json.loads(data)), card
    except (UnicodeDecodeError, json.JSONDecodeError, ModelFormatError, KeyError, TypeError) as err:
        raise InputError(f"{model_path}: not a valid model ({err})") from None
