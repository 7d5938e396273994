"""Actors: the list with their event and position counts, and one actor with its events, partners and positions."""

from __future__ import annotations

from sqlalchemy import Connection, and_, case, func, or_, select, true

from parley.errors import NotFound
from parley.store.read.common import COOPERATIVE, _like, actors_by_id, check_offset
from parley.store.read.events import EventFilter, list_events
from parley.store.read.positions import PositionFilter, list_positions
from parley.store.schema import actors, event_actors, event_mentions, events, positions


def _actor_counts(only: str | None = None):
    where = [] if only is None else [event_actors.c.actor_id == only]
    return (
        select(event_actors.c.actor_id,
               func.count(func.distinct(event_actors.c.event_id)).label("events"),
               func.sum(case((event_actors.c.role == "source", 1), else_=0)).label("as_source"),
               func.sum(case((event_actors.c.role == "target", 1), else_=0)).label("as_target"))
        .where(*where).group_by(event_actors.c.actor_id).subquery("counts")
    )


def _position_counts(only: str | None = None):
    where = [] if only is None else [positions.c.actor_id == only]
    return (select(positions.c.actor_id, func.count().label("positions"))
            .where(*where).group_by(positions.c.actor_id).subquery("pcounts"))


def _claim_counts(only: str | None = None):
    where = [] if only is None else [event_mentions.c.claimed_by_actor_id == only]
    return (select(event_mentions.c.claimed_by_actor_id.label("actor_id"), func.count().label("claims"))
            .where(event_mentions.c.claimed_by_actor_id.is_not(None), *where)
            .group_by(event_mentions.c.claimed_by_actor_id).subquery("ccounts"))


def _actor_item(r) -> dict:
    return {"id": r["id"], "name": r["name"], "country": r["country"], "type": r["type"],
            "events": int(r["events"] or 0), "as_source": int(r["as_source"] or 0),
            "as_target": int(r["as_target"] or 0), "claims": int(r["claims"] or 0),
            "positions": int(r["positions"] or 0)}


def _actor_select(only: str | None = None):
    """Actors with their counts; with `only`, counted for that one actor alone (not over every row)."""
    counts, pcounts, ccounts = _actor_counts(only), _position_counts(only), _claim_counts(only)
    query = (
        select(actors, func.coalesce(counts.c.events, 0).label("events"),
               func.coalesce(counts.c.as_source, 0).label("as_source"),
               func.coalesce(counts.c.as_target, 0).label("as_target"),
               func.coalesce(pcounts.c.positions, 0).label("positions"),
               func.coalesce(ccounts.c.claims, 0).label("claims"))
        .outerjoin(counts, counts.c.actor_id == actors.c.id)
        .outerjoin(ccounts, ccounts.c.actor_id == actors.c.id)
        .outerjoin(pcounts, pcounts.c.actor_id == actors.c.id)
    )
    return query, counts


def list_actors(conn: Connection, q: str | None = None, country: str | None = None, actor_type: str | None = None,
                limit: int | None = 50, offset: int = 0) -> tuple[int, list[dict]]:
    """(how many actors match, one page of them), most events first: id, name, country, type and counts of
    events, events as source and as target, and positions. `q` is part of a name or id."""
    conds = []
    if q:
        conds.append(or_(func.lower(actors.c.name).like(_like(q), escape="\\"),
                         func.lower(actors.c.id).like(_like(q), escape="\\")))
    if country:
        conds.append(actors.c.country == country)
    if actor_type:
        conds.append(func.lower(actors.c.type) == actor_type.casefold())
    where = and_(true(), *conds)
    total = conn.execute(select(func.count()).select_from(actors).where(where)).scalar_one()
    check_offset(offset, total, "actors")
    query, counts = _actor_select()
    stmt = (query.where(where).order_by(func.coalesce(counts.c.events, 0).desc(), actors.c.name, actors.c.id)
            .offset(offset))
    rows = conn.execute(stmt if limit is None else stmt.limit(limit)).mappings().all()
    return total, [_actor_item(r) for r in rows]


def get_actor(conn: Connection, actor_id: str, limit: int = 20) -> dict:
    """One actor with its counts, its latest events as source and as target, its partners and positions."""
    query, _ = _actor_select(actor_id)
    row = conn.execute(query.where(actors.c.id == actor_id)).mappings().first()
    if row is None:
        raise NotFound(f"No actor {actor_id!r}. Find actors with `parley actors` or /api/actors?q=NAME (each has its id).")
    item = _actor_item(row)
    for role in ("source", "target"):
        total, items = list_events(conn, EventFilter(actor_ids=[actor_id], role=role), limit, 0)
        item[f"as_{role}_events"] = {"total": total, "limit": limit, "offset": 0, "items": items}
    item["partners"] = _partners(conn, actor_id)
    _, item["positions_list"] = list_positions(conn, PositionFilter(actor_ids=[actor_id]), 500, 0,
                                               newest_first=False)
    return item


def _partners(conn: Connection, actor_id: str, top: int = 10) -> list[dict]:
    me, other = event_actors.alias("me"), event_actors.alias("other")
    rows = conn.execute(
        select(other.c.actor_id, func.count(func.distinct(events.c.id)).label("n"),
               func.count(func.distinct(case((events.c.type.in_(COOPERATIVE), events.c.id)))).label("coop"))
        .select_from(me.join(other, and_(other.c.event_id == me.c.event_id, other.c.role != me.c.role,
                                         other.c.actor_id != me.c.actor_id))
                     .join(events, events.c.id == me.c.event_id))
        .where(me.c.actor_id == actor_id)
        .group_by(other.c.actor_id)
        .order_by(func.count(func.distinct(events.c.id)).desc(), other.c.actor_id)
        .limit(top)
    ).mappings().all()
    refs = actors_by_id(conn, (r["actor_id"] for r in rows))
    return [{"actor": refs.get(r["actor_id"]) or {"id": r["actor_id"], "name": r["actor_id"]},
             "events": int(r["n"]), "cooperative": int(r["coop"]), "conflictual": int(r["n"]) - int(r["coop"])}
            for r in rows]
