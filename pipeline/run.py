"""Run every stage over a folder of articles into `articles`, `sentences` and
`claims` JSONL, streaming, each file replaced atomically at the end."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from .classify import classify
from .ingest import ingest
from .io import InputError, atomic_jsonl_writer, list_articles
from .model import ClaimModel
from .nlp import parse
from .segment import segment
from .tag import tag

OUTPUT_FILES = ("articles.jsonl", "sentences.jsonl", "claims.jsonl")


@dataclass
class RunSummary:
    articles: int = 0
    sentences: int = 0
    claims: int = 0
    labels: dict[str, int] = field(default_factory=dict)


def run(corpus_dir: Path, out_dir: Path, *, nlp: Language, model: ClaimModel, version: str, n_process: int = 1) -> RunSummary:
    paths = list_articles(corpus_dir)
    if not paths:
        raise InputError(f"{corpus_dir}: no .txt articles")
    summary = RunSummary()
    stages = classify(tag(segment(parse(ingest(paths), nlp=nlp, n_process=n_process))), model=model, version=version)
    with contextlib.ExitStack() as stack:
        articles_out, sentences_out, claims_out = (
            stack.enter_context(atomic_jsonl_writer(out_dir / name)) for name in OUTPUT_FILES
        )
        for article, sentences, claims in stages:
            articles_out.write(article.to_json())
            sentences_out.write_all(sentence.to_json() for sentence in sentences)
            claims_out.write_all(claim.to_json() for claim in claims)
            summary.articles += 1
            summary.sentences += len(sentences)
            summary.claims += len(claims)
            for claim in claims:
                summary.labels[claim.label] = summary.labels.get(claim.label, 0) + 1
    return summary
