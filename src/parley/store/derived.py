"""Derived data the read layer keeps so that the dashboard's calls do not grow with the corpus.

- `event_pairs`: each event's source x target pairs (source != target) with the event's type, status and date:
  dyad counts read one narrow indexed table instead of joining events to event_actors twice per event.
- `pair_counts`: event_pairs counted per (source, target): the whole corpus's busiest dyads are read from one row
  per dyad (whether they are cooperative is counted at read time, for those few, from event_pairs).
- `day_counts`: events counted per day, type and status: the dashboard's charts of the corpus or a date range.
- `actor_counts`: each actor's events (any role, as source, as target), claims and positions: the actor list
  reads one row per actor instead of counting event_actors, event_mentions and positions on every request.
- the positions' `last_in_article`, `previous_stance` and `shift`: the shift rule (store/read/positions.py,
  `annotated`: the stance's leaning, for, against or conditional, changed) is applied when positions are written,
  not on every read.

All of it is computed from the base tables alone, by the same statements whether one event or the whole corpus
is refreshed, so `rebuild` gives exactly what the writer's incremental `refresh` calls gave. Whoever writes
events, event actors, reports or positions calls `refresh` in the same transaction (store/write.py does; bulk
loads and the migration that introduced these tables call `rebuild`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, and_, bindparam, case, delete, func, insert, or_, select, true, update

from parley.records import STANCE_LEANING
from parley.store.schema import (
    actor_counts, actors, articles, day_counts, event_actors, event_mentions, event_pairs, events, pair_counts,
    positions,
)

CHUNK = 500

#: the positions' own columns; last_in_article, previous_stance and shift are derived from them (`annotated`)
DERIVED = ("last_in_article", "previous_stance", "shift")
BASE_COLUMNS = tuple(c for c in positions.c if c.name not in DERIVED)


def annotated(keys: list[tuple[str, str]] | None = None):
    """A subquery of positions (of these (actor id, issue) pairs, else all) with `published`, `last_in_article`
    (1 for the last stance its article states) and, on those last stances, `previous_stance` (the previous
    article's) and `shift`: the shift rule. store/derived.py stores its result in the positions' own columns
    of the same names when positions are written (`refresh_shifts`); store/read/positions.py reads those."""
    conds = [] if keys is None else [_any_pair(positions.c.actor_id, positions.c.issue, keys)]
    within = func.row_number().over(partition_by=[positions.c.actor_id, positions.c.issue, positions.c.article_id],
                                    order_by=[positions.c.span_start.desc(), positions.c.id.desc()])
    # only what the rule reads: the evidence and condition texts would be carried through three sorts
    needed = [positions.c[name] for name in ("id", "actor_id", "issue", "stance", "article_id", "date")]
    base = (select(*needed, articles.c.published, within.label("last_in_article"))
            .join(articles, articles.c.id == positions.c.article_id)
            .where(and_(true(), *conds)).subquery("base"))
    # one window over the articles' last stances only: partitioning by last_in_article keeps the others out
    final = case((base.c.last_in_article == 1, 1), else_=0)
    lagged = func.lag(base.c.stance).over(
        partition_by=[base.c.actor_id, base.c.issue, final],
        order_by=[base.c.date.asc().nulls_last(), base.c.published.asc().nulls_last(), base.c.article_id])
    previous = case((base.c.last_in_article == 1, lagged))
    inner = select(base, previous.label("previous_stance")).subquery("prev")
    # a shift changes the stance's leaning (for, against, conditional), not merely its word
    leaning = dict(STANCE_LEANING)
    changed = case(leaning, value=inner.c.previous_stance, else_=inner.c.previous_stance) != case(
        leaning, value=inner.c.stance, else_=inner.c.stance)
    shift = case((and_(inner.c.previous_stance.is_not(None), changed), 1), else_=0)
    return select(inner, shift.label("shift")).subquery("pp")


def _any_pair(first, second, pairs: Iterable[tuple]):
    """first = a AND second = b for any (a, b) in pairs: pair by pair rather than (first, second) IN (...),
    for which SQLite scans a whole index instead of seeking each pair."""
    return or_(*(and_(first == a, second == b) for a, b in pairs))


def _chunks(values: Iterable, size: int = CHUNK):
    ordered = sorted(set(values))
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]


def _pairs_select():
    src, tgt = event_actors.alias("src"), event_actors.alias("tgt")
    return (select(events.c.id, src.c.actor_id, tgt.c.actor_id, events.c.type, events.c.status, events.c.date)
            .select_from(events.join(src, and_(src.c.event_id == events.c.id, src.c.role == "source"))
                         .join(tgt, and_(tgt.c.event_id == events.c.id, tgt.c.role == "target")))
            .where(src.c.actor_id != tgt.c.actor_id))


PAIR_COLUMNS = ("event_id", "source_id", "target_id", "type", "status", "date")


def refresh_pairs(conn: Connection, event_ids: Iterable[str] | None = None) -> None:
    """Recompute event_pairs for these events (gone ones lose their rows), or for every event when None."""
    _refresh(conn, event_pairs.c.event_id, PAIR_COLUMNS, _pairs_select(), events.c.id, event_ids)


def _pair_counts_select():
    p = event_pairs
    return select(p.c.source_id, p.c.target_id, func.count()).group_by(p.c.source_id, p.c.target_id)


def _found(conn: Connection, key, ids: Iterable[str], *columns) -> set:
    """The distinct values of `columns` (a tuple each when there are several) in the rows whose `key` is one of
    `ids`, read a chunk of ids at a time."""
    found: set = set()
    for chunk in _chunks(ids):
        result = conn.execute(select(*columns).where(key.in_(chunk)).distinct())
        found.update(map(tuple, result) if len(columns) > 1 else result.scalars())
    return found


def pairs_of(conn: Connection, event_ids: Iterable[str]) -> set[tuple[str, str]]:
    """The (source, target) pairs these events have in event_pairs as it stands."""
    return _found(conn, event_pairs.c.event_id, event_ids, event_pairs.c.source_id, event_pairs.c.target_id)


def refresh_pair_counts(conn: Connection, pairs: Iterable[tuple[str, str]] | None = None) -> None:
    """Recompute pair_counts for these (source, target) pairs (pairs left without events lose their row), or
    for every pair when None."""
    columns = ("source_id", "target_id", "events")
    if pairs is None:
        conn.execute(delete(pair_counts))
        conn.execute(insert(pair_counts).from_select(columns, _pair_counts_select()))
        return
    for chunk in _chunks(pairs, 200):
        conn.execute(delete(pair_counts).where(_any_pair(pair_counts.c.source_id, pair_counts.c.target_id, chunk)))
        conn.execute(insert(pair_counts).from_select(columns, _pair_counts_select().where(
            _any_pair(event_pairs.c.source_id, event_pairs.c.target_id, chunk))))


def dates_of(conn: Connection, event_ids: Iterable[str]) -> set[str | None]:
    """The dates these events have as stored now (None for an undated one; a writer asks before it rewrites them)."""
    return _found(conn, events.c.id, event_ids, events.c.date)


def refresh_day_counts(conn: Connection, dates: Iterable[str | None] | None = None) -> None:
    """Recompute day_counts for these dates (None: the undated events), or for every day when None."""
    columns = ("date", "type", "status", "events")
    query = select(events.c.date, events.c.type, events.c.status, func.count()).group_by(
        events.c.date, events.c.type, events.c.status)
    if dates is None:
        conn.execute(delete(day_counts))
        conn.execute(insert(day_counts).from_select(columns, query))
        return
    dates = set(dates)
    if None in dates:
        conn.execute(delete(day_counts).where(day_counts.c.date.is_(None)))
        conn.execute(insert(day_counts).from_select(columns, query.where(events.c.date.is_(None))))
    for chunk in _chunks(dates - {None}):
        conn.execute(delete(day_counts).where(day_counts.c.date.in_(chunk)))
        conn.execute(insert(day_counts).from_select(columns, query.where(events.c.date.in_(chunk))))


def _counts_select():
    def scalar(query):
        return query.scalar_subquery()

    of_actor = event_actors.c.actor_id == actors.c.id
    return select(
        actors.c.id,
        scalar(select(func.count(func.distinct(event_actors.c.event_id))).where(of_actor)),
        scalar(select(func.count()).where(of_actor, event_actors.c.role == "source")),
        scalar(select(func.count()).where(of_actor, event_actors.c.role == "target")),
        scalar(select(func.count()).where(event_mentions.c.claimed_by_actor_id == actors.c.id)),
        scalar(select(func.count()).where(positions.c.actor_id == actors.c.id)),
    )


COUNT_COLUMNS = ("actor_id", "events", "as_source", "as_target", "claims", "positions")


def refresh_actor_counts(conn: Connection, actor_ids: Iterable[str] | None = None) -> None:
    """Recompute actor_counts for these actors, or for every actor when None."""
    _refresh(conn, actor_counts.c.actor_id, COUNT_COLUMNS, _counts_select(), actors.c.id, actor_ids)


def _refresh(conn: Connection, key, columns: tuple[str, ...], query, source_key, ids: Iterable[str] | None) -> None:
    """Replace a derived table's rows (`key` is its id column) with `query`'s, for these ids or for all when None;
    `source_key` is the id column the query selects from."""
    table = key.table
    if ids is None:
        conn.execute(delete(table))
        conn.execute(insert(table).from_select(columns, query))
        return
    for chunk in _chunks(ids):
        conn.execute(delete(table).where(key.in_(chunk)))
        conn.execute(insert(table).from_select(columns, query.where(source_key.in_(chunk))))


def refresh_shifts(conn: Connection, keys: Iterable[tuple[str, str]] | None = None) -> None:
    """Recompute the positions' last_in_article, previous_stance and shift for these (actor id, issue) pairs
    (all of their positions: a new article can change the previous stance of later ones), or for all when None."""
    def apply(chunk: list[tuple[str, str]] | None) -> None:
        pp = annotated(keys=chunk)
        # read, then write only the rows whose values change (a new article changes few of a pair's
        # positions): SQLite ran UPDATE ... FROM this subquery as a nested loop over the pair's positions
        now = select(pp.c.id, *(pp.c[name] for name in DERIVED), *(positions.c[name] for name in DERIVED)) \
            .join(positions, positions.c.id == pp.c.id)
        changed = [{"key": row[0], **dict(zip(DERIVED, row[1:4]))} for row in conn.execute(now)
                   if tuple(row[1:4]) != tuple(row[4:7])]
        if changed:
            conn.execute(update(positions).where(positions.c.id == bindparam("key"))
                         .values({name: bindparam(name) for name in DERIVED}), changed)

    if keys is None:
        apply(None)
        return
    for chunk in _chunks(keys, 200):
        apply(chunk)


def refresh(conn: Connection, *, event_ids: Iterable[str] = (), actor_ids: Iterable[str] = (),
            position_keys: Iterable[tuple[str, str]] = (), dates: Iterable[str | None] = ()) -> None:
    """Bring the derived data up to date after a write, in the caller's transaction: `event_ids` are the events
    written, rewritten or deleted; `actor_ids` the actors whose events, claims or positions may have changed
    (the actors of `event_ids` as stored now are added here, so pass those the events had before);
    `position_keys` the (actor id, issue) pairs that got new positions; `dates` those the events had before
    (`dates_of`; their dates as stored now are added here)."""
    event_ids, position_keys = set(event_ids), set(position_keys)
    actor_ids = set(actor_ids) | {actor for actor, _ in position_keys}
    dyads = pairs_of(conn, event_ids)  # before and after: a dyad an event leaves is counted again too
    refresh_pairs(conn, event_ids)
    refresh_pair_counts(conn, dyads | pairs_of(conn, event_ids))
    refresh_day_counts(conn, set(dates) | dates_of(conn, event_ids))
    actor_ids |= actors_of(conn, event_ids)
    refresh_shifts(conn, position_keys)
    refresh_actor_counts(conn, actor_ids)


def rebuild(conn: Connection) -> None:
    """Recompute all derived data from the base tables (after a bulk load or a migration)."""
    refresh_pairs(conn)
    refresh_pair_counts(conn)
    refresh_day_counts(conn)
    refresh_shifts(conn)
    refresh_actor_counts(conn)


def actors_of(conn: Connection, event_ids: Iterable[str]) -> set[str]:
    """The actors these events have as stored now (a writer asks before it rewrites them)."""
    return _found(conn, event_actors.c.event_id, event_ids, event_actors.c.actor_id)


__all__ = ["BASE_COLUMNS", "DERIVED", "actors_of", "annotated", "rebuild", "refresh", "refresh_actor_counts", "refresh_day_counts", "refresh_pair_counts", "refresh_pairs",
           "dates_of", "pairs_of", "refresh_shifts"]
