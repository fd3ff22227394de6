"""What a worker does: load the models once, then turn articles into their
records. Used in this process, in each pool process and on each Dask worker."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.io import InputError
from pipeline.records import Article, Claim, Sentence

if TYPE_CHECKING:
    from spacy.language import Language

    from pipeline.model.classifier import ClaimModel
    from pipeline.model.classify import Guess


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
    models_dir: Path


@dataclass(frozen=True)
class ArticleResult:
    article: Article
    sentences: list[Sentence]
    claims: list[Claim]
    guesses: list[Guess]  # the model's guess for each sentence
    date: str | None = None  # the article's date (ISO), from its meta or dateline


def load_models(paths: ModelPaths) -> Models:
    """The trained model (checked against its card), spaCy with the actor
    linker, and the sentence encoder with the prototype embeddings."""
    from pipeline.model.store import load_model
    from pipeline.stages.nlp import load_nlp
    from pipeline.model.prototypes import prototype_vectors
    from pipeline.events.types import prototype_matrix

    model, card = load_model(paths.models_dir)
    nlp = load_nlp(actors_path=paths.actors_path)
    prototype_vectors()
    prototype_matrix()
    return Models(nlp=nlp, model=model, version=card["version"], models_dir=paths.models_dir)


_loaded: dict[tuple[ModelPaths, str], Models] = {}
_loading = threading.Lock()


def cached_models(paths: ModelPaths) -> Models:
    """`load_models`, once per process (a pool or Dask worker keeps them) and
    actor dictionary: a dictionary edited since (`pipeline actors add`) is loaded anew."""
    from pipeline.runner.cache import parse_version

    key = (paths, parse_version(paths.actors_path))
    with _loading:
        if key not in _loaded:
            for stale in [old for old in _loaded if old[0] == paths]:
                del _loaded[stale]
            _loaded[key] = load_models(paths)
        return _loaded[key]


def process_article(article: Article, models: Models) -> ArticleResult:
    """Parse, segment, tag and classify one article, and give each claim its event."""
    from pipeline.events.annotate import event_claims
    from pipeline.stages.articledate import article_date
    from pipeline.stages.sentences import article_sentences

    ((_article, sentences),) = article_sentences([article], nlp=models.nlp)
    base = article_date(article.meta, article.raw)
    with model_misfit_as_input_error(models.models_dir):
        claims, guesses = event_claims(sentences, model=models.model, version=models.version, base=base)
    date = base.isoformat() if base else None
    return ArticleResult(article=article, sentences=sentences, claims=claims, guesses=guesses, date=date)


@contextlib.contextmanager
def model_misfit_as_input_error(models_dir: Path) -> Iterator[None]:
    """A model file that loads but whose arrays do not fit the features it is
    given (edited by hand, or from another version) fails scikit-learn here."""
    try:
        yield
    except ValueError as err:
        raise InputError(f"{models_dir}: the active model does not fit its features ({err}); retrain it with `make train FORCE=1`") from None
