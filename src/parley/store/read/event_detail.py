"""One event with its reports, claims and links, and the actors and first report the event lists show."""

from __future__ import annotations

from sqlalchemy import Connection, case, func, select

from parley.errors import NotFound
from parley.store.read.common import actors_by_id, chunks, date_order, is_cooperative, quad, roles, sentence_expr
from parley.store.schema import articles, event_mentions, events, links


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
        "trigger": None, "sentence": None, "article": None, "claimed_by": None, "confidence": None,
    }
    if first:
        item["trigger"] = first["trigger"]
        item["sentence"] = first["sentence"]
        item["article"] = {"id": first["article_id"], "title": first["title"], "published": first["published"],
                           "source": first["article_source"], "url": first["url"]}
        item["claimed_by"] = claimants.get(first["claimed_by_actor_id"])
        item["confidence"] = first["confidence"]
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
        select(m.c.event_id, m.c.trigger, m.c.claimed_by_actor_id, m.c.confidence, m.c.article_id, a.c.title,
               a.c.published,
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
            "confidence": r["confidence"], "in_title": bool(r["in_title"]),
            "merge_score": r["merge_score"], "merge_reason": r["merge_reason"],
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
        if (article_id, r["in_title"], start, end) not in seen:
            seen.add((article_id, r["in_title"], start, end))
            evidence.append({"article_id": article_id, "start": start, "end": end, "text": r["sentence"] or "",
                             "in_title": r["in_title"]})
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
