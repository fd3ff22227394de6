"""Worker processes die with the run that started them.

A pool worker blocked writing results to a parent that was killed (SIGKILL
leaves no time to clean up) would otherwise live on, holding its models,
and keep the multiprocessing resource tracker alive with it. Each worker
asks the kernel for SIGKILL when its parent dies (Linux), and watches its
parent's pid as well (elsewhere, and for the moment before that request).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5


def exit_with_parent(parent_pid: int) -> None:
    """Make this process end when `parent_pid` is no longer its parent."""
    request_parent_death_signal()
    if os.getppid() != parent_pid:
        os._exit(1)  # the parent died before we asked
    threading.Thread(target=watch_parent, args=(parent_pid,), name="watch-parent", daemon=True).start()


def request_parent_death_signal() -> None:
    """Linux only. The kernel sends it when the parent's thread that started
    this process ends, which for the pool is the run's own thread."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(POLL_SECONDS)
    os._exit(1)
