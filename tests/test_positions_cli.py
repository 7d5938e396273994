"""`parley positions`: each actor's stance per issue over time, with every shift."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from conftest_store import ARMENIA, AZERBAIJAN, document, position, store
from parley.cli import main


@pytest.fixture
def talks(db_url):
    """Armenia moves from rejecting to accepting a territory deal; Azerbaijan keeps its demand."""
    store(db_url,
          document("march-1", published="2025-03-01", positions=[
              position(ARMENIA, "territory", "reject", "Armenia rejected any handover of villages."),
              position(AZERBAIJAN, "governance", "demand", "Baku demanded a new Armenian constitution.")]),
          document("march-10", published="2025-03-10", positions=[
              position(ARMENIA, "territory", "conditional", "Yerevan would return villages if borders are fixed.")]),
          document("march-20", published="2025-03-20", positions=[
              position(ARMENIA, "territory", "accept", "Armenia agreed to return four villages."),
              position(AZERBAIJAN, "governance", "demand", "Baku repeated its demand.")]))
    return db_url


def _json(url, *args):
    result = CliRunner().invoke(main, ["positions", "--db", url, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_positions_reports_every_shift_in_date_order(talks):
    armenia = [t for t in _json(talks) if t["actor_id"] == "ARM"][0]
    assert [(s["date"], s["from"], s["to"]) for s in armenia["shifts"]] == [
        ("2025-03-10", "reject", "conditional"), ("2025-03-20", "conditional", "accept")]


def test_positions_gives_first_and_last_seen_and_latest_stance(talks):
    armenia = [t for t in _json(talks) if t["actor_id"] == "ARM"][0]
    assert (armenia["first_seen"], armenia["last_seen"], armenia["latest_stance"], armenia["reports"]) == (
        "2025-03-01", "2025-03-20", "accept", 3)
    assert armenia["evidence"] == "Armenia agreed to return four villages."


def test_positions_steady_stance_has_no_shift(talks):
    azerbaijan = [t for t in _json(talks) if t["actor_id"] == "AZE"][0]
    assert (azerbaijan["latest_stance"], azerbaijan["shifts"]) == ("demand", [])


def test_positions_filters_by_actor_name(talks):
    assert [t["actor"] for t in _json(talks, "--actor", "armenia")] == ["Armenia"]


def test_positions_filters_by_issue(talks):
    assert [t["issue"] for t in _json(talks, "--issue", "governance")] == ["governance"]


def test_positions_since_keeps_only_later_shifts(talks):
    armenia = [t for t in _json(talks, "--since", "2025-03-15") if t["actor_id"] == "ARM"][0]
    assert [(s["from"], s["to"]) for s in armenia["shifts"]] == [("conditional", "accept")]


def test_positions_since_drops_actor_issues_not_seen_since(talks):
    store(talks, document("feb", published="2025-02-01",
                          positions=[position(ARMENIA, "prisoners", "propose", "Armenia proposed a swap.")]))
    assert all(t["issue"] != "prisoners" for t in _json(talks, "--since", "2025-03-01"))


def test_positions_table_shows_the_shift(talks):
    result = CliRunner().invoke(main, ["positions", "--db", talks, "--actor", "ARM"])
    assert result.exit_code == 0
    assert "reject -> conditional" in result.stdout
    assert "Armenia" in result.stdout


def test_positions_csv_has_one_row_per_actor_and_issue(talks):
    result = CliRunner().invoke(main, ["positions", "--db", talks, "--format", "csv"])
    found = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["actor"], r["issue"], r["latest stance"]) for r in found] == [
        ("Armenia", "territory", "accept"), ("Azerbaijan", "governance", "demand")]
    assert found[0]["shifts"] == "2025-03-10 reject -> conditional; 2025-03-20 conditional -> accept"


def test_positions_unknown_issue_names_the_choices(talks):
    result = CliRunner().invoke(main, ["positions", "--db", talks, "--issue", "borders"])
    assert result.exit_code == 2
    assert "Unknown issue 'borders'. Use one of: ceasefire, talks, territory" in result.output


def test_positions_bad_date_says_how_to_write_it(talks):
    result = CliRunner().invoke(main, ["positions", "--db", talks, "--since", "2025-13-01"])
    assert result.exit_code == 2
    assert "Date '2025-13-01' does not parse. Use YYYY-MM-DD" in result.output


def test_positions_unknown_actor_points_to_the_actor_list(talks):
    result = CliRunner().invoke(main, ["positions", "--db", talks, "--actor", "Narnia"])
    assert result.exit_code == 2
    assert "No stored actor matches 'Narnia'" in result.output


def test_positions_two_stances_in_one_article_count_the_last(db_url):
    store(db_url,
          document("a", published="2025-03-01", positions=[
              position(ARMENIA, "talks", "reject", "At first Armenia refused.", span=(0, 10)),
              position(ARMENIA, "talks", "accept", "Later it agreed.", span=(20, 30))]),
          document("b", published="2025-03-05", positions=[position(ARMENIA, "talks", "accept", "Still agrees.")]))
    armenia = _json(db_url)[0]
    assert (armenia["latest_stance"], armenia["shifts"]) == ("accept", [])
