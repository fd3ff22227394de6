"""Sentence embeddings from all-mpnet-base-v2, unpacked from its packages
(`encoder_files`), so nothing is fetched at run time.

Three ways to run the same weights (`config.ENCODER_BACKEND`, set by
PIPELINE_ENCODER): "onnx", the default, the transformer exported to ONNX at
install (`encoder_export`) and run by ONNX Runtime, then mean-pooled and
normalised here as the packaged `1_Pooling` and `2_Normalize` say; it embeds
as torch does to ~1e-7. "onnx-int8", the export with int8 weights: faster,
and different enough that models name it (`ENCODER_NAME`). "torch", the
encoder as sentence-transformers runs it, kept for comparison.

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

from pipeline.config import EMBEDDING_CACHE, ENCODER_BACKEND, ENCODER_BACKENDS
from pipeline.model.embed_cache import active_cache, cached_embeddings

EMBEDDING_DIM = 768


ENCODER_THREADS = 1
# sentence_bert_config.json's max_seq_length: longer texts are truncated.
MAX_TOKENS = 384


def encoder_identity() -> str:
    """What an embedding's bits depend on: the weights and what runs them."""
    from importlib.metadata import version

    from pipeline.model.encoder_export import EXPORT_MARK
    from pipeline.model.encoder_files import ARCHIVE_SHA256, ENCODER_NAME

    if ENCODER_BACKEND == "torch":
        runner = f"torch {version('torch')} sentence-transformers {version('sentence-transformers')}"
    else:
        runner = f"{ENCODER_BACKEND} {EXPORT_MARK} onnxruntime {version('onnxruntime')} tokenizers {version('tokenizers')}"
    return f"{ENCODER_NAME} {ARCHIVE_SHA256} {runner} threads {ENCODER_THREADS}"


def embedding_cache(path: Path | None = EMBEDDING_CACHE):  # -> contextmanager
    """Within this block `embed` reads and fills the on-disk cache at `path` (None: none)."""
    return cached_embeddings(path, identity=encoder_identity(), dim=EMBEDDING_DIM)


def load_encoder():
    """This process's encoder, loaded: an `OnnxEncoder`, or the
    sentence-transformers model (PIPELINE_ENCODER=torch)."""
    if ENCODER_BACKEND not in ENCODER_BACKENDS:
        from pipeline.model.encoder_files import EncoderFilesError

        raise EncoderFilesError(f"PIPELINE_ENCODER={ENCODER_BACKEND}: not one of {', '.join(ENCODER_BACKENDS)}")
    return load_torch_encoder() if ENCODER_BACKEND == "torch" else load_onnx_encoder(ENCODER_BACKEND)


class OnnxEncoder:
    """The exported transformer on one thread, and the packaged tokenizer
    truncating as sentence-transformers does, never padding."""

    def __init__(self, model: Path, tokenizer: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = ENCODER_THREADS
        options.inter_op_num_threads = ENCODER_THREADS
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()

    def embed_one(self, text: str) -> np.ndarray:
        """Mean of the token states (every token counts: no padding), unit length."""
        ids = np.array([self.tokenizer.encode(text).ids], dtype=np.int64)
        (states,) = self.session.run(["token_states"], {"input_ids": ids, "attention_mask": np.ones_like(ids)})
        vector = states[0].mean(axis=0)
        return (vector / max(float(np.linalg.norm(vector)), 1e-12)).astype(np.float32)


@lru_cache(maxsize=2)
def load_onnx_encoder(backend: str) -> OnnxEncoder:
    from pipeline.model.encoder_export import FLOAT_FILE, INT8_FILE, TOKENIZER_FILE, exported
    from pipeline.model.encoder_files import ONNX_DIR

    folder = exported(ONNX_DIR)
    return OnnxEncoder(folder / (INT8_FILE if backend == "onnx-int8" else FLOAT_FILE), folder / TOKENIZER_FILE)


@lru_cache(maxsize=1)
def load_torch_encoder():  # -> sentence_transformers.SentenceTransformer
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
    if isinstance(encoder, OnnxEncoder):
        for i, text in enumerate(texts):
            vectors[i] = encoder.embed_one(text)
        return vectors
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
