"""`parley events`, `parley actors` and `parley export`: output in each format, and bad options explained."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from conftest_store import HAMAS, ISRAEL, RUSSIA, UKRAINE, Link, document, event, store
from parley.cli import main


@pytest.fixture
def corpus(db_url):
    """Two reports of one strike on Kyiv (alleged, then denied), a Hamas accusation and an earlier aid event."""
    accusation = event("e2", type="ACCUSE", source=[HAMAS], target=[ISRAEL], date="2025-04-10", place=None,
                       span=(40, 48), trigger="accused", links=[Link("alleges", "e1")])
    blockade = event("e1", type="COERCE", source=[ISRAEL], target=[HAMAS], date="2025-04-10", place=None,
                     status="alleged", claimed_by=HAMAS, trigger="blocked")
    store(db_url,
          document("kyiv-1", [event(status="alleged", claimed_by=UKRAINE)], url="https://w.example/kyiv-1"),
          document("kyiv-2", [event(status="denied", claimed_by=RUSSIA)], url="https://w.example/kyiv-2"),
          document("gaza", [blockade, accusation], published="2025-04-10"))
    return db_url


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_events_json_lists_merged_events_with_their_reports(corpus):
    result = invoke("events", "--db", corpus, "--format", "json", "--order", "oldest")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [e["type"] for e in found][2] == "ASSAULT"  # oldest first
    strike = found[2]
    assert [(m["article"]["id"], m["status"], m["claimed_by"]["name"]) for m in strike["mentions"]] == [
        ("kyiv-1", "alleged", "Ukraine"), ("kyiv-2", "denied", "Russia")]
    assert [a["name"] for a in strike["source"]] == ["Russia"]


def test_events_filters_by_type_any_case(corpus):
    found = json.loads(invoke("events", "--db", corpus, "--type", "assault", "--format", "json").stdout)
    assert [e["type"] for e in found] == ["ASSAULT"]


def test_events_filters_by_actor_in_either_role(corpus):
    found = json.loads(invoke("events", "--db", corpus, "--actor", "Hamas", "--format", "json").stdout)
    assert sorted(e["type"] for e in found) == ["ACCUSE", "COERCE"]


def test_events_filters_by_date_range(corpus):
    found = json.loads(invoke("events", "--db", corpus, "--since", "2025-04-15", "--until", "2025-04-30",
                              "--format", "json").stdout)
    assert [e["type"] for e in found] == ["ASSAULT"]


def test_events_filters_by_a_reports_status(corpus):
    found = json.loads(invoke("events", "--db", corpus, "--status", "denied", "--format", "json").stdout)
    assert [e["type"] for e in found] == ["ASSAULT"]


def test_events_table_shows_actors_place_and_reports(corpus):
    result = invoke("events", "--db", corpus, "--type", "ASSAULT")
    assert result.exit_code == 0
    line = [row for row in result.stdout.splitlines() if "ASSAULT" in row][0]
    assert all(word in line for word in ("2025-04-21", "Russia", "Ukraine", "Kyiv", "alleged", "2"))


def test_events_csv_has_a_header_and_one_row_per_event(corpus):
    output = invoke("events", "--db", corpus, "--format", "csv", "--order", "oldest").stdout
    found = list(csv.DictReader(io.StringIO(output)))
    assert sorted(r["type"] for r in found[:2]) == ["ACCUSE", "COERCE"] and found[2]["type"] == "ASSAULT"
    assert (found[2]["source"], found[2]["target"], found[2]["reports"]) == ("Russia", "Ukraine", "2")


BAD_OPTIONS = [
    (("events", "--type", "ATTACK"), "Unknown type 'ATTACK'. Use one of: AGREE, CONSULT,"),
    (("events", "--status", "rumoured"), "Unknown status 'rumoured'. Use one of: asserted, future"),
    (("events", "--since", "2025-13-01"), "Date '2025-13-01' does not parse. Use YYYY-MM-DD"),
    (("events", "--format", "xml"), "Unknown format 'xml'. Use one of: table, json, csv"),
    (("export", "--format", "xlsx"), "Unknown format 'xlsx'. Use one of: plover-json, cameo-tsv, csv, parquet"),
]


@pytest.mark.parametrize("args, message", BAD_OPTIONS, ids=[" ".join(args) for args, _ in BAD_OPTIONS])
def test_a_bad_option_says_what_to_send_instead(corpus, args, message):
    result = invoke(args[0], "--db", corpus, *args[1:])
    assert result.exit_code == 2
    assert message in result.output


def test_events_without_a_corpus_says_to_ingest_first(tmp_path):
    result = invoke("events", "--db", str(tmp_path / "missing.db"))
    assert result.exit_code == 1
    assert "There is no corpus at" in result.output and "parley ingest" in result.output
    assert not (tmp_path / "missing.db").exists()


def test_events_reads_the_database_from_parley_db(corpus, monkeypatch):
    monkeypatch.setenv("PARLEY_DB", corpus)
    found = json.loads(invoke("events", "--format", "json").stdout)
    assert len(found) == 3


def test_actors_lists_event_claim_and_position_counts(corpus):
    found = json.loads(invoke("actors", "--db", corpus, "--format", "json").stdout)
    by_id = {a["id"]: a for a in found}
    assert (by_id["RUS"]["as_source"], by_id["RUS"]["claims"]) == (1, 1)
    assert (by_id["UKR"]["as_target"], by_id["UKR"]["claims"]) == (1, 1)
    assert by_id["PSEHAM"]["as_source"] == 1 and by_id["PSEHAM"]["as_target"] == 1


def test_actors_table_lists_names(corpus):
    result = invoke("actors", "--db", corpus)
    assert result.exit_code == 0
    assert all(name in result.stdout for name in ("Russia", "Ukraine", "Israel", "Hamas"))


def test_export_plover_json_has_plover_fields_and_reports(corpus):
    result = invoke("export", "--db", corpus, "--format", "plover-json")
    assert result.exit_code == 0, result.output
    strike = [r for r in json.loads(result.stdout) if r["event"] == "ASSAULT"][0]
    assert strike["source"][0]["code"] == "RUS" and strike["target"][0]["actorText"] == "Ukraine"
    assert strike["date"] == "2025-04-21"
    assert [r["status"] for r in strike["reports"]] == ["alleged", "denied"]
    assert strike["text"].startswith("Article kyiv-1: Russia struck Kyiv")


def test_export_cameo_tsv_has_one_line_per_event(corpus):
    lines = invoke("export", "--db", corpus, "--format", "cameo-tsv").stdout.splitlines()
    assert lines[0].split("\t")[:4] == ["event_id", "date", "source_code", "source_name"]
    strike = [line.split("\t") for line in lines if "\tASSAULT\t" in line][0]
    assert strike[1:6] == ["20250421", "RUS", "Russia", "UKR", "Ukraine"]
    assert strike[-1] == "https://w.example/kyiv-1; https://w.example/kyiv-2"


def test_export_csv_to_a_file(corpus, tmp_path):
    path = tmp_path / "events.csv"
    result = invoke("export", "--db", corpus, "--format", "csv", "--output", str(path))
    assert result.exit_code == 0
    assert "3 events written" in result.stderr
    found = list(csv.DictReader(path.open()))
    assert sorted(r["type"] for r in found) == ["ACCUSE", "ASSAULT", "COERCE"]
    assert [r["report_statuses"] for r in found if r["type"] == "ASSAULT"] == ["alleged; denied"]


def test_export_parquet_writes_a_table(corpus, tmp_path):
    pyarrow_parquet = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    result = invoke("export", "--db", corpus, "--format", "parquet", "-o", str(path))
    assert result.exit_code == 0, result.output
    table = pyarrow_parquet.read_table(path)
    assert table.num_rows == 3
    assert sorted(table.column("type").to_pylist()) == ["ACCUSE", "ASSAULT", "COERCE"]


def test_export_parquet_to_stdout_asks_for_a_file(corpus):
    result = invoke("export", "--db", corpus, "--format", "parquet")
    assert result.exit_code == 2
    assert result.output == "Error: Invalid value for --output: Parquet is a binary format: give --output FILE.parquet.\n"


@pytest.mark.parametrize("name", ["Moscow", "the Kremlin", "moscow"])
def test_events_take_a_capital_or_seat_of_power_for_its_state(corpus, name):
    found = json.loads(invoke("events", "--db", corpus, "--actor", name, "--format", "json").stdout)
    assert [(e["type"], [a["name"] for a in e["source"]]) for e in found] == [("ASSAULT", ["Russia"])]


def test_the_api_takes_a_capital_for_its_state_as_the_cli_does(corpus):
    from fastapi.testclient import TestClient

    from parley.api import create_app

    body = TestClient(create_app(corpus)).get("/api/events", params={"actor": "Moscow"}).json()
    assert [(e["type"], [a["name"] for a in e["source"]]) for e in body["items"]] == [("ASSAULT", ["Russia"])]


def test_events_list_newest_first_unless_asked_otherwise(corpus):
    newest = [e["date"] for e in json.loads(invoke("events", "--db", corpus, "--format", "json").stdout)]
    oldest = [e["date"] for e in json.loads(invoke("events", "--db", corpus, "--format", "json", "--order", "oldest")
                                            .stdout)]
    assert newest == ["2025-04-21", "2025-04-10", "2025-04-10"]
    assert oldest == ["2025-04-10", "2025-04-10", "2025-04-21"]


def test_events_help_lists_every_type_and_status():
    shown = " ".join(invoke("events", "--help").stdout.split())
    assert "--type [AGREE|CONSULT|SUPPORT|CONCEDE|COOPERATE|AID|RETREAT|REQUEST|ACCUSE|REJECT|THREATEN|PROTEST|" \
           "SANCTION|MOBILIZE|COERCE|ASSAULT]" in shown
    assert "--status [asserted|future|hypothetical|negated|alleged|denied]" in shown


def test_positions_help_lists_every_issue():
    shown = " ".join(invoke("positions", "--help").stdout.split())
    assert "--issue [ceasefire|talks|territory|neutrality|security_guarantees|sanctions_relief|prisoners|" \
           "humanitarian|withdrawal|civilian_protection|governance|accountability]" in shown


def test_events_take_a_type_and_status_in_any_case(corpus):
    found = json.loads(invoke("events", "--db", corpus, "--type", "Assault", "--status", "DENIED", "--format",
                              "json").stdout)
    assert [(e["type"], e["date"]) for e in found] == [("ASSAULT", "2025-04-21")]


def test_events_id_lists_the_events_reports_with_outlets_and_why_they_merged(corpus):
    strike = json.loads(invoke("events", "--db", corpus, "--type", "assault", "--format", "json").stdout)[0]["id"]
    result = invoke("events", "--db", corpus, "--id", strike, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["outlet", "article", "published", "trigger", "status", "date", "score", "why merged"],
        ["Test Wire", "kyiv-1", "2025-04-22", "struck", "alleged", "2025-04-21", "0.925",
         "same type; parties overlap; same day; same place (Kyiv); shares article (matched kyiv-2)"],
        ["Test Wire", "kyiv-2", "2025-04-22", "struck", "denied", "2025-04-21", "", "first report"]]


def test_events_id_of_no_event_says_where_ids_are_listed(corpus):
    result = invoke("events", "--db", corpus, "--id", "nope")
    assert result.exit_code == 2
    assert "No event 'nope'. List events with `parley events` or /api/events (each has its id)." in result.output
