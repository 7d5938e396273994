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
- `position_type_months` (version 27): the same per type of the events the positions' articles report: the
  stance matrix of one event type.
- `day_counts`: events counted per day, type and status: the dashboard's charts of the corpus or a date range.
- `place_days` (version 27, a tally): events with a place or a country counted per day, country and mappable
  place: the dashboard's map.
- `actor_counts`: each actor's events (any role, as source, as target), claims and positions: the actor list
  reads one row per actor instead of counting event_actors, event_mentions and positions on every request.
- `event_facets`: each event under each actor (any role, as source, as target), country (an actor's or the
  place's) and negotiating issue (a position stated in a sentence reporting it), with its type, status and date:
  the event filters on those walk one index range, in date order, and count without touching `events`.
- the positions' `last_in_article`, `previous_stance` and `shift`: the shift rule (store/read/positions.py,
  `annotated`: the stance's leaning, for, against or conditional, changed) is applied when positions are written,
  not on every read.

All of it is computed from the base tables alone, so `rebuild` gives exactly what the writer's incremental
`refresh` calls gave. The counts per dyad, month, facet and partner are tallies (store/tallies.py): the writer
adds what the events of a batch contribute now and takes away what they contributed before, which costs the same
however large the corpus is; the others are recomputed for the ids, dates or keys a batch touched. Whoever writes
events, event actors, reports or positions calls `refresh` in the same transaction (store/write.py does; bulk
loads and the migration that introduced these tables call `rebuild`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import (
    Connection,
    String,
    and_,
    bindparam,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    select,
    union,
    union_all,
    update,
)

from parley.records import STANCE_LEANING
from parley.store import tallies
from parley.store.rows import literal_rows
from parley.store.schema import (
    actor_counts,
    actors,
    articles,
    day_counts,
    event_actors,
    event_facets,
    event_mentions,
    event_pairs,
    events,
    position_months,
    position_type_months,
    positions,
)

CHUNK = 500

#: the positions' own columns; last_in_article, previous_stance and shift are derived from them (`annotated`)
DERIVED = ("last_in_article", "previous_stance", "shift")
BASE_COLUMNS = tuple(c for c in positions.c if c.name not in DERIVED)


def annotated(keys: list[tuple[str, str]] | None = None, bounds: dict[tuple[str, str], str] | None = None,
              conn: Connection | None = None):
    """A subquery of positions (of these (actor id, issue) pairs, else all) with `published`, `last_in_article`
    (1 for the last stance its article states) and, on those last stances, `previous_stance` (the previous
    article's) and `shift`: the shift rule. store/derived.py stores its result in the positions' own columns
    of the same names when positions are written (`refresh_shifts`); store/read/positions.py reads those.

    `bounds` {pair: day}: of those pairs, only the positions dated `day` or later and the undated ones, whose
    `last_in_article` is then the stored one where there is one (an article's positions are written once, so a
    stored value stays right, and an article may have positions before `day`): the values are right for the
    positions after the stances of `day` (`refresh_shifts` writes no others). With `keys`, `conn` says the
    dialect the pairs are written for: they are one list of rows (store/rows.py's `literal_rows`), so the
    statement is the same for every batch and compiled once (an OR of a term per pair was compiled anew for
    each: 40 % of the shift upkeep's CPU)."""
    bounds = bounds or {}
    # only what the rule reads: the evidence and condition texts would be carried through three sorts
    needed = [positions.c[name] for name in ("id", "actor_id", "issue", "stance", "article_id", "date",
                                             "span_start", "last_in_article")]
    picked = select(*needed, articles.c.published).join(articles, articles.c.id == positions.c.article_id)
    if keys is not None:
        # each pair's dated positions from its day on ('' for all of them) and its undated ones: two ranges of
        # ix_positions_actor_issue per pair
        wanted = literal_rows(conn, [(a, i, bounds.get((a, i), "")) for a, i in keys], ("actor_id", "issue", "low"))
        pair = and_(positions.c.actor_id == wanted.c.actor_id, positions.c.issue == wanted.c.issue)
        picked = union_all(picked.join(wanted, and_(pair, positions.c.date >= wanted.c.low)),
                           picked.join(wanted, and_(pair, positions.c.date.is_(None))))
    rows = picked.subquery("picked")
    within = func.row_number().over(partition_by=[rows.c.actor_id, rows.c.issue, rows.c.article_id],
                                    order_by=[rows.c.span_start.desc(), rows.c.id.desc()])
    if bounds:
        within = func.coalesce(rows.c.last_in_article, within)
    base = select(*(rows.c[name] for name in ("id", "actor_id", "issue", "stance", "article_id", "date",
                                              "published")), within.label("last_in_article")).subquery("base")
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


def _position_months_select(by_type: bool = False, last_day: bool = True):
    """positions counted per (actor, issue, month), with their shifts and (`last_day`) their latest date;
    `by_type`: per type of the events their articles report too (a position counts once under each type its
    article reports)."""
    month = func.substr(positions.c.date, 1, 7)
    if not by_type:
        return (select(positions.c.actor_id, positions.c.issue, month, func.count(),
                       func.sum(case((positions.c.shift == 1, 1), else_=0)),
                       *([func.max(positions.c.date)] if last_day else []))
                .group_by(positions.c.actor_id, positions.c.issue, month))
    # each position once per type: its article's reports of that type are counted apart, then folded
    of_type = (select(positions.c.id, positions.c.actor_id, positions.c.issue, positions.c.date, positions.c.shift,
                      events.c.type)
               .select_from(positions.join(event_mentions, event_mentions.c.article_id == positions.c.article_id)
                            .join(events, events.c.id == event_mentions.c.event_id))
               .distinct())
    return of_type


def _cells_select(by_type: bool, where: list, last_day: bool = True):
    """`_position_months_select` of the positions meeting `where`: rows (type if by_type, actor id, issue, month,
    positions, shifts, and with `last_day` the latest date)."""
    if not by_type:
        return _position_months_select(last_day=last_day).where(*where)
    rows = _position_months_select(by_type=True).where(*where).subquery("typed")
    month = func.coalesce(func.substr(rows.c.date, 1, 7), "")  # a key: '' for undated positions
    return (select(rows.c.type, rows.c.actor_id, rows.c.issue, month, func.count(),
                   func.sum(case((rows.c.shift == 1, 1), else_=0)), *([func.max(rows.c.date)] if last_day else []))
            .group_by(rows.c.type, rows.c.actor_id, rows.c.issue, month))


MONTH_COLUMNS = ("actor_id", "issue", "month", "positions", "shifts")


def keeps_last_day(conn: Connection) -> bool:
    """Whether position_months and position_type_months have their `last_day` column (version 30): the
    migrations before it recount those tables without it. Remembered per connection once it holds."""
    if conn.info.get("parley_last_day"):
        return True
    from sqlalchemy import inspect

    found = inspect(conn)
    kept = found.has_table("position_type_months") and any(
        c["name"] == "last_day" for c in found.get_columns("position_type_months"))
    if kept:
        conn.info["parley_last_day"] = True
    return kept


def refresh_position_months(conn: Connection, keys: Iterable[tuple[str, str]] | None = None,
                            cells: Iterable[tuple[str, str, str | None]] = (), by_type: bool = False) -> None:
    """Recompute position_months (with `by_type`, position_type_months) for these (actor id, issue) pairs, or
    for all when None and no `cells` are given, and for these (actor id, issue, month or None) cells (after
    their shifts: a late article changes the shifts of later positions, so a pair's months are counted again,
    not added to)."""
    table = position_type_months if by_type else position_months
    last_day = keeps_last_day(conn)
    columns = (("type",) if by_type else ()) + MONTH_COLUMNS + (("last_day",) if last_day else ())

    if keys is None and not cells:
        conn.execute(delete(table))
        conn.execute(insert(table).from_select(columns, _cells_select(by_type, [], last_day)))
        return
    p = positions
    # every (actor, issue) of the chunk's actors and issues is recomputed: a few more rows than the pairs asked
    # for, from two statements instead of an OR per pair built on every write
    for chunk in _chunks(keys or (), 200):
        ids, issues = sorted({a for a, _ in chunk}), sorted({i for _, i in chunk})
        conn.execute(delete(table).where(table.c.actor_id.in_(ids), table.c.issue.in_(issues)))
        conn.execute(insert(table).from_select(columns, _cells_select(by_type, [p.c.actor_id.in_(ids),
                                                                                p.c.issue.in_(issues)], last_day)))
    # the cells: their months, from the first to the last, of every (actor, issue) of their actors and issues
    dated = [(a, i, m) for a, i, m in cells if m is not None]
    for chunk in _chunks(dated, 200):
        ids, issues, months = (sorted({cell[k] for cell in chunk}) for k in range(3))
        mine = [p.c.actor_id.in_(ids), p.c.issue.in_(issues)]
        conn.execute(delete(table).where(table.c.actor_id.in_(ids), table.c.issue.in_(issues),
                                         table.c.month.in_(months)))
        conn.execute(insert(table).from_select(columns, _cells_select(by_type, [
            *mine, p.c.date >= months[0] + "-01", p.c.date <= months[-1] + "-99",
            func.substr(p.c.date, 1, 7).in_(months)], last_day)))
    undated = sorted({(a, i) for a, i, m in cells if m is None})
    for chunk in _chunks(undated, 200):
        ids, issues = sorted({a for a, _ in chunk}), sorted({i for _, i in chunk})
        conn.execute(delete(table).where(table.c.actor_id.in_(ids), table.c.issue.in_(issues),
                                         table.c.month.is_(None)))
        conn.execute(insert(table).from_select(columns, _cells_select(by_type, [
            p.c.actor_id.in_(ids), p.c.issue.in_(issues), p.c.date.is_(None)], last_day)))


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


def _claims_upsert(dialect: str):
    """An upsert of the claims and positions of the stored actors among `ids` into actor_counts: a new actor's
    row is made with 0 events (the ACTOR_COUNTS tally adds its events after)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert
    claims = select(func.count()).where(event_mentions.c.claimed_by_actor_id == actors.c.id).scalar_subquery()
    held = select(func.count()).where(positions.c.actor_id == actors.c.id).scalar_subquery()
    rows = select(actors.c.id, literal(0), literal(0), literal(0), claims, held).where(
        actors.c.id.in_(bindparam("ids", expanding=True)))
    statement = upsert(actor_counts).from_select(COUNT_COLUMNS, rows)
    return statement.on_conflict_do_update(index_elements=[actor_counts.c.actor_id], set_={
        "claims": statement.excluded.claims, "positions": statement.excluded.positions})


def refresh_actor_claims(conn: Connection, actor_ids: Iterable[str]) -> None:
    """Recount the claims and positions of these actors in actor_counts (the row of one no longer stored is
    deleted); their events are the ACTOR_COUNTS tally's, added to by `refresh`, not recounted: a busy actor's
    events counted again on every batch cost 27 ms of CPU each at a million events."""
    upsert = _claims_upsert(conn.dialect.name)
    for chunk in _chunks(actor_ids):
        conn.execute(upsert, {"ids": chunk})
        conn.execute(delete(actor_counts).where(actor_counts.c.actor_id.in_(chunk), actor_counts.c.actor_id.not_in(
            select(actors.c.id).where(actors.c.id.in_(chunk)))))


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


@dataclass(frozen=True)
class Change:
    """A position whose shift values `refresh_shifts` changed: its pair, date and article, whether it is new (it
    had none), and its shift before and now (0 or 1)."""

    actor_id: str
    issue: str
    date: str | None
    article_id: str
    new: bool
    shift_before: int
    shift: int


def _bounds(conn: Connection, since: dict[tuple[str, str], str | None]) -> dict[tuple[str, str], str]:
    """{pair: the day of the latest last stance of an article dated before `since[pair]`}, for the pairs that
    have one: positions dated `since[pair]` or later cannot change the shift values of those before (the rule
    orders by date first), and the stance just before them is on that day. One statement, one index walk per
    pair (a statement per pair cost more in the driver than in the walk)."""
    dated = [(actor_id, issue, day) for (actor_id, issue), day in since.items() if day is not None]
    if not dated:
        return {}
    wanted = literal_rows(conn, dated, ("actor_id", "issue", "day"))
    before = (select(func.max(positions.c.date))
              .where(positions.c.actor_id == wanted.c.actor_id, positions.c.issue == wanted.c.issue,
                     positions.c.date < wanted.c.day, positions.c.last_in_article == 1).scalar_subquery())
    return {(actor_id, issue): day for actor_id, issue, day in
            conn.execute(select(wanted.c.actor_id, wanted.c.issue, before)) if day is not None}


def refresh_shifts(conn: Connection, keys: Iterable[tuple[str, str]] | None = None,
                   since: dict[tuple[str, str], str | None] | None = None) -> list[Change]:
    """Recompute the positions' last_in_article, previous_stance and shift for these (actor id, issue) pairs
    (all of their positions: a new article can change the previous stance of later ones), or for all when None.
    `since` {pair: day}: the pair only gained positions (whole articles), dated `day` or later (None: one is
    undated): only its positions from the last stance before that day on are read. Returns the positions whose
    values changed (new positions' included): what position_months and position_type_months take from them."""
    since = since or {}
    changes: list[Change] = []

    def apply(chunk: list[tuple[str, str]] | None) -> None:
        bounds = _bounds(conn, {key: since[key] for key in chunk if key in since}) if chunk else {}
        pp = annotated(keys=chunk, bounds=bounds, conn=conn)
        # read, then write only the rows whose values change (a new article changes few of a pair's
        # positions): SQLite ran UPDATE ... FROM this subquery as a nested loop over the pair's positions
        now = select(pp.c.id, *(pp.c[name] for name in DERIVED), *(positions.c[name] for name in DERIVED),
                     pp.c.actor_id, pp.c.issue, pp.c.date, pp.c.article_id).join(positions, positions.c.id == pp.c.id)
        changed = []
        for row in conn.execute(now).all():  # fetched at once: row by row cost a driver call each
            actor_id, issue, day, article_id = row[7:11]
            if (actor_id, issue) in bounds and day is not None and day < since[(actor_id, issue)]:
                continue  # before the new positions: unchanged, and read without the stances before them
            if tuple(row[1:4]) != tuple(row[4:7]):
                changed.append({"key": row[0], **dict(zip(DERIVED, row[1:4]))})
                changes.append(Change(actor_id, issue, day, article_id, row[4] is None, int(row[6] or 0),
                                      int(row[3] or 0)))
        if changed:
            conn.execute(update(positions).where(positions.c.id == bindparam("key"))
                         .values({name: bindparam(name) for name in DERIVED}), changed)

    if keys is None:
        apply(None)
        return changes
    for chunk in _chunks(keys, 200):
        apply(chunk)
    return changes


_ARTICLE_TYPES = (select(event_mentions.c.article_id, events.c.type)
                  .join(events, events.c.id == event_mentions.c.event_id)
                  .where(event_mentions.c.article_id.in_(bindparam("ids", expanding=True))).distinct())


def article_types(conn: Connection, article_ids: Iterable[str]) -> dict[str, frozenset[str]]:
    """The types of the events each of these articles reports as stored now (articles reporting none left out):
    what position_type_months counts their positions under. A writer asks before it rewrites events, since a
    regrouped event may change type (its family's types: "a ceasefire agreed" joined by two reports of "the
    truce took effect" becomes RETREAT), and so the types of every article with a report in it."""
    found: dict[str, set[str]] = {}
    for chunk in _chunks(article_ids):
        for article_id, kind in conn.execute(_ARTICLE_TYPES, {"ids": chunk}).all():
            found.setdefault(article_id, set()).add(kind)
    return {article_id: frozenset(kinds) for article_id, kinds in found.items()}


_POSITION_CELLS = (select(positions.c.actor_id, positions.c.issue, func.substr(positions.c.date, 1, 7))
                   .where(positions.c.article_id.in_(bindparam("ids", expanding=True))).distinct())


def _retyped_cells(conn: Connection, types_before: dict[str, frozenset[str]]) -> set[tuple]:
    """The (actor id, issue, month) cells of the positions of the articles whose types changed since
    `types_before` (`article_types`, asked before the write)."""
    now = article_types(conn, types_before)
    retyped = [a for a, kinds in types_before.items() if now.get(a, frozenset()) != kinds]
    return {tuple(row) for chunk in _chunks(retyped) for row in conn.execute(_POSITION_CELLS, {"ids": chunk})}


def add_position_types(conn: Connection, changes: Iterable[Change]) -> None:
    """Add to position_type_months what these changes (`refresh_shifts`'s, of pairs that only gained positions)
    make of its cells: a new position counts under each type its article reports, a shift that came or went
    changes its cells' shifts. One look-up of the articles' types and one upsert (store/tallies.py's `add`)."""
    changes = list(changes)
    types: dict[str, set[str]] = {}
    for chunk in _chunks({c.article_id for c in changes}):
        for article_id, kind in conn.execute(_ARTICLE_TYPES, {"ids": chunk}).all():
            types.setdefault(article_id, set()).add(kind)
    last_day = keeps_last_day(conn)
    found: dict[tuple, list] = {}
    for c in changes:
        for kind in types.get(c.article_id, ()):
            counts = found.setdefault((kind, c.actor_id, c.issue, (c.date or "")[:7]), [0, 0, None])
            counts[0] += int(c.new)
            counts[1] += c.shift - c.shift_before
            if c.new and c.date and (counts[2] is None or c.date > counts[2]):
                counts[2] = c.date  # a cell's latest day only moves with its new positions
    tally = tallies.POSITION_TYPE_MONTHS if last_day else tallies.POSITION_TYPE_MONTHS_27
    tallies.add(conn, tally, {}, found if last_day else {key: counts[:2] for key, counts in found.items()})


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


def _present(conn: Connection) -> tuple[bool, bool, bool]:
    """(whether event_facets, pair_months and position_months exist (versions 17 and 18), whether the tallies of
    version 20 do, whether place_days and position_type_months do (version 27)): a migration before them that
    rewrites events (version 13 merges every report again) runs without them, and they are recounted whole when
    they are added. Remembered per connection once all hold."""
    if conn.info.get("parley_read_tables"):
        return True, True, True
    from sqlalchemy import inspect

    found = inspect(conn)
    present = (found.has_table("position_months"), found.has_table("actor_partners"),
               found.has_table("position_type_months"))
    if all(present):
        conn.info["parley_read_tables"] = True
    return present


def table_kept(conn: Connection, name: str) -> bool:
    """Whether the derived table `name` is there (a store not yet upgraded may lack it); remembered per
    connection once it is, since a table once made stays."""
    remembered = conn.info.setdefault("parley_tables_kept", set())
    if name in remembered:
        return True
    from sqlalchemy import inspect

    if inspect(conn).has_table(name):
        remembered.add(name)
        return True
    return False


def _facet_months_kept(conn: Connection) -> bool:
    """Whether facet_months is there (version 31)."""
    return table_kept(conn, "facet_months")


def _day_types_kept(conn: Connection) -> bool:
    """Whether facet_day_types is there (version 34)."""
    return table_kept(conn, "facet_day_types")


def counted_before(conn: Connection, event_ids: Iterable[str]) -> dict:
    """What these events count for in the tallies now ({table name: {key: [counts]}}, store/tallies.py), read
    from event_pairs, event_facets and events: the writer asks it before it deletes or rewrites them and hands
    it to `refresh`."""
    _, tallied, placed = _present(conn)
    return tallies.contributions(conn, set(event_ids), places=placed, months=_facet_months_kept(conn),
                                 day_types=_day_types_kept(conn)) if tallied else {}


def earliest_dates(position_rows: Iterable[dict]) -> dict[tuple[str, str], str | None]:
    """{(actor id, issue): the earliest date of these new positions (None when one is undated)}: what `refresh`
    takes as `position_dates` from a writer that adds articles."""
    found: dict[tuple[str, str], str | None] = {}
    for row in position_rows:
        key, day = (row["actor_id"], row["issue"]), row["date"]
        if key not in found:
            found[key] = day
        elif found[key] is not None:
            found[key] = None if day is None else min(found[key], day)
    return found


def refresh(conn: Connection, *, event_ids: Iterable[str] = (), actor_ids: Iterable[str] = (),
            position_keys: Iterable[tuple[str, str]] = (), dates: Iterable[str | None] = (),
            counted: dict | None = None, position_dates: dict[tuple[str, str], str | None] | None = None,
            types_before: dict[str, frozenset[str]] | None = None) -> None:
    """Bring the derived data up to date after a write, in the caller's transaction: `event_ids` are the events
    written, rewritten or deleted; `actor_ids` the actors whose events, claims or positions may have changed
    (the actors of `event_ids` as stored now are added here, so pass those the events had before);
    `position_keys` the (actor id, issue) pairs that got new or lost positions; `dates` those the events had
    before (`dates_of`; their dates as stored now are added here); `counted` what the events counted for in the
    tallies before the write (`counted_before`, asked before any of them is deleted: deleting an event deletes
    its event_pairs and event_facets rows, so its share could not be taken away after); `position_dates`
    (`earliest_dates`): the pairs of `position_keys` only gained positions (a writer adding articles), dated
    from these days on, so their shifts are recomputed from those days on, and their cells per month, and per
    month and type, recounted or added to only where positions changed, not recounted whole. `types_before`
    (`article_types`, asked before the write): the stored articles with a report in a rewritten event, and the
    types they reported: those whose types changed have their positions' cells per month and type recounted, so
    position_type_months is what `rebuild` gives whatever order the articles came in."""
    event_ids, position_keys = set(event_ids), set(position_keys)
    actor_ids = set(actor_ids) | {actor for actor, _ in position_keys}
    later, tallied, placed = _present(conn)
    months, day_types = _facet_months_kept(conn), _day_types_kept(conn)
    if tallied:  # what the events counted for, as event_pairs and event_facets held them before the write
        before = (counted if counted is not None
                  else tallies.contributions(conn, event_ids, places=placed, months=months, day_types=day_types))
    refresh_pairs(conn, event_ids)
    if later:
        refresh_facets(conn, event_ids)
    if tallied:
        after = tallies.contributions(conn, event_ids, places=placed, months=months, day_types=day_types)
        for tally in (*tallies.TALLIES, *([tallies.PLACE_DAYS] if placed else ()),
                      *([tallies.FACET_MONTHS] if months else ()), *([tallies.FACET_DAY_TYPES] if day_types else ())):
            tallies.add(conn, tally, before[tally.table.name], after[tally.table.name])
    if tallied:  # the dated cells added to; the undated events' cell (a NULL key) recounted
        tallies.add(conn, tallies.DAY_COUNTS, before.get("day_counts", {}), after["day_counts"])
        refresh_day_counts(conn, {None} & (set(dates) | dates_of(conn, event_ids)))
    else:
        refresh_day_counts(conn, set(dates) | dates_of(conn, event_ids))
    actor_ids |= actors_of(conn, event_ids)
    changes = refresh_shifts(conn, position_keys, since=position_dates)
    # pairs that lost positions are recounted whole: their deleted positions are among no changes
    whole, changes = (set(), changes) if position_dates is not None else (position_keys, [])
    if later:
        refresh_position_months(conn, whole, {(c.actor_id, c.issue, c.date[:7] if c.date else None)
                                              for c in changes})
    if placed:
        refresh_position_months(conn, whole, by_type=True)
        add_position_types(conn, changes)
        retyped = _retyped_cells(conn, types_before) if types_before else set()
        if retyped:  # recounted from the base tables, after what add_position_types added
            refresh_position_months(conn, (), retyped, by_type=True)
    if tallied and later:  # events per actor added to (its rows made first), claims and positions recounted
        refresh_actor_claims(conn, actor_ids)
        tallies.add(conn, tallies.ACTOR_COUNTS, before.get("actor_counts", {}), after["actor_counts"])
    else:
        refresh_actor_counts(conn, actor_ids)


def rebuild(conn: Connection) -> None:
    """Recompute all derived data from the base tables (after a bulk load or a migration)."""
    later, tallied, placed = _present(conn)
    refresh_pairs(conn)
    if later:
        refresh_facets(conn)
    for tally in tallies.TALLIES if tallied else ():
        tallies.recount(conn, tally)
    if placed:
        tallies.recount(conn, tallies.PLACE_DAYS)
    if _facet_months_kept(conn):
        tallies.recount(conn, tallies.FACET_MONTHS)
    if _day_types_kept(conn):
        tallies.recount(conn, tallies.FACET_DAY_TYPES)
    refresh_day_counts(conn)
    refresh_shifts(conn)
    if later:
        refresh_position_months(conn)
    if placed:
        refresh_position_months(conn, by_type=True)
    refresh_actor_counts(conn)


def actors_of(conn: Connection, event_ids: Iterable[str]) -> set[str]:
    """The actors these events have as stored now (a writer asks before it rewrites them)."""
    return _found(conn, event_actors.c.event_id, event_ids, event_actors.c.actor_id)


def events_of(conn: Connection, actor_ids: Iterable[str]) -> set[str]:
    """The stored events these actors are a source or target of (a writer asks when it changes their country)."""
    return _found(conn, event_actors.c.actor_id, actor_ids, event_actors.c.event_id)


__all__ = ["BASE_COLUMNS", "DERIVED", "actors_of", "events_of", "annotated", "article_types", "dates_of", "earliest_dates", "rebuild", "table_kept",
           "refresh", "refresh_actor_counts", "refresh_day_counts", "refresh_facets", "refresh_pairs",
           "refresh_position_months", "refresh_shifts"]
