"""The output folder: one run at a time, and the outputs replaced as a set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.io import InputError
from pipeline.runner import outputs
from pipeline.runner.outputs import OutputBusy, output_lock, output_set

NAMES = ("articles.jsonl", "sentences.jsonl", "claims.jsonl")


def write_set(out: Path, content: str) -> None:
    with output_set(out, NAMES) as folder:
        for name in NAMES:
            (folder / name).write_text(f"{content} {name}\n", encoding="utf-8")


def contents(out: Path) -> list[str]:
    return [(out / name).read_text(encoding="utf-8") for name in NAMES]


def test_a_second_run_into_the_same_folder_is_refused_naming_the_first(tmp_path):
    out = tmp_path / "out"
    with output_lock(out):
        with pytest.raises(OutputBusy, match=rf"{out}: another run \(pid {os.getpid()}\) is writing here"):
            with output_lock(out):
                pass
    with output_lock(out):  # released when the first ends
        pass


def test_the_outputs_switch_as_a_set_and_old_sets_are_removed(tmp_path):
    out = tmp_path / "out"
    write_set(out, "first")
    write_set(out, "second")
    assert contents(out) == [f"second {name}\n" for name in NAMES]
    assert len({(out / name).resolve().parent for name in NAMES}) == 1
    assert len(list((out / ".outputs").glob("set-*"))) == 1


@pytest.mark.parametrize("plain_files", [False, True], ids=["sets", "outputs-of-an-older-version"])
def test_a_switch_that_fails_leaves_every_output_as_it_was(tmp_path, monkeypatch, plain_files):
    out = tmp_path / "out"
    if plain_files:
        out.mkdir()
        for name in NAMES:
            (out / name).write_text(f"first {name}\n", encoding="utf-8")
    else:
        write_set(out, "first")
    real_replace = os.replace

    def refuse_the_switch(source, target):
        if Path(target).name == "current" and "second" in (out / ".outputs" / os.readlink(source)).joinpath(NAMES[0]).read_text():
            raise PermissionError(1, "Operation not permitted", str(target))
        return real_replace(source, target)

    monkeypatch.setattr(outputs.os, "replace", refuse_the_switch)
    with pytest.raises(InputError, match=r"current: Operation not permitted"):
        write_set(out, "second")
    assert contents(out) == [f"first {name}\n" for name in NAMES]


def test_a_failed_run_leaves_no_new_set_behind(tmp_path):
    out = tmp_path / "out"
    write_set(out, "first")
    with pytest.raises(RuntimeError):
        with output_set(out, NAMES) as folder:
            (folder / NAMES[0]).write_text("half\n", encoding="utf-8")
            raise RuntimeError("killed")
    assert contents(out) == [f"first {name}\n" for name in NAMES]
    assert len(list((out / ".outputs").glob("set-*"))) == 1


def test_a_full_disk_is_one_line_naming_the_folder(tmp_path):
    import errno

    out = tmp_path / "out"
    with pytest.raises(InputError, match=rf"^{out}: cannot write the outputs \(the disk is full\)$"):
        with output_set(out, NAMES):
            raise OSError(errno.ENOSPC, "No space left on device")


def test_a_run_that_publishes_nothing_leaves_no_folder_it_created(tmp_path):
    out = tmp_path / "fresh" / "out"
    with pytest.raises(RuntimeError):
        with output_lock(out):
            with output_set(out, NAMES) as folder:
                (folder / NAMES[0]).write_text("half\n", encoding="utf-8")
                raise RuntimeError("no readable articles")
    assert not out.exists()
