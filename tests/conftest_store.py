"""Record builders and database helpers for the store tests (`from conftest_store import ...`); the fixtures
that use them (db_url, pg_url, corpus_db, ...) live in conftest.py.

The store tests run on SQLite by default. With PARLEY_TEST_DB=postgresql://... they run on PostgreSQL instead,
each test in a fresh schema. Tests that need PostgreSQL itself use `pg_url`, skipped unless PARLEY_TEST_PG is set.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import text

from parley.records import Actor, Document, Event, Link, Location, Position
from parley.store.connect import make_engine, open_engine
from parley.store.write import write_document


@contextlib.contextmanager
def fresh_pg_schema(base_url: str):
    """A URL to the PostgreSQL database at base_url whose search_path is a new, empty schema."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    separator = "&" if "?" in base_url else "?"
    try:
        yield f"{base_url}{separator}options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


@contextlib.contextmanager
def empty_database(folder: Path):
    """A URL to an empty corpus database: SQLite in folder, or a fresh PostgreSQL schema when PARLEY_TEST_DB
    names a server."""
    base = os.environ.get("PARLEY_TEST_DB", "")
    if not base.startswith(("postgresql", "postgres:")):
        yield f"sqlite:///{folder / 'parley.db'}"
        return
    with fresh_pg_schema(base) as url:
        yield url


def actor(name: str, code: str | None = None, country: str | None = None, kind: str = "country") -> Actor:
    code = code or name[:3].upper()
    return Actor(text=name, start=0, end=len(name), name=name, id=code, country=country or code, type=kind)


RUSSIA = actor("Russia", "RUS")
UKRAINE = actor("Ukraine", "UKR")
ISRAEL = actor("Israel", "ISR")
HAMAS = actor("Hamas", "PSEHAM", "PSE", "armed_group")
ARMENIA = actor("Armenia", "ARM")
AZERBAIJAN = actor("Azerbaijan", "AZE")
KYIV = Location("Kyiv", "UKR", 50.45, 30.52, "city")


def event(id: str = "e1", type: str = "ASSAULT", source=(RUSSIA,), target=(UKRAINE,), date: str | None = "2025-04-21",
          status: str = "asserted", place: Location | None = KYIV, claimed_by: Actor | None = None,
          span: tuple[int, int] = (7, 14), trigger: str = "struck", links=()) -> Event:
    return Event(id=id, type=type, span=span, trigger=trigger, sentence_span=(0, 60), source=list(source),
                 target=list(target), status=status, claimed_by=claimed_by, date=date,
                 date_precision="day" if date else None, location=place, links=list(links), confidence=0.8)


def position(who: Actor, issue: str, stance: str, evidence: str, day: str | None = None,
             span: tuple[int, int] = (0, 20)) -> Position:
    return Position(actor=who, issue=issue, stance=stance, span=span, evidence=evidence, date=day)


def document(id: str, events=(), positions=(), published: str | None = "2025-04-22", text: str | None = None,
             title: str | None = None, url: str | None = None) -> Document:
    return Document(id=id, text=text or f"Article {id}: Russia struck Kyiv overnight, officials said.",
                    title=title or f"Title {id}", published=date.fromisoformat(published) if published else None,
                    url=url, source="Test Wire", events=list(events), positions=list(positions))


def store(url: str, *documents: Document) -> list[str]:
    """Write documents through the store's writer, one transaction; return their article ids."""
    engine = open_engine(url)
    try:
        with engine.begin() as conn:
            return [write_document(conn, doc) for doc in documents]
    finally:
        engine.dispose()


def execute(url: str, *statements: str) -> None:
    """Run SQL statements in one transaction on the database at url, as it is (no migration)."""
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def rows(url: str, sql: str, **params) -> list[tuple]:
    """Rows of a SQL query against the database at url."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


__all__ = ["ARMENIA", "AZERBAIJAN", "HAMAS", "ISRAEL", "KYIV", "Link", "RUSSIA", "UKRAINE", "actor",
           "document", "empty_database", "event", "execute", "fresh_pg_schema", "position", "rows", "store"]
