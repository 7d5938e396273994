"""The store side of an ingest run: which articles are new, writes in batches, failures, the run's counts.

Records in (Articles and the Documents read from them), rows out: the ingest job (parley.ingest) reads the
sources and runs the extractor; this module is the only part of a run that touches the database. A batch is
one transaction; a batch the database refuses is written again one document at a time, so one bad document
costs only itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from parley.errors import StoreError
from parley.records import Article, Document
from parley.store.connect import writing
from parley.store.reach import Reaches
from parley.store.schema import articles
from parley.store.write import (
    MAX_ID,
    Item,
    content_hash,
    finish_run,
    record_failures,
    start_run,
    storable_id,
    stored_article_id,
    write_documents,
)

BATCH_SIZE = 50
#: The same warning (e.g. "no publication date") is shown for this many articles, then counted.
REPEAT_WARNINGS = 3


@dataclass
class IngestReport:
    """What one ingest run did: articles seen, newly stored, already stored and failed, and why they failed."""

    run_id: str | None = None
    seen: int = 0
    new: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: int = 0
    #: newly stored articles without a publication date (each also warned about)
    undated: int = 0
    #: of the new articles, pages stored in place of their feed entry's summary
    replaced: int = 0
    #: files of a folder not read as articles (its README, LICENSE, ...: sources.files.is_documentation)
    not_articles: list[str] = field(default_factory=list)

    def summary(self) -> str:
        line = f"{self.new} new, {self.skipped} already stored, {self.failed} failed"
        if self.replaced:
            line += f" ({self.replaced} of the new read from the page of a stored summary)"
        if self.undated:
            line += f", {self.undated} undated"
        if self.not_articles:
            shown = ", ".join(self.not_articles[:3]) + (", ..." if len(self.not_articles) > 3 else "")
            line += f"; {len(self.not_articles)} documentation file(s) not read as articles ({shown})"
        return line


def _url_stored(conn: Connection, url: str) -> bool:
    """Whether the page at this URL is stored (not only its feed entry's summary, which is read again)."""
    return conn.execute(select(articles.c.id).where(articles.c.url == url, articles.c.summary_only == 0)
                        .limit(1)).first() is not None


def _summary_at(conn: Connection, url: str | None) -> str | None:
    """The id of the article stored from a feed entry's summary for this URL, else None."""
    if not url:
        return None
    return conn.execute(select(articles.c.id).where(articles.c.url == url, articles.c.summary_only == 1)
                        .limit(1)).scalar()


class Writer:
    """The store side of a run: which articles are new, batched writes, failures, the run's counts.

    Use as a context manager around the run: leaving it commits what is written, and marks the run finished
    when no error is on the way out."""

    def __init__(self, conn: Connection, sources: list[str], *, on_error: Callable[[str], None] | None = None,
                 on_progress: Callable[[IngestReport], None] | None = None, batch_size: int = BATCH_SIZE,
                 on_warning: Callable[[str], None] | None = None):
        self.conn, self.on_error, self.on_progress, self.batch_size = conn, on_error, on_progress, batch_size
        self.on_warning = on_warning
        self.repeats: Counter = Counter()
        self.report = IngestReport()
        self.hashes: set[str] = set()  # content hashes of the articles given to the extractor
        self.urls: set[str] = set()
        self.known_actors: set[str] = set()
        self.reaches = Reaches()  # which reports may match, kept from batch to batch (reach.py)
        self.pending: list[Item] = []
        self.failed_rows: list[dict] = []
        try:
            with writing(conn):
                self.report.run_id = start_run(conn, sources)
        except OperationalError as exc:
            # a run's first write: a file opened read-only (or whose folder is) fails here, before anything is read
            raise StoreError(f"Cannot write to the database: {exc.orig}. Check that the file and its folder are "
                             "writable (SQLite keeps a journal beside the file), or give another --db.") from None

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        try:
            self._checkpoint(finished=kind is None)  # also on Ctrl-C: what was read is kept
        except (SQLAlchemyError, StoreError):
            if kind is None:
                raise
        if self.on_warning is not None:
            for message, times in self.repeats.items():
                if times > REPEAT_WARNINGS:
                    self.on_warning(f"... and {times - REPEAT_WARNINGS} more articles: {message}")

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

    def warn(self, origin: str, message: str) -> None:
        """Show a warning about one article; the same message is shown REPEAT_WARNINGS times, then counted."""
        self.report.warnings += 1
        self.repeats[message] += 1
        if self.on_warning is not None and self.repeats[message] <= REPEAT_WARNINGS:
            self.on_warning(f"{origin}: {message}")

    def url_stored(self, url: str) -> bool:
        """Whether this URL's page is stored or taken in this run (a feed entry's summary does not count, so the
        page is fetched again)."""
        return url in self.urls or _url_stored(self.conn, url)

    def is_stored(self, digest: str, url: str | None = None, summary: bool = False) -> bool:
        """Whether an article with this content hash (or URL) is stored or was taken earlier in this run; the page
        of a URL stored only as its feed entry's summary (`summary` false) is not: it replaces that summary."""
        if digest in self.hashes or (url and url in self.urls):
            return True
        return bool(stored_article_id(self.conn, digest) or (url and (summary or not _summary_at(self.conn, url))
                                                             and stored_article_id(self.conn, digest, url)))

    def is_new(self, digest: str, url: str | None = None, summary: bool = False) -> bool:
        """True when the article is not stored (is_stored); a new one is remembered, so a second copy later in the
        run is not new (add() replaces the summary a page stands in for)."""
        if self.is_stored(digest, url, summary):
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
            replaces = None if result.summary else _summary_at(self.conn, result.url)
            self.pending.append(Item(result, content_hash(article.text, article.source), article.origin, replaces))
        if len(self.pending) >= self.batch_size:
            self._checkpoint(finished=False)
        self.notify()

    def _stored(self, item: Item, stored_id: str) -> None:
        """Count one stored article and show what the extractor warned about it, and an id that changed."""
        self.report.new += 1
        document = item.document
        self.report.undated += document.published is None
        self.report.replaced += item.replaces is not None
        where = item.origin or document.id
        for message in document.warnings:
            self.warn(where, message)
        if len(document.id) > MAX_ID:
            self.warn(where, f"has an id of {len(document.id):,} characters; it is stored as {stored_id!r} "
                             f"(ids of at most {MAX_ID} characters are kept as given; the full id is kept as its "
                             "original_id).")
        elif document.id and stored_id != storable_id(document.id):
            self.warn(where, f"has the id {document.id!r}, which another article already has, so it is stored as "
                             f"{stored_id!r}. Give each article its own id.")

    def flush(self) -> None:
        """Write the pending articles inside the caller's write transaction (a savepoint each time); if the
        batch is refused, each on its own."""
        batch, self.pending = self.pending, []
        if not batch:
            return
        actors_before = set(self.known_actors)
        try:
            with self.conn.begin_nested():
                ids = write_documents(self.conn, batch, run_id=self.report.run_id, known_actors=self.known_actors,
                                      reaches=self.reaches)
            for item, stored_id in zip(batch, ids):
                self._stored(item, stored_id)
            return
        except SQLAlchemyError:
            self.known_actors.intersection_update(actors_before)
            if len(batch) == 1:
                return self._refused(batch[0])
        for item in batch:
            actors_before = set(self.known_actors)
            try:
                with self.conn.begin_nested():
                    [stored_id] = write_documents(self.conn, [item], run_id=self.report.run_id,
                                                  known_actors=self.known_actors, reaches=self.reaches)
            except SQLAlchemyError as exc:
                self.known_actors.intersection_update(actors_before)
                self._refused(item, exc)
            else:
                self._stored(item, stored_id)

    def _refused(self, item: Item, exc: SQLAlchemyError | None = None) -> None:
        if exc is None:
            try:
                with self.conn.begin_nested():
                    [stored_id] = write_documents(self.conn, [item], run_id=self.report.run_id)
                self._stored(item, stored_id)
                return
            except SQLAlchemyError as again:
                exc = again
        reason = getattr(exc, "orig", None) or exc
        article = Article(item.document.text, item.document.id, origin=item.origin)
        self.fail(f"{item.origin or item.document.id}: could not be stored ({reason}). "
                  "It was skipped; report this if it happens again.", "store", article)

    def _checkpoint(self, *, finished: bool) -> None:
        """Write the pending articles and commit them with the run's counts and failures, in one transaction
        that waits for any other writer to finish first (connect.writing)."""
        try:
            with writing(self.conn):
                self.flush()
                record_failures(self.conn, self.report.run_id, self.failed_rows)
                r = self.report
                finish_run(self.conn, r.run_id, seen=r.seen, new=r.new, skipped=r.skipped, failed=r.failed,
                           finished=finished)
        except OperationalError as exc:
            raise StoreError(f"The database could not be written ({exc.orig}): another process may have held it "
                             "for too long. What was committed before is kept; run the same command again to go "
                             "on.") from None
        self.failed_rows = []


__all__ = ["BATCH_SIZE", "IngestReport", "Writer"]
