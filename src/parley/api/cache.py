"""Answers to repeated API requests, kept until the store changes.

The dashboard's first page asks the same few questions of every visitor (/api/events, /api/summary,
/api/positions/matrix with default parameters), and the store only changes when an ingest or a watch commits.
So a GET under /api/ that was answered 200 is kept, keyed on its path and query string, with the store's data
version at the time it was asked; any later request while that version holds gets the same bytes without a
database read. Any write, by any process, changes the version and empties the cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

#: The most answers kept, and the most bytes in all: a response larger than a tenth of that is not kept.
MAX_ENTRIES = 512
MAX_BYTES = 64 * 1024 * 1024
PREFIX = "/api/"


class StoreVersion:
    """A number that changes whenever any process commits a write to the store. The store's own counters, so
    that no writer has to remember to bump one: SQLite's `PRAGMA data_version` on a connection of this
    object's own (it changes when another connection commits), PostgreSQL's next transaction id (it moves
    with every write in the cluster, so a write elsewhere also empties the cache: safe, only less kept)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.lock = threading.Lock()
        self.connection = None

    def current(self) -> int | None:
        """The store's version now; None when the database cannot be asked (the request then goes to its
        route, which says what is wrong)."""
        with self.lock:
            try:
                return self._ask()
            except (SQLAlchemyError, self.engine.dialect.dbapi.Error):
                self._drop()
                return None

    def _ask(self) -> int:
        if self.engine.dialect.name != "sqlite":
            # a pooled connection, given back at once: holding one per app would take a server slot for good
            connection = self.engine.raw_connection()
            try:
                cursor = connection.cursor()
                cursor.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint")
                value = int(cursor.fetchone()[0])
                cursor.close()
                connection.rollback()  # end the read transaction, so the next call sees new commits
            finally:
                connection.close()
            return value
        if self.connection is None:
            # PRAGMA data_version counts other connections' commits as seen by this one: it must stay the same
            self.connection = self.engine.raw_connection()
        cursor = self.connection.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            return int(cursor.fetchone()[0])
        finally:
            cursor.close()

    def _drop(self) -> None:
        if self.connection is not None:
            try:
                self.connection.invalidate()
            except (SQLAlchemyError, self.engine.dialect.dbapi.Error):
                pass  # a connection that is already gone
            self.connection = None

    def close(self) -> None:
        """Give the version's connection back (the server is stopping)."""
        with self.lock:
            if self.connection is not None:
                self.connection.close()
                self.connection = None


class ResponseCache:
    """ASGI middleware: a GET under /api/ answered 200 is kept (see the module docstring) and answered again
    from memory while the store's version is the one it was asked at. At most MAX_ENTRIES answers and
    MAX_BYTES, least recently used dropped first."""

    def __init__(self, app, version: StoreVersion):
        self.app, self.version = app, version
        self.entries: OrderedDict[tuple[str, bytes], tuple[int, list, bytes]] = OrderedDict()
        self.size = 0
        self.seen_version: int | None = None
        self.lock = threading.Lock()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        version = self.version.current()
        if version is None:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        with self.lock:
            if version != self.seen_version:
                self.entries.clear()
                self.size, self.seen_version = 0, version
            kept = self.entries.get(key)
            if kept is not None:
                self.entries.move_to_end(key)
        if kept is not None:
            status, headers, body = kept
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        start: dict = {}
        chunks: list[bytes] = []

        async def keep(message):
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200:
                    self._store(key, version, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keep)

    def _store(self, key: tuple[str, bytes], version: int, start: dict, body: bytes) -> None:
        if len(body) > MAX_BYTES // 10:
            return
        with self.lock:
            if version != self.seen_version or key in self.entries:
                return  # the store changed while this was read: the answer may be stale already
            self.entries[key] = (start["status"], list(start.get("headers", [])), body)
            self.size += len(body)
            while len(self.entries) > MAX_ENTRIES or self.size > MAX_BYTES:
                _, (_, _, dropped) = self.entries.popitem(last=False)
                self.size -= len(dropped)
