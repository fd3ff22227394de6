"""The command line: thin wrappers that check arguments and call the library."""

from __future__ import annotations

import json
import logging
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from pipeline import config
from pipeline.cli_actors import actors_app
from pipeline.cli_export import export_cli

if TYPE_CHECKING:
    from pipeline.annotate.queue import Session
    from pipeline.training.retrain import Comparison

# Arguments and options shared by several commands.
CorpusDir = Annotated[Path, typer.Argument(help="Folder of articles: .txt files and saved web pages (.html).")]
ActorsFile = Annotated[Path, typer.Option(help="Actor dictionary (JSONL).")]
AnnotationsDir = Annotated[Path, typer.Option(help="Folder of annotation JSONL files.")]
ExternalDir = Annotated[Optional[Path], typer.Option(help="Folder of public labelled sets, if present: PLOVER and a UN sample are scored, the other UN sentences help train the label.")]

class Executor(str, Enum):
    local = "local"
    dask = "dask"


app = typer.Typer(add_completion=False, no_args_is_help=True, help="Cooperation and tension claims from news articles.")
app.command("export")(export_cli)
app.add_typer(actors_app, name="actors")


def fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=1)


@app.command("run")
def run_cli(
    corpus_dir: CorpusDir = config.RAW_DIR,
    out: Annotated[Path, typer.Option(help="Folder for the JSONL outputs.")] = config.OUT_DIR,
    models: Annotated[Path, typer.Option(help="Folder holding the trained model.")] = config.MODELS_DIR,
    actors: ActorsFile = config.ACTORS_PATH,
    workers: Annotated[Optional[str], typer.Option(envvar="PIPELINE_WORKERS", metavar="N", show_default="the number of cores", help="Processes, each running the whole per-article pipeline (at most the cores available).")] = None,
    executor: Annotated[
        Executor, typer.Option(envvar="PIPELINE_EXECUTOR", help="local: this machine; dask: a Dask cluster (a LocalCluster of WORKERS processes without --dask-scheduler).")
    ] = Executor.local,
    dask_scheduler: Annotated[
        Optional[str], typer.Option(help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --executor dask).")
    ] = None,
    strict: Annotated[bool, typer.Option(help="Fail (exit 1, no output written) if any article is skipped.")] = False,
    annotations: Annotated[Path, typer.Option(help="Folder of annotation JSONL files: their labels win over the model's.")] = config.ANNOTATIONS_DIR,
) -> None:
    """Run every stage over CORPUS_DIR and write articles, sentences and claims JSONL to OUT.

    Unreadable articles (empty, binary, not UTF-8, a web page with no article, too large,
    a symlink out of the corpus) are skipped with a warning; the rest are processed.
    A unit labelled in ANNOTATIONS keeps its human label (`label_source`)."""
    from pipeline.io import InputError
    from pipeline.progress import progress_steps
    from pipeline.runner.executors import requested_workers
    from pipeline.runner.notices import ignored_files, run_notices
    from pipeline.runner.run import run
    from pipeline.runner.worker import ModelPaths

    try:
        processes, note = requested_workers(workers, local=dask_scheduler is None)
        if note:
            typer.echo(f"note: {note}", err=True)
        with progress_steps() as progress:
            summary = run(
                corpus_dir,
                out,
                models=ModelPaths(models_dir=models, actors_path=actors),
                workers=processes,
                executor=executor.value,
                scheduler=dask_scheduler,
                strict=strict,
                on_skip=warn_skipped,
                annotations_dir=annotations,
                report=progress,
            )
    except InputError as err:
        fail(str(err))
    labels = ", ".join(f"{n} {label}" for label, n in sorted(summary.labels.items()))
    typer.echo(f"{summary.articles} articles, {summary.sentences} sentences, {summary.claims} claims ({labels}), {summary.events} events -> {out}")
    typer.echo(f"{summary.human_labels} sentences labelled from {annotations} (label_source: annotation)")
    typer.echo(f"processed {summary.articles}, skipped {len(summary.skipped)}{format_reasons(summary.skipped_by_reason())}")
    for line in run_notices(summary.unlinked, ignored_files(corpus_dir), actors):
        typer.echo(line)


def warn_skipped(unreadable: Exception) -> None:
    typer.echo(f"warning: skipped {unreadable}", err=True)


def format_reasons(reasons: dict[str, int]) -> str:
    return f" ({', '.join(f'{reason}: {n}' for reason, n in reasons.items())})" if reasons else ""


@app.command("validate")
def validate_cli(
    corpus_dir: CorpusDir = config.RAW_DIR,
    annotations: AnnotationsDir = config.ANNOTATIONS_DIR,
    actors: ActorsFile = config.ACTORS_PATH,
) -> None:
    """Check articles, actor dictionary and annotations; list every problem, exit 1 if any."""
    from pipeline.validate import validate

    result = validate(corpus_dir, actors, annotations)
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for problem in result.problems:
        typer.echo(f"error: {problem}", err=True)
    counts = f"{result.articles} articles, {result.actors} actors, {result.annotations} annotations"
    if result.problems:
        typer.echo(f"{len(result.problems)} problem(s) ({counts} readable)", err=True)
        raise typer.Exit(code=1)
    typer.echo(f"ok: {counts}")


@app.command("train")
def train_cli(
    corpus_dir: Annotated[Path, typer.Option(help="Folder of the annotated articles.")] = config.RAW_DIR,
    annotations: AnnotationsDir = config.ANNOTATIONS_DIR,
    models: Annotated[Path, typer.Option(help="Folder to save the model in.")] = config.MODELS_DIR,
    actors: ActorsFile = config.ACTORS_PATH,
    external: ExternalDir = None,
    force: Annotated[bool, typer.Option(help="Make the new model active even if it scores lower than the active one.")] = False,
) -> None:
    """Fit the claim model on every annotation, save it as a new version with its
    model card, and make it active unless it scores lower than the active model."""
    from pipeline.training.evaluate import full_report
    from pipeline.io import InputError, read_annotations
    from pipeline.model.store import save_model
    from pipeline.model.registry import previous_card
    from pipeline.stages.nlp import load_nlp
    from pipeline.progress import progress_steps
    from pipeline.training.retrain import compare
    from pipeline.training.newlabels import active_model, heldout_outcomes, noise_verdict, score_new_labels, training_data
    from pipeline.training.summary import format_comparison, format_metrics, verdict, what_is_new
    from pipeline.training.train import build_examples, model_card
    from pipeline.model.encoder import embedding_cache

    try:
        previous = previous_card(models)
        items = read_annotations(annotations)
        if not items:
            fail(f"{annotations}: no annotations")
        with progress_steps() as progress, embedding_cache():
            progress("loading spaCy and the actor dictionary", 0, 0)
            nlp = load_nlp(actors_path=actors)
            parts = {*config.CLAIM_PARTS, *config.LABEL_PARTS}
            examples = build_examples(items, corpus_dir, nlp=nlp, parts=parts, report=progress)
            report = full_report(examples, nlp=nlp, external_dir=external_dir(external), report=progress)
        labelled = [e.annotation for e in examples]
        comparison = compare(previous, labelled, report.scored, report.scores)
        new_labels = score_new_labels(report.scored, previous, active_model(models) if comparison.previous_runs else None)
        extra = {
            "previous_version": previous and previous["version"],
            "new_annotations": comparison.new_annotations,
            "external_training": report.external_training, "written_training": report.written_training,
            "dyad_training": report.dyad_training,
            "event_types": report.event_types,
            "heldout_outcomes": heldout_outcomes(report.scored),
        }
        activate = force or not comparison.is_worse
        card = save_model(report.model, model_card(labelled, report.scores, **extra), models, activate=activate)
    except (InputError, ValueError) as err:
        fail(str(err))
    typer.echo(f"trained {card['version']} on {card['units']} units from {card['articles']} articles{what_is_new(comparison)}")
    typer.echo(format_comparison(comparison, card["version"]) if previous else format_metrics(report.scores))
    typer.echo(training_data(card["units"], card["articles"], report.external_training, external_dir(external) is not None, report.written_training))
    for line in filter(None, [new_labels.describe(), noise_verdict(report.scored, previous, comparison.previous_score)] if previous else []):
        typer.echo(line)
    typer.echo(verdict(comparison, card["version"], activate))


@app.command("evaluate")
def evaluate_cli(
    corpus_dir: Annotated[Path, typer.Option(help="Folder of the annotated articles.")] = config.RAW_DIR,
    annotations: AnnotationsDir = config.ANNOTATIONS_DIR,
    actors: ActorsFile = config.ACTORS_PATH,
    external: ExternalDir = None,
    errors: Annotated[int, typer.Option(min=0, help="Print the N most confident held-out mistakes (JSONL) instead.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
    output: Annotated[Optional[Path], typer.Option(help="Also write the metrics as a Markdown report (docs/model-report.md).")] = None,
) -> None:
    """Leave-one-article-out cross-validation over the annotations, and the
    external sets scored by a model trained on all annotations."""
    from pipeline.io import InputError, atomic_writer, read_annotations
    from pipeline.progress import progress_steps
    from pipeline.stages.nlp import load_nlp
    from pipeline.training.behaviour import behaviour_report
    from pipeline.training.evaluate import confident_mistakes, cross_validate, full_report, training_extras
    from pipeline.training.summary import format_metrics, model_report
    from pipeline.training.train import build_examples
    from pipeline.model.encoder import embedding_cache

    try:
        nlp = load_nlp(actors_path=actors)
        with progress_steps() as report, embedding_cache():
            examples = build_examples(read_annotations(annotations), corpus_dir, nlp=nlp, report=report)
            if errors:
                extra, claim_extra = training_extras(external_dir(external), nlp=nlp, report=report)
                mistakes = confident_mistakes(cross_validate(examples, extra=extra, claim_extra=claim_extra, report=report), errors)
            else:
                found = full_report(examples, nlp=nlp, external_dir=external_dir(external), report=report, event_gold=True)
                report("behavioural suite", 0, 1)
                behaviour = behaviour_report(model=found.model, nlp=nlp)
                scores, written = found.scores, found.written_training
        if output is not None and not errors:
            command = "pipeline evaluate" + (f" --external {external}" if external_dir(external) else "")
            with atomic_writer(output) as handle:
                handle.write(model_report(scores, behaviour, command=command, external=external_dir(external) is not None, written=written))
    except (InputError, ValueError, OSError) as err:
        fail(str(err))
    if errors:
        for mistake in mistakes:
            typer.echo(json.dumps(mistake, ensure_ascii=False))
        return
    if as_json:
        typer.echo(json.dumps({**scores, "behaviour": behaviour}, indent=2))
    else:
        typer.echo(format_metrics(scores))
        typer.echo(format_metrics(behaviour, title="behavioural suite (pass rates, a model trained on every annotation):"))
    if output is not None:
        typer.echo(f"-> {output}")


class ToolFormat(str, Enum):
    prodigy = "prodigy"
    doccano = "doccano"


@app.command("annotate")
def annotate_cli(
    corpus_dir: CorpusDir = config.RAW_DIR,
    annotations: Annotated[Path, typer.Option(help="Folder of annotation JSONL files (answers are added here).")] = config.ANNOTATIONS_DIR,
    models: Annotated[Path, typer.Option(help="Folder holding the trained models.")] = config.MODELS_DIR,
    actors: ActorsFile = config.ACTORS_PATH,
    export: Annotated[Optional[Path], typer.Option("--export", help="Write the queue to FILE for another tool.")] = None,
    import_file: Annotated[Optional[Path], typer.Option("--import", help="Read labels from FILE exported by another tool.")] = None,
    tool_format: Annotated[Optional[ToolFormat], typer.Option("--format", help="The other tool's JSONL format.")] = None,
    out: Annotated[Path, typer.Option(help="The run's output folder: its sentences and guesses are read when current.")] = config.OUT_DIR,
) -> None:
    """Label the sentences the model is least sure of, one key each: c(ooperation),
    t(ension), n(ot a claim), s(kip), u(ndo), q(uit); digits toggle the actors
    offered, m toggles mixed. Each answer is saved at once to
    ANNOTATIONS/annotate.jsonl; the next session resumes where this one stopped."""
    from pipeline.io import InputError

    if export and import_file:
        fail("--export and --import go one at a time")
    if (export or import_file) and tool_format is None:
        fail("--export and --import need --format prodigy or --format doccano")
    if tool_format is not None and not (export or import_file):
        fail("--format goes with --export or --import")
    try:
        if import_file:
            from pipeline.annotate.exchange import import_labels

            typer.echo(import_labels(import_file, tool_format.value, corpus_dir, annotations / config.IMPORT_FILE))
            return
        session = annotation_session(corpus_dir, annotations, models, actors, out)
        if export:
            from pipeline.annotate.exchange import export_queue

            typer.echo(export_queue(session.pending, export, tool_format.value))
            return
        log_path = annotations / config.ANNOTATE_FILE
        try:
            from pipeline.annotate.terminal import annotate_in_terminal

            annotate_in_terminal(session, log_path)
        except KeyboardInterrupt:
            typer.echo("")
        typer.echo(f"{session.done} answered this session, saved in {log_path}; {session.left} sentences left")
    except InputError as err:
        fail(str(err))


def annotation_session(corpus_dir: Path, annotations: Path, models: Path, actors: Path, out: Path) -> Session:
    """The queue of unlabelled sentences, least certain first, as a session:
    from the run in OUT when it is current, else by parsing the corpus."""
    from pipeline.annotate.fromrun import annotation_queue, run_is_current
    from pipeline.progress import progress_steps

    current = run_is_current(corpus_dir, out, models_dir=models, actors_path=actors)
    typer.echo(f"reading the run in {out}" if current else f"{out} is missing or stale: parsing the corpus (`make pipeline` first is faster)", err=True)
    with progress_steps() as progress:
        return annotation_queue(corpus_dir, annotations, out, models_dir=models, actors_path=actors, report=progress)


@app.command("models")
def models_cli(
    models: Annotated[Path, typer.Option(help="Folder holding the trained models.")] = config.MODELS_DIR,
    activate: Annotated[Optional[str], typer.Option("--activate", help="Make this kept version the active one.")] = None,
) -> None:
    """List the kept model versions, oldest first, with their leave-one-article-out
    metrics; `*` marks the active one."""
    from pipeline.io import InputError
    from pipeline.model.store import activate as activate_version
    from pipeline.model.registry import list_versions
    from pipeline.training.summary import format_versions

    try:
        if activate is not None:
            card = activate_version(models, activate)
            typer.echo(f"active: {card['version']}")
        versions = list_versions(models)
    except InputError as err:
        fail(str(err))
    if not versions:
        fail(f"{models}: no model (run `make train`)")
    typer.echo(format_versions(versions))


@app.command("report")
def report_cli(
    out_dir: Annotated[Path, typer.Argument(help="A run's output folder (claims.jsonl; articles and sentences JSONL if there).")] = config.OUT_DIR,
    screenshot: Annotated[Optional[Path], typer.Option(help="Also save a PNG of the page as headless Chromium shows it.")] = None,
) -> None:
    """Write OUT_DIR/report.html (pairs, network, timelines, every claim, filters): one file, no network needed."""
    from pipeline.io import InputError
    from pipeline.report.browser import BrowserError, screenshot as take_screenshot
    from pipeline.report.page import write_report

    try:
        path, data = write_report(out_dir)
        typer.echo(f"{len(data['claims'])} claims, {len(data['pairs'])} pairs of actors -> {path}")
        if screenshot is not None:
            take_screenshot(path, screenshot)
            typer.echo(f"screenshot -> {screenshot}")
    except (InputError, BrowserError) as err:
        fail(str(err))


def external_dir(path: Path | None) -> Path | None:
    return path if path is not None and path.is_dir() else None


def main() -> None:
    logging.basicConfig(level=os.environ.get("PIPELINE_LOG", "WARNING"), stream=sys.stderr)
    app()

