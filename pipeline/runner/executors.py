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
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from pipeline.io import InputError
from pipeline.records import Article
from pipeline.runner.worker import ArticleResult, ModelPaths, Models, cached_models, process_article

EXECUTORS = ("local", "dask")
SCHEDULER_TIMEOUT = "20s"
# Articles waiting or running per worker: enough to keep every worker busy.
IN_FLIGHT_PER_WORKER = 4

Process = Callable[[Iterable[Article]], Iterator[ArticleResult]]


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@contextlib.contextmanager
def open_executor(
    models: ModelPaths, *, workers: int, executor: str = "local", scheduler: str | None = None, needed: bool = True
) -> Iterator[Process]:
    """`needed=False` (every parse is cached) starts no worker and loads no model."""
    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r} (expected one of {', '.join(EXECUTORS)})")
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


def in_order(submit: Callable[[Article], Any], articles: Iterable[Article], *, window: int) -> Iterator[ArticleResult]:
    """Submit articles, at most `window` ahead of the oldest unfinished one,
    and yield their results in submission order."""
    pending: deque[Any] = deque()
    for article in articles:
        pending.append(submit(article))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def check_models(models: ModelPaths) -> None:
    """Fail here, with the usual one-line error, before any worker starts."""
    from pipeline.stages.actors import load_actors
    from pipeline.model.registry import read_card

    read_card(models.models_dir)
    load_actors(models.actors_path)


@contextlib.contextmanager
def pool_executor(models: ModelPaths, *, workers: int) -> Iterator[Process]:
    check_models(models)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=cached_models,
        initargs=(models,),
    )
    try:
        yield lambda articles: in_order(
            lambda article: pool.submit(process_in_worker, article, models), articles, window=workers * IN_FLIGHT_PER_WORKER
        )
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


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
        )


def process_on_dask_worker(article: Article, models: ModelPaths) -> ArticleResult:
    """Process one article on a Dask worker, loading the models on first use."""
    with _dask_worker_lock:  # the models are shared by the worker's threads, and not thread-safe
        return process_article(article, cached_models(models))


_dask_worker_lock = threading.Lock()
