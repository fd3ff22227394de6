"""Workers die with the run that started them: killing `pipeline run` in any
way (SIGKILL included) leaves no pool worker, resource tracker or Dask
process behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time

import psutil
import pytest

from conftest import ACTORS_PATH, RAW_DIR
from pipeline.runner.executors import available_cores

COPIES = 10
GRACE_SECONDS = 10


def alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def descendants_once_started(parent: psutil.Process, count: int, timeout: float = 300) -> list[psutil.Process]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = parent.children(recursive=True)
        if len(found) >= count:
            time.sleep(2)  # let them get into their work
            return parent.children(recursive=True)
        time.sleep(0.2)
    raise AssertionError(f"only {len(parent.children(recursive=True))} of {count} processes started")


@pytest.mark.parametrize("executor", ["local", "dask"], ids=["process-pool", "dask-local-cluster"])
def test_sigkill_of_the_run_leaves_no_process_behind(tmp_path, trained_model, child_interpreter, executor):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for copy in range(COPIES):
        for path in sorted(RAW_DIR.glob("*.txt")):
            shutil.copyfile(path, corpus / f"{copy:02d}_{path.name}")
    workers = min(2, available_cores())
    command = [
        child_interpreter, "-m", "pipeline", "run", corpus, "--out", tmp_path / "out", "--models", trained_model.models_dir,
        "--actors", ACTORS_PATH, "--workers", str(workers), "--executor", executor,
    ]
    run = subprocess.Popen([str(part) for part in command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = descendants_once_started(psutil.Process(run.pid), workers)
    finally:
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
    deadline = time.monotonic() + GRACE_SECONDS
    while any(alive(process) for process in started) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [f"{process.pid} {' '.join(process.cmdline())[:80]}" for process in started if alive(process)]
    for process in started:
        if alive(process):
            process.kill()
    assert not left, f"alive {GRACE_SECONDS} s after the run was killed: {left}"
