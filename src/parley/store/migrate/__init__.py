"""Versioned schema: a new database gets the current tables; an older one gets each missing step, in order.

The steps live by idea: `search` (full-text search), `fields` (new things stored about articles, actors and
positions), `merging` (what merging reads of reports) and `reading` (indexes and derived tables for the read layer).
This module keeps their order (MIGRATIONS) and applies them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Connection, func, inspect, select

from parley.errors import SchemaError
from parley.store import watch_tables  # noqa: F401  (registers the watch's tables on metadata before create_all)
from parley.store.migrate.fields import (
    add_actor_mentions,
    add_alerts,
    add_original_ids_and_warnings,
    add_position_condition,
    add_summary_only,
    add_title_reports,
)
from parley.store.migrate.merging import (
    add_mention_keys,
    hash_with_outlet,
    merge_by_article_and_evidence,
    merge_by_score,
    merge_with_numbers_and_months,
)
from parley.store.migrate.reading import (
    add_actor_date_and_place_indexes,
    add_day_counts,
    add_derived_tables,
    add_event_facets,
    add_facet_day_types,
    add_facet_months,
    add_link_indexes,
    add_newest_first_indexes,
    add_pair_counts,
    add_pair_months,
    add_place_days_and_position_types,
    add_position_last_days,
    add_read_indexes,
    add_tallies,
    cluster_tallies,
)
from parley.store.migrate.search import install_search, redeclare_search
from parley.store.schema import metadata, schema_version


@dataclass(frozen=True)
class Migration:
    """One schema step: the version it brings the database to, what it adds, and the function that does it
    (in the caller's transaction)."""

    version: int
    description: str
    apply: Callable[[Connection], None]


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
    Migration(20, "cooperative counts per dyad; events and dyads per facet; partners per actor", add_tallies),
    Migration(21, "newest-first indexes of articles and shifts, facet cells with counts, on PostgreSQL",
              add_newest_first_indexes),
    Migration(22, "merging: one article's reports apart, parties' names no evidence, something specific",
              merge_by_article_and_evidence),
    Migration(23, "articles stored from a feed entry's summary", add_summary_only),
    Migration(25, "merging: numbers in words, no days of dates as evidence, month-dated reports, one side misread",
              merge_with_numbers_and_months),
    Migration(26, "indexes: one actor's positions by date; the events' places by date; reports' articles by event",
              add_actor_date_and_place_indexes),
    Migration(27, "events per day and place; positions per month and type of the events their articles report",
              add_place_days_and_position_types),
    Migration(30, "the latest day of each stance-matrix cell per month (and per month and type)",
              add_position_last_days),
    Migration(31, "events per facet, month, type and status", add_facet_months),
    Migration(33, "the tallies stored clustered on their keys (SQLite)", cluster_tallies),
    Migration(34, "events per facet, day and type", add_facet_day_types),
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
