"""The HTTP API over a small corpus written with the store's writer: bodies, filters and every kind of bad request."""

from __future__ import annotations

import sqlite3
import warnings

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from parley.api import create_app
from parley.api.db import open_store
from parley.cli import main
from parley.records import EVENT_TYPES
from parley.store import StoreError

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


def ids(page):
    return [item["id"] for item in page["items"]]


def test_meta_counts_what_the_store_holds(client):
    meta = ok(client, "/api/meta")
    assert (meta["articles"], meta["events"], meta["actors"], meta["positions"]) == (4, 10, 5, 7)
    assert (meta["first"], meta["last"]) == ("2026-03-10", "2026-03-31")
    assert [t["type"] for t in meta["event_types"]] == list(EVENT_TYPES)
    assert {t["type"] for t in meta["event_types"] if t["cooperative"]} == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
    assert meta["max_limit"] == 500


def test_events_are_newest_first_and_pages_are_stable(client):
    everything = ok(client, "/api/events", limit=500)
    assert everything["total"] == 10 and len(everything["items"]) == 10
    dates = [e["date"] for e in everything["items"]]
    assert dates == sorted(dates, reverse=True)
    pages = [ok(client, "/api/events", limit=3, offset=o) for o in (0, 3, 6, 9)]
    assert sum((ids(p) for p in pages), []) == ids(everything)
    assert [len(p["items"]) for p in pages] == [3, 3, 3, 1]
    assert ok(client, "/api/events", limit=3, offset=3) == pages[1]  # same request, same answer
    oldest = ok(client, "/api/events", order="oldest", limit=500)
    assert [e["date"] for e in oldest["items"]] == sorted(dates)


def test_event_items_carry_actors_first_report_and_claimant(client):
    page = ok(client, "/api/events", type="ASSAULT")
    assert page["total"] == 1
    event = page["items"][0]
    assert event["status"] == "alleged" and event["mention_count"] == 2
    assert [a["name"] for a in event["source"]] == ["Russia"] and [a["name"] for a in event["target"]] == ["Ukraine"]
    assert event["trigger"] == "shelled"
    assert event["sentence"] == "Russian forces shelled Kharkiv overnight, the Ukrainian army said."
    assert event["claimed_by"]["name"] == "Ukraine"
    assert event["article"]["id"] == "kharkiv-shelling"
    assert event["location"]["name"] == "Kharkiv" and event["quad"] == "material conflict"
    assert event["cooperative"] is False


@pytest.mark.parametrize("params, expected", [
    ({"type": "AGREE"}, {"AGREE"}),
    ({"type": ["AGREE", "aid"]}, {"AGREE", "AID"}),
    ({"status": "future"}, {"CONSULT"}),
    ({"status": ["alleged", "future"]}, {"ASSAULT", "CONSULT"}),
    ({"actor": "country:TUR"}, {"AID"}),
    ({"actor": "turkey"}, {"AID"}),
    ({"actor": "Russia", "role": "target"}, {"ACCUSE"}),
    ({"actor": "Russia", "role": "source"}, {"ASSAULT", "AGREE"}),
    ({"country": "TUR"}, {"AID"}),
    ({"country": "tr"}, {"AID"}),
    ({"country": "Switzerland"}, {"AGREE"}),
    ({"issue": "ceasefire"}, {"ACCUSE", "AGREE"}),
    ({"issue": "governance"}, {"REQUEST", "REJECT", "ACCUSE"}),
    ({"since": "2026-03-20"}, {"AGREE", "AID", "THREATEN", "CONSULT"}),
    ({"since": "2026-03-11", "until": "2026-03-12"}, {"ASSAULT", "ACCUSE"}),
    ({"q": "sanctions"}, {"THREATEN", "CONSULT"}),
    ({"q": "Kharkiv civilians"}, {"ASSAULT", "ACCUSE", "AGREE", "AID"}),
    ({"article": "caucasus-talks"}, {"AGREE", "REQUEST", "REJECT", "ACCUSE"}),
    ({"actor": "Armenia", "type": "ACCUSE"}, {"ACCUSE"}),
])
def test_event_filters(client, params, expected):
    page = ok(client, "/api/events", limit=500, **params)
    assert {e["type"] for e in page["items"]} == expected
    assert page["total"] == len(page["items"])


def test_filters_combine(client):
    page = ok(client, "/api/events", actor="Armenia", type="ACCUSE", since="2026-03-10", until="2026-03-10")
    assert page["total"] == 1 and page["items"][0]["target"][0]["name"] == "Azerbaijan"


def test_one_event_with_reports_evidence_claims_and_links(client):
    event_id = ok(client, "/api/events", type="ASSAULT")["items"][0]["id"]
    event = ok(client, f"/api/events/{event_id}")
    assert [m["status"] for m in event["mentions"]] == ["alleged", "denied"]
    assert [m["trigger"] for m in event["mentions"]] == ["shelled", "denied"]
    # each report but the event's first says why it joined the event
    assert [bool(m["merge_reason"]) for m in event["mentions"]].count(False) == 1
    assert event["mentions"][1]["sentence"] == "Moscow denied the attack."
    assert event["mentions"][0]["span"] == [15, 22]
    assert [e["text"] for e in event["evidence"]] == [
        "Russian forces shelled Kharkiv overnight, the Ukrainian army said.", "Moscow denied the attack."]
    claims = {(c["status"], c["claimed_by"]["name"]): c["reports"] for c in event["claims"]}
    assert claims == {("alleged", "Ukraine"): 1, ("denied", "Russia"): 1}
    # The denial is a report of the same event that points at the allegation: a link both ways.
    assert {(link["rel"], link["direction"]) for link in event["links"]} == {("denies", "out"), ("denies", "in")}
    assert all(link["event"]["id"] == event_id for link in event["links"])


def test_actors_most_active_first(client):
    page = ok(client, "/api/actors")
    assert page["total"] == 5
    counts = [a["events"] for a in page["items"]]
    assert counts == sorted(counts, reverse=True)
    armenia = next(a for a in page["items"] if a["name"] == "Armenia")
    assert (armenia["events"], armenia["as_source"], armenia["as_target"], armenia["positions"]) == (6, 4, 2, 2)
    assert ids(ok(client, "/api/actors", q="rus")) == ["country:RUS"]
    assert ids(ok(client, "/api/actors", country="TR")) == ["country:TUR"]
    assert ok(client, "/api/actors", q="100%_")["total"] == 0  # LIKE wildcards are literal


def test_one_actor_with_its_events_partners_and_positions(client):
    actor = ok(client, "/api/actors/country:RUS")
    assert actor["name"] == "Russia" and actor["country"] == "RUS"
    assert {e["type"] for e in actor["as_source_events"]["items"]} == {"ASSAULT", "AGREE"}
    assert {e["type"] for e in actor["as_target_events"]["items"]} == {"ACCUSE"}
    assert actor["as_source_events"]["total"] == 2
    assert [(p["actor"]["name"], p["events"], p["cooperative"], p["conflictual"]) for p in actor["partners"]] == [
        ("Ukraine", 3, 1, 2)]
    assert [(p["stance"], p["shift"]) for p in actor["positions_list"]] == [("conditional", False), ("accept", True)]
    assert len(ok(client, "/api/actors/country:ARM", limit=1)["as_source_events"]["items"]) == 1


def test_positions_with_shifts(client):
    page = ok(client, "/api/positions", actor="Ukraine", issue="ceasefire", order="oldest")
    assert [(p["stance"], p["previous_stance"], p["shift"]) for p in page["items"]] == [
        ("reject", None, False), ("support", "reject", True)]
    assert page["items"][1]["evidence"] == "Ukraine said it supports the ceasefire."
    shifts = ok(client, "/api/positions", shifts="true")
    assert {(p["actor"]["name"], p["stance"]) for p in shifts["items"]} == {("Ukraine", "support"), ("Russia", "accept")}
    # A shift is measured against the earlier stance even when `since` leaves that one out.
    late = ok(client, "/api/positions", since="2026-03-15")
    assert {p["previous_stance"] for p in late["items"]} == {"reject", "conditional"}
    assert ok(client, "/api/positions", stance="demand")["items"][0]["actor"]["name"] == "Azerbaijan"


def test_position_matrix(client):
    matrix = ok(client, "/api/positions/matrix")
    assert matrix["issues"] == ["ceasefire", "talks", "governance"]
    assert {a["name"] for a in matrix["actors"]} == {"Armenia", "Azerbaijan", "Russia", "Ukraine"}
    cells = {(c["actor_id"], c["issue"]): (c["stance"], c["count"], c["shifts"]) for c in matrix["cells"]}
    assert cells[("country:UKR", "ceasefire")] == ("support", 2, 1)
    assert cells[("country:ARM", "governance")] == ("reject", 1, 0)
    early = ok(client, "/api/positions/matrix", until="2026-03-12")
    cells = {(c["actor_id"], c["issue"]): c["stance"] for c in early["cells"]}
    assert cells[("country:UKR", "ceasefire")] == "reject"
    assert len(ok(client, "/api/positions/matrix", actors=1)["actors"]) == 1


def test_articles_newest_first_and_searchable(client):
    page = ok(client, "/api/articles")
    assert ids(page) == ["caucasus-threat", "kharkiv-ceasefire", "kharkiv-shelling", "caucasus-talks"]
    assert page["items"][0]["events"] == 2 and page["items"][3]["positions"] == 3
    assert ids(ok(client, "/api/articles", q="Kremlin")) == ["kharkiv-shelling"]
    assert ids(ok(client, "/api/articles", actor="Turkey")) == ["kharkiv-ceasefire"]
    assert ids(ok(client, "/api/articles", since="2026-03-20", until="2026-03-20")) == ["kharkiv-ceasefire"]
    assert ok(client, "/api/articles", source="test wire")["total"] == 4


def test_article_with_event_and_actor_spans(client):
    article = ok(client, "/api/articles/kharkiv-shelling")
    text_ = article["text"]
    assert text_.startswith("Russian forces shelled Kharkiv")
    shown = {(s["kind"], text_[s["start"]:s["end"]], s["label"]) for s in article["spans"]}
    assert ("trigger", "shelled", "ASSAULT · alleged") in shown
    assert ("trigger", "denied", "ASSAULT · denied") in shown
    # the actor spans are the mentions stored at ingest, offsets and all: whole phrases, metonyms, capitals
    expected = [("Russian forces", "country:RUS"), ("Ukrainian army", "country:UKR"), ("Moscow", "country:RUS"),
                ("Ukraine", "country:UKR"), ("Russia", "country:RUS"), ("Kremlin", "country:RUS"),
                ("Kyiv", "country:UKR")]
    assert article["actor_spans"] == "stored"
    assert [(m["text"], m["actor"]["id"]) for m in article["actor_mentions"]] == expected
    for mention in article["actor_mentions"]:
        assert text_[mention["start"]:mention["end"]] == mention["text"]
    assert article["actor_mentions"][0] == {
        "actor": {"id": "country:RUS", "name": "Russia", "country": "RUS", "type": "GOV"},
        "start": 0, "end": 14, "text": "Russian forces"}
    actor_spans = [s for s in article["spans"] if s["kind"] == "actor"]
    assert [(text_[s["start"]:s["end"]], s["ref"]) for s in actor_spans] == expected
    assert [(s["start"], s["end"]) for s in actor_spans] == [(m["start"], m["end"]) for m in article["actor_mentions"]]
    assert {s["label"] for s in actor_spans} == {"Russia", "Ukraine"}
    assert [(e["trigger"], e["status"], e["claimed_by"] and e["claimed_by"]["name"]) for e in article["event_list"]] == [
        ("shelled", "alleged", "Ukraine"), ("denied", "denied", "Russia"), ("accused", "asserted", None)]
    assert [p["stance"] for p in article["position_list"]] == ["reject", "conditional"]
    starts = [s["start"] for s in article["spans"]]
    assert starts == sorted(starts)


def test_article_lists_actors_named_in_it(client):
    article = ok(client, "/api/articles/kharkiv-ceasefire")
    # Kharkiv is where the aid went (the AID event's target is Ukraine through it), not an actor mention
    assert [m["text"] for m in article["actor_mentions"]] == ["Russia", "Ukraine", "Turkey", "Ukraine"]
    assert "Kharkiv" not in [article["text"][s["start"]:s["end"]] for s in article["spans"] if s["kind"] == "actor"]
    assert [a["name"] for a in article["actors"]] == ["Russia", "Turkey", "Ukraine"]


@pytest.fixture(scope="module")
def legacy_client(legacy_db):
    with TestClient(create_app(legacy_db)) as c:
        yield c


def test_article_stored_before_actor_mentions_has_its_actors_found_by_name(legacy_client):
    article = ok(legacy_client, "/api/articles/kharkiv-shelling")
    assert (article["actor_spans"], article["actor_mentions"]) == ("guessed", [])
    shown = [(article["text"][s["start"]:s["end"]], s["label"]) for s in article["spans"] if s["kind"] == "actor"]
    assert ("Moscow", "Russia") in shown  # a metonym, found through the reference data
    assert ("Ukrainian", "Ukraine") in shown  # a demonym, not the stored phrase "Ukrainian army"
    assert ("Russian forces", "Russia") not in shown


def test_article_stored_after_actor_mentions_with_none_shows_no_actor(legacy_client):
    article = ok(legacy_client, "/api/articles/kharkiv-ceasefire")
    assert (article["actor_spans"], article["actor_mentions"]) == ("stored", [])
    assert [s["kind"] for s in article["spans"]] == ["trigger", "trigger"]
    assert ok(legacy_client, "/api/articles/caucasus-threat")["actor_spans"] == "stored"


def test_summary_counts_by_day_type_status_and_pair(client):
    summary = ok(client, "/api/summary")
    assert (summary["total"], summary["undated"], summary["first"], summary["last"]) == (10, 0, "2026-03-10", "2026-03-31")
    day = {(d["date"], d["key"]): d["count"] for d in summary["by_day"]}
    assert day[("2026-03-10", "ACCUSE")] == 1 and sum(day.values()) == 10
    assert {t["type"]: t["count"] for t in summary["by_type"]}["ACCUSE"] == 2
    assert {s["status"]: s["count"] for s in summary["by_status"]} == {"asserted": 8, "alleged": 1, "future": 1}
    pairs = {(p["source"]["name"], p["target"]["name"]): (p["count"], p["cooperative"]) for p in summary["pairs"]}
    assert pairs[("Armenia", "Azerbaijan")] == (4, 2)
    assert pairs[("Russia", "Ukraine")] == (2, 1)
    quads = ok(client, "/api/summary", by="quad")
    assert {d["key"] for d in quads["by_day"]} == {
        "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}
    focused = ok(client, "/api/summary", actor="Turkey")
    assert [(p["source"]["name"], p["target"]["name"]) for p in focused["pairs"]] == [("Turkey", "Ukraine")]
    assert len(ok(client, "/api/summary", pairs=1)["pairs"]) == 1


# ---------------------------------------------------------------- bad requests


def error(client, url, expected, **params):
    response = client.get(url, params=params)
    assert response.status_code == expected, response.text
    body = response.json()
    assert isinstance(body["error"], str) and body["error"]
    return body["error"]


@pytest.mark.parametrize("url, params, status, says", [
    ("/api/events", {"type": "FIGHT"}, 422, "Send one of AGREE, CONSULT"),
    ("/api/events", {"status": "rumoured"}, 422, "Send one of asserted, future"),
    ("/api/events", {"issue": "bananas"}, 422, "Send one of ceasefire"),
    ("/api/events", {"since": "last week"}, 422, "Send a date as YYYY-MM-DD"),
    ("/api/events", {"until": "2026-02-30"}, 422, "Send a date as YYYY-MM-DD"),
    ("/api/events", {"limit": "-1"}, 422, "Send a whole number from 1 to 500"),
    ("/api/events", {"limit": "0"}, 422, "Send a whole number from 1 to 500"),
    ("/api/events", {"limit": "501"}, 422, "Send a whole number from 1 to 500"),
    ("/api/events", {"limit": "ten"}, 422, "Send a whole number from 1 to 500"),
    ("/api/events", {"offset": "-5"}, 422, "Send a whole number, 0 or more"),
    ("/api/events", {"offset": "10"}, 400, "offset 10 is past the end: there are 10 events; send an offset from 0 to 9"),
    ("/api/actors", {"offset": "99"}, 400, "past the end: there are 5 actors"),
    ("/api/articles", {"offset": "4"}, 400, "past the end: there are 4 articles"),
    ("/api/positions", {"offset": "7"}, 400, "past the end: there are 7 positions"),
    ("/api/events", {"role": "victim"}, 422, "Send one of source, target, any"),
    ("/api/events", {"order": "random"}, 422, "Send newest or oldest"),
    ("/api/summary", {"by": "colour"}, 422, "Send one of type, quad"),
    ("/api/summary", {"pairs": "0"}, 422, "Send a whole number from 1 to 500"),
    ("/api/positions", {"stance": "maybe"}, 422, "Send one of demand"),
    ("/api/positions", {"shifts": "perhaps"}, 422, "Send true or false"),
    ("/api/positions/matrix", {"actors": "1000"}, 422, "Send a whole number from 1 to 200"),
    ("/api/events", {"since": "2026-03-20", "until": "2026-03-10"}, 400, "since (2026-03-20) is after until"),
    ("/api/events", {"actor": "Narnia"}, 400, "No stored actor matches 'Narnia'. Send an actor id or name as "
                                             "`parley actors` or /api/actors?q=Narnia lists them."),
    ("/api/positions", {"actor": "Narnia"}, 400, "/api/actors?q=Narnia"),
    ("/api/events", {"country": "Atlantis"}, 400, "Send an ISO 3166 code"),
    ("/api/events", {"q": "!!!"}, 400, "no words to search for"),
    ("/api/events", {"typ": "ASSAULT"}, 400, "Unknown parameter 'typ'. This endpoint takes: actor, article"),
    ("/api/events", {"q": "a\x00b"}, 400, "NUL character"),
    ("/api/events", {"q": "x" * 201}, 422, "at most 200 characters"),
])
def test_bad_parameters_say_what_to_send(client, url, params, status, says):
    assert says in error(client, url, status, **params)


@pytest.mark.parametrize("url, says", [
    ("/api/events/0000000000000000", "No event '0000000000000000'. List events with `parley events` or /api/events"),
    ("/api/actors/country:XXX", "No actor 'country:XXX'. Find actors with `parley actors` or /api/actors?q=NAME"),
    ("/api/articles/nope", "No article 'nope'. List articles with `parley articles` or /api/articles"),
    ("/api/nothing", "No such path '/api/nothing'"),
])
def test_unknown_ids_are_404(client, url, says):
    assert says in error(client, url, 404)


def test_validation_errors_name_the_parameter(client):
    body = client.get("/api/events", params={"limit": "-1"}).json()
    assert body["detail"][0]["loc"] == ["query", "limit"]
    assert body["error"].startswith("Bad query parameter 'limit' (got '-1').")


def test_writes_are_refused(client):
    response = client.post("/api/events", json={})
    assert response.status_code == 405 and "read-only" in response.json()["error"]
    with client.app.state.store.connect() as conn, pytest.raises(Exception, match="readonly|read-only|query_only"):
        conn.execute(text("DELETE FROM events"))


def test_text_reaches_sql_only_as_bound_parameters(client):
    hostile = "x'; DROP TABLE events; --"
    assert ok(client, "/api/events", q=hostile)["total"] == 0
    assert "No stored actor matches" in error(client, "/api/events", 400, actor="' OR '1'='1")
    assert ok(client, "/api/actors", q="' OR 1=1 --")["total"] == 0
    assert ok(client, "/api/events", article=hostile)["total"] == 0
    assert ok(client, "/api/meta")["events"] == 10


def test_docs_work_offline(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    for asset in ("swagger-ui/swagger-ui-bundle.js", "swagger-ui/swagger-ui.css", "d3/d3.min.js"):
        assert client.get(f"/static/vendor/{asset}").status_code == 200
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/actors", "/api/actors/{actor_id}", "/api/positions",
            "/api/positions/matrix", "/api/articles", "/api/articles/{article_id}", "/api/summary",
            "/api/meta"} <= set(schema["paths"])
    assert "422" in schema["paths"]["/api/events"]["get"]["responses"]
    assert client.get("/api", follow_redirects=False).headers["location"] == "/docs"


def test_dashboard_page_loads_only_local_assets(client):
    page = client.get("/")
    assert page.status_code == 200 and "<title>Parley</title>" in page.text
    assert "https://" not in page.text and "http://" not in page.text
    for path in ("/static/js/app.js", "/static/css/dashboard.css"):
        assert client.get(path).status_code == 200


# ---------------------------------------------------------------- opening the store and `parley serve`


def test_open_store_explains_a_missing_database(tmp_path):
    with pytest.raises(StoreError, match="No database at .*Run `parley ingest SOURCE...` first"):
        open_store(str(tmp_path / "none.db"))


def test_open_store_refuses_a_database_parley_did_not_make(tmp_path):
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreError, match="has no Parley tables"):
        open_store(str(path))


def test_serve_reports_a_missing_database(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "No database at" in result.output and "parley ingest" in result.output


def test_serve_rejects_a_bad_port():
    result = CliRunner().invoke(main, ["serve", "--port", "99999"])
    assert result.exit_code == 2 and "--port" in result.output


def test_background_server_answers_over_http(corpus_db):
    import httpx

    from parley.api.server import BackgroundServer

    server = BackgroundServer(create_app(corpus_db))
    with server as url:
        assert httpx.get(f"{url}/api/meta").json()["events"] == 10
    assert not server.thread.is_alive()


def test_a_number_is_not_a_date(client):
    assert "Send a date as YYYY-MM-DD" in error(client, "/api/events", 422, until="0")
    assert "Send a date as YYYY-MM-DD" in error(client, "/api/events", 422, since=" 2026-03-10")


def test_a_nul_in_the_path_is_a_400_not_a_500(client):
    response = client.get("/api/events/a%00b")
    assert response.status_code == 400 and "NUL" in response.json()["error"]


def test_parley_serve_answers_until_ctrl_c(corpus_db):
    import os
    import signal
    import subprocess
    import sys
    import time

    import httpx

    from parley.api.server import free_port

    port = free_port()
    command = [sys.executable, "-c", "from parley.cli import main; main()", "serve", "--db", corpus_db,
               "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.communicate()[0]
                assert time.monotonic() < deadline, "parley serve did not start within 60 s"
                time.sleep(0.1)
        assert response.json()["events"] == 10
        assert "Parley" in httpx.get(f"http://127.0.0.1:{port}/").text
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, output
    assert f"Parley dashboard on http://localhost:{port}/" in output


def test_vendored_libraries_are_the_versions_web_src_pins():
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    pins = json.loads((root / "web-src" / "package.json").read_text())["dependencies"]
    vendored = json.loads((root / "src" / "parley" / "web" / "static" / "vendor" / "VERSIONS.json").read_text())
    assert vendored == pins


def test_every_asset_the_dashboard_names_is_served(client):
    import re

    page = client.get("/").text
    assets = re.findall(r'(?:src|href)="(/static/[^"?]+)', page)
    assert len(assets) >= 3
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    modules = re.findall(r'from "\./([\w.]+)"', client.get("/static/js/app.js").text)
    for module in modules:
        assert client.get(f"/static/js/{module}").status_code == 200, module
