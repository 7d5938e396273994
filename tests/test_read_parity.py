"""The CLI and the HTTP API read the store through one layer: for each query they give the same answer."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest_store import RUSSIA, UKRAINE, actor, document, event, position, store
from parley.api import create_app
from parley.cli import main

ARMENIA = actor("Armenia", "country:ARM", "ARM", "GOV")
AZERBAIJAN = actor("Azerbaijan", "country:AZE", "AZE", "GOV")
PASHINYAN = actor("Nikol Pashinyan", "person:nikol-pashinyan", "ARM", "GOV")
ARMENIAN_REBELS = actor("Armenian Rebel Front", "org:arf", "ARM", "REB")


@pytest.fixture
def corpus(db_url):
    """Armenia's stance on territory shifts twice across three articles (once through its prime minister);
    two stances in one article count as that article's last; search words appear unevenly."""
    store(db_url,
          document("a1", published="2025-03-01", text="Ceasefire talks stalled as shelling went on. Talks, talks.",
                   events=[event("e1", "ASSAULT", (RUSSIA,), (UKRAINE,), date="2025-02-28")],
                   positions=[position(ARMENIA, "territory", "reject", "Armenia rejected a handover."),
                              position(ARMENIAN_REBELS, "territory", "reject", "The front rejected it too.")]),
          document("a2", published="2025-03-10", text="A ceasefire was proposed; Armenia weighed it.",
                   events=[event("e2", "CONSULT", (ARMENIA,), (AZERBAIJAN,), date="2025-03-09",
                                 place=None)],
                   positions=[position(PASHINYAN, "territory", "reject", "Pashinyan hesitated.", span=(0, 10)),
                              position(PASHINYAN, "territory", "conditional", "He would agree if ...",
                                       span=(20, 30))]),
          document("a3", published="2025-03-20", text="Armenia agreed to return four villages.",
                   events=[event("e3", "AGREE", (ARMENIA, PASHINYAN), (AZERBAIJAN,), date=None, place=None)],
                   positions=[position(ARMENIA, "territory", "accept", "Armenia agreed to return villages."),
                              position(AZERBAIJAN, "territory", "demand", "Baku demanded more.")]))
    return db_url


@pytest.fixture
def api(corpus):
    from fastapi.testclient import TestClient

    with TestClient(create_app(corpus)) as client:
        def get(path, **params):
            response = client.get(path, params=params)
            assert response.status_code == 200, response.text
            return response.json()
        yield get


def cli(corpus, *args):
    result = CliRunner().invoke(main, [*args, "--db", corpus, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("actor_name", [None, "arm", "Armenia", "country:AZE"])
def test_events_are_the_same(corpus, api, actor_name):
    options = ("--actor", actor_name) if actor_name else ()
    params = {"actor": actor_name} if actor_name else {}
    from_cli = cli(corpus, "events", *options)
    from_api = api("/api/events", limit=500, **params)["items"]
    assert [{k: v for k, v in e.items() if k != "mentions"} for e in from_cli] == from_api
    assert [e["type"] for e in from_api] == {None: ["AGREE", "CONSULT", "ASSAULT"], "arm": ["AGREE", "CONSULT"],
                                             "Armenia": ["AGREE", "CONSULT"],
                                             "country:AZE": ["AGREE", "CONSULT"]}[actor_name]  # newest first


def test_actors_are_the_same(corpus, api):
    assert cli(corpus, "actors") == api("/api/actors", limit=500)["items"]


def test_actor_lookup_by_part_of_a_name_is_the_same(corpus, api):
    assert [e["type"] for e in cli(corpus, "events", "--actor", "arm")] == ["AGREE", "CONSULT"]
    assert api("/api/events", actor="arm")["total"] == 2


def _cli_shifts(timelines):
    return sorted((t["actor_id"], t["issue"], s["date"], s["from"], s["to"], s["article_id"])
                  for t in timelines for s in t["shifts"])


def _api_shifts(items):
    return sorted((p["actor"]["id"], p["issue"], p["date"], p["previous_stance"], p["stance"], p["article"]["id"])
                  for p in items)


def test_position_shifts_are_the_same_and_roll_officials_up_to_their_state(corpus, api):
    from_cli = cli(corpus, "positions", "--actor", "Armenia")
    from_api = api("/api/positions", actor="Armenia", shifts="true", limit=500)["items"]
    # Pashinyan's two stances share one article, so only its last counts: no shift of his own
    assert _cli_shifts(from_cli) == _api_shifts(from_api) == [
        ("country:ARM", "territory", "2025-03-20", "reject", "accept", "a3")]
    # the prime minister (GOV of ARM) is found by --actor Armenia; the rebel front (REB of ARM) is not
    assert sorted({t["actor_id"] for t in from_cli}) == ["country:ARM", "person:nikol-pashinyan"]


def test_latest_stances_are_the_same_in_timelines_and_the_matrix(corpus, api):
    from_cli = {(t["actor_id"], t["issue"]): (t["latest_stance"], len(t["shifts"])) for t in cli(corpus, "positions")}
    matrix = api("/api/positions/matrix")
    from_api = {(c["actor_id"], c["issue"]): (c["stance"], c["shifts"]) for c in matrix["cells"]}
    assert from_cli == from_api


@pytest.mark.parametrize("words", ["ceasefire", "talks ceasefire", "Armenia"])
def test_full_text_search_ranks_the_same(corpus, api, words):
    from_cli = cli(corpus, "articles", "--search", words)
    from_api = api("/api/articles", q=words)["items"]
    assert from_cli == from_api
    if words == "talks ceasefire":
        assert [a["id"] for a in from_api] == ["a1"]


def test_article_lists_are_the_same(corpus, api):
    assert cli(corpus, "articles") == api("/api/articles")["items"]


def test_every_actor_of_a_compound_event_is_stored_and_read(db_url):
    un, m23, drc = actor("United Nations", "org:un", "", "IGO"), actor("M23", "org:m23", "COD", "REB"), \
        actor("DR Congo", "country:COD", "COD", "GOV")
    store(db_url, document("un", [event("e1", "REQUEST", (un,), (m23, drc), place=None)]))
    result = CliRunner().invoke(main, ["events", "--db", db_url, "--format", "json"])
    found = json.loads(result.stdout)
    assert [[a["id"] for a in e["target"]] for e in found] == [["org:m23", "country:COD"]]


def test_extracted_roles_are_always_lists():
    from parley.records import Document, Event

    document_ = Document(id="d", text="x", events=[Event(id="e", type="REQUEST", span=(0, 1), trigger="x",
                                                          sentence_span=(0, 1), source=[UKRAINE])])
    (found,) = document_.to_json()["events"]
    assert (found["source"], found["target"]) == ([UKRAINE.to_json()], [])
