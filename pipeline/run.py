"""Run every stage over a folder of articles into `articles`, `sentences` and
`claims` JSONL, streaming, each file replaced atomically at the end."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from .classify import classify
from .ingest import ingest
from .io import InputError, UnreadableArticle, atomic_jsonl_writer, list_articles, remove_stale_temp_files
from .model import ClaimModel
from .nlp import parse
from .segment import segment
from .tag import tag

OUTPUT_FILES = ("articles.jsonl", "sentences.jsonl", "claims.jsonl")


class StrictRunError(InputError):
    """`--strict` and some articles were skipped: nothing is written."""


@dataclass
class RunSummary:
    articles: int = 0
    sentences: int = 0
    claims: int = 0
    labels: dict[str, int] = field(default_factory=dict)
    skipped: list[UnreadableArticle] = field(default_factory=list)

    def skipped_by_reason(self) -> dict[str, int]:
        return dict(sorted(Counter(skip.reason for skip in self.skipped).items()))


def run(
    corpus_dir: Path,
    out_dir: Path,
    *,
    nlp: Language,
    model: ClaimModel,
    version: str,
    n_process: int = 1,
    strict: bool = False,
    on_skip: Callable[[UnreadableArticle], None] | None = None,
) -> RunSummary:
    """Process every readable article; an unreadable one is skipped (and
    reported to `on_skip`), or with `strict` fails the run before any output
    is replaced."""
    paths = list_articles(corpus_dir)
    if not paths:
        raise InputError(f"{corpus_dir}: no .txt articles")
    summary = RunSummary()

    def skip(unreadable: UnreadableArticle) -> None:
        summary.skipped.append(unreadable)
        if on_skip is not None:
            on_skip(unreadable)

    remove_stale_temp_files(out_dir, OUTPUT_FILES)
    articles = ingest(paths, on_skip=skip)
    stages = classify(tag(segment(parse(articles, nlp=nlp, n_process=n_process))), model=model, version=version)
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
        check_outcome(summary, corpus_dir, strict)
    return summary


def check_outcome(summary: RunSummary, corpus_dir: Path, strict: bool) -> None:
    """Raised inside the writers' block, so a failed run replaces no output."""
    if summary.articles == 0:
        raise InputError(f"{corpus_dir}: no readable articles ({len(summary.skipped)} skipped)")
    if strict and summary.skipped:
        raise StrictRunError(f"{corpus_dir}: {len(summary.skipped)} article(s) skipped and --strict is set; no output written")

