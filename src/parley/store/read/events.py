"""Events: the filter, filtered pages and their totals (counted, summed from derived counts or estimated), and
the cursors that page them. One event's detail is in event_detail.py, the charts in summary.py."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import Connection, Select, and_, case, func, or_, select, true, union_all

from parley.errors import InvalidQuery
from parley.store.read.common import check_offset, chunks, fts_articles, fts_matches, fts_unmatched, whole_months
from parley.store.read.event_detail import event_reports, hydrate_events
from parley.store.schema import (
    actor_counts,
    articles,
    day_counts,
    event_facets,
    event_mentions,
    event_pairs,
    events,
    facet_days,
    facet_months,
)

#: How many events probing one costs, in events read into an IN list: below this many visits per match, probe.
PROBE_COST = 4


@dataclass
class EventFilter:
    actor_ids: list[str] | None = None
    role: str = "any"
    country: str | None = None
    types: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    issue: str | None = None
    since: date | None = None
    until: date | None = None
    q: str | None = None
    article: str | None = None
    reported: str | None = None  # events with a report (mention) of this status, whatever the merged status
    place: str | None = None  # where it happened: a place name (any case) or an ISO 3166 alpha-3 code

    def _own(self, cols) -> list:
        """Conditions on the event's own type, status and date, in the columns `cols` (events' or event_pairs')."""
        conds = []
        if self.types:
            conds.append(cols.type.in_(self.types))
        if self.statuses:
            conds.append(cols.status.in_(self.statuses))
        if self.since:
            conds.append(cols.date >= self.since.isoformat())
        if self.until:
            conds.append(cols.date <= self.until.isoformat())
        return conds

    def _id_sets(self, conn: Connection, with_q: bool = True) -> list:
        """SELECTs of event ids, one per other condition: each is an indexed walk done once, never a probe per
        event (a correlated EXISTS or an OR across tables makes the database scan every event)."""
        sets = [select(event_facets.c.event_id).where(event_facets.c.kind == kind, event_facets.c.value.in_(values))
                for kind, values in self.facets()]
        if self.reported:
            sets.append(select(event_mentions.c.event_id).where(event_mentions.c.status == self.reported))
        if self.q and with_q:
            sets.append(select(event_mentions.c.event_id)
                        .where(event_mentions.c.article_id.in_(fts_articles(conn, self.q))))
        if self.article:
            sets.append(select(event_mentions.c.event_id).where(event_mentions.c.article_id == self.article))
        if self.place:
            sets.append(select(events.c.id).where(or_(func.lower(events.c.location_name) == self.place.casefold(),
                                                      events.c.location_country == self.place)))
        return sets

    def facets(self) -> list[tuple[str, list[str]]]:
        """(kind, values) of the conditions event_facets (store/derived.py) answers: the actor (in any role or
        one), the country (an actor's or the place's) and the issue (a position stated in a sentence reporting
        the event)."""
        found = []
        if self.actor_ids is not None:
            found.append(("actor" if self.role == "any" else self.role, list(self.actor_ids)))
        if self.country:
            found.append(("country", [self.country]))
        if self.issue:
            found.append(("issue", [self.issue]))
        return found

    def single_facet(self) -> tuple[str, str] | None:
        """(kind, value) when the only condition beyond type, status and date is one facet of one value: then
        event_facets alone answers the count and the page, in date order off its index."""
        facets = self.facets()
        if len(facets) == 1 and len(facets[0][1]) == 1 and not (self.q or self.article or self.reported or self.place):
            return facets[0][0], facets[0][1][0]
        return None

    def conditions(self, conn: Connection, probe: bool = False) -> list:
        """WHERE conditions on `events`. Each id set is read once into a list (IN), or with `probe`, looked up
        per event (EXISTS): cheaper when a page of a dense match is wanted and only a few events are visited."""
        conds = self._own(events.c)
        if probe and self.q:
            # each visited event's reports are checked against the search one by one (the FTS index looked up by
            # article), rather than the search's whole match being read into a list first
            m = event_mentions.alias("m_q")
            conds.append(select(m.c.event_id).where(m.c.event_id == events.c.id,
                                                    fts_matches(conn, self.q, m.c.article_id)).exists())
        for ids in self._id_sets(conn, with_q=not probe):
            if probe and isinstance(ids, Select):
                conds.append(ids.where(ids.selected_columns[0] == events.c.id).exists())
            else:
                conds.append(events.c.id.in_(ids))
        return conds

    def narrows(self) -> bool:
        """Whether any condition beyond type, status and date is set."""
        return any(v is not None for v in (self.actor_ids, self.country, self.reported, self.issue, self.q,
                                           self.article, self.place))

    def pair_conditions(self, conn: Connection) -> list:
        """The same conditions on `event_pairs` (store/derived.py), which carries each event's type, status
        and date."""
        return self._own(event_pairs.c) + [event_pairs.c.event_id.in_(ids) for ids in self._id_sets(conn)]


#: Above this many articles, the total of a search most events match is estimated (see `_estimate`).
ESTIMATE_ABOVE = 100_000


#: How many events `_estimate` checks against the search.
SAMPLE = 400


def plain_totals(conn: Connection, flt: EventFilter) -> tuple[int, int]:
    """(events, dated events) under conditions on type, status and date alone, summed from day_counts."""
    n = func.coalesce(func.sum(day_counts.c.events), 0)
    undated = func.coalesce(func.sum(case((day_counts.c.date.is_(None), day_counts.c.events), else_=0)), 0)
    total, undated_total = conn.execute(select(n, undated).where(*flt._own(day_counts.c))).one()
    return int(total), int(total) - int(undated_total)


#: Facets whose unfiltered totals actor_counts holds (events in any role, as source, as target).
_ACTOR_COUNTS = {"actor": actor_counts.c.events, "source": actor_counts.c.as_source, "target": actor_counts.c.as_target}


def facet_cells(flt: EventFilter, kind: str, value: str):
    """A subquery of the cells (type, status, events, day) that sum to the events of one actor, country or
    issue under `flt`'s type, status and date conditions: whole months (all of them when the dates are not
    bounded) from facet_months (day: the month), the days at either end from facet_days (store/tallies.py),
    so a facet's totals read a few hundred cells a year, not one per day its events fill. Undated events are
    under '' (a key is never NULL); a date bound leaves them out, as it does events."""
    fd, fm = facet_days, facet_months
    kinds = replace(flt, since=None, until=None)  # the type and status conditions
    of_fd = [fd.c.kind == kind, fd.c.value == value]
    columns = (fd.c.type, fd.c.status, fd.c.events, fd.c.date.label("day"))
    months = (None, None) if not (flt.since or flt.until) else whole_months(flt.since, flt.until)
    if months is None:  # no whole month in the range: its days
        return select(*columns).where(*of_fd, *flt._own(fd.c), fd.c.date != "").subquery("cells")
    first, last = months
    parts = [select(fm.c.type, fm.c.status, fm.c.events, fm.c.month.label("day")).where(
        fm.c.kind == kind, fm.c.value == value, *kinds._own(fm.c), *([fm.c.month >= first] if first else []),
        *([fm.c.month <= last] if last else []), *([fm.c.month != ""] if flt.since or flt.until else []))]
    if first and flt.since.isoformat()[:7] < first:  # the days before the first whole month
        parts.append(select(*columns).where(*of_fd, *kinds._own(fd.c), fd.c.date >= flt.since.isoformat(),
                                            fd.c.date < first + "-01"))
    if last and flt.until.isoformat()[:7] > last:  # the days after the last whole month
        parts.append(select(*columns).where(*of_fd, *kinds._own(fd.c), fd.c.date > last + "-99",
                                            fd.c.date <= flt.until.isoformat()))
    return union_all(*parts).subquery("cells")


def _facet_totals(conn: Connection, flt: EventFilter, kind: str, value: str) -> tuple[int, int]:
    """(events, dated events) of one actor, country or issue under conditions on type, status and date, summed
    from its cells (`facet_cells`: one row per month or day, type and status, however many events it has); an
    actor's unfiltered total is one row of actor_counts."""
    fd = facet_days
    facet = [fd.c.kind == kind, fd.c.value == value]
    n = func.coalesce(func.sum(fd.c.events), 0)
    if not flt._own(fd.c) and kind in _ACTOR_COUNTS:
        total = conn.execute(select(_ACTOR_COUNTS[kind]).where(actor_counts.c.actor_id == value)).scalar() or 0
        undated = conn.execute(select(n).where(*facet, fd.c.date == "")).scalar_one()
        return int(total), int(total) - int(undated)
    cells = facet_cells(flt, kind, value)
    undated = func.coalesce(func.sum(case((cells.c.day == "", cells.c.events), else_=0)), 0)
    total, undated_total = conn.execute(select(func.coalesce(func.sum(cells.c.events), 0), undated)).one()
    return int(total), int(total) - int(undated_total)


def _estimate(conn: Connection, flt: EventFilter) -> tuple[int, int, bool] | None:
    """(estimated total, estimated dated, True) of a search that most of a large corpus matches, or None when
    it does not: the share of SAMPLE events (the first by id, as good as random) reported in a matching
    article, times the events matching the other conditions. Counting the matches exactly reads every report
    of every matching article: at 200,000 articles that is most of a request's time for a number the dashboard
    shows as "about"."""
    rest = replace(flt, q=None)
    sample = select(events.c.id).where(*rest.conditions(conn)).order_by(events.c.id).limit(SAMPLE).subquery()
    m = event_mentions.alias("m_sample")
    matching = select(m.c.event_id).where(m.c.event_id == sample.c.id,
                                          fts_matches(conn, flt.q, m.c.article_id)).exists()
    checked, hits = conn.execute(select(func.count(), func.sum(case((matching, 1), else_=0)))
                                 .select_from(sample)).one()
    if checked < SAMPLE or (hits or 0) * 2 <= checked:
        return None
    everything, dated = (plain_totals(conn, rest) if not rest.narrows() else tuple(conn.execute(
        select(func.count(), func.count(events.c.date)).where(*rest.conditions(conn))).one()))
    share = hits / checked
    return round(everything * share), round(dated * share), True


def _totals(conn: Connection, flt: EventFilter, where) -> tuple:
    """(how many events match, how many of those are dated). A search most articles match is counted from the
    articles it misses: the events matching the other conditions, less those reported only in missed articles
    (every stored event has a report: the writer drops an event left without one). Counting the matches
    themselves reads every report of every matching article, which grows with the corpus."""
    def count(condition) -> tuple[int, int]:
        return tuple(conn.execute(select(func.count(), func.count(events.c.date)).where(condition)).one())

    if flt.q:
        stored = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        if stored > ESTIMATE_ABOVE:
            estimate = _estimate(conn, flt)
            if estimate:
                return estimate
        matched = conn.execute(select(func.count()).select_from(fts_articles(conn, flt.q).subquery())).scalar_one()
        if matched * 2 > stored:
            rest = replace(flt, q=None)
            missed = fts_unmatched(conn, flt.q)
            m, every = event_mentions.alias("m_missed"), event_mentions.alias("m_every")
            # events all of whose reports are in missed articles; a per-event count (a scalar subquery) is
            # looked up for these few events, where a NOT EXISTS becomes an anti-join over every report on PostgreSQL
            reports = select(func.count()).where(every.c.event_id == m.c.event_id).scalar_subquery()
            only_missed = (select(m.c.event_id).where(m.c.article_id.in_(missed)).group_by(m.c.event_id)
                           .having(func.count() == reports))
            everything, dated = count(and_(true(), *rest.conditions(conn)))
            lost, lost_dated = count(and_(true(), *rest.conditions(conn), events.c.id.in_(only_missed)))
            return everything - lost, dated - lost_dated
    return count(where)


@dataclass
class EventPage:
    """One page of events: `total` matching (`total_estimated` when it is an estimate, see `page_events`), the
    `items`, and `next`, a cursor for the page after this one (None on the last page)."""
    total: int
    items: list[dict]
    next: str | None = None
    total_estimated: bool = False


def encode_cursor(day: str | None, event_id: str) -> str:
    """The opaque cursor naming the last event of a page (its date and id)."""
    return base64.urlsafe_b64encode(json.dumps([day, event_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, str]:
    """(date, id) of a cursor `encode_cursor` made; InvalidQuery("cursor") for anything else."""
    try:
        day, event_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if (day is None or isinstance(day, str)) and isinstance(event_id, str):
            return day, event_id
    except (ValueError, TypeError):
        pass
    raise InvalidQuery(f"cursor {cursor[:40]!r} is not one this API gave: send the `next` of the previous page, "
                       "or leave cursor out for the first page.", "cursor")


def _skip_days(conn: Connection, flt: EventFilter, offset: int, newest_first: bool) -> tuple[str, int] | None:
    """For a deep page of a list filtered on type, status and date alone: (the day the page starts on, how many
    dated events come before that day), from day_counts, so the database skips whole days by their counts
    instead of stepping over `offset` index entries. None when the offset is within the first day."""
    per_day = (select(day_counts.c.date, func.sum(day_counts.c.events))
               .where(day_counts.c.date.is_not(None), *flt._own(day_counts.c)).group_by(day_counts.c.date)
               .order_by(day_counts.c.date.desc() if newest_first else day_counts.c.date.asc()))
    before = 0
    for day, n in conn.execute(per_day):
        if before + n > offset:
            return (day, before) if before else None
        before += n
    return None


def page_events(conn: Connection, flt: EventFilter, limit: int | None = 50, offset: int = 0,
                newest_first: bool = True, with_mentions: bool = False, cursor: str | None = None) -> EventPage:
    """One page of the events `flt` selects: dated events newest (or oldest) first, then undated ones, each with
    its actors and first report (with `with_mentions`, every report). The page starts `offset` events in, or
    after the event `cursor` names (a page's `next`; then offset must be 0). InvalidQuery when the offset is
    past the end or the cursor is not one this gave. `limit=None` returns every match.

    The page is read off the narrowest index: event_facets for one actor, country or issue; day_counts skip the
    days before a deep page of the unfiltered list."""
    after = decode_cursor(cursor) if cursor else None
    if after and offset:
        raise InvalidQuery("Send either offset or cursor, not both: a cursor already says where the page starts.",
                           "cursor")
    source = _source(conn, flt, offset, limit)
    check_offset(offset, source.total, "events")
    ids = _page_ids(conn, flt, source, limit, offset, newest_first, after)
    found = {}
    for chunk in chunks(ids):
        found.update((r["id"], r) for r in conn.execute(select(events).where(events.c.id.in_(chunk))).mappings())
    rows = [found[i] for i in ids]
    items = []
    for chunk in chunks(rows):
        items += hydrate_events(conn, chunk)
    if with_mentions:
        reports = event_reports(conn, [item["id"] for item in items])
        for item in items:
            item["mentions"] = reports.get(item["id"], [])
    more = limit is not None and len(ids) == limit and (after is not None or offset + limit < source.total)
    return EventPage(source.total, items,
                     encode_cursor(rows[-1]["date"], rows[-1]["id"]) if more and rows else None, source.estimated)


@dataclass
class _Source:
    """Where a page of events is read from: the id and date columns of the table walked, the condition, how
    many match and how many of those are dated, whether that is an estimate, and the one facet walked (if any)."""
    id_col: object
    date_col: object
    where: object
    total: int
    dated_total: int
    estimated: bool = False
    facet: tuple[str, str] | None = None
    probed: bool = False  # `where` looks each event up (conditions(probe=True)): walk it a day at a time


def _source(conn: Connection, flt: EventFilter, offset: int, limit: int | None) -> _Source:
    """The narrowest table to walk for `flt` and its totals: event_facets for one actor, country or issue (totals
    from facet_days), events under type, status and date alone (totals from day_counts), else events under every
    condition (counted, or estimated for a search most of a large corpus matches)."""
    if facet := flt.single_facet():
        f = event_facets
        total, dated_total = _facet_totals(conn, flt, *facet)
        return _Source(f.c.event_id, f.c.date, and_(f.c.kind == facet[0], f.c.value == facet[1], *flt._own(f.c)),
                       total, dated_total, facet=facet)
    if not flt.narrows():
        # the counts per day, type and status (store/derived.py) sum to the same totals as counting events
        return _Source(events.c.id, events.c.date, and_(true(), *flt._own(events.c)), *plain_totals(conn, flt))
    where = and_(true(), *flt.conditions(conn))
    total, dated_total, *estimate = _totals(conn, flt, where)
    if total and limit is not None:
        # a dense match (say every article has the words searched for) is paged faster by walking the date
        # index and probing each event than by reading the whole match into a list first
        visits = (offset + limit) * plain_totals(conn, EventFilter())[0] / total
        if visits * PROBE_COST < total:
            return _Source(events.c.id, events.c.date, and_(true(), *flt.conditions(conn, probe=True)), total,
                           dated_total, bool(estimate), probed=True)
    return _Source(events.c.id, events.c.date, where, total, dated_total, bool(estimate))


def _page_ids(conn: Connection, flt: EventFilter, source: _Source, limit: int | None, offset: int,
              newest_first: bool, after: tuple[str | None, str] | None) -> list[str]:
    """The ids of the page: dated events by date (newest or oldest first) then undated ones, `offset` in or
    after the event the cursor `after` names."""
    id_col, date_col, where = source.id_col, source.date_col, source.where
    total, dated_total = source.total, source.dated_total
    by_date = date_col.desc() if newest_first else date_col.asc()
    dated, undated = [where, date_col.is_not(None)], [where, date_col.is_(None)]
    dated_offset, undated_offset = offset, max(offset - dated_total, 0)
    if after:
        day, last = after
        dated_offset = undated_offset = 0
        if day is None:
            dated = None
            undated.append(id_col > last)
        else:
            dated.append(or_(date_col < day if newest_first else date_col > day, and_(date_col == day, id_col > last)))
    elif source.facet is None and not flt.narrows() and offset < dated_total:
        skip = _skip_days(conn, flt, offset, newest_first)
        if skip:
            dated.append(date_col <= skip[0] if newest_first else date_col >= skip[0])
            dated_offset = offset - skip[1]
    ids: list[str] = []
    # dated and undated rows are read apart, so each page walks the date index instead of sorting on NULL-ness;
    # ids first (from the index), whole rows for the page only
    if dated is not None and (after or offset < dated_total) and source.probed and not after and limit is not None:
        ids += _probed_by_day(conn, source, dated, replace(flt, types=[], statuses=[])._own(events.c), newest_first,
                              dated_offset, limit)
    elif dated is not None and (after or offset < dated_total):
        stmt = select(id_col).where(*dated).order_by(by_date, id_col).offset(dated_offset)
        ids += conn.execute(stmt if limit is None else stmt.limit(limit)).scalars().all()
        if source.estimated and limit is not None and len(ids) < limit:
            # past the end of the dated matches: where the undated ones start is counted, not estimated
            dated_total = conn.execute(select(func.count()).where(*flt.conditions(conn),
                                                                 events.c.date.is_not(None))).scalar_one()
            undated_offset = max(offset - dated_total, 0)
    wanted = None if limit is None else limit - len(ids)
    if (wanted is None or wanted > 0) and total > dated_total:
        stmt = select(id_col).where(*undated).order_by(id_col).offset(undated_offset)
        ids += conn.execute(stmt if wanted is None else stmt.limit(wanted)).scalars().all()
    return ids


def _probed_by_day(conn: Connection, source: _Source, dated: list, within: list, newest_first: bool, offset: int,
                   limit: int) -> list[str]:
    """The dated ids of a page of a probed match (`_Source.probed`), a day at a time: each day's events walked in
    id order off ix_events_date_id until the page is full. In one statement the database probes every event of
    the first day to sort them by id (the index runs date and id the same way): a day's events grow with the
    corpus (144 at 100,000 events, 1,407 at a million), the probes a page needs do not. `within`: the date
    range's conditions on events, which bound the days stepped through."""
    date_col, id_col = source.date_col, source.id_col
    edge = func.max(date_col) if newest_first else func.min(date_col)
    ids: list[str] = []
    day = None
    while len(ids) < limit:
        beyond = [] if day is None else [date_col < day if newest_first else date_col > day]
        # the next day that has events: read off the date index, without probing any of them
        day = conn.execute(select(edge).where(date_col.is_not(None), *within, *beyond)).scalar()
        if day is None:
            break
        found = conn.execute(select(id_col).where(*dated, date_col == day).order_by(id_col)
                             .limit(offset + limit - len(ids))).scalars().all()
        skipped = min(offset, len(found))
        offset -= skipped
        ids += found[skipped:]
    return ids


def list_events(conn: Connection, flt: EventFilter, limit: int | None = 50, offset: int = 0,
                newest_first: bool = True, with_mentions: bool = False) -> tuple[int, list[dict]]:
    """(how many events match, one page of them): `page_events`'s total and items."""
    page = page_events(conn, flt, limit, offset, newest_first, with_mentions)
    return page.total, page.items
