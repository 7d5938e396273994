"""Ingest: sources in, only articles not stored yet through the extractor, results into the store in batches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from parley.errors import StoreError
from parley.extract import extract_many
from parley.records import Article, Document
from parley.sources import AlreadyStored, SourceFailure
from parley.sources import iter_articles as iter_sources
from parley.store.connect import open_engine, writing
from parley.store.schema import articles
from parley.store.write import (
    MAX_ID, Item, content_hash, finish_run, record_failures, start_run, storable_id, stored_article_id,
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

    def summary(self) -> str:
        return f"{self.new} new, {self.skipped} already stored, {self.failed} failed"


def _url_stored(conn: Connection, url: str) -> bool:
    return conn.execute(select(articles.c.id).where(articles.c.url == url).limit(1)).first() is not None


ENGINES = ("local", "ray")


def ingest(sources: Iterable[str], db_url: str | None = None, *, published: date | None = None,
           batch_size: int = BATCH_SIZE, model: str | None = None, client=None,
           on_error: Callable[[str], None] | None = None,
           on_progress: Callable[[IngestReport], None] | None = None, workers: int = 1,
           engine: str = "local", ray_address: str | None = None,
           extractor: Callable[[Iterable[Article]], Iterable[Document]] | None = None,
           on_warning: Callable[[str], None] | None = None) -> IngestReport:
    """Store every new article from the sources with what the extractor reads in it; skip stored ones.

    The content hash (and URL) is checked before the NLP runs. `workers` > 1 extracts in that many local
    processes (engines.local); engine="ray" extracts on Ray Data (engines.ray_data; `ray_address` joins a
    running cluster, else a local one with `workers` CPUs starts). This process stays the only writer: work
    is committed every `batch_size` articles, one transaction each, and on the way out of an error or Ctrl-C,
    so the next run resumes where this one stopped. An article the reader, the extractor or the store fails
    on is reported, recorded in the `failures` table and skipped. `extractor` turns Articles into Documents,
    one each, in order (default: extract_many with `model`); a custom one runs in this process. What the
    extractor warns about an article (and an id that had to change) goes to `on_warning` and is stored with it.
    """
    from parley.engines.local import extract_results

    sources = list(sources)
    store = open_engine(db_url)
    try:
        with store.connect() as conn:
            writer = Writer(conn, sources, on_error=on_error, on_progress=on_progress, batch_size=batch_size,
                            on_warning=on_warning)
            with writer:
                if engine == "ray":
                    _on_ray(sources, writer, published=published, client=client, workers=workers, model=model,
                            address=ray_address)
                else:
                    articles = writer.fresh(iter_sources(sources, published, client, writer.url_stored))
                    extract = extract_many if extractor is None else _Custom(extractor)
                    for article, result in extract_results(articles, extract, workers=1 if extractor else workers,
                                                           model=model):
                        writer.add(article, result)
            return writer.report
    finally:
        store.dispose()


class _Custom:
    """A caller's extractor, shaped like extract_many (it takes and ignores `model`)."""

    def __init__(self, extractor):
        self.extractor = extractor

    def __call__(self, articles, model=None):
        return self.extractor(articles)


def _on_ray(sources: list[str], writer: "Writer", *, published, client, workers, model, address,
            out: str | None = None) -> int:
    """Extract on Ray Data; write the results through the writer, or as Parquet into `out`. Returns the number
    of result rows written to `out` (0 when writing to the store)."""
    import ray

    from parley.engines import ray_data

    def driver_articles(driver_sources):
        for item in iter_sources(driver_sources, published, client, writer.url_stored if writer else None):
            if isinstance(item, AlreadyStored):
                writer.report.skipped += 1
            else:
                yield item

    started = ray_data.start(address, num_cpus=workers or None)
    try:
        workers = workers or int(ray.cluster_resources().get("CPU", 1))
        ds = ray_data.dataset(sources, published=published, driver_articles=driver_articles, workers=workers,
                              model=model)
        if ds is None:
            return 0
        if out is not None:
            ds = ds.materialize()
            ds.write_parquet(out, partition_cols=["published"])
            return ds.count()
        for row in ray_data.results(ds):
            writer.add_row(row)
        return 0
    finally:
        if started:
            ray.shutdown()


def extract_to_parquet(sources: Iterable[str], out: str, *, published: date | None = None, workers: int = 0,
                       model: str | None = None, ray_address: str | None = None) -> int:
    """Extract the sources on Ray Data into Parquet files under `out`, one folder per publication date
    (`published=YYYY-MM-DD`, `published=unknown`), for a data lake or a later `parley load`. Returns the rows."""
    return _on_ray(list(sources), None, published=published, client=None, workers=workers, model=model,
                   address=ray_address, out=out)


def load(directory: str, db_url: str | None = None, *, batch_size: int = 500,
         on_error: Callable[[str], None] | None = None,
         on_progress: Callable[[IngestReport], None] | None = None,
         on_warning: Callable[[str], None] | None = None) -> IngestReport:
    """Store the results `--out DIR` wrote (Parquet, partitioned by publication date), skipping stored
    articles, in batches (COPY on PostgreSQL)."""
    import pyarrow as pa
    import pyarrow.dataset as pads

    from parley.engines.codec import COLUMNS

    partitioning = pads.partitioning(pa.schema([("published", pa.string())]), flavor="hive")
    found = pads.dataset(directory, format="parquet", partitioning=partitioning)
    store = open_engine(db_url)
    try:
        with store.connect() as conn:
            writer = Writer(conn, [directory], on_error=on_error, on_progress=on_progress, batch_size=batch_size,
                            on_warning=on_warning)
            with writer:
                for batch in found.to_batches(columns=list(COLUMNS)):
                    for row in batch.to_pylist():
                        writer.add_row(row)
            return writer.report
    finally:
        store.dispose()


class Writer:
    """The store side of a run: which articles are new, batched writes, failures, the run's counts.

    Use as a context manager around the run: leaving it commits what is written, and marks the run finished
    when no error is on the way out."""

    def __init__(self, conn: Connection, sources: list[str], *, on_error=None, on_progress=None,
                 batch_size: int = BATCH_SIZE, on_warning=None):
        self.conn, self.on_error, self.on_progress, self.batch_size = conn, on_error, on_progress, batch_size
        self.on_warning = on_warning
        self.repeats: Counter = Counter()
        self.report = IngestReport()
        self.hashes: set[str] = set()  # content hashes of the articles given to the extractor
        self.urls: set[str] = set()
        self.known_actors: set[str] = set()
        self.pending: list[Item] = []
        self.failed_rows: list[dict] = []
        with writing(conn):
            self.report.run_id = start_run(conn, sources)

    def __enter__(self) -> "Writer":
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

    def fail(self, message: str, stage: str, article: Article | None = None) -> None:
        self.report.failed += 1
        self.report.errors.append(message)
        self.failed_rows.append({"stage": stage, "error": message,
                                 "origin": article.origin if article else None,
                                 "article_id": article.id if article else None,
                                 "content_hash": content_hash(article.text) if article else None})
        if self.on_error is not None:
            self.on_error(message)

    def warn(self, origin: str, message: str) -> None:
        """Show a warning about one article; the same message is shown REPEAT_WARNINGS times, then counted."""
        self.report.warnings += 1
        self.repeats[message] += 1
        if self.on_warning is not None and self.repeats[message] <= REPEAT_WARNINGS:
            self.on_warning(f"{origin}: {message}")

    def url_stored(self, url: str) -> bool:
        return url in self.urls or _url_stored(self.conn, url)

    def fresh(self, items: Iterable[Article | SourceFailure | AlreadyStored]) -> Iterator[Article]:
        """The articles not stored yet (nor seen earlier in this run), with their ids; the rest counted."""
        for item in items:
            self.report.seen += 1
            if isinstance(item, SourceFailure):
                self.fail(str(item), "read")
            elif isinstance(item, AlreadyStored):
                self.report.skipped += 1
            else:
                digest = content_hash(item.text)
                if digest in self.hashes or (item.url and item.url in self.urls) or \
                        stored_article_id(self.conn, digest, item.url):
                    self.report.skipped += 1
                else:
                    self.hashes.add(digest)
                    if item.url:
                        self.urls.add(item.url)
                    article = item.with_id()
                    self.notify()
                    yield article
                    continue
            self.notify()

    def add(self, article: Article, result: Document | str) -> None:
        """Take one extracted article (or the extractor's error on it); write when a batch is full."""
        if isinstance(result, str):
            self.fail(f"{article.origin or article.id}: {result}. It was skipped.", "extract", article)
        else:
            self.pending.append(Item(result, content_hash(article.text), article.origin))
        if len(self.pending) >= self.batch_size:
            self._checkpoint(finished=False)
        self.notify()

    def _stored(self, item: Item, stored_id: str) -> None:
        """Count one stored article and show what the extractor warned about it, and an id that changed."""
        self.report.new += 1
        document = item.document
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
                ids = write_documents(self.conn, batch, run_id=self.report.run_id, known_actors=self.known_actors)
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
                                                  known_actors=self.known_actors)
            except SQLAlchemyError as exc:
                self.known_actors.intersection_update(actors_before)
                self._refused(item, exc)
            else:
                self._stored(item, stored_id)

    def add_row(self, row: dict) -> None:
        """Take one result row of the Ray engine or a Parquet directory (engines.codec), skipping stored articles."""
        from parley.engines.codec import document_from_json

        self.report.seen += 1
        if row["status"] == "unreadable":
            self.fail(row["error"], "read")
            self.notify()
            return
        digest = row["content_hash"]
        if digest in self.hashes or stored_article_id(self.conn, digest):
            self.report.skipped += 1
            self.notify()
            return
        self.hashes.add(digest)
        if row["status"] == "failed":
            article = Article("", row["id"], origin=row["origin"])
            self.fail(f"{row['origin'] or row['id']}: {row['error']}. It was skipped.", "extract", article)
            self.failed_rows[-1]["content_hash"] = digest
            self.notify()
            return
        document = document_from_json(row["document"])
        self.add(Article(document.text, document.id, origin=row["origin"]), document)

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
