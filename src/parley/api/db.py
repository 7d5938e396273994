"""Open the store read-only: the API and the dashboard never write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError

from parley.errors import StoreError
from parley.store.connect import make_engine, resolve_url
from parley.store.migrate import LATEST, current_version


@dataclass
class ReadOnlyStore:
    engine: Engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def connect(self):
        return self.engine.connect()


def _sqlite_read_only(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only = ON")
    cursor.close()


def _postgres_read_only(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    cursor.close()
    dbapi_connection.commit()


def read_only(engine: Engine) -> ReadOnlyStore:
    """Wrap an engine so that every connection it opens refuses writes."""
    listener = _sqlite_read_only if engine.dialect.name == "sqlite" else _postgres_read_only
    event.listen(engine, "connect", listener)
    return ReadOnlyStore(engine)


def open_store(url: str | None = None) -> ReadOnlyStore:
    """The store at `url` (default PARLEY_DB or parley.db), checked to hold Parley's current schema."""
    resolved = resolve_url(url)
    parsed = make_url(resolved) if "://" in resolved else None
    if parsed is not None and parsed.get_backend_name() == "sqlite":
        path = parsed.database or ""
        if path in ("", ":memory:") or path.startswith("file:"):
            pass
        elif not Path(path).is_file():
            raise StoreError(f"No database at {path}. Run `parley ingest SOURCE...` first to build it, "
                             "or pass --db (or set PARLEY_DB) to the one you have.")
    engine = make_engine(url)
    store = read_only(engine)
    shown = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as conn:
            found = current_version(conn)
    except (OperationalError, ProgrammingError) as exc:
        engine.dispose()
        raise StoreError(f"Cannot open database {shown}: {exc.orig}. Check --db / PARLEY_DB and that the "
                         "server is running and the database exists.") from None
    if found is None:
        engine.dispose()
        raise StoreError(f"{shown} has no Parley tables. Run `parley ingest SOURCE...` with this --db first.")
    if found != LATEST:
        engine.dispose()
        newer = "newer" if found > LATEST else "older"
        fix = ("upgrade Parley (pip install -U parley-events)" if found > LATEST
               else "run `parley ingest` once with this --db to upgrade it")
        raise StoreError(f"{shown} is at schema version {found}, {newer} than this Parley ({LATEST}): {fix}.")
    return store
