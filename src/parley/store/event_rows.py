"""Events written from their reports: an event's row from its members, and the inserts, moves and deletes that
bring the stored events to what merging decided (store/regroup.py), for a batch or for the whole store."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Connection, bindparam, delete, func, select, update

from parley.store import derived, merge, regroup, reprints
from parley.store.rows import chunks, insert_rows
from parley.store.schema import event_actors, event_mentions, events, links, mention_keys

#: What a new report's row holds beyond its event_mentions columns: its mention_keys columns.
KEY_COLUMNS = regroup.KEY_COLUMNS
MENTION_COLUMNS = [c.name for c in event_mentions.c]


def _event_row(group: merge.Group, rows: dict[str, dict]) -> dict:
    """An event's row from its reports: the first report's actors and date; the first given mode, precision
    and place; the summary of all statuses."""
    members = [rows[m.id] for m in group.members]
    # the parties of the report that names most of them (the first such): a first report that names no one
    # ("a drone struck a market") does not leave the event without the parties a later one names
    first = max(members, key=lambda m: (bool(m["source_ids"]) + bool(m["target_ids"]),
                                        len(m["source_ids"] or "") + len(m["target_ids"] or "")))
    anchor = members[0]
    surest = min(members, key=lambda m: merge.PRECISION_RANK.get(m["date_precision"], len(merge.PRECISION_RANK)))
    kinds = Counter(m["type"] for m in members)
    type_ = max(kinds, key=lambda t: (kinds[t], -next(k for k, m in enumerate(members) if m["type"] == t)))

    def first_given(name: str):
        return next((m[name] for m in members if m[name] is not None), None)

    placed = next((m for m in members if m["location_name"]), None)
    sources = first["source_ids"].split("+") if first["source_ids"] else []
    targets = first["target_ids"].split("+") if first["target_ids"] else []
    return {
        "id": group.id, "type": type_, "mode": first_given("mode"), "cameo": None,
        "status": merge.summary_status([m["status"] for m in members]), "date": surest["merge_date"],
        "date_precision": surest["date_precision"], "merge_date": anchor["merge_date"],
        "location_name": placed["location_name"] if placed else None,
        "location_country": placed["location_country"] if placed else None,
        "lat": placed["lat"] if placed else None, "lon": placed["lon"] if placed else None,
        "source_actor_id": sources[0] if sources else None, "target_actor_id": targets[0] if targets else None,
        "actor_key": first["actor_key"], "mention_count": len(members),
        "_roles": [("source", a) for a in sources] + [("target", a) for a in targets],
    }


def write_events(conn: Connection, merged: regroup.Merged, new_ids: set[str],
                  cameos: dict[str, str | None]) -> dict[str, str]:
    """Insert new events and reports, move stored reports whose event changed, drop events left empty.
    Returns the event id of every report it touched."""
    event_rows = {}
    owner: dict[str, str] = {}
    why: dict[str, tuple] = {}
    for group in merged.groups:
        row = _event_row(group, merged.rows)
        row["cameo"] = cameos.get(row["type"])
        event_rows[row["id"]] = row
        for member in group.members:
            owner[member.id] = row["id"]
            why[member.id] = regroup.why(group, member, merged.rows[member.id])
    if merged.before:
        for chunk in chunks(sorted(merged.before)):
            for stored_id, cameo in conn.execute(select(events.c.id, events.c.cameo).where(events.c.id.in_(chunk))):
                if stored_id in event_rows:
                    event_rows[stored_id]["cameo"] = event_rows[stored_id]["cameo"] or cameo
    plain = [{k: v for k, v in r.items() if k != "_roles"} for r in event_rows.values()]
    fresh = [r for r in plain if r["id"] not in merged.before]
    kept = [{**r, "key": r["id"]} for r in plain if r["id"] in merged.before]
    if fresh:
        insert_rows(conn, events, fresh)
    if kept:
        conn.execute(update(events).where(events.c.id == bindparam("key")).values(
            {k: bindparam(k) for k in plain[0] if k != "id"}), kept)
    new_mentions = [merged.rows[m] for m in merged.rows if m in new_ids]
    if new_mentions:
        insert_rows(conn, event_mentions, [{**{c: row[c] for c in MENTION_COLUMNS}, "event_id": owner[row["id"]],
                                            "merge_score": why[row["id"]][0], "merge_reason": why[row["id"]][1]}
                                           for row in new_mentions])
        insert_rows(conn, mention_keys, [{"mention_id": row["id"], **{c: row[c] for c in KEY_COLUMNS}}
                                            for row in new_mentions])
    moved = [{"key": m, "to": owner[m]} for m, row in merged.rows.items()
             if m not in new_ids and row["event_id"] != owner[m]]
    if moved:
        conn.execute(update(event_mentions).where(event_mentions.c.id == bindparam("key"))
                     .values(event_id=bindparam("to")), moved)
        conn.execute(update(links).where(links.c.from_mention_id == bindparam("key"))
                     .values(from_event_id=bindparam("to")), moved)
        conn.execute(update(links).where(links.c.to_mention_id == bindparam("key"))
                     .values(to_event_id=bindparam("to")), moved)
    explained = [{"key": m, "score": why[m][0], "reason": why[m][1]} for m, row in merged.rows.items()
                 if m not in new_ids and (row["merge_score"], row["merge_reason"]) != why[m]]
    if explained:
        conn.execute(update(event_mentions).where(event_mentions.c.id == bindparam("key"))
                     .values(merge_score=bindparam("score"), merge_reason=bindparam("reason")), explained)
    touched = sorted(set(event_rows) | merged.before)
    for chunk in chunks(touched):
        conn.execute(delete(event_actors).where(event_actors.c.event_id.in_(chunk)))
    roles = [{"event_id": r["id"], "role": role, "actor_id": a, "ord": i}
             for r in event_rows.values() for role in ("source", "target")
             for i, a in enumerate(a for rr, a in r["_roles"] if rr == role)]
    if roles:
        insert_rows(conn, event_actors, roles)
    gone = sorted(merged.before - set(event_rows))
    for chunk in chunks(gone):
        conn.execute(delete(events).where(events.c.id.in_(chunk)))
    return owner


def group_anew(conn: Connection, rows: list[dict]) -> list[merge.Group]:
    """The events these stored reports (event_mentions rows with their mention_keys) make when merged again among
    themselves by the current rule: each type family swept from its first report to its last, every report
    counting as new; a report too vaguely dated to join another stays alone (merge.mergeable)."""
    by_family: dict[str, list[merge.Report]] = {}
    groups: list[merge.Group] = []
    for row in rows:
        report = merge.report_of(row)
        if merge.mergeable(report.when, report.precision):
            by_family.setdefault(merge.family_of(report.type), []).append(report)
        else:
            groups.append(merge.single(report))
    pairs = reprints.pairs_within(conn, {row["article_id"] for row in rows})
    for _, reports in sorted(by_family.items()):
        groups += merge.regroup([], reports, pairs)[0]
    return groups


def remerge(conn: Connection) -> None:
    """Merge every stored report again by the current rule (store/merge.py) and bring the derived data up to
    date, in the caller's transaction: what a migration that changes the rule runs, so an upgraded store holds
    what a fresh ingest of its articles would."""
    columns = [*event_mentions.c, *(mention_keys.c[name] for name in KEY_COLUMNS)]
    stored = [dict(row) for row in conn.execute(
        select(*columns).join(mention_keys, mention_keys.c.mention_id == event_mentions.c.id)).mappings()]
    if not stored:
        return
    groups = group_anew(conn, stored)
    cameos = dict(map(tuple, conn.execute(select(events.c.type, func.max(events.c.cameo)).group_by(events.c.type))))
    before = set(conn.execute(select(events.c.id)).scalars())
    write_events(conn, regroup.Merged(groups, {row["id"]: row for row in stored}, before), set(), cameos)
    derived.rebuild(conn)
