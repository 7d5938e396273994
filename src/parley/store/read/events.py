"""Events: filtered pages, one event with its reports, claims and links, and the counts the dashboard charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, and_, case, func, or_, select, true

from parley.errors import NotFound
from parley.records import EVENT_TYPES
from parley.store.read.common import (
    COOPERATIVE, QUADS, actor_ref, actors_by_id, check_offset, chunks, date_order, fts_articles, is_cooperative,
    quad, roles, sentence_expr,
)
from parley.store.schema import actors, articles, event_actors, event_mentions, events, links, positions


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
    reported: str | None = None  # events with a report (mention) of this status, whatever the merged status

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
        if self.actor_ids is not None:
            # IN (SELECT ...) walks ix_event_actors_actor_id once; a correlated EXISTS would probe per event
            role = [] if self.role == "any" else [event_actors.c.role == self.role]
            conds.append(events.c.id.in_(select(event_actors.c.event_id)
                                         .where(event_actors.c.actor_id.in_(self.actor_ids), *role)))
        if self.country:
            of_country = select(actors.c.id).where(actors.c.country == self.country)
            conds.append(or_(
                events.c.location_country == self.country,
                events.c.id.in_(select(event_actors.c.event_id).where(event_actors.c.actor_id.in_(of_country))),
            ))
        if self.reported:
            conds.append(events.c.id.in_(select(event_mentions.c.event_id)
                                         .where(event_mentions.c.status == self.reported)))
        if self.issue:
            # events reported in a sentence that states a position on the issue: from the (few) positions out
            m, p = event_mentions.alias("m_issue"), positions.alias("p_issue")
            same_sentence = and_(p.c.article_id == m.c.article_id,
                                 p.c.span_start < func.coalesce(m.c.sentence_end, m.c.span_end),
                                 p.c.span_end > func.coalesce(m.c.sentence_start, m.c.span_start))
            conds.append(events.c.id.in_(select(m.c.event_id).select_from(p.join(m, same_sentence))
                                         .where(p.c.issue == self.issue)))
        if self.q:
            conds.append(events.c.id.in_(select(event_mentions.c.event_id)
                                         .where(event_mentions.c.article_id.in_(fts_articles(conn, self.q)))))
        if self.article:
            conds.append(events.c.id.in_(select(event_mentions.c.event_id)
                                         .where(event_mentions.c.article_id == self.article)))
        return conds


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


def hydrate_events(conn: Connection, rows) -> list[dict]:
    """Event rows → JSON items with their actors and their first report (article, sentence, claimant)."""
    rows = list(rows)
    ids = [r["id"] for r in rows]
    if not ids:
        return []
    by_role = roles(conn, ids)
    m, a, e = event_mentions.alias("m"), articles.alias("a"), events.alias("e")
    ranked = (
        select(m.c.event_id, m.c.trigger, m.c.claimed_by_actor_id, m.c.article_id, a.c.title, a.c.published,
               a.c.source.label("article_source"), a.c.url, sentence_expr(m, a).label("sentence"),
               func.row_number().over(partition_by=m.c.event_id,
                                      order_by=[case((m.c.status == e.c.status, 0), else_=1),
                                                *date_order(a.c.published, False), m.c.article_id,
                                                m.c.span_start, m.c.id]).label("rn"))
        .join(a, a.c.id == m.c.article_id)
        .join(e, e.c.id == m.c.event_id)
        .where(m.c.event_id.in_(ids))
        .subquery()
    )
    firsts = {r["event_id"]: dict(r) for r in conn.execute(select(ranked).where(ranked.c.rn == 1)).mappings()}
    claimants = actors_by_id(conn, (f["claimed_by_actor_id"] for f in firsts.values()))
    return [_event_json(r, by_role, firsts.get(r["id"]), claimants) for r in rows]


def list_events(conn: Connection, flt: EventFilter, limit: int | None = 50, offset: int = 0,
                newest_first: bool = True, with_mentions: bool = False) -> tuple[int, list[dict]]:
    """(how many events match, one page of them): dated events newest (or oldest) first, undated ones after,
    each with its actors and first report; with `with_mentions`, every report too. InvalidQuery when the
    offset is past the end. `limit=None` returns every match."""
    where = and_(true(), *flt.conditions(conn))
    total = conn.execute(select(func.count()).select_from(events).where(where)).scalar_one()
    check_offset(offset, total, "events")
    dated_total = conn.execute(select(func.count()).select_from(events)
                               .where(where, events.c.date.is_not(None))).scalar_one() if total else 0
    by_date = events.c.date.desc() if newest_first else events.c.date.asc()
    rows = []
    # dated and undated rows are read apart, so each page walks ix_events_date instead of sorting on NULL-ness
    if offset < dated_total:
        stmt = select(events).where(where, events.c.date.is_not(None)).order_by(by_date, events.c.id).offset(offset)
        rows += conn.execute(stmt if limit is None else stmt.limit(limit)).mappings().all()
    wanted = None if limit is None else limit - len(rows)
    if (wanted is None or wanted > 0) and total > dated_total:
        stmt = (select(events).where(where, events.c.date.is_(None)).order_by(events.c.id)
                .offset(max(offset - dated_total, 0)))
        rows += conn.execute(stmt if wanted is None else stmt.limit(wanted)).mappings().all()
    items = []
    for chunk in chunks(rows):
        items += hydrate_events(conn, chunk)
    if with_mentions:
        reports = event_reports(conn, [item["id"] for item in items])
        for item in items:
            item["mentions"] = reports.get(item["id"], [])
    return total, items


def event_reports(conn: Connection, event_ids: list[str]) -> dict[str, list[dict]]:
    """Each event's reports (mentions), oldest article first: article, span, sentence, trigger, status, claimant."""
    m, a = event_mentions.alias("m"), articles.alias("a")
    rows = []
    for chunk in chunks(event_ids):
        rows += conn.execute(
            select(m, a.c.title, a.c.published, a.c.source.label("article_source"), a.c.url,
                   sentence_expr(m, a).label("sentence"))
            .join(a, a.c.id == m.c.article_id).where(m.c.event_id.in_(chunk))
            .order_by(m.c.event_id, *date_order(a.c.published, False), m.c.article_id, m.c.span_start, m.c.id)
        ).mappings().all()
    claimants = actors_by_id(conn, (r["claimed_by_actor_id"] for r in rows))
    found: dict[str, list[dict]] = {}
    for r in rows:
        has_sentence = r["sentence_start"] is not None and r["sentence_end"] is not None
        found.setdefault(r["event_id"], []).append({
            "id": r["id"],
            "article": {"id": r["article_id"], "title": r["title"], "published": r["published"],
                        "source": r["article_source"], "url": r["url"]},
            "span": [r["span_start"], r["span_end"]],
            "sentence_span": [r["sentence_start"], r["sentence_end"]] if has_sentence else None,
            "sentence": r["sentence"], "trigger": r["trigger"], "status": r["status"],
            "claimed_by": claimants.get(r["claimed_by_actor_id"]),
            "date": r["date"], "date_text": r["date_text"], "location_name": r["location_name"],
            "confidence": r["confidence"],
        })
    return found


def get_event(conn: Connection, event_id: str) -> dict:
    """One event with every report, the evidence sentences, the claims (status × claimant) and its links.
    NotFound when no event has this id."""
    row = conn.execute(select(events).where(events.c.id == event_id)).mappings().first()
    if row is None:
        raise NotFound(f"No event {event_id!r}. List events with `parley events` or /api/events (each has its id).")
    item = hydrate_events(conn, [row])[0]
    mentions = event_reports(conn, [event_id]).get(event_id, [])
    evidence, seen = [], set()
    claims: dict[tuple, dict] = {}
    for r in mentions:
        start, end = r["sentence_span"] or r["span"]
        article_id = r["article"]["id"]
        if (article_id, start, end) not in seen:
            seen.add((article_id, start, end))
            evidence.append({"article_id": article_id, "start": start, "end": end, "text": r["sentence"] or ""})
        claimant = r["claimed_by"]
        key = (r["status"], claimant["id"] if claimant else None)
        claim = claims.setdefault(key, {"status": r["status"], "claimed_by": claimant, "reports": 0, "articles": []})
        claim["reports"] += 1
        if article_id not in claim["articles"]:
            claim["articles"].append(article_id)
    item["date_text"] = mentions[0]["date_text"] if mentions else None
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
    # (event, source, target) is unique (event_actors' primary key), so plain counts count events
    n = func.count()
    coop = func.sum(case((events.c.type.in_(COOPERATIVE), 1), else_=0))
    pair_rows = conn.execute(
        select(src.c.actor_id.label("src_id"), tgt.c.actor_id.label("tgt_id"), n.label("n"), coop.label("coop"))
        .select_from(events.join(src, and_(src.c.event_id == events.c.id, src.c.role == "source"))
                     .join(tgt, and_(tgt.c.event_id == events.c.id, tgt.c.role == "target")))
        .where(where, src.c.actor_id != tgt.c.actor_id)
        .group_by(src.c.actor_id, tgt.c.actor_id)
        .order_by(n.desc(), src.c.actor_id, tgt.c.actor_id)
        .limit(top_pairs)
    ).all()
    refs = actors_by_id(conn, [r.src_id for r in pair_rows] + [r.tgt_id for r in pair_rows])
    return {
        "total": head[0] or 0, "undated": int(head[1] or 0), "first": head[2], "last": head[3], "by": by,
        "by_day": [{"date": r.date, "key": r.key, "count": r.n} for r in by_day],
        "by_type": [{"type": r.type, "quad": quad(r.type), "count": r.n} for r in by_type],
        "by_status": [{"status": r.status, "count": r.n} for r in by_status],
        "pairs": [{"source": refs.get(r.src_id) or {"id": r.src_id, "name": r.src_id},
                   "target": refs.get(r.tgt_id) or {"id": r.tgt_id, "name": r.tgt_id},
                   "count": r.n, "cooperative": int(r.coop or 0), "conflictual": r.n - int(r.coop or 0)}
                  for r in pair_rows],
    }


def counts(conn: Connection) -> dict:
    """How many articles, events, actors, positions and reports the store holds; first and last event date
    (`first`, `last`) and publication day (`published_first`, `published_last`)."""
    def count(table):
        return conn.execute(select(func.count()).select_from(table)).scalar_one()
    first, last = conn.execute(select(func.min(events.c.date), func.max(events.c.date))).one()
    published = conn.execute(select(func.min(articles.c.published), func.max(articles.c.published))).one()
    return {"articles": count(articles), "events": count(events), "actors": count(actors),
            "positions": count(positions), "mentions": count(event_mentions), "first": first, "last": last,
            "published_first": published[0], "published_last": published[1]}
