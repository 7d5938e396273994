"""The stored actors: their ids, and a name, country and sector that do not depend on which mention came first."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, insert, select, update

from parley.records import Actor, stable_id
from parley.store.rows import chunks
from parley.store.schema import actors


def actor_id(actor: Actor) -> str:
    """The stored id of an actor: its reference id, else one made from its name."""
    return actor.id or stable_id("actor", actor.name.casefold())


#: The order in which a stored actor's sector is chosen among those its mentions gave: a state's
#: government before its army or police, so that "Congolese troops" read first does not make Congo an army.
SECTOR_ORDER = ("GOV", "MIL", "COP", "LEG", "JUD", "SPY", "IGO", "REB", "OPP", "PTY")


def _preferred(current: dict | None, actor: Actor) -> dict:
    """An actor's stored name, country and type from what is stored and one more mention of it: for an actor
    of the reference data, its own; else for each a choice that does not depend on which mention came first
    (the sector by SECTOR_ORDER, then alphabetically; the country and the name alphabetically), so a corpus
    ingested in any order stores the same actors."""
    def sector_rank(value):
        return (value not in SECTOR_ORDER, SECTOR_ORDER.index(value) if value in SECTOR_ORDER else 0, value)

    def pick(a, b, key=lambda v: v):
        given = [v for v in (a, b) if v]
        return min(given, key=key) if given else None

    known = _kb_entity(actor_id(actor))
    if known is not None:  # the reference data's own name, country and sector, whatever a sentence suggested
        return {"name": known.name, "country": known.country or pick(current and current["country"], actor.country),
                "type": known.type or pick(current and current["type"], actor.type, sector_rank)}
    if current is None:
        return {"name": actor.name, "country": actor.country, "type": actor.type}
    return {"name": pick(current["name"], actor.name), "country": pick(current["country"], actor.country),
            "type": pick(current["type"], actor.type, sector_rank)}


def _kb_entity(key: str):
    """The reference data's entity with this actor id (kb/*.yaml), else None."""
    from parley.kb import load

    return load().entities.get(key)


def ensure_actors(conn: Connection, found: Iterable[Actor], known: set[str] | None = None) -> set[str]:
    """Store actors not stored yet, and bring a stored actor's name, country and type to the order-free choice
    among its mentions' (`_preferred`); return the ids of the stored actors whose values changed (the events
    already stored with them are filed under the old country: the writer recounts their facets). `known` caches
    the ids of actors whose stored values are already final for what was written so far; every batch's actors
    are still compared with the stored values, since a later mention may bring a value that wins."""
    wanted: dict[str, dict] = {}
    for actor in found:
        key = actor_id(actor)
        wanted[key] = _preferred(wanted.get(key), actor)
    if not wanted:
        return set()
    stored = {}
    for chunk in chunks(list(wanted)):
        stored.update({row.id: row for row in conn.execute(select(actors).where(actors.c.id.in_(chunk)))})
    new, changed = [], []
    for key, values in wanted.items():
        row = stored.get(key)
        if row is None:
            new.append({"id": key, **values})
            continue
        now_ = {"name": row.name, "country": row.country, "type": row.type}
        best = _preferred(now_, Actor(text="", start=0, end=0, name=values["name"], id=key,
                                      country=values["country"], type=values["type"]))
        if best != now_:
            changed.append({"key": key, **best})
    if new:
        conn.execute(insert(actors), new)
    if changed:
        conn.execute(update(actors).where(actors.c.id == bindparam("key"))
                     .values(name=bindparam("name"), country=bindparam("country"), type=bindparam("type")), changed)
    if known is not None:
        known.update(wanted)
    return {row["key"] for row in changed}
