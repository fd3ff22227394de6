"""`pipeline actors`: suggest dictionary lines from a run, and add the
accepted ones (registered on the app by `cli.py`, kept apart to hold that module's size)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from pipeline import config

actors_app = typer.Typer(no_args_is_help=True, help="Keep the actor dictionary up to date from what runs find.")
ActorsFile = Annotated[Path, typer.Option(help="Actor dictionary (JSONL).")]


def fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=1)


@actors_app.command("suggest")
def suggest_cli(
    out_dir: Annotated[Path, typer.Argument(help="A run's output folder.")] = config.OUT_DIR,
    actors: ActorsFile = config.ACTORS_PATH,
    top: Annotated[int, typer.Option(help="Show at most this many (0: all).")] = 30,
    lines: Annotated[bool, typer.Option("--lines", help="Print only the proposed dictionary lines, for `pipeline actors add`.")] = False,
) -> None:
    """Names on the sides of a run's claims that have no actor code, most frequent first."""
    from pipeline.curation.suggest import suggest
    from pipeline.io import InputError
    from pipeline.stages.dictionary import load_actors

    try:
        found = suggest(out_dir, load_actors(actors).codes)
    except InputError as err:
        fail(str(err))
    for suggestion in found[:top] if top > 0 else found:
        line = json.dumps(suggestion.line, ensure_ascii=False)
        if lines:
            typer.echo(line)
        else:
            typer.echo(f"{suggestion.count:4d}  {suggestion.name} ({suggestion.label})  e.g. {suggestion.example}\n      {line}")
    if not lines:
        typer.echo(f"{len(found)} unknown names on the sides of claims; add the right lines with `pipeline actors add FILE`", err=True)


@actors_app.command("add")
def add_cli(
    source: Annotated[str, typer.Argument(help="A file of dictionary lines (JSONL), or - for standard input.")],
    actors: ActorsFile = config.ACTORS_PATH,
) -> None:
    """Append checked actor lines to the dictionary; the next run uses them."""
    from pipeline.curation.add import add_actors
    from pipeline.io import InputError

    try:
        text = read_source(source)
        result = add_actors(text, "<stdin>" if source == "-" else source, actors)
    except InputError as err:
        fail(str(err))
    typer.echo(f"added {result.added} line(s) to {actors}" + (f"; {result.already_there} already there" if result.already_there else ""))


def read_source(source: str) -> str:
    from pipeline.io import InputError

    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{source}: not valid UTF-8") from None
    except OSError as err:
        raise InputError(f"{source}: cannot read ({err.strerror or err})") from None
