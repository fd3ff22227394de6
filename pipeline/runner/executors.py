"""Where `process_article` runs: in this process, in a pool of local
processes, or on a Dask cluster.

Each executor opens as a context manager that gives a function from articles
to their results, in input order. Only a few articles per worker are in
flight at a time, so a corpus of any size streams through in bounded memory.
Every worker loads the models once and keeps them, and computes on one core
(the encoder runs on one thread): `--workers N` uses N cores, as `make -jN` would.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from pipeline.io import InputError
from pipeline.records import Article
from pipeline.runner.lifeline import exit_with_parent
from pipeline.runner.worker import ArticleResult, ModelPaths, Models, cached_models, process_article

EXECUTORS = ("local", "dask")
SCHEDULER_TIMEOUT = "20s"
# How long a run waits for a Dask cluster that has lost every worker.
WORKERLESS_SECONDS = 60.0
POLL_SECONDS = 1.0
# Articles waiting or running per worker: enough to keep every worker busy.
IN_FLIGHT_PER_WORKER = 4

Process = Callable[[Iterable[Article]], Iterator[ArticleResult]]


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def requested_workers(requested: str | None, *, local: bool) -> tuple[int, str | None]:
    """--workers / PIPELINE_WORKERS as a number of processes, capped at the
    cores available when they run here, and a note when it was capped."""
    if requested is not None and (not requested.strip().isdigit() or int(requested) < 1):
        raise InputError(f"--workers (PIPELINE_WORKERS): {requested!r} is not a whole number greater than or equal to 1")
    count = available_cores() if requested is None else int(requested)
    if not local or capped_workers(count) == count:
        return count, None
    return capped_workers(count), f"{count} workers capped at {capped_workers(count)}, the cores available"


def capped_workers(requested: int) -> int:
    """No more processes on this machine than cores to run them: each loads
    its own models (about 1 GB), and more would only wait for a core."""
    return max(1, min(requested, available_cores()))


@contextlib.contextmanager
def open_executor(
    models: ModelPaths, *, workers: int, executor: str = "local", scheduler: str | None = None, needed: bool = True
) -> Iterator[Process]:
    """`needed=False` (every parse is cached) starts no worker and loads no model."""
    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r} (expected one of {', '.join(EXECUTORS)})")
    workers = capped_workers(workers)
    # A Dask worker would resolve a relative path in its own working folder.
    models = ModelPaths(models_dir=models.models_dir.resolve(), actors_path=models.actors_path.resolve())
    if not needed:
        yield nothing_to_process
    elif executor == "dask" or scheduler is not None:
        with dask_executor(models, workers=workers, scheduler=scheduler) as process:
            yield process
    elif workers == 1:
        loaded = cached_models(models)
        yield lambda articles: (process_article(article, loaded) for article in articles)
    else:
        with pool_executor(models, workers=workers) as process:
            yield process


def nothing_to_process(articles: Iterable[Article]) -> Iterator[ArticleResult]:
    if any(True for _article in articles):
        raise RuntimeError("the executor was opened as not needed")
    return iter(())


def in_order(
    submit: Callable[[Article], Any],
    articles: Iterable[Article],
    *,
    window: int,
    result: Callable[[Any], ArticleResult] = lambda future: future.result(),
) -> Iterator[ArticleResult]:
    """Submit articles, at most `window` ahead of the oldest unfinished one,
    and yield their results (`result` of each future) in submission order."""
    pending: deque[Any] = deque()
    for article in articles:
        pending.append(submit(article))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def check_models(models: ModelPaths) -> None:
    """Fail here, with the usual one-line error, before any worker starts."""
    from pipeline.stages.dictionary import load_actors
    from pipeline.model.registry import read_card

    read_card(models.models_dir)
    load_actors(models.actors_path)


@contextlib.contextmanager
def pool_executor(models: ModelPaths, *, workers: int) -> Iterator[Process]:
    check_models(models)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=start_pool_worker,
        initargs=(models, os.getpid()),
    )
    try:
        yield lambda articles: in_order(
            lambda article: pool.submit(process_in_worker, article, models), articles, window=workers * IN_FLIGHT_PER_WORKER
        )
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def start_pool_worker(models: ModelPaths, parent_pid: int) -> None:
    exit_with_parent(parent_pid)
    cached_models(models)


def process_in_worker(article: Article, models: ModelPaths) -> ArticleResult:
    return process_article(article, cached_models(models))


@contextlib.contextmanager
def dask_executor(models: ModelPaths, *, workers: int, scheduler: str | None) -> Iterator[Process]:
    """Articles (their text, so workers need not see the corpus folder) go to
    the cluster at `scheduler`, or to a LocalCluster of `workers` one-thread
    processes on this machine."""
    from distributed import Client, LocalCluster

    check_models(models)
    with contextlib.ExitStack() as stack:
        if scheduler is None:
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
            )
            scheduler = stack.enter_context(cluster).scheduler_address
        try:
            client = stack.enter_context(Client(scheduler, set_as_default=False, timeout=SCHEDULER_TIMEOUT))
        except (OSError, TimeoutError) as err:
            raise InputError(f"{scheduler}: cannot reach the Dask scheduler ({err})") from None
        window = max(1, sum(client.nthreads().values())) * IN_FLIGHT_PER_WORKER
        yield lambda articles: in_order(
            lambda article: client.submit(process_on_dask_worker, article, models, pure=False),
            articles,
            window=window,
            result=lambda future: dask_result(client, future, scheduler),
        )


def dask_result(client: Any, future: Any, scheduler: str) -> ArticleResult:
    """The future's result; a cluster left without workers for
    `WORKERLESS_SECONDS`, or whose workers keep dying on an article, fails
    the run with one line instead of waiting forever."""
    from distributed import KilledWorker

    workerless_since = None
    while True:
        try:
            return future.result(timeout=POLL_SECONDS)
        except TimeoutError:
            pass
        except KilledWorker as err:
            raise InputError(f"{scheduler}: Dask workers kept dying on an article ({err})") from None
        if client.nthreads():
            workerless_since = None
        elif workerless_since is None:
            workerless_since = time.monotonic()
        elif time.monotonic() - workerless_since > WORKERLESS_SECONDS:
            raise InputError(f"{scheduler}: the Dask cluster has had no workers for {WORKERLESS_SECONDS:.0f} s; start some or use --executor local")


def process_on_dask_worker(article: Article, models: ModelPaths) -> ArticleResult:
    """Process one article on a Dask worker, loading the models on first use."""
    with _dask_worker_lock:  # the models are shared by the worker's threads, and not thread-safe
        return process_article(article, cached_models(models))


_dask_worker_lock = threading.Lock()
