"""The annotation queue from the last run, so `pipeline annotate` starts in
seconds: the run's cache (`OUT/.cache/`) holds every article's tagged
sentences and the active model's guesses, the same records `sentences.jsonl`
is written from. It is used only when it is current: every readable article
of the corpus has a cache entry under its present key (bytes, actor
dictionary, spaCy model, code) with the active model's guesses. Otherwise the
caller parses the corpus itself.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.annotate.queue import Session, candidates, candidates_from_guesses, least_certain_first, tagged_sentences
from pipeline.io import UnreadableArticle, list_articles, read_annotations
from pipeline.model.classify import Guess
from pipeline.model.registry import read_card
from pipeline.progress import Report, no_report
from pipeline.records import Sentence
from pipeline.runner.cache import RunCache, parse_version
from pipeline.runner.run import plan


def articles_from_run(
    corpus_dir: Path, out_dir: Path, *, models_dir: Path, actors_path: Path, check_only: bool = False
) -> list[tuple[list[Sentence], list[Guess]]] | None:
    """Each article's sentences and guesses from the run in `out_dir`, in
    corpus order; None when the run is missing or stale. `check_only`: read
    no entry, only check that every one is there (an empty list)."""
    skipped: list[UnreadableArticle] = []
    cache = RunCache(out_dir)
    version = read_card(models_dir)["version"]
    planned = plan(list_articles(corpus_dir), cache, parse_version(actors_path), version, skipped.append)
    if not planned or not all(item.parsed and item.labelled for item in planned):
        return None
    articles: list[tuple[list[Sentence], list[Guess]]] = []
    for item in [] if check_only else planned:
        parsed = cache.parse(item.key, path=item.path, sha256=item.sha256)
        if parsed is None:
            return None
        labels = cache.labels(item.key, version, doc=item.path.stem, sentences=len(parsed["sentences"]))
        if labels is None:
            return None
        sentences = [Sentence.from_json(record) for record in parsed["sentences"]]
        articles.append((sentences, labels[1]))
    return articles


def run_is_current(corpus_dir: Path, out_dir: Path, *, models_dir: Path, actors_path: Path) -> bool:
    return articles_from_run(corpus_dir, out_dir, models_dir=models_dir, actors_path=actors_path, check_only=True) is not None


def annotation_queue(
    corpus_dir: Path, annotations_dir: Path, out_dir: Path, *, models_dir: Path, actors_path: Path, report: Report = no_report
) -> Session:
    """The unlabelled sentences, least certain first: from the run when it is
    current, else from parsing the corpus with the active model."""
    labelled = {(a.doc, a.start, a.end) for a in read_annotations(annotations_dir)}
    from_run = articles_from_run(corpus_dir, out_dir, models_dir=models_dir, actors_path=actors_path)
    found = list(candidates_from_guesses(from_run)) if from_run is not None else parsed_candidates(corpus_dir, models_dir, actors_path, report)
    return Session(pending=least_certain_first(found, labelled), known={c.key: c for c in found})


def parsed_candidates(corpus_dir: Path, models_dir: Path, actors_path: Path, report: Report) -> list:
    from pipeline.model.store import load_model
    from pipeline.stages.nlp import load_nlp

    report("loading the models", 0, 0)
    model, _card = load_model(models_dir)
    nlp = load_nlp(actors_path=actors_path)
    total = len(list_articles(corpus_dir))
    found = []
    for done, (doc, sentences) in enumerate(tagged_sentences(corpus_dir, nlp=nlp), start=1):
        found.extend(candidates([(doc, sentences)], model=model))
        report("parsing the corpus", done, total)
    return found
