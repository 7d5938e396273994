"""/api/summary's `step`: by_day's bars per day (the default), week, month or year, chosen by the span (`auto`,
the dashboard's timeline), or none at all (`none`, the network's call): the same counts and pairs whatever the
step, only the cells differ."""

from __future__ import annotations

import warnings
from datetime import date, timedelta

import pytest

from parley.api import create_app
from parley.store import synthetic

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

#: selections that take each of the summary's ways: the derived day counts, one actor's facet cells (per day and
#: type, and per status), a date range, and the events themselves (an actor and a type)
SELECTIONS = [{}, {"actor": "actor:3"}, {"actor": "actor:3", "status": "asserted"},
              {"since": "2024-03-10", "until": "2024-09-20"}, {"actor": "actor:3", "type": "ASSAULT"}]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('steps') / 'steps.db'}"
    synthetic.build(url, events_count=3000, articles_count=600, positions_count=400)
    with TestClient(create_app(url, response_cache=False)) as client:
        yield client


def _summary(client, **params):
    response = client.get("/api/summary", params={"pairs": 20, **params})
    assert response.status_code == 200, response.text
    return response.json()


def _folded(cells, start) -> dict:
    totals: dict = {}
    for cell in cells:
        key = (start(date.fromisoformat(cell["date"])), cell["key"])
        totals[key] = totals.get(key, 0) + cell["count"]
    return totals


@pytest.mark.parametrize("selection", SELECTIONS, ids=[str(s) for s in SELECTIONS])
def test_step_none_gives_the_same_counts_and_pairs_without_cells(small, selection):
    daily, bare = _summary(small, **selection), _summary(small, step="none", **selection)
    assert bare["by_day"] == [] and bare["step"] == "none"
    assert {k: v for k, v in bare.items() if k not in ("by_day", "step")} == \
        {k: v for k, v in daily.items() if k not in ("by_day", "step")}


@pytest.mark.parametrize("selection", SELECTIONS, ids=[str(s) for s in SELECTIONS])
def test_step_week_is_the_days_added_up_per_monday(small, selection):
    daily, weekly = _summary(small, by="quad", **selection), _summary(small, by="quad", step="week", **selection)
    monday = lambda day: day - timedelta(days=day.weekday())  # noqa: E731
    assert _folded(weekly["by_day"], lambda day: day) == _folded(daily["by_day"], monday)
    assert all(date.fromisoformat(c["date"]).weekday() == 0 for c in weekly["by_day"])
    assert (weekly["first"], weekly["last"], weekly["total"], weekly["undated"]) == \
        (daily["first"], daily["last"], daily["total"], daily["undated"])


def test_step_month_and_year_date_their_bars_on_the_first_day(small):
    daily = _summary(small)
    for step, start in (("month", lambda d: d.replace(day=1)), ("year", lambda d: d.replace(month=1, day=1))):
        assert _folded(_summary(small, step=step)["by_day"], lambda day: day) == _folded(daily["by_day"], start)


def test_step_auto_chooses_by_the_span(small):
    # the corpus spans 2024-01-01 to 2025-11-30: per week; 120 days or fewer: per day
    assert _summary(small, step="auto")["step"] == "week"
    assert _summary(small, step="auto", since="2024-03-01", until="2024-06-28")["step"] == "day"
    assert _summary(small)["step"] == "day"


def test_an_unknown_step_is_refused_naming_the_choices(small):
    response = small.get("/api/summary", params={"step": "fortnight"})
    assert response.status_code == 422
    assert response.json()["error"] == ("Bad query parameter 'step' (got 'fortnight'): Input should be 'day', "
                                        "'week', 'month', 'year', 'auto' or 'none'.")
