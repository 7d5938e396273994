"""A seeded synthetic corpus of tens of thousands of events, inserted in bulk, and the requests the dashboard
makes against it: for the scale tests (tests/test_api_scale.py, tests/test_dashboard.py) and for
benchmarks/api_scale.py. The same seed and sizes give the same rows on every backend."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert

from parley.records import EVENT_TYPES, ISSUES, STANCES, STATUSES
from parley.store import derived
from parley.store.connect import open_engine
from parley.store.schema import (
    actor_counts,
    actor_partners,
    actors,
    articles,
    day_counts,
    event_actors,
    event_facets,
    event_mentions,
    event_pairs,
    events,
    facet_day_types,
    facet_days,
    facet_months,
    facet_pairs,
    pair_counts,
    pair_months,
    position_months,
    positions,
)

EVENTS = 30_000
ARTICLES = 6_000
ACTORS = 120
POSITIONS = 8_000
DAYS = 700
SEED = 7
START = date(2024, 1, 1)
COUNTRIES = ("ARM", "AZE", "RUS", "UKR", "ISR", "PSE", "SDN", "COD", "RWA", "ETH", "ERI", "SOM", "YEM", "SYR")
WORDS = "ceasefire talks shelling drone envoy corridor prisoners sanctions troops border port grain".split()
CHUNK = 5_000
DERIVED = (event_pairs, pair_counts, pair_months, position_months, day_counts, actor_counts, event_facets, facet_days,
           facet_months, facet_day_types,
           facet_pairs, actor_partners)

def dashboard_calls(events_count: int = EVENTS) -> list[tuple[str, dict]]:
    """What the dashboard asks for on a first load and on the usual clicks, with ids that exist in a corpus of
    `events_count` events (the deep page is two thirds of the way down)."""
    return [
        ("/api/meta", {}),
        ("/api/summary", {"by": "type", "pairs": 1, "step": "auto"}),
        ("/api/summary", {"by": "quad", "pairs": 1, "step": "auto"}),
        ("/api/summary", {"pairs": 60, "since": "2024-03-01", "until": "2024-09-30", "step": "none"}),
        ("/api/summary", {"pairs": 60, "actor": "actor:3", "step": "none"}),
        ("/api/summary", {"by": "type", "pairs": 1, "actor": "actor:3", "step": "auto"}),
        ("/api/positions/matrix", {"actors": 30}),
        ("/api/positions/matrix", {"actors": 30, "since": "2024-06-01"}),
        ("/api/events", {"limit": 25}),
        ("/api/events", {"limit": 25, "offset": events_count * 2 // 3}),
        ("/api/events", {"limit": 25, "actor": "actor:3", "type": "ASSAULT"}),
        ("/api/events", {"limit": 25, "country": "SDN", "status": "alleged"}),
        ("/api/events", {"limit": 25, "issue": "ceasefire", "since": "2024-05-01"}),
        ("/api/events", {"limit": 25, "q": "corridor grain"}),
        ("/api/actors", {"limit": 50}),
        ("/api/actors/actor:3", {}),
        ("/api/positions", {"actor": "actor:3", "issue": "ceasefire", "order": "oldest", "limit": 100}),
        ("/api/positions", {"shifts": "true"}),
        ("/api/articles", {"limit": 50}),
        ("/api/articles", {"q": "drone", "limit": 50}),
        ("/api/articles/a17", {}),
        ("/api/events/e123", {}),
        ("/api/places", {}),
        ("/api/places", {"since": "2024-03-01", "until": "2024-09-30"}),
        ("/api/positions/matrix", {"actors": 30, "type": "ASSAULT"}),
    ]


#: The calls against the default-sized corpus (the tests' one).
DASHBOARD_CALLS: list[tuple[str, dict]] = dashboard_calls()


def _day(offset: int) -> str:
    return (START + timedelta(days=offset)).isoformat()


def build(url: str, *, events_count: int = EVENTS, articles_count: int = ARTICLES, actors_count: int = ACTORS,
          positions_count: int = POSITIONS, seed: int = SEED) -> None:
    """Insert the synthetic corpus into the new (empty) corpus database at url.

    Actors `actor:0` … are states; most events (80 %) are between the first half of them, so the network has
    a dense core. Each event has one report in a random article; positions belong to the first half too."""
    rng = random.Random(seed)
    actor_rows = [{"id": f"actor:{i}", "name": f"Actor {i}", "country": COUNTRIES[i % len(COUNTRIES)], "type": "GOV"}
                  for i in range(actors_count)]
    article_rows = [{"id": f"a{i}", "title": f"Report {i}", "source": "Wire", "published": _day(i % DAYS),
                     "text": " ".join(rng.choice(WORDS) for _ in range(60)) + ".", "content_hash": f"h{i}",
                     "ingested_at": "2026-01-01T00:00:00+00:00"} for i in range(articles_count)]
    event_rows, role_rows, mention_rows = [], [], []
    core = actors_count // 2
    for i in range(events_count):
        source, target = rng.sample(range(core), 2) if rng.random() < 0.8 else rng.sample(range(actors_count), 2)
        article = rng.randrange(articles_count)
        kind, status = rng.choice(EVENT_TYPES), rng.choice(STATUSES)
        event_rows.append({"id": f"e{i}", "type": kind, "status": status,
                           "date": _day(rng.randrange(DAYS)), "source_actor_id": f"actor:{source}",
                           "target_actor_id": f"actor:{target}", "actor_key": f"actor:{source}>actor:{target}",
                           "mention_count": 1})
        role_rows += [{"event_id": f"e{i}", "role": "source", "actor_id": f"actor:{source}", "ord": 0},
                      {"event_id": f"e{i}", "role": "target", "actor_id": f"actor:{target}", "ord": 0}]
        mention_rows.append({"id": f"m{i}", "event_id": f"e{i}", "article_id": f"a{article}", "span_start": 6,
                             "span_end": 14, "sentence_start": 0, "sentence_end": 60, "trigger": "shelling",
                             "status": status})
    position_rows = [{"id": f"p{i}", "actor_id": f"actor:{rng.randrange(core)}", "issue": rng.choice(ISSUES),
                      "stance": rng.choice(STANCES), "article_id": f"a{rng.randrange(articles_count)}",
                      "span_start": 0, "span_end": 30, "evidence": "A stance.", "date": _day(rng.randrange(DAYS))}
                     for i in range(positions_count)]
    engine = open_engine(url)
    try:
        with engine.begin() as conn:
            for table, rows in ((actors, actor_rows), (articles, article_rows), (events, event_rows),
                                (event_actors, role_rows), (event_mentions, mention_rows),
                                (positions, position_rows)):
                for chunk in range(0, len(rows), CHUNK):
                    conn.execute(insert(table), rows[chunk:chunk + CHUNK])
            derived.rebuild(conn)
        settle(engine)
    finally:
        engine.dispose()


def settle(engine) -> None:
    """On PostgreSQL, what autovacuum would do after a bulk load: planner statistics, and a visibility map so
    that counts can be answered from indexes alone. Nothing to do on SQLite."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in (actors, articles, events, event_actors, event_mentions, positions, *DERIVED):
            conn.exec_driver_sql(f'VACUUM ANALYZE "{table.name}"')
