"""Versioned schema: a new database gets the current tables; an older one gets each missing step, in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Connection, func, inspect, select, text

from parley.store.schema import metadata, schema_version


class SchemaError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


#: content="articles" in double quotes: the spelling datasette and sqlite-utils look for to find a table's FTS.
FTS_COLUMNS = 'title, text, content="articles", content_rowid="rowid", tokenize="porter unicode61"'


def install_search(conn: Connection) -> None:
    """Full-text search over article titles and text: FTS5 on SQLite, a GIN tsvector index on PostgreSQL."""
    if conn.dialect.name == "sqlite":
        conn.execute(text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5({FTS_COLUMNS})"))
        conn.execute(text(
            "CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"))
        conn.execute(text(
            "CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.rowid, old.title, old.text); END"))
        conn.execute(text(
            "CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.rowid, old.title, old.text); "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"))
        conn.execute(text("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(
            "CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING GIN "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text))"))


def add_actor_mentions(conn: Connection) -> None:
    """Where each article names each actor (schema.actor_mentions as version 3 made it; spelled out so that later
    changes to the table do not change this step). Articles stored before it have no rows: see `mentions_since`."""
    conn.execute(text(
        "CREATE TABLE actor_mentions ("
        "article_id TEXT NOT NULL REFERENCES articles (id), actor_id TEXT NOT NULL REFERENCES actors (id), "
        "span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL, "
        "PRIMARY KEY (article_id, span_start, span_end, actor_id))"))
    conn.execute(text("CREATE INDEX ix_actor_mentions_article_id ON actor_mentions (article_id)"))
    conn.execute(text("CREATE INDEX ix_actor_mentions_actor_id ON actor_mentions (actor_id)"))
    if conn.dialect.name == "postgresql":
        conn.execute(text("COMMENT ON COLUMN actor_mentions.span_start IS "
                          "'character offset into the article''s text'"))
        conn.execute(text("COMMENT ON COLUMN actor_mentions.text IS "
                          "'the article''s text from span_start to span_end'"))


def redeclare_search(conn: Connection) -> None:
    """Version 2 declared content='articles' in single quotes, which datasette does not recognise: declare it again
    (triggers are kept, the index is rebuilt from the articles)."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("DROP TABLE IF EXISTS articles_fts"))
        install_search(conn)


#: Steps from version 1 (the first published schema) upward; append, never edit or reorder.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(2, "full-text search over articles", install_search),
    Migration(3, "actor mention offsets", add_actor_mentions),
    Migration(4, "full-text search declared so datasette finds it", redeclare_search),
)
#: The first version whose writer stores actor mentions.
ACTOR_MENTIONS = 3
BASELINE = 1
LATEST = MIGRATIONS[-1].version if MIGRATIONS else BASELINE


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def current_version(conn: Connection) -> int | None:
    """The schema version stored in the database, or None for a database without Parley tables."""
    if not inspect(conn).has_table("schema_version"):
        return None
    return conn.execute(select(func.max(schema_version.c.version))).scalar()


def mentions_since(conn: Connection) -> str | None:
    """When this database started storing actor mentions (ISO timestamp): articles ingested earlier have none."""
    return conn.execute(select(func.min(schema_version.c.applied_at))
                        .where(schema_version.c.version >= ACTOR_MENTIONS)).scalar()


def _stamp(conn: Connection, version: int, description: str) -> None:
    conn.execute(schema_version.insert().values(version=version, applied_at=_now(), description=description))


def upgrade(conn: Connection) -> int:
    """Bring the schema to LATEST inside the caller's transaction and return the version it was at (0 if new)."""
    found = current_version(conn)
    if found is None:
        if inspect(conn).has_table("articles"):
            raise SchemaError("The database has an articles table but no schema_version table, so it was not "
                              "made by Parley. Use another --db.")
        metadata.create_all(conn)
        install_search(conn)
        _stamp(conn, LATEST, "created")
        return 0
    if found > LATEST:
        raise SchemaError(f"The database is at schema version {found}, newer than this Parley ({LATEST}). "
                          "Upgrade Parley (pip install -U parley-events).")
    for step in MIGRATIONS:
        if step.version > found:
            step.apply(conn)
            _stamp(conn, step.version, step.description)
    return found
