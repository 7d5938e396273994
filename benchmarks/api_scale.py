"""Latency of the API on a large corpus: each request the dashboard makes, against parley.store.synthetic's
corpus (the one tests/test_api_scale.py and the dashboard's scale test use).

    .venv/bin/python benchmarks/api_scale.py [--scale S] [--repeat R] [--db postgresql://user:password@host/db]

Builds the corpus (30,000 events, 6,000 articles, 8,000 positions; times --scale) in a new SQLite file, or in
the empty PostgreSQL database --db names, then asks each endpoint once to warm caches and --repeat times more
through the app in this process (no sockets), and prints per endpoint the median and best time in ms and the
median over that of `/api/meta` (a lookup of three counts), so runs on different machines compare. The last
line is `ratio: X.XX`, the slowest endpoint's median over /api/meta's. No assertions: it reports.
"""

from __future__ import annotations

import argparse
import statistics
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


def run(url: str, scale: float, repeat: int) -> None:
    sizes = {"events_count": round(synthetic.EVENTS * scale), "articles_count": round(synthetic.ARTICLES * scale),
             "positions_count": round(synthetic.POSITIONS * scale)}
    began = time.perf_counter()
    synthetic.build(url, **sizes)
    print(f"corpus: {sizes['events_count']} events, {sizes['articles_count']} articles, "
          f"{sizes['positions_count']} positions on {url.split(':', 1)[0]}, built in {time.perf_counter() - began:.1f} s;"
          f" median and best of {repeat} requests after one to warm up")
    with TestClient(create_app(url)) as client:
        results = [(u, p, timings(client, u, p, repeat)) for u, p in synthetic.DASHBOARD_CALLS]
    base = statistics.median(next(t for u, _, t in results if u == "/api/meta"))
    width = max(len(label(u, p)) for u, p, _ in results)
    for u, p, took in results:
        median = statistics.median(took)
        print(f"{label(u, p):<{width}}  {median * 1000:8.1f} ms  best {min(took) * 1000:8.1f} ms  "
              f"x{median / base:7.1f}")
    slowest = max(results, key=lambda r: statistics.median(r[2]))
    print(f"slowest: {label(slowest[0], slowest[1])}")
    print(f"ratio: {statistics.median(slowest[2]) / base:.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="corpus size as a multiple of the test corpus")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per endpoint")
    parser.add_argument("--db", help="an empty PostgreSQL database to build the corpus in (default: a temp SQLite)")
    args = parser.parse_args(argv)
    if args.db:
        run(args.db, args.scale, max(1, args.repeat))
        return
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as folder:
        run(f"sqlite:///{Path(folder) / 'parley.db'}", args.scale, max(1, args.repeat))


if __name__ == "__main__":
    main()
