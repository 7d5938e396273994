"""Serial ingest against --workers N and Ray on N CPUs, over the same articles: is parallel worth it here?

    .venv/bin/python benchmarks/scale.py [--articles 2000] [--workers 2] [--pg postgresql://...] [--skip-ray]

Each configuration runs in a fresh process on a fresh SQLite file (or PostgreSQL schema with --pg): extraction
alone (`extract_many`, the reference the writer must keep up with), serial `ingest`, `ingest --workers N` and
`ingest --engine ray` on a local cluster of N CPUs. It prints wall seconds, articles/s, speed-up over serial
ingest, parallel efficiency (speed-up / N), peak resident memory per worker process (sampled from /proc; the
serial figure is the whole process) and a projection for 1M articles on 100 cores at the measured
efficiency. The articles are benchmarks/throughput.py's synthetic ones (fixed seed). No assertions: it reports.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def write_articles(n: int, path: Path) -> None:
    sys.path.insert(0, str(HERE))
    from throughput import make_articles

    with path.open("w", encoding="utf-8") as handle:
        for article in make_articles(n):
            handle.write(json.dumps({"id": article.id, "title": article.title, "text": article.text,
                                     "published": article.published.isoformat() if article.published else None})
                         + "\n")


class PeakSampler(threading.Thread):
    """Peak resident memory (VmHWM) of Ray's worker processes, sampled every second (a scan of /proc costs
    CPU the run would miss; local workers' peak comes from getrusage instead)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peaks, self.stopped = {}, threading.Event()

    def _workers(self) -> list[str]:
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if (entry / "cmdline").read_bytes().startswith(b"ray::MapWorker"):
                        found.append(entry.name)
                except OSError:
                    continue
        return found

    def run(self) -> None:
        while not self.stopped.wait(1.0):
            for pid in self._workers():
                try:
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            self.peaks[pid] = max(self.peaks.get(pid, 0), int(line.split()[1]) / 1024)
                except OSError:
                    continue


def child(mode: str, source: str, url: str, workers: int) -> None:
    """One measured configuration; prints a JSON line."""
    import resource

    from parley.nlp import pipeline

    pipeline.load()  # every configuration starts with the pipeline loaded in this process
    sampler = PeakSampler()
    if mode == "ray":
        import ray

        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, configure_logging=False)
        sampler.start()
    start = time.perf_counter()
    if mode == "extract":
        from parley.extract import extract_many
        from parley.sources.files import iter_path

        count = sum(1 for _ in extract_many(a for a in iter_path(Path(source), None)))
    else:
        from parley.corpus import ingest

        report = ingest([source], url, workers=workers if mode != "serial" else 1,
                        engine="ray" if mode == "ray" else "local")
        count = report.new
    seconds = time.perf_counter() - start
    sampler.stopped.set()
    if mode == "ray":
        ray.shutdown()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peaks = sorted(sampler.peaks.values())
    if mode == "workers":  # the pool's processes have ended and been waited for: the largest of them
        peaks = [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]
    print(json.dumps({"mode": mode, "articles": count, "seconds": seconds,
                      "peak_mb": max(peaks) if peaks else own, "driver_mb": own}))


def measure(mode: str, source: Path, url: str, workers: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", mode, str(source), url, str(workers)],
                         capture_output=True, text=True, check=False)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        raise SystemExit(f"{mode} failed:\n{out.stderr[-3000:]}")
    return json.loads(lines[-1])


def _pg_schema(base: str) -> str:
    sys.path.insert(0, str(HERE.parent / "tests"))
    import uuid

    from sqlalchemy import text

    from parley.store.connect import make_engine

    name = f"bench_{uuid.uuid4().hex[:8]}"
    engine = make_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    engine.dispose()
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{name}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pg", help="also time serial ingest into this PostgreSQL database (a new schema)")
    parser.add_argument("--skip-ray", action="store_true")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="parley-scale-"))
    source = folder / "articles.jsonl"
    write_articles(args.articles, source)
    n = args.workers
    plan = [("extract", "extract alone", "", 1), ("serial", "ingest, serial, SQLite", "sqlite", 1)]
    if args.pg:
        plan.append(("serial", "ingest, serial, PostgreSQL", "pg", 1))
    plan.append(("workers", f"ingest --workers {n}, SQLite", "sqlite", n))
    if not args.skip_ray:
        plan.append(("ray", f"ingest --engine ray, {n} CPUs, SQLite", "sqlite", n))
    results = []
    for number, (mode, label, store, workers) in enumerate(plan):
        url = f"sqlite:///{folder / f'run{number}.db'}" if store == "sqlite" else \
            _pg_schema(args.pg) if store == "pg" else ""
        found = measure(mode, source, url, workers)
        results.append((label, workers, found))
        print(f"  {label}: {found['seconds']:.1f} s", file=sys.stderr, flush=True)
    serial = next(r for label, _, r in results if label.startswith("ingest, serial, SQLite"))
    print(f"{args.articles} synthetic articles, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f} at the end")
    print(f"{'configuration':38} {'s':>7} {'art/s':>7} {'speed-up':>9} {'efficiency':>11} {'peak MB/worker':>15}")
    for label, workers, r in results:
        rate = r["articles"] / r["seconds"] if r["seconds"] else 0.0
        speedup = serial["seconds"] / r["seconds"]
        print(f"{label:38} {r['seconds']:7.1f} {rate:7.1f} {speedup:8.2f}× {speedup / workers:10.0%} "
              f"{r['peak_mb']:15.0f}")
    extract = results[0][2]
    print(f"serial ingest / extract alone: {serial['seconds'] / extract['seconds']:.2f}× the time")
    for label, workers, r in results[2:]:
        if workers > 1:
            efficiency = serial["seconds"] / r["seconds"] / workers
            per_core = r["articles"] / serial["seconds"]
            hours = 1_000_000 / (per_core * 100 * efficiency) / 3600
            print(f"projected, 1M articles on 100 cores at {efficiency:.0%} efficiency ({label}): {hours:.1f} h")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        main()
