"""Read queries over the corpus, returning plain dicts (JSON-ready) for the CLI, exports and the HTTP API."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Connection, func, or_, select, text

from parley.store.schema import actors, articles, event_actors, event_mentions, events, links, positions

ARTICLE_FIELDS = (articles.c.id, articles.c.title, articles.c.published, articles.c.url, articles.c.source)


def _iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def search_articles(conn: Connection, words: str, limit: int = 20) -> list[dict]:
    """Articles whose title or text match the words (all of them), best match first."""
    if conn.dialect.name == "postgresql":
        document = func.to_tsvector("english", func.coalesce(articles.c.title, "") + " " + articles.c.text)
        query = func.websearch_to_tsquery("english", words)
        stmt = (select(*ARTICLE_FIELDS).where(document.op("@@")(query))
                .order_by(func.ts_rank(document, query).desc(), articles.c.id).limit(limit))
        return [dict(r._mapping) for r in conn.execute(stmt)]
    tokens = re.findall(r"\w+", words)
    if not tokens:
        return []
    match = " ".join(f'"{t}"' for t in tokens)
    stmt = text("SELECT a.id, a.title, a.published, a.url, a.source FROM articles_fts f "
                "JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH :match "
                "ORDER BY f.rank, a.id LIMIT :limit")
    return [dict(r._mapping) for r in conn.execute(stmt, {"match": match, "limit": limit})]


def list_articles(conn: Connection, *, since: date | str | None = None, until: date | str | None = None,
                  limit: int | None = None, offset: int = 0) -> list[dict]:
    """Stored articles without their text, newest first."""
    stmt = select(*ARTICLE_FIELDS, articles.c.ingested_at)
    if since:
        stmt = stmt.where(articles.c.published >= _iso(since))
    if until:
        stmt = stmt.where(articles.c.published <= _iso(until))
    stmt = stmt.order_by(articles.c.published.desc(), articles.c.id).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [dict(r._mapping) for r in conn.execute(stmt)]


def get_article(conn: Connection, article_id: str) -> dict | None:
    """One article with its text, or None."""
    row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
    return dict(row) if row else None


def find_actor_ids(conn: Connection, name: str) -> list[str]:
    """Actors a user means by NAME: the id itself, else names equal to it, else names containing it (any case)."""
    wanted = name.strip().casefold()
    rows = conn.execute(select(actors.c.id, actors.c.name)).all()
    for test in (lambda r: r.id.casefold() == wanted, lambda r: r.name.casefold() == wanted,
                 lambda r: wanted in r.name.casefold()):
        found = [r.id for r in rows if test(r)]
        if found:
            return sorted(found)
    return []


def event_roles(conn: Connection, event_ids: Iterable[str]) -> dict[str, dict[str, list[dict]]]:
    """Each event's source and target actors, in order."""
    ids = list(event_ids)
    roles: dict[str, dict[str, list[dict]]] = {i: {"source": [], "target": []} for i in ids}
    if not ids:
        return roles
    stmt = (select(event_actors.c.event_id, event_actors.c.role, actors.c.id, actors.c.name, actors.c.country,
                   actors.c.type)
            .join(actors, actors.c.id == event_actors.c.actor_id)
            .where(event_actors.c.event_id.in_(ids))
            .order_by(event_actors.c.event_id, event_actors.c.role, event_actors.c.ord))
    for row in conn.execute(stmt):
        roles[row.event_id][row.role].append({"id": row.id, "name": row.name, "country": row.country,
                                              "type": row.type})
    return roles


def event_mentions_of(conn: Connection, event_ids: Iterable[str]) -> dict[str, list[dict]]:
    """Each event's reports: article, span, trigger, status and who claims it, oldest article first."""
    ids = list(event_ids)
    found: dict[str, list[dict]] = {i: [] for i in ids}
    if not ids:
        return found
    claimant = actors.alias("claimant")
    stmt = (select(event_mentions, articles.c.title.label("article_title"), articles.c.url.label("article_url"),
                   articles.c.published.label("article_published"), claimant.c.name.label("claimed_by_name"))
            .join(articles, articles.c.id == event_mentions.c.article_id)
            .outerjoin(claimant, claimant.c.id == event_mentions.c.claimed_by_actor_id)
            .where(event_mentions.c.event_id.in_(ids))
            .order_by(articles.c.published, event_mentions.c.article_id, event_mentions.c.span_start))
    for row in conn.execute(stmt).mappings():
        found[row["event_id"]].append(dict(row))
    return found


def list_events(conn: Connection, *, actor_ids: list[str] | None = None, type: str | None = None,
                since: date | str | None = None, until: date | str | None = None, status: str | None = None,
                limit: int | None = None, offset: int = 0, with_mentions: bool = False) -> list[dict]:
    """Merged events with their actors, filtered; `status` keeps events with a report of that status."""
    stmt = select(events)
    if actor_ids is not None:
        stmt = stmt.where(events.c.id.in_(select(event_actors.c.event_id)
                                          .where(event_actors.c.actor_id.in_(actor_ids))))
    if type:
        stmt = stmt.where(events.c.type == type)
    if since:
        stmt = stmt.where(events.c.date >= _iso(since))
    if until:
        stmt = stmt.where(events.c.date <= _iso(until))
    if status:
        stmt = stmt.where(events.c.id.in_(select(event_mentions.c.event_id)
                                          .where(event_mentions.c.status == status)))
    stmt = stmt.order_by(events.c.date.asc().nulls_last(), events.c.id).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    found = [dict(r) for r in conn.execute(stmt).mappings()]
    roles = event_roles(conn, [e["id"] for e in found])
    mentions = event_mentions_of(conn, [e["id"] for e in found]) if with_mentions else {}
    for item in found:
        item.update(roles[item["id"]])
        if with_mentions:
            item["mentions"] = mentions[item["id"]]
    return found


def get_event(conn: Connection, event_id: str) -> dict | None:
    """One event with its actors, its reports and the claims linked to and from it."""
    found = list_events_by_ids(conn, [event_id])
    if not found:
        return None
    item = found[0]
    stmt = select(links.c.from_event_id, links.c.rel, links.c.to_event_id, links.c.from_mention_id).where(
        or_(links.c.from_event_id == event_id, links.c.to_event_id == event_id)).order_by(links.c.id)
    item["links"] = [dict(r._mapping) for r in conn.execute(stmt)]
    return item


def list_events_by_ids(conn: Connection, event_ids: list[str]) -> list[dict]:
    rows = [dict(r) for r in conn.execute(select(events).where(events.c.id.in_(event_ids))).mappings()]
    roles = event_roles(conn, [e["id"] for e in rows])
    mentions = event_mentions_of(conn, [e["id"] for e in rows])
    for item in rows:
        item.update(roles[item["id"]], mentions=mentions[item["id"]])
    return rows


def list_actors(conn: Connection) -> list[dict]:
    """Every actor with how many events it is source or target of, claims it makes and positions it holds."""
    def counts(stmt) -> dict[str, int]:
        return {row[0]: row[1] for row in conn.execute(stmt)}

    as_source = counts(select(event_actors.c.actor_id, func.count()).where(event_actors.c.role == "source")
                       .group_by(event_actors.c.actor_id))
    as_target = counts(select(event_actors.c.actor_id, func.count()).where(event_actors.c.role == "target")
                       .group_by(event_actors.c.actor_id))
    claims = counts(select(event_mentions.c.claimed_by_actor_id, func.count())
                    .where(event_mentions.c.claimed_by_actor_id.is_not(None))
                    .group_by(event_mentions.c.claimed_by_actor_id))
    held = counts(select(positions.c.actor_id, func.count()).group_by(positions.c.actor_id))
    found = []
    for row in conn.execute(select(actors).order_by(actors.c.name, actors.c.id)).mappings():
        key = row["id"]
        found.append({**row, "events_as_source": as_source.get(key, 0), "events_as_target": as_target.get(key, 0),
                      "claims": claims.get(key, 0), "positions": held.get(key, 0)})
    found.sort(key=lambda a: (-(a["events_as_source"] + a["events_as_target"]), a["name"]))
    return found


def position_reports(conn: Connection, *, actor_ids: list[str] | None = None,
                     issue: str | None = None) -> list[dict]:
    """Every stored position with actor name and article, in date order."""
    stmt = (select(positions, actors.c.name.label("actor"), articles.c.title.label("article_title"),
                   articles.c.published.label("article_published"))
            .join(actors, actors.c.id == positions.c.actor_id)
            .join(articles, articles.c.id == positions.c.article_id))
    if actor_ids is not None:
        stmt = stmt.where(positions.c.actor_id.in_(actor_ids))
    if issue:
        stmt = stmt.where(positions.c.issue == issue)
    stmt = stmt.order_by(positions.c.actor_id, positions.c.issue, positions.c.date, articles.c.published,
                         positions.c.article_id, positions.c.span_start)
    return [dict(r) for r in conn.execute(stmt).mappings()]


def position_timelines(conn: Connection, *, actor_ids: list[str] | None = None, issue: str | None = None,
                       since: date | str | None = None) -> list[dict]:
    """Each actor's stance per issue over time: first and last seen, latest stance and evidence, every shift.

    A shift is a stance different from the one in the actor's previous article on that issue. With `since`,
    only actor-issues seen since then are kept, and only shifts since then are listed.
    """
    since = _iso(since)
    grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for report in position_reports(conn, actor_ids=actor_ids, issue=issue):
        grouped[(report["actor_id"], report["issue"])].append(report)
    timelines = []
    for (actor_id, issue_name), reports in grouped.items():
        reports.sort(key=lambda r: (r["date"] or "9999-99-99", r["article_published"] or "", r["article_id"],
                                    r["span_start"]))
        by_article: list[dict] = []  # the last stance each article gives, in order
        for report in reports:
            if by_article and by_article[-1]["article_id"] == report["article_id"]:
                by_article[-1] = report
            else:
                by_article.append(report)
        shifts = [
            {"date": now["date"], "from": before["stance"], "to": now["stance"], "article_id": now["article_id"],
             "evidence": now["evidence"], "previous_article_id": before["article_id"]}
            for before, now in zip(by_article, by_article[1:]) if before["stance"] != now["stance"]
        ]
        latest = by_article[-1]
        last_seen = max((r["date"] for r in reports if r["date"]), default=None)
        if since and (last_seen is None or last_seen < since):
            continue
        timelines.append({
            "actor_id": actor_id, "actor": reports[0]["actor"], "issue": issue_name,
            "first_seen": min((r["date"] for r in reports if r["date"]), default=None), "last_seen": last_seen,
            "latest_stance": latest["stance"], "evidence": latest["evidence"], "article_id": latest["article_id"],
            "reports": len(reports),
            "shifts": [s for s in shifts if not since or (s["date"] or "") >= since],
        })
    timelines.sort(key=lambda t: (t["actor"], t["issue"]))
    return timelines


def summary(conn: Connection, top: int = 10) -> dict:
    """Counts for a corpus overview: articles, events, reports, events by type, most active actors."""
    def scalar(stmt) -> int:
        return conn.execute(stmt).scalar_one()

    by_type = {row[0]: row[1] for row in conn.execute(
        select(events.c.type, func.count()).group_by(events.c.type).order_by(func.count().desc(), events.c.type))}
    participation = func.count(func.distinct(event_actors.c.event_id))
    top_actors = [{"id": r.id, "name": r.name, "events": r.events} for r in conn.execute(
        select(actors.c.id, actors.c.name, participation.label("events"))
        .join(event_actors, event_actors.c.actor_id == actors.c.id)
        .group_by(actors.c.id, actors.c.name).order_by(participation.desc(), actors.c.name).limit(top))]
    return {
        "articles": scalar(select(func.count()).select_from(articles)),
        "events": scalar(select(func.count()).select_from(events)),
        "mentions": scalar(select(func.count()).select_from(event_mentions)),
        "actors": scalar(select(func.count()).select_from(actors)),
        "positions": scalar(select(func.count()).select_from(positions)),
        "events_by_type": by_type,
        "top_actors": top_actors,
        "dates": dict(conn.execute(select(func.min(articles.c.published).label("first"),
                                          func.max(articles.c.published).label("last"))).mappings().one()),
    }


__all__ = ["event_mentions_of", "event_roles", "find_actor_ids", "get_article", "get_event", "list_actors",
           "list_articles", "list_events", "list_events_by_ids", "position_reports", "position_timelines",
           "search_articles", "summary"]
