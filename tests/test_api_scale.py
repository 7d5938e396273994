"""The API on a corpus of tens of thousands of events: every endpoint the dashboard calls answers quickly,
because counting and grouping happen in SQL. The corpus is random but seeded, inserted in bulk."""

from __future__ import annotations

import random
import time
import warnings
from datetime import date, timedelta

import pytest
from sqlalchemy import insert

from parley.api import create_app
from parley.records import EVENT_TYPES, ISSUES, STANCES, STATUSES
from parley.store.connect import open_engine
from parley.store.schema import actors, articles, event_actors, event_mentions, events, positions

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

EVENTS = 30_000
ARTICLES = 6_000
ACTORS = 120
POSITIONS = 8_000
BUDGET = 2.0  # seconds for one request, generous for a loaded 2-core CI machine
COUNTRIES = ("ARM", "AZE", "RUS", "UKR", "ISR", "PSE", "SDN", "COD", "RWA", "ETH", "ERI", "SOM", "YEM", "SYR")
WORDS = "ceasefire talks shelling drone envoy corridor prisoners sanctions troops border port grain".split()


def synthetic(url: str) -> None:
    rng = random.Random(7)
    start = date(2024, 1, 1)
    engine = open_engine(url)
    actor_rows = [{"id": f"actor:{i}", "name": f"Actor {i}", "country": COUNTRIES[i % len(COUNTRIES)], "type": "GOV"}
                  for i in range(ACTORS)]
    article_rows = []
    for i in range(ARTICLES):
        text = " ".join(rng.choice(WORDS) for _ in range(60)) + "."
        article_rows.append({"id": f"a{i}", "title": f"Report {i}", "source": "Wire",
                             "published": (start + timedelta(days=i % 700)).isoformat(), "text": text,
                             "content_hash": f"h{i}", "ingested_at": "2026-01-01T00:00:00+00:00"})
    event_rows, role_rows, mention_rows = [], [], []
    for i in range(EVENTS):
        source, target = rng.sample(range(ACTORS // 2), 2) if rng.random() < 0.8 else rng.sample(range(ACTORS), 2)
        article = rng.randrange(ARTICLES)
        event_rows.append({"id": f"e{i}", "type": rng.choice(EVENT_TYPES), "status": rng.choice(STATUSES),
                           "date": (start + timedelta(days=rng.randrange(700))).isoformat(),
                           "source_actor_id": f"actor:{source}", "target_actor_id": f"actor:{target}",
                           "actor_key": f"actor:{source}>actor:{target}", "mention_count": 1})
        role_rows += [{"event_id": f"e{i}", "role": "source", "actor_id": f"actor:{source}", "ord": 0},
                      {"event_id": f"e{i}", "role": "target", "actor_id": f"actor:{target}", "ord": 0}]
        mention_rows.append({"id": f"m{i}", "event_id": f"e{i}", "article_id": f"a{article}", "span_start": 6,
                             "span_end": 14, "sentence_start": 0, "sentence_end": 60, "trigger": "shelling",
                             "status": event_rows[-1]["status"]})
    position_rows = [{"id": f"p{i}", "actor_id": f"actor:{rng.randrange(ACTORS // 2)}", "issue": rng.choice(ISSUES),
                      "stance": rng.choice(STANCES), "article_id": f"a{rng.randrange(ARTICLES)}", "span_start": 0,
                      "span_end": 30, "evidence": "A stance.",
                      "date": (start + timedelta(days=rng.randrange(700))).isoformat()} for i in range(POSITIONS)]
    with engine.begin() as conn:
        for table, rows in ((actors, actor_rows), (articles, article_rows), (events, event_rows),
                            (event_actors, role_rows), (event_mentions, mention_rows), (positions, position_rows)):
            for chunk in range(0, len(rows), 5000):
                conn.execute(insert(table), rows[chunk:chunk + 5000])
    engine.dispose()


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('big') / 'parley.db'}"
    synthetic(url)
    with TestClient(create_app(url)) as client:
        yield client


DASHBOARD_CALLS = [
    ("/api/meta", {}),
    ("/api/summary", {"by": "type", "pairs": 1}),
    ("/api/summary", {"by": "quad", "pairs": 1}),
    ("/api/summary", {"pairs": 60, "since": "2024-03-01", "until": "2024-09-30"}),
    ("/api/summary", {"pairs": 60, "actor": "actor:3"}),
    ("/api/positions/matrix", {"actors": 30}),
    ("/api/positions/matrix", {"actors": 30, "since": "2024-06-01"}),
    ("/api/events", {"limit": 25}),
    ("/api/events", {"limit": 25, "offset": 20_000}),
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
]


@pytest.mark.parametrize("url, params", DASHBOARD_CALLS, ids=[f"{u}?{p}" for u, p in DASHBOARD_CALLS])
def test_endpoint_is_fast_on_a_large_corpus(big, url, params):
    big.get(url, params=params)  # warm the page cache once
    began = time.perf_counter()
    response = big.get(url, params=params)
    took = time.perf_counter() - began
    assert response.status_code == 200, response.text
    assert took < BUDGET, f"{url} {params} took {took:.2f}s"


def test_large_corpus_totals(big):
    meta = big.get("/api/meta").json()
    assert (meta["events"], meta["articles"], meta["positions"]) == (EVENTS, ARTICLES, POSITIONS)
    summary = big.get("/api/summary", params={"by": "quad", "pairs": 500}).json()
    assert summary["total"] == EVENTS and sum(d["count"] for d in summary["by_day"]) == EVENTS
    assert len(summary["pairs"]) == 500
