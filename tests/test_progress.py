"""Progress bars: on a terminal only, never on stdout."""

from __future__ import annotations

import io
import sys
import time

import pytest

from pipeline.progress import prefixed, progress_bar, progress_steps, wanted


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("tty", "ci", "expected"), [(True, None, True), (True, "true", False), (False, None, False)])
def test_a_bar_is_wanted_on_a_terminal_outside_ci(monkeypatch, tty, ci, expected):
    monkeypatch.setattr("sys.stderr", Terminal() if tty else io.StringIO())
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    assert wanted() is expected


def test_no_bar_prints_nothing(capsys):
    with progress_bar("articles", 3, show=False) as advance:
        advance()
    with progress_steps(show=False) as report:
        report("folds", 1, 2)
    assert capsys.readouterr() == ("", "")


def test_a_shown_bar_never_writes_to_stdout(capsys):
    with progress_bar("articles", 3, show=True) as advance:
        for _ in range(3):
            advance()
    with progress_steps(show=True) as report:
        prefixed(report, "chosen")("folds", 1, 2)
    assert capsys.readouterr().out == ""


def test_prefixed_names_the_variant():
    seen = []
    prefixed(lambda *args: seen.append(args), "words only")("cross-validation folds", 2, 5)
    assert seen == [("words only: cross-validation folds", 2, 5)]


def test_piped_progress_is_a_line_per_phase_with_counts(capsys, monkeypatch):
    monkeypatch.setattr("sys.stderr", io.StringIO())
    with progress_steps() as report:
        report("loading the models", 0, 0)
        for done in range(1, 4):
            report("articles", done, 3)
        report("writing", 0, 0)
    lines = [line.rsplit(" [", 1)[0] for line in sys.stderr.getvalue().splitlines()]
    assert lines == ["loading the models", "articles 3/3", "writing"]


def test_a_phase_that_runs_long_is_repeated_every_interval(monkeypatch):
    from pipeline.progress import StepLines

    monkeypatch.setattr("sys.stderr", io.StringIO())
    with StepLines(interval=0.2) as report:
        report("parsing the UN training sentences", 0, 0)
        time.sleep(0.9)
    lines = sys.stderr.getvalue().splitlines()
    assert 3 <= len(lines) <= 6 and all(line.startswith("parsing the UN training sentences") for line in lines)


def test_a_block_left_by_an_error_adds_no_line_after_it(monkeypatch):
    monkeypatch.setattr("sys.stderr", io.StringIO())
    with pytest.raises(ValueError), progress_steps() as report:
        report("parsing annotated articles", 0, 2)
        raise ValueError("bad line")
    assert sys.stderr.getvalue() == ""
