"""The API on a corpus of tens of thousands of events (parley.store.synthetic, seeded, inserted in bulk):
every endpoint the dashboard calls answers, and counts and groups over the whole corpus come out right.
How fast they answer is measured by benchmarks/api_scale.py, not asserted here."""

from __future__ import annotations

import warnings

import pytest

from parley.api import create_app
from parley.store.synthetic import ARTICLES, DASHBOARD_CALLS, EVENTS, POSITIONS

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


pytestmark = pytest.mark.slow  # builds a 30,000-event corpus


@pytest.fixture(scope="module")
def big(big_db):
    with TestClient(create_app(big_db)) as client:
        yield client


@pytest.mark.parametrize("url, params", DASHBOARD_CALLS, ids=[f"{u}?{p}" for u, p in DASHBOARD_CALLS])
def test_dashboard_call_answers_on_a_large_corpus(big, url, params):
    response = big.get(url, params=params)
    assert response.status_code == 200, response.text


def test_large_corpus_totals(big):
    meta = big.get("/api/meta").json()
    assert (meta["events"], meta["articles"], meta["positions"]) == (EVENTS, ARTICLES, POSITIONS)
    summary = big.get("/api/summary", params={"by": "quad", "pairs": 500}).json()
    assert summary["total"] == EVENTS and sum(d["count"] for d in summary["by_day"]) == EVENTS
    assert len(summary["pairs"]) == 500
