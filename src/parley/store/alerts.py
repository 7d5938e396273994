"""The alerts `parley watch` raised, their deliveries per channel, and which ingest runs it has evaluated.

An alert is stored once per (rule, subject), so evaluating the same articles twice (a restart after a crash, two
cycles that see the same event) adds nothing. A delivery row per (alert, channel) is made when the alert is
stored; it stays pending (`sent_at` empty) until that channel takes it, so a failed delivery is retried on the
next cycle and a sent one is never sent again. The CLI, the API and the Atom feed read through `recent_alerts`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Connection, func, select, update

from parley.store.read.common import check_offset
from parley.store.schema import articles, runs
from parley.store.watch_tables import alert_deliveries, alert_runs, alerts
from parley.store.write import finish_run, start_run

ALERT_FIELDS = ("rule", "kind", "subject", "title", "detail", "evidence", "outlet", "url", "article_id", "date")


def now() -> str:
    """The current UTC time as the store writes timestamps."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def alert_id(rule: str, subject: str) -> str:
    """The stable id of the alert a rule raises about a subject (16 hex digits)."""
    return hashlib.sha256(f"{rule}\x1f{subject}".encode()).hexdigest()[:16]


def unchecked_runs(conn: Connection) -> list[str]:
    """Ids of the ingest runs whose articles the watch has not evaluated yet, oldest first."""
    checked = select(alert_runs.c.run_id)
    return list(conn.execute(select(runs.c.id).where(runs.c.id.not_in(checked))
                             .order_by(runs.c.started_at, runs.c.id)).scalars())


def take_stored_as_known(conn: Connection) -> int:
    """On a store the watch has never evaluated, mark every run so far as evaluated: what was stored before the
    first watch is old news. Returns how many runs were marked (0 when the watch has run here before).

    The mark includes a run of its own, with no articles, so that even on an empty store the watch's first
    start is recorded: a first cycle stopped between its ingest and its evaluation is then evaluated on the
    next start instead of being taken as old news."""
    if conn.execute(select(alert_runs.c.run_id).limit(1)).first() is not None:
        return 0
    found = unchecked_runs(conn)
    marker = start_run(conn, ["parley watch: the articles stored before the first watch are taken as seen"])
    finish_run(conn, marker, seen=0, new=0, skipped=0, failed=0)
    mark_checked(conn, [*found, marker])
    return len(found)


def mark_checked(conn: Connection, run_ids: Iterable[str]) -> None:
    """Record that the watch has evaluated the articles of these runs."""
    stamp = now()
    rows = [{"run_id": r, "checked_at": stamp} for r in run_ids]
    if rows:
        conn.execute(alert_runs.insert(), rows)


def articles_of_runs(conn: Connection, run_ids: list[str]) -> list[str]:
    """Ids of the articles these runs stored."""
    if not run_ids:
        return []
    return list(conn.execute(select(articles.c.id).where(articles.c.run_id.in_(run_ids))
                             .order_by(articles.c.id)).scalars())


def subjects(conn: Connection, rule: str, prefix: str) -> list[str]:
    """Subjects of the alerts `rule` raised that start with `prefix`."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return list(conn.execute(select(alerts.c.subject).where(alerts.c.rule == rule,
                                                            alerts.c.subject.like(escaped + "%", escape="\\")))
                .scalars())


def add_alerts(conn: Connection, found: Iterable[dict], channels: Iterable[str], run_id: str | None) -> list[str]:
    """Store the alerts not stored yet (same rule and subject), each with a pending delivery per channel.

    `found` holds dicts with ALERT_FIELDS. Returns the ids of the alerts added, in order."""
    channels = list(channels)
    stamp = now()
    added: list[str] = []
    for item in found:
        key = alert_id(item["rule"], item["subject"])
        if key in added or conn.execute(select(alerts.c.id).where(alerts.c.id == key)).first() is not None:
            continue
        conn.execute(alerts.insert().values(id=key, created_at=stamp, run_id=run_id,
                                            **{f: item.get(f) for f in ALERT_FIELDS}))
        if channels:
            conn.execute(alert_deliveries.insert(), [{"alert_id": key, "channel": c, "attempts": 0}
                                                     for c in channels])
        added.append(key)
    return added


def pending_deliveries(conn: Connection, channels: Iterable[str]) -> dict[str, list[dict]]:
    """For each channel, its alerts not delivered yet (oldest first), each with `attempts` made so far."""
    channels = list(channels)
    if not channels:
        return {}
    rows = conn.execute(
        select(alerts, alert_deliveries.c.channel, alert_deliveries.c.attempts)
        .join(alert_deliveries, alert_deliveries.c.alert_id == alerts.c.id)
        .where(alert_deliveries.c.sent_at.is_(None), alert_deliveries.c.channel.in_(channels))
        .order_by(alerts.c.created_at, alerts.c.date, alerts.c.rule, alerts.c.subject)).mappings().all()
    found: dict[str, list[dict]] = {c: [] for c in channels}
    for row in rows:
        found[row["channel"]].append(dict(row))
    return {c: items for c, items in found.items() if items}


def record_delivery(conn: Connection, channel: str, alert_ids: list[str], error: str | None) -> None:
    """Record one attempt to deliver these alerts on `channel`: sent when `error` is None, else the error."""
    stamp = now()
    where = [alert_deliveries.c.channel == channel, alert_deliveries.c.alert_id.in_(alert_ids)]
    values = {"attempts": alert_deliveries.c.attempts + 1, "last_error": error}
    if error is None:
        values["sent_at"] = stamp
    conn.execute(update(alert_deliveries).where(*where).values(**values))
    if error is None:
        conn.execute(update(alerts).where(alerts.c.id.in_(alert_ids), alerts.c.first_sent_at.is_(None))
                     .values(first_sent_at=stamp))


def recent_alerts(conn: Connection, limit: int | None = 50, offset: int = 0) -> tuple[int, list[dict]]:
    """(how many alerts are stored, the newest `limit` after `offset`: latest raised first, then latest day, then
    by rule and subject), each with its deliveries per channel.
    Raises InvalidQuery("offset") for an offset past the end."""
    total = conn.execute(select(func.count()).select_from(alerts)).scalar() or 0
    check_offset(offset, total, "alerts")
    query = select(alerts).order_by(alerts.c.created_at.desc(), alerts.c.date.desc(), alerts.c.rule,
                                    alerts.c.subject).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    items = [dict(r) for r in conn.execute(query).mappings()]
    deliveries: dict[str, list[dict]] = {}
    ids = [i["id"] for i in items]
    if ids:
        for row in conn.execute(select(alert_deliveries).where(alert_deliveries.c.alert_id.in_(ids))
                                .order_by(alert_deliveries.c.channel)).mappings():
            deliveries.setdefault(row["alert_id"], []).append(
                {"channel": row["channel"], "sent_at": row["sent_at"], "attempts": row["attempts"],
                 "last_error": row["last_error"]})
    for item in items:
        item["deliveries"] = deliveries.get(item["id"], [])
    return total, items
