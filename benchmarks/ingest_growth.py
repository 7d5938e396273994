"""Does ingest slow down as the store grows? The writer's articles/s per stretch of stored articles, and where
its time goes once the store is large.

    .venv/bin/python benchmarks/ingest_growth.py [--articles 12000] [--base 300] [--every 2000] [--db URL]
        [--cache base.pickle] [--shuffle SEED] [--fingerprint] [--resume stored.db]

Extraction keeps its pace whatever the store holds, so this measures the other half of `parley ingest`, the
parent's: it reads --base articles recombined from examples/corpus (a corpus with few dyads: the same 29 actors
over and over, dates cycling over 400 days, as in the reliability review), extracts them once, then stores
--articles copies of them through store.batch.Writer (what ingest writes with, 50 articles a batch), each copy with
its own id, text and publication date. It prints the writer's articles/s, wall ms and CPU ms per article for each
--every articles stored (CPU time is what other programs on a shared machine do not inflate), the last stretch's
rate over the first's, by wall time and by CPU time (the issue's target: within 1.5x at 30,000 stored), and a
cProfile of the last two batches (the functions with the most cumulative CPU time; with --profile-every, each
stretch's last two batches by own CPU time too). With --fingerprint it prints an md5 of each table of the store
(its rows sorted, less the columns a run stamps: ingested_at, run_id, autoincrement ids) and of them all: two
writers, or two orders (--shuffle SEED stores the same copies in a shuffled order), must give the same digests.
--cache keeps the extracted base articles in a pickle, so a second run skips extraction; --resume goes on from a
copy of a SQLite store an earlier run kept (--db sqlite:///stored.db): its N articles are copies 0..N-1, so the
run stores copies N.. (a quick look at the cost at 10,000 stored without storing the first 10,000 again).
No assertions: it reports.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import pickle
import pstats
import random
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["Sake", "Goma", "Minova", "Bukavu", "Rutshuru", "Kibumba", "Masisi", "Walikale"]


def base_articles(count: int):
    """`count` articles, each two demo paragraphs joined, a town swapped for another."""
    from parley.records import Article

    source = [json.loads(line) for line in (ROOT / "examples/corpus/articles.jsonl").open(encoding="utf-8")]
    for i in range(count):
        first, second = source[i % len(source)], source[(i * 7 + 3) % len(source)]
        text = first["text"]
        for place in PLACES:
            text = text.replace(place, PLACES[(i + len(place)) % len(PLACES)])
        yield Article(text=f"{text} {second['text']}", id=f"base-{i}", title=first.get("title"),
                      published=date(2025, 1, 1) + timedelta(days=i % 400))


def _shifted_day(value: str | None, days: int) -> str | None:
    if not value or len(value) != 10:
        return value
    try:
        return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
    except ValueError:
        return value


#: The day the first article of a --per-day run is published.
FIRST_DAY = date(2025, 1, 1)


def copy_of(document, n: int, per_day: int | None = None):
    """The n-th stored article: a base Document under a new id, with its own text and its dates (its events' and
    positions') moved: by a day cycling over 400 days, or with `per_day` to the (n // per_day)-th day after
    FIRST_DAY (as a news feed grows: by days, each about as full as the one before)."""
    days = (n * 37) % 400
    if per_day and document.published:
        days = (FIRST_DAY + timedelta(days=n // per_day) - document.published).days
    events = [replace(e, date=_shifted_day(e.date, days), links=list(e.links)) for e in document.events]
    positions = [replace(p, date=_shifted_day(p.date, days)) for p in document.positions]
    return replace(document, id=f"copy-{n:06d}", text=f"{document.text} Dispatch {n}.", events=events,
                   positions=positions,
                   published=document.published + timedelta(days=days) if document.published else None,
                   title_events=[], warnings=[])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=12_000)
    parser.add_argument("--base", type=int, default=300)
    parser.add_argument("--every", type=int, default=2_000)
    parser.add_argument("--per-day", type=int,
                        help="publish the n-th copy on day n // PER_DAY (the store grows by equally full days) "
                             "instead of on one of 400 days, which grow ever fuller")
    parser.add_argument("--db", help="a database URL (default: a new SQLite file)")
    parser.add_argument("--profile-every", action="store_true",
                        help="also show where each stretch's last two batches' CPU time went (by own time)")
    parser.add_argument("--cache", type=Path, help="a pickle of the extracted base articles (written if absent)")
    parser.add_argument("--shuffle", type=int, help="store the copies in an order shuffled with this seed")
    parser.add_argument("--fingerprint", action="store_true", help="print an md5 of each table of the store")
    parser.add_argument("--same-as", type=Path, metavar="OUTPUT",
                        help="with --fingerprint: say whether the store is, table for table, the one whose digests an "
                             "earlier run printed to OUTPUT (the same corpus before and after a change)")
    parser.add_argument("--resume", type=Path, help="go on from a copy of this SQLite store of an earlier run")
    args = parser.parse_args()

    from parley.extract import extract_many
    from parley.store.batch import Writer
    from parley.store.connect import open_engine

    started = time.perf_counter()
    if args.cache and args.cache.exists() and len(cached := pickle.loads(args.cache.read_bytes())) == args.base:
        base = cached
    else:
        base = list(extract_many(base_articles(args.base)))
        if args.cache:
            args.cache.write_bytes(pickle.dumps(base))
    print(f"{args.base} base articles extracted (or read from --cache) in {time.perf_counter() - started:.0f} s; "
          f"{sum(len(d.events) for d in base) / len(base):.1f} events each")
    first = 0
    if args.resume:
        import sqlite3

        with sqlite3.connect(args.resume) as stored:
            first = stored.execute("SELECT count(*) FROM articles").fetchone()[0]
    numbers = list(range(first, first + args.articles))
    if args.shuffle is not None:
        random.Random(args.shuffle).shuffle(numbers)
    with tempfile.TemporaryDirectory() as folder:
        if args.resume:
            import sqlite3

            with sqlite3.connect(args.resume) as stored, sqlite3.connect(Path(folder) / "growth.db") as copy:
                stored.backup(copy)
        engine = open_engine(args.db or f"sqlite:///{Path(folder) / 'growth.db'}")
        rates = []
        with engine.connect() as conn, Writer(conn, ["benchmark"]) as writer:
            from parley.records import Article
            from parley.store import reprints

            reprints.signature(base[0].text)  # the MinHash package is imported when first used: not in the timing

            mark, stretch, cpu_mark = time.perf_counter(), 0, time.process_time()
            profile = cProfile.Profile(time.process_time)
            cpu_ms = []
            print(f"{'stored':>8} {'articles/s':>10} {'ms/article':>10} {'CPU ms/article':>14}", flush=True)
            for done, n in enumerate(numbers):
                document = copy_of(base[n % len(base)], n, args.per_day)
                # the two batches before each stretch's end are profiled (by CPU time) and shown with its line
                if done % args.every >= args.every - 2 * writer.batch_size or done >= args.articles - 2 * writer.batch_size:
                    profile.enable()
                writer.add(Article(document.text, document.id, origin=f"copy:{n}"), document)
                profile.disable()
                stretch += 1
                if stretch == args.every or done == args.articles - 1:
                    took, cpu = time.perf_counter() - mark, time.process_time() - cpu_mark
                    rates.append(stretch / took)
                    cpu_ms.append(cpu / stretch * 1000)
                    print(f"{first + done + 1:>8} {rates[-1]:>10.1f} {took / stretch * 1000:>10.1f} {cpu_ms[-1]:>14.1f}",
                          flush=True)
                    if args.profile_every and done < args.articles - 1:
                        _show(profile, "tottime", 8)
                        profile = cProfile.Profile(time.process_time)
                    mark, stretch, cpu_mark = time.perf_counter(), 0, time.process_time()
        if args.fingerprint:
            with engine.connect() as conn:
                digests = _print_digests(conn)
            if args.same_as:
                _compare(digests, args.same_as)
        engine.dispose()
    print(f"first stretch / last: {rates[0] / rates[-1]:.2f}x slower "
          f"({'within' if rates[0] / rates[-1] <= 1.5 else 'over'} the 1.5x target); by CPU time "
          f"{cpu_ms[-1] / cpu_ms[0]:.2f}x")
    print("where the last two batches' CPU time went (cumulative):")
    _show(profile, "cumulative", 25)


#: What a run stamps on its rows (when, which run) and ids numbered in insertion order: not what was stored.
VOLATILE = {"ingested_at", "run_id", "failed_at"}


def _print_digests(conn) -> dict[str, str]:
    """An md5 of each table's rows (sorted; less VOLATILE and autoincrement columns) and of them all; returns
    them by table name ("all tables" for the last)."""
    from sqlalchemy import Integer, select

    from parley.store.schema import metadata

    total = hashlib.md5()
    digests: dict[str, str] = {}
    for table in metadata.sorted_tables:
        if table.name in ("runs", "failures", "schema_version"):
            continue
        columns = [c for c in table.c if c.name not in VOLATILE
                   and not (c.primary_key and isinstance(c.type, Integer) and c.autoincrement is True)]
        rows = sorted(repr(tuple(row)) for row in conn.execute(select(*columns)))
        digest = hashlib.md5("\n".join(rows).encode("utf-8")).hexdigest()
        total.update(f"{table.name}:{digest}".encode())
        print(f"  {table.name:18} {len(rows):8d} rows  {digest}")
        digests[table.name] = digest
    print(f"  {'all tables':18} {'':8}       {total.hexdigest()}")
    digests["all tables"] = total.hexdigest()
    return digests


def _compare(digests: dict[str, str], output: Path) -> None:
    """Print whether `digests` are those an earlier run printed to `output` (its --fingerprint lines)."""
    import re

    earlier = {}
    for line in output.read_text(encoding="utf-8").splitlines():
        found = re.fullmatch(r"  (\S+(?: tables)?)\s+(?:\d+ rows)?\s+([0-9a-f]{32})", line)
        if found:
            earlier[found[1]] = found[2]
    if not earlier:
        print(f"store: {output} holds no digests (run it with --fingerprint)")
        return
    differ = sorted(name for name in digests.keys() | earlier.keys() if digests.get(name) != earlier.get(name))
    print(f"store: the same as {output}'s, table for table" if not differ else
          f"store: NOT the same as {output}'s: {', '.join(differ)} differ")


def _show(profile: cProfile.Profile, order: str, count: int) -> None:
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(order).print_stats(count)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    start = next((k for k, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    print("\n".join(lines[start:])[:6000], flush=True)


if __name__ == "__main__":
    main()
