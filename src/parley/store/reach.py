"""Which of the stored reports read around a run of new reports the new ones can reach, so that merging sweeps
those and not every report of the type family on those days.

Merging sweeps reports in date order, each joining the open event it matches best, where a report whose every
member rules it out is no candidate (store/merge.py). So a stored event none of whose reports could ever be one
event with a new report, nor with a report of an event the new ones may reach, comes out of the sweep as it was
stored, and sweeping it again only costs: the stored events fall into those the new reports reach (`reachable`:
connected to a new report by pairs of reports that could be one event) and the rest, and only the first are
swept. On a store whose days are crowded with the same few parties, that is a few events a run instead of every
event of the family near its days.

Whether two reports could be one event is `may_match`: store/match.py's score_pair as of no article in common,
either way round, with the two articles taken as reprints of each other when they share a MinHash band (which every
two reprints do: store/reprints.py), so it holds for every pair merging could put in one event. Reports are
compared by their `scored_as` (a story stored many times over has one): a pair of those once, without articles,
and when only reprints could join them, whether any two of their articles share a band.
"""

from __future__ import annotations

from dataclasses import replace

from parley.store import reprints
from parley.store.match import score_pair
from parley.store.report_keys import Report, unnamed_class


def may_match(a: Report, b: Report, reprint: bool = True) -> bool:
    """Whether reports a and b could be one event whatever articles they come from (as reprints of each other
    when `reprint`, which only ever widens what score_pair allows; as reports of two articles, which never
    narrows it): score_pair finds no rule that keeps them apart, either way round."""
    a, b = _stand_in(a), _stand_in(b)
    return score_pair(a, b, reprint) is not None or score_pair(b, a, reprint) is not None


def _stand_in(report: Report) -> Report:
    """The report as of no article, so that no rule about two reports of one article applies."""
    return replace(report, article="", in_title=False) if report.article else report


def _roots(report: Report) -> frozenset:
    return report.sources | report.targets


def _keys(report: Report) -> frozenset:
    """What two reports must have in common for score_pair to see their parties as overlapping when both name
    some (match._parties): a party root; a named rebel group and its country's unnamed gunmen share the gunmen's
    class ("al-Shabab" and "Somali gunmen": sector:SOM:REB); and two meetings in one town share the town, since
    the report of the host alone ("Egypt hosted the talks in Sharm el-Sheikh") matches the meeting of any parties
    there (match._host_only)."""
    roots = _roots(report)
    keys = set(roots) | {c for c in map(unnamed_class, roots) if c is not None}
    if report.symmetric and report.place_key:
        keys.add("at:" + report.place_key)
    return frozenset(keys)


#: `Reach._may` of two scored_as: never one event, one event whatever their articles, only as reprints.
NEVER, ALWAYS, AS_REPRINTS = 0, 1, 2


#: A Reach kept from batch to batch forgets what it worked out past this many `scored_as` pairs or reports (a
#: few tens of MB): a writer's next batches read mostly the days its last ones read, so recent pairs are those
#: asked again.
MAX_KNOWN, MAX_STAND_INS = 400_000, 60_000


class Reach:
    """`reachable` for one type family's runs, remembering which `scored_as` pairs may match (`sketches`: the
    signatures of the articles read, whose MinHash bands tell which may be reprints). What it remembers holds
    whatever the store holds (a pair of scored_as, as of no article), so a writer keeps one per type family from
    batch to batch (`Reaches`), giving each batch's sketches: consecutive batches read mostly the same days, and
    comparing their reports again was most of what reachable cost."""

    def __init__(self, sketches: reprints.Sketches) -> None:
        self.sketches = sketches
        self.numbers: dict[tuple, int] = {}  # scored_as -> a small number
        self.stand_ins: list[Report] = []  # by number
        self.known: dict[tuple[int, int], int] = {}

    def forget_if_full(self) -> None:
        """Forget every pair and number once past MAX_KNOWN pairs or MAX_STAND_INS reports (memory stays bounded
        on a long run; the next batches work out again what they ask)."""
        if len(self.known) > MAX_KNOWN or len(self.stand_ins) > MAX_STAND_INS:
            self.numbers, self.stand_ins, self.known = {}, [], {}

    def _number(self, report: Report) -> int:
        found = self.numbers.get(report.scored_as)
        if found is None:
            found = self.numbers[report.scored_as] = len(self.stand_ins)
            self.stand_ins.append(_stand_in(report))
        return found

    def _may(self, a: int, b: int) -> int:
        key = (a, b) if a < b else (b, a)
        found = self.known.get(key)
        if found is None:
            one, other = self.stand_ins[a], self.stand_ins[b]
            found = self.known[key] = (ALWAYS if may_match(one, other, False) else
                                       AS_REPRINTS if may_match(one, other, True) else NEVER)
        return found

    def reachable(self, stored: list[Report], new: list[Report]) -> list[Report]:
        """The reports in `stored` (each with its event_id) of the stored events a new report can reach: one of
        their reports may_match a new report or a report of another such event. Whole events, in `stored`'s
        order. The articles' signatures must have been read (Sketches.pairs_within)."""
        by_number: dict[int, set[str]] = {}  # a scored_as's number -> the stored events with a report of it
        of_event: dict[str, set[int]] = {}
        by_root: dict[str, set[int]] = {}
        bands: dict[int, set] = {}  # a number -> the MinHash bands of its reports' articles
        unknown_side: set[int] = set()  # numbers of reports with a role no party is known for
        unknown_both: set[int] = set()
        for report in [*new, *stored]:
            number = self._number(report)
            if number not in bands:
                bands[number] = set()
                for key in _keys(report):
                    by_root.setdefault(key, set()).add(number)
                if not report.sources or not report.targets:
                    unknown_side.add(number)
                    if not report.sources and not report.targets:
                        unknown_both.add(number)
            bands[number] |= self.sketches.bands_of(report.article)
            if report.event_id is not None:
                by_number.setdefault(number, set()).add(report.event_id)
                of_event.setdefault(report.event_id, set()).add(number)
        reached: set[str] = set()
        frontier = list({self._number(report) for report in new})
        seen: set[int] = set(frontier)
        while frontier:
            number = frontier.pop()
            one = self.stand_ins[number]
            # two reports are compared only if they may share a party: a party (or its class, or a meeting's
            # town) in common, in any role, or a side no party is known for in each (see match._parties, `_keys`)
            if not one.sources and not one.targets:
                candidates: set[int] | dict = bands
            else:
                candidates = set(unknown_both)
                for key in _keys(one):
                    candidates |= by_root.get(key, set())
                if not one.sources or not one.targets:
                    candidates |= unknown_side
            for other in candidates:  # itself among them: the copies of one story are one event
                if other in seen and other != number:
                    continue
                may = self._may(number, other)
                if may == NEVER or (may == AS_REPRINTS and bands[number].isdisjoint(bands[other])):
                    continue
                if other != number:
                    seen.add(other)
                    frontier.append(other)
                for event in by_number.get(other, set()) - reached:
                    reached.add(event)
                    for member in of_event[event] - seen:  # its other reports reach further
                        seen.add(member)
                        frontier.append(member)
        return [report for report in stored if report.event_id in reached]


class Reaches:
    """One Reach per type family, kept by a writer from batch to batch (store.batch.Writer): `for_family` gives
    the family's Reach with this batch's sketches."""

    def __init__(self) -> None:
        self.by_family: dict[str, Reach] = {}

    def for_family(self, family: str, sketches: reprints.Sketches) -> Reach:
        reach = self.by_family.get(family)
        if reach is None:
            reach = self.by_family[family] = Reach(sketches)
        reach.sketches = sketches
        reach.forget_if_full()
        return reach
