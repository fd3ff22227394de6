"""Run every stage over a folder of articles into `articles`, `sentences` and
`claims` JSONL, streaming, then group the claims into `events`; the four
are replaced together at the end, one run at a time (`outputs.py`).

`process_article` (`worker.py`) is the whole per-article pipeline (parse,
segment, tag, classify). `run` reads the articles in order and hands them to
it here, in a pool of local processes or on a Dask cluster (`executors.py`),
then writes the results in input order: the outputs are the same bytes
whatever the executor and the number of workers.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.config import TEXT_FOLDER
from pipeline.events.dedup import group_events
from pipeline.io import (
    InputError,
    UnreadableArticle,
    atomic_jsonl_writer,
    atomic_text_folder,
    list_articles,
    read_meta,
    read_text,
)
from pipeline.progress import Report, no_report
from pipeline.records import Sentence
from pipeline.runner.notices import unlinked_names
from pipeline.runner.outputs import output_lock, output_set
from pipeline.runner.overrides import HumanLabels, label_article
from pipeline.runner.worker import ArticleResult, ModelPaths, cached_models, model_misfit_as_input_error, process_article

if TYPE_CHECKING:
    from pipeline.runner.cache import RunCache
    from pipeline.runner.executors import Process
    from pipeline.model.classifier import ClaimModel

OUTPUT_FILES = ("articles.jsonl", "sentences.jsonl", "claims.jsonl")
# Written after every article: claims of the same event grouped across articles.
EVENTS_FILE = "events.jsonl"


class StrictRunError(InputError):
    """`--strict` and some articles were skipped: nothing is written."""


@dataclass
class RunSummary:
    articles: int = 0
    sentences: int = 0
    claims: int = 0
    events: int = 0
    labels: dict[str, int] = field(default_factory=dict)
    skipped: list[UnreadableArticle] = field(default_factory=list)
    human_labels: int = 0  # sentences whose label came from the annotations
    unlinked: Counter[str] = field(default_factory=Counter)  # actor-like names with no code
    # From the start of `run` to the first article's results (models loaded, a worker started).
    first_result_seconds: float | None = None

    def count(self, records: Records) -> None:
        self.articles += 1
        self.sentences += len(records.sentences)
        self.unlinked.update(unlinked_names(records.sentences))
        self.claims += len(records.claims)
        for claim in records.claims:
            self.labels[claim["label"]] = self.labels.get(claim["label"], 0) + 1

    def skipped_by_reason(self) -> dict[str, int]:
        return dict(sorted(Counter(skip.reason for skip in self.skipped).items()))


@dataclass(frozen=True)
class Planned:
    """An article to write, and what the cache already has of it."""

    path: Path
    key: str
    sha256: str  # of the bytes the key was made from
    meta: dict[str, Any]  # NAME.meta.json as read for the key
    parsed: bool  # its sentences are cached
    labelled: bool  # its claims by the active model are cached


@dataclass(frozen=True)
class Records:
    """One article's output records, as JSON."""

    article: dict[str, Any]
    sentences: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    guesses: list[dict[str, Any]]  # the model's, one per sentence
    text: str | None = None  # a web page's extracted text, for OUT/text/DOC.txt

    @classmethod
    def of(cls, result: ArticleResult) -> Records:
        text = result.article.raw if result.article.from_html else None
        article = result.article.to_json() | {"date": result.date}
        sentences, claims = [s.to_json() for s in result.sentences], [c.to_json() for c in result.claims]
        return cls(article, sentences, claims, result.guesses, text)

    def as_written(self, human: HumanLabels, version: str) -> tuple[Records, int]:
        """The records as written: every sentence with its guess, human labels
        applied (`runner/overrides.py`); and how many human labels applied."""
        done = label_article(self.sentences, self.claims, self.guesses, human, version=version)
        return Records(self.article, done.sentences, done.claims, self.guesses, self.text), done.applied


def run(
    corpus_dir: Path,
    out_dir: Path,
    *,
    models: ModelPaths,
    workers: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    on_article: Callable[[Records], None] | None = None,
    strict: bool = False,
    on_skip: Callable[[UnreadableArticle], None] | None = None,
    annotations_dir: Path | None = None,
    report: Report = no_report,
) -> RunSummary:
    """Process every article of `corpus_dir` and write the three outputs to
    `out_dir`. `executor` is "local" (this process when `workers` is 1, else a
    process pool) or "dask" (the cluster at `scheduler`, or a LocalCluster of
    `workers` processes when it is None).

    Only articles whose key (bytes, spaCy model, actor dictionary, code) has
    no cached parse are parsed; cached ones with no claims by the active model
    are only re-labelled. An unreadable article is skipped (and passed to
    `on_skip`), or with `strict` fails the run before any output is replaced.
    The labels in `annotations_dir` win over the model's (`runner/overrides.py`).
    `report(description, done, total)` is told what the run is doing."""
    from pipeline.runner.cache import RunCache, parse_version
    from pipeline.runner.executors import open_executor
    from pipeline.model.registry import read_card

    started = time.perf_counter()
    check_out_dir(out_dir)
    human = HumanLabels.read(annotations_dir)
    paths = list_articles(corpus_dir)
    if not paths:
        raise InputError(f"{corpus_dir}: no articles (.txt or .html)")
    summary = RunSummary()

    def skip(unreadable: UnreadableArticle) -> None:
        summary.skipped.append(unreadable)
        if on_skip is not None:
            on_skip(unreadable)

    cache = RunCache(out_dir)
    model_version = read_card(models.models_dir)["version"]
    version = parse_version(models.actors_path)
    with output_lock(out_dir), contextlib.ExitStack() as stack:
        planned = plan(paths, cache, version, model_version, skip)
        if strict and summary.skipped:  # known before any work: fail now, as check_outcome would at the end
            raise StrictRunError(f"{corpus_dir}: {len(summary.skipped)} article(s) skipped and --strict is set; no output written")
        output_folder = stack.enter_context(output_set(out_dir, OUTPUT_FILES + (EVENTS_FILE,)))
        misses = [item.path for item in planned if not item.parsed]
        if misses:
            report("loading the models", 0, 0)
        process = stack.enter_context(open_executor(models, workers=workers, executor=executor, scheduler=scheduler, needed=bool(misses)))
        articles_out, sentences_out, claims_out, events_out = (
            stack.enter_context(atomic_jsonl_writer(output_folder / name)) for name in OUTPUT_FILES + (EVENTS_FILE,)
        )
        texts = stack.enter_context(atomic_text_folder(out_dir / TEXT_FOLDER))
        all_claims: list[dict[str, Any]] = []
        stage = articles_stage(planned, misses)
        report(stage, 0, len(planned))
        for records in records_in_order(planned, misses, cache, process, Relabeller(models, model_version)):
            if summary.first_result_seconds is None:
                summary.first_result_seconds = time.perf_counter() - started
            records, applied = records.as_written(human, model_version)
            summary.human_labels += applied
            articles_out.write(records.article)
            sentences_out.write_all(records.sentences)
            claims_out.write_all(records.claims)
            if records.text is not None:
                texts.write(f"{records.article['doc']}.txt", records.text)
            all_claims.extend(records.claims)
            summary.count(records)
            report(stage, summary.articles, len(planned))
            if on_article is not None:
                on_article(records)
        check_outcome(summary, corpus_dir, strict)
        events = group_events(all_claims)
        events_out.write_all(events)
        summary.events = len(events)
        stack.close()  # the new outputs are current: now the cache may forget the rest
        cache.keep_only({item.key for item in planned})
    return summary


def plan(
    paths: list[Path], cache: RunCache, version: str, model_version: str, skip: Callable[[UnreadableArticle], None]
) -> list[Planned]:
    """Read each article's bytes for its key; skip the unreadable ones."""
    from pipeline.runner.cache import article_key

    planned: list[Planned] = []
    # One article per name (its doc): a text file wins over a saved page, else the first by name.
    kept = {path.stem: path for path in reversed(paths)} | {path.stem: path for path in paths if path.suffix == ".txt"}
    for path in paths:
        try:
            if kept[path.stem] != path:
                raise UnreadableArticle(path, "duplicate name", f"{kept[path.stem].name} has the same name")
            _raw, sha256 = read_text(path)
            meta = read_meta(path)
        except UnreadableArticle as unreadable:
            skip(unreadable)
            continue
        key = article_key(path, sha256, meta, version)
        planned.append(
            Planned(
                path=path, key=key, sha256=sha256, meta=meta, parsed=cache.has_parse(key), labelled=cache.has_claims(key, model_version)
            )
        )
    return planned


def articles_stage(planned: list[Planned], misses: list[Path]) -> str:
    """What the run does with the articles, for progress lines."""
    relabel = sum(item.parsed and not item.labelled for item in planned)
    cached = len(planned) - len(misses) - relabel
    parts = [f"{n} {what}" for n, what in ((len(misses), "to parse"), (relabel, "to relabel"), (cached, "cached")) if n]
    return f"articles: {', '.join(parts)}"


def records_in_order(
    planned: list[Planned], misses: list[Path], cache: RunCache, process: Process, relabel: Relabeller
) -> Iterator[Records]:
    """Each article's records in corpus order: parsed if its parse is not
    cached (by `process`, streaming), else from the cache, re-labelled if the
    cache has no claims by the active model."""
    from pipeline.stages.ingest import ingest

    results = iter(process(ingest(misses))) if misses else iter(())
    for item in planned:
        cached = cache.parse(item.key, path=item.path, sha256=item.sha256) if item.parsed else None
        if cached is None:
            records = Records.of(next(results) if not item.parsed else relabel.process(item.path))
            if read_as_planned(records.article, item):
                cache.put_parse(item.key, records.article, records.sentences, records.text)
                cache.put_labels(item.key, relabel.version, records.claims, records.guesses)
            yield records
            continue
        sentences = cached["sentences"]
        labels = cache.labels(item.key, relabel.version, doc=item.path.stem, sentences=len(sentences)) if item.labelled else None
        if labels is None:
            labels = relabel(sentences, cached["article"].get("date"))
            cache.put_labels(item.key, relabel.version, *labels)
        yield Records(cached["article"], sentences, *labels, cached.get("text"))


def read_as_planned(article: dict[str, Any], item: Planned) -> bool:
    """Whether the article was processed from the bytes and meta its key was
    made from: one edited meanwhile must not be cached under the old key."""
    # The record's meta is NAME.meta.json over what the article itself gives (a heading, a page's date).
    return article["sha256"] == item.sha256 and all(article["meta"].get(k) == v for k, v in item.meta.items())


class Relabeller:
    """Claims for cached sentences by the active model, loaded on first use
    (with the whole pipeline, only if a cache entry turns out damaged)."""

    def __init__(self, models: ModelPaths, version: str) -> None:
        self.models = models
        self.version = version

    def __call__(self, sentences: list[dict[str, Any]], date: str | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The claims, with their events, and the guess for every sentence."""
        from pipeline.events.annotate import event_claims

        base = datetime.date.fromisoformat(date) if date else None
        sentences_in = [Sentence.from_json(s) for s in sentences]
        model = self.claim_model()
        with model_misfit_as_input_error(self.models.models_dir):
            claims, guesses = event_claims(sentences_in, model=model, version=self.version, base=base)
        return [claim.to_json() for claim in claims], guesses

    @functools.cache
    def claim_model(self) -> ClaimModel:
        from pipeline.model.store import load_model

        model, card = load_model(self.models.models_dir)
        if card["version"] != self.version:
            raise InputError(f"{self.models.models_dir}: the active model changed during the run")
        return model

    def process(self, path: Path) -> ArticleResult:
        from pipeline.stages.ingest import ingest

        (article,) = ingest([path])
        return process_article(article, cached_models(self.models))


def check_out_dir(out_dir: Path) -> None:
    """`--out` names a folder, existing or to be made: not a file, nor inside one."""
    for folder in (out_dir, *out_dir.parents):
        if folder.exists():
            if not folder.is_dir():
                raise InputError(f"{folder}: a file, not a folder (--out names the folder the outputs go to)")
            return


def check_outcome(summary: RunSummary, corpus_dir: Path, strict: bool) -> None:
    """Raised inside the writers' block, so a failed run replaces no output."""
    if summary.articles == 0:
        raise InputError(f"{corpus_dir}: no readable articles ({len(summary.skipped)} skipped)")
    if strict and summary.skipped:
        raise StrictRunError(f"{corpus_dir}: {len(summary.skipped)} article(s) skipped and --strict is set; no output written")
