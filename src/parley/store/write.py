"""The only code that writes the corpus: runs, articles with what was read from them, events merged by identity."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timezone

from sqlalchemy import Connection, func, insert, or_, select, update

from parley import __version__
from parley.records import Actor, Article, Document, Event, stable_id
from parley.store import merge
from parley.store.schema import (
    actor_mentions, actors, articles, event_actors, event_mentions, events, links, positions, runs,
)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def content_hash(text: str) -> str:
    """sha256 of the text with whitespace collapsed, so re-wrapped copies of an article count as one."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


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


def actor_id(actor: Actor) -> str:
    return actor.id or stable_id("actor", actor.name.casefold())


def _free_article_id(conn: Connection, wanted: str, digest: str) -> str:
    """The article's own id unless another article holds it; then the id with a piece of the hash."""
    wanted = wanted or digest[:16]
    if conn.execute(select(articles.c.id).where(articles.c.id == wanted)).first() is None:
        return wanted
    return f"{wanted}-{digest[:8]}"


def ensure_actors(conn: Connection, found: Iterable[Actor], known: set[str] | None = None) -> None:
    """Store actors not stored yet; fill in a stored actor's missing country or type."""
    wanted: dict[str, Actor] = {}
    for actor in found:
        key = actor_id(actor)
        if known is None or key not in known:
            wanted.setdefault(key, actor)
    if not wanted:
        return
    stored = {row.id: row for row in conn.execute(select(actors).where(actors.c.id.in_(list(wanted))))}
    for key, actor in wanted.items():
        row = stored.get(key)
        if row is None:
            conn.execute(insert(actors).values(id=key, name=actor.name, country=actor.country, type=actor.type))
        elif (row.country is None and actor.country) or (row.type is None and actor.type):
            conn.execute(update(actors).where(actors.c.id == key).values(
                country=row.country or actor.country, type=row.type or actor.type))
        if known is not None:
            known.add(key)


def _ids(found: list[Actor]) -> list[str]:
    return list(dict.fromkeys(actor_id(a) for a in found))


def _new_event(conn: Connection, event: Event, key: str, when: date | None, mention_id: str,
               sources: list[str], targets: list[str]) -> str:
    place = event.location.name if event.location else None
    if when is None:
        new_id = merge.event_id(event.type, key, None, mention_id)
    else:
        new_id = merge.free_id(conn, event.type, key, when, place)
    location = event.location
    conn.execute(insert(events).values(
        id=new_id, type=event.type, mode=event.mode, cameo=event.cameo, status=event.status,
        date=when.isoformat() if when else None, date_precision=event.date_precision,
        location_name=place, location_country=location.country if location else None,
        lat=location.lat if location else None, lon=location.lon if location else None,
        source_actor_id=sources[0] if sources else None, target_actor_id=targets[0] if targets else None,
        actor_key=key, mention_count=0))
    rows = [{"event_id": new_id, "role": "source", "actor_id": a, "ord": i} for i, a in enumerate(sources)]
    rows += [{"event_id": new_id, "role": "target", "actor_id": a, "ord": i} for i, a in enumerate(targets)]
    if rows:
        conn.execute(insert(event_actors), rows)
    return new_id


def _absorb(conn: Connection, event_id: str, event: Event, when: date | None) -> str:
    """Fold a new report into a stored event: count, status, missing details, earliest date (which may re-key)."""
    row = conn.execute(select(events).where(events.c.id == event_id)).mappings().one()
    statuses = conn.execute(select(event_mentions.c.status).where(event_mentions.c.event_id == event_id)
                            .order_by(event_mentions.c.id)).scalars().all()
    values = {"mention_count": len(statuses), "status": merge.summary_status(list(statuses)),
              "mode": row["mode"] or event.mode, "cameo": row["cameo"] or event.cameo,
              "date_precision": row["date_precision"] or event.date_precision}
    location = event.location
    if location and not row["location_name"]:
        values.update(location_name=location.name, location_country=location.country, lat=location.lat,
                      lon=location.lon)
    conn.execute(update(events).where(events.c.id == event_id).values(values))
    earliest = merge.day(row["date"])
    if when is not None and earliest is not None and when < earliest:
        place = row["location_name"] or (location.name if location else None)
        new_id = merge.free_id(conn, row["type"], row["actor_key"], when, place)
        conn.execute(update(events).where(events.c.id == event_id).values(date=when.isoformat()))
        if new_id != event_id:
            merge.rekey(conn, event_id, new_id)
        return new_id
    return event_id


def write_mention(conn: Connection, article_id: str, published: date | None, event: Event) -> str:
    """Store one event report from an article, merged into the event it reports; return the mention id."""
    sources, targets = _ids(event.source), _ids(event.target)
    key = merge.actor_key(sources, targets)
    when = merge.day(event.date) or published
    place = event.location.name if event.location else None
    mention_id = stable_id("mention", article_id, event.span[0], event.span[1], event.type)
    if conn.execute(select(event_mentions.c.id).where(event_mentions.c.id == mention_id)).first():
        return mention_id
    event_id = merge.find_match(conn, event.type, key, when, place)
    if event_id is None:
        event_id = _new_event(conn, event, key, when, mention_id, sources, targets)
    conn.execute(insert(event_mentions).values(
        id=mention_id, event_id=event_id, article_id=article_id, extracted_id=event.id,
        span_start=event.span[0], span_end=event.span[1],
        sentence_start=event.sentence_span[0] if event.sentence_span else None,
        sentence_end=event.sentence_span[1] if event.sentence_span else None,
        trigger=event.trigger, status=event.status,
        claimed_by_actor_id=actor_id(event.claimed_by) if event.claimed_by else None,
        date=merge.day(event.date).isoformat() if merge.day(event.date) else None, date_text=event.date_text,
        location_name=place, confidence=event.confidence))
    _absorb(conn, event_id, event, when)
    return mention_id


def _write_links(conn: Connection, document: Document, mention_ids: dict[str, str]) -> None:
    def event_of(mention_id: str) -> str:
        return conn.execute(select(event_mentions.c.event_id).where(event_mentions.c.id == mention_id)).scalar_one()

    for event in document.events:
        from_mention = mention_ids.get(event.id)
        if from_mention is None:
            continue
        for link in event.links:
            to_mention = mention_ids.get(link.event)
            conn.execute(insert(links).values(
                from_mention_id=from_mention, from_event_id=event_of(from_mention), rel=link.rel,
                to_mention_id=to_mention, to_event_id=event_of(to_mention) if to_mention else None))


def _write_positions(conn: Connection, article_id: str, document: Document) -> None:
    seen: set[str] = set()
    for position in document.positions:
        when = merge.day(position.date) or document.published
        row_id = stable_id("position", article_id, actor_id(position.actor), position.issue, position.stance,
                           position.span[0], position.span[1])
        if row_id in seen:
            continue
        seen.add(row_id)
        conn.execute(insert(positions).values(
            id=row_id, actor_id=actor_id(position.actor), issue=position.issue, stance=position.stance,
            article_id=article_id, span_start=position.span[0], span_end=position.span[1],
            evidence=position.evidence, date=when.isoformat() if when else None, condition=position.condition))


def _write_actor_mentions(conn: Connection, article_id: str, document: Document) -> None:
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
    if found:
        conn.execute(insert(actor_mentions), list(found.values()))


def _all_actors(document: Document) -> Iterable[Actor]:
    yield from document.actors
    for event in document.events:
        yield from event.source
        yield from event.target
        if event.claimed_by:
            yield event.claimed_by
    for position in document.positions:
        yield position.actor


def write_document(conn: Connection, document: Document, *, digest: str | None = None, origin: str | None = None,
                   run_id: str | None = None, known_actors: set[str] | None = None) -> str:
    """Store an article and everything read from it, in the caller's transaction; return the article id."""
    digest = digest or content_hash(document.text)
    article_id = _free_article_id(conn, document.id, digest)
    conn.execute(insert(articles).values(
        id=article_id, url=document.url, title=document.title, source=document.source,
        published=document.published.isoformat() if document.published else None, text=document.text,
        content_hash=digest, origin=origin, ingested_at=now(), run_id=run_id))
    ensure_actors(conn, _all_actors(document), known_actors)
    mention_ids: dict[str, str] = {}
    for event in document.events:
        mention_ids[event.id] = write_mention(conn, article_id, document.published, event)
    _write_links(conn, document, mention_ids)
    _write_positions(conn, article_id, document)
    _write_actor_mentions(conn, article_id, document)
    return article_id


def article_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(articles)).scalar_one()
