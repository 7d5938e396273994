"""A feed entry whose page cannot be fetched is stored from its summary, marked as one (`summary_only`, in the API
and `parley articles`), and its page is fetched again on later ingests of the feed: once the page answers, it takes
the summary's place (its reports, positions and derived rows) and the store is the one a first ingest with the page
up makes; while it still fails, nothing is lost. Against a real local HTTP server that fails, then answers."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from conftest_store import empty_database, rows
from local_site import Site, page
from parley.cli import main
from parley.extract import SUMMARY
from parley.ingest import ingest
from parley.store.connect import make_engine
from parley.store.schema import metadata

HEADLINE = "Qatar hosts talks between Congo and Rwanda"
SUMMARY_TEXT = "Qatar hosted talks between Congo and Rwanda."
LEAD = "Qatar hosted talks between Congo and Rwanda in Doha on Saturday, officials said."
SECOND = "Rwanda demanded a ceasefire in eastern Congo."
CAIRO = "Egypt hosted talks between Sudan and Ethiopia in Cairo on Saturday."
#: Tables an ingest run stamps with its own time and id; what is read from the articles is the rest.
RUN_TABLES = {"runs", "failures", "schema_version", "alerts", "alert_deliveries", "alert_runs"}
RUN_COLUMNS = {"ingested_at", "run_id"}


def _feed(site: Site) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>{site.url(path)}</link><description>{summary}</description>"
        "<pubDate>Sat, 19 Apr 2025 09:00:00 GMT</pubDate></item>"
        for title, path, summary in ((HEADLINE, "/news/doha", SUMMARY_TEXT),
                                     ("Egypt hosts talks", "/news/cairo", "Talks in Cairo.")))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Gulf Daily</title>{items}</channel></rss>")


@pytest.fixture
def site():
    with Site() as site:
        site.pages["/news/doha"] = ("text/html", page(HEADLINE, LEAD, SECOND, published="2025-04-19"))
        site.pages["/news/cairo"] = ("text/html", page("Egypt hosts talks", CAIRO, published="2025-04-19"))
        site.pages["/feed.xml"] = ("application/rss+xml", _feed(site))
        yield site


def _contents(url: str) -> dict[str, list]:
    """Every row of every table that holds what was read (not the runs' own stamps), sorted."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            found = {}
            for table in metadata.sorted_tables:
                if table.name in RUN_TABLES:
                    continue
                columns = [c for c in table.c if c.name not in RUN_COLUMNS]
                found[table.name] = sorted((tuple(row) for row in conn.execute(select(*columns))), key=repr)
            return found
    finally:
        engine.dispose()


def _articles(url: str) -> list[tuple]:
    return rows(url, "SELECT id, summary_only, text FROM articles ORDER BY text")


def _reports(url: str) -> list[tuple]:
    return rows(url, "SELECT a.summary_only, e.type, m.trigger, e.mention_count FROM event_mentions m "
                     "JOIN articles a ON a.id = m.article_id JOIN events e ON e.id = m.event_id "
                     "ORDER BY a.summary_only, e.type, m.trigger")


def test_an_entry_whose_page_fails_is_stored_from_its_summary_marked_and_warned_about(db_url, site):
    site.down.add("/news/doha")
    shown = []
    report = ingest([site.url("/feed.xml")], db_url, on_warning=shown.append)
    assert report.summary() == "2 new, 0 already stored, 0 failed"
    assert shown == [f"{site.url('/feed.xml')} entry 1 ({site.url('/news/doha')}): {SUMMARY}"]
    assert [(summary_only, text) for _, summary_only, text in _articles(db_url)] == [
        (0, CAIRO), (1, SUMMARY_TEXT)]


def test_the_page_takes_the_summarys_place_once_it_answers_and_the_store_is_a_fresh_ingests(db_url, site, tmp_path):
    feed = site.url("/feed.xml")
    site.down.add("/news/doha")
    ingest([feed], db_url)
    summary_reports = _reports(db_url)
    # (one article's "hosted" and "talks" are one event of two reports)
    assert summary_reports == [(0, "CONSULT", "hosted", 2), (0, "CONSULT", "talks", 2),
                               (1, "CONSULT", "hosted", 2), (1, "CONSULT", "talks", 2)]

    again = ingest([feed], db_url)  # the page still fails: asked again, and nothing is lost
    assert (again.summary(), site.hits["/news/doha"]) == ("0 new, 2 already stored, 0 failed", 2)
    assert _reports(db_url) == summary_reports

    site.down.clear()
    back = ingest([feed], db_url)
    assert back.summary() == "1 new, 1 already stored, 0 failed (1 of the new read from the page of a stored summary)"
    assert [(summary_only, text) for _, summary_only, text in _articles(db_url)] == [
        (0, CAIRO), (0, f"{LEAD}\n{SECOND}")]
    (tmp_path / "fresh").mkdir()
    with empty_database(tmp_path / "fresh") as fresh:
        ingest([feed], fresh)
        assert _contents(db_url) == _contents(fresh)

    hits = site.hits["/news/doha"]
    last = ingest([feed], db_url)  # the page is stored now: not fetched again
    assert (last.summary(), site.hits["/news/doha"]) == ("0 new, 2 already stored, 0 failed", hits)


def test_a_page_replaces_its_summary_in_an_event_another_outlet_reports_too(db_url, site, tmp_path):
    wire = tmp_path / "wire.jsonl"
    wire.write_text(json.dumps({"id": "wire", "source": "Wire", "published": "2025-04-19",
                                "text": "Qatar hosted talks between Congo and Rwanda in Doha on Saturday."}) + "\n")
    feed = site.url("/feed.xml")
    site.down.add("/news/doha")
    ingest([str(wire), feed], db_url)
    events = "SELECT type, mention_count FROM events ORDER BY type, mention_count"
    assert rows(db_url, events) == [("CONSULT", 2), ("CONSULT", 4)]  # Cairo's; Doha's from the wire and the summary
    site.down.clear()
    ingest([feed], db_url)
    (tmp_path / "fresh").mkdir()
    with empty_database(tmp_path / "fresh") as fresh:
        ingest([str(wire), feed], fresh)
        assert _contents(db_url) == _contents(fresh)
    # Doha's from the wire and the page (the summary's reports gone), and the page's demand
    assert rows(db_url, events) == [("CONSULT", 2), ("CONSULT", 4), ("REQUEST", 1)]
    assert rows(db_url, "SELECT count(*) FROM event_mentions m JOIN articles a ON a.id = m.article_id "
                        "WHERE a.summary_only = 1") == [(0,)]


def test_the_api_and_parley_articles_say_which_articles_are_summaries(db_url, site):
    from fastapi.testclient import TestClient

    from parley.api.app import create_app

    site.down.add("/news/doha")
    ingest([site.url("/feed.xml")], db_url)
    [(summary_id, _, _)] = [row for row in _articles(db_url) if row[1]]
    client = TestClient(create_app(db_url))
    assert sorted((a["title"], a["summary_only"]) for a in client.get("/api/articles").json()["items"]) == [
        ("Egypt hosts talks", False), (HEADLINE, True)]
    assert client.get(f"/api/articles/{summary_id}").json()["summary_only"] is True
    listed = CliRunner().invoke(main, ["articles", "--db", db_url, "--format", "csv"])
    assert listed.exit_code == 0, listed.output
    assert sorted(line.rsplit(",", 1)[1] for line in listed.stdout.splitlines()[1:]) == ["", "yes"]
    assert listed.stdout.splitlines()[0].endswith(",summary only")


def test_a_saved_feed_files_pages_are_fetched_and_a_summary_is_replaced_on_the_next_ingest(db_url, site, tmp_path):
    saved = tmp_path / "feed.xml"
    saved.write_text(_feed(site))
    site.down.add("/news/doha")
    first = CliRunner().invoke(main, ["ingest", str(saved), "--db", db_url, "-q"])
    assert (first.exit_code, first.stdout) == (0, "2 new, 0 already stored, 0 failed\n")
    assert first.stderr == f"parley: {saved} entry 1 ({site.url('/news/doha')}): {SUMMARY}\n"
    site.down.clear()
    second = CliRunner().invoke(main, ["ingest", str(saved), "--db", db_url, "-q"])
    assert (second.exit_code, second.stdout, second.stderr) == (
        0, "1 new, 1 already stored, 0 failed (1 of the new read from the page of a stored summary)\n", "")


def test_an_entry_linking_to_a_file_that_is_no_page_is_its_own_text_not_a_summary(db_url, site):
    site.pages["/news/doha"] = ("application/pdf", "%PDF-1.7")
    ingest([site.url("/feed.xml")], db_url)
    assert [(summary_only, text) for _, summary_only, text in _articles(db_url)] == [(0, CAIRO), (0, SUMMARY_TEXT)]


def test_a_watch_cycle_reads_the_page_of_a_summary_stored_by_an_earlier_cycle(db_url, site):
    from parley.watch.cycle import run_cycle

    site.down.add("/news/doha")
    assert run_cycle([site.url("/feed.xml")], db_url, None).articles == 2
    site.down.clear()
    assert run_cycle([site.url("/feed.xml")], db_url, None).articles == 1
    assert [(summary_only, text) for _, summary_only, text in _articles(db_url)] == [
        (0, CAIRO), (0, f"{LEAD}\n{SECOND}")]


def test_the_ray_engine_replaces_a_summary_by_its_page_and_skips_the_stored_ones(db_url, site, tmp_path):
    feed = site.url("/feed.xml")
    site.down.add("/news/doha")
    assert ingest([feed], db_url, engine="ray", workers=1).summary() == "2 new, 0 already stored, 0 failed"
    site.down.clear()
    back = ingest([feed], db_url, engine="ray", workers=1)
    assert (back.summary(), back.errors) == (
        "1 new, 1 already stored, 0 failed (1 of the new read from the page of a stored summary)", [])
    (tmp_path / "fresh").mkdir()
    with empty_database(tmp_path / "fresh") as fresh:
        ingest([feed], fresh)
        assert _contents(db_url) == _contents(fresh)
