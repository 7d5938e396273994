"""CAMEO TSV and PLOVER JSON actor codes come from the actor's country and PLOVER sector, never Parley's ids."""

import csv
import io
import json

from click.testing import CliRunner

from conftest_store import document, event, store
from parley.cli import main
from parley.records import Actor


def _actor(name: str, id: str, country: str | None, sector: str | None) -> Actor:
    return Actor(text=name, start=0, end=len(name), name=name, id=id, country=country, type=sector)


CONGO = _actor("Democratic Republic of Congo", "country:COD", "COD", "GOV")
M23 = _actor("M23", "org:m23", "COD", "REB")
REBELS = _actor("rebels", "group:rebels", None, "REB")
TSHISEKEDI = _actor("Felix Tshisekedi", "person:felix-tshisekedi", "COD", "GOV")
UN = _actor("United Nations", "org:un", None, "IGO")


def test_cameo_tsv_codes_a_state_its_groups_and_people_from_country_and_sector(db_url):
    store(db_url, document("goma", [
        event("e1", type="ASSAULT", source=[M23], target=[CONGO], date="2025-01-27", place=None),
        event("e2", type="ACCUSE", source=[TSHISEKEDI], target=[REBELS], date="2025-01-28", place=None,
              span=(20, 28), trigger="accused"),
        event("e3", type="REQUEST", source=[UN], target=[M23, REBELS], date="2025-01-29", place=None,
              span=(30, 36), trigger="called"),
    ]))
    result = CliRunner().invoke(main, ["export", "--format", "cameo-tsv", "--db", db_url])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t"))
    assert [(r["source_code"], r["target_code"]) for r in rows] == [
        ("CODREB", "COD"), ("CODGOV", "REB"), ("IGO", "CODREB + REB")]
    assert not any("group:" in r["source_code"] + r["target_code"] for r in rows)


def test_plover_json_codes_match_and_keep_the_id_apart(db_url):
    store(db_url, document("goma", [event("e1", type="ASSAULT", source=[M23], target=[REBELS], place=None)]))
    result = CliRunner().invoke(main, ["export", "--format", "plover-json", "--db", db_url])
    (record,) = json.loads(result.stdout)
    assert [(a["code"], a["actorId"]) for a in record["source"] + record["target"]] == [
        ("CODREB", "org:m23"), ("REB", "group:rebels")]


def _positions_store(db_url):
    from conftest_store import position

    store(db_url,
          document("a1", positions=[position(M23, "talks", "reject", "M23 rejected the talks.", "2025-02-01")],
                   published="2025-02-01"),
          document("a2", positions=[position(M23, "talks", "accept", "M23 agreed to join the talks.", "2025-03-01")],
                   published="2025-03-01", url="https://w.example/a2"))


def test_export_what_positions_writes_every_position_with_its_shift_as_csv(db_url):
    _positions_store(db_url)
    result = CliRunner().invoke(main, ["export", "--what", "positions", "--format", "csv", "--db", db_url])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["date"], r["actor_id"], r["actor"], r["actor_code"], r["issue"], r["stance"], r["previous_stance"],
             r["shift"], r["evidence"], r["article_id"], r["url"]) for r in rows] == [
        ("2025-02-01", "org:m23", "M23", "CODREB", "talks", "reject", "", "0", "M23 rejected the talks.", "a1", ""),
        ("2025-03-01", "org:m23", "M23", "CODREB", "talks", "accept", "reject", "1", "M23 agreed to join the talks.",
         "a2", "https://w.example/a2")]


def test_export_what_positions_to_parquet(db_url, tmp_path):
    import pyarrow.parquet as pq

    _positions_store(db_url)
    out = tmp_path / "positions.parquet"
    result = CliRunner().invoke(main, ["export", "--what", "positions", "--format", "parquet", "--output", str(out),
                                       "--db", db_url])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"2 positions written to {out}\n"
    assert pq.read_table(out).column("stance").to_pylist() == ["reject", "accept"]


def test_export_what_positions_refuses_an_event_format_and_says_which_to_use(db_url):
    _positions_store(db_url)
    result = CliRunner().invoke(main, ["export", "--what", "positions", "--format", "cameo-tsv", "--db", db_url])
    assert result.exit_code == 2
    assert ("Positions export as csv or parquet, not 'cameo-tsv': use --format csv or --format parquet --output "
            "FILE.parquet.") in result.stderr
