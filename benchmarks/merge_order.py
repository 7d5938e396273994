"""The writer (merging included) on the same extracted articles in several orders: is the store the same, and what
does writing cost next to extracting?

    .venv/bin/python benchmarks/merge_order.py [--articles 2000] [--cache docs.pickle] [--pg postgresql://...]

The articles are benchmarks/throughput.py's synthetic ones (fixed seed), extracted once (the extraction time is
the reference, measured in the same run unless --cache holds documents from an earlier one, which then says
so). Each order is stored into a fresh SQLite file (or PostgreSQL schema with --pg) in batches as `parley
ingest` writes them: in order, reversed, shuffled (fixed seed) in batches of 7, and the second half first.
It prints the writer's CPU milliseconds per article for each, the ratio to extraction's, the events and
reports stored, and whether every order stored the same events with the same reports (a fingerprint of
which reports share an event). Run it with PYTHONPATH pointing at another checkout's src to compare writers.
No assertions: it reports.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import random
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

HERE = Path(__file__).resolve().parent


def documents(n: int, cache: Path | None) -> tuple[list, float | None]:
    """The extracted articles, and extraction's CPU seconds per article (None when read from the cache)."""
    if cache and cache.exists():
        found = pickle.loads(cache.read_bytes())
        if len(found) >= n:
            return found[:n], None
    sys.path.insert(0, str(HERE))
    from parley.extract import extract_many
    from throughput import make_articles

    articles = make_articles(n)
    start = time.process_time()
    found = list(extract_many(articles))
    per_article = (time.process_time() - start) / n
    if cache:
        cache.write_bytes(pickle.dumps(found))
    return found, per_article


def store(url: str, batches: list[list]) -> float:
    """Write the batches, one transaction each; return the writer's CPU seconds."""
    from parley.store.connect import open_engine
    from parley.store.write import Item, write_documents

    engine = open_engine(url)
    spent = 0.0
    for batch in batches:
        start = time.process_time()
        with engine.begin() as conn:
            write_documents(conn, [Item(doc) for doc in batch])
        spent += time.process_time() - start
    engine.dispose()
    return spent


def fingerprint(url: str) -> tuple[int, int, str]:
    """(events, reports, a hash of which reports make each event)."""
    from parley.store.connect import make_engine

    engine = make_engine(url)
    with engine.connect() as conn:
        groups: dict[str, list[str]] = {}
        for mention, event in conn.execute(text("SELECT id, event_id FROM event_mentions")):
            groups.setdefault(event, []).append(mention)
    engine.dispose()
    shape = sorted(",".join(sorted(members)) for members in groups.values())
    return len(groups), sum(len(m) for m in groups.values()), hashlib.sha1("|".join(shape).encode()).hexdigest()[:12]


def _url(folder: Path, name: str, pg: str | None) -> str:
    if not pg:
        return f"sqlite:///{folder / (name + '.db')}"
    import uuid

    from parley.store.connect import make_engine

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = make_engine(pg)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return f"{pg}{'&' if '?' in pg else '?'}options=-csearch_path%3D{schema}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=100, help="articles per transaction (parley ingest's batch)")
    parser.add_argument("--cache", type=Path, help="a pickle of extracted documents to reuse (written if absent)")
    parser.add_argument("--pg", help="store into this PostgreSQL database (new schemas) instead of SQLite")
    args = parser.parse_args(argv)
    docs, extract_cpu = documents(args.articles, args.cache)
    n, size = len(docs), args.batch
    shuffled = docs[:]
    random.Random(7).shuffle(shuffled)
    orders = {
        "in order": [docs[k:k + size] for k in range(0, n, size)],
        "reversed": [docs[::-1][k:k + size] for k in range(0, n, size)],
        "shuffled, batches of 7": [shuffled[k:k + 7] for k in range(0, n, 7)],
        "second half first": [(docs[n // 2:] + docs[:n // 2])[k:k + size] for k in range(0, n, size)],
    }
    print(f"{n} articles; extraction: " + (f"{extract_cpu * 1000:.1f} CPU ms/article" if extract_cpu
                                           else "read from the cache (not measured in this run)"))
    print(f"{'order':24} {'writer ms/art':>13} {'/ extraction':>12} {'events':>7} {'reports':>8}  fingerprint")
    prints = set()
    with tempfile.TemporaryDirectory() as folder:
        for number, (name, batches) in enumerate(orders.items()):
            url = _url(Path(folder), f"order{number}", args.pg)
            spent = store(url, batches)
            events, reports, shape = fingerprint(url)
            prints.add(shape)
            ratio = f"{spent / n / extract_cpu:12.3f}" if extract_cpu else f"{'-':>12}"
            print(f"{name:24} {spent / n * 1000:13.2f} {ratio} {events:7d} {reports:8d}  {shape}")
    print("same events and reports in every order:", "yes" if len(prints) == 1 else "NO")


if __name__ == "__main__":
    main()
