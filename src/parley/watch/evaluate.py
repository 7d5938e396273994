"""The rules against what a cycle added: which alerts the new articles raise.

Every rule fires when its condition becomes true because of the new articles, never for what was already true
before them: an `event` rule when an event matching its filters gets its first report (or its `min_reports`-th)
from a new article; a `shift` rule when an actor's latest stance on an issue, read from a new article, differs
from the stance before it, and the change is read in a new article; a `surge` rule when a group's count in the last `days` reaches `multiple`
times its rate over the `baseline_days` before (and at least `floor`), counted with the new articles, and did not
without them. "New articles" are those of the ingest runs the watch has not evaluated yet (store/alerts.py), so a
restart evaluates what a crash left and nothing twice; the store keeps each (rule, subject) once.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Connection, case, func, select

from parley.errors import InvalidQuery
from parley.store import alerts as alert_store
from parley.store.read import event_reports, resolve_actor, with_officials
from parley.store.read.common import actors_by_id, chunks, roles
from parley.store.schema import (
    articles,
    event_actors,
    event_mentions,
    event_pairs,
    events,
    positions,
)
from parley.watch.rules import Rule, Rules


@dataclass
class Fresh:
    """What the unevaluated runs added: their ids, their articles, and the events they reported."""

    run_ids: list[str]
    article_ids: set[str]
    event_ids: list[str]
    warnings: list[str] = field(default_factory=list)


def fresh(conn: Connection, run_ids: list[str]) -> Fresh:
    """The articles of `run_ids` and the events they report (new events and new reports of stored ones)."""
    found = alert_store.articles_of_runs(conn, run_ids)
    event_ids: set[str] = set()
    for chunk in chunks(found):
        event_ids.update(conn.execute(select(event_mentions.c.event_id).distinct()
                                      .where(event_mentions.c.article_id.in_(chunk))).scalars())
    return Fresh(list(run_ids), set(found), sorted(event_ids))


def evaluate(conn: Connection, rules: Rules, new: Fresh) -> list[dict]:
    """The alerts the rules raise on what `new` added, as dicts with store.alerts.ALERT_FIELDS, in rule order.
    Warnings (an actor a rule names that the store does not hold) are appended to `new.warnings`."""
    found: list[dict] = []
    if not new.article_ids:
        return found
    for rule in rules.rules:
        check = {"event": _event_alerts, "shift": _shift_alerts, "surge": _surge_alerts}[rule.kind]
        found += check(conn, rule, new)
    return found


# ------------------------------------------------------------------ shared pieces

def _actor_ids(conn: Connection, rule: Rule, names: tuple[str, ...], new: Fresh) -> set[str]:
    """The stored actor ids a rule's names stand for: each name as `--actor` reads it, a country with its
    government's and military's actors."""
    ids: set[str] = set()
    for name in names:
        try:
            ids.update(with_officials(conn, resolve_actor(conn, name)))
        except InvalidQuery:
            new.warnings.append(f"rule {rule.name!r}: no stored actor matches {name!r} yet; check the spelling "
                                "against `parley actors` if you expected one.")
    return ids


def _report_counts(conn: Connection, event_ids: list[str], new: Fresh) -> dict[str, tuple[int, int]]:
    """event id -> (reports from new articles, reports from articles stored before)."""
    counts: dict[str, tuple[int, int]] = {}
    m, a = event_mentions, articles
    is_new = case((a.c.run_id.in_(new.run_ids), 1), else_=0)
    for chunk in chunks(event_ids):
        rows = conn.execute(select(m.c.event_id, func.sum(is_new), func.count())
                            .join(a, a.c.id == m.c.article_id)
                            .where(m.c.event_id.in_(chunk)).group_by(m.c.event_id))
        for event_id, fresh_count, total in rows:
            counts[event_id] = (int(fresh_count or 0), int(total) - int(fresh_count or 0))
    return counts


def _first_new_report(conn: Connection, event_id: str, new: Fresh) -> dict:
    reports = event_reports(conn, [event_id]).get(event_id, [])
    return next((r for r in reports if r["article"]["id"] in new.article_ids), reports[0] if reports else {})


def _report_fields(report: dict) -> dict:
    article = report.get("article") or {}
    return {"evidence": report.get("sentence"), "outlet": article.get("source"), "url": article.get("url"),
            "article_id": article.get("id")}


def _names(actors: list[dict]) -> str:
    return " + ".join(a["name"] for a in actors) or "?"


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


# ------------------------------------------------------------------ event

def _event_alerts(conn: Connection, rule: Rule, new: Fresh) -> list[dict]:
    if not new.event_ids:
        return []
    wanted = {key: _actor_ids(conn, rule, getattr(rule, key), new) for key in ("actors", "source", "target")}
    sides = [_actor_ids(conn, rule, (name,), new) for name in rule.between]
    rows = []
    for chunk in chunks(new.event_ids):
        query = select(events).where(events.c.id.in_(chunk))
        if rule.types:
            query = query.where(events.c.type.in_(rule.types))
        if rule.status:
            query = query.where(events.c.status.in_(rule.status))
        if rule.countries:
            query = query.where(events.c.location_country.in_(rule.countries))
        if rule.places:
            query = query.where(func.lower(events.c.location_name).in_([p.lower() for p in rule.places]))
        rows += conn.execute(query).mappings().all()
    by_role = roles(conn, [r["id"] for r in rows])
    counts = _report_counts(conn, [r["id"] for r in rows], new)
    found = []
    for row in sorted(rows, key=lambda r: (r["date"] or "", r["id"])):
        source, target = by_role.get((row["id"], "source"), []), by_role.get((row["id"], "target"), [])
        src, tgt = {a["id"] for a in source}, {a["id"] for a in target}
        if rule.actors and not (src | tgt) & wanted["actors"]:
            continue
        if rule.source and not src & wanted["source"]:
            continue
        if rule.target and not tgt & wanted["target"]:
            continue
        if sides and not ((src & sides[0] and tgt & sides[1]) or (src & sides[1] and tgt & sides[0])):
            continue
        fresh_count, old = counts.get(row["id"], (0, 0))
        # "fires when the second report arrives": it reaches min_reports now, and had fewer before
        if not fresh_count or old >= rule.min_reports or fresh_count + old < rule.min_reports:
            continue
        place = f" in {row['location_name']}" if row["location_name"] else ""
        reports = fresh_count + old
        found.append({
            "rule": rule.name, "kind": "event", "subject": row["id"], "date": row["date"],
            "title": f"{row['type']}: {_names(source)} → {_names(target)}{place}, {row['date'] or 'undated'}",
            "detail": f"{row['status']}, {reports} report{'s' if reports != 1 else ''}",
            **_report_fields(_first_new_report(conn, row["id"], new))})
    return found


# ------------------------------------------------------------------ shift

def _stance_order(p: dict) -> tuple:
    # the order store/derived.py reads articles in: the position's date (undated last), publication day, id
    return (p["date"] is None, p["date"] or "", p["published"] is None, p["published"] or "", p["article_id"])


def _shift_alerts(conn: Connection, rule: Rule, new: Fresh) -> list[dict]:
    wanted = _actor_ids(conn, rule, rule.actors, new) if rule.actors else None
    keys: set[tuple[str, str]] = set()
    for chunk in chunks(sorted(new.article_ids)):
        query = select(positions.c.actor_id, positions.c.issue).distinct().where(positions.c.article_id.in_(chunk))
        if rule.issues:
            query = query.where(positions.c.issue.in_(rule.issues))
        keys.update((actor_id, issue) for actor_id, issue in conn.execute(query))
    if wanted is not None:
        keys = {k for k in keys if k[0] in wanted}
    names = actors_by_id(conn, (k[0] for k in keys))
    found = []
    for actor_id, issue in sorted(keys):
        rows = conn.execute(
            select(positions, articles.c.published, articles.c.source.label("outlet"), articles.c.url)
            .join(articles, articles.c.id == positions.c.article_id)
            .where(positions.c.actor_id == actor_id, positions.c.issue == issue,
                   positions.c.last_in_article == 1)).mappings().all()
        ordered = sorted((dict(r) for r in rows), key=_stance_order)
        # the change is where the latest run of one stance starts; `was` is the stance before that run
        start = len(ordered) - 1
        while start > 0 and ordered[start - 1]["stance"] == ordered[-1]["stance"]:
            start -= 1
        if start == 0 or ordered[start]["article_id"] not in new.article_ids:
            continue  # never a different stance before, or the change is old news
        was, now = ordered[start - 1], ordered[start]
        if (rule.from_stances and was["stance"] not in rule.from_stances) or \
                (rule.to_stances and now["stance"] not in rule.to_stances):
            continue
        name = (names.get(actor_id) or {}).get("name", actor_id)
        found.append({
            "rule": rule.name, "kind": "shift", "subject": f"{actor_id}|{issue}|{now['id']}", "date": now["date"],
            "title": f"{name} on {issue.replace('_', ' ')}: {was['stance']} → {now['stance']}",
            "detail": f"{was['stance']} since {was['date'] or 'an undated report'} ({was['outlet'] or 'unknown outlet'}), "
                      f"{now['stance']} on {now['date'] or 'an undated day'}",
            "evidence": now["evidence"], "outlet": now["outlet"], "url": now["url"], "article_id": now["article_id"]})
    return found


# ------------------------------------------------------------------ surge

def _groups_of(conn: Connection, rule: Rule, event_ids: list[str]) -> dict[str, set]:
    """event id -> the groups (actor ids, dyads as 'a|b', countries) it counts for under `rule.by`."""
    groups: dict[str, set] = defaultdict(set)
    for chunk in chunks(event_ids):
        if rule.by == "actor":
            rows = conn.execute(select(event_actors.c.event_id, event_actors.c.actor_id)
                                .where(event_actors.c.event_id.in_(chunk)))
            for event_id, actor_id in rows:
                groups[event_id].add(actor_id)
        elif rule.by == "dyad":
            rows = conn.execute(select(event_pairs.c.event_id, event_pairs.c.source_id, event_pairs.c.target_id)
                                .where(event_pairs.c.event_id.in_(chunk)))
            for event_id, source_id, target_id in rows:
                if source_id != target_id:
                    groups[event_id].add("|".join(sorted((source_id, target_id))))
        else:
            rows = conn.execute(select(events.c.id, events.c.location_country)
                                .where(events.c.id.in_(chunk), events.c.location_country.is_not(None)))
            for event_id, country in rows:
                groups[event_id].add(country)
    return groups


def _surging(recent: int, baseline: int, rule: Rule) -> bool:
    """`recent` events in `days` against `baseline` in the `baseline_days` before: at least the floor and at
    least `multiple` times the baseline's rate over the same number of days."""
    return recent >= rule.floor and recent >= rule.multiple * baseline * rule.days / rule.baseline_days


def _surge_alerts(conn: Connection, rule: Rule, new: Fresh) -> list[dict]:
    def typed(query):
        if rule.types:
            query = query.where(events.c.type.in_(rule.types))
        if rule.countries:
            query = query.where(events.c.location_country.in_(rule.countries))
        return query

    touched = []
    for chunk in chunks(new.event_ids):
        touched += conn.execute(typed(select(events.c.id, events.c.date).where(events.c.id.in_(chunk))))
    touched = [(i, _day(d)) for i, d in touched if _day(d)]
    if not touched:
        return []
    wanted = _actor_ids(conn, rule, rule.actors, new) if rule.actors else None
    groups = _groups_of(conn, rule, [i for i, _ in touched])
    ends: dict[str, set[date]] = defaultdict(set)  # group -> the days of its new events: where a surge can end
    for event_id, day in touched:
        for group in groups.get(event_id, ()):
            if wanted is None or set(group.split("|")) & wanted:
                ends[group].add(day)
    if not ends:
        return []
    span = timedelta(days=rule.days + rule.baseline_days - 1)
    first, last = min(min(d) for d in ends.values()) - span, max(max(d) for d in ends.values())
    window = conn.execute(typed(select(events.c.id, events.c.date)
                                .where(events.c.date >= first.isoformat(),
                                       events.c.date <= last.isoformat() + "\uffff"))).all()
    days = {i: _day(d) for i, d in window if _day(d)}
    in_groups = _groups_of(conn, rule, list(days))
    counts = _report_counts(conn, list(days), new)
    members: dict[str, list[tuple[date, str]]] = defaultdict(list)
    for event_id, day in days.items():
        for group in in_groups.get(event_id, ()):
            if group in ends:
                members[group].append((day, event_id))
    found = []
    for group in sorted(ends):
        dated = sorted(members[group])
        all_days = [d.toordinal() for d, _ in dated]
        old_days = [d.toordinal() for d, i in dated if counts.get(i, (0, 0))[1]]
        # one alert per surge: none for the same group within `days` of an earlier alert's last day
        alerted = [_day(s.rsplit("@", 1)[1]) for s in alert_store.subjects(conn, rule.name, f"{group}@")]
        for end in sorted(ends[group]):
            if any(d and abs((end - d).days) < rule.days for d in alerted):
                continue
            recent, baseline = _window_counts(all_days, end, rule)
            if not _surging(recent, baseline, rule) or _surging(*_window_counts(old_days, end, rule), rule):
                continue
            alerted.append(end)
            newest = max((d, i) for d, i in dated
                         if end - timedelta(days=rule.days - 1) <= d <= end and counts.get(i, (0, 0))[0])
            what = "/".join(rule.types) if rule.types else "events"
            found.append({
                "rule": rule.name, "kind": "surge", "subject": f"{group}@{end.isoformat()}", "date": end.isoformat(),
                "title": f"Surge: {recent} {what} for {_group_name(conn, rule, group)} in the {rule.days} days "
                         f"to {end.isoformat()}",
                "detail": f"{recent} in {rule.days} days against {baseline} in the {rule.baseline_days} days "
                          f"before (alert at {rule.multiple:g}× the usual rate and at least {rule.floor})",
                **_report_fields(_first_new_report(conn, newest[1], new))})
    return found


def _window_counts(ordinals: list[int], end: date, rule: Rule) -> tuple[int, int]:
    """(events in the `days` ending on `end`, events in the `baseline_days` before them) from sorted day
    ordinals."""
    last = end.toordinal()
    recent_from = last - rule.days + 1
    base_from = recent_from - rule.baseline_days
    recent = bisect_right(ordinals, last) - bisect_left(ordinals, recent_from)
    return recent, bisect_left(ordinals, recent_from) - bisect_left(ordinals, base_from)


def _group_name(conn: Connection, rule: Rule, group: str) -> str:
    if rule.by == "country":
        return group
    ids = group.split("|")
    names = actors_by_id(conn, ids)
    return " – ".join((names.get(i) or {}).get("name", i) for i in ids)


__all__ = ["Fresh", "evaluate", "fresh"]
