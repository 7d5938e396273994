"""Full-text search over articles: FTS5 on SQLite, a stored tsvector and its GIN index on PostgreSQL
(versions 2, 7 and the search documents of 8 and 16)."""

from __future__ import annotations

from sqlalchemy import Connection, text

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
        install_pg_search(conn, BOUNDED_SEARCH)


#: On PostgreSQL each article's search document is stored (a generated column), so ranking a search that matches
#: thousands of articles reads it rather than parsing every text again.
PG_SEARCH = (
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || text)) STORED",
    "CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING GIN (search)",
)


#: Characters of an article's title and text in its PostgreSQL search document (version 16): a tsvector holds at
#: most 1 MB, which about 1 MB of varied text passes, and then the article could not be stored at all.
SEARCH_TITLE_CHARS, SEARCH_TEXT_CHARS = 2_000, 100_000


BOUNDED_SEARCH = (
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS "
    f"(to_tsvector('english'::regconfig, left(coalesce(title, ''), {SEARCH_TITLE_CHARS}) || ' ' || "
    f"left(text, {SEARCH_TEXT_CHARS}))) STORED",
    "CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING GIN (search)",
)


def install_pg_search(conn: Connection, statements: tuple[str, ...] = PG_SEARCH) -> None:
    """The stored search document of every article and its GIN index (version 8; before it, an index on the
    expression, which made every ranked search parse each matching text)."""
    conn.execute(text("DROP INDEX IF EXISTS ix_articles_fts"))
    for statement in statements:
        conn.execute(text(statement))


def redeclare_search(conn: Connection) -> None:
    """Version 2 declared content='articles' in single quotes, which datasette does not recognise: declare it again
    (triggers are kept, the index is rebuilt from the articles)."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("DROP TABLE IF EXISTS articles_fts"))
        install_search(conn)
