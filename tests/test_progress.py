"""Progress bars: on a terminal only, never on stdout."""

from __future__ import annotations

import io

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
