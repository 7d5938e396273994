"""One event, many reports: which stored event a new mention belongs to, and the event's stable id.

Identity is the PLOVER type, the source and target actor ids, a date within a day and a compatible place
(same name, or one missing). Status is not part of identity: alleged and denied reports of one strike are
two claims about one event, kept on the mentions.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Connection, delete, insert, select, update

from parley.records import STATUSES, stable_id
from parley.store.schema import event_actors, event_mentions, events, links

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


def find_match(conn: Connection, type_: str, key: str, when: date | None, place: str | None) -> str | None:
    """The id of the stored event this mention reports, or None if it is a new event."""
    if when is None or key == ">" and not place:
        return None  # undated, or no participants and no place: too little to say two reports agree
    rows = conn.execute(
        select(events.c.id, events.c.date, events.c.location_name, events.c.mention_count)
        .where(events.c.type == type_, events.c.actor_key == key,
               events.c.date >= (when - MERGE_WINDOW).isoformat(),
               events.c.date <= (when + MERGE_WINDOW).isoformat())
    ).all()
    candidates = [r for r in rows if day(r.date) is not None and same_place(r.location_name, place)]
    if not candidates:
        return None
    best = min(candidates, key=lambda r: (abs((day(r.date) - when).days), -r.mention_count, r.id))
    return best.id


def free_id(conn: Connection, type_: str, key: str, when: date | None, place: str | None,
            current: str | None = None) -> str:
    """The stable id for an event; a different event already holding it pushes this one to a salted id."""
    candidate = event_id(type_, key, when)
    salt = 0
    while True:
        taken = conn.execute(select(events.c.id).where(events.c.id == candidate)).first()
        if taken is None or candidate == current:
            return candidate
        salt += 1
        candidate = event_id(type_, key, when, f"{(place or '').casefold()}#{salt}")


def rekey(conn: Connection, old: str, new: str) -> None:
    """Give an event a new id (its earliest date moved), carrying its actors, mentions and links along."""
    row = conn.execute(select(events).where(events.c.id == old)).mappings().one()
    conn.execute(insert(events).values({**row, "id": new}))
    actors = conn.execute(select(event_actors).where(event_actors.c.event_id == old)).mappings().all()
    conn.execute(delete(event_actors).where(event_actors.c.event_id == old))
    if actors:
        conn.execute(insert(event_actors), [{**a, "event_id": new} for a in actors])
    conn.execute(update(event_mentions).where(event_mentions.c.event_id == old).values(event_id=new))
    conn.execute(update(links).where(links.c.from_event_id == old).values(from_event_id=new))
    conn.execute(update(links).where(links.c.to_event_id == old).values(to_event_id=new))
    conn.execute(delete(events).where(events.c.id == old))
