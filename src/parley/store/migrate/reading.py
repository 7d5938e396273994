"""Steps for the read layer: indexes the dashboard's queries walk and the derived tables of
store/derived.py (versions 5, 8-11, 17, 18 and later)."""

from __future__ import annotations

from sqlalchemy import Connection, text

from parley.store import derived, tallies
from parley.store.migrate.search import install_pg_search

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
    # counted by version 20, which adds the cooperative counts (the derived code writes the newest shape)


def add_day_counts(conn: Connection) -> None:
    """Counts per day, type and status (store/derived.py's day_counts), computed from the events."""
    conn.execute(text("CREATE TABLE day_counts (date TEXT, type TEXT NOT NULL, status TEXT NOT NULL, "
                      "events INTEGER NOT NULL)"))
    conn.execute(text("CREATE UNIQUE INDEX ix_day_counts_date ON day_counts (date, type, status)"))
    derived.refresh_day_counts(conn)


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
    # counted by version 20, as pair_counts
    conn.execute(text("CREATE TABLE position_months (actor_id TEXT NOT NULL, issue TEXT NOT NULL, month TEXT, "
                      "positions INTEGER NOT NULL, shifts INTEGER NOT NULL)"))
    conn.execute(text("CREATE INDEX ix_position_months_month ON position_months "
                      "(month, actor_id, issue, positions, shifts)"))
    conn.execute(text("CREATE INDEX ix_position_months_key ON position_months (actor_id, issue)"))
    derived.refresh_position_months(conn)


#: What version 20 adds; spelled out so later schema changes do not change the step.
TALLY_TABLES = (
    "ALTER TABLE pair_counts ADD COLUMN cooperative INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE pair_months ADD COLUMN cooperative INTEGER NOT NULL DEFAULT 0",
    "DROP INDEX ix_pair_months_month",
    "CREATE INDEX ix_pair_months_month ON pair_months (month, source_id, target_id, events, cooperative)",
    "DROP INDEX ix_pair_months_pair",
    "CREATE TABLE facet_days (kind TEXT NOT NULL, value TEXT NOT NULL, date TEXT NOT NULL, type TEXT NOT NULL, "
    "status TEXT NOT NULL, events INTEGER NOT NULL, PRIMARY KEY (kind, value, date, type, status))",
    "CREATE TABLE facet_pairs (kind TEXT NOT NULL, value TEXT NOT NULL, source_id TEXT NOT NULL, "
    "target_id TEXT NOT NULL, events INTEGER NOT NULL, cooperative INTEGER NOT NULL, "
    "PRIMARY KEY (kind, value, source_id, target_id))",
    "CREATE TABLE actor_partners (actor_id TEXT NOT NULL, other_id TEXT NOT NULL, events INTEGER NOT NULL, "
    "cooperative INTEGER NOT NULL, PRIMARY KEY (actor_id, other_id))",
)


def add_tallies(conn: Connection) -> None:
    """Version 20: cooperative counts per dyad and per dyad and month, events per facet, day, type and status,
    dyads per facet, partners per actor (store/derived.py's tallies, which the writer adds to rather than
    recounts), all counted from event_pairs and event_facets."""
    for statement in TALLY_TABLES:
        conn.execute(text(statement))
    for tally in tallies.TALLIES:
        tallies.recount(conn, tally)
    # the writer's upsert finds a dyad's month by this key
    conn.execute(text("CREATE UNIQUE INDEX ix_pair_months_pair ON pair_months (source_id, target_id, month)"))


def add_newest_first_indexes(conn: Connection) -> None:
    """Version 21, on PostgreSQL: the order of the article list and of the shifts (newest first, undated last,
    then id) as indexes, so the newest articles, a common word's newest matches and the latest shifts are read
    off them rather than sorted (SQLite reads its date indexes backwards: it sorts NULLs first); and facet_days'
    key with its counts, so one actor's cells are read from the index alone (fetching 24,000 rows of the table
    took most of a second at a million events)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("CREATE INDEX ix_articles_newest ON articles (published DESC NULLS LAST, id)"))
        conn.execute(text("CREATE INDEX ix_positions_shift_newest ON positions (shift, date DESC NULLS LAST, id)"))
        conn.execute(text("CREATE INDEX ix_facet_days_cells ON facet_days (kind, value, date, type, status) "
                          "INCLUDE (events)"))


#: What version 26 adds; spelled out so later schema changes do not change the step.
ACTOR_DATE_AND_PLACE_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_positions_actor_date ON positions (actor_id, date, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_date_place ON events (date, location_country, location_name, lat, lon)",
    "CREATE INDEX IF NOT EXISTS ix_event_mentions_event_article ON event_mentions (event_id, article_id)",
)


def add_actor_date_and_place_indexes(conn: Connection) -> None:
    """Version 26: one actor's positions in date order (an actor's page lists its first 500: PostgreSQL walked
    every position's date filtering on the actor, 30,000 rows at a million events), and the events' places by
    date with everything the map counts (`place_counts` of a date range read each event's row: 2 s at a million
    events on SQLite); and the articles reporting given events from the index alone (the stance matrix of
    one event type reads the articles of every such event)."""
    for statement in ACTOR_DATE_AND_PLACE_INDEXES:
        conn.execute(text(statement))


#: What version 27 adds; spelled out so later schema changes do not change the step.
PLACE_AND_TYPE_TABLES = (
    "CREATE TABLE position_type_months (type TEXT NOT NULL, actor_id TEXT NOT NULL, issue TEXT NOT NULL, "
    "month TEXT NOT NULL, positions INTEGER NOT NULL, shifts INTEGER NOT NULL, "
    "PRIMARY KEY (type, month, actor_id, issue))",
    "CREATE INDEX ix_position_type_months_type ON position_type_months "
    "(type, month, actor_id, issue, positions, shifts)",
    "CREATE TABLE place_days (date TEXT NOT NULL, country TEXT NOT NULL, name TEXT NOT NULL, "
    "lat FLOAT NOT NULL, lon FLOAT NOT NULL, events INTEGER NOT NULL, PRIMARY KEY (date, country, name, lat, lon))",
)


def add_place_days_and_position_types(conn: Connection) -> None:
    """Version 27: events with a place or a country counted per day, country and mappable place (the map read
    every event: 90 ms at a million events, growing with them), and positions counted per month and type of the
    events their articles report (the stance matrix of one event type read every such event's articles: 1.8 s
    at a million events); both counted from the base tables."""
    for statement in PLACE_AND_TYPE_TABLES:
        conn.execute(text(statement))
    tallies.recount(conn, tallies.PLACE_DAYS)
    derived.refresh_position_months(conn, by_type=True)


#: What version 30 changes; spelled out so later schema changes do not change the step.
LAST_DAY_COLUMNS = (
    "ALTER TABLE position_months ADD COLUMN last_day TEXT",
    "ALTER TABLE position_type_months ADD COLUMN last_day TEXT",
    "DROP INDEX ix_position_months_month",
    "CREATE INDEX ix_position_months_month ON position_months (month, actor_id, issue, positions, shifts, last_day)",
    "DROP INDEX ix_position_type_months_type",
    "CREATE INDEX ix_position_type_months_type ON position_type_months "
    "(type, month, actor_id, issue, positions, shifts, last_day)",
)


def add_position_last_days(conn: Connection) -> None:
    """Version 30: each stance-matrix cell's latest day per month (and per month and type), so the matrix looks
    a cell's latest stance up on that day instead of walking the cell's positions back from the end of its
    latest month, testing each one's article for the event type (half of the typed matrix's time at a million
    events, growing with the positions a month holds); both tables recounted from positions."""
    for statement in LAST_DAY_COLUMNS:
        conn.execute(text(statement))
    derived.refresh_position_months(conn)
    derived.refresh_position_months(conn, by_type=True)


def add_facet_months(conn: Connection) -> None:
    """Version 31: facet_days per month (store/tallies.py's facet_months), so one actor's, country's or issue's
    totals sum a few hundred cells a year instead of every day its events fill (summing a country's cells
    under one status read 25,000 of them at a million events, 2,000 at 100,000); added up from facet_days."""
    conn.execute(text("CREATE TABLE facet_months (kind TEXT NOT NULL, value TEXT NOT NULL, month TEXT NOT NULL, "
                      "type TEXT NOT NULL, status TEXT NOT NULL, events INTEGER NOT NULL, "
                      "PRIMARY KEY (kind, value, month, type, status))"))
    if conn.dialect.name == "postgresql":
        conn.execute(text("CREATE INDEX ix_facet_months_cells ON facet_months (kind, value, month, type, status) "
                          "INCLUDE (events)"))
    conn.execute(text("INSERT INTO facet_months (kind, value, month, type, status, events) "
                      "SELECT kind, value, substr(date, 1, 7), type, status, sum(events) FROM facet_days "
                      "GROUP BY kind, value, substr(date, 1, 7), type, status"))


#: The tallies version 33 stores clustered on their keys on SQLite; spelled out so later schema changes do not
#: change the step.
CLUSTERED_TALLIES = {
    "pair_counts": "source_id TEXT NOT NULL, target_id TEXT NOT NULL, events INTEGER NOT NULL, "
                   "cooperative INTEGER NOT NULL, PRIMARY KEY (source_id, target_id)",
    "facet_days": "kind TEXT NOT NULL, value TEXT NOT NULL, date TEXT NOT NULL, type TEXT NOT NULL, "
                  "status TEXT NOT NULL, events INTEGER NOT NULL, PRIMARY KEY (kind, value, date, type, status)",
    "facet_months": "kind TEXT NOT NULL, value TEXT NOT NULL, month TEXT NOT NULL, type TEXT NOT NULL, "
                    "status TEXT NOT NULL, events INTEGER NOT NULL, PRIMARY KEY (kind, value, month, type, status)",
    "facet_pairs": "kind TEXT NOT NULL, value TEXT NOT NULL, source_id TEXT NOT NULL, target_id TEXT NOT NULL, "
                   "events INTEGER NOT NULL, cooperative INTEGER NOT NULL, "
                   "PRIMARY KEY (kind, value, source_id, target_id)",
    "actor_partners": "actor_id TEXT NOT NULL, other_id TEXT NOT NULL, events INTEGER NOT NULL, "
                      "cooperative INTEGER NOT NULL, PRIMARY KEY (actor_id, other_id)",
    "place_days": "date TEXT NOT NULL, country TEXT NOT NULL, name TEXT NOT NULL, lat FLOAT NOT NULL, "
                  "lon FLOAT NOT NULL, events INTEGER NOT NULL, PRIMARY KEY (date, country, name, lat, lon)",
}


def cluster_tallies(conn: Connection) -> None:
    """Version 33, SQLite only: the tallies keyed by a primary key stored WITHOUT ROWID, their rows in the
    key's B-tree. A rowid table kept the key in an index of its own: each upsert the writer makes found the
    key there and then the row by rowid (two B-trees), and one actor's cells per day (facet_days, 24,000 of
    them at a million events) were read an index entry and a table row apiece. PostgreSQL reads the same
    cells index-only (version 21's INCLUDE indexes): nothing to do there."""
    if conn.dialect.name != "sqlite":
        return
    for table, columns in CLUSTERED_TALLIES.items():
        conn.execute(text(f"ALTER TABLE {table} RENAME TO {table}_rowid"))
        conn.execute(text(f"CREATE TABLE {table} ({columns}) WITHOUT ROWID"))
        # by name: a column added by ALTER TABLE in an older step may stand elsewhere in the old table
        names = ", ".join(part.split()[0] for part in columns.split(", PRIMARY KEY")[0].split(", "))
        conn.execute(text(f"INSERT INTO {table} ({names}) SELECT {names} FROM {table}_rowid"))
        conn.execute(text(f"DROP TABLE {table}_rowid"))


def add_facet_day_types(conn: Connection) -> None:
    """Version 34: facet_days without the status (store/tallies.py's facet_day_types), so one actor's,
    country's or issue's chart per day and type reads its cells as shown (10,400 of them for a busy actor at a
    million events, against 24,000 per status too, added up); added up from facet_days."""
    clustered = " WITHOUT ROWID" if conn.dialect.name == "sqlite" else ""
    conn.execute(text("CREATE TABLE facet_day_types (kind TEXT NOT NULL, value TEXT NOT NULL, date TEXT NOT NULL, "
                      "type TEXT NOT NULL, events INTEGER NOT NULL, PRIMARY KEY (kind, value, date, type))"
                      + clustered))
    if conn.dialect.name == "postgresql":
        conn.execute(text("CREATE INDEX ix_facet_day_types_cells ON facet_day_types (kind, value, date, type) "
                          "INCLUDE (events)"))
    conn.execute(text("INSERT INTO facet_day_types (kind, value, date, type, events) "
                      "SELECT kind, value, date, type, sum(events) FROM facet_days GROUP BY kind, value, date, type"))
