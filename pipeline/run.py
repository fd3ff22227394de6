"""Run every stage over a folder of articles into `articles`, `sentences` and
`claims` JSONL, streaming, each file replaced atomically at the end.

`process_article` is the whole per-article pipeline (parse, segment, tag,
classify). `run` reads the articles in order and hands them to it here, in a
pool of local processes or on a Dask cluster (`pipeline/executors.py`), then
writes the results in input order: the outputs are the same bytes whatever
the executor and the number of workers.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .io import InputError, atomic_jsonl_writer, list_articles
from .records import Article, Claim, Sentence

if TYPE_CHECKING:
    from spacy.language import Language

    from .model import ClaimModel

OUTPUT_FILES = ("articles.jsonl", "sentences.jsonl", "claims.jsonl")


@dataclass(frozen=True)
class ModelPaths:
    """Where the models are: all a worker process needs to load them itself."""

    models_dir: Path
    actors_path: Path


@dataclass(frozen=True)
class Models:
    nlp: Language
    model: ClaimModel
    version: str


@dataclass(frozen=True)
class ArticleResult:
    article: Article
    sentences: list[Sentence]
    claims: list[Claim]


@dataclass
class RunSummary:
    articles: int = 0
    sentences: int = 0
    claims: int = 0
    labels: dict[str, int] = field(default_factory=dict)
    # From the start of `run` to the first article's results (models loaded, a worker started).
    first_result_seconds: float | None = None


def load_models(paths: ModelPaths) -> Models:
    """The trained model (checked against its card), spaCy with the actor
    linker, and the sentence encoder with the prototype embeddings."""
    from .model import load_model
    from .nlp import load_nlp
    from .prototypes import prototype_vectors

    model, card = load_model(paths.models_dir)
    nlp = load_nlp(actors_path=paths.actors_path)
    prototype_vectors()
    return Models(nlp=nlp, model=model, version=card["version"])


_loaded: dict[ModelPaths, Models] = {}
_loading = threading.Lock()


def cached_models(paths: ModelPaths) -> Models:
    """`load_models`, once per process (a pool or Dask worker keeps them)."""
    with _loading:
        if paths not in _loaded:
            _loaded[paths] = load_models(paths)
        return _loaded[paths]


def process_article(article: Article, models: Models) -> ArticleResult:
    """Parse, segment, tag and classify one article."""
    from .classify import classify_sentences
    from .nlp import prepare_doc
    from .segment import sentence_units
    from .tag import tag_units

    doc = models.nlp(prepare_doc(models.nlp, article))
    sentences = [sentence for _unit, sentence in tag_units(article.doc, doc, sentence_units(article, doc))]
    claims = classify_sentences(sentences, model=models.model, version=models.version)
    return ArticleResult(article=article, sentences=sentences, claims=claims)


def run(
    corpus_dir: Path,
    out_dir: Path,
    *,
    models: ModelPaths,
    workers: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    on_article: Callable[[ArticleResult], None] | None = None,
) -> RunSummary:
    """Process every article of `corpus_dir` and write the three outputs to
    `out_dir`. `executor` is "local" (this process when `workers` is 1, else a
    process pool) or "dask" (the cluster at `scheduler`, or a LocalCluster of
    `workers` processes when it is None)."""
    from .executors import open_executor
    from .ingest import ingest

    started = time.perf_counter()
    paths = list_articles(corpus_dir)
    if not paths:
        raise InputError(f"{corpus_dir}: no .txt articles")
    summary = RunSummary()
    with contextlib.ExitStack() as stack:
        process = stack.enter_context(open_executor(models, workers=workers, executor=executor, scheduler=scheduler))
        articles_out, sentences_out, claims_out = (
            stack.enter_context(atomic_jsonl_writer(out_dir / name)) for name in OUTPUT_FILES
        )
        for result in process(ingest(paths)):
            if summary.first_result_seconds is None:
                summary.first_result_seconds = time.perf_counter() - started
            articles_out.write(result.article.to_json())
            sentences_out.write_all(sentence.to_json() for sentence in result.sentences)
            claims_out.write_all(claim.to_json() for claim in result.claims)
            summary.articles += 1
            summary.sentences += len(result.sentences)
            summary.claims += len(result.claims)
            for claim in result.claims:
                summary.labels[claim.label] = summary.labels.get(claim.label, 0) + 1
            if on_article is not None:
                on_article(result)
    return summary
