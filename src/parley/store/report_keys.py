"""What merging reads of a report (store/merge.py): a Report built from a stored or new event mention, and the
rules of kb/merge.yaml it is read by.

A report's parties are its sources' and targets' party roots (`party_roots`: a state's organs and officials
stand for the state, as parley.identity says); its evidence is its sentence's names and numbers
(`evidence_words`), less the words that name its parties (`party_words`); its dates are a span that depends on
how sure the date is (SPANS).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from parley.identity import OWN_PARTY_SECTORS, STATE_SECTORS, SYMMETRIC_TYPES, day
from parley.records import Actor

#: How far before and after its merge date a report's date span reaches, by date precision: the less sure the
#: date, the wider the span ("Last month, ICE deported 177 detainees" may be any day of that month; a month's
#: span ends on its last day, 30 days being the longest reach). Year dates say too little to join another report.
SPANS = {"day": (0, 0), "article": (1, 0), None: (1, 0), "week": (0, 6), "month": (0, 30)}
#: Precisions whose span reaches past the next day: an event anchored by such a report stays open that long.
LONG_SPANS = ("week", "month")
#: Date precisions from surest to least sure: an event's date is its surest report's.
PRECISION_RANK = {"day": 0, "week": 1, "article": 2, None: 3, "month": 4, "year": 5}
_DAYS = {n: timedelta(days=n) for n in range(31)}
#: The root of a state's rebels, opposition or gangs named only by their country ("Somali gunmen"): `sector:SOM:REB`.
OWN_PARTY_PREFIX = "sector:"
#: Actor ids of generic group nouns ("militants", "elders") name no one party: they count as an unknown side.
GENERIC_PREFIX = "group:"


@dataclass(frozen=True)
class Rules:
    """kb/merge.yaml as merging reads it."""

    family: dict[str, str]
    stopwords: frozenset[str]
    numbers: dict[str, str]  # a number word -> its digits ("five" -> "5")
    nouns: frozenset[str]  # common nouns of places and objects acts are done at (`evidence_nouns`)
    mutual: frozenset[str] = frozenset()  # words of acts with no direction, whatever their type (`mutual_words`)


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
    numbers = data.get("number_words", {}) or {}
    if not isinstance(numbers, dict) or not all(isinstance(v, int) for v in numbers.values()):
        raise KBError("merge.yaml: `number_words` must map a word to its number, e.g. {five: 5}")
    return Rules(family, frozenset(str(w).casefold() for w in data.get("evidence_stopwords", [])),
                 {str(word).casefold(): str(number) for word, number in numbers.items()},
                 frozenset(str(w).casefold() for w in data.get("evidence_nouns", []) or []),
                 frozenset(str(w).casefold() for w in data.get("mutual_words", []) or []))


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
    actor that acts for its state (a state, its army, a minister: identity.STATE_SECTORS), `sector:ISO3:REB` for
    its rebels, opposition or gangs named only by their country (identity.OWN_PARTY_SECTORS: a party of their own),
    else the actor's id; generic group nouns are left out (an unknown side)."""
    found = set()
    for actor in actors:
        if not actor.id or actor.id.startswith(GENERIC_PREFIX):
            continue
        if actor.country and actor.type in OWN_PARTY_SECTORS and actor.id in (f"country:{actor.country}",
                                                                               actor.country):
            # "Gunmen stormed a hotel in Beledweyne" (Somalia's REB) against "security forces killed the
            # attackers" (Somalia's COP against Somalia's REB): the attack and the counter-attack on its attackers
            found.add(f"{OWN_PARTY_PREFIX}{actor.country}:{actor.type}")
        elif actor.country and (actor.id.startswith("country:") or actor.type in STATE_SECTORS
                                or actor.id == actor.country):
            found.add(f"state:{actor.country}")
        else:
            found.add(actor.id)
    return "+".join(sorted(found))

_POSSESSIVE = re.compile(r"['’]s?$")
_WORD = re.compile(r"\b[A-Z][\w'’-]*|\b\d[\d,.]*\d\b|\b\d\b")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
#: The two words after a determiner, and the word after those: "a hotel where", "the crowded markets of". The
#: words after the first are looked at, not taken, so that the next phrase's determiner opens it ("fighting with
#: the militants inside the hotel": "the hotel" is a phrase of its own).
_NOUN_PHRASE = re.compile(r"\b(?:a|an|the|this|that|these|those|its|their|his|her|our)\s+([a-z]+)\b(?!['’-])"
                          r"(?=(?:\s+([a-z]+)\b(?!['’-]))?(?:\s+([a-z]+))?)")
#: Nouns of acts: a place noun before one names that act ("the hotel siege"), not the place of this one.
_ACT_NOUNS = frozenset("siege attack attacks bombing raid raids strike strikes talks deal agreement crisis".split())
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
#: Days and years of dates ("March 6", "6 March 2025", "in 2024"): when a sentence says, not a fact of the act.
_DATE_NUMBERS = re.compile(rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s*\d{{4}}\b)?"
                           rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b(?:,?\s*\d{{4}}\b)?"
                           rf"|(?:{_MONTHS}|in|since|of|early|late|mid-?)\s+(?:1[89]|20)\d\d\b)", re.IGNORECASE)


def evidence_words(sentence: str, name: bool = False) -> str:
    """The names and numbers of a sentence, casefolded, sorted and space-joined: what two reports of one
    event tend to share ("11 people ... in Minova"); numbers written as words are given as digits
    (kb/merge.yaml `number_words`), and the common nouns of places acts are done at as their singular
    (`evidence_nouns`: "a hotel", "markets"). `name`: the text is an actor's name, whose capitals are its words
    ("NISA", "ECOWAS"), not a headline's."""
    stop = rules().stopwords
    # "violence that began March 6" and "six militants" share no number: a date's day is no count
    sentence = _DATE_NUMBERS.sub(" ", sentence) if sentence else sentence
    found = _WORD.findall(sentence or "")
    if sentence and not name and not any(c.islower() for c in sentence):
        # "RUSSIA ACCUSES UKRAINE OF DRONE STRIKE": a headline in capitals tells no name from a word
        found = [w for w in found if w[0].isdigit()]
    words = {_POSSESSIVE.sub("", w.casefold().replace(",", "")) for w in found}
    found_rules = rules()
    numbers, nouns = found_rules.numbers, found_rules.nouns
    lowered = (sentence or "").casefold()
    # "killing five soldiers" and "5 soldiers were killed": a number written as a word is that number
    words |= {numbers[word] for word in _LOWER_WORD.findall(lowered) if word in numbers}
    # "attacked a hotel" and "stormed the Qahira Hotel": the place of the act, a plural as its singular; only
    # a noun its phrase opens on, not one that names another noun ("this week's hotel siege")
    for first, second, third in _NOUN_PHRASE.findall(lowered):
        for word, after in ((first, second), (second, third)):
            noun = word if word in nouns else word[:-1] if word[-1:] == "s" and word[:-1] in nouns else None
            if noun and after not in _ACT_NOUNS:
                words.add(noun)
                break
    words -= numbers.keys()  # "Five soldiers died": the capitalised word is kept as its number only
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
            entity.kind == "country" or entity.type in STATE_SECTORS) else entity.id
        found.setdefault(root, set()).update(evidence_words(name, name=True).split())

    for name, entity_id in [*kb.aliases.items(), *kb.demonyms.items()]:
        add(entity_id, name)
    for entity in kb.entities.values():
        add(entity.id, entity.name)
    return {root: frozenset(words) for root, words in found.items()}


@lru_cache(maxsize=1)
def actor_words() -> frozenset[str]:
    """The words of every actor the reference data names ("shabab", "nisa", "kremlin"): a party named in two
    sentences is the parties feature's to judge, no fact of the act itself."""
    # numbers in names ("Three Brotherhood Alliance", "G7") stay facts: a toll shared is shared whoever is named
    return frozenset(w for words in _names_by_party().values() for w in words if not w[0].isdigit())


@lru_cache(maxsize=4096)
def unnamed_class(root: str) -> str | None:
    """The `sector:ISO3:SECTOR` root a named rebel group, opposition party or gang of the reference data belongs
    to ("org:al-shabaab": sector:SOM:REB), so that a report naming it and one telling of that country's unnamed
    gunmen can be of one act; None for any other root."""
    from parley.kb import load

    entity = load().entities.get(root) if not root.startswith(("state:", OWN_PARTY_PREFIX)) else None
    if entity is None or not entity.country or entity.type not in OWN_PARTY_SECTORS:
        return None
    return f"{OWN_PARTY_PREFIX}{entity.country}:{entity.type}"


@lru_cache(maxsize=4096)
def party_words(roots: frozenset[str]) -> frozenset[str]:
    """The words that name these parties (party roots): evidence the parties feature has already counted, so
    "Ukraine" shared by two sentences about Ukraine says nothing more about their being one event."""
    names = _names_by_party()
    words: set[str] = set()
    for root in roots:
        if root.startswith(OWN_PARTY_PREFIX):  # "Somali gunmen" are named by their country's words
            root = "state:" + root.split(":")[1]
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


def mergeable(when: date | None, precision: str | None) -> bool:
    """Undated reports, and reports dated only by year, say too little to join another."""
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
    stored_score: float | None = None  # the merge_score it was stored with (None when new or first of its event)

    def __post_init__(self):
        before, after = SPANS.get(self.precision, (0, 0))
        when = self.when or date.min
        self.lo = shifted(when, -_DAYS[before]) if before else when
        if self.precision == "month":  # the month's own last day
            self.hi = when.replace(day=calendar.monthrange(when.year, when.month)[1])
        else:
            self.hi = shifted(when, _DAYS[after]) if after else when
        self.order = (self.lo, self.id)
        # what every comparison reads, worked out once
        self.lo_day, self.hi_day = self.lo.toordinal(), self.hi.toordinal()
        self.family = family_of(self.type)
        # "security forces were still fighting with the militants inside the hotel": a fight has no direction, though
        # its type (ASSAULT) has one (kb/merge.yaml `mutual_words`)
        self.symmetric = self.type in SYMMETRIC_TYPES or not rules().mutual.isdisjoint(self.trigger.split())
        self.place_key = self.place.strip().casefold() if self.place else ""
        self.party_words = party_words(self.sources | self.targets)
        # all that score_pair reads of it but its article: two reports with equal `scored_as` score the same
        # against a report of a third article (a story stored many times over is scored once: merge.Group.best)
        self.scored_as = (self.type, self.when, self.precision, self.place, self.country, self.adm1, self.feature,
                          self.sources, self.targets, self.evidence, self.trigger, self.sentence, self.status)


def report_of(row, event_id: str | None = None) -> Report:
    """A Report from an event_mentions row joined with its mention_keys columns (a mapping)."""
    return Report(row["id"], row["type"], row["actor_key"], day(row["merge_date"]), row["location_name"],
                  event_id if event_id is not None else row.get("event_id"), row.get("date_precision"),
                  _split(row.get("source_roots")), _split(row.get("target_roots")), row.get("location_country"),
                  row.get("location_adm1"), row.get("location_feature"), _split_words(row.get("evidence")),
                  row.get("article_id") or "", bool(row.get("in_title")), (row.get("trigger") or "").casefold(),
                  row.get("sentence_start"), row.get("status") or "asserted",
                  row.get("merge_score") if event_id is None and row.get("event_id") else None)


def _split_words(value: str | None) -> frozenset[str]:
    return frozenset(value.split()) if value else frozenset()
