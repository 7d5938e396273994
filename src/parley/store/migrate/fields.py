"""Steps that store something new about articles, actors and positions: actor mentions (3), conditions
(4), reports read from titles (12), the watch's alerts (15), original ids and warnings (16)."""

from __future__ import annotations

from sqlalchemy import Connection, text

from parley.store.migrate.search import BOUNDED_SEARCH, install_pg_search


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


def add_title_reports(conn: Connection) -> None:
    """Reports read from an article's title (a headline's events): their spans index the title."""
    conn.execute(text("ALTER TABLE event_mentions ADD COLUMN in_title INTEGER NOT NULL DEFAULT 0"))


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


def add_summary_only(conn: Connection) -> None:
    """Version 23: articles stored from a feed entry's summary (their page could not be fetched) say so, so a later
    ingest reads the page and replaces them."""
    conn.execute(text("ALTER TABLE articles ADD COLUMN summary_only INTEGER NOT NULL DEFAULT 0"))
