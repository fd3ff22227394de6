"""The output folder: one run at a time, and its outputs replaced as a set.

A run holds `OUT/.outputs/lock` (an advisory `flock`, released by the kernel however
the process ends) from start to finish; a second run into the same folder is
refused with a message naming the first. So no run ever touches another's
files, and what a dead run left (temp files, half-written sets) is safe to
remove.

The outputs are written into a new folder, `OUT/.outputs/set-XXXX/`, and
published in one rename: `OUT/.outputs/current` is a symlink to the complete
set, and each `OUT/NAME` a symlink to `.outputs/current/NAME`. A reader, or a
run killed at any moment, sees the old set or the new one, never a mix. An
older set is removed once the new one is current (a reader that has it open
keeps reading it).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.io import InputError, remove_stale_temp_files

SETS_FOLDER = ".outputs"
LOCK_FILE = "lock"
CURRENT = "current"
SET_PREFIX = "set-"


class OutputBusy(InputError):
    """Another run holds the output folder."""


@contextlib.contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold `OUT/.outputs/lock` for the block, or refuse at once if another
    run holds it. A folder this run created is removed if it published nothing."""
    created = not out_dir.exists()
    with output_errors(out_dir):
        (out_dir / SETS_FOLDER).mkdir(parents=True, exist_ok=True)
        fd = os.open(out_dir / SETS_FOLDER / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            raise OutputBusy(
                f"{out_dir}: another run (pid {holder}) is writing here; wait for it to finish or use another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            if created and not (out_dir / SETS_FOLDER / CURRENT).is_symlink():
                shutil.rmtree(out_dir, ignore_errors=True)
    finally:
        os.close(fd)


@contextlib.contextmanager
def output_set(out_dir: Path, names: Iterable[str]) -> Iterator[Path]:
    """A new folder to write the outputs `names` into; when the block ends
    without error, it becomes the current set in one rename. Call it with
    the lock held."""
    names = tuple(names)
    with output_errors(out_dir):
        sets = out_dir / SETS_FOLDER
        sets.mkdir(parents=True, exist_ok=True)
        remove_leftovers(out_dir, names)
        new_set = Path(tempfile.mkdtemp(dir=sets, prefix=SET_PREFIX))
    try:
        with output_errors(out_dir):
            yield new_set
            fsync_folder(new_set)
            link_outputs(out_dir, names)
            switch_to(out_dir, new_set)
    except BaseException:
        shutil.rmtree(new_set, ignore_errors=True)
        raise
    remove_leftovers(out_dir, names)


def link_outputs(out_dir: Path, names: tuple[str, ...]) -> None:
    """Make each `OUT/NAME` the symlink to `.outputs/current/NAME`. Outputs
    of an older version (plain files) first become the current set, so each
    symlink replaces a file by the same bytes."""
    current = out_dir / SETS_FOLDER / CURRENT
    if not current.is_symlink():
        old_set = Path(tempfile.mkdtemp(dir=out_dir / SETS_FOLDER, prefix=SET_PREFIX))
        for name in names:
            if (out_dir / name).is_file() and not (out_dir / name).is_symlink():
                os.link(out_dir / name, old_set / name)
        switch_to(out_dir, old_set)
    for name in names:
        target = Path(SETS_FOLDER) / CURRENT / name
        if not (out_dir / name).is_symlink() or Path(os.readlink(out_dir / name)) != target:
            replace_with_symlink(out_dir / name, target)


def switch_to(out_dir: Path, set_folder: Path) -> None:
    """Point `.outputs/current` at `set_folder`: one rename, so all at once."""
    replace_with_symlink(out_dir / SETS_FOLDER / CURRENT, Path(set_folder.name))
    fsync_folder(out_dir / SETS_FOLDER)


def replace_with_symlink(path: Path, target: Path) -> None:
    temp = path.with_name(f".{path.name}.link.tmp")
    temp.unlink(missing_ok=True)
    os.symlink(target, temp)
    os.replace(temp, path)


def remove_leftovers(out_dir: Path, names: tuple[str, ...]) -> None:
    """Sets that are not current (older ones, or a dead run's) and the temp
    files a killed run left. Only a run holding the lock calls this."""
    sets = out_dir / SETS_FOLDER
    current = sets / CURRENT
    in_use = os.readlink(current) if current.is_symlink() else None
    for folder in sets.glob(f"{SET_PREFIX}*"):
        if folder.name != in_use:
            shutil.rmtree(folder, ignore_errors=True)
    remove_stale_temp_files(out_dir, names)
    for temp in (*out_dir.glob(".*.link.tmp"), *sets.glob(".*.link.tmp")):
        temp.unlink(missing_ok=True)


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def output_errors(out_dir: Path) -> Iterator[None]:
    """An OS error while writing the outputs as the usual one-line error."""
    try:
        yield
    except OSError as err:
        where = err.filename or out_dir
        raise InputError(f"{where}: {describe(err)}" if err.filename else f"{where}: cannot write the outputs ({describe(err)})") from None


def describe(err: OSError) -> str:
    if err.errno == errno.ENOSPC:
        return "the disk is full"
    if err.errno in (errno.EEXIST, errno.ENOTDIR):
        return "not a folder"
    return err.strerror or str(err)
