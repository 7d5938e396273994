"""One event, many reports: which reports make one event, and the event's stable id.

Identity is the PLOVER type, the source and target actor ids, a date within a day and a compatible place
(same name, or one missing). Status is not part of identity: alleged and denied reports of one strike are
two claims about one event, kept on the mentions.

Merging is a function of the set of stored reports, never of the order they arrived in: the reports of one
type and dyad are swept in (date, mention id) order, each joining the open event (earliest date at most
MERGE_WINDOW before it, compatible place) with the nearest date, then the most reports, then the smallest id;
an event's id comes from its first report. A new batch only re-sweeps from its earliest report on (`regroup`):
everything before that point would come out the same; and past its last report the sweep stops where it has
settled back onto the stored events, since everything after would come out the same too. So serial, parallel
and Ray runs store the same events.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta

from parley.records import STATUSES, stable_id

#: When no mention asserts the event, the summary status is the first of these that a mention has.
STATUS_PRIORITY = ("asserted", "alleged", "denied", "negated", "future", "hypothetical")
MERGE_WINDOW = timedelta(days=1)


def actor_key(source_ids: list[str], target_ids: list[str]) -> str:
    """Sorted source ids, '>', sorted target ids: equal keys mean the same participants in the same roles."""
    return "+".join(sorted(set(source_ids))) + ">" + "+".join(sorted(set(target_ids)))


def day(value: str | date | None) -> date | None:
    """The calendar day of an ISO date or timestamp; None when missing or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def shifted(when: date, delta: timedelta) -> date:
    """when + delta, held to the calendar's ends (0001-01-01, 9999-12-31) instead of raising OverflowError."""
    try:
        return when + delta
    except OverflowError:
        return date.max if delta > timedelta(0) else date.min


def same_place(a: str | None, b: str | None) -> bool:
    return not a or not b or a.strip().casefold() == b.strip().casefold()


def summary_status(statuses: list[str]) -> str:
    """The event's status from its mentions': asserted if any report asserts it, else the most factual claim."""
    present = set(statuses)
    for status in STATUS_PRIORITY:
        if status in present:
            return status
    return statuses[0] if statuses else STATUSES[0]


def event_id(type_: str, key: str, when: date | None, salt: str = "") -> str:
    return stable_id("event", type_, key, when.isoformat() if when else "", salt)


def mergeable(key: str, when: date | None, place: str | None) -> bool:
    """Undated reports, and reports with no participants and no place, say too little to join another."""
    return when is not None and not (key == ">" and not place)


@dataclass
class Report:
    """One stored or new event mention, as merging sees it."""

    id: str
    type: str
    key: str
    when: date | None
    place: str | None
    event_id: str | None = None  # the event it belongs to now (None for a new report)

    @property
    def order(self) -> tuple:
        return (self.when or date.min, self.id)


@dataclass
class Group:
    """Reports that make one event, first report first."""

    members: list[Report] = field(default_factory=list)
    place: str | None = None
    _id: str | None = field(default=None, repr=False, compare=False)

    @property
    def anchor(self) -> date:
        return self.members[0].when

    @property
    def id(self) -> str:
        if self._id is None:  # the first report never changes once added; hashing it is asked for often
            first = self.members[0]
            self._id = event_id(first.type, first.key, first.when, first.id)
        return self._id

    def add(self, report: Report) -> None:
        self.members.append(report)
        self.place = self.place or report.place


def single(report: Report) -> Group:
    """The event of a report that merges with nothing."""
    return Group([report], report.place)


def _settled(live: list[Group], nxt: Report, swept: dict[str, int], anchors: list[tuple], events: list[str]) -> bool:
    """True when the groups `nxt` and later reports may join (`live`: anchored from MERGE_WINDOW before `nxt`
    on) are exactly the stored events anchored there, each with the stored reports it had so far: from here on
    the sweep would rebuild the stored events as they are. `anchors` are the stored events' first reports'
    orders, sorted, `events` their ids in the same order; `swept` counts the stored reports swept by event."""
    window = shifted(nxt.when, -MERGE_WINDOW)
    first = bisect.bisect_left(anchors, (window,))
    last = bisect.bisect_left(anchors, nxt.order)
    stored_live = {events[k] for k in range(first, last) if swept.get(events[k])}
    if {g.id for g in live} != stored_live:
        return False
    return all(swept.get(g.id) == len(g.members) and all(m.event_id == g.id for m in g.members) for g in live)


def regroup(stored: list[Report], new: list[Report], horizon: date | None = None) -> list[Group] | None:
    """The events of one type and dyad that adding new reports may change, given the stored reports of every
    stored event of that type and dyad dated from MERGE_WINDOW before the earliest new report on.

    Reports are swept in (date, id) order, each joining the open event (earliest report at most MERGE_WINDOW
    before it, compatible place) with the nearest date, then the most reports, then the smallest id. Stored
    reports ordered before the earliest new one keep their events. Past the last new report, the sweep stops
    where it has settled back onto the stored events (`_settled`): the events still open there and every later
    report stay as stored and are not returned, so a batch costs what its neighbourhood holds, not what the
    dyad holds after it. Returns the other events, each with its members in (date, id) order.

    `horizon`: `stored` holds only the events dated up to that day (a first, bounded read); None is returned
    when the sweep does not settle by then, and the caller reads the rest of the dyad and asks again."""
    start, last_new = min(r.order for r in new), max(r.order for r in new)
    kept: dict[str, Group] = {}
    again: list[Report] = []
    first_of: dict[str, tuple] = {}
    swept: dict[str, int] = {}
    for report in sorted(stored, key=lambda r: r.order):
        first_of.setdefault(report.event_id, report.order)
        if report.order < start:
            kept.setdefault(report.event_id, Group()).add(report)
            swept[report.event_id] = swept.get(report.event_id, 0) + 1
        else:
            again.append(report)
    ordered = sorted((order, event) for event, order in first_of.items())
    anchors, events = [order for order, _ in ordered], [event for _, event in ordered]
    groups = list(kept.values())
    recent = list(kept.values())  # the groups a later report may still join: reports come in date order
    for report in sorted(again + new, key=lambda r: r.order):
        if horizon is not None and report.when > horizon:
            return None  # events anchored after the horizon were not read: settling here could be wrong
        earliest = shifted(report.when, -MERGE_WINDOW)
        recent = [g for g in recent if earliest <= g.anchor]
        if report.order > last_new and _settled(recent, report, swept, anchors, events):
            live = {id(g) for g in recent}
            return [g for g in groups if id(g) not in live]
        open_ = [g for g in recent if g.anchor <= report.when and same_place(g.place, report.place)]
        if open_:
            best = min(open_, key=lambda g: ((report.when - g.anchor).days, -len(g.members), g.members[0].id))
            best.add(report)
        else:
            group = single(report)
            groups.append(group)
            recent.append(group)
        if report.event_id is not None:
            swept[report.event_id] = swept.get(report.event_id, 0) + 1
    return groups if horizon is None else None
