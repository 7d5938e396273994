"""The only code that writes the corpus: runs, articles with what was read from them, events merged by identity.

Writes go in batches: a few statements per batch and table (executemany), whatever the number of articles, so
the store keeps up with the extractor. Events are rebuilt from their reports by merge.regroup, so the result
does not depend on the order or the batches articles arrive in.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import Connection, delete, func, insert, or_, select, update

from parley import __version__
from parley.identity import day
from parley.records import Actor, Document, Event, stable_id
from parley.store import derived, merge, regroup, reprints
from parley.store.actor_rows import actor_id, ensure_actors
from parley.store.event_rows import remerge, write_events
from parley.store.reach import Reaches
from parley.store.rows import CHUNK, COPY_FROM, chunks, insert_rows
from parley.store.schema import (
    actor_mentions,
    article_bands,
    article_sketches,
    articles,
    event_mentions,
    events,
    failures,
    links,
    mention_keys,
    positions,
    runs,
)
from parley.store.schema import reprints as reprint_pairs


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


def _encodable(value):
    """A text as UTF-8 can store it: a lone surrogate (a file name that is not UTF-8, as Python reads it) becomes
    U+FFFD, so that a run's sources and its failure messages are recorded whatever the names given."""
    if not isinstance(value, str):
        return value
    try:
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate no file name gives ('\ud800'): '?'
        return value.encode("utf-8", "replace").decode("utf-8")


def start_run(conn: Connection, sources: Iterable[str]) -> str:
    run_id = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"
    conn.execute(insert(runs).values(id=run_id, started_at=now(), parley_version=__version__,
                                     sources=_encodable("\n".join(sources))))
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
        conn.execute(insert(failures), [{"run_id": run_id, "origin": None, "article_id": None, "content_hash": None,
                                         "failed_at": now(), **{k: _encodable(v) for k, v in row.items()}}
                                        for row in rows])


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
    for chunk in chunks(list({w for w, _ in wanted})):
        taken.update(conn.execute(select(articles.c.id).where(articles.c.id.in_(chunk))).scalars())
    out = []
    for wanted_id, digest in wanted:
        chosen = wanted_id if wanted_id not in taken else f"{wanted_id}-{digest[:8]}"
        taken.add(chosen)
        out.append(chosen)
    return out


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
                    known_actors: set[str] | None = None, reaches: Reaches | None = None) -> list[str]:
    """Store articles and everything read from them in the caller's transaction, a few statements per table
    for the whole batch; return the article ids in order. An item that `replaces` a stored article (a feed entry's
    page, its summary) removes it first (forget_articles). `reaches`: which reports may match, as worked out for
    a writer's earlier batches (regroup.rebuild). Raises SQLAlchemyError if any row is refused."""
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
    refiled = ensure_actors(conn, (actor for item in items for actor in _all_actors(item.document)), known_actors)
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
    sketches = reprints.record(conn, [(article_id, item.document.text) for item, article_id in zip(items, article_ids)])
    merged = regroup.rebuild(conn, list(mention_rows.values()), reprints.Sketches(conn, sketches), reaches=reaches)
    # the stored events of an actor whose country a mention just changed (ensure_actors) are still filed under
    # the old one: they are refreshed as rewritten, so their facets and tallies do not depend on the order
    rewritten = merged.before | derived.events_of(conn, refiled)
    actors_before = derived.actors_of(conn, rewritten)
    dates_before = derived.dates_of(conn, rewritten)
    counted = derived.counted_before(conn, rewritten)
    types_before = derived.article_types(conn, _stored_articles(merged, set(article_ids)))
    owner = write_events(conn, merged, set(mention_rows), cameos)
    if link_rows:
        insert_rows(conn, links, [{**row, "from_event_id": owner[row["from_mention_id"]],
                                      "to_event_id": owner.get(row["to_mention_id"])} for row in link_rows])
    if position_rows:
        insert_rows(conn, positions, position_rows)
    if named_rows:
        insert_rows(conn, actor_mentions, named_rows)
    claimants = {row["claimed_by_actor_id"] for row in mention_rows.values() if row["claimed_by_actor_id"]}
    derived.refresh(conn, event_ids=set(owner.values()) | rewritten, actor_ids=actors_before | claimants,
                    position_keys={(row["actor_id"], row["issue"]) for row in position_rows}, dates=dates_before,
                    counted=counted, position_dates=derived.earliest_dates(position_rows), types_before=types_before)
    return article_ids


def _stored_articles(merged: regroup.Merged, new: set[str] = frozenset()) -> set[str]:
    """The articles (not among `new`) with a stored report in an event the write rebuilds."""
    return {row["article_id"] for row in merged.rows.values()
            if row.get("event_id") is not None and row["article_id"] not in new}


def write_document(conn: Connection, document: Document, *, digest: str | None = None, origin: str | None = None,
                   run_id: str | None = None, known_actors: set[str] | None = None) -> str:
    """Store an article and everything read from it, in the caller's transaction; return the article id."""
    return write_documents(conn, [Item(document, digest, origin)], run_id=run_id, known_actors=known_actors)[0]


def article_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(articles)).scalar_one()


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
    for chunk in chunks(ids):
        for mention_id, event_id, claimant in conn.execute(
                select(event_mentions.c.id, event_mentions.c.event_id, event_mentions.c.claimed_by_actor_id)
                .where(event_mentions.c.article_id.in_(chunk))):
            mentions[mention_id] = event_id
            claimants.update([claimant] if claimant else [])
        position_keys.update(map(tuple, conn.execute(select(positions.c.actor_id, positions.c.issue)
                                                     .where(positions.c.article_id.in_(chunk)))))
    affected = set(mentions.values())
    for chunk in chunks(sorted(mentions)):
        conn.execute(delete(links).where(or_(links.c.from_mention_id.in_(chunk), links.c.to_mention_id.in_(chunk))))
        conn.execute(delete(mention_keys).where(mention_keys.c.mention_id.in_(chunk)))
        conn.execute(delete(event_mentions).where(event_mentions.c.id.in_(chunk)))
    for chunk in chunks(ids):
        for table in (positions, actor_mentions, article_bands, article_sketches):
            conn.execute(delete(table).where(table.c.article_id.in_(chunk)))
        conn.execute(delete(reprint_pairs).where(or_(reprint_pairs.c.article_id.in_(chunk),
                                                     reprint_pairs.c.other_id.in_(chunk))))
        conn.execute(delete(articles).where(articles.c.id.in_(chunk)))
    columns = [*event_mentions.c, *(mention_keys.c[name] for name in regroup.KEY_COLUMNS)]
    kept: list[dict] = []
    for chunk in chunks(sorted(affected)):
        kept += [dict(row) for row in conn.execute(
            select(*columns).join(mention_keys, mention_keys.c.mention_id == event_mentions.c.id)
            .where(event_mentions.c.event_id.in_(chunk))).mappings()]
    # the events they reported are merged again with their neighbours, from where the forgotten reports were:
    # later reports may now join another event (or stay alone), as if the articles had never been stored
    merged = regroup.rebuild(conn, kept, anew=frozenset(affected))
    cameos: dict[str, str | None] = {}
    for chunk in chunks(sorted(merged.before)):
        for type_, cameo in conn.execute(select(events.c.type, events.c.cameo).where(events.c.id.in_(chunk))):
            cameos[type_] = cameos.get(type_) or cameo
    # what the rewritten events had before, read before write_events rewrites or deletes them
    actors_before = derived.actors_of(conn, merged.before) | claimants
    dates_before = derived.dates_of(conn, merged.before)
    counted = derived.counted_before(conn, merged.before)
    types_before = derived.article_types(conn, _stored_articles(merged))
    owner = write_events(conn, merged, set(), cameos)
    derived.refresh(conn, event_ids=merged.before | set(owner.values()), actor_ids=actors_before,
                    position_keys=position_keys, dates=dates_before, counted=counted, types_before=types_before)


#: What other modules and tests import from here, whose homes are now rows.py, actor_rows.py and event_rows.py.
__all__ = ["CHUNK", "COPY_FROM", "Item", "MAX_ID", "actor_id", "article_count", "content_hash", "ensure_actors",
           "finish_run", "forget_articles", "insert_rows", "record_failures", "remerge", "start_run", "storable_id", "stored_article_id",
           "write_document", "write_documents"]
