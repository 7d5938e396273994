"""`parley serve` under load: p50/p95 latency at 1 and at 8 concurrent clients, with 1 and with N server
processes (`parley serve --workers N`).

    .venv/bin/python benchmarks/serve_load.py [--workers 1 2] [--clients 1 8] [--seconds 20] [--events 30000]

Builds parley.store.synthetic's corpus (30,000 events by default: the reliability review's load test) in a new
SQLite file, starts `parley serve` on it over a real socket for each --workers value, and runs each --clients
count of threads with keep-alive connections, round-robin over /api/events, /api/summary and
/api/positions/matrix (default parameters, the dashboard's first page), for --seconds each. Prints requests/s,
p50 and p95 in ms per run, and for each server size the 8-client p95 over the 1-client p95 (the issue's target:
within 3x). Latency is wall time, so a machine shared with other programs inflates it: compare rows of one run.
No assertions: it reports.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

PATHS = ("/api/events", "/api/summary", "/api/positions/matrix")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def start_server(db: str, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-c", "from parley.cli import main; main()", "serve", "--db", db,
                               "--port", str(port), "--workers", str(workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=5).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the server did not start")


def load(port: int, clients: int, seconds: float) -> tuple[list[float], int]:
    """Latencies (s) of every request the clients made in `seconds`, and the number of errors."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        nonlocal errors
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            turn = offset
            while time.monotonic() < stop:
                started = time.perf_counter()
                ok = http.get(PATHS[turn % len(PATHS)]).status_code == 200
                took = time.perf_counter() - started
                with lock:
                    latencies.append(took)
                    errors += not ok
                turn += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--events", type=int, default=30_000)
    args = parser.parse_args()

    from parley.api.server import free_port
    from parley.store import synthetic

    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "load.db")
        started = time.perf_counter()
        synthetic.build(f"sqlite:///{db}", events_count=args.events, articles_count=args.events // 5,
                        positions_count=args.events * 4 // 15)
        print(f"corpus: {args.events:,} events, built in {time.perf_counter() - started:.0f} s; "
              f"{os.cpu_count()} cores; {args.seconds:g} s per run")
        print(f"{'workers':>7} {'clients':>7} {'requests':>8} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6}")
        for workers in args.workers:
            port = free_port()
            server = start_server(db, port, workers)
            p95 = {}
            try:
                load(port, 1, 2.0)  # warm the caches of every process
                for clients in args.clients:
                    latencies, errors = load(port, clients, args.seconds)
                    p95[clients] = percentile(latencies, 0.95) * 1000
                    print(f"{workers:>7} {clients:>7} {len(latencies):>8} {len(latencies) / args.seconds:>6.1f} "
                          f"{percentile(latencies, 0.5) * 1000:>7.0f} {p95[clients]:>7.0f} {errors:>6}")
            finally:
                server.send_signal(signal.SIGINT)
                server.wait(30)
            low, high = min(args.clients), max(args.clients)
            if low != high:
                ratio = p95[high] / p95[low]
                print(f"{'':>7} p95 at {high} clients / at {low}: {ratio:.1f}x "
                      f"({'within' if ratio <= 3 else 'over'} the 3x target)")


if __name__ == "__main__":
    main()
