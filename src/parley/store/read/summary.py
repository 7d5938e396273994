"""The dashboard's charts: events per day, type and status, the busiest dyads, and the corpus's counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, and_, case, func, literal, select, true, union_all

from parley.store.derived import table_kept
from parley.store.read.common import COOPERATIVE, actors_by_id, quad, stored_rows, whole_months
from parley.store.read.events import EventFilter, facet_cells
from parley.store.schema import (
    actors,
    articles,
    day_counts,
    event_mentions,
    event_pairs,
    events,
    facet_day_types,
    facet_days,
    facet_pairs,
    pair_counts,
    pair_months,
    position_months,
)


def _top_pairs(conn: Connection, flt: EventFilter, top: int) -> list:
    """The `top` busiest (source, target) pairs of the events `flt` selects: rows (src_id, tgt_id, n, coop),
    most events first. Unfiltered, they are read from pair_counts; of a date range, summed from pair_months;
    of one actor, country or issue, read from facet_pairs (store/derived.py keeps all three with their
    cooperative counts); otherwise counted from event_pairs."""
    p = event_pairs
    months = None if flt.types or flt.statuses or flt.narrows() else whole_months(flt.since, flt.until)
    if months:
        return _top_pairs_by_month(conn, flt, months, top)
    facet = flt.single_facet()
    if facet and not flt._own(events.c):
        fp = facet_pairs
        return _busiest(conn, select(fp.c.source_id, fp.c.target_id, fp.c.events, fp.c.cooperative)
                        .where(fp.c.kind == facet[0], fp.c.value == facet[1]), top)
    if flt._own(events.c) or flt.narrows():
        # (event, source, target) is event_pairs' primary key, so plain counts count events
        return _busiest(conn, select(p.c.source_id, p.c.target_id, literal(1).label("events"),
                                     case((p.c.type.in_(COOPERATIVE), 1), else_=0).label("cooperative"))
                        .where(*flt.pair_conditions(conn)), top)
    c = pair_counts
    return [Pair(*row) for row in conn.execute(
        select(c.c.source_id, c.c.target_id, c.c.events, c.c.cooperative)
        .order_by(c.c.events.desc(), c.c.source_id, c.c.target_id).limit(top))]


def _busiest(conn: Connection, counted, top: int) -> list:
    """The `top` pairs of `counted` (rows of source_id, target_id, events, cooperative), summed per pair."""
    rows = counted.subquery("counted")
    n = func.sum(rows.c.events)
    return [Pair(s, t, int(k), int(coop or 0)) for s, t, k, coop in conn.execute(
        select(rows.c.source_id, rows.c.target_id, n, func.sum(rows.c.cooperative))
        .group_by(rows.c.source_id, rows.c.target_id).order_by(n.desc(), rows.c.source_id, rows.c.target_id)
        .limit(top))]


def _top_pairs_by_month(conn: Connection, flt: EventFilter, months: tuple[str | None, str | None], top: int) -> list:
    """`_top_pairs` of a date range: whole months summed from pair_months (store/derived.py), the days before
    and after them counted from event_pairs."""
    p, pm = event_pairs, pair_months
    first, last = months
    parts = [select(pm.c.source_id, pm.c.target_id, pm.c.events, pm.c.cooperative)
             .where(*([pm.c.month >= first] if first else []), *([pm.c.month <= last] if last else []))]
    day = (p.c.source_id, p.c.target_id, literal(1).label("events"),
           case((p.c.type.in_(COOPERATIVE), 1), else_=0).label("cooperative"))
    if first and flt.since and flt.since.isoformat()[:7] < first:  # the days before the first whole month
        parts.append(select(*day).where(p.c.date >= flt.since.isoformat(), p.c.date < first + "-01"))
    if last and flt.until and flt.until.isoformat()[:7] > last:  # the days after the last whole month
        parts.append(select(*day).where(p.c.date > last + "-99", p.c.date <= flt.until.isoformat()))
    every = union_all(*parts).subquery("in_range")
    return _busiest(conn, select(every), top)


def has_day_types(conn: Connection) -> bool:
    """Whether the store has facet_day_types (version 34; the read layer serves older stores too)."""
    return table_kept(conn, "facet_day_types")


#: The lengths a chart's bar may have (`summary`'s `step`), each with the longest span in days (first to last
#: dated event) that `auto` draws with it: the dashboard's timeline asks for `auto`, so that a long span comes
#: as a bar per week, month or year rather than a cell per day and type (an answer that grows with the data).
STEPS = {"day": 120, "week": 3 * 366, "month": 25 * 366, "year": None}


def _auto_step(first: str, last: str) -> str:
    """The shortest bar whose span `auto` allows for dated events from `first` to `last`."""
    span = (date.fromisoformat(last) - date.fromisoformat(first)).days
    return next(step for step, most in STEPS.items() if most is None or span <= most)


def _bar_start(step: str):
    """day (YYYY-MM-DD) -> the first day of its bar of `step` (a week starts on Monday)."""
    if step == "week":
        return lambda day: (date.fromisoformat(day) - timedelta(days=date.fromisoformat(day).weekday())).isoformat()
    if step == "month":
        return lambda day: day[:8] + "01"
    if step == "year":
        return lambda day: day[:5] + "01-01"
    return lambda day: day


@dataclass
class Days:
    """by_day's cells and what the summary reads off them: the dated events' count, first and last day."""
    cells: list[dict]
    dated: int
    first: str | None
    last: str | None
    step: str
    undated: int | None = None  # counted apart (`_edges`), else the total less `dated`


def _edges(conn: Connection, table, where, dated_only, n_col) -> Days:
    """`step=none`'s Days: no cells; the first and last day each one seek in the table's date order, the
    undated events counted apart (reading every cell to add them up grew with the data)."""
    day = table.c.date
    first, last = (conn.execute(select(day).where(where, dated_only).order_by(edge).limit(1)).scalar()
                   for edge in (day, day.desc()))
    undated = conn.execute(select(n_col).where(where, ~dated_only)).scalar()
    return Days([], 0, first, last, "none", int(undated or 0))


def _by_day(conn: Connection, cells, by: str, step: str) -> Days:
    """by_day from `cells`: rows (day, type, events) in day and type order, the order the derived tables'
    indexes give them in, as bars of `step`. Fetched at once and turned straight into the answer's items: one
    actor's cells are one per day and type it has events on (10,000 at a million events), and fetching them a
    row at a time, then keying, sorting and copying them cost more than reading them."""
    rows = conn.execute(cells).all()
    dated = sum(n for _, _, n in rows)
    first, last = (rows[0][0], rows[-1][0]) if rows else (None, None)
    if step == "auto":
        step = _auto_step(first, last) if rows else "day"
    if by == "type" and step == "day":
        return Days([{"date": day, "key": kind, "count": int(n)} for day, kind, n in rows], dated, first, last, step)
    starts: dict[str, str] = {}
    start = _bar_start(step)
    folded: dict[tuple[str, str], int] = {}
    for day, kind, n in rows:
        bar = starts.get(day) or starts.setdefault(day, start(day))
        key = (bar, kind if by == "type" else quad(kind))
        folded[key] = folded.get(key, 0) + n
    return Days([{"date": day, "key": key, "count": int(n)} for (day, key), n in sorted(folded.items())],
                dated, first, last, step)


@dataclass(frozen=True)
class Pair:
    src_id: str
    tgt_id: str
    n: int
    coop: int


def summary(conn: Connection, flt: EventFilter, by: str, top_pairs: int, step: str = "day") -> dict:
    """The dashboard's charts for the events `flt` selects: total, undated, first and last date; counts by day
    (or by week, month or year: `step`, `auto` choosing by the span as STEPS says, `none` for no cells) and
    `by` (a PLOVER type, or its quad class), by type and by status; the `top_pairs` busiest (source, target)
    pairs with their cooperative and conflictual counts."""
    # day x type counts walk ix_events_date_type_status; quad classes are folded from them here (a CASE in
    # GROUP BY would sort every event). The total, undated count, first and last day are read off the two
    # groupings rather than counted again.
    table, n_col, dated_only = events, func.count(), events.c.date.is_not(None)
    facet = by_day = None
    if not flt.narrows():
        # conditions on the events' own type, status and date only: the counts per day, type and status that
        # store/derived.py keeps serve (one row per cell, not per event)
        table, n_col, dated_only = day_counts, func.sum(day_counts.c.events), day_counts.c.date.is_not(None)
        where = and_(true(), *flt._own(day_counts.c))
    elif facet := flt.single_facet():
        # one actor, country or issue: the same cells per facet (facet_days; undated events under '', which a
        # date bound leaves out as it does an undated event)
        fd = facet_days
        table, n_col, dated_only = fd, func.sum(fd.c.events), fd.c.date != ""
        where = and_(fd.c.kind == facet[0], fd.c.value == facet[1], *flt._own(fd.c),
                     *([dated_only] if flt.since or flt.until else []))
        if not flt.statuses and step != "none" and has_day_types(conn):
            # the cells per day and type as shown (facet_day_types), not per status too to be added up
            dt = facet_day_types
            by_day = _by_day(conn, select(dt.c.date, dt.c.type, dt.c.events).where(
                dt.c.kind == facet[0], dt.c.value == facet[1], dt.c.date != "", *flt._own(dt.c))
                .order_by(dt.c.date, dt.c.type), by, step)
    else:
        where = and_(true(), *flt.conditions(conn))
    if by_day is None and step == "none":
        by_day = _edges(conn, table, where, dated_only, n_col)
    elif by_day is None:
        by_day = _by_day(conn, select(table.c.date, table.c.type, n_col).where(where, dated_only)
                         .group_by(table.c.date, table.c.type).order_by(table.c.date, table.c.type), by, step)
    by_type: dict[str, int] = {}
    by_status: dict[str, int] = {}
    if facet and table is facet_days:  # per type and status: summed from whole months (`facet_cells`)
        cells = facet_cells(flt, *facet)
        table, n_col, where = cells, func.sum(cells.c.events), true()
    for kind, status, n in conn.execute(
            select(table.c.type, table.c.status, n_col).where(where).group_by(table.c.type, table.c.status)):
        by_type[kind] = by_type.get(kind, 0) + n
        by_status[status] = by_status.get(status, 0) + n
    pair_rows = _top_pairs(conn, flt, top_pairs)
    refs = actors_by_id(conn, [r.src_id for r in pair_rows] + [r.tgt_id for r in pair_rows])
    return {
        "total": sum(by_type.values()),
        "undated": sum(by_type.values()) - by_day.dated if by_day.undated is None else by_day.undated,
        "first": by_day.first, "last": by_day.last, "by": by, "step": by_day.step, "by_day": by_day.cells,
        "by_type": [{"type": t, "quad": quad(t), "count": n}
                    for t, n in sorted(by_type.items(), key=lambda item: (-item[1], item[0]))],
        "by_status": [{"status": s, "count": n}
                      for s, n in sorted(by_status.items(), key=lambda item: (-item[1], item[0]))],
        "pairs": [{"source": refs.get(r.src_id) or {"id": r.src_id, "name": r.src_id},
                   "target": refs.get(r.tgt_id) or {"id": r.tgt_id, "name": r.tgt_id},
                   "count": r.n, "cooperative": int(r.coop or 0), "conflictual": r.n - int(r.coop or 0)}
                  for r in pair_rows],
    }


def counts(conn: Connection) -> dict:
    """How many articles, events, actors, positions and reports the store holds; first and last event date
    (`first`, `last`) and publication day (`published_first`, `published_last`); `estimated`: which of the
    counts are estimates (articles and reports on PostgreSQL above 100,000 rows, common.py's `stored_rows`)."""
    def count(table):
        return conn.execute(select(func.count()).select_from(table)).scalar_one()
    # the events' count and date range from day_counts (store/derived.py): one row per day, type and status
    events_count, first, last = conn.execute(select(func.coalesce(func.sum(day_counts.c.events), 0),
                                                    func.min(day_counts.c.date), func.max(day_counts.c.date))).one()
    # the positions' from position_months: one row per actor, issue and month
    positions_count = conn.execute(select(func.coalesce(func.sum(position_months.c.positions), 0))).scalar_one()
    # two statements: SQLite reads min() or max() alone off ix_articles_published, both at once by a scan
    published = [conn.execute(select(edge(articles.c.published))).scalar() for edge in (func.min, func.max)]
    (articles_count, articles_estimated), (mentions_count, mentions_estimated) = (
        stored_rows(conn, articles), stored_rows(conn, event_mentions))
    return {"articles": articles_count, "events": int(events_count), "actors": count(actors),
            "positions": int(positions_count), "mentions": mentions_count, "first": first, "last": last,
            "published_first": published[0], "published_last": published[1],
            "estimated": [name for name, estimated in (("articles", articles_estimated),
                                                        ("mentions", mentions_estimated)) if estimated]}
