"""Serial ingest against --workers N and Ray on N CPUs, over the same articles: is parallel worth it here?

    .venv/bin/python benchmarks/scale.py [--articles 2000] [--workers 2] [--pg postgresql://...] [--skip-ray]
        [--skip-extract-only] [--skip-parallel] [--skip-order] [--order-only] [--cache docs.pickle]

Each configuration runs in a fresh process on a fresh SQLite file (or PostgreSQL schema with --pg): extraction
alone (`extract_many`, the reference the writer must keep up with), extraction alone in N processes with
spaCy's `nlp.pipe(n_process=N)` and with Parley's process pool (which to use for --workers), serial `ingest`,
`ingest --workers N` (also on a quarter of the articles: does memory per worker stay flat?) and
`ingest --engine ray` on a local cluster of N CPUs. It prints wall seconds, articles/s, speed-up over the
reference, parallel efficiency (speed-up / N), CPU milliseconds per article in the parent (reading, writing,
merging; in serial runs the extraction too), in the workers and in Ray's own processes, the speed-up that CPU
cost allows on an idle machine (N × reference CPU / CPU, at most N: what contention from other programs does
not distort), peak resident memory per worker (the serial figure is the whole process), the issue's targets
met or not, and a projection for 1M articles on 100 cores at the measured efficiency. Then it checks that the
store does not depend on the order articles arrive in: the same articles ingested serially in order, reversed,
shuffled, and in two runs with the second half first (the first of them interrupted part way and resumed) must
give the same store (the same events with the same reports, scores and reasons, the same actors, the same derived
tables; it prints each store's counts and fingerprints). The check replays one extraction of the articles (or
--cache's), so it costs four writes, not four ingests; `--order-only` runs it alone. The articles are
benchmarks/throughput.py's synthetic ones (fixed seed). No assertions: it reports.
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


def write_orders(source: Path, folder: Path) -> dict[str, list[tuple[Path, int | None]]]:
    """The same articles in other orders, as files to ingest one after another, each with the number of articles
    after which its run is interrupted (None: it runs to the end): reversed; shuffled (fixed seed); and the second
    half first, interrupted part way (Ctrl-C), resumed, then the first half (as after a killed run is resumed
    and the rest comes in another order)."""
    import random

    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    shuffled = lines[:]
    random.Random(7).shuffle(shuffled)
    half = len(lines) // 2
    files = {"in order": [("in-order.jsonl", lines, None)],
             "reversed": [("reversed.jsonl", lines[::-1], None)],
             "shuffled": [("shuffled.jsonl", shuffled, None)],
             "two halves, killed": [("second-half.jsonl", lines[half:], (len(lines) - half) // 3),
                                    ("second-half.jsonl", lines[half:], None),
                                    ("first-half.jsonl", lines[:half], None)]}
    out: dict[str, list[tuple[Path, int | None]]] = {}
    for name, parts in files.items():
        out[name] = []
        for file_name, part, stop in parts:
            (folder / file_name).write_text("".join(part), encoding="utf-8")
            out[name].append((folder / file_name, stop))
    return out


#: The derived tables (store/derived.py) the order check compares too: each must be what the base tables give,
#: whatever order they were written in.
DERIVED_TABLES = ("event_pairs", "pair_counts", "pair_months", "facet_days", "facet_pairs", "actor_partners",
                  "position_months", "position_type_months", "day_counts", "place_days", "actor_counts",
                  "event_facets")


def fingerprint(url: str) -> dict:
    """What merging decides, in a form two stores can be compared by: the numbers of events, reports and actors,
    a hash of which reports make each event (with its type and date, and each report's merge score and reason)
    and of the actors' names and sectors, and a hash of the derived tables' rows."""
    import hashlib

    from sqlalchemy import inspect, text

    from parley.store.connect import make_engine

    engine = make_engine(url)
    with engine.connect() as conn:
        groups: dict[str, list[str]] = {}
        for mention, event, score, reason in conn.execute(
                text("SELECT id, event_id, merge_score, merge_reason FROM event_mentions")):
            groups.setdefault(event, []).append(f"{mention}/{score}/{reason}")
        kinds = dict(conn.execute(text("SELECT id, type || ' ' || coalesce(date, '') FROM events")).all())
        actors = sorted(tuple(map(str, row)) for row in conn.execute(text("SELECT id, name, country, type FROM actors")))
        present = set(inspect(conn).get_table_names())
        tables = {table: sorted(map(repr, conn.execute(text(f"SELECT * FROM {table}"))))
                  for table in DERIVED_TABLES if table in present}
    engine.dispose()
    shape = sorted(kinds.get(event, "") + ":" + ",".join(sorted(members)) for event, members in groups.items())
    digest = hashlib.sha1(("|".join(shape) + "#" + repr(actors)).encode()).hexdigest()[:12]
    derived = hashlib.sha1(repr(tables).encode()).hexdigest()[:12]
    return {"events": len(groups), "reports": sum(len(m) for m in groups.values()), "actors": len(actors),
            "hash": digest, "derived": derived}


def extracted(source: Path, cache: Path | None = None) -> dict:
    """The articles of `source` as the extractor reads them, by id (read from `cache`, a pickle, when it holds
    them all; written there otherwise)."""
    import pickle

    from parley.sources.files import read_jsonl_file

    articles = list(read_jsonl_file(source, None))
    if cache and cache.exists():
        found = {doc.id: doc for doc in pickle.loads(cache.read_bytes())}
        if all(article.id in found for article in articles):
            return found
    from parley.extract import extract_many

    found = {doc.id: doc for doc in extract_many(articles)}
    if cache:
        cache.write_bytes(pickle.dumps(list(found.values())))
    return found


def _replay(documents: dict, stop_after: int | None = None):
    """An extractor that hands out documents read before, interrupted (Ctrl-C) after `stop_after` of them."""
    def run(articles):
        for count, article in enumerate(articles):
            if stop_after is not None and count == stop_after:
                raise KeyboardInterrupt
            yield documents[article.id]
    return run


def order_check(folder: Path, source: Path, cache: Path | None = None, batch_size: int | None = None) -> list[str]:
    """Ingest the articles in order, reversed, shuffled and in two halves (second half first, interrupted and
    resumed) into fresh SQLite stores, serially, and compare the stores: lines to print. The articles are
    extracted once (or read from `cache`) and each run replays what the extractor read, so the check costs one
    extraction and four writes: it is the writer's order that is checked."""
    from parley.ingest import ingest

    documents = extracted(source, cache)
    found, seconds = {}, {}
    for name, files in write_orders(source, folder).items():
        url = f"sqlite:///{folder / ('order-' + name.replace(' ', '-').replace(',', '') + '.db')}"
        start = time.process_time()
        for path, stop in files:
            options = {"batch_size": batch_size} if batch_size else {}
            try:
                ingest([str(path)], url, extractor=_replay(documents, stop), **options)
            except KeyboardInterrupt:
                pass  # the run stopped part way; the next one resumes
        seconds[name] = time.process_time() - start
        found[name] = fingerprint(url)
    same = len({(f["hash"], f["derived"]) for f in found.values()}) == 1
    lines = [f"  {name:18} {f['events']:6d} events {f['reports']:6d} reports {f['actors']:5d} actors  {f['hash']}  "
             f"derived {f['derived']}  writer {seconds[name]:.0f} CPU s" for name, f in found.items()]
    return lines + [f"  same events, reports, actors and derived tables in every order: {'yes' if same else 'NO'}"]


def write_articles(n: int, path: Path) -> None:
    sys.path.insert(0, str(HERE))
    from throughput import make_articles

    with path.open("w", encoding="utf-8") as handle:
        for article in make_articles(n):
            handle.write(json.dumps({"id": article.id, "title": article.title, "text": article.text,
                                     "published": article.published.isoformat() if article.published else None})
                         + "\n")


def _cpu_seconds(pid: str) -> float:
    """User + system CPU seconds of a process so far (from /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class ProcessSampler(threading.Thread):
    """Every second: CPU seconds and peak resident memory (VmHWM) of this process's descendants, which is
    where Ray's workers (ray::MapWorker) and Ray's own processes (GCS, raylet, ...) run; they are gone by the
    time getrusage could count them. A scan of /proc costs little next to the NLP."""

    def __init__(self):
        super().__init__(daemon=True)
        self.cpu, self.peaks, self.kind, self.stopped = {}, {}, {}, threading.Event()

    def _descendants(self) -> list[str]:
        parent = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    parent[entry.name] = (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
                except OSError:
                    continue
        mine, found = {str(os.getpid())}, []
        changed = True
        while changed:
            changed = False
            for pid, ppid in parent.items():
                if ppid in mine and pid not in mine:
                    mine.add(pid)
                    found.append(pid)
                    changed = True
        return found

    def sample(self) -> None:
        for pid in self._descendants():
            try:
                if self.kind.get(pid) != "worker":  # a worker starts as ray::IDLE and is renamed later
                    self.kind[pid] = "worker" if Path(f"/proc/{pid}/cmdline").read_bytes().startswith(
                        b"ray::MapWorker") else "system"
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), _cpu_seconds(pid))
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        self.peaks[pid] = max(self.peaks.get(pid, 0), int(line.split()[1]) / 1024)
            except OSError:
                continue

    def run(self) -> None:
        while not self.stopped.wait(1.0):
            self.sample()

    def total(self, kind: str, since: dict | None = None) -> float:
        """CPU seconds of the processes of a kind ("worker" or "system"), less what they had used at `since`."""
        since = since or {}
        return sum(v - since.get(pid, 0.0) for pid, v in self.cpu.items() if self.kind.get(pid) == kind)


def child(mode: str, source: str, url: str, workers: int) -> None:
    """One measured configuration; prints a JSON line: wall seconds, CPU seconds of this process (the parent:
    reading, writing, merging, and in serial modes the extraction too), of the worker processes and of Ray's
    own processes, and peak resident memory per worker."""
    import resource

    from parley.nlp import pipeline

    def cpu(who) -> float:
        used = resource.getrusage(who)
        return used.ru_utime + used.ru_stime

    pipeline.load()  # every configuration starts with the pipeline loaded in this process
    sampler = ProcessSampler()
    if mode == "ray":
        import ray

        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, configure_logging=False)
        sampler.sample()
        sampler.start()
    baseline = dict(sampler.cpu)  # Ray's start-up is not part of the run
    own_before, start = cpu(resource.RUSAGE_SELF), time.perf_counter()
    if mode.startswith("extract"):
        from parley.extract import extract_many
        from parley.sources.files import iter_path

        articles = (a for a in iter_path(Path(source), None))
        if mode == "extract-pool":  # Parley's process pool, extraction only
            from parley.engines.local import pooled

            count = sum(1 for _ in pooled(articles, extract_many, workers))
        else:  # spaCy's nlp.pipe(n_process=workers); one process when workers is 1
            count = sum(1 for _ in extract_many(articles, n_process=workers))
    else:
        from parley.ingest import ingest

        report = ingest([source], url, workers=workers if mode != "serial" else 1,
                        engine="ray" if mode == "ray" else "local")
        count = report.new
    seconds = time.perf_counter() - start
    parent_cpu = cpu(resource.RUSAGE_SELF) - own_before
    if mode == "ray":
        sampler.stopped.set()
        sampler.sample()
        ray.shutdown()
        worker_cpu, system_cpu = sampler.total("worker", baseline), sampler.total("system", baseline)
        peaks = [mb for pid, mb in sampler.peaks.items() if sampler.kind.get(pid) == "worker"]
    else:  # the pool's processes have ended; wait for any spaCy has not, so that getrusage counts them
        import multiprocessing

        for process in multiprocessing.active_children():
            process.join(10)
        worker_cpu, system_cpu = cpu(resource.RUSAGE_CHILDREN), 0.0
        peaks = [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024] if workers > 1 else []
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "articles": count, "seconds": seconds, "parent_cpu": parent_cpu,
                      "worker_cpu": worker_cpu, "system_cpu": system_cpu,
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


def _verdict(value: float, target: float, higher: bool = True) -> str:
    met = value >= target if higher else value <= target
    return f"{'met' if met else 'NOT met'} (target {'≥' if higher else '≤'} {target}×)"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pg", help="also time serial ingest into this PostgreSQL database (a new schema)")
    parser.add_argument("--skip-ray", action="store_true")
    parser.add_argument("--skip-extract-only", action="store_true",
                        help="skip the extraction-only runs with spaCy's n_process and Parley's pool")
    parser.add_argument("--skip-parallel", action="store_true", help="skip the --workers and Ray runs")
    parser.add_argument("--skip-order", action="store_true",
                        help="skip the order check (the articles shuffled and in two halves give the same store)")
    parser.add_argument("--order-only", action="store_true",
                        help="run the order check alone (one extraction and four writes)")
    parser.add_argument("--cache", type=Path,
                        help="the order check's extracted documents: a pickle read when it holds every article, "
                             "else written")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="parley-scale-"))
    source = folder / "articles.jsonl"
    write_articles(args.articles, source)
    if args.order_only:
        print(f"order-free (issue 21): {args.articles} synthetic articles ingested serially into SQLite in order, "
              "reversed, shuffled, and second half first (interrupted, resumed) then the first half")
        for line in order_check(folder, source, args.cache):
            print(line)
        return
    small = folder / "articles-quarter.jsonl"
    write_articles(max(args.articles // 4, 40), small)
    n = args.workers
    load_before = os.getloadavg()[0]
    # (mode, label, store, workers, source, reference label)
    plan = [("extract", "extract alone", "", 1, source, None)]
    if not args.skip_extract_only:
        plan += [("extract-spacy", f"extract, spaCy n_process={n}", "", n, source, "extract alone"),
                 ("extract-pool", f"extract, Parley pool of {n}", "", n, source, "extract alone")]
    plan.append(("serial", "ingest, serial, SQLite", "sqlite", 1, source, "extract alone"))
    if args.pg:
        plan.append(("serial", "ingest, serial, PostgreSQL", "pg", 1, source, "extract alone"))
    if not args.skip_parallel:
        plan.append(("workers", f"ingest --workers {n}, SQLite", "sqlite", n, source, "ingest, serial, SQLite"))
        plan.append(("workers", f"ingest --workers {n}, 1/4 of the articles", "sqlite", n, small, None))
    if not args.skip_ray and not args.skip_parallel:
        plan.append(("ray", f"ingest --engine ray, {n} CPUs, SQLite", "sqlite", n, source, "ingest, serial, SQLite"))
    results, urls = {}, {}
    for number, (mode, label, store, workers, path, reference) in enumerate(plan):
        url = f"sqlite:///{folder / f'run{number}.db'}" if store == "sqlite" else \
            _pg_schema(args.pg) if store == "pg" else ""
        found = measure(mode, path, url, workers)
        results[label], urls[label] = (workers, reference, found), url
        print(f"  {label}: {found['seconds']:.1f} s", file=sys.stderr, flush=True)
    load_after = os.getloadavg()[0]
    print(f"{args.articles} synthetic articles, {os.cpu_count()} cores, load average {load_before:.1f} before, "
          f"{load_after:.1f} after (its own processes count there)"
          + ("  (NOT idle at the start: wall-time ratios are distorted; CPU ms/article are not)"
             if load_before > 0.5 else ""))
    print(f"{'configuration':40} {'s':>7} {'art/s':>6} {'speed-up':>8} {'effic.':>6}  "
          f"{'CPU ms/article: parent workers ray total':>41}  {'CPU-bound':>9} {'peak MB/worker':>14}")

    def per_article(r: dict, key: str) -> float:
        return 1000 * r[key] / r["articles"] if r["articles"] else 0.0

    def total_cpu(r: dict) -> float:
        return sum(per_article(r, k) for k in ("parent_cpu", "worker_cpu", "system_cpu"))

    speedups = {}
    for label, (workers, reference, r) in results.items():
        rate = r["articles"] / r["seconds"] if r["seconds"] else 0.0
        if reference:
            ref = results[reference][2]
            speedup = (ref["seconds"] / ref["articles"]) / (r["seconds"] / r["articles"])
            # the speed-up this CPU cost allows on an idle machine with `workers` cores (contention-proof)
            bound = min(workers, workers * total_cpu(ref) / total_cpu(r)) if total_cpu(r) else 0.0
            speedups[label] = (speedup, bound)
            ratio = f"{speedup:7.2f}× {speedup / workers:6.0%}" if workers > 1 else f"{speedup:7.2f}× {'':>6}"
            ceiling = f"{bound:8.2f}×" if workers > 1 else ""
        else:
            ratio, ceiling = f"{'—':>8} {'':>6}", ""
        cpu = (f"{per_article(r, 'parent_cpu'):7.0f} {per_article(r, 'worker_cpu'):7.0f} "
               f"{per_article(r, 'system_cpu'):4.0f} {total_cpu(r):5.0f}")
        peak = f"{r['peak_mb']:14.0f}" + ("" if workers > 1 else " (whole)")
        print(f"{label:40} {r['seconds']:7.1f} {rate:6.1f} {ratio}  {cpu:>41}  {ceiling:>9} {peak}")

    print("\ntargets (issue 15):")
    serial, extract = results["ingest, serial, SQLite"][2], results["extract alone"][2]
    time_ratio = (serial["seconds"] / serial["articles"]) / (extract["seconds"] / extract["articles"])
    print(f"  serial ingest / extract alone: {time_ratio:.2f}× the time, {total_cpu(serial) / total_cpu(extract):.2f}×"
          f" the CPU: {_verdict(time_ratio, 1.2, higher=False)}")
    for label, target in ((f"ingest --workers {n}, SQLite", 1.6), (f"ingest --engine ray, {n} CPUs, SQLite", 1.4)):
        if label in speedups:
            speedup, bound = speedups[label]
            print(f"  {label}: {speedup:.2f}× serial ingest, {_verdict(speedup, target)}; "
                  f"its CPU cost allows {bound:.2f}× on an idle machine")
    spacy, pool = f"extract, spaCy n_process={n}", f"extract, Parley pool of {n}"
    if spacy in speedups and pool in speedups:
        faster = spacy if speedups[spacy][0] > speedups[pool][0] else pool
        print(f"  extraction alone in {n} processes: spaCy's n_process {speedups[spacy][0]:.2f}×, Parley's pool "
              f"{speedups[pool][0]:.2f}× (CPU-bound {speedups[spacy][1]:.2f}× / {speedups[pool][1]:.2f}×): "
              f"{faster.split(', ')[1]} is faster")
    if not args.skip_parallel:
        quarter = results[f"ingest --workers {n}, 1/4 of the articles"][2]
        full = results[f"ingest --workers {n}, SQLite"][2]
        print(f"  peak memory per worker: {quarter['peak_mb']:.0f} MB for {quarter['articles']} articles, "
              f"{full['peak_mb']:.0f} MB for {full['articles']} ({full['peak_mb'] / quarter['peak_mb']:.2f}×; "
              "flat is ≈ 1)")
    for label in (f"ingest --workers {n}, SQLite", f"ingest --engine ray, {n} CPUs, SQLite"):
        if label in speedups:
            efficiency = speedups[label][0] / n
            per_core = serial["articles"] / serial["seconds"]
            hours = 1_000_000 / (per_core * 100 * efficiency) / 3600
            print(f"  projected, 1M articles on 100 cores at {efficiency:.0%} efficiency ({label}): {hours:.1f} h")
    if not args.skip_order:
        print("\norder-free (issue 21): serial ingest into SQLite in order, reversed, shuffled, and second half "
              "first (interrupted, resumed) then the first half")
        for line in order_check(folder, source, args.cache):
            print(line)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        main()
