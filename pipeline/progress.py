"""Progress bars for long commands: on a terminal only, quiet in CI logs and pipes."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator

Advance = Callable[..., None]


def wanted() -> bool:
    """A bar goes to stderr when it is a terminal and the CI variable is unset."""
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextlib.contextmanager
def progress_bar(description: str, total: int | None = None, *, show: bool | None = None) -> Iterator[Advance]:
    """Yield `advance(n=1)`; draw a bar on stderr while the block runs, or nothing."""
    if not (wanted() if show is None else show):
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n=1: progress.advance(task, n)


Report = Callable[[str, int, int], None]


def no_report(_description: str, _completed: int, _total: int) -> None:
    """The `report` of library functions when nobody watches."""


def prefixed(report: Report, prefix: str) -> Report:
    """`report` with every description starting "PREFIX: "."""
    return lambda description, completed, total: report(f"{prefix}: {description}", completed, total)


@contextlib.contextmanager
def progress_steps(*, show: bool | None = None) -> Iterator[Report]:
    """Yield `report(description, completed, total)` for commands with several
    phases (parsing, cross-validation folds, external sets): one bar on stderr
    that each phase takes over, or nothing."""
    if not (wanted() if show is None else show):
        yield no_report
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("", total=None)

        def report(description: str, completed: int, total: int) -> None:
            progress.update(task, description=description, completed=completed, total=total)

        yield report
