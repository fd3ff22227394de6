"""Progress for long commands, on stderr only: a bar on a terminal; elsewhere
(a pipe, a CI log) plain lines, one per phase with its counts, and one at
least every `HEARTBEAT_SECONDS` while a phase runs, so no step is silent long."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator

Advance = Callable[..., None]
Report = Callable[[str, int, int], None]
# Most seconds between two lines in line mode.
HEARTBEAT_SECONDS = 10.0
BAR, LINES, QUIET = "bar", "lines", "quiet"


def wanted() -> bool:
    """A bar goes to stderr when it is a terminal and the CI variable is unset."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def mode(show: bool | None) -> str:
    """`show`: True a bar, False nothing, None a bar on a terminal, else lines."""
    if show is None:
        return BAR if wanted() else LINES
    return BAR if show else QUIET


def no_report(_description: str, _completed: int, _total: int) -> None:
    """The `report` of library functions when nobody watches."""


def prefixed(report: Report, prefix: str) -> Report:
    """`report` with every description starting "PREFIX: "."""
    return lambda description, completed, total: report(f"{prefix}: {description}", completed, total)


class StepLines:
    """`report(description, completed, total)` as lines on stderr: one when a
    phase ends (the next begins, its count reaches its total, or the block
    ends), and one whenever `interval` seconds passed without a line. A block
    left by an error says nothing more, so the error stays the last line."""

    def __init__(self, interval: float = HEARTBEAT_SECONDS) -> None:
        self.interval = interval
        self.started = self.said_at = time.monotonic()
        self.state: tuple[str, int, int] | None = None
        self.said = False  # the current state has been printed
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.heartbeat, daemon=True)

    def __enter__(self) -> StepLines:
        self.thread.start()
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.stopped.set()
        self.thread.join()
        with self.lock:
            if exc_type is None and self.state is not None and not self.said:
                self.say()

    def __call__(self, description: str, completed: int, total: int) -> None:
        with self.lock:
            if self.state is not None and self.state[0] != description and not self.said:
                self.say()
            self.state, self.said = (description, completed, total), False
            if (total and completed >= total) or time.monotonic() - self.said_at >= self.interval:
                self.say()

    def heartbeat(self) -> None:
        while not self.stopped.wait(min(1.0, self.interval / 2)):
            with self.lock:
                if time.monotonic() - self.said_at >= self.interval:
                    self.say(still=True)

    def say(self, still: bool = False) -> None:
        description, completed, total = self.state or ("working", 0, 0)
        counts = f" {completed}/{total}" if total else ""
        elapsed = time.monotonic() - self.started
        print(f"{description}{counts}{' ...' if still else ''} [{elapsed:.0f} s]", file=sys.stderr, flush=True)
        self.said_at, self.said = time.monotonic(), self.said or not still


@contextlib.contextmanager
def progress_bar(description: str, total: int | None = None, *, show: bool | None = None) -> Iterator[Advance]:
    """Yield `advance(n=1)`; a bar on stderr while the block runs, lines, or nothing."""
    shown = mode(show)
    if shown == QUIET:
        yield lambda n=1: None
        return
    if shown == LINES:
        done = [0]
        with StepLines() as lines:
            lines(description, 0, total or 0)

            def advance(n: int = 1) -> None:
                done[0] += n
                lines(description, done[0], total or 0)

            yield advance
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n=1: progress.advance(task, n)


@contextlib.contextmanager
def progress_steps(*, show: bool | None = None) -> Iterator[Report]:
    """Yield `report(description, completed, total)` for commands with several
    phases (parsing, cross-validation folds, external sets): one bar on stderr
    that each phase takes over, lines, or nothing."""
    shown = mode(show)
    if shown == QUIET:
        yield no_report
        return
    if shown == LINES:
        with StepLines() as lines:
            yield lines
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("", total=None)

        def report(description: str, completed: int, total: int) -> None:
            progress.update(task, description=description, completed=completed, total=total)

        yield report
