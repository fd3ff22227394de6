"""The command line: thin wrappers that check arguments and call the library."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import config

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Cooperation and tension claims from news articles.")
log = logging.getLogger("pipeline")


def fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=1)


@app.command("run")
def run_cli(
    corpus_dir: Annotated[Path, typer.Argument(help="Folder of .txt articles.")] = config.RAW_DIR,
    out: Annotated[Path, typer.Option(help="Folder for the JSONL outputs.")] = config.OUT_DIR,
    models: Annotated[Path, typer.Option(help="Folder holding the trained model.")] = config.MODELS_DIR,
    actors: Annotated[Path, typer.Option(help="Actor dictionary (JSONL).")] = config.ACTORS_PATH,
    workers: Annotated[
        Optional[int], typer.Option(min=1, help="Processes, each running the whole per-article pipeline. [default: $PIPELINE_WORKERS, else the number of cores]")
    ] = None,
    executor: Annotated[
        str, typer.Option(help="local: this machine; dask: a Dask cluster (a LocalCluster of WORKERS processes without --dask-scheduler).")
    ] = "local",
    dask_scheduler: Annotated[
        Optional[str], typer.Option(help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --executor dask).")
    ] = None,
) -> None:
    """Run every stage over CORPUS_DIR and write articles, sentences and claims JSONL to OUT."""
    from .executors import EXECUTORS, default_workers
    from .io import InputError, list_articles
    from .progress import progress_bar
    from .run import ModelPaths, run

    if executor not in EXECUTORS:
        fail(f"--executor must be one of {', '.join(EXECUTORS)}, not {executor!r}")
    try:
        total = len(list_articles(corpus_dir))
        with progress_bar("articles", total) as advance:
            summary = run(
                corpus_dir,
                out,
                models=ModelPaths(models_dir=models, actors_path=actors),
                workers=workers or default_workers(),
                executor=executor,
                scheduler=dask_scheduler,
                on_article=lambda _result: advance(),
            )
    except InputError as err:
        fail(str(err))
    labels = ", ".join(f"{n} {label}" for label, n in sorted(summary.labels.items()))
    typer.echo(f"{summary.articles} articles, {summary.sentences} sentences, {summary.claims} claims ({labels}) -> {out}")


@app.command("train")
def train_cli(
    corpus_dir: Annotated[Path, typer.Option(help="Folder of the annotated articles.")] = config.RAW_DIR,
    annotations: Annotated[Path, typer.Option(help="Folder of annotation JSONL files.")] = config.ANNOTATIONS_DIR,
    models: Annotated[Path, typer.Option(help="Folder to save the model in.")] = config.MODELS_DIR,
    actors: Annotated[Path, typer.Option(help="Actor dictionary (JSONL).")] = config.ACTORS_PATH,
    external: Annotated[Optional[Path], typer.Option(help="Folder of public labelled sets (PLOVER, UN) to score, if present.")] = None,
) -> None:
    """Fit the claim model on every annotation and save it with its model card."""
    from .evaluate import full_report
    from .io import InputError, read_annotations
    from .model import save_model
    from .nlp import load_nlp
    from .progress import progress_steps
    from .train import build_examples, model_card

    try:
        items = read_annotations(annotations)
        if not items:
            fail(f"{annotations}: no annotations")
        nlp = load_nlp(actors_path=actors)
        with progress_steps() as report:
            parts = {*config.CLAIM_PARTS, *config.LABEL_PARTS}
            examples = build_examples(items, corpus_dir, nlp=nlp, parts=parts, report=report)
            model, scores = full_report(examples, nlp=nlp, external_dir=external_dir(external), report=report)
        card = save_model(model, model_card([e.annotation for e in examples], scores), models)
    except (InputError, ValueError) as err:
        fail(str(err))
    typer.echo(f"trained {card['version']} on {card['units']} units from {card['articles']} articles")
    typer.echo(format_metrics(scores))


@app.command("evaluate")
def evaluate_cli(
    corpus_dir: Annotated[Path, typer.Option(help="Folder of the annotated articles.")] = config.RAW_DIR,
    annotations: Annotated[Path, typer.Option(help="Folder of annotation JSONL files.")] = config.ANNOTATIONS_DIR,
    actors: Annotated[Path, typer.Option(help="Actor dictionary (JSONL).")] = config.ACTORS_PATH,
    external: Annotated[Optional[Path], typer.Option(help="Folder of public labelled sets (PLOVER, UN) to score, if present.")] = None,
    ablation: Annotated[bool, typer.Option(help="Compare the feature sets of config.ABLATIONS.")] = False,
    errors: Annotated[int, typer.Option(min=0, help="Also print the N most confident held-out mistakes (JSONL).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
) -> None:
    """Leave-one-article-out cross-validation over the annotations, and the
    external sets scored by a model trained on all annotations."""
    from .evaluate import confident_mistakes, cross_validate, full_report
    from .io import InputError, read_annotations
    from .nlp import load_nlp
    from .progress import prefixed, progress_steps
    from .train import build_examples

    specs = config.ABLATIONS if ablation else {"chosen": None}
    try:
        nlp = load_nlp(actors_path=actors)
        with progress_steps() as report:
            examples = build_examples(read_annotations(annotations), corpus_dir, nlp=nlp, report=report)
            if errors:
                mistakes = confident_mistakes(cross_validate(examples, report=report), errors)
            else:
                results = {}
                for name, spec in specs.items():
                    kwargs = {"spec": model_spec(spec)} if spec else {}
                    named = prefixed(report, name) if ablation else report
                    results[name] = full_report(examples, nlp=nlp, external_dir=external_dir(external), report=named, **kwargs)[1]
    except (InputError, ValueError) as err:
        fail(str(err))
    if errors:
        for mistake in mistakes:
            typer.echo(json.dumps(mistake, ensure_ascii=False))
        return
    if as_json:
        typer.echo(json.dumps(results if ablation else results["chosen"], indent=2))
    else:
        typer.echo(format_table(results) if ablation else format_metrics(results["chosen"]))


def external_dir(path: Path | None) -> Path | None:
    return path if path is not None and path.is_dir() else None


def model_spec(spec: dict):
    from .model import ModelSpec

    return ModelSpec(**spec)


def format_table(results: dict[str, dict]) -> str:
    columns = ["claim_f1", "label_macro_f1", "end_to_end_macro_f1", "label_ece", "plover_label_macro_f1", "un_quadclass_label_macro_f1"]
    lines = ["| variant | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for name, scores in results.items():
        lines.append(f"| {name} | " + " | ".join(str(scores.get(column, "-")) for column in columns) + " |")
    return "\n".join(lines)


def format_metrics(scores: dict) -> str:
    width = max(len(name) for name in scores)
    lines = ["leave-one-article-out cross-validation:"]
    lines += [f"  {name:<{width}}  {value}" for name, value in scores.items()]
    return "\n".join(lines)


def main() -> None:
    logging.basicConfig(level=os.environ.get("PIPELINE_LOG", "WARNING"), stream=sys.stderr)
    app()


if __name__ == "__main__":
    main()
