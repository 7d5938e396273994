"""Tallies: derived count tables the writer keeps by adding what the events of a batch contribute now and taking
away what they contributed before (store/derived.py's `refresh` calls `contributions` before and after it rewrites
event_pairs and event_facets, then `add`), so a batch costs the same however large the corpus is: recounting a
dyad, an actor, a day or a facet would read every event of it. Each tally's `of` says the same count in SQL, which
`recount` runs after a bulk load or a migration; tests/test_store_derived.py holds the two equal.

- `pair_counts` and `pair_months`: events and cooperative events per (source, target), and per month too.
- `facet_days`: event_facets counted per facet (kind and value), day, type and status.
- `facet_pairs`: the (source, target) pairs of each facet's events, counted.
- `actor_partners`: each actor's partners across the dyad, either way round, counted.
- `place_days` (version 27): events with a place or a country counted per day, country and mappable place (name
  and coordinates; '' and 0 when the event has none): the dashboard's map of the corpus or a date range.
- `actor_counts` (its events, as source and as target; its claims and positions are recounted per actor) and
  `day_counts` (its dated cells; the undated one is recounted): tables store/derived.py once recounted per actor
  and per day, which read all of a busy actor's or day's events on every batch.

Whether an event type is cooperative is stored as kb/triggers.yaml's quad classes say when the event is written.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Connection, Table, and_, bindparam, case, delete, func, insert, or_, select, text, union

from parley.store.schema import (
    actor_counts,
    actor_partners,
    day_counts,
    event_facets,
    event_pairs,
    events,
    facet_day_types,
    facet_days,
    facet_months,
    facet_pairs,
    pair_counts,
    pair_months,
    place_days,
    position_type_months,
)

CHUNK = 500


def _chunks(values: Iterable, size: int = CHUNK):
    ordered = sorted(set(values))
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]


def _of(column, ids) -> list:
    """[column IN ids], or no condition when ids is None (every row)."""
    return [] if ids is None else [column.in_(ids)]


def _cooperative(type_column):
    """How many of the rows have a cooperative type (kb/triggers.yaml's quad classes, read where the read layer
    reads them; imported here, late, as the read layer imports this module)."""
    from parley.store.read.common import COOPERATIVE

    return func.sum(case((type_column.in_(COOPERATIVE), 1), else_=0))


def _pair_counts_of(ids=None):
    p = event_pairs
    return (select(p.c.source_id, p.c.target_id, func.count(), _cooperative(p.c.type))
            .where(*_of(p.c.event_id, ids)).group_by(p.c.source_id, p.c.target_id))


def _pair_months_of(ids=None):
    p = event_pairs
    month = func.substr(p.c.date, 1, 7)
    return (select(month, p.c.source_id, p.c.target_id, func.count(), _cooperative(p.c.type))
            .where(p.c.date.is_not(None), *_of(p.c.event_id, ids)).group_by(month, p.c.source_id, p.c.target_id))


def _facet_days_of(ids=None):
    f = event_facets
    day = func.coalesce(f.c.date, "")
    return (select(f.c.kind, f.c.value, day, f.c.type, f.c.status, func.count())
            .where(*_of(f.c.event_id, ids)).group_by(f.c.kind, f.c.value, day, f.c.type, f.c.status))


def _facet_months_of(ids=None):
    f = event_facets
    month = func.coalesce(func.substr(f.c.date, 1, 7), "")
    return (select(f.c.kind, f.c.value, month, f.c.type, f.c.status, func.count())
            .where(*_of(f.c.event_id, ids)).group_by(f.c.kind, f.c.value, month, f.c.type, f.c.status))


def _facet_day_types_of(ids=None):
    f = event_facets
    day = func.coalesce(f.c.date, "")
    return (select(f.c.kind, f.c.value, day, f.c.type, func.count())
            .where(*_of(f.c.event_id, ids)).group_by(f.c.kind, f.c.value, day, f.c.type))


def _facet_pairs_of(ids=None):
    f, p = event_facets, event_pairs
    return (select(f.c.kind, f.c.value, p.c.source_id, p.c.target_id, func.count(), _cooperative(p.c.type))
            .select_from(f.join(p, p.c.event_id == f.c.event_id)).where(*_of(f.c.event_id, ids))
            .group_by(f.c.kind, f.c.value, p.c.source_id, p.c.target_id))


def _partners_of(ids=None):
    p = event_pairs
    # each event once per (actor, other) it sets face to face, either way round
    faced = union(
        select(p.c.source_id.label("actor_id"), p.c.target_id.label("other_id"), p.c.event_id, p.c.type)
        .where(*_of(p.c.event_id, ids)),
        select(p.c.target_id, p.c.source_id, p.c.event_id, p.c.type).where(*_of(p.c.event_id, ids)),
    ).subquery("faced")
    return (select(faced.c.actor_id, faced.c.other_id, func.count(), _cooperative(faced.c.type))
            .group_by(faced.c.actor_id, faced.c.other_id))


def _place_days_of(ids=None):
    e = events
    mappable = and_(e.c.location_name.is_not(None), e.c.lat.is_not(None), e.c.lon.is_not(None))
    key = (func.coalesce(e.c.date, "").label("date"), func.coalesce(e.c.location_country, "").label("country"),
           case((mappable, e.c.location_name), else_="").label("name"),
           case((mappable, e.c.lat), else_=0.0).label("lat"), case((mappable, e.c.lon), else_=0.0).label("lon"))
    placed = select(*key).where(or_(e.c.location_country.is_not(None), e.c.location_name.is_not(None)),
                                *_of(e.c.id, ids)).subquery("placed")
    return (select(placed.c.date, placed.c.country, placed.c.name, placed.c.lat, placed.c.lon, func.count())
            .group_by(placed.c.date, placed.c.country, placed.c.name, placed.c.lat, placed.c.lon))


def place_key(day: str | None, country: str | None, name: str | None, lat: float | None,
              lon: float | None) -> tuple | None:
    """The place_days key of an event (date, country, name, lat, lon), or None when it has neither a place nor
    a country: a name and coordinates only when it has all three (a place the map can show), else '' and 0."""
    if country is None and name is None:
        return None
    mappable = name is not None and lat is not None and lon is not None
    return (day or "", country or "", name if mappable else "", lat if mappable else 0.0, lon if mappable else 0.0)


@dataclass(frozen=True)
class Tally:
    """A derived count table the writer keeps by adding what the events it wrote contribute now and taking away
    what they contributed before (`refresh`), so a batch costs the same however large the corpus: recounting a
    dyad, an actor or a day would read every event of it. `of(ids)` selects the contributions of the events
    whose ids are `ids` (every event when None): the key columns, then the count columns, one row per key."""

    table: Table
    keys: tuple[str, ...]
    counts: tuple[str, ...]
    of: Callable
    latest: tuple[str, ...] = ()  # columns kept as the greatest value added (NULL: none), after the counts
    drop_empty: bool = True  # a row whose first count falls to 0 is deleted (actor_counts keeps every actor's)
    zeros: tuple[str, ...] = ()  # columns a new row is given as 0 (NOT NULL, kept by others): never updated here


#: The tallies of version 20 (pair_counts and pair_months gained their cooperative counts then).
TALLIES = (
    Tally(pair_counts, ("source_id", "target_id"), ("events", "cooperative"), _pair_counts_of),
    Tally(pair_months, ("month", "source_id", "target_id"), ("events", "cooperative"), _pair_months_of),
    Tally(facet_days, ("kind", "value", "date", "type", "status"), ("events",), _facet_days_of),
    Tally(facet_pairs, ("kind", "value", "source_id", "target_id"), ("events", "cooperative"), _facet_pairs_of),
    Tally(actor_partners, ("actor_id", "other_id"), ("events", "cooperative"), _partners_of),
)

#: The tallies of version 27; a store is written with them once their tables are there (store/derived.py's
#: `_present`). position_type_months is added to from the positions whose shifts store/derived.py changed, not
#: from events: its `of` is store/derived.py's recount.
PLACE_DAYS = Tally(place_days, ("date", "country", "name", "lat", "lon"), ("events",), _place_days_of)
POSITION_TYPE_MONTHS = Tally(position_type_months, ("type", "actor_id", "issue", "month"), ("positions", "shifts"),
                             lambda ids=None: None, latest=("last_day",))
#: The tally of version 31: facet_days per month.
FACET_MONTHS = Tally(facet_months, ("kind", "value", "month", "type", "status"), ("events",), _facet_months_of)

#: actor_counts' counts of events (any role), as source and as target, added to from the events' actor facets
#: (event_facets' `actor`, `source` and `target` rows): recounting a busy actor's events on every batch read all
#: of them (548 ms of CPU a batch for 20 actors at a million events). Its claims and positions are counted by
#: store/derived.py (`refresh_actor_counts`), which also recounts the table whole; a row stays at 0 events.
ACTOR_COUNTS = Tally(actor_counts, ("actor_id",), ("events", "as_source", "as_target"), lambda ids=None: None,
                     drop_empty=False, zeros=("claims", "positions"))

#: day_counts' dated cells (events per day, type and status), added to from the events' own rows: recounting each
#: day a batch touched read all of its events (40 ms of CPU a batch at a million events). The undated events' cell
#: (a NULL date, which no key of its unique index matches) is recounted by store/derived.py, as is the whole table.
DAY_COUNTS = Tally(day_counts, ("date", "type", "status"), ("events",), lambda ids=None: None)

#: The tally of version 34: facet_days without the status.
FACET_DAY_TYPES = Tally(facet_day_types, ("kind", "value", "date", "type"), ("events",), _facet_day_types_of)

#: The same before version 30 gave it its latest day (a migration between them writes positions without it).
POSITION_TYPE_MONTHS_27 = Tally(position_type_months, ("type", "actor_id", "issue", "month"),
                                ("positions", "shifts"), lambda ids=None: None)


@cache
def _statements(tally: Tally, dialect: str):
    """(upsert adding counts, delete of a key left at zero): built once per dialect. The upsert takes the whole
    batch's rows as one parameter (`_rows_param`): on SQLite one JSON array read by json_each, on PostgreSQL one
    array per column, unnested. An executemany of a row each cost SQLAlchemy a parameter set per row, more CPU
    than the upserts themselves (tens of rows per article: an event counts under each of its facets)."""
    table = tally.table
    names = (*tally.keys, *tally.counts, *tally.latest)
    if dialect == "sqlite":
        picked = ", ".join([f"json_extract(value, '$[{k}]')" for k in range(len(names))] + ["0"] * len(tally.zeros))
        source = f"SELECT {picked} FROM json_each(:rows) WHERE true"  # WHERE: SQLite's upsert after a SELECT
    else:
        from sqlalchemy.dialects import postgresql

        arrays = ", ".join(f"CAST(:c{k} AS {table.c[name].type.compile(dialect=postgresql.dialect())}[])"
                           for k, name in enumerate(names))
        source = f"SELECT *{', 0' * len(tally.zeros)} FROM unnest({arrays})"
    added = [f'"{c}" = "{table.name}"."{c}" + excluded."{c}"' for c in tally.counts]
    # the greater of the stored and the new value (NULL: none)
    kept = [f'"{c}" = CASE WHEN excluded."{c}" IS NULL OR "{table.name}"."{c}" >= excluded."{c}" '
            f'THEN "{table.name}"."{c}" ELSE excluded."{c}" END' for c in tally.latest]
    columns = ", ".join(f'"{n}"' for n in (*names, *tally.zeros))
    upsert = text(f'INSERT INTO "{table.name}" ({columns}) {source} '
                  f'ON CONFLICT ({", ".join(f"{chr(34)}{k}{chr(34)}" for k in tally.keys)}) '
                  f'DO UPDATE SET {", ".join(added + kept)}')
    gone = delete(table).where(*(table.c[k] == bindparam("k_" + k) for k in tally.keys),
                               table.c[tally.counts[0]] <= 0)
    return upsert, gone


def _rows_param(rows: list[tuple], dialect: str) -> dict:
    """The upsert's parameters for these rows (tuples in the order of its columns)."""
    if dialect == "sqlite":
        return {"rows": json.dumps(rows)}
    return {f"c{k}": [row[k] for row in rows] for k in range(len(rows[0]))}


_PAIRS_OF = select(event_pairs.c.event_id, event_pairs.c.source_id, event_pairs.c.target_id, event_pairs.c.type,
                   event_pairs.c.date).where(event_pairs.c.event_id.in_(bindparam("ids", expanding=True)))
_FACETS_ROWS_OF = select(event_facets.c.event_id, event_facets.c.kind, event_facets.c.value, event_facets.c.type,
                         event_facets.c.status, event_facets.c.date).where(
    event_facets.c.event_id.in_(bindparam("ids", expanding=True)))
# by id alone: a condition on the place could lead SQLite to walk every placed event's index entry instead
_PLACES_OF = select(events.c.date, events.c.location_country, events.c.location_name, events.c.lat,
                    events.c.lon, events.c.type, events.c.status).where(
    events.c.id.in_(bindparam("ids", expanding=True)))


def contributions(conn: Connection, event_ids: set[str], places: bool = False, months: bool = False,
                  day_types: bool = False) -> dict:
    """{table name: {key: [counts]}}: what these events count for in each tally, from their event_pairs and
    event_facets rows as they stand (two look-ups a chunk; with `places`, a third of their own rows for
    place_days; with `months`, facet_months too; with `day_types`, facet_day_types; the tallies' own `of` selects say the same in SQL, which
    `recount` runs, and tests/test_store_derived.py holds the two equal)."""
    from parley.store.read.common import COOPERATIVE

    pairs: dict[str, list] = {}
    facets: dict[str, list] = {}
    found: dict[str, dict] = {tally.table.name: {} for tally in (*TALLIES, DAY_COUNTS, *([PLACE_DAYS] if places else ()),
                                                                 *([FACET_MONTHS] if months else ()),
                                                                 *([FACET_DAY_TYPES] if day_types else ()))}
    for chunk in _chunks(event_ids):
        for event_id, *row in conn.execute(_PAIRS_OF, {"ids": chunk}).all():
            pairs.setdefault(event_id, []).append(row)
        for event_id, *row in conn.execute(_FACETS_ROWS_OF, {"ids": chunk}).all():
            facets.setdefault(event_id, []).append(row)
        days = found["day_counts"]
        for *row, kind, status in conn.execute(_PLACES_OF, {"ids": chunk}).all():
            if row[0] is not None:  # an undated event's cell (NULL, which no key matches) is recounted
                days.setdefault((row[0], kind, status), [0])[0] += 1
            key = place_key(*row) if places else None
            if key is not None:
                found["place_days"].setdefault(key, [0])[0] += 1

    # each tally's keys listed once per event they count (and once more per cooperative one), then counted by
    # Counter in C: a Python call per key and count cost more than the queries (27,000 calls a 50-article batch)
    found["actor_counts"] = {}
    every: dict[str, list] = {name: [] for name in found if name not in ("place_days", "actor_counts", "day_counts")}
    acting = ([], [], [])  # the actors of each event: any role, as source, as target
    coop_keys: dict[str, list] = {name: [] for name in ("pair_counts", "pair_months", "facet_pairs", "actor_partners")}
    pc, pm, fp, ap, fd = (every[n] for n in ("pair_counts", "pair_months", "facet_pairs", "actor_partners",
                                             "facet_days"))
    pc_c, pm_c, fp_c, ap_c = coop_keys.values()
    fm, fdt = every.get("facet_months", []), every.get("facet_day_types", [])
    for event_id in pairs.keys() | facets.keys():
        listed = facets.get(event_id, ())
        faced = set()
        for source, target, kind, day in pairs.get(event_id, ()):
            coop = int(kind in COOPERATIVE)
            faceted = [(facet, value, source, target) for facet, value, *_ in listed]
            pc.append((source, target))
            fp += faceted
            if day is not None:
                pm.append((day[:7], source, target))
            if coop:
                pc_c.append((source, target))
                fp_c += faceted
                if day is not None:
                    pm_c.append((day[:7], source, target))
            faced |= {(source, target, coop), (target, source, coop)}
        for actor, other, coop in faced:
            ap.append((actor, other))
            if coop:
                ap_c.append((actor, other))
        for facet, value, kind, status, day in listed:
            day = day or ""
            if facet in ROLE_COLUMNS:
                acting[ROLE_COLUMNS[facet]].append(value)
            fd.append((facet, value, day, kind, status))
            if months:
                fm.append((facet, value, day[:7], kind, status))
            if day_types:
                fdt.append((facet, value, day, kind))
    for name, keys in every.items():
        found[name] = _counted(keys, coop_keys.get(name))
    any_role, sources, targets = (Counter(actors) for actors in acting)
    found["actor_counts"] = {(actor,): [n, sources.get(actor, 0), targets.get(actor, 0)]
                             for actor, n in any_role.items()}
    return found


#: event_facets' kinds that name an event's actors -> the actor_counts column they count (0 events, 1 as_source,
#: 2 as_target)
ROLE_COLUMNS = {"actor": 0, "source": 1, "target": 2}


def _counted(keys: list, cooperative: list | None) -> dict:
    """{key: [how many times it is listed]} or, with `cooperative` (the keys of the cooperative ones), {key:
    [times, cooperative times]}."""
    times = Counter(keys)
    if cooperative is None:
        return {key: [n] for key, n in times.items()}
    coop = Counter(cooperative)
    return {key: [n, coop.get(key, 0)] for key, n in times.items()}


def add(conn: Connection, tally: Tally, before: dict, after: dict) -> None:
    """Add after - before to the tally's rows (one upsert for the batch) and drop the rows left at zero; its
    `latest` columns (after the counts in `after`'s lists) keep the greater of the stored and the new value."""
    rows, shrunk = [], []
    width, unknown = len(tally.counts), [None] * len(tally.latest)
    # a key only `after` has (most: new events) is added as it is; the keys both have, less what they had
    for key, new in after.items():
        old = before.get(key)
        change = new[:width] if old is None else [b - a for a, b in zip(old[:width], new[:width])]
        if any(change):
            rows.append((*key, *change, *(new[width:] or unknown)))
            if change[0] < 0:
                shrunk.append(key)
    for key, old in before.items():
        if key not in after and any(old[:width]):
            rows.append((*key, *(-n for n in old[:width]), *unknown))
            if old[0] > 0:
                shrunk.append(key)
    dialect = conn.dialect.name
    upsert, gone = _statements(tally, dialect)
    if rows:
        conn.execute(upsert, _rows_param(rows, dialect))
    if shrunk and tally.drop_empty:
        conn.execute(gone, [{"k_" + k: v for k, v in zip(tally.keys, key)} for key in shrunk])


def recount(conn: Connection, tally: Tally) -> None:
    """Recompute a tally's whole table from the base tables (after a bulk load or a migration)."""
    conn.execute(delete(tally.table))
    conn.execute(insert(tally.table).from_select((*tally.keys, *tally.counts), tally.of()))


__all__ = ["ACTOR_COUNTS", "DAY_COUNTS", "FACET_DAY_TYPES", "FACET_MONTHS", "PLACE_DAYS", "POSITION_TYPE_MONTHS", "POSITION_TYPE_MONTHS_27", "TALLIES", "Tally", "add", "contributions", "place_key", "recount"]
