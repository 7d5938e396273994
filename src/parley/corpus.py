"""Ingest: sources in, only articles not stored yet through the extractor, results into the store in batches."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from sqlalchemy import Connection, select
from sqlalchemy.exc import SQLAlchemyError

from parley.extract import extract_many
from parley.records import Article, Document
from parley.sources import AlreadyStored, SourceFailure
from parley.sources import iter_articles as iter_sources
from parley.store.connect import open_engine
from parley.store.schema import articles
from parley.store.write import content_hash, finish_run, start_run, stored_article_id, write_document

BATCH_SIZE = 20


@dataclass
class IngestReport:
    """What one ingest run did: articles seen, newly stored, already stored and failed, and why they failed."""

    run_id: str | None = None
    seen: int = 0
    new: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.new} new, {self.skipped} already stored, {self.failed} failed"


def _url_stored(conn: Connection, url: str) -> bool:
    return conn.execute(select(articles.c.id).where(articles.c.url == url).limit(1)).first() is not None


def ingest(sources: Iterable[str], db_url: str | None = None, *, published: date | None = None,
           batch_size: int = BATCH_SIZE, model: str | None = None, client=None,
           extractor: Callable[[Iterable[Article]], Iterable[Document]] | None = None,
           on_error: Callable[[str], None] | None = None,
           on_progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Store every new article from the sources with what the extractor reads in it; skip stored ones.

    The content hash (and URL) is checked before the NLP runs. Work is committed every `batch_size`
    articles and on the way out of an error or Ctrl-C, so the next run resumes where this one stopped.
    `extractor` turns Articles into Documents, one each, in order (default: extract_many with `model`).
    """
    sources = list(sources)
    report = IngestReport()
    in_flight: deque[tuple[Article, str]] = deque()
    hashes: set[str] = set()
    urls: set[str] = set()
    known_actors: set[str] = set()

    def notify() -> None:
        if on_progress is not None:
            on_progress(report)

    def fail(message: str) -> None:
        report.failed += 1
        report.errors.append(message)
        if on_error is not None:
            on_error(message)

    engine = open_engine(db_url)
    try:
        with engine.connect() as conn:
            report.run_id = start_run(conn, sources)
            conn.commit()

            def url_stored(url: str) -> bool:
                return url in urls or _url_stored(conn, url)

            def fresh() -> Iterator[Article]:
                for item in iter_sources(sources, published, client, url_stored):
                    report.seen += 1
                    if isinstance(item, SourceFailure):
                        fail(str(item))
                    elif isinstance(item, AlreadyStored):
                        report.skipped += 1
                    else:
                        digest = content_hash(item.text)
                        if digest in hashes or (item.url and item.url in urls) or \
                                stored_article_id(conn, digest, item.url):
                            report.skipped += 1
                        else:
                            hashes.add(digest)
                            if item.url:
                                urls.add(item.url)
                            article = item.with_id()
                            in_flight.append((article, digest))
                            notify()
                            yield article
                            continue
                    notify()

            completed = False
            pending = 0
            try:
                for document in (extractor or partial(extract_many, model=model))(fresh()):
                    article, digest = in_flight.popleft()
                    actors_before = set(known_actors)
                    try:
                        with conn.begin_nested():
                            write_document(conn, document, digest=digest, origin=article.origin,
                                           run_id=report.run_id, known_actors=known_actors)
                    except SQLAlchemyError as exc:
                        known_actors.intersection_update(actors_before)
                        reason = getattr(exc, "orig", None) or exc
                        fail(f"{article.origin or article.id}: could not be stored ({reason}). "
                             "It was skipped; report this if it happens again.")
                    else:
                        report.new += 1
                    pending += 1
                    if pending >= batch_size:
                        _checkpoint(conn, report, finished=False)
                        pending = 0
                    notify()
                completed = True
            finally:
                try:
                    _checkpoint(conn, report, finished=completed)
                except SQLAlchemyError:
                    if completed:
                        raise
    finally:
        engine.dispose()
    return report


def _checkpoint(conn: Connection, report: IngestReport, *, finished: bool) -> None:
    """Commit what is written so far, with the run's counts."""
    finish_run(conn, report.run_id, seen=report.seen, new=report.new, skipped=report.skipped,
               failed=report.failed, finished=finished)
    conn.commit()
