"""Opening databases: creation, migration from older schema versions, URLs, full-text search."""

import pytest
from sqlalchemy import inspect, text

from conftest_store import document, empty_database, event, execute, rows, store
from parley.records import Actor
from parley.store import StoreError, make_engine, open_engine, resolve_url
from parley.store.migrate import LATEST, MIGRATIONS, current_version
from parley.store.read import list_articles

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


# Version 2 (Parley 0.1.0 with full-text search) added only the search index, frozen here as it was made.
SEARCH_V2 = {
    "sqlite": [
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid', "
        "tokenize='porter unicode61')",
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
        "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); "
        "END",
        "CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
        "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
    ],
    "postgresql": [
        "CREATE INDEX ix_articles_fts ON articles USING GIN "
        "(to_tsvector('english', coalesce(title, '') || ' ' || text))",
    ],
}
# A corpus as version 2 held it: an article with an event between two actors.
DATA_V2 = [
    "INSERT INTO schema_version VALUES (2, '2025-06-01T00:00:00+00:00', 'full-text search over articles')",
    "INSERT INTO actors VALUES ('RUS', 'Russia', 'RUS', 'country'), ('UKR', 'Ukraine', 'UKR', 'country')",
    "INSERT INTO events (id, type, status, date, source_actor_id, target_actor_id, actor_key, mention_count) "
    "VALUES ('ev1', 'ASSAULT', 'asserted', '2025-06-01', 'RUS', 'UKR', 'RUS>UKR', 1)",
    "INSERT INTO event_actors VALUES ('ev1', 'source', 'RUS', 0), ('ev1', 'target', 'UKR', 0)",
    "INSERT INTO event_mentions (id, event_id, article_id, span_start, span_end, status) "
    "VALUES ('m1', 'ev1', 'old', 15, 19, 'asserted')",
]


def _dialect(url):
    return "postgresql" if url.startswith("postgres") else "sqlite"


def _make_v1(url):
    serial = "SERIAL" if url.startswith("postgres") else "INTEGER"
    execute(url, *(s for s in SCHEMA_V1.format(serial=serial).split(";") if s.strip()))


def _make_v2(url):
    _make_v1(url)
    execute(url, *SEARCH_V2[_dialect(url)], *DATA_V2)


def _shape(url, table):
    """What a table looks like to SQLAlchemy: columns, primary key, foreign keys and indexes."""
    engine = make_engine(url)
    try:
        found = inspect(engine)
        return {
            "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in found.get_columns(table)],
            "primary_key": sorted(found.get_pk_constraint(table)["constrained_columns"]),
            "foreign_keys": sorted((tuple(f["constrained_columns"]), f["referred_table"],
                                    tuple(f["referred_columns"])) for f in found.get_foreign_keys(table)),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                              for i in found.get_indexes(table)),
        }
    finally:
        engine.dispose()


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
        _, found = list_articles(conn, q="ceasefire")
    engine.dispose()
    assert _version(db_url) == LATEST
    assert [a["id"] for a in found] == ["old"]
    assert rows(db_url, "SELECT version FROM schema_version ORDER BY version") == [(1,), *((m.version,) for m in MIGRATIONS)]
    assert rows(db_url, "SELECT count(*) FROM actor_mentions") == [(0,)]


def test_open_upgrades_a_version_2_database_with_the_actor_mentions_table(db_url, tmp_path):
    (tmp_path / "fresh").mkdir()
    _make_v2(db_url)
    assert _version(db_url) == 2
    engine = open_engine(db_url)
    with engine.connect() as conn:
        _, found = list_articles(conn, q="ceasefire")
    engine.dispose()
    assert _version(db_url) == LATEST == MIGRATIONS[-1].version
    assert rows(db_url, "SELECT version, description FROM schema_version WHERE version = 3") == [
        (3, "actor mention offsets")]
    # what version 2 held is all there, and still found
    assert [a["id"] for a in found] == ["old"]
    # version 13 merges every report again, so the event's id is its first report's, as a fresh ingest gives
    assert rows(db_url, "SELECT type, mention_count, status FROM events") == [("ASSAULT", 1, "asserted")]
    assert rows(db_url, "SELECT m.article_id FROM event_mentions m JOIN events e ON e.id = m.event_id") == [("old",)]
    assert rows(db_url, "SELECT count(*) FROM actor_mentions") == [(0,)]
    # the table the step made is the one a new database gets
    with empty_database(tmp_path / "fresh") as fresh:
        open_engine(fresh).dispose()
        assert _shape(db_url, "actor_mentions") == _shape(fresh, "actor_mentions")
    shape = _shape(db_url, "actor_mentions")
    assert shape["primary_key"] == ["actor_id", "article_id", "span_end", "span_start"]
    assert shape["foreign_keys"] == [(("actor_id",), "actors", ("id",)), (("article_id",), "articles", ("id",))]
    assert ("ix_actor_mentions_article_id", ("article_id",), False) in shape["indexes"]



def test_upgraded_version_2_database_stores_actor_mentions_of_new_articles(db_url):
    _make_v2(db_url)
    text = "Talks on a ceasefire resumed in Cairo; Ukraine and Russia sent envoys."
    ukraine, russia = text.index("Ukraine"), text.index("Russia")
    new = document("new", text=text)
    new.actors = [Actor("Ukraine", ukraine, ukraine + 7, "Ukraine", "UKR", "UKR", "country"),
                  Actor("Russia", russia, russia + 6, "Russia", "RUS", "RUS", "country"),
                  Actor("Egypt", 0, 0, "Egypt", "EGY", "EGY", "country")]  # no span: not a mention
    store(db_url, new)
    found = rows(db_url, "SELECT m.article_id, m.actor_id, m.span_start, m.span_end, m.text, a.text "
                         "FROM actor_mentions m JOIN articles a ON a.id = m.article_id ORDER BY m.span_start")
    assert [(f[0], f[1], f[2], f[3], f[4]) for f in found] == [
        ("new", "UKR", ukraine, ukraine + 7, "Ukraine"), ("new", "RUS", russia, russia + 6, "Russia")]
    for *_, start, end, mention, article_text in found:
        assert mention == article_text[start:end]
    assert rows(db_url, "SELECT count(*) FROM actors") == [(3,)]  # RUS and UKR as they were, and EGY


def test_open_upgraded_database_takes_new_articles(db_url):
    _make_v1(db_url)
    store(db_url, document("new", text="Talks on a ceasefire resumed in Cairo."))
    engine = open_engine(db_url)
    with engine.connect() as conn:
        _, found = list_articles(conn, q="ceasefire")
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
        _, found = list_articles(conn, q="drone kyiv")
    engine.dispose()
    assert [a["id"] for a in found] == ["a"]


def test_postgresql_sessions_run_without_jit_or_parallel_workers(pg_url):
    engine = make_engine(pg_url)
    with engine.connect() as conn:
        found = [conn.execute(text(f"SHOW {name}")).scalar() for name in ("jit", "max_parallel_workers_per_gather")]
    engine.dispose()
    assert found == ["off", "0"]


def test_postgresql_schema_has_the_full_text_index(pg_url):
    open_engine(pg_url).dispose()
    indexes = rows(pg_url, "SELECT indexname FROM pg_indexes WHERE tablename = 'articles' "
                           "AND schemaname = current_schema()")
    assert ("ix_articles_fts",) in indexes


def test_postgresql_stores_and_merges_reports(pg_url):
    store(pg_url, document("a", [event()]), document("b", [event()]))
    assert rows(pg_url, "SELECT mention_count FROM events") == [(2,)]


def test_upgrade_adds_the_condition_column_to_positions(db_url, tmp_path):
    (tmp_path / "fresh").mkdir()
    _make_v2(db_url)
    open_engine(db_url).dispose()
    assert rows(db_url, "SELECT version, description FROM schema_version WHERE version = 4") == [
        (4, "conditions of positions")]
    with empty_database(tmp_path / "fresh") as fresh:
        open_engine(fresh).dispose()
        names = lambda url: [(name, kind) for name, kind, _ in _shape(url, "positions")["columns"]]  # noqa: E731
        assert names(db_url) == names(fresh)
        assert ("condition", "TEXT") in names(db_url)


def test_upgrade_to_version_5_adds_the_read_indexes(db_url):
    _make_v2(db_url)
    open_engine(db_url).dispose()
    engine = make_engine(db_url)
    with engine.connect() as conn:
        from sqlalchemy import inspect
        found = {(table, tuple(ix["column_names"])) for table in ("events", "event_actors", "positions")
                 for ix in inspect(conn).get_indexes(table)}
    engine.dispose()
    assert {("events", ("type", "date")), ("events", ("location_country",)),
            ("event_actors", ("actor_id", "role", "event_id")), ("positions", ("issue",))} <= found


def test_upgraded_version_2_report_merges_with_a_new_report_of_the_same_strike(db_url):
    _make_v2(db_url)
    store(db_url, document("new", [event(date="2025-06-01", place=None)]))
    assert rows(db_url, "SELECT type, actor_key, merge_date, source_ids, target_ids FROM mention_keys "
                        "WHERE mention_id = 'm1'") == [("ASSAULT", "RUS>UKR", "2025-06-01", "RUS", "UKR")]
    assert rows(db_url, "SELECT count(*), sum(mention_count) FROM events") == [(1, 2)]
    assert rows(db_url, "SELECT count(DISTINCT event_id) FROM event_mentions") == [(1,)]


def test_an_upgraded_version_2_store_has_its_event_in_the_tallies_of_version_20(db_url):
    """Versions 10 and 18 leave pair_counts and pair_months to version 20, which counts them with their
    cooperative counts, and the facet and partner counts, from the events the store holds."""
    _make_v2(db_url)
    open_engine(db_url).dispose()
    assert rows(db_url, "SELECT * FROM pair_counts") == [("RUS", "UKR", 1, 0)]
    assert rows(db_url, "SELECT * FROM pair_months") == [("2025-06", "RUS", "UKR", 1, 0)]
    assert rows(db_url, "SELECT * FROM facet_days WHERE kind = 'source'") == [
        ("source", "RUS", "2025-06-01", "ASSAULT", "asserted", 1)]
    assert rows(db_url, "SELECT * FROM actor_partners ORDER BY actor_id") == [("RUS", "UKR", 1, 0), ("UKR", "RUS", 1, 0)]


def test_an_upgraded_version_2_store_has_its_event_per_day_and_type_and_its_tallies_clustered_on_sqlite(db_url):
    """Version 33 stores the tallies WITHOUT ROWID on SQLite, rows kept; version 34 adds up facet_day_types
    from facet_days."""
    _make_v2(db_url)
    open_engine(db_url).dispose()
    assert rows(db_url, "SELECT * FROM facet_day_types WHERE kind = 'source'") == [
        ("source", "RUS", "2025-06-01", "ASSAULT", 1)]
    assert rows(db_url, "SELECT * FROM pair_counts") == [("RUS", "UKR", 1, 0)]
    if db_url.startswith("sqlite"):
        assert rows(db_url, "SELECT count(*) FROM sqlite_master WHERE name = 'facet_days' "
                            "AND sql LIKE '%WITHOUT ROWID'") == [(1,)]


def test_version_22_merges_stored_reports_again_by_the_article_rule(db_url):
    # a store merged by the rule before version 22: two acts of one article were one event
    two_acts = document("x", [event("e1", span=(7, 14), trigger="struck"),
                              event("e2", span=(40, 48), trigger="attacked")])
    two_acts.events[1].sentence_span = (30, 60)
    two_acts.events[0].sentence_span = (0, 29)
    store(db_url, two_acts)
    assert rows(db_url, "SELECT count(DISTINCT event_id) FROM event_mentions") == [(2,)]
    first = rows(db_url, "SELECT min(event_id) FROM event_mentions")[0][0]
    execute(db_url, f"UPDATE event_mentions SET event_id = '{first}'",
            "DELETE FROM events WHERE id NOT IN (SELECT event_id FROM event_mentions)",
            f"UPDATE events SET mention_count = 2 WHERE id = '{first}'")
    engine = make_engine(db_url)
    with engine.begin() as conn:
        next(step for step in MIGRATIONS if step.version == 22).apply(conn)
    engine.dispose()
    assert rows(db_url, "SELECT count(DISTINCT event_id), count(*) FROM event_mentions") == [(2, 2)]
    assert rows(db_url, "SELECT count(*), sum(mention_count) FROM events") == [(2, 2)]


def test_version_25_reads_each_reports_evidence_again_and_merges_again(db_url):
    # "killing five people" and "killing 5 people": one toll, read as one number from version 25 on
    five = document("a", [event(target=(), place=None)], text="Russia struck overnight, killing five people.")
    digits = document("b", [event(target=(), place=None)], text="Russia struck overnight, killing 5 people.")
    store(db_url, five, digits)
    assert rows(db_url, "SELECT count(*) FROM events") == [(1,)]
    # as a store written before version 25 holds them: the word was no evidence, the two reports two events
    first, second = rows(db_url, "SELECT id FROM event_mentions ORDER BY article_id")
    execute(db_url, "UPDATE mention_keys SET evidence = 'russia'",
            f"UPDATE mention_keys SET evidence = '5 russia' WHERE mention_id = '{second[0]}'",
            "INSERT INTO events (id, type, actor_key, mode, mention_count, status, date, date_precision, merge_date) "
            "SELECT 'split', type, actor_key, mode, 1, status, date, date_precision, merge_date FROM events",
            f"UPDATE event_mentions SET event_id = 'split', merge_score = NULL, merge_reason = NULL "
            f"WHERE id = '{second[0]}'", "UPDATE events SET mention_count = 1")
    engine = make_engine(db_url)
    with engine.begin() as conn:
        next(step for step in MIGRATIONS if step.version == 25).apply(conn)
    engine.dispose()
    assert rows(db_url, "SELECT evidence FROM mention_keys ORDER BY mention_id") == [("5 russia",), ("5 russia",)]
    assert rows(db_url, "SELECT count(*), sum(mention_count) FROM events") == [(1, 2)]


def test_version_26_adds_the_actor_date_and_place_indexes_to_an_older_store(db_url):
    _make_v2(db_url)
    open_engine(db_url).dispose()
    engine = make_engine(db_url)
    with engine.connect() as conn:
        from sqlalchemy import inspect
        found = {(table, tuple(ix["column_names"])) for table in ("events", "positions", "event_mentions")
                 for ix in inspect(conn).get_indexes(table)}
    engine.dispose()
    assert {("positions", ("actor_id", "date", "id")),
            ("events", ("date", "location_country", "location_name", "lat", "lon")),
            ("event_mentions", ("event_id", "article_id"))} <= found
