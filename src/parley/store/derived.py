"""Derived data the read layer keeps so that the dashboard's calls do not grow with the corpus.

- `event_pairs`: each event's source x target pairs (source != target) with the event's type, status and date:
  dyad counts read one narrow indexed table instead of joining events to event_actors twice per event.
- `pair_counts`: event_pairs counted per (source, target), and how many of those are cooperative: the whole
  corpus's busiest dyads are read from one row per dyad.
- `pair_months`: the same per month: the busiest dyads of a date range are summed from its whole months,
  counting event_pairs only in the days at either end.
- `facet_days`: event_facets counted per facet (kind and value), day, type and status: one actor's, country's or
  issue's count and charts. `facet_pairs`: the (source, target) pairs of each facet's events, counted: its busiest
  dyads. `actor_partners`: each actor's partners across the dyad, counted: an actor's page.
- `position_months`: positions and shifts counted per actor, issue and month: the stance matrix of a date
  range sums whole months, counting positions only in the days at either end.
- `day_counts`: events counted per day, type and status: the dashboard's charts of the corpus or a date range.
- `actor_counts`: each actor's events (any role, as source, as target), claims and positions: the actor list
  reads one row per actor instead of counting event_actors, event_mentions and positions on every request.
- `event_facets`: each event under each actor (any role, as source, as target), country (an actor's or the
  place's) and negotiating issue (a position stated in a sentence reporting it), with its type, status and date:
  the event filters on those walk one index range, in date order, and count without touching `events`.
- the positions' `last_in_article`, `previous_stance` and `shift`: the shift rule (store/read/positions.py,
  `annotated`: the stance's leaning, for, against or conditional, changed) is applied when positions are written,
  not on every read.

All of it is computed from the base tables alone, so `rebuild` gives exactly what the writer's incremental
`refresh` calls gave. The counts per dyad, month, facet and partner are `Tally`s: the writer adds what the events
of a batch contribute now and takes away what they contributed before, which costs the same however large the
corpus is; the others are recomputed for the ids, dates or keys a batch touched. Whether an event type is
cooperative is stored as kb/triggers.yaml's quad classes say when the event is written. Whoever writes
events, event actors, reports or positions calls `refresh` in the same transaction (store/write.py does; bulk
loads and the migration that introduced these tables call `rebuild`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from sqlalchemy import (
    Connection, String, Table, and_, bindparam, case, cast, delete, func, insert, literal, or_, select, true, union,
    union_all, update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from parley.records import STANCE_LEANING
from parley.store.schema import (
    actor_counts, actor_partners, actors, articles, day_counts, event_actors, event_facets, event_mentions,
    event_pairs, events, facet_days, facet_pairs, pair_counts, pair_months, position_months, positions,
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


def _found(conn: Connection, key, ids: Iterable[str], *columns) -> set:
    """The distinct values of `columns` (a tuple each when there are several) in the rows whose `key` is one of
    `ids`, read a chunk of ids at a time."""
    found: set = set()
    for chunk in _chunks(ids):
        result = conn.execute(select(*columns).where(key.in_(chunk)).distinct())
        found.update(map(tuple, result) if len(columns) > 1 else result.scalars())
    return found


def _of(column, ids) -> list:
    """[column IN ids], or no condition when ids is None (every row)."""
    return [] if ids is None else [column.in_(ids)]


def _cooperative(type_column):
    """How many of the rows have a cooperative type (kb/triggers.yaml's quad classes, read where the read layer
    reads them; imported here, late, as the read layer imports this module)."""
    from parley.store.read.common import COOPERATIVE

    return func.sum(case((type_column.in_(COOPERATIVE), 1), else_=0))


def _pair_counts_of(ids=None):
    p = event_pairs
    return (select(p.c.source_id, p.c.target_id, func.count(), _cooperative(p.c.type))
            .where(*_of(p.c.event_id, ids)).group_by(p.c.source_id, p.c.target_id))


def _pair_months_of(ids=None):
    p = event_pairs
    month = func.substr(p.c.date, 1, 7)
    return (select(month, p.c.source_id, p.c.target_id, func.count(), _cooperative(p.c.type))
            .where(p.c.date.is_not(None), *_of(p.c.event_id, ids)).group_by(month, p.c.source_id, p.c.target_id))


def _facet_days_of(ids=None):
    f = event_facets
    day = func.coalesce(f.c.date, "")
    return (select(f.c.kind, f.c.value, day, f.c.type, f.c.status, func.count())
            .where(*_of(f.c.event_id, ids)).group_by(f.c.kind, f.c.value, day, f.c.type, f.c.status))


def _facet_pairs_of(ids=None):
    f, p = event_facets, event_pairs
    return (select(f.c.kind, f.c.value, p.c.source_id, p.c.target_id, func.count(), _cooperative(p.c.type))
            .select_from(f.join(p, p.c.event_id == f.c.event_id)).where(*_of(f.c.event_id, ids))
            .group_by(f.c.kind, f.c.value, p.c.source_id, p.c.target_id))


def _partners_of(ids=None):
    p = event_pairs
    # each event once per (actor, other) it sets face to face, either way round
    faced = union(
        select(p.c.source_id.label("actor_id"), p.c.target_id.label("other_id"), p.c.event_id, p.c.type)
        .where(*_of(p.c.event_id, ids)),
        select(p.c.target_id, p.c.source_id, p.c.event_id, p.c.type).where(*_of(p.c.event_id, ids)),
    ).subquery("faced")
    return (select(faced.c.actor_id, faced.c.other_id, func.count(), _cooperative(faced.c.type))
            .group_by(faced.c.actor_id, faced.c.other_id))


@dataclass(frozen=True)
class Tally:
    """A derived count table the writer keeps by adding what the events it wrote contribute now and taking away
    what they contributed before (`refresh`), so a batch costs the same however large the corpus: recounting a
    dyad, an actor or a day would read every event of it. `of(ids)` selects the contributions of the events
    whose ids are `ids` (every event when None): the key columns, then the count columns, one row per key."""

    table: Table
    keys: tuple[str, ...]
    counts: tuple[str, ...]
    of: Callable


#: The tallies of version 20 (pair_counts and pair_months gained their cooperative counts then).
TALLIES = (
    Tally(pair_counts, ("source_id", "target_id"), ("events", "cooperative"), _pair_counts_of),
    Tally(pair_months, ("month", "source_id", "target_id"), ("events", "cooperative"), _pair_months_of),
    Tally(facet_days, ("kind", "value", "date", "type", "status"), ("events",), _facet_days_of),
    Tally(facet_pairs, ("kind", "value", "source_id", "target_id"), ("events", "cooperative"), _facet_pairs_of),
    Tally(actor_partners, ("actor_id", "other_id"), ("events", "cooperative"), _partners_of),
)


@cache
def _statements(tally: Tally, dialect: str):
    """(upsert adding counts, delete of a key left at zero): built once per dialect, so their compiled forms are
    cached across batches."""
    insert_of = sqlite_insert if dialect == "sqlite" else postgresql_insert
    table = tally.table
    upsert = insert_of(table)
    upsert = upsert.on_conflict_do_update(index_elements=[table.c[k] for k in tally.keys],
                                          set_={c: table.c[c] + upsert.excluded[c] for c in tally.counts})
    gone = delete(table).where(*(table.c[k] == bindparam("k_" + k) for k in tally.keys),
                               table.c[tally.counts[0]] <= 0)
    return upsert, gone


_PAIRS_OF = select(event_pairs.c.event_id, event_pairs.c.source_id, event_pairs.c.target_id, event_pairs.c.type,
                   event_pairs.c.date).where(event_pairs.c.event_id.in_(bindparam("ids", expanding=True)))
_FACETS_ROWS_OF = select(event_facets.c.event_id, event_facets.c.kind, event_facets.c.value, event_facets.c.type,
                         event_facets.c.status, event_facets.c.date).where(
    event_facets.c.event_id.in_(bindparam("ids", expanding=True)))


def _contributions(conn: Connection, event_ids: set[str]) -> dict:
    """{table name: {key: [counts]}}: what these events count for in each tally, from their event_pairs and
    event_facets rows as they stand (two look-ups a chunk; the tallies' own `of` selects say the same in SQL,
    which `recount` runs, and tests/test_store_derived.py holds the two equal)."""
    from parley.store.read.common import COOPERATIVE

    pairs: dict[str, list] = {}
    facets: dict[str, list] = {}
    for chunk in _chunks(event_ids):
        for event_id, *row in conn.execute(_PAIRS_OF, {"ids": chunk}):
            pairs.setdefault(event_id, []).append(row)
        for event_id, *row in conn.execute(_FACETS_ROWS_OF, {"ids": chunk}):
            facets.setdefault(event_id, []).append(row)
    found: dict[str, dict] = {tally.table.name: {} for tally in TALLIES}

    def add(name: str, key: tuple, *counts: int) -> None:
        total = found[name].setdefault(key, [0] * len(counts))
        for k, n in enumerate(counts):
            total[k] += n

    for event_id in pairs.keys() | facets.keys():
        faced = set()
        for source, target, kind, day in pairs.get(event_id, ()):
            coop = int(kind in COOPERATIVE)
            add("pair_counts", (source, target), 1, coop)
            if day is not None:
                add("pair_months", (day[:7], source, target), 1, coop)
            for facet, value, *_ in facets.get(event_id, ()):
                add("facet_pairs", (facet, value, source, target), 1, coop)
            faced |= {(source, target, coop), (target, source, coop)}
        for actor, other, coop in faced:
            add("actor_partners", (actor, other), 1, coop)
        for facet, value, kind, status, day in facets.get(event_id, ()):
            add("facet_days", (facet, value, day or "", kind, status), 1)
    return found


def _add(conn: Connection, tally: Tally, before: dict, after: dict) -> None:
    """Add after - before to the tally's rows (one upsert for the batch) and drop the rows left at zero."""
    rows, shrunk = [], []
    for key in before.keys() | after.keys():
        old, new = before.get(key) or [0] * len(tally.counts), after.get(key) or [0] * len(tally.counts)
        change = [b - a for a, b in zip(old, new)]
        if any(change):
            rows.append({**dict(zip(tally.keys, key)), **dict(zip(tally.counts, change))})
            if change[0] < 0:
                shrunk.append({"k_" + k: v for k, v in zip(tally.keys, key)})
    upsert, gone = _statements(tally, conn.dialect.name)
    if rows:
        conn.execute(upsert, rows)
    if shrunk:
        conn.execute(gone, shrunk)


def recount(conn: Connection, tally: Tally) -> None:
    """Recompute a tally's whole table from the base tables (after a bulk load or a migration)."""
    conn.execute(delete(tally.table))
    conn.execute(insert(tally.table).from_select((*tally.keys, *tally.counts), tally.of()))


def _position_months_select():
    month = func.substr(positions.c.date, 1, 7)
    return (select(positions.c.actor_id, positions.c.issue, month, func.count(),
                   func.sum(case((positions.c.shift == 1, 1), else_=0)))
            .group_by(positions.c.actor_id, positions.c.issue, month))


_POSITION_MONTHS_DELETE = delete(position_months).where(
    position_months.c.actor_id.in_(bindparam("ids", expanding=True)),
    position_months.c.issue.in_(bindparam("issues", expanding=True)))
_POSITION_MONTHS_INSERT = insert(position_months).from_select(
    ("actor_id", "issue", "month", "positions", "shifts"),
    _position_months_select().where(positions.c.actor_id.in_(bindparam("ids", expanding=True)),
                                    positions.c.issue.in_(bindparam("issues", expanding=True))))


def refresh_position_months(conn: Connection, keys: Iterable[tuple[str, str]] | None = None) -> None:
    """Recompute position_months for these (actor id, issue) pairs, or for all when None (after their shifts:
    a late article changes the shifts of later positions, so a pair's months are counted again, not added to)."""
    columns = ("actor_id", "issue", "month", "positions", "shifts")
    if keys is None:
        conn.execute(delete(position_months))
        conn.execute(insert(position_months).from_select(columns, _position_months_select()))
        return
    # every (actor, issue) of the chunk's actors and issues is recomputed: a few more rows than the pairs asked
    # for, from two cached statements instead of an OR per pair built on every write
    for chunk in _chunks(keys, 200):
        ids, issues = sorted({a for a, _ in chunk}), sorted({i for _, i in chunk})
        conn.execute(_POSITION_MONTHS_DELETE, {"ids": ids, "issues": issues})
        conn.execute(_POSITION_MONTHS_INSERT, {"ids": ids, "issues": issues})


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


FACET_COLUMNS = ("event_id", "kind", "value", "type", "status", "date")


def _facets_select(event_ids=None):
    """(event id, kind, value, type, status, date) of each event's facets (of these events, else all): the sets
    store/read/events.py's EventFilter selects by actor (any role or one), country and issue."""
    ea, m, p = event_actors, event_mentions, positions
    of_events = [] if event_ids is None else [events.c.id.in_(event_ids)]

    def facet(kind, value):
        return (events.c.id, literal(kind, String).label("kind") if isinstance(kind, str) else kind,
                cast(value, String).label("value"), events.c.type, events.c.status, events.c.date)

    with_actors = events.join(ea, ea.c.event_id == events.c.id)
    roles = select(*facet(ea.c.role, ea.c.actor_id)).select_from(with_actors).where(*of_events)
    any_role = select(*facet("actor", ea.c.actor_id)).select_from(with_actors).where(*of_events).distinct()
    countries = union(
        select(*facet("country", events.c.location_country)).where(events.c.location_country.is_not(None),
                                                                   *of_events),
        select(*facet("country", actors.c.country)).select_from(with_actors.join(actors, actors.c.id == ea.c.actor_id))
        .where(actors.c.country.is_not(None), *of_events)).subquery("countries")
    # "events reported in a sentence that states a position on the issue"
    same_sentence = and_(p.c.article_id == m.c.article_id,
                         p.c.span_start < func.coalesce(m.c.sentence_end, m.c.span_end),
                         p.c.span_end > func.coalesce(m.c.sentence_start, m.c.span_start))
    issues = (select(*facet("issue", p.c.issue)).select_from(events.join(m, m.c.event_id == events.c.id)
                                                              .join(p, same_sentence))
              .where(*of_events).distinct())
    return union_all(roles, any_role, select(countries), issues)


#: built once: the writer runs it for every batch (an expanding parameter keeps its compiled form cached)
_FACETS_OF = insert(event_facets).from_select(FACET_COLUMNS, _facets_select(bindparam("ids", expanding=True)))


def refresh_facets(conn: Connection, event_ids: Iterable[str] | None = None) -> None:
    """Recompute event_facets for these events (gone ones lose their rows), or for every event when None."""
    if event_ids is None:
        conn.execute(delete(event_facets))
        conn.execute(insert(event_facets).from_select(FACET_COLUMNS, _facets_select()))
        return
    for chunk in _chunks(event_ids):
        conn.execute(delete(event_facets).where(event_facets.c.event_id.in_(chunk)))
        conn.execute(_FACETS_OF, {"ids": chunk})


def _present(conn: Connection) -> tuple[bool, bool]:
    """(whether event_facets, pair_months and position_months exist (versions 17 and 18), whether the tallies of
    version 20 do): a migration before them that rewrites events (version 13 merges every report again) runs
    without them, and they are recounted whole when they are added. Remembered per connection once both hold."""
    if conn.info.get("parley_read_tables"):
        return True, True
    from sqlalchemy import inspect

    found = inspect(conn)
    present = found.has_table("position_months"), found.has_table("actor_partners")
    if all(present):
        conn.info["parley_read_tables"] = True
    return present


def refresh(conn: Connection, *, event_ids: Iterable[str] = (), actor_ids: Iterable[str] = (),
            position_keys: Iterable[tuple[str, str]] = (), dates: Iterable[str | None] = ()) -> None:
    """Bring the derived data up to date after a write, in the caller's transaction: `event_ids` are the events
    written, rewritten or deleted; `actor_ids` the actors whose events, claims or positions may have changed
    (the actors of `event_ids` as stored now are added here, so pass those the events had before);
    `position_keys` the (actor id, issue) pairs that got new positions; `dates` those the events had before
    (`dates_of`; their dates as stored now are added here)."""
    event_ids, position_keys = set(event_ids), set(position_keys)
    actor_ids = set(actor_ids) | {actor for actor, _ in position_keys}
    later, tallied = _present(conn)
    if tallied:  # what the events counted for, as event_pairs and event_facets held them before
        before = _contributions(conn, event_ids)
    refresh_pairs(conn, event_ids)
    if later:
        refresh_facets(conn, event_ids)
    if tallied:
        after = _contributions(conn, event_ids)
        for tally in TALLIES:
            _add(conn, tally, before[tally.table.name], after[tally.table.name])
    refresh_day_counts(conn, set(dates) | dates_of(conn, event_ids))
    actor_ids |= actors_of(conn, event_ids)
    refresh_shifts(conn, position_keys)
    if later:
        refresh_position_months(conn, position_keys)
    refresh_actor_counts(conn, actor_ids)


def rebuild(conn: Connection) -> None:
    """Recompute all derived data from the base tables (after a bulk load or a migration)."""
    later, tallied = _present(conn)
    refresh_pairs(conn)
    if later:
        refresh_facets(conn)
    for tally in TALLIES if tallied else ():
        recount(conn, tally)
    refresh_day_counts(conn)
    refresh_shifts(conn)
    if later:
        refresh_position_months(conn)
    refresh_actor_counts(conn)


def actors_of(conn: Connection, event_ids: Iterable[str]) -> set[str]:
    """The actors these events have as stored now (a writer asks before it rewrites them)."""
    return _found(conn, event_actors.c.event_id, event_ids, event_actors.c.actor_id)


__all__ = ["BASE_COLUMNS", "DERIVED", "TALLIES", "Tally", "actors_of", "annotated", "dates_of", "rebuild", "recount",
           "refresh", "refresh_actor_counts", "refresh_day_counts", "refresh_facets", "refresh_pairs",
           "refresh_position_months", "refresh_shifts"]
