"""Positions: where each actor stands on each negotiating issue, with shifts computed in one place.

An article's stance (for an actor and issue) is the last one it states. A position is a shift when it is the
last its article states and leans otherwise than the previous article's stance (for, against, or for on a
condition: records.STANCE_LEANING; accept -> support is no shift) (only such last stances carry a
`previous_stance`); articles are ordered by the position's
date (undated last), then publication day, then id. That rule is store/derived.py's `annotated()`, which stores its
result in each position's `last_in_article`, `previous_stance` and `shift` when positions are written, and
every reader (the API's lists and matrix, the CLI's timelines) reads those columns, so they cannot disagree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, and_, case, func, literal, select, true, union_all

from parley.records import ISSUES
from parley.store.derived import BASE_COLUMNS
from parley.store.read.common import check_offset, chunks, fts_articles, whole_months, with_officials
from parley.store.read.events import EventFilter
from parley.store.rows import literal_rows
from parley.store.schema import (
    actors,
    articles,
    event_mentions,
    events,
    position_months,
    position_type_months,
    positions,
)


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


def _conditions(flt: PositionFilter) -> list:
    conds = []
    if flt.actor_ids is not None:
        conds.append(positions.c.actor_id.in_(flt.actor_ids))
    if flt.issue:
        conds.append(positions.c.issue == flt.issue)
    if flt.stance:
        conds.append(positions.c.stance == flt.stance)
    if flt.since:
        conds.append(positions.c.date >= flt.since.isoformat())
    if flt.until:
        conds.append(positions.c.date <= flt.until.isoformat())
    if flt.shifts_only:
        conds.append(positions.c.shift == 1)
    if flt.article:
        conds.append(positions.c.article_id == flt.article)
    return conds


def list_positions(conn: Connection, flt: PositionFilter, limit: int | None = 50, offset: int = 0,
                   newest_first: bool = True) -> tuple[int, list[dict]]:
    """(how many positions match, one page of them), each with its actor, article, previous stance and shift."""
    where = and_(true(), *_conditions(flt))
    total = _total(conn, flt, where)
    check_offset(offset, total, "positions")
    # the page's ids first, from positions alone; actors and articles are joined to that page only
    ids = _page_ids(conn, where, limit, offset, newest_first)
    found = {}
    for chunk in chunks(ids):
        found.update((r["id"], r) for r in conn.execute(
            select(*BASE_COLUMNS, positions.c.previous_stance, positions.c.shift, actors.c.name, actors.c.country,
                   actors.c.type, articles.c.title, articles.c.published, articles.c.source.label("article_source"),
                   articles.c.url)
            .join(actors, actors.c.id == positions.c.actor_id)
            .join(articles, articles.c.id == positions.c.article_id)
            .where(positions.c.id.in_(chunk))).mappings())
    rows = [found[i] for i in ids]
    return total, [{
        "id": r["id"],
        "actor": {"id": r["actor_id"], "name": r["name"], "country": r["country"], "type": r["type"]},
        "issue": r["issue"], "stance": r["stance"], "previous_stance": r["previous_stance"],
        "shift": bool(r["shift"]), "date": r["date"],
        "evidence": r["evidence"], "span": [r["span_start"], r["span_end"]],
        "article": {"id": r["article_id"], "title": r["title"], "published": r["published"],
                    "source": r["article_source"], "url": r["url"]},
    } for r in rows]


def _page_ids(conn: Connection, where, limit: int | None, offset: int, newest_first: bool) -> list[str]:
    """The ids of a page of positions: dated ones by date (newest or oldest first) and id, then undated ones by
    id. Read apart, so that each walks an index in its order (ix_positions_actor_date for one actor's, say):
    SQLite sorts NULLs first, so "oldest first, undated last" in one statement sorted all of an actor's."""
    by_date = positions.c.date.desc().nulls_last() if newest_first else positions.c.date.asc()

    def read(condition, order, skip: int, wanted: int | None) -> list[str]:
        stmt = select(positions.c.id).where(where, condition).order_by(*order).offset(skip)
        return list(conn.execute(stmt if wanted is None else stmt.limit(wanted)).scalars())

    ids = read(positions.c.date.is_not(None), (by_date, positions.c.id), offset, limit)
    if limit is not None and len(ids) == limit:
        return ids
    if ids or not offset:  # the dated ones ended on this page
        dated = offset + len(ids)
    else:  # a page past the dated ones: where the undated ones start is counted
        dated = conn.execute(select(func.count()).where(where, positions.c.date.is_not(None))).scalar_one()
    return ids + read(positions.c.date.is_(None), (positions.c.id,), max(offset - dated, 0),
                      None if limit is None else limit - len(ids))


def _total(conn: Connection, flt: PositionFilter, where) -> int:
    """How many positions `flt` selects: summed from position_months (store/derived.py: positions and shifts per
    actor, issue and month) when it filters on actors, issue and shifts alone, else counted (counting every
    shift or every stance of a busy actor on an issue reads all of them, and they grow with the corpus)."""
    if flt.stance or flt.since or flt.until or flt.article:
        return conn.execute(select(func.count()).select_from(positions).where(where)).scalar_one()
    pm = position_months
    conds = ([pm.c.actor_id.in_(flt.actor_ids)] if flt.actor_ids is not None else []) + (
        [pm.c.issue == flt.issue] if flt.issue else [])
    counted = pm.c.shifts if flt.shifts_only else pm.c.positions
    return int(conn.execute(select(func.coalesce(func.sum(counted), 0)).where(*conds)).scalar_one())


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


def _reports_type(event_type: str):
    """The condition that a position's article reports an event of this PLOVER type: looked up per position
    (its article's reports, then their events), for the few positions a window's edges or latest days hold."""
    m = event_mentions.alias("m_type")
    return (select(m.c.id).join(events, events.c.id == m.c.event_id)
            .where(m.c.article_id == positions.c.article_id, events.c.type == event_type).exists())


def position_matrix(conn: Connection, since: date | None = None, until: date | None = None,
                    actor_ids: list[str] | None = None, top: int = 30, event_type: str | None = None) -> dict:
    """Actors × issues: each cell's latest stance in the window, how many positions and how many shifts; with
    `event_type`, of the positions stated in articles that report an event of that PLOVER type.

    Counts and latest days are summed and taken from position_months (position_type_months for a type;
    store/derived.py) over the window's whole months, and from positions only in the days at either end; each
    cell's latest stance is looked up on its latest day alone."""
    if since is None and until is None:
        first = last = None
    else:
        months = whole_months(since, until)
        if months is None:
            extra = () if event_type is None else (_reports_type(event_type),)
            return _scanned_matrix(conn, since, until, actor_ids, top, extra)
        first, last = months
    pm, p = position_months, positions
    typed = [] if event_type is None else [_reports_type(event_type)]
    if event_type is not None:
        pm = position_type_months
    mine = [] if actor_ids is None else [pm.c.actor_id.in_(actor_ids)]
    mine_p = ([] if actor_ids is None else [p.c.actor_id.in_(actor_ids)]) + typed
    shift = case((p.c.shift == 1, 1), else_=0)
    # position_type_months keys undated positions under '' (position_months under NULL)
    dated = pm.c.month.is_not(None) if event_type is None else pm.c.month != ""
    parts = [select(pm.c.actor_id, pm.c.issue, pm.c.positions.label("n"), pm.c.shifts.label("shifts"),
                    pm.c.last_day.label("day"))
             .where(*([pm.c.type == event_type] if event_type is not None else []), *mine,
                    *([pm.c.month >= first] if first else []), *([pm.c.month <= last] if last else []),
                    *([dated] if since or until else []))]
    if first and since.isoformat()[:7] < first:  # the days before the first whole month
        parts.append(select(p.c.actor_id, p.c.issue, literal(1), shift, p.c.date)
                     .where(*mine_p, p.c.date >= since.isoformat(), p.c.date < first + "-01"))
    if last and until.isoformat()[:7] > last:  # the days after the last whole month
        parts.append(select(p.c.actor_id, p.c.issue, literal(1), shift, p.c.date)
                     .where(*mine_p, p.c.date > last + "-99", p.c.date <= until.isoformat()))
    window = union_all(*parts).subquery("window")
    cells = {(r.actor_id, r.issue): r for r in conn.execute(
        select(window.c.actor_id, window.c.issue, func.sum(window.c.n).label("n"),
               func.sum(window.c.shifts).label("shifts"), func.max(window.c.day).label("day"))
        .group_by(window.c.actor_id, window.c.issue))}
    per_actor: dict[str, int] = defaultdict(int)
    for (actor_id, _), r in cells.items():
        per_actor[actor_id] += int(r.n)
    refs = {r["id"]: r for r in conn.execute(
        select(actors.c.id, actors.c.name, actors.c.country, actors.c.type)
        .where(actors.c.id.in_(list(per_actor)))).mappings()} if per_actor else {}
    ranked_actors = sorted((a for a in per_actor if a in refs),
                           key=lambda a: (-per_actor[a], refs[a]["name"], a))[:top]
    chosen = set(ranked_actors)
    mine_cells = sorted(k for k in cells if k[0] in chosen and int(cells[k].n))
    latest_day = {k: cells[k].day for k in mine_cells}  # None: the cell's positions in the window are undated
    stances = _latest_stances(conn, latest_day, typed)
    present = {issue for _, issue in mine_cells}
    issues = [i for i in ISSUES if i in present] + sorted(present - set(ISSUES))
    return {
        "issues": issues,
        "actors": [{"id": a, "name": refs[a]["name"], "country": refs[a]["country"], "type": refs[a]["type"],
                    "positions": per_actor[a]} for a in ranked_actors],
        "cells": [{"actor_id": a, "issue": i, "stance": stances.get((a, i)), "date": latest_day.get((a, i)),
                   "count": int(cells[(a, i)].n), "shifts": int(cells[(a, i)].shifts or 0)}
                  for a, i in mine_cells],
    }


def _latest_stances(conn: Connection, days: dict[tuple[str, str], str | None],
                    extra: list = ()) -> dict[tuple[str, str], str]:
    """Each cell's latest stance: among its positions on its latest day (its undated ones if it has none), the
    one from the latest-published article, then the highest article id, span and id. A dated cell's is looked
    up on its own day off ix_positions_actor_issue (one statement for all of them); undated cells' are ranked."""
    found: dict[tuple[str, str], str] = {}
    dated = [(a, i, d) for (a, i), d in days.items() if d]
    for start in range(0, len(dated), 400):
        wanted = literal_rows(conn, dated[start:start + 400], ("actor_id", "issue", "day"))
        stance = (select(positions.c.stance).join(articles, articles.c.id == positions.c.article_id)
                  .where(positions.c.actor_id == wanted.c.actor_id, positions.c.issue == wanted.c.issue,
                         positions.c.date == wanted.c.day, *extra)
                  .order_by(articles.c.published.desc().nulls_last(), positions.c.article_id.desc(),
                            positions.c.span_start.desc(), positions.c.id.desc())
                  .limit(1).scalar_subquery())
        found.update(((a, i), st) for a, i, st in conn.execute(select(wanted.c.actor_id, wanted.c.issue, stance)))
    undated = sorted({a for (a, _), d in days.items() if d is None})
    if undated:
        rank = func.row_number().over(
            partition_by=[positions.c.actor_id, positions.c.issue],
            order_by=[articles.c.published.desc().nulls_last(), positions.c.article_id.desc(),
                      positions.c.span_start.desc(), positions.c.id.desc()])
        ranked = (select(positions.c.actor_id, positions.c.issue, positions.c.stance, rank.label("rn"))
                  .join(articles, articles.c.id == positions.c.article_id)
                  .where(positions.c.actor_id.in_(undated), positions.c.date.is_(None), *extra)
                  .subquery("ranked"))
        found.update(((r.actor_id, r.issue), r.stance) for r in conn.execute(select(ranked).where(ranked.c.rn == 1))
                     if days.get((r.actor_id, r.issue), "") is None)
    return {key: stance for key, stance in found.items() if stance is not None}


def _scanned_matrix(conn: Connection, since: date | None, until: date | None, actor_ids: list[str] | None,
                    top: int, extra: tuple = ()) -> dict:
    """`position_matrix` counted from the positions themselves (a window that holds no whole month, or `extra`
    conditions on positions that position_months cannot answer)."""
    where = and_(true(), *_conditions(PositionFilter(actor_ids=actor_ids, since=since, until=until)), *extra)
    per_actor = (select(positions.c.actor_id, func.count().label("n")).where(where)
                 .group_by(positions.c.actor_id).subquery("per_actor"))
    top_actors = conn.execute(
        select(per_actor.c.actor_id, per_actor.c.n, actors.c.name, actors.c.country, actors.c.type)
        .join(actors, actors.c.id == per_actor.c.actor_id)
        .order_by(per_actor.c.n.desc(), actors.c.name, actors.c.id).limit(top)
    ).mappings().all()
    ids = [r["actor_id"] for r in top_actors]
    mine = and_(where, positions.c.actor_id.in_(ids))
    cell_rows = [dict(r) for r in conn.execute(
        select(positions.c.actor_id, positions.c.issue, func.count().label("count"),
               func.sum(func.coalesce(positions.c.shift, 0)).label("shifts"), func.max(positions.c.date).label("date"))
        .where(mine).group_by(positions.c.actor_id, positions.c.issue)
        .order_by(positions.c.actor_id, positions.c.issue)).mappings()] if ids else []
    # each cell's latest stance: among its positions on its latest date (its undated ones if it has no date),
    # the one from the latest-published article, then the highest article id, span and id
    last = (select(positions.c.actor_id, positions.c.issue, func.max(positions.c.date).label("last"))
            .where(mine).group_by(positions.c.actor_id, positions.c.issue).subquery("last"))
    rank = func.row_number().over(
        partition_by=[positions.c.actor_id, positions.c.issue],
        order_by=[articles.c.published.desc().nulls_last(), positions.c.article_id.desc(),
                  positions.c.span_start.desc(), positions.c.id.desc()])
    ranked = (select(positions.c.actor_id, positions.c.issue, positions.c.stance, rank.label("rn"))
              .join(last, and_(last.c.actor_id == positions.c.actor_id, last.c.issue == positions.c.issue,
                               func.coalesce(positions.c.date, "") == func.coalesce(last.c["last"], "")))
              .join(articles, articles.c.id == positions.c.article_id)
              .where(mine).subquery("ranked"))
    latest = {(r.actor_id, r.issue): r.stance
              for r in conn.execute(select(ranked).where(ranked.c.rn == 1))} if ids else {}
    for r in cell_rows:
        r["stance"] = latest.get((r["actor_id"], r["issue"]))
    present = {r["issue"] for r in cell_rows}
    issues = [i for i in ISSUES if i in present] + sorted(present - set(ISSUES))
    return {
        "issues": issues,
        "actors": [{"id": r["actor_id"], "name": r["name"], "country": r["country"], "type": r["type"],
                    "positions": int(r["n"])} for r in top_actors],
        "cells": [{"actor_id": r["actor_id"], "issue": r["issue"], "stance": r["stance"], "date": r["date"],
                   "count": int(r["count"]), "shifts": int(r["shifts"] or 0)} for r in cell_rows],
    }


def filtered_position_matrix(conn: Connection, flt: EventFilter, top: int = 30) -> dict:
    """`position_matrix` under the dashboard's event filters (an EventFilter): the positions of its actors
    (with their officials, as `with_officials`), on its issue, dated in its [since, until]; its type, status,
    country, place, reported status, article and search words keep the positions stated in the articles that
    report such events (the search: in the articles that contain the words)."""
    ids = with_officials(conn, flt.actor_ids) if flt.actor_ids is not None else None
    extra = []
    if flt.issue:
        extra.append(positions.c.issue == flt.issue)
    if flt.article:
        extra.append(positions.c.article_id == flt.article)
    if flt.q:
        extra.append(positions.c.article_id.in_(fts_articles(conn, flt.q)))
    reporting = EventFilter(types=flt.types, statuses=flt.statuses, country=flt.country, place=flt.place,
                            reported=flt.reported)
    if not extra and len(reporting.types) == 1 and not reporting.statuses and not reporting.narrows():
        # one event type alone: its cells are kept per month (position_type_months)
        return position_matrix(conn, flt.since, flt.until, ids, top, event_type=reporting.types[0])
    if reporting.types or reporting.statuses or reporting.narrows():
        chosen = select(events.c.id).where(*reporting.conditions(conn))
        extra.append(positions.c.article_id.in_(
            select(event_mentions.c.article_id).where(event_mentions.c.event_id.in_(chosen))))
    if not extra:
        return position_matrix(conn, flt.since, flt.until, ids, top)
    return _scanned_matrix(conn, flt.since, flt.until, ids, top, tuple(extra))


__all__ = ["PositionFilter", "filtered_position_matrix", "list_positions", "position_matrix", "position_timelines"]
