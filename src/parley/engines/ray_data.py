"""Extraction on Ray Data: beyond one machine, with Ray's scheduling, retries and progress bars.

    sources ──read (Parley's own readers, one task per file; Parquet with read_parquet)──▶ article rows
            ──map_batches(Extract: the pipeline loaded once per actor)──▶ result rows (Arrow batches)
            ──▶ the driver writes them to the store in batches, or write_parquet(DIR) by publication date.

Needs the optional extra: pip install 'parley-events[ray]'. On one machine `ray.init()` starts a local
cluster; `address` joins a running one (files must then be readable by every node, at the same paths).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from parley.engines import codec
from parley.errors import RayMissing
from parley.records import Article

#: Articles per batch given to one actor: one spaCy batch (extract.BATCH_SIZE). At 16 the driver and Ray's own
#: processes spent about a third more CPU per article (150 articles, benchmarks/scale.py); more would hold more
#: Docs per actor and leave one actor idle longer at the end.
BATCH = 32
#: Times Ray runs a batch again after its actor died (killed, out of memory) before the run fails;
#: an article that only raises is recorded as failed at once, inside the batch.
TASK_RETRIES = 3


#: Bytes per block of article rows (about 100 articles of 2 kB): enough blocks to keep every actor busy.
BLOCK_BYTES = 256 * 1024
#: CPUs a reading task asks for: none, so that reading is never starved by extraction actors holding every CPU
#: (reading is light next to the NLP).
READ_CPUS = 0


def _ray():
    try:
        import ray
        import ray.data
    except ImportError:
        raise RayMissing("--engine ray needs Ray: pip install 'parley-events[ray]' (or '.[ray]' in a checkout of Parley)") from None
    return ray


def start(address: str | None = None, num_cpus: int | None = None) -> bool:
    """Connect to the Ray cluster at address, or start a local one; True when this call started it."""
    ray = _ray()
    if ray.is_initialized():
        return False
    kwargs = {"address": address} if address else {"num_cpus": num_cpus}
    ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False, **kwargs)
    return True


class Extract:
    """Ray Data's class-based UDF: the pipeline loads once per actor, then each batch of article rows is
    extracted; an article the extractor raises on becomes a failed row, never a failed batch."""

    def __init__(self, model: str | None = None):
        from parley.nlp import pipeline

        self.model = model
        pipeline.load(model)

    def __call__(self, batch):
        import pyarrow as pa

        from parley.engines.local import extract_chunk
        from parley.extract import extract_many
        from parley.store.write import content_hash

        rows = batch.to_pylist()
        articles = [codec.article_from_row(r) for r in rows if r["error"] is None]
        results = iter(extract_chunk(articles, extract_many, self.model)) if articles else iter(())
        out = []
        for row in rows:
            article = codec.article_from_row(row) if row["error"] is None else None
            if article is None:
                out.append({**dict.fromkeys(codec.COLUMNS), "origin": row["origin"], "status": "unreadable",
                            "error": row["error"], "published": codec.UNKNOWN_DAY})
                continue
            result = next(results)
            out.append(codec.result_row(article, content_hash(article.text, article.source), result,
                                        "failed" if isinstance(result, str) else "extracted"))
        return pa.Table.from_pylist(out, schema=RESULT_SCHEMA())


def RESULT_SCHEMA():  # named as a constant: it is one, built late so pyarrow loads only with Ray
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in codec.COLUMNS])


ARTICLE_COLUMNS = ("id", "text", "title", "published", "url", "source", "origin", "error")


def _read_files(row: dict, published: str | None) -> list[dict]:
    """Parley's own readers on one file: its articles, and a row with the error for each problem."""
    from parley.sources import SourceFailure as SourceError
    from parley.sources.files import iter_path

    out = []
    for item in iter_path(Path(row["path"]), date.fromisoformat(published) if published else None):
        if isinstance(item, SourceError):
            out.append({**dict.fromkeys(ARTICLE_COLUMNS), "origin": item.origin, "error": str(item)})
        else:
            out.append({**codec.article_to_row(item.with_id()), "error": None})
    return out


def _parquet_rows(batch):
    import pyarrow as pa

    names = set(batch.column_names)
    n = batch.num_rows
    columns = {}
    for name in ARTICLE_COLUMNS:
        if name in names and name != "error":
            columns[name] = pa.array([None if v is None else str(v)[:10] if name == "published" else str(v)
                                      for v in batch.column(name).to_pylist()], pa.string())
        else:
            columns[name] = pa.nulls(n, pa.string())
    return pa.table(columns)


def _expand(sources: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """Files for Parley's readers, Parquet files, and sources the driver reads itself (URLs, feeds, stdin)."""
    from parley.sources import web
    from parley.sources.files import KNOWN_SUFFIXES, is_documentation

    files, parquet, driver = [], [], []
    for source in sources:
        path = Path(source)
        if source == "-" or web.is_url(source) or path.suffix.lower() in web.FEED_SUFFIXES:
            driver.append(source)
        elif path.suffix.lower() == ".parquet" or (path.is_dir() and any(path.rglob("*.parquet"))):
            parquet.append(source)
        elif path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES
                           and not is_documentation(p))  # a folder's README is not an article
            files.extend(found or [source])  # an empty folder is reported by the reader
        else:
            files.append(source)
    return files, parquet, driver


def dataset(sources: Iterable[str], *, published: date | None = None, driver_articles: Iterable | None = None,
            workers: int | None = None, model: str | None = None):
    """The Ray Dataset of result rows (codec.COLUMNS) for the sources, in source order."""
    ray = _ray()
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # same order, same result
    # a JSONL file is read by one task: small blocks spread its articles over every actor
    context.target_max_block_size = BLOCK_BYTES
    files, parquet, driver = _expand(sources)
    day = published.isoformat() if published else None
    parts = []
    if files:
        parts.append(ray.data.from_items([{"path": f} for f in files], override_num_blocks=len(files))
                     .flat_map(_read_files, fn_kwargs={"published": day}, num_cpus=READ_CPUS))
    if parquet:
        parts.append(ray.data.read_parquet(parquet).map_batches(_parquet_rows, batch_format="pyarrow",
                                                                     num_cpus=READ_CPUS))
    if driver and driver_articles is not None:
        rows = [{**codec.article_to_row(a), "error": None} if isinstance(a, Article)
                else {**dict.fromkeys(ARTICLE_COLUMNS), "origin": a.origin, "error": str(a)}
                for a in driver_articles(driver)]
        if rows:
            parts.append(ray.data.from_items(rows))
    if not parts:
        return None
    articles = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    with warnings.catch_warnings():
        # Ray 2.60 deprecates ray_remote_args_fn but names no parameter for max_task_retries, the bound on how
        # often a batch whose actor died runs again (Ray's default: for ever); its warning would reach every run
        warnings.filterwarnings("ignore", message="`ray_remote_args_fn` is deprecated", category=DeprecationWarning)
        return articles.map_batches(Extract, fn_constructor_kwargs={"model": model}, batch_size=BATCH,
                                    batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=workers),
                                    num_cpus=1, ray_remote_args_fn=_retries)


def _retries() -> dict:
    return {"max_task_retries": TASK_RETRIES}


def results(ds) -> Iterator[dict]:
    """The result rows of a dataset, streamed to the driver in order."""
    for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
        yield from batch.to_pylist()
