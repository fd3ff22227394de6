"""The written set: labelled sentences written for the project
(`corpus/written/sentences.jsonl`, docs/written-set.md), across many pairs
of actors and the registers the seed articles lack. Every sentence ("yes" or
"no") joins the claim detector's training at `ModelSpec.written_claim_weight`;
never the label classifier's, never a test fold."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language

from pipeline.config import LABELS, PROJECT_ROOT, WRITTEN_PATH
from pipeline.io import InputError
from pipeline.io.jsonl import read_jsonl
from pipeline.model.classifier import ExtraLabelled
from pipeline.model.features import feature_rows
from pipeline.records import Article, Sentence
from pipeline.stages.ingest import find_blocks
from pipeline.stages.sentences import article_sentences

FIELDS = ("text", "claim", "label", "mixed", "actors")


@dataclass(frozen=True)
class WrittenSentence:
    text: str
    claim: bool
    label: str | None
    mixed: bool
    actors: tuple[str, ...]


def read_written(path: Path) -> list[WrittenSentence]:
    """The set's sentences; a malformed line stops with one error naming the file and line."""
    return [parse_record(record, f"{path}:{number}") for number, record in read_jsonl(path)]


def parse_record(record: dict[str, Any], where: str) -> WrittenSentence:
    if any(name not in record for name in FIELDS):
        raise InputError(f"{where}: needs the fields {', '.join(FIELDS)}")
    text, claim, label, mixed, actors = (record[name] for name in FIELDS)
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: 'text' must be a non-empty string")
    if not isinstance(claim, bool) or not isinstance(mixed, bool):
        raise InputError(f"{where}: 'claim' and 'mixed' must be true or false")
    if claim != (label in LABELS) or (not claim and label is not None):
        raise InputError(f"{where}: a claim's label is {' or '.join(LABELS)}, a non-claim's is null (got claim={claim}, label={label!r})")
    if not isinstance(actors, list) or not all(isinstance(code, str) and code.isupper() for code in actors):
        raise InputError(f"{where}: 'actors' must be a list of upper-case actor codes")
    if claim != bool(actors):
        raise InputError(f"{where}: a claim lists its actors, a non-claim none")
    return WrittenSentence(text=text, claim=claim, label=label, mixed=mixed, actors=tuple(actors))


def tag_lines(texts: list[str], *, nlp: Language) -> list[Sentence]:
    """Each text as a one-line article through the run's path (a headline is
    read as a heading, as in a run)."""
    articles = (Article(doc=f"written-{i}", path="", sha256="", raw=text, blocks=tuple(find_blocks(text))) for i, text in enumerate(texts))
    whole_line = lambda article: [(0, len(article.raw))]  # noqa: E731
    return [sentence for _article, (sentence,) in article_sentences(articles, nlp=nlp, spans_of=whole_line)]


@functools.lru_cache(maxsize=4)  # `evaluate --ablation` asks again for each variant
def claim_rows(path: Path, digest: str, *, nlp: Language, parts: frozenset[str]) -> ExtraLabelled:
    """Every sentence's feature row, "yes" for a claim (`digest`: the file's sha256, so an edited file is read again)."""
    sentences = read_written(path)
    rows = feature_rows(tag_lines([s.text for s in sentences], nlp=nlp), parts, clauses=False)
    return ExtraLabelled(rows=rows, labels=np.array(["yes" if s.claim else "no" for s in sentences]))


def written_claim_training(
    *, nlp: Language, parts: frozenset[str], weight: float, path: Path | None = WRITTEN_PATH
) -> tuple[ExtraLabelled | None, dict[str, Any] | None]:
    """The claim detector's written examples and what the model card records
    of them; (None, None) without the file or a weight for it."""
    if path is None or weight <= 0 or not path.exists():
        return None, None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    extra = claim_rows(path, digest, nlp=nlp, parts=parts)
    source = {
        "file": str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else path.name,
        "sha256": digest,
        "sentences": len(extra.labels),
        "claims": int((extra.labels == "yes").sum()),
        "weight": weight,
        "trains": "the claim detector",
    }
    return extra, source
