"""Open the corpus database named by --db, PARLEY_DB or the default parley.db, and bring its schema up to date."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError

from parley.errors import SchemaError, StoreError
from parley.store.migrate import upgrade

DEFAULT_DB = "parley.db"


def resolve_url(url: str | None = None) -> str:
    """A SQLAlchemy URL: postgresql:// becomes postgresql+psycopg://, and a bare path is a SQLite file."""
    url = url or os.environ.get("PARLEY_DB") or DEFAULT_DB
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # let SQLAlchemy emit BEGIN, so SAVEPOINT and DDL are transactional
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    # sorts, DISTINCT and IN lists of a large corpus stay in memory instead of temporary files, and more of the
    # corpus stays cached (32 MB rather than 2 MB) between the dashboard's requests
    cursor.execute("PRAGMA temp_store = MEMORY")
    cursor.execute("PRAGMA cache_size = -32000")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # a writer's transaction takes the write lock at its start (see `writing`); a reader's stays deferred, so the
    # dashboard keeps reading while an ingest writes (WAL)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(IMMEDIATE) else "BEGIN")


#: The PostgreSQL advisory lock a process holds while it creates or migrates the schema (any 64-bit key of our
#: own: "parley" in ASCII), so that two first runs on an empty database do not both create the tables.
SCHEMA_LOCK = 0x7061726C6579

#: The execution option that makes a SQLite connection's next transactions BEGIN IMMEDIATE.
IMMEDIATE = "parley_immediate"


@contextmanager
def writing(conn: Connection) -> Iterator[Connection]:
    """A transaction for writing, committed on leaving (rolled back on an error). On SQLite it holds the write
    lock from its first statement (BEGIN IMMEDIATE), so two writers wait their turn (busy_timeout): a deferred
    transaction that read first and then writes fails at once with "database is locked" when another process
    wrote in between, whatever the timeout. A read transaction still open on `conn` is ended first."""
    if conn.in_transaction():
        conn.commit()
    conn.execution_options(**{IMMEDIATE: True})
    try:
        with conn.begin():
            yield conn
    finally:
        conn.execution_options(**{IMMEDIATE: False})


def make_engine(url: str | None = None) -> Engine:
    """An engine for the URL, without touching the schema (SQLite gets WAL and foreign keys)."""
    resolved = resolve_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError:
        raise StoreError(f"Database URL {url!r} does not parse. Use a file path, sqlite:///parley.db "
                         "or postgresql://user:password@host/dbname.") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreError(f"Database {backend!r} is not supported. Use SQLite (a file path) or postgresql://...")
    if backend == "sqlite":
        engine = create_engine(resolved)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(resolved, pool_pre_ping=True)
        event.listen(engine, "connect", _postgres_settings)
    return engine


def _postgres_settings(dbapi_connection, _record) -> None:
    # JIT compiles a plan before running it: on the store's short queries that costs more than it saves
    cursor = dbapi_connection.cursor()
    cursor.execute("SET jit = off")
    # parallel workers start in tens of ms (hundreds on a busy machine) and walk a whole index for a page that a
    # single process finds in its first few hundred rows: a paged, filtered event list took 290 ms with them, 3 without
    cursor.execute("SET max_parallel_workers_per_gather = 0")
    cursor.close()
    dbapi_connection.commit()


def open_engine(url: str | None = None) -> Engine:
    """An engine whose database has the current schema (created or migrated on first use)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn, writing(conn):  # two processes opening a new file: one creates it
            if conn.dialect.name == "postgresql":
                # SQLite's BEGIN IMMEDIATE serialises this; on PostgreSQL two new runs both created the tables
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
            upgrade(conn)
    except SchemaError as exc:
        engine.dispose()
        raise StoreError(str(exc)) from None
    except DatabaseError as exc:  # OperationalError, ProgrammingError, and a file that is not SQLite
        engine.dispose()
        shown = engine.url.render_as_string(hide_password=True)
        raise StoreError(f"Cannot open database {shown}: {exc.orig}. Check --db / PARLEY_DB and that the "
                         "server is running and the database exists.") from None
    return engine


def open_existing(url: str | None = None) -> Engine:
    """Like open_engine, but a SQLite file that does not exist yet is an error rather than a new corpus."""
    parsed = make_url(resolve_url(url))
    database = parsed.database
    if parsed.get_backend_name() == "sqlite" and database and database != ":memory:" \
            and not os.path.exists(database):
        raise StoreError(f"There is no corpus at {database}. Run `parley ingest SOURCE...` first, "
                         "or point --db / PARLEY_DB at your corpus.")
    return open_engine(url)


def describe(url: str | None = None) -> str:
    """The database for messages: a SQLite file's path, or the URL without its password."""
    parsed = make_url(resolve_url(url))
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)
