"""Articles: the list (newest or best match first) and one article with its text, events, positions and the
spans the dashboard highlights."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from sqlalchemy import Connection, and_, func, or_, select, true

from parley.errors import NotFound
from parley.store.migrate import mentions_since
from parley.store.read.common import (
    actor_ref,
    actors_by_id,
    check_offset,
    date_order,
    fts_count,
    fts_newest_ranked,
    fts_ranked,
    fts_share_of_newest,
    is_cooperative,
    kb_forms,
    quad,
    roles,
    stored_articles,
)
from parley.store.read.positions import PositionFilter, list_positions
from parley.store.schema import actor_mentions, actors, articles, event_actors, event_mentions, events, positions

#: What may follow the file in an origin: a line ("a.jsonl:12"), an item of a .json array, an entry of a feed.
_ORIGIN_PLACE = re.compile(r"(:\d+| item \d+| entry \d+.*)$")


def shown_origin(origin: str | None) -> str | None:
    """Where an article was read from, as readers are shown it: a URL whole, a file by its name (with the line
    or entry), never the folders of the machine that ingested it."""
    if not origin or origin.startswith(("http://", "https://")):
        return origin
    found = _ORIGIN_PLACE.search(origin)
    path, place = (origin[:found.start()], found.group()) if found else (origin, "")
    return PurePath(path.replace("\\", "/")).name + place

#: A search matching more articles than this ranks only the newest this many (`page_articles`).
RANK_WITHIN = 1_000

#: A search alone is counted exactly up to this many matches; above it, its total is estimated (`_estimate`).
COUNT_UP_TO = 5_000

#: How many of the newest articles the estimate checks against the search.
SAMPLE = 2_000


@dataclass
class ArticlePage:
    """One page of articles: `total` matching (`total_estimated` when it is an estimate), the `items`, and
    `ranked_within` when a search matched more than RANK_WITHIN articles and only the newest RANK_WITHIN of
    them were ranked by relevance (None otherwise)."""
    total: int
    items: list[dict]
    ranked_within: int | None = None
    total_estimated: bool = False


def _estimate(conn: Connection, q: str) -> int:
    """The estimated number of articles containing every word of `q`: the share of the newest SAMPLE articles
    that do, times the articles stored. Counting a common word's matches exactly reads its whole entry in the
    full-text index (200,000 articles at a million events), on every request, for a number shown as "about"."""
    checked, hits = fts_share_of_newest(conn, q, SAMPLE)
    return round(stored_articles(conn) * hits / checked) if checked else 0


def list_articles(conn: Connection, q: str | None = None, since: date | None = None, until: date | None = None,
                  source: str | None = None, actor_ids: list[str] | None = None, limit: int | None = 50,
                  offset: int = 0) -> tuple[int, list[dict]]:
    """(how many articles match, one page of them): `page_articles`'s total and items."""
    page = page_articles(conn, q, since, until, source, actor_ids, limit, offset)
    return page.total, page.items


def page_articles(conn: Connection, q: str | None = None, since: date | None = None, until: date | None = None,
                  source: str | None = None, actor_ids: list[str] | None = None, limit: int | None = 50,
                  offset: int = 0) -> ArticlePage:
    """One page of the articles that match, without their text: newest first, or best match first when `q`
    (words the title or text must all contain) is given; each with its event and position counts. A search
    alone that matches more than RANK_WITHIN articles ranks the newest RANK_WITHIN matches (common.py's
    `fts_newest_ranked`), which come first, and lists the older ones after them newest first: ranking every
    match of a common word reads every matching article's text statistics on every request. A search alone
    that matches more than COUNT_UP_TO articles has an estimated total (`total_estimated`)."""
    conds = _conditions(since, until, source, actor_ids)
    ranked = fts_ranked(conn, q) if q else None
    where = and_(true(), *conds)
    estimated = False
    if q and not conds:
        # counted up to COUNT_UP_TO, estimated above (`_estimate`), at least the count it stopped at
        total = fts_count(conn, q, up_to=COUNT_UP_TO + 1)
        if total > COUNT_UP_TO:
            total, estimated = max(_estimate(conn, q), total), True
    else:
        base = articles if ranked is None else articles.join(ranked, ranked.c.id == articles.c.id)
        total = conn.execute(select(func.count()).select_from(base).where(where)).scalar_one()
    if not estimated:  # past an estimated total the page is merely empty
        check_offset(offset, total, "articles")
    columns = (articles.c.id, articles.c.title, articles.c.published, articles.c.source, articles.c.url,
               articles.c.summary_only)
    newest = (*date_order(articles.c.published, True), articles.c.id)
    if q and not conds and total > RANK_WITHIN:
        window = fts_newest_ranked(conn, q, RANK_WITHIN)
        rows = []
        if offset < RANK_WITHIN:
            stmt = (select(*columns).join(window, window.c.id == articles.c.id)
                    .order_by(window.c.rank, *newest).offset(offset))
            rows += conn.execute(stmt.limit(min(limit, RANK_WITHIN - offset)) if limit is not None else stmt) \
                .mappings().all()
        wanted = None if limit is None else limit - len(rows)
        if wanted is None or wanted > 0:
            stmt = (select(*columns).join(ranked, ranked.c.id == articles.c.id)
                    .where(articles.c.id.not_in(select(window.c.id))).order_by(*newest)
                    .offset(max(offset - RANK_WITHIN, 0)))
            rows += conn.execute(stmt if wanted is None else stmt.limit(wanted)).mappings().all()
        return ArticlePage(total, _with_counts(conn, rows), RANK_WITHIN, estimated)
    base = articles if ranked is None else articles.join(ranked, ranked.c.id == articles.c.id)
    order = ([] if ranked is None else [ranked.c.rank]) + list(newest)
    stmt = select(*columns).select_from(base).where(where).order_by(*order).offset(offset)
    rows = conn.execute(stmt if limit is None else stmt.limit(limit)).mappings().all()
    return ArticlePage(total, _with_counts(conn, rows), total_estimated=estimated)


def _conditions(since: date | None, until: date | None, source: str | None, actor_ids: list[str] | None) -> list:
    conds = []
    if since:
        conds.append(articles.c.published >= since.isoformat())
    if until:
        conds.append(articles.c.published <= until.isoformat())
    if source:
        conds.append(func.lower(articles.c.source) == source.casefold())
    if actor_ids:
        conds.append(or_(
            articles.c.id.in_(select(event_mentions.c.article_id)
                              .join(event_actors, event_actors.c.event_id == event_mentions.c.event_id)
                              .where(event_actors.c.actor_id.in_(actor_ids))),
            articles.c.id.in_(select(positions.c.article_id).where(positions.c.actor_id.in_(actor_ids))),
        ))
    return conds


def _with_counts(conn: Connection, rows) -> list[dict]:
    """The article rows with how many events and positions each reports."""
    ids = [r["id"] for r in rows]
    events_in = dict(conn.execute(
        select(event_mentions.c.article_id, func.count(func.distinct(event_mentions.c.event_id)))
        .where(event_mentions.c.article_id.in_(ids)).group_by(event_mentions.c.article_id)).all()) if ids else {}
    positions_in = dict(conn.execute(
        select(positions.c.article_id, func.count()).where(positions.c.article_id.in_(ids))
        .group_by(positions.c.article_id)).all()) if ids else {}
    return [{**dict(r), "summary_only": bool(r["summary_only"]), "events": int(events_in.get(r["id"], 0)),
             "positions": int(positions_in.get(r["id"], 0))} for r in rows]


def _actor_span_list(candidates, taken: list[tuple[int, int]]) -> list[dict]:
    """(start, end, actor) candidates → actor spans: longest first where they start together, never overlapping
    each other or the `taken` ranges (event triggers)."""
    spans, last_end = [], -1
    for start, end, actor in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]), c[2]["id"])):
        if start >= last_end and not any(start < t_end and t_start < end for t_start, t_end in taken):
            spans.append({"start": start, "end": end, "kind": "actor", "label": actor["name"], "ref": actor["id"]})
            last_end = end
    return spans


def guess_actor_spans(text_: str, actor_refs, taken: list[tuple[int, int]] = ()) -> list[dict]:
    """For an article stored before Parley kept actor mentions: where the text names each of its actors,
    by the actor's name and the reference data's aliases and demonyms for it."""
    forms = kb_forms()
    candidates = []
    for actor in actor_refs:
        for form in {actor["name"], *forms.get(actor["id"], ())}:
            for start, end in _find_all(text_, form):
                candidates.append((start, end, actor))
    return _actor_span_list(candidates, list(taken))


def _find_all(haystack: str, needle: str) -> list[tuple[int, int]]:
    if len(needle) < 2:
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(haystack)]


def get_article(conn: Connection, article_id: str) -> dict:
    row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
    if row is None:
        raise NotFound(f"No article {article_id!r}. List articles with `parley articles` or /api/articles (each has its id).")
    text_ = row["text"]
    mention_rows = conn.execute(
        select(event_mentions, events.c.type, events.c.status.label("event_status"))
        .join(events, events.c.id == event_mentions.c.event_id)
        .where(event_mentions.c.article_id == article_id)
        .order_by(event_mentions.c.span_start, event_mentions.c.id)
    ).mappings().all()
    by_role = roles(conn, sorted({r["event_id"] for r in mention_rows}))
    claimants = actors_by_id(conn, (r["claimed_by_actor_id"] for r in mention_rows))
    _, position_items = list_positions(conn, PositionFilter(article=article_id), None, 0, newest_first=False)
    event_list, spans = [], []
    actor_refs: dict[str, dict] = {}
    for r in mention_rows:
        has_sentence = r["sentence_start"] is not None and r["sentence_end"] is not None
        source, target = by_role.get((r["event_id"], "source"), []), by_role.get((r["event_id"], "target"), [])
        for a in (*source, *target):
            actor_refs.setdefault(a["id"], a)
        claimant = claimants.get(r["claimed_by_actor_id"])
        if claimant:
            actor_refs.setdefault(claimant["id"], claimant)
        event_list.append({
            "mention_id": r["id"], "event_id": r["event_id"], "type": r["type"], "quad": quad(r["type"]),
            "cooperative": is_cooperative(r["type"]), "status": r["status"], "event_status": r["event_status"],
            "claimed_by": claimant, "span": [r["span_start"], r["span_end"]],
            "sentence_span": [r["sentence_start"], r["sentence_end"]] if has_sentence else None,
            "trigger": r["trigger"], "date": r["date"], "date_text": r["date_text"],
            "source": source, "target": target, "in_title": bool(r["in_title"]),
        })
        if r["in_title"]:  # the spans the dashboard highlights are in the text
            continue
        spans.append({"start": r["span_start"], "end": r["span_end"], "kind": "trigger",
                      "label": f"{r['type']} · {r['status']}", "ref": r["event_id"]})
    for p in position_items:
        actor_refs.setdefault(p["actor"]["id"], p["actor"])
    mentions = [{"actor": actor_ref(r), "start": r["span_start"], "end": r["span_end"], "text": r["text"]}
                for r in conn.execute(
                    select(actor_mentions.c.span_start, actor_mentions.c.span_end, actor_mentions.c.text, actors)
                    .join(actors, actors.c.id == actor_mentions.c.actor_id)
                    .where(actor_mentions.c.article_id == article_id)
                    .order_by(actor_mentions.c.span_start, actor_mentions.c.span_end, actors.c.id)).mappings()]
    for m in mentions:
        actor_refs.setdefault(m["actor"]["id"], m["actor"])
    triggers = [(s["start"], s["end"]) for s in spans]
    since = mentions_since(conn)
    guessed = not mentions and (since is None or row["ingested_at"] < since)
    if guessed:
        spans += guess_actor_spans(text_, actor_refs.values(), triggers)
    else:
        spans += _actor_span_list([(m["start"], m["end"], m["actor"]) for m in mentions], triggers)
    spans.sort(key=lambda s: (s["start"], -s["end"], s["kind"]))
    return {
        "id": row["id"], "title": row["title"], "published": row["published"], "source": row["source"],
        "url": row["url"], "summary_only": bool(row["summary_only"]), "origin": shown_origin(row["origin"]),
        "text": text_,
        "events": len({r["event_id"] for r in mention_rows}), "positions": len(position_items),
        "event_list": event_list, "actors": sorted(actor_refs.values(), key=lambda a: (a["name"], a["id"])),
        "position_list": [{"id": p["id"], "actor": p["actor"], "issue": p["issue"], "stance": p["stance"],
                           "span": p["span"], "evidence": p["evidence"], "date": p["date"]} for p in position_items],
        "actor_mentions": mentions, "actor_spans": "guessed" if guessed else "stored", "spans": spans,
    }
