"""The run cache: each article's records, kept beside the outputs
(`OUT/.cache/`), so a re-run redoes only what changed.

An article's key hashes its path (as given, so a moved corpus is a miss:
records carry it), its bytes (a web page's HTML, not the text extracted from
it), its `NAME.meta.json` and everything that shapes its parse: the spaCy
model, the actor dictionary (the project's file and the versions of the
libraries its states come from), the web page extractor's version, and the code
of the stages (`PARSE_CODE`). `KEY.json` holds the article record and its tagged sentences
(no parse needed while the key holds); `KEY.MODEL-CODE.json` the claims that
model version found and its guess for every sentence, with the model code of
that hash (`CLAIMS_CODE`), so no classifying either. Code that does not shape
outputs (the runner, the CLI, training, annotation) is not hashed: editing it
keeps the cache. Files are plain JSON, replaced by rename; an entry that is
damaged, of the wrong shape or not of its article (another path or other
bytes) is a miss, never an error, and anything else in the way (a folder) is removed. Entries no article uses are removed after
each run, so a deleted article's records leave the outputs and the cache.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
from importlib import metadata
from pathlib import Path
from typing import Any

from pipeline import config
from pipeline.config import HTML_SUFFIXES
from pipeline.io import InputError, atomic_writer
from pipeline.io.html import extractor_version
from pipeline.stages.states import library_versions

CACHE_FOLDER = ".cache"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
# The code each kind of entry depends on, relative to the package.
PARSE_CODE = ("config.py", "records.py", "io", "stages")
CLAIMS_CODE = ("config.py", "records.py", "model", "events")


def parse_version(actors_path: Path) -> str:
    """A hash of everything besides the article that shapes its sentences and tags."""
    digest = hashlib.sha256()
    digest.update(f"{config.SPACY_MODEL} {spacy_model_version()}".encode())
    digest.update(read_actors_bytes(actors_path))
    digest.update(library_versions().encode())
    digest.update(code_hash(PARSE_CODE).encode())
    digest.update(extractor_version().encode())
    return digest.hexdigest()[:16]


def read_actors_bytes(actors_path: Path) -> bytes:
    try:
        return actors_path.read_bytes()
    except OSError as err:
        raise InputError(f"{actors_path}: cannot read the actor dictionary ({err.strerror or err})") from None


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


def article_key(path: Path, sha256: str, meta: dict[str, Any], version: str) -> str:
    """Every input of an article's records. The path goes in as bytes: a file
    name need not be valid UTF-8."""
    digest = hashlib.sha256()
    for part in (os.fsencode(path), sha256.encode(), json.dumps(meta, sort_keys=True).encode(), version.encode()):
        digest.update(part + b"\0")
    return digest.hexdigest()[:32]


class RunCache:
    def __init__(self, out_dir: Path) -> None:
        self.folder = out_dir / CACHE_FOLDER
        # The encoder's backend shapes the claims too (PIPELINE_ENCODER): each keeps its own.
        self.claims_code = code_hash(CLAIMS_CODE) + "-" + config.ENCODER_BACKEND

    def parse_path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def claims_path(self, key: str, model: str) -> Path:
        return self.folder / f"{key}.{model}-{self.claims_code}.json"

    def has_parse(self, key: str) -> bool:
        return self.parse_path(key).is_file()

    def has_claims(self, key: str, model: str) -> bool:
        return self.claims_path(key, model).is_file()

    def parse(self, key: str, *, path: Path, sha256: str) -> dict[str, Any] | None:
        """{"article": ..., "sentences": [...]} (and "text" for a web page) of
        the article at `path` with these bytes, or None when missing, damaged
        or of the wrong shape."""
        record = self.read(self.parse_path(key))
        if record is None or not valid_parse(record, str(path), path.stem, sha256):
            return None
        needs_text = path.name.lower().endswith(HTML_SUFFIXES)
        return None if needs_text and not isinstance(record.get("text"), str) else record

    def labels(
        self, key: str, model: str, *, doc: str, sentences: int
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
        """(claims, each of the article's `sentences` guesses), or None when
        missing, damaged, of the wrong shape or not of the article `doc`."""
        record = self.read(self.claims_path(key, model))
        claims, guesses = (record.get("claims"), record.get("guesses")) if record is not None else (None, None)
        if not isinstance(claims, list) or not all(valid_claim(claim, doc) for claim in claims):
            return None
        if not isinstance(guesses, list) or len(guesses) != sentences or not all(map(valid_guess, guesses)):
            return None
        return claims, guesses

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
                remove(path)

    @staticmethod
    def read(path: Path) -> dict[str, Any] | None:
        try:
            record = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return None
        return record if isinstance(record, dict) else None

    @staticmethod
    def write(path: Path, record: dict[str, Any]) -> None:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        # No fsync: a cache entry lost in a power cut is only a miss.
        with atomic_writer(path, durable=False) as handle:
            json.dump(record, handle, ensure_ascii=False)


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def valid_parse(record: dict[str, Any], path: str, doc: str, sha256: str) -> bool:
    """An entry in the shape `put_parse` writes, for this very file and bytes."""
    from pipeline.records import Sentence

    article, sentences = record.get("article"), record.get("sentences")
    if not isinstance(article, dict) or not isinstance(sentences, list):
        return False
    if (article.get("path"), article.get("doc"), article.get("sha256")) != (path, doc, sha256):
        return False
    if not isinstance(article.get("meta"), dict) or not isinstance(article.get("blocks"), list):
        return False
    if not valid_date(article.get("date")):
        return False
    try:
        return all(valid_sentence(Sentence.from_json(s), doc) for s in sentences)
    except (KeyError, TypeError, ValueError, AttributeError):
        return False


def valid_sentence(sentence: Any, doc: str) -> bool:
    return (
        sentence.doc == doc
        and isinstance(sentence.start, int)
        and isinstance(sentence.end, int)
        and isinstance(sentence.text, str)
        and isinstance(sentence.kind, str)
    )


def valid_claim(claim: Any, doc: str) -> bool:
    return (
        isinstance(claim, dict)
        and claim.get("doc") == doc
        and all(isinstance(claim.get(key), int) for key in ("start", "end"))
        and all(isinstance(claim.get(key), str) for key in ("text", "label", "model"))
        and isinstance(claim.get("actors"), list)
        and isinstance(claim.get("stance"), dict)
    )


def valid_guess(guess: Any) -> bool:
    return (
        isinstance(guess, dict)
        and all(isinstance(guess.get(key), str) for key in ("guess", "label_guess"))
        and all(isinstance(guess.get(key), (int, float)) for key in ("claim_probability", "label_confidence"))
    )


def valid_date(date: Any) -> bool:
    """An article record's `date`: none, or an ISO date (claims are dated against it)."""
    if date is None:
        return True
    try:
        datetime.date.fromisoformat(date)
    except (TypeError, ValueError):
        return False
    return True
