"""Each sentence is embedded alone, so its embedding never depends on what it
is embedded with: the property that makes runs the same bytes however a
corpus is split over workers or executors."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import INLINE_ARTICLE


# Lengths from 1 to ~60 tokens: batched with padding, the short ones would
# be computed in another shape beside the long one.
TEXTS = [line for line in INLINE_ARTICLE.splitlines() if line.strip()] + [
    "Chad.",
    "Kenya and Somalia agreed to share border intelligence every month, officials in Nairobi and Mogadishu said on "
    "Monday, after two days of talks on al-Shabaab, refugee camps, fuel prices, rail links and the fishing dispute.",
]


def test_an_embedding_does_not_depend_on_its_neighbours(sentence_encoder):
    from pipeline.model.encoder import embed

    together = embed(TEXTS)
    alone = np.vstack([embed([text]) for text in reversed(TEXTS)])[::-1]
    assert together.shape == (len(TEXTS), 768)
    assert np.array_equal(together, alone)


def test_embeddings_are_unit_length_and_tell_sentences_apart(sentence_encoder):
    from pipeline.model.encoder import embed

    vectors = embed(["Brazil and Argentina signed a trade pact.", "Rebels shelled the army base near Goma."])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float(vectors[0] @ vectors[1]) < 0.6


def test_the_encoder_runs_on_one_thread_and_gives_the_threads_back(sentence_encoder, monkeypatch):
    import torch

    from pipeline.model import encoder as module

    seen = []
    real = module.embed_one

    def spy(encoder, text):
        seen.append(torch.get_num_threads())
        return real(encoder, text)

    monkeypatch.setattr(module, "embed_one", spy)
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        module.embed(["Peru recalled its ambassador from Mexico."])
        assert seen == [module.ENCODER_THREADS] == [1]
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)
