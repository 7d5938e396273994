"""What every read query shares: actor and country resolution, full-text search, paging, actor references."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import Connection, Integer, Text, case, func, literal_column, or_, select, text

from parley.errors import InvalidQuery, KBError
from parley.identity import STATE_SECTORS
from parley.records import EVENT_TYPES
from parley.store.schema import actors, articles, event_actors


def load_quads() -> dict[str, str]:
    """PLOVER type -> quad class, from `quad:` of `event_types` in kb/triggers.yaml (a PARLEY_KB folder may
    override a type's). KBError names a type that has none."""
    from parley import kb

    types = kb.extended_mapping("triggers.yaml").get("event_types") or {}
    missing = [t for t in EVENT_TYPES if not (types.get(t) or {}).get("quad")]
    if missing:
        raise KBError(f"event_types in triggers.yaml gives no quad class for {', '.join(missing)}: add "
                      "`quad: verbal cooperation` (or material cooperation, verbal conflict, material conflict).")
    return {t: str(types[t]["quad"]) for t in EVENT_TYPES}


QUADS = load_quads()
COOPERATIVE = tuple(t for t in EVENT_TYPES if QUADS[t].endswith("cooperation"))
MAX_SEARCH_WORDS = 20


def quad(event_type: str) -> str:
    """The PLOVER quad class of an event type: verbal/material cooperation/conflict, or "other"."""
    return QUADS.get(event_type, "other")


def is_cooperative(event_type: str) -> bool:
    return event_type in COOPERATIVE


def _like(value: str) -> str:
    return "%" + value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Capital (case-folded) -> country actor id, from `capital:` in kb/countries.yaml (metonyms leave out the
    capitals that are common words, which a user typing --actor still means as the state)."""
    from parley import kb

    return {str(c["capital"]).casefold(): f"country:{c['iso3']}" for data in kb.read_yaml("countries.yaml")
            if isinstance(data, list) for c in data if isinstance(c, dict) and c.get("capital") and c.get("iso3")}


def _kb_actor(value: str):
    """The reference data's entity (id, name) for a name the store does not hold as such: a capital or seat of
    power ("Kinshasa", "the Kremlin"), an alias or acronym ("DRC"); None when it knows none."""
    from parley import kb

    known = kb.load()
    for form in (value, value.title(), value.upper()):
        entity = known.entity_for(form)
        if entity is not None:
            return entity.id, entity.name
    country = known.entities.get(_capitals().get(value.casefold(), ""))
    return (country.id, country.name) if country else None


def resolve_actor(conn: Connection, value: str, param: str = "actor") -> list[str]:
    """The actor ids a user means by `value`: the id itself, else names equal to it, else names containing it
    (any case), else the actor the reference data knows by that capital, seat of power or alias ("Kinshasa" is
    Congo; matched by its id or name). Raises InvalidQuery naming `param` when no stored actor matches."""
    wanted = value.strip()
    folded = wanted.casefold()
    known_id, known_name = _kb_actor(wanted) or ("", "")
    for condition in (actors.c.id == wanted, func.lower(actors.c.id) == folded,
                      func.lower(actors.c.name) == folded,
                      func.lower(actors.c.name).like(_like(wanted), escape="\\"),
                      or_(actors.c.id == known_id, func.lower(actors.c.name) == known_name.casefold())):
        found = conn.execute(select(actors.c.id).where(condition).order_by(actors.c.id)).scalars().all()
        if found:
            return list(found)
    raise InvalidQuery(f"No stored actor matches {value!r}. Send an actor id or name as `parley actors` "
                       f"or /api/actors?q={value[:40]} lists them.", param)


def with_officials(conn: Connection, actor_ids: list[str]) -> list[str]:
    """The ids plus, for each country among them, the stored actors of that country in a state sector (its
    government, military, ...): their stances are the state's, so a filter on the country finds them too."""
    codes = conn.execute(select(actors.c.country).where(actors.c.id.in_(actor_ids), actors.c.id.like("country:%"),
                                                        actors.c.country.is_not(None))).scalars().all()
    if not codes:
        return actor_ids
    officials = conn.execute(select(actors.c.id).where(actors.c.country.in_(codes),
                                                       actors.c.type.in_(sorted(STATE_SECTORS)))).scalars().all()
    return sorted(set(actor_ids) | set(officials))


def resolve_country(value: str) -> str:
    """An ISO 3166 alpha-3 code from a code or a country name; InvalidQuery("country") if neither."""
    import pycountry

    cleaned = value.strip()
    if re.fullmatch(r"[A-Za-z]{3}", cleaned):
        return cleaned.upper()
    try:
        from parley import kb
        entity = kb.load().entity_for(cleaned) or kb.load().entity_for(cleaned.title())
        if entity is not None and entity.kind == "country" and entity.country:
            return entity.country
    except Exception:  # noqa: BLE001  (reference data that does not load leaves pycountry's names)
        pass
    try:
        return pycountry.countries.lookup(cleaned).alpha_3
    except LookupError:
        raise InvalidQuery(f"Unknown country {value!r}. Send an ISO 3166 code such as UKR or UA, "
                           "or an English name such as Ukraine.", "country") from None


def search_words(q: str) -> list[str]:
    words = re.findall(r"\w+", q)[:MAX_SEARCH_WORDS]
    if not words:
        raise InvalidQuery(f"q={q!r} has no words to search for: send one or more words, e.g. q=ceasefire.", "q")
    return words


def _fts_match(words: list[str]) -> str:
    """An FTS5 MATCH string that asks for every word, each quoted as a phrase (a quote in a word doubled)."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def fts_ranked(conn: Connection, q: str):
    """A subquery (id, rank) of the articles whose title or text contain every word of `q`; lower rank is a
    better match (bm25 on SQLite, minus ts_rank on PostgreSQL)."""
    words = search_words(q)
    if conn.dialect.name == "sqlite":
        match = _fts_match(words)
        return text(
            "SELECT articles.id AS id, articles_fts.rank AS rank FROM articles "
            "JOIN articles_fts ON articles_fts.rowid = articles.rowid WHERE articles_fts MATCH :fts_match"
        ).bindparams(fts_match=match).columns(id=Text, rank=literal_column("0").type).subquery("fts")
    english = literal_column("'english'::regconfig")
    document = literal_column("articles.search")  # the stored to_tsvector of title and text (store/migrate/search.py)
    query = func.plainto_tsquery(english, " ".join(words))
    return select(articles.c.id, (-func.ts_rank(document, query)).label("rank")).where(
        document.op("@@")(query)).subquery("fts")


def fts_count(conn: Connection, q: str, up_to: int | None = None) -> int:
    """How many articles contain every word of `q`, counted in the full-text index alone; with `up_to`, the
    counting stops there (a common word's count then costs the same however many articles match)."""
    words = search_words(q)
    if conn.dialect.name == "sqlite":
        matched = text("SELECT 1 FROM articles_fts WHERE articles_fts MATCH :fts_count"
                       + ("" if up_to is None else " LIMIT :fts_up_to")).bindparams(fts_count=_fts_match(words))
        if up_to is not None:
            matched = matched.bindparams(fts_up_to=up_to)
        return conn.execute(select(func.count()).select_from(matched.columns().subquery("matched"))).scalar_one()
    english = literal_column("'english'::regconfig")
    query = func.plainto_tsquery(english, " ".join(words))
    matched = select(literal_column("1")).select_from(articles).where(literal_column("articles.search").op("@@")(query))
    if up_to is not None:
        matched = matched.limit(up_to)
    return conn.execute(select(func.count()).select_from(matched.subquery("matched"))).scalar_one()


def fts_share_of_newest(conn: Connection, q: str, sample: int) -> tuple[int, int]:
    """(articles checked, how many of them contain every word of `q`) among the newest `sample` articles: the
    last stored on SQLite (the highest rowids), the last published on PostgreSQL (ix_articles_newest)."""
    words = search_words(q)
    if conn.dialect.name == "sqlite":
        newest = text("SELECT rowid FROM articles ORDER BY rowid DESC LIMIT :fts_sample").bindparams(
            fts_sample=sample).columns(rowid=Integer).subquery("newest")
        hits = text("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :fts_share AND rowid >= "
                    "(SELECT min(rowid) FROM (SELECT rowid FROM articles ORDER BY rowid DESC LIMIT :fts_sample))"
                    ).bindparams(fts_share=_fts_match(words), fts_sample=sample)
        checked = conn.execute(select(func.count()).select_from(newest)).scalar_one()
        return checked, conn.execute(hits).scalar_one()
    english = literal_column("'english'::regconfig")
    query = func.plainto_tsquery(english, " ".join(words))
    newest = (select(literal_column("articles.search").label("search")).select_from(articles)
              .order_by(articles.c.published.desc().nulls_last(), articles.c.id).limit(sample).subquery("newest"))
    checked, hits = conn.execute(select(func.count(), func.count().filter(newest.c.search.op("@@")(query)))).one()
    return checked, hits


#: Above this many rows, PostgreSQL's planner estimate of a table's size stands for its count (`stored_rows`).
ESTIMATE_ROWS_ABOVE = 100_000


def stored_rows(conn: Connection, table) -> tuple[int, bool]:
    """(how many rows `table` holds, whether that is an estimate): counted on SQLite; on PostgreSQL, the
    planner's estimate (pg_class.reltuples, which ANALYZE and autovacuum keep) when it is above
    ESTIMATE_ROWS_ABOVE, else counted (counting a million rows reads all of an index: 134 ms for the reports)."""
    if conn.dialect.name == "postgresql":
        estimated = conn.execute(text("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(:name)"),
                                 {"name": table.name}).scalar()
        if estimated is not None and estimated > ESTIMATE_ROWS_ABOVE:
            return int(estimated), True
    return conn.execute(select(func.count()).select_from(table)).scalar_one(), False


def stored_articles(conn: Connection) -> int:
    """How many articles the store holds (`stored_rows`: estimated on PostgreSQL above ESTIMATE_ROWS_ABOVE)."""
    return stored_rows(conn, articles)[0]


def fts_newest_ranked(conn: Connection, q: str, newest: int):
    """A subquery (id, rank) like `fts_ranked`'s of the `newest` matching articles alone: the last stored on
    SQLite (the full-text index lists them in storage order, so it stops after `newest`), the last published on
    PostgreSQL (walking ix_articles_newest). Ranking costs the same however many articles match."""
    words = search_words(q)
    if conn.dialect.name == "sqlite":
        match = _fts_match(words)
        return text(
            "SELECT articles.id AS id, articles_fts.rank AS rank FROM articles_fts "
            "JOIN articles ON articles.rowid = articles_fts.rowid WHERE articles_fts MATCH :fts_window "
            "AND articles_fts.rowid >= (SELECT min(rowid) FROM (SELECT rowid FROM articles_fts "
            "WHERE articles_fts MATCH :fts_window ORDER BY rowid DESC LIMIT :fts_newest))"
        ).bindparams(fts_window=match, fts_newest=newest).columns(id=Text, rank=literal_column("0").type) \
            .subquery("fts")
    english = literal_column("'english'::regconfig")
    document = literal_column("articles.search")
    query = func.plainto_tsquery(english, " ".join(words))
    window = (select(articles.c.id, document.label("search")).where(document.op("@@")(query))
              .order_by(articles.c.published.desc().nulls_last(), articles.c.id).limit(newest).subquery("newest"))
    return select(window.c.id, (-func.ts_rank(window.c.search, query)).label("rank")).subquery("fts")


def fts_articles(conn: Connection, q: str):
    """A SELECT of the ids of articles whose title or text contain every word of `q`."""
    ranked = fts_ranked(conn, q)
    return select(ranked.c.id)


def fts_matches(conn: Connection, q: str, article_id):
    """A condition: the article whose id is `article_id` (a column) contains every word of `q`; looked up in the
    full-text index for that one article, so it costs the same whatever share of the corpus matches."""
    words = search_words(q)
    one = articles.alias("fts_one")
    if conn.dialect.name == "sqlite":
        match = _fts_match(words)
        probe = text("articles_fts.rowid = fts_one.rowid AND articles_fts MATCH :fts_probe").bindparams(
            fts_probe=match)
        return select(one.c.id).select_from(one.join(text("articles_fts"), probe)).where(
            one.c.id == article_id).exists()
    english = literal_column("'english'::regconfig")
    query = func.plainto_tsquery(english, " ".join(words))
    return select(one.c.id).where(one.c.id == article_id,
                                  literal_column("fts_one.search").op("@@")(query)).exists()


def fts_unmatched(conn: Connection, q: str):
    """A SELECT of the ids of the articles `fts_articles` leaves out: those missing a word of `q`."""
    words = search_words(q)
    if conn.dialect.name == "sqlite":
        # rowids straight from the FTS index: an integer list is cheaper to build and probe than article ids
        match = _fts_match(words)
        matched = text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts_unmatched") \
            .bindparams(fts_unmatched=match).columns(rowid=Integer)
        return select(articles.c.id).where(literal_column("articles.rowid").not_in(matched))
    english = literal_column("'english'::regconfig")
    query = func.plainto_tsquery(english, " ".join(words))
    return select(articles.c.id).where(~literal_column("articles.search").op("@@")(query))


def whole_months(since: date | None, until: date | None) -> tuple[str | None, str | None] | None:
    """(first, last) YYYY-MM of the whole months within [since, until] (None: unbounded on that side), or None
    when a bounded range holds no whole month."""
    first = last = None
    if since:
        start = since if since.day == 1 else (since.replace(day=28) + timedelta(days=4)).replace(day=1)
        first = start.isoformat()[:7]
    if until:
        end = until if (until + timedelta(days=1)).day == 1 else until.replace(day=1) - timedelta(days=1)
        last = end.isoformat()[:7]
    if since is None and until is None or first and last and first > last:
        return None
    return first, last


def date_order(column, newest_first: bool) -> list:
    """Dated rows first (newest or oldest first), undated after."""
    return [column.desc().nulls_last() if newest_first else column.asc().nulls_last()]


def check_offset(offset: int, total: int, what: str) -> None:
    if offset and offset >= total:
        raise InvalidQuery(f"offset {offset} is past the end: there are {total} {what}; "
                           f"send an offset from 0 to {max(total - 1, 0)}.", "offset")


def actor_ref(row, prefix: str = "") -> dict | None:
    actor_id = row.get(prefix + "id")
    if actor_id is None:
        return None
    return {"id": actor_id, "name": row.get(prefix + "name") or actor_id, "country": row.get(prefix + "country"),
            "type": row.get(prefix + "type")}


def actors_by_id(conn: Connection, ids) -> dict[str, dict]:
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    rows = conn.execute(select(actors).where(actors.c.id.in_(ids))).mappings()
    return {r["id"]: actor_ref(r) for r in rows}


def sentence_expr(m, a):
    """The report's sentence: from the article's text, or its title for a report read from the title."""
    start = func.coalesce(m.c.sentence_start, m.c.span_start)
    end = func.coalesce(m.c.sentence_end, m.c.span_end)
    return case((m.c.in_title == 1, func.substr(a.c.title, start + 1, end - start)),
                else_=func.substr(a.c.text, start + 1, end - start))


def roles(conn: Connection, event_ids: list[str]) -> dict:
    """(event id, role) -> the event's actors in that role, in order."""
    found: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for chunk in chunks(event_ids):
        rows = conn.execute(
            select(event_actors.c.event_id, event_actors.c.role, actors.c.id, actors.c.name, actors.c.country,
                   actors.c.type)
            .join(actors, actors.c.id == event_actors.c.actor_id)
            .where(event_actors.c.event_id.in_(chunk))
            .order_by(event_actors.c.event_id, event_actors.c.role, event_actors.c.ord, actors.c.id)
        ).mappings()
        for r in rows:
            found[(r["event_id"], r["role"])].append(actor_ref(r))
    return found


def chunks(ids: list, size: int = 500):
    """Ids in slices small enough for one IN (...) on every backend."""
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


@lru_cache(maxsize=1)
def kb_forms() -> dict[str, tuple[str, ...]]:
    """Actor id → the names, aliases, metonyms and demonyms the reference data knows for it."""
    try:
        from parley import kb
        data = kb.load()
    except Exception:  # noqa: BLE001  (reference data that does not load must not break the article view)
        return {}
    forms: dict[str, list[str]] = defaultdict(list)
    for table in (data.aliases, data.demonyms):
        for alias, entity_id in table.items():
            forms[entity_id].append(alias)
    return {k: tuple(v) for k, v in forms.items()}




__all__ = ["COOPERATIVE", "QUADS", "load_quads", "actor_ref", "actors_by_id", "check_offset", "chunks",
           "date_order", "fts_articles", "fts_count", "fts_matches", "fts_newest_ranked", "fts_ranked",
           "fts_share_of_newest", "fts_unmatched", "is_cooperative", "kb_forms", "quad", "stored_articles",
           "stored_rows",
           "resolve_actor", "resolve_country", "roles", "search_words", "sentence_expr", "whole_months", "with_officials"]
