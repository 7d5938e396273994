"""`parley actors` shows an organisation's sector with the periods in which it governs its country (kb `governs`):
the stored sector is its own, while each report is coded by its article's day."""

from __future__ import annotations

import json

from click.testing import CliRunner

from parley.cli import main
from parley.ingest import ingest


def _store(tmp_path, db_url):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "t", "published": "2025-03-01",
                                "text": "The Taliban rejected talks with Pakistan on Monday."}) + "\n")
    assert ingest([str(path)], db_url).new == 1


def test_actors_table_gives_the_periods_the_taliban_govern_afghanistan(tmp_path, db_url):
    _store(tmp_path, db_url)
    result = CliRunner().invoke(main, ["actors", "--search", "Taliban", "--format", "csv", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].split(",")[:4] == [
        "org:taliban", "Taliban", "AFG", "REB; GOV 1996-09-27 to 2001-11-13; since 2021-08-15"]


def test_actors_json_keeps_the_sector_and_adds_the_periods(tmp_path, db_url):
    _store(tmp_path, db_url)
    result = CliRunner().invoke(main, ["actors", "--search", "Taliban", "--format", "json", "--db", db_url])
    [row] = json.loads(result.stdout)
    assert (row["type"], row["governs"]) == ("REB", [["1996-09-27", "2001-11-13"], ["2021-08-15", None]])


def test_actors_without_periods_are_shown_as_stored(tmp_path, db_url):
    _store(tmp_path, db_url)
    result = CliRunner().invoke(main, ["actors", "--search", "Pakistan", "--format", "json", "--db", db_url])
    [row] = json.loads(result.stdout)
    assert (row["type"], "governs" in row) == ("GOV", False)
