"""The encoder that skips padding gives the stock encoder's embeddings, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import INLINE_ARTICLE

pytestmark = pytest.mark.slow

# Lengths from 1 to ~60 tokens, so every batch of 32 is mostly padding.
TEXTS = [line for line in INLINE_ARTICLE.splitlines() if line.strip()] + [
    "Iran.",
    "Iran and the Taliban agreed to share water data every month, officials in Kabul and Tehran said on Monday, "
    "after two days of talks on the Helmand river, border trade, fuel prices, rail links and the migrants.",
]


def test_skipping_padding_changes_no_bit():
    from pipeline.config import EMBEDDING_BATCH_SIZE
    from pipeline.embed import embed, load_stock_encoder

    stock = load_stock_encoder().encode(
        TEXTS, batch_size=EMBEDDING_BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False
    )
    ours = embed(TEXTS)
    assert ours.shape == (len(TEXTS), 768)
    assert np.array_equal(ours, stock)


def test_padding_is_skipped_in_the_token_layers():
    from pipeline.embed import TokenwiseLayer, load_encoder

    layers = [module for module in load_encoder().modules() if isinstance(module, TokenwiseLayer)]
    assert len(layers) == 12 * 6  # twelve MPNet layers: query, key, value, attention output, intermediate, output
