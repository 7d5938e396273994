"""Opening databases: creation, migration from older schema versions, URLs, full-text search."""

import pytest
from sqlalchemy import inspect, text

from conftest_store import db_url, document, execute, pg_url, rows, store  # noqa: F401  (fixtures)
from parley.store import StoreError, make_engine, open_engine, resolve_url
from parley.store.migrate import LATEST, current_version
from parley.store.query import search_articles

# The schema as Parley 0.1.0 first published it (version 1): frozen here so the upgrade path stays tested.
SCHEMA_V1 = """
CREATE TABLE runs (id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT,
  articles_seen INTEGER NOT NULL, articles_new INTEGER NOT NULL, articles_skipped INTEGER NOT NULL,
  articles_failed INTEGER NOT NULL, parley_version TEXT NOT NULL, sources TEXT);
CREATE TABLE articles (id TEXT PRIMARY KEY, url TEXT UNIQUE, title TEXT, source TEXT, published TEXT,
  text TEXT NOT NULL, content_hash TEXT NOT NULL UNIQUE, origin TEXT, ingested_at TEXT NOT NULL,
  run_id TEXT REFERENCES runs (id));
CREATE TABLE actors (id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT, type TEXT);
CREATE TABLE events (id TEXT PRIMARY KEY, type TEXT NOT NULL, mode TEXT, cameo TEXT, status TEXT NOT NULL,
  date TEXT, date_precision TEXT, location_name TEXT, location_country TEXT, lat FLOAT, lon FLOAT,
  source_actor_id TEXT REFERENCES actors (id), target_actor_id TEXT REFERENCES actors (id),
  actor_key TEXT NOT NULL, mention_count INTEGER NOT NULL);
CREATE TABLE event_actors (event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE, role TEXT NOT NULL,
  actor_id TEXT NOT NULL REFERENCES actors (id), ord INTEGER NOT NULL, PRIMARY KEY (event_id, role, actor_id));
CREATE TABLE event_mentions (id TEXT PRIMARY KEY, event_id TEXT NOT NULL REFERENCES events (id),
  article_id TEXT NOT NULL REFERENCES articles (id), extracted_id TEXT, span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL, sentence_start INTEGER, sentence_end INTEGER, trigger TEXT, status TEXT NOT NULL,
  claimed_by_actor_id TEXT REFERENCES actors (id), date TEXT, date_text TEXT, location_name TEXT, confidence FLOAT);
CREATE TABLE links (id {serial} PRIMARY KEY, from_mention_id TEXT NOT NULL REFERENCES event_mentions (id),
  from_event_id TEXT NOT NULL REFERENCES events (id), rel TEXT NOT NULL, to_event_id TEXT REFERENCES events (id),
  to_mention_id TEXT REFERENCES event_mentions (id));
CREATE TABLE positions (id TEXT PRIMARY KEY, actor_id TEXT NOT NULL REFERENCES actors (id), issue TEXT NOT NULL,
  stance TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles (id), span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL, evidence TEXT, date TEXT);
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, description TEXT);
INSERT INTO schema_version VALUES (1, '2025-01-01T00:00:00+00:00', 'created');
INSERT INTO articles (id, title, text, content_hash, ingested_at)
  VALUES ('old', 'Ceasefire holds', 'The ceasefire in Gaza held overnight.', 'h-old', '2025-01-01T00:00:00+00:00');
"""


def _make_v1(url):
    serial = "SERIAL" if url.startswith("postgres") else "INTEGER"
    execute(url, *(s for s in SCHEMA_V1.format(serial=serial).split(";") if s.strip()))


def _version(url):
    engine = make_engine(url)
    with engine.connect() as conn:
        found = current_version(conn)
    engine.dispose()
    return found


def test_open_creates_a_new_database_at_the_latest_version(db_url):
    open_engine(db_url).dispose()
    assert _version(db_url) == LATEST
    engine = make_engine(db_url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {"articles", "actors", "events", "event_actors", "event_mentions", "links", "positions", "runs",
            "schema_version"} <= tables


def test_open_upgrades_a_version_1_database(db_url):
    _make_v1(db_url)
    assert _version(db_url) == 1
    engine = open_engine(db_url)
    with engine.connect() as conn:
        found = search_articles(conn, "ceasefire")
    engine.dispose()
    assert _version(db_url) == LATEST
    assert [a["id"] for a in found] == ["old"]
    assert rows(db_url, "SELECT version FROM schema_version ORDER BY version") == [(1,), (2,)]


def test_open_upgraded_database_takes_new_articles(db_url):
    _make_v1(db_url)
    store(db_url, document("new", text="Talks on a ceasefire resumed in Cairo."))
    engine = open_engine(db_url)
    with engine.connect() as conn:
        found = search_articles(conn, "ceasefire")
    engine.dispose()
    assert sorted(a["id"] for a in found) == ["new", "old"]


def test_open_refuses_a_database_newer_than_parley(db_url):
    open_engine(db_url).dispose()
    execute(db_url, "INSERT INTO schema_version VALUES (999, '2030-01-01', 'future')")
    with pytest.raises(StoreError, match="newer than this Parley"):
        open_engine(db_url)


def test_open_refuses_a_foreign_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'other.db'}"
    execute(url, "CREATE TABLE articles (x TEXT)")
    with pytest.raises(StoreError, match="not made by Parley"):
        open_engine(url)


def test_resolve_url_rewrites_postgresql_to_psycopg():
    assert resolve_url("postgresql://u:p@localhost/db") == "postgresql+psycopg://u:p@localhost/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"


def test_resolve_url_reads_a_bare_path_as_sqlite():
    assert resolve_url("data/corpus.db") == "sqlite:///data/corpus.db"


def test_resolve_url_defaults_to_parley_db(monkeypatch):
    monkeypatch.delenv("PARLEY_DB", raising=False)
    assert resolve_url(None) == "sqlite:///parley.db"
    monkeypatch.setenv("PARLEY_DB", "postgresql://h/x")
    assert resolve_url(None) == "postgresql+psycopg://h/x"


def test_open_unsupported_database_says_what_to_use():
    with pytest.raises(StoreError, match="Use SQLite"):
        make_engine("mysql://u@h/db")


def test_open_unreachable_postgresql_says_what_to_check():
    with pytest.raises(StoreError, match="Check --db / PARLEY_DB"):
        open_engine("postgresql://nobody:x@127.0.0.1:1/none?connect_timeout=2")


def test_sqlite_uses_wal_and_foreign_keys(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_search_finds_articles_by_words_in_their_text(db_url):
    store(db_url, document("a", text="Drones struck Kyiv overnight."), document("b", text="Aid reached Gaza."))
    engine = open_engine(db_url)
    with engine.connect() as conn:
        found = search_articles(conn, "drone kyiv")
    engine.dispose()
    assert [a["id"] for a in found] == ["a"]


def test_postgresql_schema_has_the_full_text_index(pg_url):
    open_engine(pg_url).dispose()
    indexes = rows(pg_url, "SELECT indexname FROM pg_indexes WHERE tablename = 'articles' "
                           "AND schemaname = current_schema()")
    assert ("ix_articles_fts",) in indexes


def test_postgresql_stores_and_merges_reports(pg_url):
    from conftest_store import event
    store(pg_url, document("a", [event()]), document("b", [event()]))
    assert rows(pg_url, "SELECT mention_count FROM events") == [(2,)]
