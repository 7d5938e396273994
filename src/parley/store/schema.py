"""The corpus tables (SQLAlchemy Core): names are part of the public contract, so keep them stable.

Dates are ISO 8601 TEXT (`YYYY-MM-DD`, timestamps `YYYY-MM-DDTHH:MM:SS+00:00`); ids are short stable hex strings.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

metadata = MetaData()

runs = Table(
    "runs", metadata,
    Column("id", Text, primary_key=True, comment="one `parley ingest` invocation"),
    Column("started_at", Text, nullable=False),
    Column("finished_at", Text, comment="empty when the run was interrupted"),
    Column("articles_seen", Integer, nullable=False, default=0),
    Column("articles_new", Integer, nullable=False, default=0),
    Column("articles_skipped", Integer, nullable=False, default=0, comment="already stored"),
    Column("articles_failed", Integer, nullable=False, default=0),
    Column("parley_version", Text, nullable=False),
    Column("sources", Text, comment="the SOURCE arguments, one per line"),
)

articles = Table(
    "articles", metadata,
    Column("id", Text, primary_key=True),
    Column("url", Text, unique=True),
    Column("title", Text),
    Column("source", Text, comment="publisher or feed name"),
    Column("published", Text, comment="YYYY-MM-DD"),
    Column("text", Text, nullable=False),
    Column("content_hash", Text, nullable=False, unique=True, comment="sha256 of the outlet and the whitespace-normalised text (write.content_hash)"),
    Column("origin", Text, comment="file, line or URL it was read from"),
    Column("ingested_at", Text, nullable=False),
    Column("run_id", Text, ForeignKey("runs.id")),
    Column("original_id", Text, comment="the id as given, when it was too long to be the id (version 16)"),
    Column("warnings", Text, comment="what the extractor warned about, one per line (version 16)"),
    Column("summary_only", Integer, nullable=False, server_default="0",
           comment="1 when the text is a feed entry's summary because its page could not be fetched; a later "
                   "ingest of the feed reads the page and replaces it (version 23)"),
    Index("ix_articles_published", "published"),
    Index("ix_articles_run_id", "run_id"),
)
# newest first, undated last, on PostgreSQL (SQLite reads ix_articles_published backwards; version 21)
Index("ix_articles_newest", articles.c.published.desc().nulls_last(), articles.c.id).ddl_if(dialect="postgresql")

actors = Table(
    "actors", metadata,
    Column("id", Text, primary_key=True, comment="knowledge-base or title-coded actor id"),
    Column("name", Text, nullable=False),
    Column("country", Text, comment="ISO 3166 alpha-3"),
    Column("type", Text),
    Index("ix_actors_name", "name"),
    Index("ix_actors_country", "country"),
)

events = Table(
    "events", metadata,
    Column("id", Text, primary_key=True, comment="stable merged id: type, actors and earliest date"),
    Column("type", Text, nullable=False, comment="PLOVER event type"),
    Column("mode", Text),
    Column("cameo", Text),
    Column("status", Text, nullable=False, comment="summary of the mentions' statuses"),
    Column("date", Text, comment="the surest reported date (a day before a week before an article's), YYYY-MM-DD"),
    Column("date_precision", Text),
    Column("location_name", Text),
    Column("location_country", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("source_actor_id", Text, ForeignKey("actors.id"), comment="first source actor; all in event_actors"),
    Column("target_actor_id", Text, ForeignKey("actors.id"), comment="first target actor; all in event_actors"),
    Column("actor_key", Text, nullable=False, comment="sorted source ids > sorted target ids, for merging"),
    Column("mention_count", Integer, nullable=False, default=0),
    Column("merge_date", Text, comment="the merge date of the event's first report: where merging looks (merge.py)"),
    Index("ix_events_merge", "type", "actor_key", "date"),
    Index("ix_events_type_merge_date", "type", "merge_date"),
    Index("ix_events_date", "date"),
    Index("ix_events_source_actor_id", "source_actor_id"),
    Index("ix_events_target_actor_id", "target_actor_id"),
    Index("ix_events_type_date", "type", "date"),
    Index("ix_events_location_country", "location_country"),
    # covering indexes for the dashboard: counts by day and type, by type and status, pages by date (version 8)
    Index("ix_events_date_type_status", "date", "type", "status"),
    Index("ix_events_type_status_date", "type", "status", "date"),
    Index("ix_events_date_id", "date", "id"),
    Index("ix_events_date_place", "date", "location_country", "location_name", "lat", "lon"),
)

event_actors = Table(
    "event_actors", metadata,
    Column("event_id", Text, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("role", Text, nullable=False),
    Column("actor_id", Text, ForeignKey("actors.id"), nullable=False),
    Column("ord", Integer, nullable=False, default=0, comment="order of the actor within its role"),
    PrimaryKeyConstraint("event_id", "role", "actor_id"),
    CheckConstraint("role IN ('source', 'target')", name="ck_event_actors_role"),
    Index("ix_event_actors_actor_id", "actor_id"),
    Index("ix_event_actors_actor_role", "actor_id", "role", "event_id"),
)

event_mentions = Table(
    "event_mentions", metadata,
    Column("id", Text, primary_key=True),
    Column("event_id", Text, ForeignKey("events.id"), nullable=False),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False),
    Column("extracted_id", Text, comment="the event id the extractor gave within its article"),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("sentence_start", Integer),
    Column("sentence_end", Integer),
    Column("trigger", Text),
    Column("status", Text, nullable=False, comment="asserted, alleged, denied, ... as this article reports it"),
    Column("claimed_by_actor_id", Text, ForeignKey("actors.id")),
    Column("date", Text, comment="the date this article gives"),
    Column("date_text", Text),
    Column("location_name", Text),
    Column("confidence", Float),
    Column("in_title", Integer, nullable=False, default=0, server_default="0",
           comment="1 when span and sentence span index the article's title, not its text (a headline's event)"),
    Column("merge_score", Float, comment="how well this report matched its event's others (store/merge.py); "
                                         "empty for an event's first report"),
    Column("merge_reason", Text, comment="why it joined its event: the features that decided (store/merge.py)"),
    Index("ix_event_mentions_event_id", "event_id"),
    Index("ix_event_mentions_event_article", "event_id", "article_id"),
    Index("ix_event_mentions_article_id", "article_id"),
    Index("ix_event_mentions_status", "status"),
    Index("ix_event_mentions_claimed_by_actor_id", "claimed_by_actor_id"),
)

links = Table(
    "links", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("from_mention_id", Text, ForeignKey("event_mentions.id"), nullable=False),
    Column("from_event_id", Text, ForeignKey("events.id"), nullable=False),
    Column("rel", Text, nullable=False, comment="alleges, denies or responds_to"),
    Column("to_event_id", Text, ForeignKey("events.id"), comment="empty when the target was not stored"),
    Column("to_mention_id", Text, ForeignKey("event_mentions.id")),
    Index("ix_links_from_event_id", "from_event_id"),
    Index("ix_links_to_event_id", "to_event_id"),
    # the writer moves links with their reports when a batch regroups events
    Index("ix_links_from_mention_id", "from_mention_id"),
    Index("ix_links_to_mention_id", "to_mention_id"),
)

positions = Table(
    "positions", metadata,
    Column("id", Text, primary_key=True),
    Column("actor_id", Text, ForeignKey("actors.id"), nullable=False),
    Column("issue", Text, nullable=False),
    Column("stance", Text, nullable=False),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("evidence", Text),
    Column("date", Text, comment="the position's date, else the article's"),
    Column("condition", Text, comment="the condition the stance is tied to, as written; empty if none"),
    Column("last_in_article", Integer, comment="1 for the last stance its article states on the issue (derived)"),
    Column("previous_stance", Text, comment="on last stances: the previous article's stance (derived)"),
    Column("shift", Integer, comment="1 when previous_stance is given and differs from stance (derived)"),
    Index("ix_positions_actor_issue", "actor_id", "issue", "date"),
    Index("ix_positions_shift_date", "shift", "date"),
    Index("ix_positions_date", "date"),
    Index("ix_positions_article_id", "article_id"),
    Index("ix_positions_issue", "issue"),
    Index("ix_positions_actor_date", "actor_id", "date", "id"),
)
# the same for the shifts (SQLite reads ix_positions_shift_date backwards; version 21)
Index("ix_positions_shift_newest", positions.c.shift, positions.c.date.desc().nulls_last(),
      positions.c.id).ddl_if(dialect="postgresql")

actor_mentions = Table(
    "actor_mentions", metadata,
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False),
    Column("actor_id", Text, ForeignKey("actors.id"), nullable=False),
    Column("span_start", Integer, nullable=False, comment="character offset into the article's text"),
    Column("span_end", Integer, nullable=False),
    Column("text", Text, nullable=False, comment="the article's text from span_start to span_end"),
    PrimaryKeyConstraint("article_id", "span_start", "span_end", "actor_id"),
    Index("ix_actor_mentions_article_id", "article_id"),
    Index("ix_actor_mentions_actor_id", "actor_id"),
)

mention_keys = Table(
    "mention_keys", metadata,
    Column("mention_id", Text, ForeignKey("event_mentions.id"), primary_key=True),
    Column("type", Text, nullable=False, comment="PLOVER type of this report"),
    Column("actor_key", Text, nullable=False, comment="sorted source ids > sorted target ids"),
    Column("merge_date", Text, comment="the date merging uses: the report's date, else the article's"),
    Column("mode", Text),
    Column("date_precision", Text),
    Column("location_country", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("source_ids", Text, comment="source actor ids in the order the report gives them, '+'-joined"),
    Column("target_ids", Text, comment="target actor ids in the order the report gives them, '+'-joined"),
    Column("source_roots", Text, comment="the parties the sources stand for (merge.party_roots), '+'-joined"),
    Column("target_roots", Text, comment="the parties the targets stand for (merge.party_roots), '+'-joined"),
    Column("location_adm1", Text, comment="the place's first-order region"),
    Column("location_feature", Text, comment="city, region or country"),
    Column("evidence", Text, comment="the names and numbers of the report's sentence (merge.evidence_words)"),
    comment="what merging reads of each report, so events can be rebuilt from their reports (store/merge.py)",
)

event_pairs = Table(
    "event_pairs", metadata,
    Column("event_id", Text, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("source_id", Text, nullable=False),
    Column("target_id", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("date", Text),
    PrimaryKeyConstraint("event_id", "source_id", "target_id"),
    Index("ix_event_pairs_pair", "source_id", "target_id", "type"),
    Index("ix_event_pairs_date", "date", "source_id", "target_id", "type"),
    Index("ix_event_pairs_target", "target_id", "source_id"),
    comment="derived (store/derived.py): each event's source x target pairs with its type, status and date, "
            "so the dashboard's dyad counts read one narrow table instead of joining events to its actors twice",
)

actor_counts = Table(
    "actor_counts", metadata,
    Column("actor_id", Text, ForeignKey("actors.id"), primary_key=True),
    Column("events", Integer, nullable=False, comment="events it takes part in, any role"),
    Column("as_source", Integer, nullable=False),
    Column("as_target", Integer, nullable=False),
    Column("claims", Integer, nullable=False, comment="reports it is the claimant of"),
    Column("positions", Integer, nullable=False),
    Index("ix_actor_counts_events", "events"),
    comment="derived (store/derived.py): each actor's counts, so the actor list does not count whole tables",
)

pair_counts = Table(
    "pair_counts", metadata,
    Column("source_id", Text, nullable=False),
    Column("target_id", Text, nullable=False),
    Column("events", Integer, nullable=False, comment="events with this source and target (event_pairs rows)"),
    Column("cooperative", Integer, nullable=False, default=0, comment="of those, cooperative ones (version 20)"),
    PrimaryKeyConstraint("source_id", "target_id"),
    comment="derived (store/derived.py): event_pairs counted per (source, target), so the whole corpus's busiest "
            "dyads are read from one row per dyad instead of counting every event's pairs",
    sqlite_with_rowid=False,  # clustered on the key (version 33)
)

day_counts = Table(
    "day_counts", metadata,
    Column("date", Text, comment="the events' date; empty for undated events"),
    Column("type", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("events", Integer, nullable=False),
    Index("ix_day_counts_date", "date", "type", "status", unique=True),
    comment="derived (store/derived.py): events counted per day, PLOVER type and status, so the dashboard's "
            "charts of the whole corpus or a date range read one row per cell instead of one per event",
)

pair_months = Table(
    "pair_months", metadata,
    Column("month", Text, nullable=False, comment="YYYY-MM of the events' date"),
    Column("source_id", Text, nullable=False),
    Column("target_id", Text, nullable=False),
    Column("events", Integer, nullable=False, comment="dated events with this source and target in the month"),
    Column("cooperative", Integer, nullable=False, default=0, comment="of those, cooperative ones (version 20)"),
    Index("ix_pair_months_month", "month", "source_id", "target_id", "events", "cooperative"),
    Index("ix_pair_months_pair", "source_id", "target_id", "month", unique=True),
    comment="derived (store/derived.py): event_pairs counted per month and (source, target), so the busiest dyads "
            "of a date range are summed from whole months and counted from event_pairs only at its ends "
            "(version 18)",
)

position_months = Table(
    "position_months", metadata,
    Column("actor_id", Text, nullable=False),
    Column("issue", Text, nullable=False),
    Column("month", Text, comment="YYYY-MM of the positions' date; empty for undated positions"),
    Column("positions", Integer, nullable=False),
    Column("shifts", Integer, nullable=False, comment="of those, how many are shifts (positions.shift = 1)"),
    Column("last_day", Text, comment="the latest of the positions' dates (YYYY-MM-DD); NULL for undated ones "
                                     "(version 30)"),
    Index("ix_position_months_month", "month", "actor_id", "issue", "positions", "shifts", "last_day"),
    Index("ix_position_months_key", "actor_id", "issue"),
    comment="derived (store/derived.py): positions counted per actor, issue and month, so the stance matrix of "
            "a date range sums whole months and counts positions only at its ends (version 18), with their "
            "latest day: each cell's latest stance is looked up on that day (version 30)",
)

position_type_months = Table(
    "position_type_months", metadata,
    Column("type", Text, nullable=False, comment="a PLOVER type of the events the positions' articles report"),
    Column("actor_id", Text, nullable=False),
    Column("issue", Text, nullable=False),
    Column("month", Text, nullable=False, comment="YYYY-MM of the positions' date; '' for undated positions"),
    Column("positions", Integer, nullable=False),
    Column("shifts", Integer, nullable=False, comment="of those, how many are shifts (positions.shift = 1)"),
    Column("last_day", Text, comment="the latest of the positions' dates (YYYY-MM-DD); NULL for undated ones "
                                     "(version 30)"),
    PrimaryKeyConstraint("type", "month", "actor_id", "issue"),
    Index("ix_position_type_months_type", "type", "month", "actor_id", "issue", "positions", "shifts", "last_day"),
    comment="derived (store/derived.py): position_months per type of the events the positions' articles report, "
            "so the stance matrix of one event type sums these cells instead of reading every such event's "
            "articles (version 27), with their latest day (version 30)",
)

place_days = Table(
    "place_days", metadata,
    Column("date", Text, nullable=False, comment="'' for undated events: a key is never NULL, so upserts find it"),
    Column("country", Text, nullable=False, comment="ISO 3166 alpha-3 of the events' place; '' for none"),
    Column("name", Text, nullable=False, comment="the place's name when it has coordinates; '' otherwise"),
    Column("lat", Float, nullable=False, comment="degrees; 0 when name is ''"),
    Column("lon", Float, nullable=False, comment="degrees; 0 when name is ''"),
    Column("events", Integer, nullable=False),
    PrimaryKeyConstraint("date", "country", "name", "lat", "lon"),
    comment="derived (store/tallies.py): events with a place or a country counted per day, country and mappable "
            "place, so the dashboard's map of the corpus or a date range reads one row per cell (version 27)",
    sqlite_with_rowid=False,  # clustered on the key (version 33)
)

event_facets = Table(
    "event_facets", metadata,
    Column("event_id", Text, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("kind", Text, nullable=False, comment="actor (any role), source, target, country or issue"),
    Column("value", Text, nullable=False, comment="the actor id, ISO 3166 alpha-3 code or negotiating issue"),
    Column("type", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("date", Text),
    Index("ix_event_facets_event_id", "event_id"),
    Index("ix_event_facets_facet", "kind", "value", "date", "event_id", "type", "status"),
    comment="derived (store/derived.py): each event under each actor, role, country and issue the event filters "
            "select by, with its type, status and date, so a filtered page or count walks one index range instead "
            "of gathering the matching ids from several tables (version 17)",
)

facet_days = Table(
    "facet_days", metadata,
    Column("kind", Text, nullable=False), Column("value", Text, nullable=False),  # as in event_facets
    Column("date", Text, nullable=False, comment="'' for undated events: a key is never NULL, so upserts find it"),
    Column("type", Text, nullable=False), Column("status", Text, nullable=False),
    Column("events", Integer, nullable=False),
    PrimaryKeyConstraint("kind", "value", "date", "type", "status"),
    comment="derived (store/tallies.py): event_facets counted per facet, day, type and status: one actor's, "
            "country's or issue's count and charts read one row per cell, not per event (version 20)",
    sqlite_with_rowid=False,  # clustered on the key (version 33)
)
Index("ix_facet_days_cells", facet_days.c.kind, facet_days.c.value, facet_days.c.date, facet_days.c.type,
      facet_days.c.status, postgresql_include=["events"]).ddl_if(dialect="postgresql")  # index-only reads

facet_months = Table(
    "facet_months", metadata,
    Column("kind", Text, nullable=False), Column("value", Text, nullable=False),  # as in event_facets
    Column("month", Text, nullable=False, comment="YYYY-MM of the events' date; '' for undated events"),
    Column("type", Text, nullable=False), Column("status", Text, nullable=False),
    Column("events", Integer, nullable=False),
    PrimaryKeyConstraint("kind", "value", "month", "type", "status"),
    comment="derived (store/tallies.py): facet_days per month: one actor's, country's or issue's totals sum at "
            "most a few hundred cells per year however many days its events fill (version 31)",
    sqlite_with_rowid=False,  # clustered on the key (version 33)
)
Index("ix_facet_months_cells", facet_months.c.kind, facet_months.c.value, facet_months.c.month, facet_months.c.type,
      facet_months.c.status, postgresql_include=["events"]).ddl_if(dialect="postgresql")  # index-only reads

facet_day_types = Table(
    "facet_day_types", metadata,
    Column("kind", Text, nullable=False), Column("value", Text, nullable=False),  # as in event_facets
    Column("date", Text, nullable=False, comment="'' for undated events: a key is never NULL, so upserts find it"),
    Column("type", Text, nullable=False),
    Column("events", Integer, nullable=False),
    PrimaryKeyConstraint("kind", "value", "date", "type"),
    comment="derived (store/tallies.py): facet_days without the status: one actor's, country's or issue's chart "
            "of events per day and type reads its cells as they are shown, half as many as per status too at "
            "a million events, in order, with nothing to add up (version 34)",
    sqlite_with_rowid=False,  # clustered on the key
)
Index("ix_facet_day_types_cells", facet_day_types.c.kind, facet_day_types.c.value, facet_day_types.c.date,
      facet_day_types.c.type, postgresql_include=["events"]).ddl_if(dialect="postgresql")  # index-only reads

facet_pairs = Table(
    "facet_pairs", metadata,
    Column("kind", Text, nullable=False), Column("value", Text, nullable=False),
    Column("source_id", Text, nullable=False), Column("target_id", Text, nullable=False),
    Column("events", Integer, nullable=False), Column("cooperative", Integer, nullable=False),
    PrimaryKeyConstraint("kind", "value", "source_id", "target_id"),
    comment="derived (store/tallies.py): each facet's events counted per (source, target) (version 20)",
    sqlite_with_rowid=False,  # clustered on the key (version 33)
)

actor_partners = Table(
    "actor_partners", metadata,
    Column("actor_id", Text, nullable=False), Column("other_id", Text, nullable=False),
    Column("events", Integer, nullable=False), Column("cooperative", Integer, nullable=False),
    PrimaryKeyConstraint("actor_id", "other_id"),
    comment="derived (store/tallies.py): events where the two actors face each other across the dyad, either "
            "way round (version 20)",
    sqlite_with_rowid=False,  # clustered on the key (version 33)
)

article_sketches = Table(
    "article_sketches", metadata,
    Column("article_id", Text, ForeignKey("articles.id"), primary_key=True),
    Column("signature", Text, nullable=False, comment="MinHash of the text's word shingles, hex (store/reprints.py)"),
    comment="what finds an article's reprints: its MinHash signature",
)

article_bands = Table(
    "article_bands", metadata,
    Column("band", Text, nullable=False, comment="one LSH band of the article's MinHash signature, hashed"),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False),
    PrimaryKeyConstraint("band", "article_id"),
    Index("ix_article_bands_article_id", "article_id"),
    comment="articles sharing a band are candidate reprints of each other (store/reprints.py)",
)

reprints = Table(
    "reprints", metadata,
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False),
    Column("other_id", Text, ForeignKey("articles.id"), nullable=False),
    Column("similarity", Float, nullable=False, comment="estimated Jaccard similarity of the two texts' shingles"),
    PrimaryKeyConstraint("article_id", "other_id"),
    comment="pairs of near-duplicate articles, both ways round: written by versions 13 to 23 only; reprints are now "
            "found from article_sketches when merging asks (store/reprints.py), since a story reprinted n times "
            "made n * n rows",
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Text, ForeignKey("runs.id")),
    Column("stage", Text, nullable=False, comment="read, extract or store"),
    Column("origin", Text, comment="file, line or URL the article was read from"),
    Column("article_id", Text),
    Column("content_hash", Text),
    Column("error", Text, nullable=False),
    Column("failed_at", Text, nullable=False),
    Index("ix_failures_run_id", "run_id"),
)

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", Text, nullable=False),
    Column("description", Text),
)
