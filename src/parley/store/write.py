"""The only code that writes the corpus: runs, articles with what was read from them, events merged by identity.

Writes go in batches: a few statements per batch and table (executemany), whatever the number of articles, so
the store keeps up with the extractor. Events are rebuilt from their reports by merge.regroup, so the result
does not depend on the order or the batches articles arrive in.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import Connection, bindparam, delete, func, insert, or_, select, update

from parley import __version__
from parley.identity import day
from parley.records import Actor, Document, Event, stable_id
from parley.store import derived, merge, reprints
from parley.store.schema import (
    actor_mentions,
    actors,
    article_bands,
    article_sketches,
    articles,
    event_actors,
    event_mentions,
    events,
    failures,
    links,
    mention_keys,
    positions,
    runs,
)
from parley.store.schema import reprints as reprint_pairs

#: Bound parameters per IN (...) list: well under SQLite's and PostgreSQL's limits.
CHUNK = 500
#: From this many rows on, PostgreSQL gets them by COPY rather than INSERT.
COPY_FROM = 200


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def content_hash(text: str, source: str | None = None) -> str:
    """sha256 of the text with whitespace collapsed, so re-wrapped copies of an article count as one; with the
    outlet's name first when it is known, so a wire story two outlets print word for word is two articles (one
    story: store/reprints.py), while the same outlet's copy is the article already stored."""
    normalised = " ".join(text.split())
    if source:
        normalised = " ".join(source.split()).casefold() + "\x1f" + normalised
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def stored_article_id(conn: Connection, digest: str, url: str | None = None) -> str | None:
    """The id of the stored article with this content hash (or this URL), else None."""
    condition = articles.c.content_hash == digest
    if url:
        condition = or_(condition, articles.c.url == url)
    return conn.execute(select(articles.c.id).where(condition).limit(1)).scalar()


def start_run(conn: Connection, sources: Iterable[str]) -> str:
    run_id = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"
    conn.execute(insert(runs).values(id=run_id, started_at=now(), parley_version=__version__,
                                     sources="\n".join(sources)))
    return run_id


def finish_run(conn: Connection, run_id: str, *, seen: int, new: int, skipped: int, failed: int,
               finished: bool = True) -> None:
    conn.execute(update(runs).where(runs.c.id == run_id).values(
        articles_seen=seen, articles_new=new, articles_skipped=skipped, articles_failed=failed,
        finished_at=now() if finished else None))


def record_failures(conn: Connection, run_id: str | None, rows: Sequence[dict]) -> None:
    """Store why articles failed: dicts with stage (read, extract, store), error and, when known, origin,
    article_id and content_hash."""
    if rows:
        conn.execute(insert(failures), [{"run_id": run_id, "origin": None, "article_id": None,
                                         "content_hash": None, "failed_at": now(), **row} for row in rows])


def insert_rows(conn: Connection, table, rows: Sequence[dict]) -> None:
    """Insert rows (dicts with the same keys) in the caller's transaction: one executemany, or on PostgreSQL
    for many rows one COPY, its fastest way in."""
    if not rows:
        return
    if conn.dialect.name != "postgresql" or len(rows) < COPY_FROM:
        conn.execute(insert(table), list(rows))
        return
    columns = list(rows[0])
    cursor = conn.connection.driver_connection.cursor()
    names = ", ".join(f'"{c}"' for c in columns)
    with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def actor_id(actor: Actor) -> str:
    return actor.id or stable_id("actor", actor.name.casefold())


def _chunks(values: Sequence, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start:start + size]


#: The longest article id stored as given; a longer one is shortened with a hash (see storable_id). PostgreSQL
#: cannot index an id of several kilobytes, and both stores must take the same articles.
MAX_ID = 200


def storable_id(wanted: str) -> str:
    """The id itself when at most MAX_ID characters, else its first 64 characters, "~" and a hash of it all."""
    if len(wanted) <= MAX_ID:
        return wanted
    return f"{wanted[:64]}~{hashlib.sha256(wanted.encode('utf-8')).hexdigest()[:16]}"


def _free_article_ids(conn: Connection, wanted: list[tuple[str, str]]) -> list[str]:
    """Each article's own id (storable_id) unless another article (stored, or earlier in the batch) holds it;
    then the id with a piece of the hash."""
    wanted = [(storable_id(wanted_id) if wanted_id else digest[:16], digest) for wanted_id, digest in wanted]
    taken = set()
    for chunk in _chunks(list({w for w, _ in wanted})):
        taken.update(conn.execute(select(articles.c.id).where(articles.c.id.in_(chunk))).scalars())
    out = []
    for wanted_id, digest in wanted:
        chosen = wanted_id if wanted_id not in taken else f"{wanted_id}-{digest[:8]}"
        taken.add(chosen)
        out.append(chosen)
    return out


#: The order in which a stored actor's sector is chosen among those its mentions gave: a state's
#: government before its army or police, so that "Congolese troops" read first does not make Congo an army.
SECTOR_ORDER = ("GOV", "MIL", "COP", "LEG", "JUD", "SPY", "IGO", "REB", "OPP", "PTY")


def _preferred(current: dict | None, actor: Actor) -> dict:
    """An actor's stored name, country and type from what is stored and one more mention of it: for an actor
    of the reference data, its own; else for each a choice that does not depend on which mention came first
    (the sector by SECTOR_ORDER, then alphabetically; the country and the name alphabetically), so a corpus
    ingested in any order stores the same actors."""
    def sector_rank(value):
        return (value not in SECTOR_ORDER, SECTOR_ORDER.index(value) if value in SECTOR_ORDER else 0, value)

    def pick(a, b, key=lambda v: v):
        given = [v for v in (a, b) if v]
        return min(given, key=key) if given else None

    known = _kb_entity(actor_id(actor))
    if known is not None:  # the reference data's own name, country and sector, whatever a sentence suggested
        return {"name": known.name, "country": known.country or pick(current and current["country"], actor.country),
                "type": known.type or pick(current and current["type"], actor.type, sector_rank)}
    if current is None:
        return {"name": actor.name, "country": actor.country, "type": actor.type}
    return {"name": pick(current["name"], actor.name), "country": pick(current["country"], actor.country),
            "type": pick(current["type"], actor.type, sector_rank)}


def _kb_entity(key: str):
    """The reference data's entity with this actor id (kb/*.yaml), else None."""
    from parley.kb import load

    return load().entities.get(key)


def ensure_actors(conn: Connection, found: Iterable[Actor], known: set[str] | None = None) -> None:
    """Store actors not stored yet, and bring a stored actor's name, country and type to the order-free choice
    among its mentions' (`_preferred`). `known` caches the ids of actors whose stored values are already
    final for what was written so far; every batch's actors are still compared with the stored values, since a
    later mention may bring a value that wins."""
    wanted: dict[str, dict] = {}
    for actor in found:
        key = actor_id(actor)
        wanted[key] = _preferred(wanted.get(key), actor)
    if not wanted:
        return
    stored = {}
    for chunk in _chunks(list(wanted)):
        stored.update({row.id: row for row in conn.execute(select(actors).where(actors.c.id.in_(chunk)))})
    new, changed = [], []
    for key, values in wanted.items():
        row = stored.get(key)
        if row is None:
            new.append({"id": key, **values})
            continue
        now_ = {"name": row.name, "country": row.country, "type": row.type}
        best = _preferred(now_, Actor(text="", start=0, end=0, name=values["name"], id=key,
                                      country=values["country"], type=values["type"]))
        if best != now_:
            changed.append({"key": key, **best})
    if new:
        conn.execute(insert(actors), new)
    if changed:
        conn.execute(update(actors).where(actors.c.id == bindparam("key"))
                     .values(name=bindparam("name"), country=bindparam("country"), type=bindparam("type")), changed)
    if known is not None:
        known.update(wanted)


def _ids(found: list[Actor]) -> list[str]:
    return list(dict.fromkeys(actor_id(a) for a in found))


def _mention_row(article_id: str, published: date | None, event: Event, in_title: bool = False,
                 text: str = "") -> dict:
    """The event_mentions row of one report, with what merging reads (see merge.py); `in_title` for an event
    read from the article's title (its spans index the title); `text` what the spans index."""
    sources, targets = _ids(event.source), _ids(event.target)
    location = event.location
    reported = day(event.date)
    when = reported or published
    sentence = text[event.sentence_span[0]:event.sentence_span[1]] if event.sentence_span else ""
    return {
        "id": stable_id("mention", article_id, *(["title"] if in_title else []), event.span[0], event.span[1],
                        event.type),
        "event_id": None, "in_title": int(in_title),
        "article_id": article_id, "extracted_id": event.id, "span_start": event.span[0], "span_end": event.span[1],
        "sentence_start": event.sentence_span[0] if event.sentence_span else None,
        "sentence_end": event.sentence_span[1] if event.sentence_span else None,
        "trigger": event.trigger, "status": event.status,
        "claimed_by_actor_id": actor_id(event.claimed_by) if event.claimed_by else None,
        "date": reported.isoformat() if reported else None, "date_text": event.date_text,
        "location_name": location.name if location else None, "confidence": event.confidence,
        "type": event.type, "actor_key": merge.actor_key(sources, targets),
        "merge_date": when.isoformat() if when else None, "mode": event.mode,
        "date_precision": event.date_precision, "location_country": location.country if location else None,
        "lat": location.lat if location else None, "lon": location.lon if location else None,
        "source_ids": "+".join(sources), "target_ids": "+".join(targets),
        "source_roots": merge.party_roots(event.source), "target_roots": merge.party_roots(event.target),
        "location_adm1": location.adm1 if location else None, "location_feature": location.feature if location else None,
        "evidence": merge.evidence_words(sentence), "merge_score": None, "merge_reason": None,
    }


#: What a new report's row holds beyond its event_mentions columns: its mention_keys columns.
KEY_COLUMNS = [c.name for c in mention_keys.c if c.name != "mention_id"]
MENTION_COLUMNS = [c.name for c in event_mentions.c]


def _report(row) -> merge.Report:
    return merge.report_of(row)


@dataclass
class _Merged:
    """The events touched by a batch, rebuilt from all their reports."""

    groups: list[merge.Group]
    rows: dict[str, dict]  # mention id -> row, for every member of every group
    before: set[str]       # the ids of the stored events that were rebuilt


#: How far past a batch's last report the writer first reads stored reports: the sweep settles back onto the
#: stored events within a few days; when it has not, the writer reads on to the end.
HORIZON = timedelta(days=21)


def _stored_reports(conn: Connection, types: list[str], since: date, until: date | None) -> list[dict]:
    """The stored reports (with their merge keys) of every event of these types anchored from `since` to
    `until` (to the end when None)."""
    columns = [*event_mentions.c, *(mention_keys.c[name] for name in KEY_COLUMNS)]
    query = (select(*columns).join(events, events.c.id == event_mentions.c.event_id)
             .join(mention_keys, mention_keys.c.mention_id == event_mentions.c.id)
             .where(events.c.type.in_(types), events.c.merge_date >= since.isoformat()))
    if until is not None:
        query = query.where(events.c.merge_date <= until.isoformat())
    return [dict(row) for row in conn.execute(query).mappings()]


def _rebuild(conn: Connection, new_rows: list[dict]) -> _Merged:
    """Group new reports with the stored reports they may join (one indexed query per type family, reading
    from merge.REACH before the earliest new report to HORIZON past the last, or on to the end when the
    sweep has not settled by then)."""
    rows = {row["id"]: row for row in new_rows}
    groups: list[merge.Group] = []
    before: set[str] = set()
    by_family: dict[str, list[merge.Report]] = {}
    for row in new_rows:
        report = _report(row)
        if merge.mergeable(report.when, report.precision):
            by_family.setdefault(merge.family_of(report.type), []).append(report)
        else:
            groups.append(merge.single(report))
    for _family, reports in sorted(by_family.items()):
        since = merge.shifted(min(r.lo for r in reports), -merge.REACH)
        until: date | None = merge.shifted(max(r.when for r in reports), HORIZON)
        types = merge.family_types(reports[0].type)
        while True:
            stored = _stored_reports(conn, types, since, until)
            pairs = reprints.pairs_among(conn, {r["article_id"] for r in stored} | {r.article for r in reports})
            found_groups, settled = merge.regroup([_report(row) for row in stored], reports, pairs)
            if settled or until is None or not _any_after(conn, types, until):
                break
            until = None
        size = Counter(row["event_id"] for row in stored)
        found = {row["id"]: row for row in stored}
        for group in found_groups:
            # a stored event that comes out with the same reports is left as it is: rewriting it would make
            # every batch cost as much as the stored reports of its family dated after the batch's earliest
            if ({member.event_id for member in group.members} == {group.id}
                    and size.get(group.id) == len(group.members)
                    and all(_why(group, m, found[m.id]) == (found[m.id]["merge_score"], found[m.id]["merge_reason"])
                            for m in group.members)):
                continue
            groups.append(group)
            for member in group.members:
                if member.event_id is not None:
                    rows[member.id] = dict(found[member.id])
                    before.add(member.event_id)
    return _Merged(groups, rows, before)


def _any_after(conn: Connection, types: list[str], until: date) -> bool:
    """Whether any stored event of these types is anchored after `until`."""
    return conn.execute(select(events.c.id).where(events.c.type.in_(types), events.c.merge_date > until.isoformat())
                        .limit(1)).first() is not None


def _why(group: merge.Group, member: merge.Report, row: dict) -> tuple[float | None, str | None]:
    """(merge_score, merge_reason) of a member of a group (`row` its stored or new row): none for its first
    report; as stored for a report the sweep kept where it was (it came before the batch's first report)."""
    if member is group.members[0]:
        return None, None
    found = group.matches.get(member.id)
    return (found.score, found.reason()) if found else (row["merge_score"], row["merge_reason"])


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


def _write_events(conn: Connection, merged: _Merged, new_ids: set[str],
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
            why[member.id] = _why(group, member, merged.rows[member.id])
    if merged.before:
        for chunk in _chunks(sorted(merged.before)):
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
    for chunk in _chunks(touched):
        conn.execute(delete(event_actors).where(event_actors.c.event_id.in_(chunk)))
    roles = [{"event_id": r["id"], "role": role, "actor_id": a, "ord": i}
             for r in event_rows.values() for role in ("source", "target")
             for i, a in enumerate(a for rr, a in r["_roles"] if rr == role)]
    if roles:
        insert_rows(conn, event_actors, roles)
    gone = sorted(merged.before - set(event_rows))
    for chunk in _chunks(gone):
        conn.execute(delete(events).where(events.c.id.in_(chunk)))
    return owner


def _link_rows(events: list[Event], mention_ids: dict[str, str]) -> list[dict]:
    rows = []
    for event in events:
        from_mention = mention_ids.get(event.id)
        if from_mention is None:
            continue
        for link in event.links:
            rows.append({"from_mention_id": from_mention, "rel": link.rel, "to_mention_id": mention_ids.get(link.event)})
    return rows


def _position_rows(article_id: str, document: Document) -> list[dict]:
    found: dict[str, dict] = {}
    for position in document.positions:
        when = day(position.date) or document.published
        row_id = stable_id("position", article_id, actor_id(position.actor), position.issue, position.stance,
                           position.span[0], position.span[1])
        found.setdefault(row_id, {
            "id": row_id, "actor_id": actor_id(position.actor), "issue": position.issue, "stance": position.stance,
            "article_id": article_id, "span_start": position.span[0], "span_end": position.span[1],
            "evidence": position.evidence, "date": when.isoformat() if when else None, "condition": position.condition})
    return list(found.values())


def _actor_mention_rows(article_id: str, document: Document) -> list[dict]:
    """Where the article names each actor. A mention whose offsets do not hold its text is left out: a highlight
    in the wrong place is worse than none."""
    found: dict[tuple[int, int, str], dict] = {}
    for actor in document.actors:
        if not 0 <= actor.start < actor.end <= len(document.text) \
                or document.text[actor.start:actor.end] != actor.text:
            continue
        key = (actor.start, actor.end, actor_id(actor))
        found.setdefault(key, {"article_id": article_id, "actor_id": key[2], "span_start": actor.start,
                               "span_end": actor.end, "text": actor.text})
    return list(found.values())


def _all_actors(document: Document) -> Iterable[Actor]:
    yield from document.actors
    for event in [*document.events, *document.title_events]:
        yield from event.source
        yield from event.target
        if event.claimed_by:
            yield event.claimed_by
    for position in document.positions:
        yield position.actor


@dataclass(frozen=True)
class Item:
    """One article to store: what the extractor read, its content hash and where it came from."""

    document: Document
    digest: str | None = None
    origin: str | None = None
    #: the id of a stored article this one replaces (its feed entry's summary, when this is the page)
    replaces: str | None = None


def write_documents(conn: Connection, items: Sequence[Item], *, run_id: str | None = None,
                    known_actors: set[str] | None = None) -> list[str]:
    """Store articles and everything read from them in the caller's transaction, a few statements per table
    for the whole batch; return the article ids in order. An item that `replaces` a stored article (a feed entry's
    page, its summary) removes it first (forget_articles). Raises SQLAlchemyError if any row is refused."""
    if not items:
        return []
    forget_articles(conn, [item.replaces for item in items if item.replaces])  # before their ids are chosen
    digests = [item.digest or content_hash(item.document.text, item.document.source) for item in items]
    article_ids = _free_article_ids(conn, [(item.document.id, d) for item, d in zip(items, digests)])
    stamp = now()
    insert_rows(conn, articles, [{
        "id": article_id, "url": doc.url, "title": doc.title, "source": doc.source,
        "published": doc.published.isoformat() if doc.published else None, "text": doc.text,
        "content_hash": digest, "origin": item.origin, "ingested_at": stamp, "run_id": run_id,
        "original_id": doc.id if len(doc.id) > MAX_ID else None, "warnings": "\n".join(doc.warnings) or None,
        "summary_only": int(doc.summary)}
        for item, doc, article_id, digest in
        ((item, item.document, a, d) for item, a, d in zip(items, article_ids, digests))])
    ensure_actors(conn, (actor for item in items for actor in _all_actors(item.document)), known_actors)
    mention_rows: dict[str, dict] = {}
    link_rows, position_rows, named_rows = [], [], []
    cameos: dict[str, str | None] = {}
    for item, article_id in zip(items, article_ids):
        doc = item.document
        mention_ids: dict[str, str] = {}
        for event in doc.events:
            row = _mention_row(article_id, doc.published, event, text=doc.text)
            mention_rows.setdefault(row["id"], row)  # two events on one span and type: the first is kept
            mention_ids[event.id] = row["id"]
            cameos[event.type] = cameos.get(event.type) or event.cameo
        link_rows += _link_rows(doc.events, mention_ids)
        title_ids: dict[str, str] = {}  # a headline's events link among themselves
        for event in doc.title_events:
            row = _mention_row(article_id, doc.published, event, in_title=True, text=doc.title or "")
            mention_rows.setdefault(row["id"], row)
            title_ids[event.id] = row["id"]
            cameos[event.type] = cameos.get(event.type) or event.cameo
        link_rows += _link_rows(doc.title_events, title_ids)
        position_rows += _position_rows(article_id, doc)
        named_rows += _actor_mention_rows(article_id, doc)
    reprints.record(conn, [(article_id, item.document.text) for item, article_id in zip(items, article_ids)])
    merged = _rebuild(conn, list(mention_rows.values()))
    actors_before = derived.actors_of(conn, merged.before)
    dates_before = derived.dates_of(conn, merged.before)
    counted = derived.counted_before(conn, merged.before)
    owner = _write_events(conn, merged, set(mention_rows), cameos)
    if link_rows:
        insert_rows(conn, links, [{**row, "from_event_id": owner[row["from_mention_id"]],
                                      "to_event_id": owner.get(row["to_mention_id"])} for row in link_rows])
    if position_rows:
        insert_rows(conn, positions, position_rows)
    if named_rows:
        insert_rows(conn, actor_mentions, named_rows)
    claimants = {row["claimed_by_actor_id"] for row in mention_rows.values() if row["claimed_by_actor_id"]}
    derived.refresh(conn, event_ids=set(owner.values()) | merged.before, actor_ids=actors_before | claimants,
                    position_keys={(row["actor_id"], row["issue"]) for row in position_rows}, dates=dates_before,
                    counted=counted)
    return article_ids


def write_document(conn: Connection, document: Document, *, digest: str | None = None, origin: str | None = None,
                   run_id: str | None = None, known_actors: set[str] | None = None) -> str:
    """Store an article and everything read from it, in the caller's transaction; return the article id."""
    return write_documents(conn, [Item(document, digest, origin)], run_id=run_id, known_actors=known_actors)[0]


def article_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(articles)).scalar_one()


def remerge(conn: Connection) -> None:
    """Merge every stored report again by the current rule (store/merge.py) and bring the derived data up to
    date, in the caller's transaction: what a migration that changes the rule runs, so an upgraded store holds
    what a fresh ingest of its articles would."""
    columns = [*event_mentions.c, *(mention_keys.c[name] for name in KEY_COLUMNS)]
    stored = [dict(row) for row in conn.execute(
        select(*columns).join(mention_keys, mention_keys.c.mention_id == event_mentions.c.id)).mappings()]
    if not stored:
        return
    by_family: dict[str, list[merge.Report]] = {}
    groups: list[merge.Group] = []
    for row in stored:
        report = merge.report_of(row)
        if merge.mergeable(report.when, report.precision):
            by_family.setdefault(merge.family_of(report.type), []).append(report)
        else:
            groups.append(merge.single(report))
    pairs = reprints.pairs_among(conn, {row["article_id"] for row in stored})
    for _, reports in sorted(by_family.items()):
        # every report counts as new: the sweep covers the family from its first report to its last
        found, _ = merge.regroup([], reports, pairs)
        groups += found
    cameos = dict(map(tuple, conn.execute(select(events.c.type, func.max(events.c.cameo)).group_by(events.c.type))))
    before = set(conn.execute(select(events.c.id)).scalars())
    _write_events(conn, _Merged(groups, {row["id"]: row for row in stored}, before), set(), cameos)
    derived.rebuild(conn)


def forget_articles(conn: Connection, article_ids: Iterable[str]) -> None:
    """Remove these articles and everything read from them, in the caller's transaction: their reports and the
    links between them, positions, actor mentions and reprint sketches. Each event they reported is rebuilt from
    the reports other articles keep of it (merged again by merge.regroup; one left without reports is dropped),
    and the derived tables follow. What replaces a feed entry's summary with its page (store/batch.py)."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    mentions: dict[str, str] = {}
    claimants: set[str] = set()
    position_keys: set[tuple[str, str]] = set()
    for chunk in _chunks(ids):
        for mention_id, event_id, claimant in conn.execute(
                select(event_mentions.c.id, event_mentions.c.event_id, event_mentions.c.claimed_by_actor_id)
                .where(event_mentions.c.article_id.in_(chunk))):
            mentions[mention_id] = event_id
            claimants.update([claimant] if claimant else [])
        position_keys.update(map(tuple, conn.execute(select(positions.c.actor_id, positions.c.issue)
                                                     .where(positions.c.article_id.in_(chunk)))))
    affected = set(mentions.values())
    actors_before = derived.actors_of(conn, affected) | claimants
    dates_before = derived.dates_of(conn, affected)
    counted = derived.counted_before(conn, affected)
    for chunk in _chunks(sorted(mentions)):
        conn.execute(delete(links).where(or_(links.c.from_mention_id.in_(chunk), links.c.to_mention_id.in_(chunk))))
        conn.execute(delete(mention_keys).where(mention_keys.c.mention_id.in_(chunk)))
        conn.execute(delete(event_mentions).where(event_mentions.c.id.in_(chunk)))
    for chunk in _chunks(ids):
        for table in (positions, actor_mentions, article_bands, article_sketches):
            conn.execute(delete(table).where(table.c.article_id.in_(chunk)))
        conn.execute(delete(reprint_pairs).where(or_(reprint_pairs.c.article_id.in_(chunk),
                                                     reprint_pairs.c.other_id.in_(chunk))))
        conn.execute(delete(articles).where(articles.c.id.in_(chunk)))
    columns = [*event_mentions.c, *(mention_keys.c[name] for name in KEY_COLUMNS)]
    kept: list[dict] = []
    for chunk in _chunks(sorted(affected)):
        kept += [dict(row) for row in conn.execute(
            select(*columns).join(mention_keys, mention_keys.c.mention_id == event_mentions.c.id)
            .where(event_mentions.c.event_id.in_(chunk))).mappings()]
    groups: list[merge.Group] = []
    by_family: dict[str, list[merge.Report]] = {}
    for row in kept:
        report = merge.report_of(row)
        if merge.mergeable(report.when, report.precision):
            by_family.setdefault(merge.family_of(report.type), []).append(report)
        else:
            groups.append(merge.single(report))
    pairs = reprints.pairs_among(conn, {row["article_id"] for row in kept})
    for _, reports in sorted(by_family.items()):
        groups += merge.regroup([], reports, pairs)[0]
    cameos: dict[str, str | None] = {}
    for chunk in _chunks(sorted(affected)):
        for type_, cameo in conn.execute(select(events.c.type, events.c.cameo).where(events.c.id.in_(chunk))):
            cameos[type_] = cameos.get(type_) or cameo
    owner = _write_events(conn, _Merged(groups, {row["id"]: row for row in kept}, affected), set(), cameos)
    derived.refresh(conn, event_ids=affected | set(owner.values()), actor_ids=actors_before,
                    position_keys=position_keys, dates=dates_before, counted=counted)
