"""Actors: the list with their event and position counts, and one actor with its events, partners and positions."""

from __future__ import annotations

from sqlalchemy import Connection, and_, func, or_, select, true

from parley.errors import NotFound
from parley.store.read.common import _like, actors_by_id, check_offset
from parley.store.read.events import EventFilter, list_events
from parley.store.read.positions import PositionFilter, list_positions
from parley.store.schema import actor_counts, actor_partners, actors


def _actor_item(r) -> dict:
    return {"id": r["id"], "name": r["name"], "country": r["country"], "type": r["type"],
            "events": int(r["events"] or 0), "as_source": int(r["as_source"] or 0),
            "as_target": int(r["as_target"] or 0), "claims": int(r["claims"] or 0),
            "positions": int(r["positions"] or 0)}


def _actor_select():
    """Actors with their counts as store/derived.py keeps them (actor_counts), 0 where it has none."""
    counts = actor_counts
    query = (
        select(actors, *(func.coalesce(counts.c[name], 0).label(name)
                         for name in ("events", "as_source", "as_target", "positions", "claims")))
        .outerjoin(counts, counts.c.actor_id == actors.c.id)
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
    query, _ = _actor_select()
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
    """The actors this one faces most often across the dyad (it as source and they as target, or the reverse):
    events with each, and how many of those are cooperative, as actor_partners (store/derived.py) counts them."""
    p = actor_partners
    rows = conn.execute(select(p.c.other_id, p.c.events, p.c.cooperative).where(p.c.actor_id == actor_id)
                        .order_by(p.c.events.desc(), p.c.other_id).limit(top)).all()
    refs = actors_by_id(conn, (other for other, _, _ in rows))
    return [{"actor": refs.get(other) or {"id": other, "name": other},
             "events": int(n), "cooperative": int(coop), "conflictual": int(n) - int(coop)}
            for other, n, coop in rows]
