"""An article without a publication date is warned about, once each, with what to do, in extract and ingest; ingest
counts them in its summary line."""

from __future__ import annotations

from click.testing import CliRunner

from conftest_store import rows
from parley.cli import main
from parley.extract import UNDATED
from parley.ingest import ingest

WARNING = ("has no publication date, so relative dates ('on Monday', 'yesterday') stay unresolved and its events are "
           "dated only where the text gives a full date. Pass --published YYYY-MM-DD, or give the article a "
           "\"published\" field.")


def _jsonl(path, *lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_warning_says_what_to_do():
    assert UNDATED == WARNING


def test_extract_warns_about_each_undated_article_and_not_about_a_dated_one(tmp_path):
    path = _jsonl(tmp_path / "in.jsonl", '{"id": "a", "text": "Qatar hosted talks in Doha."}',
                  '{"id": "b", "published": "2025-04-22", "text": "Egypt hosted talks in Cairo."}',
                  '{"id": "c", "text": "Kenya hosted talks in Nairobi on Monday."}')
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    # named by file and line, as ingest names them (the id was all extract gave: a hash when the line has none)
    assert result.stderr.splitlines() == [f"parley: {path}:1: {WARNING}", f"parley: {path}:3: {WARNING}"]


def test_extract_with_published_gives_no_warning(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Qatar hosted talks in Doha on Monday.")
    result = CliRunner().invoke(main, ["extract", str(path), "--published", "2025-04-22"])
    assert (result.exit_code, result.stderr) == (0, "")


def test_ingest_warns_about_each_undated_article_stores_the_warning_and_counts_them(db_url, tmp_path):
    path = _jsonl(tmp_path / "in.jsonl", '{"id": "a", "text": "Qatar hosted talks in Doha."}',
                  '{"id": "b", "published": "2025-04-22", "text": "Egypt hosted talks in Cairo."}',
                  '{"id": "c", "text": "Kenya hosted talks in Nairobi."}')
    shown = []
    report = ingest([str(path)], db_url, on_warning=shown.append)
    assert shown == [f"{path}:1: {WARNING}", f"{path}:3: {WARNING}"]
    assert (report.undated, report.warnings) == (2, 2)
    assert report.summary() == "3 new, 0 already stored, 0 failed, 2 undated"
    assert rows(db_url, "SELECT id, warnings FROM articles ORDER BY id") == [("a", WARNING), ("b", None), ("c", WARNING)]


def test_the_ingest_command_prints_the_undated_count_and_a_warning_per_article(db_url, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "doha.txt").write_text("Qatar hosted talks in Doha.")
    (folder / "cairo.html").write_text("<html><head><title>Egypt hosts talks</title>"
                                       "<meta name='date' content='2025-04-20'></head><body><article>"
                                       "<p>Egypt hosted talks in Cairo on Sunday, officials said.</p></article></body></html>")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db_url, "-q"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"parley: {folder / 'doha.txt'}: {WARNING}"]
    assert result.stdout.splitlines() == ["2 new, 0 already stored, 0 failed, 1 undated"]
    assert rows(db_url, "SELECT id, title, published FROM articles ORDER BY id") == [
        ("cairo", "Egypt hosts talks", "2025-04-20"), ("doha", "doha", None)]
