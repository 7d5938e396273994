"""Typed records that cross module and process boundaries: plain data, no spaCy objects inside."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
STATUSES = ("asserted", "future", "hypothetical", "negated", "alleged", "denied")
STANCES = ("demand", "propose", "support", "accept", "conditional", "reject", "oppose")
#: What a stance says of the issue: for it, against it, or for it on a condition. A position shifts only
#: when this changes (accept -> support is the same stance put another way; reject -> accept is a shift).
STANCE_LEANING = {"demand": "for", "propose": "for", "support": "for", "accept": "for",
                  "conditional": "conditional", "reject": "against", "oppose": "against"}
ISSUES = (
    "ceasefire", "talks", "territory", "neutrality", "security_guarantees", "sanctions_relief",
    "prisoners", "humanitarian", "withdrawal", "civilian_protection", "governance", "accountability",
)
DATE_PRECISIONS = ("day", "week", "month", "year", "article")


def stable_id(*parts: Any, length: int = 16) -> str:
    """A short hex id that is the same for the same parts on every run and machine. A lone surrogate in a part
    is hashed as it stands (the checks at the door report it, naming its field, after the id is made)."""
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:length]


@dataclass(frozen=True)
class Article:
    """One input article; `origin` names where it came from (file and line) for error messages."""

    text: str
    id: str = ""
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None
    #: False when `title` was made from a file name rather than written by the outlet: shown, not read
    headline: bool = True
    #: True when `text` is a feed entry's summary, its page could not be fetched (a later ingest reads the page)
    summary: bool = False

    def with_id(self) -> Article:
        if self.id:
            return self
        return replace(self, id=stable_id(self.url or "", self.text))


@dataclass(frozen=True)
class Actor:
    """A resolved actor mention: what the text says, where, and who it is."""

    text: str
    start: int
    end: int
    name: str
    id: str
    country: str | None
    type: str | None

    def to_json(self) -> dict:
        return {"text": self.text, "span": [self.start, self.end], "name": self.name, "id": self.id,
                "country": self.country, "type": self.type}


@dataclass(frozen=True)
class Location:
    """Where an event happened: the name as the text spells it, ISO3 country, ADM1 region name,
    decimal-degree coordinates, GeoNames id where there is one, and how precise the point is
    (`precision`: point for a town, region for an ADM1 or named region, country for a country or for a town
    the gazetteer lacks mapped at its country; None when there are no coordinates)."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str  # city | region | country
    text: str | None = None
    adm1: str | None = None
    geonameid: int | None = None

    @property
    def precision(self) -> str | None:
        if self.lat is None:
            return None  # a name kept without a point says nothing precise about where
        return {"city": "point", "country": "country"}.get(self.feature, "region")

    def to_json(self) -> dict:
        return {"name": self.name, "country": self.country, "adm1": self.adm1, "lat": self.lat, "lon": self.lon,
                "geonameid": self.geonameid, "precision": self.precision, "feature": self.feature}


@dataclass(frozen=True)
class Link:
    rel: str  # alleges | denies | responds_to
    event: str

    def to_json(self) -> dict:
        return {"rel": self.rel, "event": self.event}


@dataclass
class Event:
    """One coded event with its roles, status, date and place."""

    id: str
    type: str
    span: tuple[int, int]
    trigger: str
    sentence_span: tuple[int, int]
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    mode: str | None = None
    cameo: str | None = None
    status: str = "asserted"
    claimed_by: Actor | None = None
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    location: Location | None = None
    links: list[Link] = field(default_factory=list)
    confidence: float = 0.5

    def map_actors(self, change: Callable[[Actor], Actor]) -> None:
        """Replace each actor of the event's roles and its claimant by `change(actor)`, in place."""
        self.source = [change(a) for a in self.source]
        self.target = [change(a) for a in self.target]
        self.claimed_by = change(self.claimed_by) if self.claimed_by is not None else None

    def to_json(self) -> dict:
        return {
            "id": self.id, "type": self.type, "mode": self.mode, "cameo": self.cameo,
            "span": list(self.span), "sentence_span": list(self.sentence_span), "trigger": self.trigger,
            "source": _roles_json(self.source), "target": _roles_json(self.target),
            "date": self.date, "date_precision": self.date_precision, "date_text": self.date_text,
            "location": self.location.to_json() if self.location else None,
            "status": self.status,
            "claimed_by": self.claimed_by.to_json() if self.claimed_by else None,
            "links": [link.to_json() for link in self.links],
            "confidence": round(self.confidence, 3),
        }


def _roles_json(actors: list[Actor]) -> list[dict]:
    """Always a list (empty when the role is unfilled), as Event.source and Event.target are."""
    return [a.to_json() for a in actors]


@dataclass(frozen=True)
class Position:
    """A party's stance on a negotiating issue, with the evidence span; `actor` is the state or group that
    holds it (its text and span are the speaker's words), `condition` the condition it is tied to, as
    written ("the government releases its commanders"), or None."""

    actor: Actor
    issue: str
    stance: str
    span: tuple[int, int]
    evidence: str
    date: str | None = None
    condition: str | None = None

    def to_json(self) -> dict:
        return {"actor": self.actor.to_json(), "issue": self.issue, "stance": self.stance,
                "span": list(self.span), "evidence": self.evidence, "date": self.date, "condition": self.condition}


@dataclass
class Document:
    """Everything Parley read from one article."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: events the title reports and the text does not; their spans are offsets into `title` (see headlines.py)
    title_events: list[Event] = field(default_factory=list)
    #: True when `text` is a feed entry's summary, its page could not be fetched (Article.summary)
    summary: bool = False

    def to_json(self) -> dict:
        return {
            "id": self.id, "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url, "source": self.source,
            "events": [e.to_json() for e in self.events],
            "title_events": [e.to_json() for e in self.title_events],
            "actors": [a.to_json() for a in self.actors],
            "positions": [p.to_json() for p in self.positions],
            "warnings": list(self.warnings),
        }


# Records as plain values, for msgpack (spaCy's Doc.to_bytes, which nlp.pipe(n_process=N) sends between
# processes) and JSON (the Ray engine's rows, Parquet): `plain_default` is the packer's `default` hook and
# `plain_hook` the unpacker's `object_hook`, so nested records round-trip without a hand-written schema.
RECORD_TAG, DATE_TAG = "__parley__", "__date__"
_RECORDS = {cls.__name__: cls for cls in (Article, Actor, Location, Link, Event, Position, Document)}


def plain_default(obj: Any) -> dict:
    """A record as {RECORD_TAG: its class name, field: value, ...}, a date as {DATE_TAG: ISO text}; nested
    records are left for the encoder to call this again. Raises TypeError for anything else."""
    name = type(obj).__name__
    if _RECORDS.get(name) is type(obj):
        return {RECORD_TAG: name, **{f.name: getattr(obj, f.name) for f in fields(obj)}}
    if type(obj) is date:
        return {DATE_TAG: obj.isoformat()}
    raise TypeError(f"can not serialize {name!r} object")


def plain_hook(d: dict) -> Any:
    """The record or date plain_default made of d (d itself when it is neither); lists back to tuples where
    the field is a tuple (msgpack and JSON have only lists)."""
    if RECORD_TAG in d:
        cls = _RECORDS[d[RECORD_TAG]]
        values = {}
        for f in fields(cls):
            if f.name in d:
                value = d[f.name]
                values[f.name] = tuple(value) if isinstance(value, list) and str(f.type).startswith("tuple") \
                    else value
        return cls(**values)
    if DATE_TAG in d and len(d) == 1:
        return date.fromisoformat(d[DATE_TAG])
    return d
