"""The on-disk embedding cache: a text is computed once per encoder, a
damaged entry or file is computed again, and nothing here crashes a run."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from pipeline.model.embed_cache import EmbeddingCache, cached_embeddings, active_cache

DIM = 4
TEXTS = ["Ghana and Togo reopened their border.", "Serbia accused Kosovo of provocation.", "Ghana and Togo reopened their border."]


class CountingEncoder:
    """A stand-in encoder: a vector from the text's length, and a log of what it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.asked.extend(texts)
        return np.array([[len(text), 1.0, 2.0, float(text.count("a"))] for text in texts], dtype=np.float32)


def test_a_text_is_computed_once_and_read_back_with_the_same_bits(tmp_path):
    compute = CountingEncoder()
    cache = EmbeddingCache(tmp_path / "e.sqlite3", identity="enc-a", dim=DIM)
    first = cache.embed(TEXTS, compute)
    cache.close()
    again = EmbeddingCache(tmp_path / "e.sqlite3", identity="enc-a", dim=DIM).embed(TEXTS, compute)
    assert sorted(compute.asked) == sorted(set(TEXTS))
    assert first.tobytes() == again.tobytes() == compute(TEXTS).tobytes()


def test_another_encoder_does_not_read_the_first_ones_vectors(tmp_path):
    compute = CountingEncoder()
    EmbeddingCache(tmp_path / "e.sqlite3", identity="enc-a", dim=DIM).embed(TEXTS[:1], compute)
    EmbeddingCache(tmp_path / "e.sqlite3", identity="enc-b", dim=DIM).embed(TEXTS[:1], compute)
    assert compute.asked == TEXTS[:1] * 2


def test_a_damaged_entry_is_computed_again(tmp_path):
    path = tmp_path / "e.sqlite3"
    compute = CountingEncoder()
    EmbeddingCache(path, identity="enc-a", dim=DIM).embed(TEXTS[:2], compute)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE embeddings SET vector = ? WHERE rowid = 1", (b"\x00" * DIM * 4,))
        connection.execute("UPDATE embeddings SET vector = ? WHERE rowid = 2", (b"short",))
    compute.asked.clear()
    vectors = EmbeddingCache(path, identity="enc-a", dim=DIM).embed(TEXTS[:2], compute)
    assert sorted(compute.asked) == sorted(TEXTS[:2])
    assert vectors.tobytes() == CountingEncoder()(TEXTS[:2]).tobytes()


def test_a_file_that_is_not_a_cache_is_moved_aside_and_started_afresh(tmp_path):
    path = tmp_path / "e.sqlite3"
    path.write_bytes(b"this is not an SQLite file" * 200)
    vectors = EmbeddingCache(path, identity="enc-a", dim=DIM).embed(TEXTS, CountingEncoder())
    assert vectors.shape == (3, DIM)
    assert (tmp_path / "e.sqlite3.corrupt").exists()


def test_a_cache_that_cannot_be_opened_leaves_embedding_uncached(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("x")
    with cached_embeddings(blocked / "sub" / "e.sqlite3", identity="enc-a", dim=DIM):
        assert active_cache() is None
    with cached_embeddings(tmp_path / "e.sqlite3", identity="enc-a", dim=DIM):
        assert active_cache() is not None
    assert active_cache() is None


def test_encoder_embed_goes_through_the_active_cache(tmp_path, monkeypatch):
    from pipeline.model import encoder

    compute = CountingEncoder()
    monkeypatch.setattr(encoder, "compute_embeddings", compute)
    monkeypatch.setattr(encoder, "EMBEDDING_DIM", DIM)
    monkeypatch.setattr(encoder, "encoder_identity", lambda: "stand-in")
    for _ in range(2):
        with encoder.embedding_cache(tmp_path / "e.sqlite3"):
            encoder.embed(TEXTS)
    assert sorted(compute.asked) == sorted(set(TEXTS))


@pytest.mark.parametrize("texts", [[], ["Chile.", "Chile.", "Bolivia protested."]])
def test_repeated_texts_are_encoded_once(monkeypatch, texts):
    from pipeline.model import encoder

    asked = []

    def encode_each(distinct):
        asked.extend(distinct)
        return np.arange(len(distinct) * 768, dtype=np.float32).reshape(len(distinct), 768)

    monkeypatch.setattr(encoder, "encode_each", encode_each)
    vectors = encoder.compute_embeddings(texts)
    assert asked == list(dict.fromkeys(texts))
    assert vectors.shape == (len(texts), 768)
    if texts:
        assert np.array_equal(vectors[0], vectors[1]) and not np.array_equal(vectors[0], vectors[2])
