"""`pipeline export`: a run's events in the PLOVER data standard or as CSV
(registered on the app by `cli.py`, kept apart to hold that module's size)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline import config


def export_cli(
    out_dir: Annotated[Path, typer.Argument(help="A run's output folder.")] = config.OUT_DIR,
    format: Annotated[str, typer.Option(help="plover (PLOVER JSON Lines) or csv (one event per row).")] = "plover",
    output: Annotated[Path, typer.Option(help="File to write.")] = Path("events.plover.jsonl"),
) -> None:
    """Export a run's events in the PLOVER data standard or as CSV."""
    from pipeline.events.export import export
    from pipeline.io import InputError

    try:
        count = export(out_dir, output, format=format)
    except InputError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(f"{count} events -> {output}")
