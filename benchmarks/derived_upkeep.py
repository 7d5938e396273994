"""What keeping the derived data costs the writer: CPU per article stored, with store/derived.py's upkeep and
without it.

    .venv/bin/python benchmarks/derived_upkeep.py [--articles 1000] [--prefill 0] [--rounds 2] [--db URL]

Writes --articles synthetic documents (3 events and 2 positions each, among 20 states, dated over six months)
through store.write.write_documents, 50 per transaction as the ingest Writer batches them, into a fresh SQLite
file (or a fresh schema of the PostgreSQL database --db names), once as the writer runs and once with the derived
upkeep left out (`derived.refresh` and the look-ups the writer makes for it do nothing), --rounds times each,
alternating, and prints the CPU milliseconds per article of each (the best round: what a busy machine inflates
least; on PostgreSQL the server's work is not in it, so the wall-clock time is printed too) and the upkeep's
share: (with - without) / without. --prefill N stores N more articles first, untimed, so the cost on a larger
store shows. Extraction is not in it: benchmarks/scale.py puts the writer next to the NLP. No assertions: it
reports.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import parley.store.read  # noqa: F401  (loads the kb's quad classes once, before any round is timed)
from parley.records import Actor, Document, Event, Position
from parley.store import derived, write
from parley.store.connect import open_engine

STATES = [Actor(text=f"Land{i}", start=0, end=5, name=f"Land{i}", id=f"country:L{i:02d}", country=f"L{i:02d}",
                type="GOV") for i in range(20)]
TYPES = ["ASSAULT", "CONSULT", "AGREE", "ACCUSE", "THREATEN", "AID"]
ISSUES = ["ceasefire", "talks", "territory", "prisoners"]
WORDS = "strike talks border truce shelling envoy corridor grain".split()
BATCH = 50


def documents(count: int, seed: int, start: int = 0) -> list[Document]:
    """`count` synthetic documents with ids from a{start}: each reports 3 events and states 2 positions."""
    rng = random.Random(seed)
    first = date(2025, 1, 1)
    found = []
    for i in range(start, start + count):
        day = first + timedelta(days=rng.randrange(180))
        text = f"Article a{i}: " + " ".join(rng.choice(WORDS) for _ in range(60)) + "."
        events = []
        for k in range(3):
            source, target = rng.sample(STATES, 2)
            when = (day - timedelta(days=rng.randrange(3))).isoformat()
            events.append(Event(id=f"e{k}", type=rng.choice(TYPES), span=(20 + k * 60, 26 + k * 60), trigger="struck",
                                sentence_span=(k * 60, k * 60 + 58), source=[source], target=[target],
                                status=rng.choice(["asserted", "alleged"]), date=when, date_precision="day",
                                confidence=0.8))
        positions = [Position(actor=rng.choice(STATES), issue=rng.choice(ISSUES),
                              stance=rng.choice(["accept", "reject", "demand"]), span=(k * 60, k * 60 + 30),
                              evidence="A stance.", date=day.isoformat()) for k in range(2)]
        found.append(Document(id=f"a{i}", text=text, title=f"Report {i}", published=day, source="Wire",
                              events=events, positions=positions))
    return found


@contextlib.contextmanager
def fresh_store(base: str | None, folder: Path, name: str):
    """A URL to a new, empty store: a SQLite file in folder, or a new schema of the PostgreSQL database base."""
    if not base:
        yield f"sqlite:///{folder / (name + '.db')}"
        return
    from sqlalchemy import text

    from parley.store.connect import make_engine

    schema = f"upkeep_{name}"
    admin = make_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@contextlib.contextmanager
def without_upkeep():
    """The writer with store/derived.py's upkeep left out (what it costs is the difference)."""
    names = ("refresh", "actors_of", "dates_of", "counted_before", "article_types")
    saved = [getattr(derived, name) for name in names]
    derived.refresh = lambda conn, **kwargs: None
    derived.actors_of = derived.dates_of = lambda conn, ids: set()
    derived.counted_before = derived.article_types = lambda conn, ids: {}
    try:
        yield
    finally:
        for name, kept in zip(names, saved):
            setattr(derived, name, kept)


def write_all(url: str, docs: list[Document]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) to store docs BATCH per transaction."""
    engine = open_engine(url)
    try:
        began, began_cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(docs), BATCH):
            with engine.begin() as conn:
                write.write_documents(conn, [write.Item(doc) for doc in docs[start:start + BATCH]])
        return time.process_time() - began_cpu, time.perf_counter() - began
    finally:
        engine.dispose()


def run(articles: int, prefill: int, rounds: int, base: str | None) -> None:
    docs = documents(articles, seed=3, start=prefill)
    filler = documents(prefill, seed=5) if prefill else []
    best: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="parley-upkeep-") as folder:
        for round_ in range(rounds):
            for mode in ("with", "without"):
                with fresh_store(base, Path(folder), f"{mode}{round_}") as url:
                    if filler:
                        write_all(url, filler)
                    with without_upkeep() if mode == "without" else contextlib.nullcontext():
                        cpu, wall = write_all(url, docs)
                if mode not in best or cpu < best[mode][0]:
                    best[mode] = (cpu, wall)
    print(f"{articles} articles ({prefill} stored before), {BATCH} per transaction, best of {rounds} rounds, "
          f"{'PostgreSQL' if base else 'SQLite'}")
    for mode in ("with", "without"):
        cpu, wall = best[mode]
        print(f"{mode + ' derived upkeep':<24} {cpu * 1000 / articles:7.2f} ms CPU/article  "
              f"{wall * 1000 / articles:7.2f} ms wall/article")
    share = best["with"][0] / best["without"][0] - 1
    print(f"derived upkeep: +{share * 100:.1f} % of the writer's CPU")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--prefill", type=int, default=0, help="articles stored first, untimed")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--db", help="a PostgreSQL database (default: temporary SQLite files)")
    args = parser.parse_args(argv)
    run(args.articles, args.prefill, max(1, args.rounds), args.db)


if __name__ == "__main__":
    main()
