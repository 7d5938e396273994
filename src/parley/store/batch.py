"""The store side of an ingest run: which articles are new, writes in batches, failures, the run's counts.

Records in (Articles and the Documents read from them), rows out: the ingest job (parley.ingest) reads the
sources and runs the extractor; this module is the only part of a run that touches the database. A batch is
one transaction; a batch the database refuses is written again one document at a time, so one bad document
costs only itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, select
from sqlalchemy.exc import SQLAlchemyError

from parley.records import Article, Document
from parley.store.schema import articles
from parley.store.write import (
    Item, content_hash, finish_run, record_failures, start_run, stored_article_id, write_documents,
)

BATCH_SIZE = 50


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


class Writer:
    """The store side of a run: which articles are new, batched writes, failures, the run's counts.

    Use as a context manager around the run: leaving it commits what is written, and marks the run finished
    when no error is on the way out."""

    def __init__(self, conn: Connection, sources: list[str], *, on_error: Callable[[str], None] | None = None,
                 on_progress: Callable[[IngestReport], None] | None = None, batch_size: int = BATCH_SIZE):
        self.conn, self.on_error, self.on_progress, self.batch_size = conn, on_error, on_progress, batch_size
        self.report = IngestReport()
        self.hashes: set[str] = set()  # content hashes of the articles given to the extractor
        self.urls: set[str] = set()
        self.known_actors: set[str] = set()
        self.pending: list[Item] = []
        self.failed_rows: list[dict] = []
        self.report.run_id = start_run(conn, sources)
        conn.commit()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        try:
            self.flush()  # also on Ctrl-C: what was read is kept
            self._checkpoint(finished=kind is None)
        except SQLAlchemyError:
            if kind is None:
                raise

    def notify(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.report)

    def fail(self, message: str, stage: str, article: Article | None = None, digest: str | None = None) -> None:
        """Count and record a failed article (`stage`: read, extract or store); `digest` is its content hash when
        known without its text."""
        self.report.failed += 1
        self.report.errors.append(message)
        self.failed_rows.append({"stage": stage, "error": message,
                                 "origin": article.origin if article else None,
                                 "article_id": article.id if article else None,
                                 "content_hash": digest or (content_hash(article.text, article.source) if article else None)})
        if self.on_error is not None:
            self.on_error(message)

    def url_stored(self, url: str) -> bool:
        return url in self.urls or _url_stored(self.conn, url)

    def is_new(self, digest: str, url: str | None = None) -> bool:
        """True when no article with this content hash (or URL) is stored or was taken earlier in this run; a
        new one is remembered, so a second copy later in the run is not new."""
        if digest in self.hashes or (url and url in self.urls) or stored_article_id(self.conn, digest, url):
            return False
        self.hashes.add(digest)
        if url:
            self.urls.add(url)
        return True

    def add(self, article: Article, result: Document | str) -> None:
        """Take one extracted article (or the extractor's error on it); write when a batch is full."""
        if isinstance(result, str):
            self.fail(f"{article.origin or article.id}: {result}. It was skipped.", "extract", article)
        else:
            self.pending.append(Item(result, content_hash(article.text, article.source), article.origin))
        if len(self.pending) >= self.batch_size:
            self.flush()
            self._checkpoint(finished=False)
        self.notify()

    def flush(self) -> None:
        """Write the pending articles in one transaction; if the batch is refused, each on its own."""
        batch, self.pending = self.pending, []
        if not batch:
            return
        actors_before = set(self.known_actors)
        try:
            with self.conn.begin_nested():
                write_documents(self.conn, batch, run_id=self.report.run_id, known_actors=self.known_actors)
            self.report.new += len(batch)
            return
        except SQLAlchemyError:
            self.known_actors.intersection_update(actors_before)
            if len(batch) == 1:
                return self._refused(batch[0])
        for item in batch:
            actors_before = set(self.known_actors)
            try:
                with self.conn.begin_nested():
                    write_documents(self.conn, [item], run_id=self.report.run_id, known_actors=self.known_actors)
            except SQLAlchemyError as exc:
                self.known_actors.intersection_update(actors_before)
                self._refused(item, exc)
            else:
                self.report.new += 1

    def _refused(self, item: Item, exc: SQLAlchemyError | None = None) -> None:
        if exc is None:
            try:
                with self.conn.begin_nested():
                    write_documents(self.conn, [item], run_id=self.report.run_id)
                self.report.new += 1
                return
            except SQLAlchemyError as again:
                exc = again
        reason = getattr(exc, "orig", None) or exc
        article = Article(item.document.text, item.document.id, origin=item.origin)
        self.fail(f"{item.origin or item.document.id}: could not be stored ({reason}). "
                  "It was skipped; report this if it happens again.", "store", article)

    def _checkpoint(self, *, finished: bool) -> None:
        """Commit what is written so far, with the run's counts and failures."""
        record_failures(self.conn, self.report.run_id, self.failed_rows)
        self.failed_rows = []
        r = self.report
        finish_run(self.conn, r.run_id, seen=r.seen, new=r.new, skipped=r.skipped, failed=r.failed,
                   finished=finished)
        self.conn.commit()


__all__ = ["BATCH_SIZE", "IngestReport", "Writer"]
