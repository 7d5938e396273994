"""One event, many reports: which reports make one event, and the event's stable id and summary status.

Whether two reports are one event is store/match.py's (`match`), what merging reads of a report
store/report_keys.py's. Merging is a function of the set of stored reports, never of the order they arrived
in: the reports of one type family are swept in (earliest day, mention id) order, each joining the open event
(its first report's dates still within reach) whose members it matches best, none of them vetoing it; ties go
to the event with more reports, then the smallest first id. An event's id comes from its first report. A new
batch only re-sweeps from its earliest report on (`regroup`): everything before that point would come out the
same; and past its last report the sweep stops where it has settled back onto the stored events, since
everything after would come out the same too. So serial, parallel and Ray runs store the same events.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta

from parley.identity import MERGE_WINDOW
from parley.records import STATUSES, stable_id
from parley.store.match import MERGE_THRESHOLD, NOTHING_SHARED, Match, explain, match, weigh
from parley.store.report_keys import (
    LONG_SPANS,
    PRECISION_RANK,
    SPANS,
    Report,
    actor_key,
    evidence_words,
    family_of,
    family_types,
    mergeable,
    party_roots,
    report_of,
    shifted,
)

#: When no mention asserts the event, the summary status is the first of these that a mention has.
STATUS_PRIORITY = ("asserted", "alleged", "denied", "negated", "future", "hypothetical")
#: The longest reach of any span: stored events anchored this long before a batch may still take its reports.
REACH = MERGE_WINDOW + timedelta(days=max(after for _, after in SPANS.values()) + 1)
#: The same for an event whose first report's span is short (not LONG_SPANS): most events.
SHORT_REACH = MERGE_WINDOW + timedelta(days=max(after for p, (_, after) in SPANS.items() if p not in LONG_SPANS) + 1)

__all__ = ["LONG_SPANS", "MERGE_THRESHOLD", "PRECISION_RANK", "REACH", "SPANS", "Group", "Match", "Report", "actor_key",
           "event_id", "evidence_words", "family_of", "family_types", "match", "mergeable", "party_roots",
           "regroup", "report_of", "shifted", "single", "summary_status"]


def summary_status(statuses: list[str]) -> str:
    """The event's status from its mentions': asserted if any report asserts it, else the most factual claim."""
    present = set(statuses)
    for status in STATUS_PRIORITY:
        if status in present:
            return status
    return statuses[0] if statuses else STATUSES[0]


def event_id(type_: str, key: str, when: date | None, salt: str = "") -> str:
    return stable_id("event", type_, key, when.isoformat() if when else "", salt)

Reprints = frozenset  # of frozenset({article_a, article_b})


@dataclass
class Group:
    """Reports that make one event, first report first, with why each later one joined."""

    members: list[Report] = field(default_factory=list)
    matches: dict[str, Match] = field(default_factory=dict)
    _id: str | None = field(default=None, repr=False, compare=False)

    @property
    def anchor(self) -> Report:
        return self.members[0]

    @property
    def id(self) -> str:
        if self._id is None:  # the first report never changes once added; hashing it is asked for often
            first = self.members[0]
            self._id = event_id(first.type, first.key, first.when, first.id)
        return self._id

    def add(self, report: Report, why: Match | None = None) -> None:
        self.members.append(report)
        if why is not None:
            self.matches[report.id] = why

    def open_for(self, report: Report) -> bool:
        """Whether the event's first report's dates still reach `report` (reports come in `order`)."""
        return report.lo <= shifted(self.anchor.hi, MERGE_WINDOW)

    def best(self, report: Report, reprints: Reprints) -> Match | None:
        """The best match of report with a member, or None when any member rules it out or none reaches the
        threshold (a member sharing nothing specific with it neither rules it out nor counts)."""
        found = None
        scored_once: set[tuple] = set()
        for member in self.members:
            reprint = bool(reprints) and frozenset((report.article, member.article)) in reprints
            if member.article != report.article or not member.article:
                # a member scored like an earlier one (a reprinted story's copies) scores the same and cannot beat
                # it, nor rule out what that one let through
                if (member.scored_as, reprint) in scored_once:
                    continue
                scored_once.add((member.scored_as, reprint))
            scored = weigh(report, member, reprint)
            if scored is None:
                return None  # ruled out by this member, so by the event
            if scored is NOTHING_SHARED:
                continue  # no fact in common with this member, nothing against: another member may tell
            if found is None or scored[0] > found[0][0]:
                found = (scored, member, reprint)
        if found is None or found[0][0] < MERGE_THRESHOLD:
            return None
        scored, member, reprint = found
        return explain(report, member, reprint, scored)


def single(report: Report) -> Group:
    """The event of a report that merges with nothing."""
    return Group([report])


def _settled(live: list[Group], nxt: Report, swept: dict[str, int], anchors: list[tuple], events: list[str],
             firsts: dict[str, Report], long: list[tuple]) -> bool:
    """True when the groups `nxt` and later reports may join (`live`) are exactly the stored events open for
    `nxt`, each with the stored reports it had so far: from here on the sweep would rebuild the stored events
    as they are. `anchors` are the stored events' first reports' orders, sorted, `events` their ids in the
    same order, `firsts` their first reports, `long` (order, id) of those whose first report is dated by its
    week or month (LONG_SPANS), sorted; `swept` counts the stored reports swept by event."""
    first = bisect.bisect_left(anchors, (shifted(nxt.lo, -SHORT_REACH),))
    last = bisect.bisect_left(anchors, nxt.order)
    # an event anchored by a week or a month stays open for long: those are few, and looked at apart
    candidates = events[first:last] + [event for order, event in long[
        bisect.bisect_left(long, ((shifted(nxt.lo, -REACH),),)):bisect.bisect_left(long, (nxt.order,))]]
    stored_live = {event for event in candidates
                   if swept.get(event) and Group([firsts[event]]).open_for(nxt)}
    if {g.id for g in live} != stored_live:
        return False
    return all(swept.get(g.id) == len(g.members) and all(m.event_id == g.id for m in g.members) for g in live)


def regroup(stored: list[Report], new: list[Report], reprints: Reprints = frozenset(),
            horizon: tuple[date, str] | None = None) -> tuple[list[Group], bool]:
    """The events of one type family that adding new reports may change, given the stored reports of every
    stored event of that family anchored from REACH before the earliest new report on (to some horizon), and
    the pairs of articles that are reprints of each other.

    Reports are swept in `order`, each joining the open event it matches best (`Group.best`), else starting
    one. Stored reports ordered before the earliest new one keep their events. Past the last new report, the
    sweep stops where it has settled back onto the stored events (`_settled`): the events still open there and
    every later report stay as stored and are not returned, so a batch costs what its neighbourhood holds.
    `horizon`: the first `order` from which `stored` may lack reports (every stored report ordered before it is
    given): when no given report past the last new one finds the sweep settled, it is asked once more there.
    Returns (the other events, each with its members in order; whether the sweep settled before the end)."""
    start, last_new = min(r.order for r in new), max(r.order for r in new)
    kept, again, firsts, swept = _split(stored, start)
    ordered = sorted((r.order, event) for event, r in firsts.items())
    anchors, events = [order for order, _ in ordered], [event for _, event in ordered]
    long = [(order, event) for order, event in ordered if firsts[event].precision in LONG_SPANS]
    # no report may be left to ask whether the sweep settled at: the first place `stored` may lack one stands for it
    edge = [Report(horizon[1], new[0].type, "", horizon[0], None)] if horizon and horizon > last_new else []
    groups = list(kept.values())
    recent = list(kept.values())  # the groups a later report may still join: reports come in order
    # A stored report's event, while it holds exactly its stored reports (`by_event`), is what the report chose
    # when stored, by its stored score: only groups that differ from the stored events (`changed`: a new report
    # in them, a stored one gone or come) can take it elsewhere, so only those are compared with it.
    by_event: dict[str, Group] = dict(kept)
    restored = {id(r) for r in again}  # stored reports swept again (a new report may carry an event id too)
    changed: set[int] = set()
    changed_recent: list[Group] = []
    swept_day = None
    for report in sorted(again + new, key=lambda r: r.order) + edge:
        if report.lo != swept_day:  # events close by the day: look again only when the sweep reaches a new one
            swept_day = report.lo
            recent = [g for g in recent if g.open_for(report)]
            changed_recent = [g for g in changed_recent if g.open_for(report)]
        if report.order > last_new and _settled(recent, report, swept, anchors, events, firsts, long):
            live = {id(g) for g in recent}
            return [g for g in groups if id(g) not in live], True
        if edge and report is edge[0]:
            break
        best, why, stays = None, None, None
        event = report.event_id if id(report) in restored else None
        held = by_event.get(event) if event is not None else None
        if held is not None and id(held) not in changed and report.stored_score is not None:
            stays, candidates = held, changed_recent  # it joined this event when stored, by its stored score
        elif event is not None and held is None and firsts.get(event) is report:
            stays, candidates = report, changed_recent  # it started this event when stored: none took it
        else:
            candidates = recent
        for group in candidates:
            found = group.best(report, reprints)
            if found is None:
                continue
            if best is None or (-found.score, -len(group.members), group.members[0].id) < \
                    (-why.score, -len(best.members), best.members[0].id):
                best, why = group, found
        if isinstance(stays, Group) and (best is None or (-report.stored_score, -len(stays.members),
                                                          stays.members[0].id) <
                                         (-why.score, -len(best.members), best.members[0].id)):
            best, why = stays, None  # joins as stored: its stored score and reason stand (regroup.why)
        if best is not None:
            best.add(report, why)
        else:
            best = single(report)
            groups.append(best)
            recent.append(best)
            if event is not None and best.id == event:
                by_event[event] = best
        if event is None or best.id != event:
            for group in (best, by_event.get(event)):
                if group is not None and id(group) not in changed:
                    changed.add(id(group))
                    if group.open_for(report):
                        changed_recent.append(group)
        if report.event_id is not None:
            swept[report.event_id] = swept.get(report.event_id, 0) + 1
    return groups, False


def _split(stored: list[Report], start: tuple) -> tuple[dict[str, Group], list[Report], dict[str, Report],
                                                        dict[str, int]]:
    """The stored reports as regroup starts: the events as stored up to `start` (the earliest new report's
    order), the reports from there on (in order), each event's first report and its reports before `start`."""
    kept: dict[str, Group] = {}
    again: list[Report] = []
    firsts: dict[str, Report] = {}
    swept: dict[str, int] = {}
    for report in sorted(stored, key=lambda r: r.order):
        firsts.setdefault(report.event_id, report)
        if report.order < start:
            kept.setdefault(report.event_id, Group()).add(report)
            swept[report.event_id] = swept.get(report.event_id, 0) + 1
        else:
            again.append(report)
    return kept, again, firsts, swept
