"""Sentence embeddings from all-mpnet-base-v2, unpacked from its packages
(`encoder_files`), so nothing is fetched at run time."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

import numpy as np
import torch
from torch import nn

from .config import EMBEDDING_BATCH_SIZE

EMBEDDING_DIM = 768


@lru_cache(maxsize=1)
def load_encoder():  # -> sentence_transformers.SentenceTransformer
    """The encoder, with its per-token layers skipping padding (see `skip_padding`)."""
    return skip_padding(load_stock_encoder())


def load_stock_encoder():  # -> sentence_transformers.SentenceTransformer
    """The encoder exactly as sentence-transformers builds it."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import transformers
    from sentence_transformers import SentenceTransformer

    from .encoder_files import encoder_path

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()

    return SentenceTransformer(str(encoder_path()), device="cpu")


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    vectors = load_encoder().encode(
        texts, batch_size=EMBEDDING_BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)


# Per architecture, the sublayers of each transformer layer that work token by
# token: the query, key and value projections, the attention output and the
# feed-forward block.
TOKENWISE_SUBLAYERS = {
    "mpnet": ("attention.attn.q", "attention.attn.k", "attention.attn.v", "attention.attn.o", "intermediate", "output"),
}


def skip_padding(encoder: Any) -> Any:
    """Run the layers that work token by token (`TOKENWISE_SUBLAYERS`) on the
    real tokens of a batch only, not on its padding.

    A batch is padded to its longest sentence; in a batch of an article's
    sentences most positions can be padding, and these layers are most of the
    embedding's cost. Attention still sees the padded batch with its mask,
    and a token's row through these layers does not depend on the other rows,
    so every embedding is bit-for-bit what the stock encoder gives
    (`tests/test_embed.py`). Encoders of another shape are left as they are.
    """
    transformer = encoder[0]
    model = getattr(transformer, "auto_model", None)
    layers = getattr(getattr(model, "encoder", None), "layer", None)
    sublayers = TOKENWISE_SUBLAYERS.get(getattr(getattr(model, "config", None), "model_type", None))
    if layers is None or sublayers is None:
        return encoder
    rows = RealTokens()
    transformer.register_forward_pre_hook(rows.read_mask, with_kwargs=True)
    for layer in layers:
        for path in sublayers:
            owner_path, _, name = path.rpartition(".")
            owner = layer.get_submodule(owner_path) if owner_path else layer
            setattr(owner, name, TokenwiseLayer(getattr(owner, name), rows))
    return encoder


class RealTokens:
    """The non-padding positions of the batch being encoded (`index`, None
    when nothing is padding), and the real-token rows of the tensors the
    token-wise layers have seen or made in this batch, so that a tensor passed
    on to several layers (a layer's output is the next one's query, key and
    value input, and its residual) is gathered once."""

    def __init__(self) -> None:
        self.index: torch.Tensor | None = None
        self.known: list[tuple[torch.Tensor, torch.Tensor]] = []

    def read_mask(self, _module: Any, args: tuple, kwargs: dict) -> None:
        features = args[0] if args else kwargs["features"]
        mask = features["attention_mask"].reshape(-1)
        self.index = None if bool(mask.all()) else mask.nonzero().squeeze(1)
        self.known = []

    def pack(self, full: torch.Tensor) -> torch.Tensor:
        """The real-token rows of a (batch, length, width) tensor."""
        for seen, packed in self.known:
            if seen is full:
                return packed
        packed = full.reshape(-1, full.shape[-1]).index_select(0, self.index)
        self.remember(full, packed)
        return packed

    def unpack(self, packed: torch.Tensor, batch: int, length: int) -> torch.Tensor:
        """Real-token rows back into a (batch, length, width) tensor, zeros at the padding."""
        full = packed.new_zeros(batch * length, packed.shape[-1])
        full.index_copy_(0, self.index, packed)
        full = full.view(batch, length, packed.shape[-1])
        self.remember(full, packed)
        return full

    def remember(self, full: torch.Tensor, packed: torch.Tensor) -> None:
        self.known = [*self.known[-(KNOWN_TENSORS - 1) :], (full, packed)]


# What one transformer layer passes around: its input, query, key, value,
# attention output and intermediate, and the next layer's input.
KNOWN_TENSORS = 8


class TokenwiseLayer(nn.Module):
    """Apply `inner` to the real-token rows of its (batch, length, width)
    inputs; padding rows come out as zeros."""

    def __init__(self, inner: nn.Module, rows: RealTokens) -> None:
        super().__init__()
        self.inner = inner
        self.rows = rows

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        if self.rows.index is None:
            return self.inner(*inputs)
        batch, length = inputs[0].shape[:2]
        return self.rows.unpack(self.inner(*(self.rows.pack(x) for x in inputs)), batch, length)
