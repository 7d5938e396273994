"""One event, many reports: which reports make one event, why, and the event's stable id.

Two reports are one event when a score of what they share reaches MERGE_THRESHOLD (`match`): compatible
PLOVER types (one family in kb/merge.yaml: a ceasefire agreed and a ceasefire observed), parties that overlap
(a state and its army, ministers or government; a compound actor and its members; symmetric acts either way
round; an unknown side matches anything), dates whose spans meet or lie a day apart (a report dated by its
day spans that day, one dated only by its article the article's day and the day before, a week the week),
compatible places (the same place, or one inside the other's region or country) and the evidence itself (names
and numbers the two sentences share; a reprinted article's sentences share all of theirs). A known party on
both sides that differs, two different towns, or dates more than a day apart keep reports apart whatever
else they share. Status is not part of identity: alleged and denied reports of one strike are two claims
about one event, kept on the mentions.

Merging is a function of the set of stored reports, never of the order they arrived in: the reports of one
type family are swept in (earliest day, mention id) order, each joining the open event (its first report's
dates still within reach) whose members it matches best, none of them vetoing it; ties go to the event with
more reports, then the smallest first id. An event's id comes from its first report. A new batch only
re-sweeps from its earliest report on (`regroup`): everything before that point would come out the same; and
past its last report the sweep stops where it has settled back onto the stored events, since everything
after would come out the same too. So serial, parallel and Ray runs store the same events.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from parley.identity import MERGE_WINDOW, day
from parley.records import STATUSES, Actor, stable_id

#: When no mention asserts the event, the summary status is the first of these that a mention has.
STATUS_PRIORITY = ("asserted", "alleged", "denied", "negated", "future", "hypothetical")
#: How far before and after its merge date a report's date span reaches, by date precision. Month and year
#: dates say too little to join another report.
SPANS = {"day": (0, 0), "article": (1, 0), None: (1, 0), "week": (0, 6)}
#: Date precisions from surest to least sure: an event's date is its surest report's.
PRECISION_RANK = {"day": 0, "week": 1, "article": 2, None: 3, "month": 4, "year": 5}
_DAYS = {n: timedelta(days=n) for n in range(8)}
#: The longest reach of any span: stored events anchored this long before a batch may still take its reports.
REACH = MERGE_WINDOW + timedelta(days=max(after for _, after in SPANS.values()) + 1)
#: The score two reports need to be one event; the weights of its features sum to 1.
MERGE_THRESHOLD = 0.66
WEIGHTS = {"type": 0.2, "parties": 0.3, "date": 0.25, "place": 0.1, "evidence": 0.15}
WEIGHT_VALUES = tuple(WEIGHTS.values())
#: The type feature of two types of one family (kb/merge.yaml `families`).
FAMILY_TYPE = 0.7
#: The place feature of a place inside a region named by the other report, and inside a country: a town within a
#: region corroborates that two reports tell of one act, a town within a whole country does not.
REGION_NEST, COUNTRY_NEST = 0.7, 0.6
#: The date feature of two reports whose date spans meet but are not both the same day.
OVERLAP = 0.8
#: The date feature of two reports each sure of its day, a day apart.
DAY_APART = 0.3
#: The evidence feature of two reports of reprinted articles whose triggers differ ("struck" and "wounding" in
#: "a drone struck a market, killing seven and wounding 23"): one act, but each report has its twin in the other.
OTHER_TRIGGER_IN_REPRINT = 0.8
#: The evidence feature when either sentence has no names or numbers to compare.
UNKNOWN_EVIDENCE = 0.3
#: Actor ids of generic group nouns ("militants", "elders") name no one party: they count as an unknown side.
GENERIC_PREFIX = "group:"


@dataclass(frozen=True)
class Rules:
    """kb/merge.yaml as merging reads it."""

    family: dict[str, str]
    symmetric: frozenset[str]
    state_sectors: frozenset[str]
    stopwords: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> Rules:
    """kb/merge.yaml, read once; KBError when it is malformed."""
    from parley.errors import KBError
    from parley.kb import extended_mapping

    data = extended_mapping("merge.yaml")
    family: dict[str, str] = {}
    for group in data.get("families", []):
        if not isinstance(group, list) or not group:
            raise KBError("merge.yaml: each entry of `families` must be a list of PLOVER types, e.g. [AGREE, RETREAT]")
        name = min(group)
        for type_ in group:
            family[str(type_)] = min(family.get(str(type_), name), name)
    return Rules(family, frozenset(data.get("symmetric", [])), frozenset(data.get("state_sectors", [])),
                 frozenset(str(w).casefold() for w in data.get("evidence_stopwords", [])))


def family_of(type_: str) -> str:
    """The family a PLOVER type merges within (kb/merge.yaml `families`; the type itself if unlisted)."""
    return rules().family.get(type_, type_)


def family_types(type_: str) -> list[str]:
    """Every type of type_'s family, sorted."""
    name = family_of(type_)
    return sorted({t for t, f in rules().family.items() if f == name} | {type_})


def actor_key(source_ids: list[str], target_ids: list[str]) -> str:
    """Sorted source ids, '>', sorted target ids: equal keys mean the same participants in the same roles."""
    return "+".join(sorted(set(source_ids))) + ">" + "+".join(sorted(set(target_ids)))


def party_roots(actors: Iterable[Actor]) -> str:
    """What a role's actors stand for when reports are compared, '+'-joined and sorted: `state:ISO3` for an
    actor that acts for its state (a state, its army, a minister: kb/merge.yaml `state_sectors`), else the
    actor's id; generic group nouns are left out (an unknown side)."""
    found = set()
    sectors = rules().state_sectors
    for actor in actors:
        if not actor.id or actor.id.startswith(GENERIC_PREFIX):
            continue
        if actor.country and (actor.id.startswith("country:") or actor.type in sectors
                              or actor.id == actor.country):
            found.add(f"state:{actor.country}")
        else:
            found.add(actor.id)
    return "+".join(sorted(found))


_POSSESSIVE = re.compile(r"['’]s?$")
_WORD = re.compile(r"\b[A-Z][\w'’-]*|\b\d[\d,.]*\d\b|\b\d\b")


def evidence_words(sentence: str) -> str:
    """The names and numbers of a sentence, casefolded, sorted and space-joined: what two reports of one
    event tend to share ("11 people ... in Minova")."""
    stop = rules().stopwords
    words = {_POSSESSIVE.sub("", w.casefold().replace(",", "")) for w in _WORD.findall(sentence or "")}
    # single letters are initials ("U.S." gives "u" and "s"), no names
    return " ".join(sorted(w for w in words if (len(w) > 1 or w.isdigit()) and w not in stop))


@lru_cache(maxsize=1)
def _names_by_party() -> dict[str, frozenset[str]]:
    """Every party root's words as the reference data writes it: a state's names, demonyms and capital and the
    names of its people (`state:UKR`: ukraine, ukrainian, kyiv, zelenskyy, ...), an organisation's names."""
    from parley.kb import load

    kb = load()
    found: dict[str, set[str]] = {}

    def add(entity_id: str, name: str) -> None:
        entity = kb.entities.get(entity_id)
        if entity is None:
            return
        # as party_roots codes an actor: a state's organs and officials stand for the state
        root = f"state:{entity.country}" if entity.country and (
            entity.kind == "country" or entity.type in rules().state_sectors) else entity.id
        found.setdefault(root, set()).update(evidence_words(name).split())

    for name, entity_id in [*kb.aliases.items(), *kb.demonyms.items()]:
        add(entity_id, name)
    for entity in kb.entities.values():
        add(entity.id, entity.name)
    return {root: frozenset(words) for root, words in found.items()}


@lru_cache(maxsize=4096)
def party_words(roots: frozenset[str]) -> frozenset[str]:
    """The words that name these parties (party roots): evidence the parties feature has already counted, so
    "Ukraine" shared by two sentences about Ukraine says nothing more about their being one event."""
    names = _names_by_party()
    words: set[str] = set()
    for root in roots:
        words |= names.get(root, frozenset())
        if root.startswith(("person:", "org:", "group:")):  # an actor the data does not list: its id's words
            words.update(root.split(":", 1)[1].split("-"))
    return frozenset(words)


def shifted(when: date, delta: timedelta) -> date:
    """when + delta, held to the calendar's ends (0001-01-01, 9999-12-31) instead of raising OverflowError."""
    try:
        return when + delta
    except OverflowError:
        return date.max if delta > timedelta(0) else date.min


def summary_status(statuses: list[str]) -> str:
    """The event's status from its mentions': asserted if any report asserts it, else the most factual claim."""
    present = set(statuses)
    for status in STATUS_PRIORITY:
        if status in present:
            return status
    return statuses[0] if statuses else STATUSES[0]


def event_id(type_: str, key: str, when: date | None, salt: str = "") -> str:
    return stable_id("event", type_, key, when.isoformat() if when else "", salt)


def mergeable(when: date | None, precision: str | None) -> bool:
    """Undated reports, and reports dated only by month or year, say too little to join another."""
    return when is not None and precision in SPANS


def _split(value: str | None) -> frozenset[str]:
    return frozenset(value.split("+")) if value else frozenset()


@dataclass
class Report:
    """One stored or new event mention, as merging sees it. `sources` and `targets` are party roots
    (`party_roots`), `evidence` a sentence's words (`evidence_words`), `adm1` and `feature` the place's region
    and kind (city, region, country)."""

    id: str
    type: str
    key: str
    when: date | None
    place: str | None
    event_id: str | None = None  # the event it belongs to now (None for a new report)
    precision: str | None = "day"
    sources: frozenset = frozenset()
    targets: frozenset = frozenset()
    country: str | None = None
    adm1: str | None = None
    feature: str | None = None
    evidence: frozenset = frozenset()
    article: str = ""
    in_title: bool = False
    trigger: str = ""
    sentence: int | None = None  # where its sentence starts in the article (or the title)
    status: str = "asserted"

    def __post_init__(self):
        before, after = SPANS.get(self.precision, (0, 0))
        when = self.when or date.min
        self.lo = shifted(when, -_DAYS[before]) if before else when
        self.hi = shifted(when, _DAYS[after]) if after else when
        self.order = (self.lo, self.id)
        # what every comparison reads, worked out once
        self.lo_day, self.hi_day = self.lo.toordinal(), self.hi.toordinal()
        self.family = family_of(self.type)
        self.symmetric = self.type in rules().symmetric
        self.place_key = self.place.strip().casefold() if self.place else ""
        self.party_words = party_words(self.sources | self.targets)


def report_of(row, event_id: str | None = None) -> Report:
    """A Report from an event_mentions row joined with its mention_keys columns (a mapping)."""
    return Report(row["id"], row["type"], row["actor_key"], day(row["merge_date"]), row["location_name"],
                  event_id if event_id is not None else row.get("event_id"), row.get("date_precision"),
                  _split(row.get("source_roots")), _split(row.get("target_roots")), row.get("location_country"),
                  row.get("location_adm1"), row.get("location_feature"), _split_words(row.get("evidence")),
                  row.get("article_id") or "", bool(row.get("in_title")), (row.get("trigger") or "").casefold(),
                  row.get("sentence_start"), row.get("status") or "asserted")


def _split_words(value: str | None) -> frozenset[str]:
    return frozenset(value.split()) if value else frozenset()


@dataclass(frozen=True)
class Match:
    """Why a report joined an event: the score, the feature values and what it matched best (the article of
    that report, else the report's id)."""

    score: float
    features: dict
    other: str

    def reason(self) -> str:
        """The deciding features in words, e.g. 'same type; parties overlap; same day; same place; shares
        minova, 11'."""
        f = self.features
        parts = [f["reprint"]] if f.get("reprint") else []
        parts += [f["type_text"], f["party_text"], f["date_text"], f["place_text"]]
        if f.get("shared"):
            parts.append("shares " + ", ".join(f["shared"][:6]))
        return "; ".join(p for p in parts if p) + f" (matched {self.other})"


def _roles_match(a: frozenset, b: frozenset) -> float | None:
    """1.0 when both name parties and they overlap, 0.5 when either is unknown, None when they differ."""
    if not a or not b:
        return 0.5
    return 1.0 if a & b else None


def _parties(a: Report, b: Report) -> float | None:
    """1.0 when both roles overlap, 0.75 when one does and the other is unknown, 0.5 when both are unknown;
    symmetric acts are also compared the other way round and as one set of parties. None when a known party
    differs in every reading."""
    straight = _pair(_roles_match(a.sources, b.sources), _roles_match(a.targets, b.targets))
    if not (a.symmetric and b.symmetric) or straight == 1.0:
        return straight
    options = [straight, _pair(_roles_match(a.sources, b.targets), _roles_match(a.targets, b.sources))]
    common = (a.sources | a.targets) & (b.sources | b.targets)
    if common:
        options.append(1.0 if len(common) > 1 else 0.75)
    found = [o for o in options if o is not None]
    return max(found) if found else None


def _pair(source: float | None, target: float | None) -> float | None:
    return None if source is None or target is None else (source + target) / 2


PARTY_TEXT = {1.0: "parties overlap", 0.75: "one side overlaps, one unknown", 0.5: "parties unknown"}


def _dates(a: Report, b: Report) -> tuple[float, str] | None:
    gap = max(a.lo_day - b.hi_day, b.lo_day - a.hi_day, 0)
    if gap > MERGE_WINDOW.days:
        return None
    if gap == 0:
        exact = a.precision == b.precision == "day"
        return (1.0, "same day") if exact else (OVERLAP, "dates overlap")
    # two reports each sure of its day, a day apart: the same act only if the rest says so
    return (DAY_APART, "a day apart") if a.precision == b.precision == "day" else (0.5, "within a day")


def _places(a: Report, b: Report) -> tuple[float, str] | None:
    if not a.place_key or not b.place_key:
        return 0.5, ""
    if a.place_key == b.place_key:
        return 1.0, f"same place ({a.place})"
    if a.country and b.country and a.country != b.country:
        return None
    wider = {"region", "country"}
    if a.feature in wider or b.feature in wider:
        if a.feature == "country" or b.feature == "country":
            return COUNTRY_NEST, f"{a.place} and {b.place} nest"
        if a.adm1 and a.adm1 == b.adm1:
            return REGION_NEST, f"{a.place} and {b.place} nest"
        if a.adm1 and b.adm1 and a.adm1 != b.adm1:
            return None
        return 0.5, ""
    return None  # two towns


def _one_act_retold(a: Report, b: Report) -> bool:
    """Whether two reports of one article (both of its text, or both of its title) may be one event. One writer
    tells two acts apart, so they are two events, unless one sentence tells one act by two triggers ("a drone
    struck a market, killing seven and wounding 23") or a denial answers the allegation of the same kind of act
    ("Russian forces shelled Kharkiv, the army said. Moscow denied the attack.")."""
    if a.type != b.type:
        return False
    return (a.sentence is not None and a.sentence == b.sentence) or {a.status, b.status} == {"alleged", "denied"}


def _corroborated(parties: float, dates: float, places: float) -> bool:
    """Whether two reports that share no names or numbers beyond their parties' (and are no reprints) still have
    something specific in common: the same place, or a town and its region; or both sides known and dates
    that meet. A type, a day and parties that merely do not conflict make two acts as likely as one; and two reports
    each sure of its own day, on different days, are two acts ("Russia struck Kyiv" on Monday and on Tuesday)."""
    if dates == DAY_APART:
        return False
    return places >= REGION_NEST or (parties == 1.0 and dates >= OVERLAP)


def _scored(a: Report, b: Report, reprint: bool):
    """(score, feature values, date text, place text, shared words) of a and b, or None when ruled out."""
    if a.family != b.family:
        return None
    same_type = a.type == b.type
    if a.article and a.article == b.article and a.in_title == b.in_title and not _one_act_retold(a, b):
        return None
    dates = _dates(a, b)
    if dates is None:
        return None
    places = _places(a, b)
    if places is None:
        return None
    parties = _parties(a, b)
    if parties is None:
        return None
    named = a.party_words | b.party_words
    own_a, own_b = a.evidence - named, b.evidence - named
    shared = own_a & own_b
    if not (reprint or shared or _corroborated(parties, dates[0], places[0])):
        return None
    smaller = min(len(own_a), len(own_b))
    # a sentence with no names or numbers (or a report stored before they were kept) says nothing either way
    if reprint:  # a reprinted sentence shares everything: its report with the same trigger is the same report
        evidence = 1.0 if a.trigger == b.trigger else OTHER_TRIGGER_IN_REPRINT
    else:
        evidence = len(shared) / smaller if smaller else UNKNOWN_EVIDENCE
    values = (1.0 if same_type else FAMILY_TYPE, parties, dates[0], places[0], evidence)
    score = round(sum(w * v for w, v in zip(WEIGHT_VALUES, values)), 3)
    return score, values, dates[1], places[1], shared


def _explained(a: Report, b: Report, reprint: bool, scored) -> Match:
    score, values, date_text, place_text, shared = scored
    same_type = a.type == b.type
    features = {**dict(zip(WEIGHTS, values)),
                "type_text": "same type" if same_type else f"{a.type} and {b.type} one family",
                "party_text": PARTY_TEXT.get(values[1], "parties unknown"), "date_text": date_text,
                "place_text": place_text, "shared": sorted(shared), "reprint": "reprinted article" if reprint else ""}
    return Match(score, features, b.article or b.id)


def match(a: Report, b: Report, reprint: bool = False) -> Match | None:
    """The score of a and b being one event with its features, or None when something rules it out (another
    type family, a known party that differs, dates more than a day apart, places that differ)."""
    scored = _scored(a, b, reprint)
    return None if scored is None else _explained(a, b, reprint, scored)


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
        threshold."""
        found = None
        for member in self.members:
            reprint = bool(reprints) and frozenset((report.article, member.article)) in reprints
            scored = _scored(report, member, reprint)
            if scored is None:
                return None  # ruled out by this member, so by the event
            if found is None or scored[0] > found[0][0]:
                found = (scored, member, reprint)
        if found is None or found[0][0] < MERGE_THRESHOLD:
            return None
        scored, member, reprint = found
        return _explained(report, member, reprint, scored)


def single(report: Report) -> Group:
    """The event of a report that merges with nothing."""
    return Group([report])


def _settled(live: list[Group], nxt: Report, swept: dict[str, int], anchors: list[tuple], events: list[str],
             firsts: dict[str, Report]) -> bool:
    """True when the groups `nxt` and later reports may join (`live`) are exactly the stored events open for
    `nxt`, each with the stored reports it had so far: from here on the sweep would rebuild the stored events
    as they are. `anchors` are the stored events' first reports' orders, sorted, `events` their ids in the
    same order, `firsts` their first reports; `swept` counts the stored reports swept by event."""
    first = bisect.bisect_left(anchors, (shifted(nxt.lo, -REACH),))
    last = bisect.bisect_left(anchors, nxt.order)
    stored_live = {events[k] for k in range(first, last)
                   if swept.get(events[k]) and Group([firsts[events[k]]]).open_for(nxt)}
    if {g.id for g in live} != stored_live:
        return False
    return all(swept.get(g.id) == len(g.members) and all(m.event_id == g.id for m in g.members) for g in live)


def regroup(stored: list[Report], new: list[Report], reprints: Reprints = frozenset()) -> tuple[list[Group], bool]:
    """The events of one type family that adding new reports may change, given the stored reports of every
    stored event of that family anchored from REACH before the earliest new report on (to some horizon), and
    the pairs of articles that are reprints of each other.

    Reports are swept in `order`, each joining the open event it matches best (`Group.best`), else starting
    one. Stored reports ordered before the earliest new one keep their events. Past the last new report, the
    sweep stops where it has settled back onto the stored events (`_settled`): the events still open there and
    every later report stay as stored and are not returned, so a batch costs what its neighbourhood holds.
    Returns (the other events, each with its members in order; whether the sweep settled before the end)."""
    start, last_new = min(r.order for r in new), max(r.order for r in new)
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
    ordered = sorted((r.order, event) for event, r in firsts.items())
    anchors, events = [order for order, _ in ordered], [event for _, event in ordered]
    groups = list(kept.values())
    recent = list(kept.values())  # the groups a later report may still join: reports come in order
    swept_day = None
    for report in sorted(again + new, key=lambda r: r.order):
        if report.lo != swept_day:  # events close by the day: look again only when the sweep reaches a new one
            swept_day = report.lo
            recent = [g for g in recent if g.open_for(report)]
        if report.order > last_new and _settled(recent, report, swept, anchors, events, firsts):
            live = {id(g) for g in recent}
            return [g for g in groups if id(g) not in live], True
        best, why = None, None
        for group in recent:
            found = group.best(report, reprints)
            if found is None:
                continue
            if best is None or (-found.score, -len(group.members), group.members[0].id) < \
                    (-why.score, -len(best.members), best.members[0].id):
                best, why = group, found
        if best is not None:
            best.add(report, why)
        else:
            group = single(report)
            groups.append(group)
            recent.append(group)
        if report.event_id is not None:
            swept[report.event_id] = swept.get(report.event_id, 0) + 1
    return groups, False
