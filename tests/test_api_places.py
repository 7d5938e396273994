"""The map's data (/api/places), the `place` filter, and the positions matrix under the events' filters, over the
small hand-coded corpus (tests/test_api_corpus.py): the shelling, its denial, the ceasefire and Turkey's aid
happened in Kharkiv (Ukraine), the Armenia-Azerbaijan agreement in Geneva; the other five events have no place."""

from __future__ import annotations

import warnings

import pytest

from parley.api import create_app
from parley.records import Location

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(corpus_db):
    with TestClient(create_app(corpus_db)) as c:
        yield c


def ok(client, url, **params):
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_places_counts_events_by_country_and_by_place(client):
    assert ok(client, "/api/places") == {
        "total": 10, "placed": 4,
        "countries": [{"country": "UKR", "numeric": "804", "name": "Ukraine", "count": 3},
                      {"country": "CHE", "numeric": "756", "name": "Switzerland", "count": 1}],
        "places": [{"name": "Kharkiv", "country": "UKR", "lat": 49.99, "lon": 36.23, "count": 3, "country_level": False},
                   {"name": "Geneva", "country": "CHE", "lat": 46.2, "lon": 6.15, "count": 1, "country_level": False}],
    }


def test_places_follow_the_event_filters(client):
    aid = ok(client, "/api/places", type="AID")
    assert (aid["total"], aid["countries"], aid["places"]) == (
        1, [{"country": "UKR", "numeric": "804", "name": "Ukraine", "count": 1}],
        [{"name": "Kharkiv", "country": "UKR", "lat": 49.99, "lon": 36.23, "count": 1, "country_level": False}])
    dated = ok(client, "/api/places", since="2026-03-10", until="2026-03-10")
    assert [(p["name"], p["count"]) for p in dated["places"]] == [("Geneva", 1)]


def test_the_place_filter_selects_what_the_map_counted(client):
    # a country's code: events anywhere in it; a place's name (any case): events there
    assert ok(client, "/api/events", place="UKR")["total"] == 3
    assert ok(client, "/api/events", place="kharkiv")["total"] == 3
    geneva = ok(client, "/api/events", place="Geneva")
    assert [(e["type"], e["location"]["name"]) for e in geneva["items"]] == [("AGREE", "Geneva")]
    assert ok(client, "/api/events", place="Kharkiv", type="AID")["total"] == 1
    assert ok(client, "/api/events", place="Atlantis")["total"] == 0
    # the other views take it too: the network's pairs and the timeline's days
    summary = ok(client, "/api/summary", place="UKR")
    assert summary["total"] == 3
    assert sorted((p["source"]["id"], p["target"]["id"], p["count"]) for p in summary["pairs"]) == [
        ("country:RUS", "country:UKR", 2), ("country:TUR", "country:UKR", 1)]


def cells(matrix):
    return sorted((c["actor_id"], c["issue"], c["stance"]) for c in matrix["cells"])


def test_the_positions_matrix_follows_the_event_filters(client):
    # the positions stated in the articles that report the events selected
    assert cells(ok(client, "/api/positions/matrix", type="ASSAULT")) == [
        ("country:RUS", "ceasefire", "conditional"), ("country:UKR", "ceasefire", "reject")]
    assert cells(ok(client, "/api/positions/matrix", place="Geneva")) == [
        ("country:ARM", "governance", "reject"), ("country:ARM", "talks", "support"),
        ("country:AZE", "governance", "demand")]
    # the search: in the articles that contain the words
    assert cells(ok(client, "/api/positions/matrix", q="Turkey")) == [
        ("country:RUS", "ceasefire", "accept"), ("country:UKR", "ceasefire", "support")]
    # the issue and the actor select the positions themselves
    governance = ok(client, "/api/positions/matrix", issue="governance")
    assert (governance["issues"], cells(governance)) == (
        ["governance"], [("country:ARM", "governance", "reject"), ("country:AZE", "governance", "demand")])
    ukraine = ok(client, "/api/positions/matrix", actor="Ukraine", until="2026-03-15")
    assert ([a["id"] for a in ukraine["actors"]], cells(ukraine)) == (
        ["country:UKR"], [("country:UKR", "ceasefire", "reject")])


def test_the_positions_matrix_refuses_a_bad_filter_as_the_events_do(client):
    response = client.get("/api/positions/matrix", params={"country": "Atlantis"})
    assert response.status_code == 400
    assert "Unknown country 'Atlantis'" in response.json()["error"]


def test_meta_gives_the_stance_leanings_and_the_state_sectors(client):
    meta = ok(client, "/api/meta")
    assert meta["leanings"]["accept"] == meta["leanings"]["support"] == "for"
    assert meta["leanings"]["reject"] == "against"
    assert meta["state_sectors"] == ["COP", "GOV", "JUD", "LEG", "MIL", "SPY"]


@pytest.fixture(scope="module")
def country_client(tmp_path_factory):
    from conftest_store import empty_database
    from parley.store.connect import open_engine
    from parley.store.write import write_document
    from test_api_corpus import Builder

    b = Builder("in-ukraine", "Russia strikes", "2026-04-02",
                "Russia shelled Ukraine. Russia blockaded Kharkiv. Russia met Turkey in Washington.")
    b.event("e1", "shelled", "ASSAULT", ["country:RUS"], ["country:UKR"],
            where=Location("Ukraine", "UKR", 50.45, 30.52, "country"))
    b.event("e2", "blockaded", "COERCE", ["country:RUS"], ["country:UKR"],
            where=Location("Kharkiv", "UKR", 49.99, 36.23, "city"), mentions={"country:UKR": "Kharkiv"})
    b.event("e3", "met", "CONSULT", ["country:RUS"], ["country:TUR"],
            where=Location("Washington", "USA", 38.9, -77.04, "city"))
    with empty_database(tmp_path_factory.mktemp("in-ukraine")) as url:
        engine = open_engine(url)
        with engine.begin() as conn:
            write_document(conn, b.doc)
        engine.dispose()
        with TestClient(create_app(url)) as c:
            yield c


def test_a_place_that_is_its_country_is_marked_so(country_client):
    # "shelled Ukraine" is placed in the country as a whole, at the coordinates the gazetteer gives it: the map
    # shades Ukraine for it rather than drawing a point; "Washington" is a city, though it stands for a state
    places = ok(country_client, "/api/places")["places"]
    assert sorted((p["name"], p["country_level"]) for p in places) == [
        ("Kharkiv", False), ("Ukraine", True), ("Washington", False)]


def test_the_cli_lists_the_events_of_a_place_as_the_api_does(client, corpus_db):
    from click.testing import CliRunner

    from parley.cli import main

    for place in ("Kharkiv", "UKR", "Geneva"):
        result = CliRunner().invoke(main, ["events", "--place", place, "--format", "csv", "--db", corpus_db])
        assert result.exit_code == 0, result.output
        listed = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
        assert listed == [e["id"] for e in ok(client, "/api/events", place=place)["items"]]
        assert listed
