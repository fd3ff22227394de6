"""The model registry: `models/versions/<version>/` folders, each a model
file and its card, and `models/versions.json` naming the active one.

Plain JSON and files only (no model code is imported), so commands that only
need a card, such as a re-run with nothing to re-label, stay fast.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config import KEEP_MODELS, MODEL_CARD_FILE, MODEL_FILE, REGISTRY_FILE, VERSIONS_DIR
from pipeline.io import InputError, atomic_writer, remove_stale_temp_files

VERSION_RE = re.compile(r"m-[0-9a-f]{12}")


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@dataclass(frozen=True)
class Registry:
    """`models/versions.json`: the active version and every kept version, oldest first."""

    active: str | None = None
    versions: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"active": self.active, "versions": list(self.versions)}


def saved_card(folder: Path, data: bytes) -> dict[str, Any] | None:
    """The card of this exact model if it is already saved whole in `folder`."""
    try:
        card = json.loads((folder / MODEL_CARD_FILE).read_text(encoding="utf-8"))
        same = (folder / MODEL_FILE).read_bytes() == data
    except (OSError, ValueError):
        return None
    return card if same and isinstance(card, dict) and card.get("sha256") == hashlib.sha256(data).hexdigest() else None


def write_version(folder: Path, data: bytes, card: dict[str, Any]) -> None:
    remove_stale_temp_files(folder, (MODEL_FILE, MODEL_CARD_FILE))
    with atomic_writer(folder / MODEL_FILE, "wb") as handle:
        handle.write(data)
    with atomic_writer(folder / MODEL_CARD_FILE) as handle:
        handle.write(json.dumps(card, indent=2, sort_keys=True) + "\n")


def version_dir(models_dir: Path, version: str) -> Path:
    if not VERSION_RE.fullmatch(version):
        raise InputError(f"{models_dir / REGISTRY_FILE}: {version!r} is not a model version (m- and 12 hex digits)")
    return models_dir / VERSIONS_DIR / version


def read_registry(models_dir: Path) -> Registry:
    """The registry, or an empty one when no model was saved in this folder yet."""
    path = models_dir / REGISTRY_FILE
    if not path.exists():
        return Registry()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(f"{path}: not valid JSON ({err})") from None
    versions = data.get("versions") if isinstance(data, dict) else None
    active = data.get("active") if isinstance(data, dict) else None
    if not isinstance(versions, list) or not all(isinstance(v, str) and VERSION_RE.fullmatch(v) for v in versions):
        raise InputError(f"{path}: 'versions' must be a list of model versions")
    if active is not None and active not in versions:
        raise InputError(f"{path}: active version {active!r} is not among the listed versions")
    return Registry(active=active, versions=tuple(versions))


def write_registry(models_dir: Path, registry: Registry) -> None:
    remove_stale_temp_files(models_dir, (REGISTRY_FILE,))
    with atomic_writer(models_dir / REGISTRY_FILE) as handle:
        handle.write(json.dumps(registry.to_json(), indent=2) + "\n")


def prune_versions(models_dir: Path, keep: int = KEEP_MODELS) -> list[str]:
    """Delete all but the newest `keep` versions (never the active one), and any
    version folder the registry does not list (left by an interrupted save)."""
    registry = read_registry(models_dir)
    kept = tuple(v for i, v in enumerate(registry.versions) if i >= len(registry.versions) - keep or v == registry.active)
    if kept != registry.versions:
        write_registry(models_dir, Registry(active=registry.active, versions=kept))
    removed = []
    for folder in sorted((models_dir / VERSIONS_DIR).glob("m-*")):
        if VERSION_RE.fullmatch(folder.name) and folder.name not in kept and folder.is_dir():
            shutil.rmtree(folder)
            removed.append(folder.name)
    return removed


def migrate_flat_layout(models_dir: Path) -> None:
    """Move a model saved before versioning (`models/claims-model.json` and its
    card) into `versions/<version>/` and make it the active one."""
    flat_card = models_dir / MODEL_CARD_FILE
    if (models_dir / REGISTRY_FILE).exists() or not flat_card.exists():
        return
    card = read_card_file(flat_card)
    folder = version_dir(models_dir, card["version"])
    folder.mkdir(parents=True, exist_ok=True)
    os.replace(models_dir / MODEL_FILE, folder / MODEL_FILE)
    os.replace(flat_card, folder / MODEL_CARD_FILE)
    write_registry(models_dir, Registry(active=card["version"], versions=(card["version"],)))


def active_model_dir(models_dir: Path) -> Path:
    """The folder holding the active model: `versions/<active>/`, or `models_dir`
    itself for a model saved before versioning."""
    registry = read_registry(models_dir)
    if registry.active is not None:
        return version_dir(models_dir, registry.active)
    if (models_dir / MODEL_CARD_FILE).exists():
        return models_dir
    raise InputError(f"{models_dir / REGISTRY_FILE}: no active model (run `make train`)")


def read_card(models_dir: Path, version: str | None = None) -> dict[str, Any]:
    """The card of the given version, or of the active model."""
    folder = version_dir(models_dir, version) if version else active_model_dir(models_dir)
    return read_card_file(folder / MODEL_CARD_FILE)


def read_card_file(card_path: Path) -> dict[str, Any]:
    if not card_path.exists():
        raise InputError(f"{card_path}: no model card (run `make train`)")
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(f"{card_path}: not valid JSON ({err})") from None
    if not isinstance(card, dict) or "sha256" not in card or not VERSION_RE.fullmatch(str(card.get("version"))):
        raise InputError(f"{card_path}: not a model card (no sha256 or version)")
    return card


def previous_card(models_dir: Path) -> dict[str, Any] | None:
    """The active model's card, or None when there is no model yet."""
    if read_registry(models_dir).active is None and not (models_dir / MODEL_CARD_FILE).exists():
        return None
    return read_card(models_dir)


def list_versions(models_dir: Path) -> list[tuple[dict[str, Any], bool]]:
    """Every kept version's card, oldest first, and whether it is the active one."""
    registry = read_registry(models_dir)
    if registry.active is None and (models_dir / MODEL_CARD_FILE).exists():
        return [(read_card(models_dir), True)]
    return [(read_card(models_dir, version), version == registry.active) for version in registry.versions]
