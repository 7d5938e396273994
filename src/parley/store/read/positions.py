"""Positions: where each actor stands on each negotiating issue, with shifts computed in one place.

An article's stance (for an actor and issue) is the last one it states. A position is a shift when it is the
last its article states and differs from the previous article's stance (only such last stances carry a
`previous_stance`); articles are ordered by the position's
date (undated last), then publication day, then id. Every reader (the API's lists and matrix, the CLI's
timelines) takes `previous_stance` and `shift` from `annotated()`, so they cannot disagree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, and_, case, func, select, true, tuple_

from parley.records import ISSUES
from parley.store.read.common import check_offset, date_order
from parley.store.schema import actors, articles, positions


@dataclass
class PositionFilter:
    """Which positions: of these actors (ids), on an issue, with a stance, dated in [since, until], only shifts,
    or from one article."""

    actor_ids: list[str] | None = None
    issue: str | None = None
    stance: str | None = None
    since: date | None = None
    until: date | None = None
    shifts_only: bool = False
    article: str | None = None


def annotated(actor_ids: list[str] | None = None, issue: str | None = None, article: str | None = None):
    """A subquery of positions (of these actors, on this issue; with `article`, of the actor-issues that article
    states) with `published`, `last_in_article` (1 for the last stance its article states) and, on those last
    stances, `previous_stance` (the previous article's) and `shift`; computed before any date filter."""
    conds = []
    if actor_ids is not None:
        conds.append(positions.c.actor_id.in_(actor_ids))
    if issue:
        conds.append(positions.c.issue == issue)
    if article is not None:
        stated = select(positions.c.actor_id, positions.c.issue).where(positions.c.article_id == article)
        conds.append(tuple_(positions.c.actor_id, positions.c.issue).in_(stated))
    within = func.row_number().over(partition_by=[positions.c.actor_id, positions.c.issue, positions.c.article_id],
                                    order_by=[positions.c.span_start.desc(), positions.c.id.desc()])
    base = (select(positions, articles.c.published, within.label("last_in_article"))
            .join(articles, articles.c.id == positions.c.article_id)
            .where(and_(true(), *conds)).subquery("base"))
    # one window over the articles' last stances only: partitioning by last_in_article keeps the others out
    final = case((base.c.last_in_article == 1, 1), else_=0)
    lagged = func.lag(base.c.stance).over(
        partition_by=[base.c.actor_id, base.c.issue, final],
        order_by=[base.c.date.asc().nulls_last(), base.c.published.asc().nulls_last(), base.c.article_id])
    previous = case((base.c.last_in_article == 1, lagged))
    inner = select(base, previous.label("previous_stance")).subquery("prev")
    shift = case((and_(inner.c.previous_stance.is_not(None), inner.c.previous_stance != inner.c.stance), 1), else_=0)
    return select(inner, shift.label("shift")).subquery("pp")


def _window(pp, flt: PositionFilter) -> list:
    conds = []
    if flt.stance:
        conds.append(pp.c.stance == flt.stance)
    if flt.since:
        conds.append(pp.c.date >= flt.since.isoformat())
    if flt.until:
        conds.append(pp.c.date <= flt.until.isoformat())
    if flt.shifts_only:
        conds.append(pp.c.shift == 1)
    if flt.article:
        conds.append(pp.c.article_id == flt.article)
    return conds


def list_positions(conn: Connection, flt: PositionFilter, limit: int | None = 50, offset: int = 0,
                   newest_first: bool = True) -> tuple[int, list[dict]]:
    """(how many positions match, one page of them), each with its actor, article, previous stance and shift."""
    pp = annotated(flt.actor_ids, flt.issue, flt.article)
    where = and_(true(), *_window(pp, flt))
    total = conn.execute(select(func.count()).select_from(pp).where(where)).scalar_one()
    check_offset(offset, total, "positions")
    stmt = (select(pp, actors.c.name, actors.c.country, actors.c.type,
                   articles.c.title, articles.c.source.label("article_source"), articles.c.url)
            .join(actors, actors.c.id == pp.c.actor_id)
            .join(articles, articles.c.id == pp.c.article_id)
            .where(where)
            .order_by(*date_order(pp.c.date, newest_first), pp.c.id)
            .offset(offset))
    rows = conn.execute(stmt if limit is None else stmt.limit(limit)).mappings().all()
    return total, [{
        "id": r["id"],
        "actor": {"id": r["actor_id"], "name": r["name"], "country": r["country"], "type": r["type"]},
        "issue": r["issue"], "stance": r["stance"], "previous_stance": r["previous_stance"],
        "shift": bool(r["shift"]), "date": r["date"],
        "evidence": r["evidence"], "span": [r["span_start"], r["span_end"]],
        "article": {"id": r["article_id"], "title": r["title"], "published": r["published"],
                    "source": r["article_source"], "url": r["url"]},
    } for r in rows]


def position_timelines(conn: Connection, *, actor_ids: list[str] | None = None, issue: str | None = None,
                       since: date | None = None) -> list[dict]:
    """Each actor's stance per issue over time: first and last seen, latest stance and evidence, every shift.
    With `since`, only actor-issues seen since then are kept, and only shifts since then are listed."""
    _, found = list_positions(conn, PositionFilter(actor_ids=actor_ids, issue=issue), None, 0, newest_first=False)
    grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for item in found:
        grouped[(item["actor"]["id"], item["issue"])].append(item)
    since_iso = since.isoformat() if since else None
    timelines = []
    for (actor_id, issue_name), items in grouped.items():
        items.sort(key=lambda p: (p["date"] is None, p["date"] or "", p["article"]["published"] is None,
                                  p["article"]["published"] or "", p["article"]["id"], p["span"][0]))
        dated = [p["date"] for p in items if p["date"]]
        last_seen = max(dated, default=None)
        if since_iso and (last_seen is None or last_seen < since_iso):
            continue
        latest = items[-1]
        timelines.append({
            "actor_id": actor_id, "actor": items[0]["actor"]["name"], "issue": issue_name,
            "first_seen": min(dated, default=None), "last_seen": last_seen,
            "latest_stance": latest["stance"], "evidence": latest["evidence"], "article_id": latest["article"]["id"],
            "reports": len(items),
            "shifts": [{"date": p["date"], "from": p["previous_stance"], "to": p["stance"],
                        "article_id": p["article"]["id"], "evidence": p["evidence"]}
                       for p in items if p["shift"] and (not since_iso or (p["date"] or "") >= since_iso)],
        })
    timelines.sort(key=lambda t: (t["actor"], t["issue"], t["actor_id"]))
    return timelines


def position_matrix(conn: Connection, since: date | None = None, until: date | None = None,
                    actor_ids: list[str] | None = None, top: int = 30) -> dict:
    """Actors × issues: each cell's latest stance in the window, how many positions and how many shifts."""
    pp = annotated(actor_ids)
    conds = _window(pp, PositionFilter(since=since, until=until))
    latest_first = func.row_number().over(
        partition_by=[pp.c.actor_id, pp.c.issue],
        order_by=[pp.c.date.desc().nulls_last(), pp.c.published.desc().nulls_last(), pp.c.article_id.desc(),
                  pp.c.span_start.desc(), pp.c.id.desc()])
    ranked = select(pp.c.actor_id, pp.c.issue, pp.c.stance, pp.c.date, pp.c.shift,
                    latest_first.label("rn")).where(and_(true(), *conds)).subquery("ranked")
    cells = select(
        ranked.c.actor_id, ranked.c.issue,
        func.max(case((ranked.c.rn == 1, ranked.c.stance))).label("stance"),
        func.max(case((ranked.c.rn == 1, ranked.c.date))).label("date"),
        func.count().label("count"), func.sum(ranked.c.shift).label("shifts"),
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


__all__ = ["PositionFilter", "annotated", "list_positions", "position_matrix", "position_timelines"]
