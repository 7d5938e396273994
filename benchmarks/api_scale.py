"""Latency of the API as the corpus grows: each request the dashboard makes, against parley.store.synthetic's
corpus (the one tests/test_api_scale.py and the dashboard's scale test use) at two sizes.

    .venv/bin/python benchmarks/api_scale.py [--events 10000 100000] [--repeat R] [--db postgresql://...]
                                             [--keep DIR]

Builds the corpus at each size (articles and positions in the test corpus's proportions) in a new SQLite file,
or in a fresh schema of the PostgreSQL database --db names, asks each endpoint once to warm caches and --repeat
times more through the app in this process (no sockets; the response cache off, so that every request
reads the store), and prints per endpoint p50 and p95 in ms at each
size, the process's CPU time per request (p50: what a busy shared machine does not inflate; on SQLite it is
nearly all the work), and the growth factor (p50 at the largest size over p50 at the smallest). The last lines
name the slowest endpoint at the largest size, its p95, and how many endpoints are at 200 ms p95 or more.
With --keep, each corpus is built once and kept for the next run (SQLite files in DIR, PostgreSQL schemas
`bench_e<events>` left in place); a kept corpus is opened through the current schema's migrations.
No assertions: it reports.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import urlencode

from parley.api import create_app
from parley.store import synthetic
from parley.store.connect import open_engine

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def label(url: str, params: dict) -> str:
    return f"{url}?{urlencode(params, safe=':')}" if params else url


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timings(client: TestClient, url: str, params: dict, repeat: int) -> tuple[list[float], list[float]]:
    """(wall-clock seconds, this process's CPU seconds) of each of `repeat` requests after one to warm up."""
    response = client.get(url, params=params)
    if response.status_code != 200:
        print(f"  {label(url, params)} answered {response.status_code}: {response.text[:200]}", file=sys.stderr)
    took, cpu = [], []
    for _ in range(repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        client.get(url, params=params)
        took.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return took, cpu


@contextlib.contextmanager
def database(base: str | None, folder: Path, name: str, keep: bool = False):
    """(URL, whether it already holds the corpus): a SQLite file in folder, or a schema in the PostgreSQL
    database base; new and dropped afterwards unless `keep`, when one kept from an earlier run is reused."""
    if not base:
        path = folder / (name + ".db")
        yield f"sqlite:///{path}", keep and path.exists()
        return
    from sqlalchemy import text

    from parley.store.connect import make_engine

    schema = f"bench_{name}"
    admin = make_engine(base)
    with admin.begin() as conn:
        kept = keep and conn.execute(text("SELECT 1 FROM information_schema.tables WHERE table_schema = :s "
                                          "AND table_name = 'day_counts'"), {"s": schema}).first() is not None
        # a build that did not finish leaves the tables without events: built again, not timed empty
        kept = kept and conn.execute(text(f'SELECT 1 FROM "{schema}".events LIMIT 1')).first() is not None
        if not kept:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}", kept
    finally:
        if not keep:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def measure(url: str, events: int, repeat: int, built: bool = False) -> dict[str, tuple[list[float], list[float]]]:
    scale = events / synthetic.EVENTS
    sizes = {"events_count": events, "articles_count": round(synthetic.ARTICLES * scale),
             "positions_count": round(synthetic.POSITIONS * scale)}
    began = time.perf_counter()
    if built:  # kept from an earlier run: brought to the current schema (new derived tables filled)
        engine = open_engine(url)
        synthetic.settle(engine)
        engine.dispose()
    else:
        synthetic.build(url, **sizes)
    print(f"corpus: {sizes['events_count']} events, {sizes['articles_count']} articles, "
          f"{sizes['positions_count']} positions on {url.split(':', 1)[0]}, "
          + ("kept from an earlier run" if built else f"built in {time.perf_counter() - began:.1f} s"), flush=True)
    # without api/cache.py's response cache: a repeated request would be answered from memory, and what is
    # timed is the read a first visitor (or the first after each write) waits for
    with TestClient(create_app(url, response_cache=False)) as client:
        # the deep page's offset grows with the corpus, so calls are named by their place in the list
        return {name: timings(client, u, p, repeat)
                for name, (u, p) in zip(NAMES, synthetic.dashboard_calls(events))}


#: One name per dashboard call (the deep page's offset written as a share of the corpus).
NAMES = [label(u, {**p, "offset": "2/3"} if "offset" in p else p) for u, p in synthetic.dashboard_calls()]


def run(base: str | None, sizes: list[int], repeat: int, keep: str | None = None) -> None:
    results = {}
    with contextlib.ExitStack() as stack:
        folder = keep or stack.enter_context(tempfile.TemporaryDirectory(prefix="parley-bench-"))
        Path(folder).mkdir(parents=True, exist_ok=True)
        for events in sizes:
            with database(base, Path(folder), f"e{events}", keep=bool(keep)) as (url, built):
                results[events] = measure(url, events, repeat, built)
    small, large = sizes[0], sizes[-1]
    width = max(len(n) for n in NAMES)
    print(f"{repeat} requests per endpoint after one to warm up; ms. cpu: this process's CPU time (p50), which a "
          "busy machine does not inflate (on PostgreSQL the server's work is not in it)")
    print(f"{'endpoint':<{width}}  " + "  ".join(f"{f'p50@{n}':>10} {f'p95@{n}':>10} {f'cpu@{n}':>10}"
                                                   for n in sizes) + "   growth")
    for name in NAMES:
        cells = "  ".join(f"{percentile(results[n][name][0], .5) * 1000:10.1f} "
                          f"{percentile(results[n][name][0], .95) * 1000:10.1f} "
                          f"{percentile(results[n][name][1], .5) * 1000:10.1f}" for n in sizes)
        growth = percentile(results[large][name][0], .5) / percentile(results[small][name][0], .5)
        print(f"{name:<{width}}  {cells}   x{growth:5.2f}")
    slowest = max(NAMES, key=lambda n: percentile(results[large][n][0], .95))
    over = [n for n in NAMES if percentile(results[large][n][0], .95) >= .2]
    print(f"slowest at {large} events: {slowest}")
    print(f"p95: {percentile(results[large][slowest][0], .95) * 1000:.1f} ms")
    print(f"over 200 ms p95 at {large} events: {len(over)} of {len(NAMES)} endpoints")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000], help="corpus sizes in events")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per endpoint")
    parser.add_argument("--db", help="a PostgreSQL database to build the corpora in (default: temp SQLite files)")
    parser.add_argument("--keep", metavar="DIR", help="build each corpus once and keep it for later runs (SQLite "
                        "files in DIR; PostgreSQL schemas left in --db)")
    args = parser.parse_args(argv)
    run(args.db, sorted(args.events), max(1, args.repeat), args.keep)


if __name__ == "__main__":
    main()
