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


def test_the_torch_encoder_runs_on_one_thread_and_gives_the_threads_back(sentence_encoder, monkeypatch):
    import torch

    from pipeline.model import encoder as module

    monkeypatch.setattr(module, "ENCODER_BACKEND", "torch")
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


def test_the_onnx_encoder_runs_on_one_thread(sentence_encoder):
    from pipeline.model.encoder import load_onnx_encoder

    options = load_onnx_encoder("onnx").session.get_session_options()
    assert (options.intra_op_num_threads, options.inter_op_num_threads) == (1, 1)


LONG_TEXT = " ".join(f"Delegates from Norway and Colombia met in round {n} of the talks." for n in range(60))


def test_the_float_onnx_encoder_embeds_as_sentence_transformers_does(sentence_encoder):
    """Same tokens (truncated at 384, never padded), same pooled vector to float precision."""
    from pipeline.model.encoder import embed_one, load_onnx_encoder, load_torch_encoder, torch_threads

    onnx, torch_model = load_onnx_encoder("onnx"), load_torch_encoder()
    for text in [*TEXTS, LONG_TEXT]:
        expected_ids = torch_model.tokenizer(text, truncation=True, max_length=384)["input_ids"]
        assert onnx.tokenizer.encode(text).ids == expected_ids
        with torch_threads(1):
            expected = embed_one(torch_model, text)
        assert np.abs(onnx.embed_one(text) - expected).max() < 1e-5


def test_the_int8_encoder_stays_close_to_the_float_one(sentence_encoder):
    from pipeline.model.encoder import load_onnx_encoder

    full, int8 = load_onnx_encoder("onnx"), load_onnx_encoder("onnx-int8")
    cosines = [float(full.embed_one(text) @ int8.embed_one(text)) for text in TEXTS]
    assert min(cosines) > 0.995


def test_an_unknown_encoder_backend_is_one_clear_error(monkeypatch):
    from pipeline.model import encoder as module
    from pipeline.model.encoder_files import EncoderFilesError

    monkeypatch.setattr(module, "ENCODER_BACKEND", "tensorflow")
    with pytest.raises(EncoderFilesError, match="PIPELINE_ENCODER=tensorflow: not one of onnx, onnx-int8, torch"):
        module.load_encoder()
