"""Extraction in this process or in a pool of local processes, an article that crashes the extractor isolated.

A pool rather than spaCy's `nlp.pipe(n_process=...)` (which runs Parley's pipeline since its Docs serialise,
nlp.extensions): both cost the same CPU per article on two cores (benchmarks/scale.py: 254-258 ms in the
workers against 241 in one process, the parent 1-6 ms), and only the pool lets a worker that dies (killed,
out of memory) be replaced and its articles retried without losing the run, or an article that crashes the
extractor be skipped without stopping the others.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from parley.records import Article, Document

#: Articles per task sent to a worker: large enough to amortise pickling, small enough to keep workers even.
CHUNK = 16
#: Thread counts of numerical libraries, set to 1 in each worker unless the user set them.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
#: Times a chunk may take a worker down with it before its articles are tried one by one, then given up.
RETRIES = 2

Extractor = Callable[..., Iterator[Document]]
Result = Document | str  # a Document, or why the article could not be read


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover (macOS, Windows)
        return os.cpu_count() or 1


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def extract_chunk(articles: list[Article], extract: Extractor, model: str | None = None) -> list[Result]:
    """Each article's Document, or for an article the extractor raised on, the error; the rest are kept."""
    try:
        return list(extract(articles, model=model))
    except Exception:  # re-raised for one article; for more, which article raised is found below, one at a time
        if len(articles) == 1:
            raise
    out: list[Result] = []
    for article in articles:
        try:
            out.extend(extract([article], model=model))
        except Exception as exc:  # noqa: BLE001  (one bad article must never stop a run)
            out.append(f"the extractor failed on it ({_describe(exc)})")
    return out


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def serial(articles: Iterable[Article], extract: Extractor, model: str | None = None,
           chunk: int = 32) -> Iterator[tuple[Article, Result]]:
    """(article, Document or error) in input order, in this process, each yielded as soon as it is read."""
    for part in _chunks(articles, chunk):
        done = 0
        try:
            for document in extract(part, model=model):
                yield part[done], document
                done += 1
        except Exception:  # noqa: BLE001  (which article raised is found one at a time)
            yield from zip(part[done:], _safe(part[done:], extract, model))


def _safe(articles: list[Article], extract: Extractor, model: str | None) -> list[Result]:
    try:
        return extract_chunk(articles, extract, model)
    except Exception as exc:  # noqa: BLE001
        return [f"the extractor failed on it ({_describe(exc)})"]


_worker_extract: Extractor | None = None
_worker_model: str | None = None


def _start_worker(extract: Extractor, model: str | None) -> None:
    """Runs once in each worker: load the pipeline before the first task so tasks only extract."""
    global _worker_extract, _worker_model
    _worker_extract, _worker_model = extract, model
    # one thread of BLAS/OpenMP per worker, so N workers never run more threads than cores; this reaches
    # libraries loaded from here on (spawn and forkserver starts). A forked worker's OpenBLAS is already
    # started, but spaCy's models multiply with blis, single-threaded: its second thread used 0.01 s of 16.
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    try:
        from parley.nlp import pipeline

        pipeline.load(model)
    except Exception:  # noqa: BLE001  (the first task reports it, once per article)
        pass


def _work(articles: list[Article]) -> list[Result]:
    return _safe(articles, _worker_extract, _worker_model)


class _Task:
    def __init__(self, articles: list[Article]):
        self.articles = articles
        self.future: Future | None = None
        self.crashes = 0


def pooled(articles: Iterable[Article], extract: Extractor, workers: int, model: str | None = None,
           chunk: int = CHUNK) -> Iterator[tuple[Article, Result]]:
    """(article, Document or error) in input order, extracted by `workers` local processes.

    At most 2 × workers chunks are in flight, so memory stays flat however long the input. A worker that dies
    breaks the pool: a new pool takes over and every unfinished chunk is sent again; a chunk that was in
    flight at RETRIES deaths is split into single articles, and an article that still kills its worker is
    given up with an error."""
    pending: deque[_Task] = deque()
    source = _chunks(articles, chunk)
    _preload(model)
    pool = _new_pool(extract, workers, model)
    try:
        while True:
            while len(pending) < 2 * workers:
                part = next(source, None)
                if part is None:
                    break
                task = _Task(part)
                task.future = pool.submit(_work, part)
                pending.append(task)
            if not pending:
                return
            task = pending[0]
            try:
                results = task.future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _new_pool(extract, workers, model)
                pending = _resubmit(pool, pending, extract, model)
                continue
            pending.popleft()
            yield from zip(task.articles, results)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _preload(model: str | None) -> None:
    """Load the pipeline here before the workers fork, so they share its memory instead of loading their own."""
    import multiprocessing

    if multiprocessing.get_start_method(allow_none=False) == "fork":
        try:
            from parley.nlp import pipeline

            pipeline.load(model)
        except Exception:  # noqa: BLE001  (the workers report it)
            pass


def _new_pool(extract: Extractor, workers: int, model: str | None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(extract, model))


def _resubmit(pool: ProcessPoolExecutor, pending: deque[_Task], extract: Extractor,
              model: str | None) -> deque[_Task]:
    """Send every unfinished chunk again; a chunk in flight at RETRIES deaths is run alone, one article at a
    time, so only an article that kills its worker by itself is given up."""
    for task in pending:
        if task.future.done() and not task.future.cancelled() and task.future.exception() is None:
            continue
        task.crashes += 1
        if task.crashes < RETRIES:
            task.future = pool.submit(_work, task.articles)
        else:
            task.future = Future()
            task.future.set_result([_isolated(article, extract, model) for article in task.articles])
    return pending


def _isolated(article: Article, extract: Extractor, model: str | None) -> Result:
    """One article in a process of its own."""
    with ProcessPoolExecutor(max_workers=1, initializer=_start_worker, initargs=(extract, model)) as alone:
        try:
            return alone.submit(_work, [article]).result()[0]
        except BrokenProcessPool:
            return "the process extracting it died twice (out of memory?); it was skipped"


def extract_results(articles: Iterable[Article], extract: Extractor, *, workers: int = 1,
                    model: str | None = None) -> Iterator[tuple[Article, Result]]:
    """Serial for one worker or for fewer articles than one chunk (starting processes would cost more than
    they save), pooled otherwise."""
    if workers <= 1:
        return serial(articles, extract, model)
    it = iter(articles)
    head = list(islice(it, CHUNK + 1))
    if len(head) <= CHUNK:
        return serial(head, extract, model)
    return pooled(chain(head, it), extract, workers, model)
