"""Ingest: sources in, only articles not stored yet through the extractor, results into the store in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date

from parley.extract import extract_many
from parley.records import Article, Document
from parley.sources import AlreadyStored, NotAnArticle, SourceFailure
from parley.sources import iter_articles as iter_sources
from parley.store.batch import BATCH_SIZE, IngestReport, Writer
from parley.store.connect import open_engine
from parley.store.write import content_hash

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
                    articles = _Intake(writer).fresh(iter_sources(sources, published, client, writer.url_stored))
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


def _on_ray(sources: list[str], writer: Writer, *, published, client, workers, model, address,
            out: str | None = None) -> int:
    """Extract on Ray Data; write the results through the writer, or as Parquet into `out`. Returns the number
    of result rows written to `out` (0 when writing to the store)."""
    from parley.engines import ray_data

    def driver_articles(driver_sources):
        for item in iter_sources(driver_sources, published, client, writer.url_stored if writer else None):
            if isinstance(item, AlreadyStored) or (
                    writer is not None and isinstance(item, Article) and item.url
                    and writer.is_stored(content_hash(item.text, item.source), item.url, item.summary)):
                # a feed entry whose page (or, still unreachable, whose summary) is stored: not read again
                writer.report.skipped += 1
            else:
                yield item

    started = ray_data.start(address, num_cpus=workers or None)  # RayMissing, before `import ray` fails bare
    import ray
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
            _Intake(writer).add_row(row)
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
                        _Intake(writer).add_row(row)
            return writer.report
    finally:
        store.dispose()


class _Intake:
    """What the ingest job hands the store's batch writer: the articles that are new, and the engine's result
    rows decoded into records (the store reads no engine rows); everything else is counted."""

    def __init__(self, writer: Writer):
        self.writer, self.report, self.fail, self.notify = writer, writer.report, writer.fail, writer.notify

    def fresh(self, items: Iterable[Article | SourceFailure | AlreadyStored | NotAnArticle]) -> Iterator[Article]:
        """The articles not stored yet (nor seen earlier in this run), with their ids; the rest counted."""
        for item in items:
            if isinstance(item, NotAnArticle):  # a folder's README: named in the summary, neither read nor failed
                self.report.not_articles.append(item.origin)
                continue
            self.report.seen += 1
            if isinstance(item, SourceFailure):
                self.fail(str(item), "read")
            elif isinstance(item, AlreadyStored):
                self.report.skipped += 1
            else:
                if not self.writer.is_new(content_hash(item.text, item.source), item.url, item.summary):
                    self.report.skipped += 1
                else:
                    article = item.with_id()
                    self.notify()
                    yield article
                    continue
            self.notify()

    def add_row(self, row: dict) -> None:
        """Take one result row of the Ray engine or a Parquet directory (engines.codec), skipping stored articles."""
        from parley.engines.codec import document_from_json

        self.report.seen += 1
        if row["status"] == "unreadable":
            self.fail(row["error"], "read")
            self.notify()
            return
        digest = row["content_hash"]
        if not self.writer.is_new(digest):
            self.report.skipped += 1
            self.notify()
            return
        if row["status"] == "failed":
            article = Article("", row["id"], origin=row["origin"])
            self.fail(f"{row['origin'] or row['id']}: {row['error']}. It was skipped.", "extract", article, digest)
            self.notify()
            return
        document = document_from_json(row["document"])
        # the outlet is part of the content hash (write.content_hash), as on the local engine
        self.writer.add(Article(document.text, document.id, source=document.source, origin=row["origin"]), document)
