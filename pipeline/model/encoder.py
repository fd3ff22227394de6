"""Sentence embeddings from all-mpnet-base-v2, unpacked from its packages
(`encoder_files`), so nothing is fetched at run time.

Each sentence is encoded alone, on one thread: its embedding is then one
fixed computation whatever the sentences around it, the batch, the worker
count or the executor, so outputs are the same bytes however a corpus is
split. CPUs do not promise equal bits across batch shapes or thread counts;
a batch of one has no padding to skip, and costs about what a padded batch
did per sentence.
"""

from __future__ import annotations

import os
from functools import lru_cache
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from pipeline.config import EMBEDDING_CACHE
from pipeline.model.embed_cache import active_cache, cached_embeddings

EMBEDDING_DIM = 768


ENCODER_THREADS = 1


def encoder_identity() -> str:
    """What an embedding's bits depend on: the weights and what runs them."""
    from importlib.metadata import version

    from pipeline.model.encoder_files import ARCHIVE_SHA256, ENCODER_NAME

    return f"{ENCODER_NAME} {ARCHIVE_SHA256} torch {version('torch')} sentence-transformers {version('sentence-transformers')} threads {ENCODER_THREADS}"


def embedding_cache(path: Path | None = EMBEDDING_CACHE):  # -> contextmanager
    """Within this block `embed` reads and fills the on-disk cache at `path` (None: none)."""
    return cached_embeddings(path, identity=encoder_identity(), dim=EMBEDDING_DIM)


@lru_cache(maxsize=1)
def load_encoder():  # -> sentence_transformers.SentenceTransformer
    """The encoder exactly as sentence-transformers builds it."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import transformers
    from sentence_transformers import SentenceTransformer

    from pipeline.model.encoder_files import encoder_path

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()

    return SentenceTransformer(str(encoder_path()), device="cpu")


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text, each computed alone (read
    from the embedding cache instead when one is active: `embedding_cache`)."""
    cache = active_cache()
    if cache is not None and texts:
        return cache.embed(texts, compute_embeddings)
    return compute_embeddings(texts)


def compute_embeddings(texts: list[str]) -> np.ndarray:
    """Each distinct text through the encoder once; a repeat gets the same row."""
    distinct = list(dict.fromkeys(texts))
    vectors = encode_each(distinct)
    row_of = {text: i for i, text in enumerate(distinct)}
    return vectors[[row_of[text] for text in texts]] if texts else vectors


def encode_each(texts: list[str]) -> np.ndarray:
    vectors = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
    if not texts:
        return vectors
    encoder = load_encoder()
    with torch_threads(ENCODER_THREADS):
        for i, text in enumerate(texts):
            vectors[i] = embed_one(encoder, text)
    return vectors


def embed_one(encoder, text: str) -> np.ndarray:
    """What `SentenceTransformer.encode` computes for one text, without its
    progress bar: tqdm takes a lock shared across processes on every call,
    and a worker killed while holding it would stall every later fork."""
    import torch

    features = encoder.preprocess([text])
    with torch.inference_mode():
        embedding = encoder(features)["sentence_embedding"]
    return torch.nn.functional.normalize(embedding, p=2, dim=1)[0].numpy()


@contextmanager
def torch_threads(threads: int) -> Iterator[None]:
    """Torch's intra-op threads in this process, set back on exit."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(before)
