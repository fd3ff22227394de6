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

import numpy as np

EMBEDDING_DIM = 768


ENCODER_THREADS = 1


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
    """Unit-length embeddings, one row per text, each computed alone."""
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
