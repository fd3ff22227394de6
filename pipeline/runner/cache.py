"""The run cache: each article's records, kept beside the outputs
(`OUT/.cache/`), so a re-run redoes only what changed.

An article's key hashes its name, its bytes (a web page's HTML, not the
text extracted from it) and everything that shapes its parse: the spaCy
model, the actor dictionary, the web page extractor's version, and the code
of the stages (`PARSE_CODE`). `KEY.json` holds the article record and its tagged sentences
(no parse needed while the key holds); `KEY.MODEL-CODE.json` the claims that
model version found and its guess for every sentence, with the model code of
that hash (`CLAIMS_CODE`), so no classifying either. Code that does not shape outputs (the runner, the CLI,
training, annotation) is not hashed: editing it keeps the cache. Files are plain JSON, replaced by rename; a damaged
one is a miss, never an error. Entries no article uses are removed after
each run, so a deleted article's records leave the outputs and the cache.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path
from typing import Any

from pipeline import config
from pipeline.config import HTML_SUFFIXES
from pipeline.io import atomic_writer
from pipeline.io.html import extractor_version

CACHE_FOLDER = ".cache"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
# The code each kind of entry depends on, relative to the package.
PARSE_CODE = ("config.py", "records.py", "io", "stages", "events/dates.py")
CLAIMS_CODE = ("config.py", "records.py", "model", "events")


def parse_version(actors_path: Path) -> str:
    """A hash of everything besides the article that shapes its sentences and tags."""
    digest = hashlib.sha256()
    digest.update(f"{config.SPACY_MODEL} {spacy_model_version()}".encode())
    digest.update(actors_path.read_bytes())
    digest.update(code_hash(PARSE_CODE).encode())
    digest.update(extractor_version().encode())
    return digest.hexdigest()[:16]


def code_hash(parts: tuple[str, ...]) -> str:
    """A hash of the package's source files under `parts` (files or folders)."""
    digest = hashlib.sha256()
    for part in parts:
        path = PACKAGE_DIR / part
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(source.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


def spacy_model_version() -> str:
    try:
        return metadata.version(config.SPACY_MODEL)
    except metadata.PackageNotFoundError:
        return "unknown"


def article_key(doc: str, sha256: str, version: str) -> str:
    return hashlib.sha256(f"{doc}\0{sha256}\0{version}".encode()).hexdigest()[:32]


class RunCache:
    def __init__(self, out_dir: Path) -> None:
        self.folder = out_dir / CACHE_FOLDER
        self.claims_code = code_hash(CLAIMS_CODE)

    def parse_path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def claims_path(self, key: str, model: str) -> Path:
        return self.folder / f"{key}.{model}-{self.claims_code}.json"

    def has_parse(self, key: str) -> bool:
        return self.parse_path(key).is_file()

    def has_claims(self, key: str, model: str) -> bool:
        return self.claims_path(key, model).is_file()

    def parse(self, key: str) -> dict[str, Any] | None:
        """{"article": ..., "sentences": [...]} (and "text" for a web page),
        or None when missing or damaged."""
        record = self.read(self.parse_path(key))
        if record is None or not {"article", "sentences"} <= record.keys():
            return None
        needs_text = str(record["article"].get("path", "")).lower().endswith(HTML_SUFFIXES)
        return None if needs_text and not isinstance(record.get("text"), str) else record

    def labels(self, key: str, model: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
        """(claims, each sentence's guess), or None when missing or damaged."""
        record = self.read(self.claims_path(key, model))
        if record is None or not all(isinstance(record.get(part), list) for part in ("claims", "guesses")):
            return None
        return record["claims"], record["guesses"]

    def put_parse(self, key: str, article: dict[str, Any], sentences: list[dict[str, Any]], text: str | None = None) -> None:
        """`text`: a web page's extracted text, written again to OUT/text on each run."""
        entry = {"article": article, "sentences": sentences}
        self.write(self.parse_path(key), entry if text is None else {**entry, "text": text})

    def put_labels(self, key: str, model: str, claims: list[dict[str, Any]], guesses: list[dict[str, Any]]) -> None:
        self.write(self.claims_path(key, model), {"claims": claims, "guesses": guesses})

    def keep_only(self, keys: set[str]) -> None:
        """Remove every entry (and temp file) of an article key not in `keys`."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name.split(".")[0] not in keys or path.name.endswith(".tmp"):
                path.unlink(missing_ok=True)

    @staticmethod
    def read(path: Path) -> dict[str, Any] | None:
        try:
            record = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return None
        return record if isinstance(record, dict) else None

    @staticmethod
    def write(path: Path, record: dict[str, Any]) -> None:
        # No fsync: a cache entry lost in a power cut is only a miss.
        with atomic_writer(path, durable=False) as handle:
            json.dump(record, handle, ensure_ascii=False)
