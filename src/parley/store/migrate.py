"""Versioned schema: a new database gets the current tables; an older one gets each missing step, in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Connection, func, inspect, select, text

from parley.errors import SchemaError
from parley.store import derived
from parley.store.schema import metadata, schema_version


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


def add_position_condition(conn: Connection) -> None:
    """The condition a stance is tied to ("would return to talks if ..."); older rows have none."""
    conn.execute(text("ALTER TABLE positions ADD COLUMN condition TEXT"))


#: Indexes the read layer's queries walk (version 5); spelled out so later schema changes do not change the step.
READ_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_events_type_date ON events (type, date)",
    "CREATE INDEX IF NOT EXISTS ix_events_location_country ON events (location_country)",
    "CREATE INDEX IF NOT EXISTS ix_event_actors_actor_role ON event_actors (actor_id, role, event_id)",
    "CREATE INDEX IF NOT EXISTS ix_positions_issue ON positions (issue)",
)


def add_read_indexes(conn: Connection) -> None:
    """Indexes for filtering events by type and date, by country, by actor and role, and positions by issue."""
    for statement in READ_INDEXES:
        conn.execute(text(statement))


def add_mention_keys(conn: Connection) -> None:
    """What merging reads of each report (so events can be rebuilt from reports in any order), filled in from
    the event each report belongs to; and a failures table. Spelled out, like add_actor_mentions."""
    serial = "SERIAL" if conn.dialect.name == "postgresql" else "INTEGER"
    conn.execute(text(
        "CREATE TABLE mention_keys (mention_id TEXT NOT NULL PRIMARY KEY REFERENCES event_mentions (id), "
        "type TEXT NOT NULL, actor_key TEXT NOT NULL, merge_date TEXT, mode TEXT, date_precision TEXT, "
        "location_country TEXT, lat FLOAT, lon FLOAT, source_ids TEXT, target_ids TEXT)"))
    conn.execute(text(
        f"CREATE TABLE failures (id {serial} NOT NULL PRIMARY KEY, run_id TEXT REFERENCES runs (id), "
        "stage TEXT NOT NULL, origin TEXT, article_id TEXT, content_hash TEXT, error TEXT NOT NULL, "
        "failed_at TEXT NOT NULL)"))
    conn.execute(text("CREATE INDEX ix_failures_run_id ON failures (run_id)"))
    roles: dict[tuple[str, str], list[str]] = {}
    for event_id, role, actor_id in conn.execute(text(
            "SELECT event_id, role, actor_id FROM event_actors ORDER BY event_id, role, ord, actor_id")):
        roles.setdefault((event_id, role), []).append(actor_id)
    keys = []
    for row in conn.execute(text(
            "SELECT m.id, e.id AS event_id, e.type, e.actor_key, coalesce(m.date, a.published, e.date) AS merge_date, "
            "e.mode, e.date_precision, m.location_name, e.location_name AS event_place, e.location_country, "
            "e.lat, e.lon FROM event_mentions m JOIN events e ON e.id = m.event_id "
            "JOIN articles a ON a.id = m.article_id")).mappings():
        same_place = row["location_name"] is not None and row["location_name"] == row["event_place"]
        keys.append({
            "mention_id": row["id"], "type": row["type"], "actor_key": row["actor_key"],
            "merge_date": row["merge_date"], "mode": row["mode"], "date_precision": row["date_precision"],
            "location_country": row["location_country"] if same_place else None,
            "lat": row["lat"] if same_place else None, "lon": row["lon"] if same_place else None,
            "source_ids": "+".join(roles.get((row["event_id"], "source"), [])),
            "target_ids": "+".join(roles.get((row["event_id"], "target"), []))})
    if keys:
        conn.execute(text(
            "INSERT INTO mention_keys VALUES (:mention_id, :type, :actor_key, :merge_date, :mode, :date_precision, "
            ":location_country, :lat, :lon, :source_ids, :target_ids)"), keys)
def redeclare_search(conn: Connection) -> None:
    """Version 2 declared content='articles' in single quotes, which datasette does not recognise: declare it again
    (triggers are kept, the index is rebuilt from the articles)."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("DROP TABLE IF EXISTS articles_fts"))
        install_search(conn)


#: What version 8 adds for the dashboard's reads; spelled out so later schema changes do not change the step.
DERIVED_TABLES = (
    "CREATE INDEX IF NOT EXISTS ix_events_date_type_status ON events (date, type, status)",
    "CREATE INDEX IF NOT EXISTS ix_events_type_status_date ON events (type, status, date)",
    "CREATE INDEX IF NOT EXISTS ix_events_date_id ON events (date, id)",
    "ALTER TABLE positions ADD COLUMN last_in_article INTEGER",
    "ALTER TABLE positions ADD COLUMN previous_stance TEXT",
    "ALTER TABLE positions ADD COLUMN shift INTEGER",
    "CREATE INDEX IF NOT EXISTS ix_positions_shift_date ON positions (shift, date)",
    "CREATE INDEX IF NOT EXISTS ix_positions_date ON positions (date)",
    "CREATE TABLE event_pairs (event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE, "
    "source_id TEXT NOT NULL, target_id TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL, date TEXT, "
    "PRIMARY KEY (event_id, source_id, target_id))",
    "CREATE INDEX ix_event_pairs_pair ON event_pairs (source_id, target_id, type)",
    "CREATE INDEX ix_event_pairs_date ON event_pairs (date, source_id, target_id, type)",
    "CREATE INDEX ix_event_pairs_target ON event_pairs (target_id, source_id)",
    "CREATE TABLE actor_counts (actor_id TEXT NOT NULL PRIMARY KEY REFERENCES actors (id), "
    "events INTEGER NOT NULL, as_source INTEGER NOT NULL, as_target INTEGER NOT NULL, claims INTEGER NOT NULL, "
    "positions INTEGER NOT NULL)",
    "CREATE INDEX ix_actor_counts_events ON actor_counts (events)",
)


def add_derived_tables(conn: Connection) -> None:
    """Covering indexes for the dashboard's counts, PostgreSQL's stored search documents, and the derived data of store/derived.py (actor pairs per
    event, counts per actor, the positions' shift columns), computed from what the database holds."""
    for statement in DERIVED_TABLES:
        conn.execute(text(statement))
    if conn.dialect.name == "postgresql":
        install_pg_search(conn)
    # what version 8 derived (`rebuild` also fills tables of later versions)
    derived.refresh_pairs(conn)
    derived.refresh_shifts(conn)
    derived.refresh_actor_counts(conn)


def add_link_indexes(conn: Connection) -> None:
    """Indexes on the links' report ids: without them, moving the links of regrouped reports scanned every
    link once per report, so a batch cost as much as the corpus."""
    conn.execute(text("CREATE INDEX ix_links_from_mention_id ON links (from_mention_id)"))
    conn.execute(text("CREATE INDEX ix_links_to_mention_id ON links (to_mention_id)"))


def add_pair_counts(conn: Connection) -> None:
    """Counts per dyad (store/derived.py's pair_counts), computed from event_pairs."""
    conn.execute(text("CREATE TABLE pair_counts (source_id TEXT NOT NULL, target_id TEXT NOT NULL, "
                      "events INTEGER NOT NULL, PRIMARY KEY (source_id, target_id))"))
    derived.refresh_pair_counts(conn)


def add_day_counts(conn: Connection) -> None:
    """Counts per day, type and status (store/derived.py's day_counts), computed from the events."""
    conn.execute(text("CREATE TABLE day_counts (date TEXT, type TEXT NOT NULL, status TEXT NOT NULL, "
                      "events INTEGER NOT NULL)"))
    conn.execute(text("CREATE UNIQUE INDEX ix_day_counts_date ON day_counts (date, type, status)"))
    derived.refresh_day_counts(conn)


def add_title_reports(conn: Connection) -> None:
    """Reports read from an article's title (a headline's events): their spans index the title."""
    conn.execute(text("ALTER TABLE event_mentions ADD COLUMN in_title INTEGER NOT NULL DEFAULT 0"))


#: What version 13 adds for merging by score; spelled out so later schema changes do not change the step.
MERGE_SCORE = (
    "ALTER TABLE events ADD COLUMN merge_date TEXT",
    "CREATE INDEX ix_events_type_merge_date ON events (type, merge_date)",
    "ALTER TABLE event_mentions ADD COLUMN merge_score FLOAT",
    "ALTER TABLE event_mentions ADD COLUMN merge_reason TEXT",
    "ALTER TABLE mention_keys ADD COLUMN source_roots TEXT",
    "ALTER TABLE mention_keys ADD COLUMN target_roots TEXT",
    "ALTER TABLE mention_keys ADD COLUMN location_adm1 TEXT",
    "ALTER TABLE mention_keys ADD COLUMN location_feature TEXT",
    "ALTER TABLE mention_keys ADD COLUMN evidence TEXT",
    "CREATE TABLE article_sketches (article_id TEXT NOT NULL PRIMARY KEY REFERENCES articles (id), "
    "signature TEXT NOT NULL)",
    "CREATE TABLE article_bands (band TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles (id), "
    "PRIMARY KEY (band, article_id))",
    "CREATE INDEX ix_article_bands_article_id ON article_bands (article_id)",
    "CREATE TABLE reprints (article_id TEXT NOT NULL REFERENCES articles (id), "
    "other_id TEXT NOT NULL REFERENCES articles (id), similarity FLOAT NOT NULL, PRIMARY KEY (article_id, other_id))",
)


def merge_by_score(conn: Connection) -> None:
    """Merging by a score (store/merge.py): what it reads of each report, filled in for stored reports (the
    parties their actors stand for as the actors are stored now, the names and numbers of their sentences; the
    kind of place is unknown for them), the reprints among stored articles, and every report merged again by
    the new rule, with the reason it joined its event."""
    from parley.records import Actor
    from parley.store import merge, reprints, write

    for statement in MERGE_SCORE:
        conn.execute(text(statement))
    stored_actors = {row[0]: Actor(text="", start=0, end=0, name=row[1], id=row[0], country=row[2], type=row[3])
                     for row in conn.execute(text("SELECT id, name, country, type FROM actors"))}

    def roots(ids: str | None) -> str:
        return merge.party_roots(stored_actors[a] for a in (ids or "").split("+") if a in stored_actors)

    keys = []
    for row in conn.execute(text(
            "SELECT k.mention_id, k.source_ids, k.target_ids, m.in_title, m.sentence_start, m.sentence_end, "
            "a.text, a.title FROM mention_keys k JOIN event_mentions m ON m.id = k.mention_id "
            "JOIN articles a ON a.id = m.article_id")).mappings():
        body = (row["title"] or "") if row["in_title"] else row["text"]
        start, end = row["sentence_start"], row["sentence_end"]
        sentence = body[start:end] if start is not None and end is not None else ""
        keys.append({"key": row["mention_id"], "source_roots": roots(row["source_ids"]),
                     "target_roots": roots(row["target_ids"]), "evidence": merge.evidence_words(sentence)})
    if keys:
        conn.execute(text("UPDATE mention_keys SET source_roots = :source_roots, target_roots = :target_roots, "
                          "evidence = :evidence WHERE mention_id = :key"), keys)
    stored = [tuple(row) for row in conn.execute(text("SELECT id, text FROM articles ORDER BY id"))]
    for start in range(0, len(stored), 500):
        reprints.record(conn, stored[start:start + 500])
    write.remerge(conn)


def hash_with_outlet(conn: Connection) -> None:
    """Articles are told apart by outlet and text (write.content_hash), so that a wire story another outlet
    prints word for word is stored as that outlet's report: the hashes of stored articles with an outlet are
    computed again."""
    from parley.store.write import content_hash

    changed = [{"key": article_id, "digest": content_hash(body, source)}
               for article_id, source, body in conn.execute(
                   text("SELECT id, source, text FROM articles WHERE source IS NOT NULL"))]
    if changed:
        conn.execute(text("UPDATE articles SET content_hash = :digest WHERE id = :key"), changed)


#: What version 15 adds for `parley watch`; spelled out so later schema changes do not change the step.
ALERT_TABLES = (
    "CREATE TABLE alerts (id TEXT NOT NULL PRIMARY KEY, rule TEXT NOT NULL, kind TEXT NOT NULL, "
    "subject TEXT NOT NULL, title TEXT NOT NULL, detail TEXT, evidence TEXT, outlet TEXT, url TEXT, article_id TEXT, "
    "date TEXT, created_at TEXT NOT NULL, first_sent_at TEXT, run_id TEXT, "
    "CONSTRAINT uq_alerts_rule_subject UNIQUE (rule, subject))",
    "CREATE INDEX ix_alerts_created_at ON alerts (created_at)",
    "CREATE TABLE alert_deliveries (alert_id TEXT NOT NULL REFERENCES alerts (id), channel TEXT NOT NULL, "
    "attempts INTEGER NOT NULL, sent_at TEXT, last_error TEXT, PRIMARY KEY (alert_id, channel))",
    "CREATE INDEX ix_alert_deliveries_pending ON alert_deliveries (sent_at, channel)",
    "CREATE TABLE alert_runs (run_id TEXT NOT NULL PRIMARY KEY REFERENCES runs (id), checked_at TEXT NOT NULL)",
)


def add_alerts(conn: Connection) -> None:
    """The watch's alerts, their deliveries per channel and the ingest runs it has evaluated (watch/)."""
    for statement in ALERT_TABLES:
        conn.execute(text(statement))


def add_original_ids_and_warnings(conn: Connection) -> None:
    """Version 16: articles keep the id they were given when it was too long to store (original_id) and what the
    extractor warned about them (warnings); PostgreSQL's search document reads a bounded part of the text."""
    conn.execute(text("ALTER TABLE articles ADD COLUMN original_id TEXT"))
    conn.execute(text("ALTER TABLE articles ADD COLUMN warnings TEXT"))
    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE articles DROP COLUMN IF EXISTS search"))  # its index goes with it
        install_pg_search(conn, BOUNDED_SEARCH)


def add_event_facets(conn: Connection) -> None:
    """Each event under its actors, roles, countries and issues (store/derived.py's event_facets), computed from
    the base tables."""
    conn.execute(text("CREATE TABLE event_facets (event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE, "
                      "kind TEXT NOT NULL, value TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL, date TEXT)"))
    conn.execute(text("CREATE INDEX ix_event_facets_event_id ON event_facets (event_id)"))
    conn.execute(text("CREATE INDEX ix_event_facets_facet ON event_facets (kind, value, date, event_id, type, status)"))
    derived.refresh_facets(conn)


def add_pair_months(conn: Connection) -> None:
    """Counts per month and dyad, and positions per month, actor and issue (store/derived.py's pair_months and
    position_months), computed from event_pairs and positions."""
    conn.execute(text("CREATE TABLE pair_months (month TEXT NOT NULL, source_id TEXT NOT NULL, "
                      "target_id TEXT NOT NULL, events INTEGER NOT NULL)"))
    conn.execute(text("CREATE INDEX ix_pair_months_month ON pair_months (month, source_id, target_id, events)"))
    conn.execute(text("CREATE INDEX ix_pair_months_pair ON pair_months (source_id, target_id)"))
    derived.refresh_pair_months(conn)
    conn.execute(text("CREATE TABLE position_months (actor_id TEXT NOT NULL, issue TEXT NOT NULL, month TEXT, "
                      "positions INTEGER NOT NULL, shifts INTEGER NOT NULL)"))
    conn.execute(text("CREATE INDEX ix_position_months_month ON position_months "
                      "(month, actor_id, issue, positions, shifts)"))
    conn.execute(text("CREATE INDEX ix_position_months_key ON position_months (actor_id, issue)"))
    derived.refresh_position_months(conn)


def merge_by_article_and_evidence(conn: Connection) -> None:
    """Merging's rule of version 22 (store/match.py): two reports of one article are two events, the parties'
    own names are no evidence, and a merge needs something specific. No column changes: every stored report is
    merged again, so an upgraded store holds what a fresh ingest of its articles would."""
    from parley.store import write

    write.remerge(conn)


#: Steps from version 1 (the first published schema) upward; append, never edit or reorder.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(2, "full-text search over articles", install_search),
    Migration(3, "actor mention offsets", add_actor_mentions),
    Migration(4, "conditions of positions", add_position_condition),
    Migration(5, "indexes for the read layer", add_read_indexes),
    Migration(6, "merge keys of reports; failures", add_mention_keys),
    Migration(7, "full-text search declared so datasette finds it", redeclare_search),
    Migration(8, "derived pairs, actor counts and shifts; covering indexes for the dashboard", add_derived_tables),
    Migration(9, "indexes on the links' report ids", add_link_indexes),
    Migration(10, "event counts per dyad", add_pair_counts),
    Migration(11, "event counts per day, type and status", add_day_counts),
    Migration(12, "reports read from titles", add_title_reports),
    Migration(13, "merging by score: report keys, reasons, reprints", merge_by_score),
    Migration(14, "articles told apart by outlet and text", hash_with_outlet),
    Migration(15, "alerts of parley watch and their deliveries", add_alerts),
    Migration(16, "original ids of long article ids, document warnings, bounded search documents",
              add_original_ids_and_warnings),
    Migration(17, "events under their actors, roles, countries and issues", add_event_facets),
    Migration(18, "event counts per month and dyad; positions per month, actor and issue", add_pair_months),
    Migration(22, "merging: one article's reports apart, parties' names no evidence, something specific",
              merge_by_article_and_evidence),
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
