"""Latency of the API as the corpus grows: each request the dashboard makes, against parley.store.synthetic's
corpus (the one tests/test_api_scale.py and the dashboard's scale test use) at two sizes.

    .venv/bin/python benchmarks/api_scale.py [--events 10000 100000] [--repeat R] [--db postgresql://...]

Builds the corpus at each size (articles and positions in the test corpus's proportions) in a new SQLite file,
or in a fresh schema of the PostgreSQL database --db names, asks each endpoint once to warm caches and --repeat
times more through the app in this process (no sockets), and prints per endpoint p50 and p95 in ms at each
size and the growth factor (p50 at the largest size over p50 at the smallest). The last lines name the
slowest endpoint at the largest size and its p95. No assertions: it reports.
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

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def label(url: str, params: dict) -> str:
    return f"{url}?{urlencode(params, safe=':')}" if params else url


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timings(client: TestClient, url: str, params: dict, repeat: int) -> list[float]:
    response = client.get(url, params=params)
    if response.status_code != 200:
        print(f"  {label(url, params)} answered {response.status_code}: {response.text[:200]}", file=sys.stderr)
    took = []
    for _ in range(repeat):
        began = time.perf_counter()
        client.get(url, params=params)
        took.append(time.perf_counter() - began)
    return took


@contextlib.contextmanager
def database(base: str | None, folder: Path, name: str):
    """A URL to an empty database: a SQLite file in folder, or a new schema in the PostgreSQL database base."""
    if not base:
        yield f"sqlite:///{folder / (name + '.db')}"
        return
    from sqlalchemy import text

    from parley.store.connect import make_engine

    schema = f"bench_{name}"
    admin = make_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def measure(url: str, events: int, repeat: int) -> dict[str, list[float]]:
    scale = events / synthetic.EVENTS
    sizes = {"events_count": events, "articles_count": round(synthetic.ARTICLES * scale),
             "positions_count": round(synthetic.POSITIONS * scale)}
    began = time.perf_counter()
    synthetic.build(url, **sizes)
    print(f"corpus: {sizes['events_count']} events, {sizes['articles_count']} articles, "
          f"{sizes['positions_count']} positions on {url.split(':', 1)[0]}, built in {time.perf_counter() - began:.1f} s",
          flush=True)
    with TestClient(create_app(url)) as client:
        return {label(u, p): timings(client, u, p, repeat) for u, p in synthetic.DASHBOARD_CALLS}


def run(base: str | None, sizes: list[int], repeat: int) -> None:
    results = {}
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as folder:
        for events in sizes:
            with database(base, Path(folder), f"e{events}") as url:
                results[events] = measure(url, events, repeat)
    small, large = sizes[0], sizes[-1]
    names = list(results[small])
    width = max(len(n) for n in names)
    print(f"{repeat} requests per endpoint after one to warm up; ms")
    print(f"{'endpoint':<{width}}  " + "  ".join(f"{f'p50@{n}':>11} {f'p95@{n}':>11}" for n in sizes) + "   growth")
    for name in names:
        cells = "  ".join(f"{percentile(results[n][name], .5) * 1000:11.1f} {percentile(results[n][name], .95) * 1000:11.1f}"
                          for n in sizes)
        growth = percentile(results[large][name], .5) / percentile(results[small][name], .5)
        print(f"{name:<{width}}  {cells}   x{growth:5.2f}")
    slowest = max(names, key=lambda n: percentile(results[large][n], .95))
    print(f"slowest at {large} events: {slowest}")
    print(f"p95: {percentile(results[large][slowest], .95) * 1000:.1f} ms")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000], help="corpus sizes in events")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per endpoint")
    parser.add_argument("--db", help="a PostgreSQL database to build the corpora in (default: temp SQLite files)")
    args = parser.parse_args(argv)
    run(args.db, sorted(args.events), max(1, args.repeat))


if __name__ == "__main__":
    main()
