"""Which stored reports a batch's new reports are merged with, read a stretch of the store at a time.

merge.regroup sweeps a type family's reports in date order; a new report can only change the events still open
where it falls and the reports after it, up to where the sweep settles back onto the stored events (usually a day
or two later). So the writer does not read the stored reports from a batch's earliest date to its last, which is
the whole store when a batch's articles are spread over the calendar, but for each run of new reports close in
date: the stored events still open at its first report, and the stored reports after it a page of days at a time
until the sweep settles. Two runs whose sweeps would meet are swept as one, so the result is the sweep of the
whole family, whatever the batches (see merge.py).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Connection, bindparam, exists, select

from parley.identity import MERGE_WINDOW
from parley.store import merge, reprints
from parley.store.reach import Reach, Reaches
from parley.store.schema import event_mentions, events, mention_keys

#: The first page of stored days read past a run's last new report: most sweeps settle within it (an event a new
#: report joined stays open the next day; the sweep settles at the start of the day after).
FIRST_PAGE = timedelta(days=2)
#: A later page is this many times the one before, so an unsettled sweep costs few reads.
PAGE_GROWTH = 4
#: The longest any report's dates reach past its own day (a report dated by its week): how long before a day a
#: stored event may be anchored and still be open on it.
LONGEST_AFTER = timedelta(days=max(after for _, after in merge.SPANS.values()))
#: The mention_keys columns merging reads of a stored report, beyond its event_mentions columns.
KEY_COLUMNS = [c.name for c in mention_keys.c if c.name != "mention_id"]


@dataclass
class Merged:
    """The events touched by a batch, rebuilt from all their reports."""

    groups: list[merge.Group] = field(default_factory=list)
    rows: dict[str, dict] = field(default_factory=dict)  # mention id -> row, for every member of every group
    before: set[str] = field(default_factory=set)        # the ids of the stored events that were rebuilt


def why(group: merge.Group, member: merge.Report, row: dict) -> tuple[float | None, str | None]:
    """(merge_score, merge_reason) of a member of a group (`row` its stored or new row): none for its first
    report; as stored for a report the sweep kept where it was (it came before the batch's first report)."""
    if member is group.members[0]:
        return None, None
    found = group.matches.get(member.id)
    return (found.score, found.reason()) if found else (row["merge_score"], row["merge_reason"])


def rebuild(conn: Connection, new_rows: list[dict], sketches: reprints.Sketches | None = None,
            anew: frozenset[str] = frozenset(), reaches: Reaches | None = None) -> Merged:
    """Group new reports (event_mentions rows with their mention_keys columns) with the stored reports they
    may join, family by family and run by run (`_sweeps`); stored events that come out as they are stay out of
    the result, since rewriting them would cost as much as reading them. `sketches`: the articles' signatures
    read so far (with the batch's own), from which the reprint pairs among a stretch's articles are found.
    `anew`: stored events whose reports are all among `new_rows`, merged again as if new (what forgetting an
    article does with the events it reported); they are among `before` whatever they become. `reaches`: what a
    writer's earlier batches worked out about which reports may match (reach.Reaches), kept for the next batches;
    the result is the same without it."""
    merged = Merged(rows={row["id"]: row for row in new_rows}, before=set(anew))
    sketches = sketches if sketches is not None else reprints.Sketches(conn)
    by_family: dict[str, list[merge.Report]] = {}
    for row in new_rows:
        report = merge.report_of(row if row["event_id"] is None else {**row, "event_id": None})
        if merge.mergeable(report.when, report.precision):
            by_family.setdefault(merge.family_of(report.type), []).append(report)
        else:
            merged.groups.append(merge.single(report))
    for family, reports in sorted(by_family.items()):
        reach = reaches.for_family(family, sketches) if reaches is not None else Reach(sketches)
        reader = _Reader(conn, merge.family_types(reports[0].type), sketches, anew, reach)
        for found_groups, stored in _sweeps(reader, sorted(reports, key=lambda r: r.order)):
            _keep_changed(merged, found_groups, stored)
    return merged


def _keep_changed(merged: Merged, found_groups: list[merge.Group], stored: dict[str, dict]) -> None:
    """Add to `merged` the groups of one sweep that differ from the stored events (`stored`: the rows read)."""
    size = Counter(row["event_id"] for row in stored.values())
    for group in found_groups:
        if ({member.event_id for member in group.members} == {group.id}
                and size.get(group.id) == len(group.members)
                and all(why(group, m, stored[m.id]) == (stored[m.id]["merge_score"], stored[m.id]["merge_reason"])
                        for m in group.members)):
            continue
        merged.groups.append(group)
        for member in group.members:
            if member.event_id is not None:
                merged.rows[member.id] = dict(stored[member.id])
                merged.before.add(member.event_id)


def _runs(reports: list[merge.Report]) -> list[list[merge.Report]]:
    """New reports (in `order`) cut where a day passes with none reaching it: each run is swept on its own
    unless its sweep has not settled by the next run's first report."""
    runs: list[list[merge.Report]] = []
    reach = None
    for report in reports:
        if reach is None or report.lo > merge.shifted(reach, MERGE_WINDOW):
            runs.append([])
        runs[-1].append(report)
        reach = report.hi if reach is None else max(reach, report.hi)
    return runs


def _sweeps(reader: _Reader, reports: list[merge.Report]) -> Iterator[tuple[list[merge.Group], dict[str, dict]]]:
    """For each run of new reports (runs whose sweeps meet taken together): the groups merge.regroup returns and
    the stored rows it was given."""
    runs = _runs(reports)
    reader.prefetch([(_since(run[0]), _first_until(run)) for run in runs])
    first = 0
    while first < len(runs):
        last = first
        while True:
            new = [report for run in runs[first:last + 1] for report in run]
            limit = runs[last + 1][0] if last + 1 < len(runs) else None
            found = _sweep(reader, new, limit)
            if found is not None:
                yield found
                break
            # the sweep reached the next run: sweep them together, taking twice as many runs each time, so a batch
            # whose runs all meet costs a few sweeps, not one per run
            last = min(len(runs) - 1, last + (last - first + 1))
        first = last + 1


def _since(start: merge.Report) -> date:
    """The earliest anchor date of a stored event that may still be open at `start`."""
    return merge.shifted(start.lo, -(MERGE_WINDOW + LONGEST_AFTER))


def _first_until(new: list[merge.Report]) -> date:
    return merge.shifted(max(r.when for r in new), FIRST_PAGE)


def _sweep(reader: _Reader, new: list[merge.Report], limit: merge.Report | None):
    """merge.regroup of `new` with the stored reports from the events open at its first report on, reading
    further a page at a time until the sweep settles; None when it has not settled before `limit` (the next
    run's first new report), i.e. the two runs must be swept together."""
    start, until, page = new[0], _first_until(new), FIRST_PAGE
    # a report ordered before `limit` belongs to an event anchored at most a day after limit.lo
    bound = merge.shifted(limit.lo, ONE_DAY) if limit is not None else date.max
    while True:
        until = min(until, bound)
        end = limit is None and not reader.any_after(until)
        stored = reader.open_at(start, _since(start), until)
        # every report dated before `until` is read (its event is anchored by then); later ones only in part
        complete = date.max if end else merge.shifted(until, -ONE_DAY)
        given = [row["_report"] for row in stored.values()
                 if row["_report"].lo <= complete and (limit is None or row["_report"].order < limit.order)]
        pairs = reader.pairs({r.article for r in given} | {r.article for r in new})
        # only the stored events the new reports can reach are swept: the others come out as stored (reach.py)
        given = reader.reach.reachable(given, new)
        # every stored report ordered before this is given: the sweep may settle there
        horizon = (merge.shifted(complete, ONE_DAY), "")
        horizon = min(horizon, limit.order) if limit is not None else horizon
        found, settled = merge.regroup(given, new, pairs, None if end else horizon)
        if settled or end:
            return found, stored
        if until >= bound:
            return None
        page *= PAGE_GROWTH
        until = merge.shifted(until, page)


#: Anchor-date stretches closer than this are read with one query.
JOIN_GAP = timedelta(days=3)
ONE_DAY = timedelta(days=1)

_COLUMNS = [*event_mentions.c, *(mention_keys.c[name] for name in KEY_COLUMNS), events.c.merge_date.label("_anchor")]
_MEMBER, _MEMBER_KEYS = event_mentions.alias("member"), mention_keys.alias("member_keys")
#: Every report of the stored events of some types anchored from lo to hi (ISO dates compare as text).
_ANCHORED = (select(*_COLUMNS).join(events, events.c.id == event_mentions.c.event_id)
             .join(mention_keys, mention_keys.c.mention_id == event_mentions.c.id)
             .where(events.c.type.in_(bindparam("types", expanding=True)),
                    events.c.merge_date >= bindparam("lo"), events.c.merge_date <= bindparam("hi")))
#: The same, of events with a report dated by its week or month on the event's day: only such an event stays
#: open for more than a day past its day.
_WEEK_ANCHORED = _ANCHORED.where(exists().where(
    _MEMBER.c.event_id == events.c.id, _MEMBER_KEYS.c.mention_id == _MEMBER.c.id,
    _MEMBER_KEYS.c.merge_date == events.c.merge_date, _MEMBER_KEYS.c.date_precision.in_(merge.LONG_SPANS)))
_AFTER = (select(events.c.id).where(events.c.type.in_(bindparam("types", expanding=True)),
                                    events.c.merge_date > bindparam("after")).limit(1))


class _Reader:
    """The stored reports of one type family, read by stretches of anchor dates and kept for the batch, so
    runs whose sweeps overlap do not read the same rows twice."""

    def __init__(self, conn: Connection, types: list[str], sketches: reprints.Sketches,
                 left_out: frozenset[str] = frozenset(), reach: Reach | None = None):
        self.conn, self.types, self.sketches, self.left_out = conn, types, sketches, left_out
        self.reach = reach if reach is not None else Reach(sketches)
        self.ids: set[str] = set()
        self.by_anchor: dict[date, list[dict]] = {}
        self.anchors: list[date] = []  # the keys of by_anchor, sorted
        self.covered: list[tuple[date, date]] = []  # anchor-date stretches read in full: sorted, disjoint
        self.weeks_covered: list[tuple[date, date]] = []  # stretches whose week-dated events are read

    def prefetch(self, windows: list[tuple[date, date]]) -> None:
        """Read what the sweeps of these (since, until) windows will first ask for, in few queries."""
        near = [(merge.shifted(lo, LONGEST_AFTER), hi) for lo, hi in windows]
        self._read_missing(_union(near, JOIN_GAP), self.covered, _ANCHORED)
        self._read_missing(_union(windows, JOIN_GAP), self.weeks_covered, _WEEK_ANCHORED)

    def open_at(self, start: merge.Report, since: date, until: date) -> dict[str, dict]:
        """Rows (with their Report under "_report") of the stored events that may be open at `start` (anchored
        from `since` on: those anchored before start.lo minus a day only if dated by their week) or anchored
        after it up to `until`."""
        near = merge.shifted(start.lo, -MERGE_WINDOW)
        self._read_missing([(since, until)], self.weeks_covered, _WEEK_ANCHORED)
        self._read_missing([(near, until)], self.covered, _ANCHORED)
        found = {}
        for day in self.anchors[bisect.bisect_left(self.anchors, since):bisect.bisect_right(self.anchors, until)]:
            for row in self.by_anchor[day]:
                if day >= near or row["_week"]:
                    found[row["id"]] = row
        return found

    def _read_missing(self, wanted: list[tuple[date, date]], covered: list[tuple[date, date]], query) -> None:
        """Read the parts of the `wanted` stretches not in `covered` (updated in place) with `query`."""
        gaps = [gap for lo, hi in wanted for gap in _missing(covered, lo, hi)]
        covered[:] = _union(covered + gaps)
        for lo, hi in gaps:
            self._add(self.conn.execute(query, {"types": self.types, "lo": lo.isoformat(),
                                                "hi": hi.isoformat()}).mappings().all())

    def _add(self, found) -> None:
        by_event: dict[str, list[dict]] = {}
        for row in found:
            if row["id"] not in self.ids and row["event_id"] not in self.left_out:
                by_event.setdefault(row["event_id"], []).append(dict(row))
        for members in by_event.values():
            for row in members:
                row["_report"] = merge.report_of(row)
            # whether the event's first report is dated by its week or month, so that it stays open that long
            week = min(members, key=lambda r: r["_report"].order)["date_precision"] in merge.LONG_SPANS
            anchor = date.fromisoformat(members[0]["_anchor"][:10])
            if anchor not in self.by_anchor:
                self.by_anchor[anchor] = []
                bisect.insort(self.anchors, anchor)
            for row in members:
                row["_week"] = week
                self.ids.add(row["id"])
                self.by_anchor[anchor].append(row)

    def any_after(self, until: date) -> bool:
        """Whether any stored event of these types is anchored after `until`."""
        return self.conn.execute(_AFTER, {"types": self.types, "after": until.isoformat()}).first() is not None

    def pairs(self, article_ids: set[str]) -> frozenset:
        """The reprint pairs among these articles."""
        return self.sketches.pairs_within(article_ids)


def _missing(covered: list[tuple[date, date]], lo: date, hi: date) -> list[tuple[date, date]]:
    """The parts of [lo, hi] outside the `covered` stretches (sorted, disjoint)."""
    gaps: list[tuple[date, date]] = []
    cursor: date | None = lo
    for a, b in covered:
        if b < lo:
            continue
        if a > hi:
            break
        if a > cursor:
            gaps.append((cursor, a - ONE_DAY))
        if b >= hi:
            cursor = None
            break
        cursor = max(cursor, b + ONE_DAY)
    if cursor is not None and cursor <= hi:
        gaps.append((cursor, hi))
    return gaps


def _union(stretches: list[tuple[date, date]], gap: timedelta = ONE_DAY) -> list[tuple[date, date]]:
    """The stretches joined where they overlap or lie less than `gap` apart, sorted."""
    out: list[tuple[date, date]] = []
    for a, b in sorted(stretches):
        if out and a <= merge.shifted(out[-1][1], gap):
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


