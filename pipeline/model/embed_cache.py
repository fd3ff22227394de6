"""Sentence embeddings kept on disk by content hash, so `train` and
`evaluate` embed a text once, not on every run: the corpus's sentences and
the external sets' alike.

The key is the sha256 of the encoder's identity (its weights and the way
they are run) and the text. A cached vector is the same bits as a fresh one,
since each text is embedded alone by one fixed computation
(`encoder.embed`). The store is one SQLite file (`config.EMBEDDING_CACHE`,
git-ignored): each batch of new vectors is written in one transaction, so a
crash leaves the cache as it was. A row whose checksum does not match is
computed again; a file SQLite cannot read is moved aside and started afresh.
Delete the file to empty the cache.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

SCHEMA = "CREATE TABLE IF NOT EXISTS embeddings (key TEXT PRIMARY KEY, vector BLOB NOT NULL, checksum TEXT NOT NULL)"
LOOKUP_CHUNK = 500
BUSY_TIMEOUT_S = 60.0
Compute = Callable[[list[str]], np.ndarray]


def text_key(identity: str, text: str) -> str:
    return hashlib.sha256(f"{identity}\0{text}".encode("utf-8")).hexdigest()


def checksum(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()[:16]


class EmbeddingCache:
    """Vectors of one encoder (`identity`) and one dimension, on disk at `path`."""

    def __init__(self, path: Path, *, identity: str, dim: int) -> None:
        self.path = path
        self.identity = identity
        self.dim = dim
        self.connection = open_store(path)

    def close(self) -> None:
        self.connection.close()

    def embed(self, texts: list[str], compute: Compute) -> np.ndarray:
        """`compute`'s vectors of `texts`, computing only those not cached (or unreadable)."""
        keys = [text_key(self.identity, text) for text in texts]
        found = self.lookup(sorted(set(keys)))
        missing = sorted({text for text, key in zip(texts, keys) if key not in found})
        if missing:
            fresh = np.asarray(compute(missing), dtype=np.float32)
            self.store([(text_key(self.identity, text), vector) for text, vector in zip(missing, fresh)])
            found.update((text_key(self.identity, text), vector) for text, vector in zip(missing, fresh))
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, key in enumerate(keys):
            vectors[i] = found[key]
        return vectors

    def lookup(self, keys: list[str]) -> dict[str, np.ndarray]:
        """The readable cached vectors among `keys`; a damaged row is left out, so it is computed again."""
        found = {}
        for start in range(0, len(keys), LOOKUP_CHUNK):
            chunk = keys[start : start + LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self.connection.execute(f"SELECT key, vector, checksum FROM embeddings WHERE key IN ({marks})", chunk).fetchall()
            except sqlite3.DatabaseError:
                self.connection = reopen_fresh(self.connection, self.path)
                return {}
            for key, blob, stored in rows:
                if isinstance(blob, bytes) and len(blob) == self.dim * 4 and checksum(blob) == stored:
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def store(self, items: list[tuple[str, np.ndarray]]) -> None:
        """Write new vectors in one transaction; a cache that cannot be written is only slower."""
        rows = []
        for key, vector in items:
            blob = vector.astype(np.float32).tobytes()
            rows.append((key, blob, checksum(blob)))
        try:
            with self.connection:
                self.connection.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)", rows)
        except sqlite3.DatabaseError:
            self.connection = reopen_fresh(self.connection, self.path)


def open_store(path: Path) -> sqlite3.Connection:
    """The SQLite store at `path`; an unreadable file is moved aside and a new one made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return connect(path)
    except sqlite3.DatabaseError:
        move_aside(path)
        return connect(path)


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    try:
        connection.execute(SCHEMA)
        connection.execute("SELECT count(*) FROM embeddings LIMIT 1").fetchone()
    except sqlite3.DatabaseError:
        connection.close()
        raise
    return connection


def reopen_fresh(connection: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    connection.close()
    move_aside(path)
    return connect(path)


def move_aside(path: Path) -> None:
    """Keep a damaged store as `<name>.corrupt` (for a look) and free its name."""
    if path.exists():
        os.replace(path, path.with_name(path.name + ".corrupt"))
    for suffix in ("-journal", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


_active: list[EmbeddingCache] = []


def active_cache() -> EmbeddingCache | None:
    return _active[-1] if _active else None


@contextmanager
def cached_embeddings(path: Path | None, *, identity: str, dim: int) -> Iterator[None]:
    """Within this block `encoder.embed` reads and fills the cache at `path`
    (None: no cache)."""
    try:
        cache = EmbeddingCache(path, identity=identity, dim=dim) if path is not None else None
    except (OSError, sqlite3.Error):
        cache = None  # a cache that cannot be opened only makes this slower
    if cache is None:
        yield
        return
    _active.append(cache)
    try:
        yield
    finally:
        _active.remove(cache)
        cache.close()
