"""The command line: thin wrappers that check arguments and call the library."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated

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
    workers: Annotated[int, typer.Option(min=1, help="Processes for the spaCy parse.")] = 1,
) -> None:
    """Run every stage over CORPUS_DIR and write articles, sentences and claims JSONL to OUT."""
    from .io import InputError
    from .model import load_model
    from .nlp import load_nlp
    from .run import run

    try:
        model, card = load_model(models)
        nlp = load_nlp(actors_path=actors)
        summary = run(corpus_dir, out, nlp=nlp, model=model, version=card["version"], n_process=workers)
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
) -> None:
    """Fit the claim model on every annotation and save it with its model card."""
    from .evaluate import cross_validate, metrics
    from .io import InputError, read_annotations
    from .model import save_model
    from .nlp import load_nlp
    from .train import build_examples, fit_model, model_card

    try:
        items = read_annotations(annotations)
        if not items:
            fail(f"{annotations}: no annotations")
        examples = build_examples(items, corpus_dir, nlp=load_nlp(actors_path=actors))
        scores = metrics(cross_validate(examples))
        card = save_model(fit_model(examples), model_card([e.annotation for e in examples], scores), models)
    except InputError as err:
        fail(str(err))
    typer.echo(f"trained {card['version']} on {card['units']} units from {card['articles']} articles")
    typer.echo(format_metrics(scores))


@app.command("evaluate")
def evaluate_cli(
    corpus_dir: Annotated[Path, typer.Option(help="Folder of the annotated articles.")] = config.RAW_DIR,
    annotations: Annotated[Path, typer.Option(help="Folder of annotation JSONL files.")] = config.ANNOTATIONS_DIR,
    actors: Annotated[Path, typer.Option(help="Actor dictionary (JSONL).")] = config.ACTORS_PATH,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
) -> None:
    """Leave-one-article-out cross-validation over the annotations."""
    from .evaluate import cross_validate, metrics
    from .io import InputError, read_annotations
    from .nlp import load_nlp
    from .train import build_examples

    try:
        examples = build_examples(read_annotations(annotations), corpus_dir, nlp=load_nlp(actors_path=actors))
        scores = metrics(cross_validate(examples))
    except (InputError, ValueError) as err:
        fail(str(err))
    typer.echo(json.dumps(scores, indent=2) if as_json else format_metrics(scores))


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
