"""The run cache: each article's records, kept beside the outputs, so a
re-run only redoes what changed.

An entry holds an article's record and tagged sentences under a key made of
its bytes and everything that shapes the parse (spaCy model, actor
dictionary, our code and settings), plus the claims and the version of the
model that labelled them. Same key: no parse. Same key and model: nothing to
do. Entries are plain JSON written atomically, one file an article.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from . import config
from .io import atomic_writer

CACHE_FOLDER = ".cache"
PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Entry:
    doc: str
    key: str
    article: dict[str, Any]
    sentences: list[dict[str, Any]]
    model: str | None = None
    claims: list[dict[str, Any]] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "key": self.key,
            "article": self.article,
            "sentences": self.sentences,
            "model": self.model,
            "claims": self.claims,
        }


def parse_version(actors_path: Path) -> str:
    """Everything besides the article that shapes sentences and tags."""
    digest = hashlib.sha256()
    digest.update(f"{config.SPACY_MODEL} {spacy_model_version()}".encode())
    digest.update(actors_path.read_bytes())
    for source in sorted(PACKAGE_DIR.glob("*.py")):
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()[:16]


def spacy_model_version() -> str:
    try:
        return metadata.version(config.SPACY_MODEL.replace("_", "-"))
    except metadata.PackageNotFoundError:
        return "unknown"


def entry_key(doc: str, sha256: str, version: str) -> str:
    return hashlib.sha256(f"{doc}\0{sha256}\0{version}".encode()).hexdigest()[:24]


class RunCache:
    def __init__(self, out_dir: Path) -> None:
        self.folder = out_dir / CACHE_FOLDER

    def path(self, doc: str) -> Path:
        return self.folder / f"{hashlib.sha256(doc.encode()).hexdigest()[:24]}.json"

    def get(self, doc: str, key: str) -> Entry | None:
        """The article's entry if it was made under `key`; a damaged entry is a miss."""
        try:
            record = json.loads(self.path(doc).read_text(encoding="utf-8"))
            entry = Entry(**record)
        except (OSError, ValueError, TypeError):
            return None
        return entry if entry.doc == doc and entry.key == key else None

    def put(self, entry: Entry) -> None:
        with atomic_writer(self.path(entry.doc)) as handle:
            json.dump(entry.to_json(), handle, ensure_ascii=False)

    def keep_only(self, docs: set[str]) -> None:
        """Drop the entries of articles no longer in the corpus."""
        wanted = {self.path(doc).name for doc in docs}
        for path in self.folder.glob("*.json"):
            if path.name not in wanted:
                path.unlink(missing_ok=True)
