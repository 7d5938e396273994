"""Read queries for the API and dashboard: SQLAlchemy Core over the store's tables, bound parameters only.

Everything that counts or groups does so in SQL, so pages stay fast on large corpora; Python only
shapes at most one page of rows into JSON.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import pycountry
from sqlalchemy import (
    Connection, Text, and_, case, exists, func, literal_column, or_, select, text, true,
)

from parley.api.errors import BadRequest, NotFound
from parley.records import EVENT_TYPES, ISSUES
from parley.store.migrate import mentions_since
from parley.store.schema import (
    actor_mentions, actors, articles, event_actors, event_mentions, events, links, positions,
)

QUADS = {
    "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation", "SUPPORT": "verbal cooperation",
    "CONCEDE": "verbal cooperation",
    "COOPERATE": "material cooperation", "AID": "material cooperation", "RETREAT": "material cooperation",
    "REQUEST": "verbal conflict", "ACCUSE": "verbal conflict", "REJECT": "verbal conflict",
    "THREATEN": "verbal conflict",
    "PROTEST": "material conflict", "SANCTION": "material conflict", "MOBILIZE": "material conflict",
    "COERCE": "material conflict", "ASSAULT": "material conflict",
}
COOPERATIVE = tuple(t for t in EVENT_TYPES if QUADS[t].endswith("cooperation"))


def quad(event_type: str) -> str:
    return QUADS.get(event_type, "other")


def is_cooperative(event_type: str) -> bool:
    return event_type in COOPERATIVE


# ---------------------------------------------------------------- parameters that need the database


def resolve_actor(conn: Connection, value: str) -> list[str]:
    """Actor ids for an id or a name (case-insensitive); a 400 that points at /api/actors if none."""
    found = conn.execute(select(actors.c.id).where(actors.c.id == value)).scalars().all()
    if not found:
        found = conn.execute(
            select(actors.c.id).where(func.lower(actors.c.name) == value.casefold()).order_by(actors.c.id)
        ).scalars().all()
    if not found:
        raise BadRequest(f"No actor {value!r}. Send an actor id or exact name as listed by "
                         f"/api/actors?q={value[:40]}.", "actor")
    return list(found)


def resolve_country(value: str) -> str:
    """An ISO 3166 alpha-3 code from a code or a country name."""
    cleaned = value.strip()
    if re.fullmatch(r"[A-Za-z]{3}", cleaned):
        return cleaned.upper()
    try:
        from parley import kb
        entity = kb.load().entity_for(cleaned) or kb.load().entity_for(cleaned.title())
        if entity is not None and entity.kind == "country" and entity.country:
            return entity.country
    except Exception:  # reference data that does not load leaves pycountry's names
        pass
    try:
        return pycountry.countries.lookup(cleaned).alpha_3
    except LookupError:
        raise BadRequest(f"Unknown country {value!r}. Send an ISO 3166 code such as UKR or UA, "
                         "or an English name such as Ukraine.", "country") from None


def fts_articles(conn: Connection, q: str):
    """A SELECT of the ids of articles whose title or text contain every word of `q`."""
    words = re.findall(r"\w+", q)[:20]
    if not words:
        raise BadRequest(f"q={q!r} has no words to search for: send one or more words, e.g. q=ceasefire.", "q")
    if conn.dialect.name == "sqlite":
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        return text(
            "SELECT articles.id FROM articles JOIN articles_fts ON articles_fts.rowid = articles.rowid "
            "WHERE articles_fts MATCH :fts_match"
        ).bindparams(fts_match=match).columns(id=Text)
    english = literal_column("'english'::regconfig")
    document = func.to_tsvector(english, func.coalesce(articles.c.title, "") + " " + articles.c.text)
    return select(articles.c.id).where(document.op("@@")(func.plainto_tsquery(english, " ".join(words))))


# ---------------------------------------------------------------- events


@dataclass
class EventFilter:
    actor_ids: list[str] | None = None
    role: str = "any"
    country: str | None = None
    types: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    issue: str | None = None
    since: date | None = None
    until: date | None = None
    q: str | None = None
    article: str | None = None

    def conditions(self, conn: Connection) -> list:
        conds = []
        if self.types:
            conds.append(events.c.type.in_(self.types))
        if self.statuses:
            conds.append(events.c.status.in_(self.statuses))
        if self.since:
            conds.append(events.c.date >= self.since.isoformat())
        if self.until:
            conds.append(events.c.date <= self.until.isoformat())
        if self.actor_ids:
            ea = event_actors.alias("ea_actor")
            role = [] if self.role == "any" else [ea.c.role == self.role]
            conds.append(exists(select(1).where(ea.c.event_id == events.c.id, ea.c.actor_id.in_(self.actor_ids),
                                                *role)))
        if self.country:
            ea, ac = event_actors.alias("ea_country"), actors.alias("a_country")
            conds.append(or_(
                events.c.location_country == self.country,
                exists(select(1).select_from(ea.join(ac, ac.c.id == ea.c.actor_id))
                       .where(ea.c.event_id == events.c.id, ac.c.country == self.country)),
            ))
        if self.issue:
            m, p = event_mentions.alias("m_issue"), positions.alias("p_issue")
            same_sentence = and_(p.c.article_id == m.c.article_id,
                                 p.c.span_start < func.coalesce(m.c.sentence_end, m.c.span_end),
                                 p.c.span_end > func.coalesce(m.c.sentence_start, m.c.span_start))
            conds.append(exists(select(1).select_from(m.join(p, same_sentence))
                                .where(m.c.event_id == events.c.id, p.c.issue == self.issue)))
        if self.q:
            m = event_mentions.alias("m_q")
            conds.append(exists(select(1).where(m.c.event_id == events.c.id,
                                                m.c.article_id.in_(fts_articles(conn, self.q)))))
        if self.article:
            m = event_mentions.alias("m_article")
            conds.append(exists(select(1).where(m.c.event_id == events.c.id, m.c.article_id == self.article)))
        return conds


def _date_order(column, newest_first: bool):
    nulls_last = case((column.is_(None), 1), else_=0)
    return [nulls_last, column.desc() if newest_first else column.asc()]


def _check_offset(offset: int, total: int, what: str) -> None:
    if offset and offset >= total:
        raise BadRequest(f"offset {offset} is past the end: there are {total} {what}; "
                         f"send an offset from 0 to {max(total - 1, 0)}.", "offset")


def _actor_ref(row, prefix: str = "") -> dict | None:
    actor_id = row.get(prefix + "id")
    if actor_id is None:
        return None
    return {"id": actor_id, "name": row.get(prefix + "name") or actor_id, "country": row.get(prefix + "country"),
            "type": row.get(prefix + "type")}


def _actors_by_id(conn: Connection, ids) -> dict[str, dict]:
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    rows = conn.execute(select(actors).where(actors.c.id.in_(ids))).mappings()
    return {r["id"]: _actor_ref(r) for r in rows}


def _sentence_expr(m, a):
    start = func.coalesce(m.c.sentence_start, m.c.span_start)
    end = func.coalesce(m.c.sentence_end, m.c.span_end)
    return func.substr(a.c.text, start + 1, end - start)


def _event_json(row, roles: dict, first: dict | None, claimants: dict) -> dict:
    location = None
    if row["location_name"] or row["location_country"] or row["lat"] is not None:
        location = {"name": row["location_name"], "country": row["location_country"], "lat": row["lat"],
                    "lon": row["lon"]}
    item = {
        "id": row["id"], "type": row["type"], "quad": quad(row["type"]), "cooperative": is_cooperative(row["type"]),
        "mode": row["mode"], "cameo": row["cameo"], "status": row["status"], "date": row["date"],
        "date_precision": row["date_precision"], "location": location,
        "source": roles.get((row["id"], "source"), []), "target": roles.get((row["id"], "target"), []),
        "mention_count": row["mention_count"] or 0,
        "trigger": None, "sentence": None, "article": None, "claimed_by": None,
    }
    if first:
        item["trigger"] = first["trigger"]
        item["sentence"] = first["sentence"]
        item["article"] = {"id": first["article_id"], "title": first["title"], "published": first["published"],
                           "source": first["article_source"], "url": first["url"]}
        item["claimed_by"] = claimants.get(first["claimed_by_actor_id"])
    return item


def _roles(conn: Connection, event_ids: list[str]) -> dict:
    roles: dict[tuple[str, str], list[dict]] = defaultdict(list)
    if not event_ids:
        return roles
    rows = conn.execute(
        select(event_actors.c.event_id, event_actors.c.role, actors.c.id, actors.c.name, actors.c.country,
               actors.c.type)
        .join(actors, actors.c.id == event_actors.c.actor_id)
        .where(event_actors.c.event_id.in_(event_ids))
        .order_by(event_actors.c.event_id, event_actors.c.role, event_actors.c.ord, actors.c.id)
    ).mappings()
    for r in rows:
        roles[(r["event_id"], r["role"])].append(_actor_ref(r))
    return roles


def hydrate_events(conn: Connection, rows) -> list[dict]:
    """Event rows → JSON items with their actors and their first report (article, sentence, claimant)."""
    rows = list(rows)
    ids = [r["id"] for r in rows]
    if not ids:
        return []
    roles = _roles(conn, ids)
    m, a, e = event_mentions.alias("m"), articles.alias("a"), events.alias("e")
    ranked = (
        select(m.c.event_id, m.c.trigger, m.c.claimed_by_actor_id, m.c.article_id, a.c.title, a.c.published,
               a.c.source.label("article_source"), a.c.url, _sentence_expr(m, a).label("sentence"),
               func.row_number().over(partition_by=m.c.event_id,
                                      order_by=[case((m.c.status == e.c.status, 0), else_=1),
                                                *_date_order(a.c.published, False), m.c.article_id,
                                                m.c.span_start, m.c.id]).label("rn"))
        .join(a, a.c.id == m.c.article_id)
        .join(e, e.c.id == m.c.event_id)
        .where(m.c.event_id.in_(ids))
        .subquery()
    )
    firsts = {r["event_id"]: dict(r) for r in conn.execute(select(ranked).where(ranked.c.rn == 1)).mappings()}
    claimants = _actors_by_id(conn, (f["claimed_by_actor_id"] for f in firsts.values()))
    return [_event_json(r, roles, firsts.get(r["id"]), claimants) for r in rows]


def list_events(conn: Connection, flt: EventFilter, limit: int, offset: int, newest_first: bool = True):
    where = and_(true(), *flt.conditions(conn))
    total = conn.execute(select(func.count()).select_from(events).where(where)).scalar_one()
    _check_offset(offset, total, "events")
    rows = conn.execute(
        select(events).where(where).order_by(*_date_order(events.c.date, newest_first), events.c.id)
        .limit(limit).offset(offset)
    ).mappings().all()
    return total, hydrate_events(conn, rows)


def get_event(conn: Connection, event_id: str) -> dict:
    row = conn.execute(select(events).where(events.c.id == event_id)).mappings().first()
    if row is None:
        raise NotFound(f"No event {event_id!r}. List events at /api/events (each item has its id).")
    item = hydrate_events(conn, [row])[0]
    m, a = event_mentions.alias("m"), articles.alias("a")
    mention_rows = conn.execute(
        select(m, a.c.title, a.c.published, a.c.source.label("article_source"), a.c.url,
               _sentence_expr(m, a).label("sentence"))
        .join(a, a.c.id == m.c.article_id).where(m.c.event_id == event_id)
        .order_by(*_date_order(a.c.published, False), m.c.article_id, m.c.span_start, m.c.id)
    ).mappings().all()
    claimants = _actors_by_id(conn, (r["claimed_by_actor_id"] for r in mention_rows))
    mentions, evidence, seen = [], [], set()
    claims: dict[tuple, dict] = {}
    for r in mention_rows:
        claimant = claimants.get(r["claimed_by_actor_id"])
        has_sentence = r["sentence_start"] is not None and r["sentence_end"] is not None
        mentions.append({
            "id": r["id"],
            "article": {"id": r["article_id"], "title": r["title"], "published": r["published"],
                        "source": r["article_source"], "url": r["url"]},
            "span": [r["span_start"], r["span_end"]],
            "sentence_span": [r["sentence_start"], r["sentence_end"]] if has_sentence else None,
            "sentence": r["sentence"], "trigger": r["trigger"], "status": r["status"], "claimed_by": claimant,
            "date": r["date"], "date_text": r["date_text"], "location_name": r["location_name"],
            "confidence": r["confidence"],
        })
        start = r["sentence_start"] if has_sentence else r["span_start"]
        end = r["sentence_end"] if has_sentence else r["span_end"]
        if (r["article_id"], start, end) not in seen:
            seen.add((r["article_id"], start, end))
            evidence.append({"article_id": r["article_id"], "start": start, "end": end, "text": r["sentence"] or ""})
        key = (r["status"], r["claimed_by_actor_id"])
        claim = claims.setdefault(key, {"status": r["status"], "claimed_by": claimant, "reports": 0, "articles": []})
        claim["reports"] += 1
        if r["article_id"] not in claim["articles"]:
            claim["articles"].append(r["article_id"])
    item["date_text"] = mention_rows[0]["date_text"] if mention_rows else None
    item["mentions"], item["evidence"], item["claims"] = mentions, evidence, list(claims.values())
    item["links"] = _links(conn, event_id)
    return item


def _links(conn: Connection, event_id: str) -> list[dict]:
    other = events.alias("other")
    out_rows = conn.execute(
        select(links.c.id, links.c.rel, other.c.id.label("oid"), other.c.type, other.c.status, other.c.date)
        .outerjoin(other, other.c.id == links.c.to_event_id)
        .where(links.c.from_event_id == event_id).order_by(links.c.id)
    ).mappings().all()
    in_rows = conn.execute(
        select(links.c.id, links.c.rel, other.c.id.label("oid"), other.c.type, other.c.status, other.c.date)
        .join(other, other.c.id == links.c.from_event_id)
        .where(links.c.to_event_id == event_id).order_by(links.c.id)
    ).mappings().all()
    result, seen = [], set()
    for direction, rows in (("out", out_rows), ("in", in_rows)):
        for r in rows:
            key = (direction, r["rel"], r["oid"])
            if key in seen:
                continue
            seen.add(key)
            ref = ({"id": r["oid"], "type": r["type"], "status": r["status"], "date": r["date"]}
                   if r["oid"] else None)
            result.append({"rel": r["rel"], "direction": direction, "event": ref})
    return result


# ---------------------------------------------------------------- actors


def _actor_counts():
    return (
        select(event_actors.c.actor_id,
               func.count(func.distinct(event_actors.c.event_id)).label("events"),
               func.sum(case((event_actors.c.role == "source", 1), else_=0)).label("as_source"),
               func.sum(case((event_actors.c.role == "target", 1), else_=0)).label("as_target"))
        .group_by(event_actors.c.actor_id).subquery("counts")
    )


def _position_counts():
    return (select(positions.c.actor_id, func.count().label("positions"))
            .group_by(positions.c.actor_id).subquery("pcounts"))


def _like(value: str) -> str:
    return "%" + value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _actor_item(r) -> dict:
    return {"id": r["id"], "name": r["name"], "country": r["country"], "type": r["type"],
            "events": int(r["events"] or 0), "as_source": int(r["as_source"] or 0),
            "as_target": int(r["as_target"] or 0), "positions": int(r["positions"] or 0)}


def _actor_select():
    counts, pcounts = _actor_counts(), _position_counts()
    query = (
        select(actors, func.coalesce(counts.c.events, 0).label("events"),
               func.coalesce(counts.c.as_source, 0).label("as_source"),
               func.coalesce(counts.c.as_target, 0).label("as_target"),
               func.coalesce(pcounts.c.positions, 0).label("positions"))
        .outerjoin(counts, counts.c.actor_id == actors.c.id)
        .outerjoin(pcounts, pcounts.c.actor_id == actors.c.id)
    )
    return query, counts


def list_actors(conn: Connection, q: str | None, country: str | None, actor_type: str | None,
                limit: int, offset: int):
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
    _check_offset(offset, total, "actors")
    query, counts = _actor_select()
    rows = conn.execute(
        query.where(where).order_by(func.coalesce(counts.c.events, 0).desc(), actors.c.name, actors.c.id)
        .limit(limit).offset(offset)
    ).mappings().all()
    return total, [_actor_item(r) for r in rows]


def get_actor(conn: Connection, actor_id: str, limit: int) -> dict:
    query, _ = _actor_select()
    row = conn.execute(query.where(actors.c.id == actor_id)).mappings().first()
    if row is None:
        raise NotFound(f"No actor {actor_id!r}. Find actors at /api/actors?q=NAME (each item has its id).")
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
    refs = _actors_by_id(conn, (r["actor_id"] for r in rows))
    return [{"actor": refs.get(r["actor_id"]) or {"id": r["actor_id"], "name": r["actor_id"]},
             "events": int(r["n"]), "cooperative": int(r["coop"]), "conflictual": int(r["n"]) - int(r["coop"])}
            for r in rows]


# ---------------------------------------------------------------- positions


@dataclass
class PositionFilter:
    actor_ids: list[str] | None = None
    issue: str | None = None
    stance: str | None = None
    since: date | None = None
    until: date | None = None
    shifts_only: bool = False
    article: str | None = None


def _positions_with_previous(flt: PositionFilter):
    """Positions with the same actor's previous stance on the same issue (before any date filter)."""
    conds = []
    if flt.actor_ids:
        conds.append(positions.c.actor_id.in_(flt.actor_ids))
    if flt.issue:
        conds.append(positions.c.issue == flt.issue)
    order = [case((positions.c.date.is_(None), 0), else_=1), positions.c.date, positions.c.id]
    previous = func.lag(positions.c.stance).over(partition_by=[positions.c.actor_id, positions.c.issue],
                                                 order_by=order)
    return select(positions, previous.label("previous_stance")).where(and_(true(), *conds)).subquery("pp")


def list_positions(conn: Connection, flt: PositionFilter, limit: int, offset: int, newest_first: bool = True):
    pp = _positions_with_previous(flt)
    shift = and_(pp.c.previous_stance.is_not(None), pp.c.previous_stance != pp.c.stance)
    conds = []
    if flt.stance:
        conds.append(pp.c.stance == flt.stance)
    if flt.since:
        conds.append(pp.c.date >= flt.since.isoformat())
    if flt.until:
        conds.append(pp.c.date <= flt.until.isoformat())
    if flt.shifts_only:
        conds.append(shift)
    if flt.article:
        conds.append(pp.c.article_id == flt.article)
    where = and_(true(), *conds)
    total = conn.execute(select(func.count()).select_from(pp).where(where)).scalar_one()
    _check_offset(offset, total, "positions")
    rows = conn.execute(
        select(pp, actors.c.name, actors.c.country, actors.c.type,
               articles.c.title, articles.c.published, articles.c.source.label("article_source"), articles.c.url)
        .join(actors, actors.c.id == pp.c.actor_id)
        .join(articles, articles.c.id == pp.c.article_id)
        .where(where)
        .order_by(*_date_order(pp.c.date, newest_first), pp.c.id)
        .limit(limit).offset(offset)
    ).mappings().all()
    items = []
    for r in rows:
        previous = r["previous_stance"]
        items.append({
            "id": r["id"],
            "actor": {"id": r["actor_id"], "name": r["name"], "country": r["country"], "type": r["type"]},
            "issue": r["issue"], "stance": r["stance"], "previous_stance": previous,
            "shift": previous is not None and previous != r["stance"], "date": r["date"],
            "evidence": r["evidence"], "span": [r["span_start"], r["span_end"]],
            "article": {"id": r["article_id"], "title": r["title"], "published": r["published"],
                        "source": r["article_source"], "url": r["url"]},
        })
    return total, items


def position_matrix(conn: Connection, since: date | None, until: date | None, actor_ids: list[str] | None,
                    top: int) -> dict:
    """Actors × issues: each cell's latest stance in the window, how many positions and how many shifts."""
    conds = []
    if since:
        conds.append(positions.c.date >= since.isoformat())
    if until:
        conds.append(positions.c.date <= until.isoformat())
    if actor_ids:
        conds.append(positions.c.actor_id.in_(actor_ids))
    part = [positions.c.actor_id, positions.c.issue]
    ascending = [case((positions.c.date.is_(None), 0), else_=1), positions.c.date, positions.c.id]
    descending = [case((positions.c.date.is_(None), 1), else_=0), positions.c.date.desc(), positions.c.id.desc()]
    ranked = select(
        positions.c.actor_id, positions.c.issue, positions.c.stance, positions.c.date,
        func.row_number().over(partition_by=part, order_by=descending).label("rn"),
        func.lag(positions.c.stance).over(partition_by=part, order_by=ascending).label("prev"),
    ).where(and_(true(), *conds)).subquery("ranked")
    changed = case((and_(ranked.c.prev.is_not(None), ranked.c.prev != ranked.c.stance), 1), else_=0)
    cells = select(
        ranked.c.actor_id, ranked.c.issue,
        func.max(case((ranked.c.rn == 1, ranked.c.stance))).label("stance"),
        func.max(case((ranked.c.rn == 1, ranked.c.date))).label("date"),
        func.count().label("count"), func.sum(changed).label("shifts"),
    ).group_by(ranked.c.actor_id, ranked.c.issue).subquery("cells")
    per_actor = (select(cells.c.actor_id, func.sum(cells.c["count"]).label("n"))
                 .group_by(cells.c.actor_id).subquery("per_actor"))
    top_actors = conn.execute(
        select(per_actor.c.actor_id, per_actor.c.n, actors.c.name, actors.c.country, actors.c.type)
        .join(actors, actors.c.id == per_actor.c.actor_id)
        .order_by(per_actor.c.n.desc(), actors.c.name, actors.c.id).limit(top)
    ).mappings().all()
    ids = [r["actor_id"] for r in top_actors]
    cell_rows = conn.execute(
        select(cells).where(cells.c.actor_id.in_(ids)).order_by(cells.c.actor_id, cells.c.issue)
    ).mappings().all() if ids else []
    present = {r["issue"] for r in cell_rows}
    issues = [i for i in ISSUES if i in present] + sorted(present - set(ISSUES))
    return {
        "issues": issues,
        "actors": [{"id": r["actor_id"], "name": r["name"], "country": r["country"], "type": r["type"],
                    "positions": int(r["n"])} for r in top_actors],
        "cells": [{"actor_id": r["actor_id"], "issue": r["issue"], "stance": r["stance"], "date": r["date"],
                   "count": int(r["count"]), "shifts": int(r["shifts"] or 0)} for r in cell_rows],
    }


# ---------------------------------------------------------------- articles


def _article_counts():
    mentions = (select(event_mentions.c.article_id, func.count(func.distinct(event_mentions.c.event_id)).label("n"))
                .group_by(event_mentions.c.article_id).subquery("mcounts"))
    pos = (select(positions.c.article_id, func.count().label("n"))
           .group_by(positions.c.article_id).subquery("acounts"))
    return mentions, pos


def list_articles(conn: Connection, q: str | None, since: date | None, until: date | None,
                  source: str | None, actor_ids: list[str] | None, limit: int, offset: int):
    conds = []
    if q:
        conds.append(articles.c.id.in_(fts_articles(conn, q)))
    if since:
        conds.append(articles.c.published >= since.isoformat())
    if until:
        conds.append(articles.c.published <= until.isoformat())
    if source:
        conds.append(func.lower(articles.c.source) == source.casefold())
    if actor_ids:
        m, ea, p = event_mentions.alias("m_actor"), event_actors.alias("ea_actor"), positions.alias("p_actor")
        conds.append(or_(
            exists(select(1).select_from(m.join(ea, ea.c.event_id == m.c.event_id))
                   .where(m.c.article_id == articles.c.id, ea.c.actor_id.in_(actor_ids))),
            exists(select(1).where(p.c.article_id == articles.c.id, p.c.actor_id.in_(actor_ids))),
        ))
    where = and_(true(), *conds)
    total = conn.execute(select(func.count()).select_from(articles).where(where)).scalar_one()
    _check_offset(offset, total, "articles")
    mentions, pos = _article_counts()
    rows = conn.execute(
        select(articles.c.id, articles.c.title, articles.c.published, articles.c.source, articles.c.url,
               func.coalesce(mentions.c.n, 0).label("events"), func.coalesce(pos.c.n, 0).label("positions"))
        .outerjoin(mentions, mentions.c.article_id == articles.c.id)
        .outerjoin(pos, pos.c.article_id == articles.c.id)
        .where(where).order_by(*_date_order(articles.c.published, True), articles.c.id)
        .limit(limit).offset(offset)
    ).mappings().all()
    return total, [{**dict(r), "events": int(r["events"]), "positions": int(r["positions"])} for r in rows]


@lru_cache(maxsize=1)
def _kb_forms() -> dict[str, tuple[str, ...]]:
    """Actor id → the names, aliases, metonyms and demonyms the reference data knows for it."""
    try:
        from parley import kb
        data = kb.load()
    except Exception:  # reference data that does not load must not break the article view
        return {}
    forms: dict[str, list[str]] = defaultdict(list)
    for table in (data.aliases, data.demonyms):
        for alias, entity_id in table.items():
            forms[entity_id].append(alias)
    return {k: tuple(v) for k, v in forms.items()}


def _actor_span_list(candidates, taken: list[tuple[int, int]]) -> list[dict]:
    """(start, end, actor) candidates → actor spans: longest first where they start together, never overlapping
    each other or the `taken` ranges (event triggers)."""
    spans, last_end = [], -1
    for start, end, actor in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]), c[2]["id"])):
        if start >= last_end and not any(start < t_end and t_start < end for t_start, t_end in taken):
            spans.append({"start": start, "end": end, "kind": "actor", "label": actor["name"], "ref": actor["id"]})
            last_end = end
    return spans


def guess_actor_spans(text_: str, actor_refs, taken: list[tuple[int, int]] = ()) -> list[dict]:
    """For an article stored before Parley kept actor mentions: where the text names each of its actors,
    by the actor's name and the reference data's aliases and demonyms for it."""
    forms = _kb_forms()
    candidates = []
    for actor in actor_refs:
        for form in {actor["name"], *forms.get(actor["id"], ())}:
            for start, end in _find_all(text_, form):
                candidates.append((start, end, actor))
    return _actor_span_list(candidates, list(taken))


def _find_all(haystack: str, needle: str) -> list[tuple[int, int]]:
    if len(needle) < 2:
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(haystack)]


def get_article(conn: Connection, article_id: str) -> dict:
    row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
    if row is None:
        raise NotFound(f"No article {article_id!r}. List articles at /api/articles (each item has its id).")
    text_ = row["text"]
    mention_rows = conn.execute(
        select(event_mentions, events.c.type, events.c.status.label("event_status"))
        .join(events, events.c.id == event_mentions.c.event_id)
        .where(event_mentions.c.article_id == article_id)
        .order_by(event_mentions.c.span_start, event_mentions.c.id)
    ).mappings().all()
    roles = _roles(conn, sorted({r["event_id"] for r in mention_rows}))
    claimants = _actors_by_id(conn, (r["claimed_by_actor_id"] for r in mention_rows))
    _, position_items = list_positions(conn, PositionFilter(article=article_id), 500, 0, newest_first=False)
    event_list, spans = [], []
    actor_refs: dict[str, dict] = {}
    for r in mention_rows:
        has_sentence = r["sentence_start"] is not None and r["sentence_end"] is not None
        source, target = roles.get((r["event_id"], "source"), []), roles.get((r["event_id"], "target"), [])
        for a in (*source, *target):
            actor_refs.setdefault(a["id"], a)
        claimant = claimants.get(r["claimed_by_actor_id"])
        if claimant:
            actor_refs.setdefault(claimant["id"], claimant)
        event_list.append({
            "mention_id": r["id"], "event_id": r["event_id"], "type": r["type"], "quad": quad(r["type"]),
            "cooperative": is_cooperative(r["type"]), "status": r["status"], "event_status": r["event_status"],
            "claimed_by": claimant, "span": [r["span_start"], r["span_end"]],
            "sentence_span": [r["sentence_start"], r["sentence_end"]] if has_sentence else None,
            "trigger": r["trigger"], "date": r["date"], "date_text": r["date_text"],
            "source": source, "target": target,
        })
        spans.append({"start": r["span_start"], "end": r["span_end"], "kind": "trigger",
                      "label": f"{r['type']} · {r['status']}", "ref": r["event_id"]})
    for p in position_items:
        actor_refs.setdefault(p["actor"]["id"], p["actor"])
    mentions = [{"actor": _actor_ref(r), "start": r["span_start"], "end": r["span_end"], "text": r["text"]}
                for r in conn.execute(
                    select(actor_mentions.c.span_start, actor_mentions.c.span_end, actor_mentions.c.text, actors)
                    .join(actors, actors.c.id == actor_mentions.c.actor_id)
                    .where(actor_mentions.c.article_id == article_id)
                    .order_by(actor_mentions.c.span_start, actor_mentions.c.span_end, actors.c.id)).mappings()]
    for m in mentions:
        actor_refs.setdefault(m["actor"]["id"], m["actor"])
    triggers = [(s["start"], s["end"]) for s in spans]
    since = mentions_since(conn)
    guessed = not mentions and (since is None or row["ingested_at"] < since)
    if guessed:
        spans += guess_actor_spans(text_, actor_refs.values(), triggers)
    else:
        spans += _actor_span_list([(m["start"], m["end"], m["actor"]) for m in mentions], triggers)
    spans.sort(key=lambda s: (s["start"], -s["end"], s["kind"]))
    return {
        "id": row["id"], "title": row["title"], "published": row["published"], "source": row["source"],
        "url": row["url"], "origin": row["origin"], "text": text_,
        "events": len({r["event_id"] for r in mention_rows}), "positions": len(position_items),
        "event_list": event_list, "actors": sorted(actor_refs.values(), key=lambda a: (a["name"], a["id"])),
        "position_list": [{"id": p["id"], "actor": p["actor"], "issue": p["issue"], "stance": p["stance"],
                           "span": p["span"], "evidence": p["evidence"], "date": p["date"]} for p in position_items],
        "actor_mentions": mentions, "actor_spans": "guessed" if guessed else "stored", "spans": spans,
    }


# ---------------------------------------------------------------- summary and meta


def summary(conn: Connection, flt: EventFilter, by: str, top_pairs: int) -> dict:
    where = and_(true(), *flt.conditions(conn))
    head = conn.execute(
        select(func.count(), func.sum(case((events.c.date.is_(None), 1), else_=0)),
               func.min(events.c.date), func.max(events.c.date)).select_from(events).where(where)
    ).one()
    quad_expr = case(*[(events.c.type.in_([t for t in EVENT_TYPES if QUADS[t] == q]), q)
                       for q in dict.fromkeys(QUADS.values())], else_="other")
    key = events.c.type if by == "type" else quad_expr
    by_day = conn.execute(
        select(events.c.date, key.label("key"), func.count().label("n"))
        .where(where, events.c.date.is_not(None))
        .group_by(events.c.date, key).order_by(events.c.date, key)
    ).all()
    by_type = conn.execute(
        select(events.c.type, func.count().label("n")).where(where)
        .group_by(events.c.type).order_by(func.count().desc(), events.c.type)
    ).all()
    by_status = conn.execute(
        select(events.c.status, func.count().label("n")).where(where)
        .group_by(events.c.status).order_by(func.count().desc(), events.c.status)
    ).all()
    src, tgt = event_actors.alias("src"), event_actors.alias("tgt")
    n = func.count(func.distinct(events.c.id))
    coop = func.count(func.distinct(case((events.c.type.in_(COOPERATIVE), events.c.id))))
    pair_rows = conn.execute(
        select(src.c.actor_id.label("src_id"), tgt.c.actor_id.label("tgt_id"), n.label("n"), coop.label("coop"))
        .select_from(events.join(src, and_(src.c.event_id == events.c.id, src.c.role == "source"))
                     .join(tgt, and_(tgt.c.event_id == events.c.id, tgt.c.role == "target")))
        .where(where, src.c.actor_id != tgt.c.actor_id)
        .group_by(src.c.actor_id, tgt.c.actor_id)
        .order_by(n.desc(), src.c.actor_id, tgt.c.actor_id)
        .limit(top_pairs)
    ).all()
    refs = _actors_by_id(conn, [r.src_id for r in pair_rows] + [r.tgt_id for r in pair_rows])
    return {
        "total": head[0] or 0, "undated": int(head[1] or 0), "first": head[2], "last": head[3], "by": by,
        "by_day": [{"date": r.date, "key": r.key, "count": r.n} for r in by_day],
        "by_type": [{"type": r.type, "quad": quad(r.type), "count": r.n} for r in by_type],
        "by_status": [{"status": r.status, "count": r.n} for r in by_status],
        "pairs": [{"source": refs.get(r.src_id) or {"id": r.src_id, "name": r.src_id},
                   "target": refs.get(r.tgt_id) or {"id": r.tgt_id, "name": r.tgt_id},
                   "count": r.n, "cooperative": r.coop, "conflictual": r.n - r.coop} for r in pair_rows],
    }


def counts(conn: Connection) -> dict:
    def count(table):
        return conn.execute(select(func.count()).select_from(table)).scalar_one()
    first, last = conn.execute(select(func.min(events.c.date), func.max(events.c.date))).one()
    return {"articles": count(articles), "events": count(events), "actors": count(actors),
            "positions": count(positions), "mentions": count(event_mentions), "first": first, "last": last}


__all__ = [
    "EventFilter", "PositionFilter", "QUADS", "COOPERATIVE", "resolve_actor", "resolve_country", "list_events",
    "get_event", "list_actors", "get_actor", "list_positions", "position_matrix", "list_articles", "get_article",
    "summary", "counts",
]
