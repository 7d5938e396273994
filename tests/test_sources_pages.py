"""HTML pages, saved or fetched: the headline is the title, not the text's first line, and the page's own date and
site name are kept (sources/html.py read_page), so a page's lead event is read once."""

from __future__ import annotations

from datetime import date

import pytest

from local_site import Site, page
from parley.extract import extract_many
from parley.records import Article, stable_id
from parley.sources import iter_articles

HEADLINE = "Qatar hosts talks between Congo and Rwanda"
LEAD = "Qatar hosted talks between Congo and Rwanda in Doha on Saturday, officials said."
SECOND = "The talks lasted three hours."


def _events(document):
    return [(e.type, [a.name for a in e.source], [a.name for a in e.target], e.date, e.trigger)
            for e in document.events + document.title_events]


@pytest.fixture
def site():
    with Site() as site:
        yield site


def test_a_saved_page_keeps_its_headline_date_and_site_and_its_text_starts_after_the_headline(tmp_path):
    path = tmp_path / "doha.html"
    path.write_text(page(HEADLINE, LEAD, SECOND, published="2025-04-19T09:00:00Z", site="Gulf Daily"))
    assert list(iter_articles([str(path)], date(2025, 1, 1))) == [
        Article(text=f"{LEAD}\n{SECOND}", id="doha", title=HEADLINE, published=date(2025, 4, 19), source="Gulf Daily",
                origin=str(path), headline=True)]


def test_a_saved_page_without_a_headline_or_date_is_named_after_its_file_and_dated_by_published(tmp_path):
    path = tmp_path / "doha-talks.html"
    path.write_text(f"<html><body><article><p>{LEAD}</p><p>{SECOND}</p></article></body></html>")
    assert list(iter_articles([str(path)], date(2025, 4, 22))) == [
        Article(text=f"{LEAD}\n{SECOND}", id="doha-talks", title="doha talks", published=date(2025, 4, 22),
                origin=str(path), headline=False)]


def test_a_date_in_the_text_is_not_taken_for_the_pages_publication_date(tmp_path):
    path = tmp_path / "old.html"
    path.write_text(page(HEADLINE, "Qatar hosted talks between Congo and Rwanda in Doha on 3 March 2019.", SECOND))
    [article] = iter_articles([str(path)])
    assert article.published is None


def test_the_lead_event_of_a_saved_page_is_read_once(tmp_path):
    path = tmp_path / "doha.html"
    path.write_text(page(HEADLINE, LEAD, SECOND, published="2025-04-19"))
    [document] = extract_many(iter_articles([str(path)]))
    assert _events(document) == [
        ("CONSULT", ["Qatar"], ["Democratic Republic of Congo", "Rwanda"], "2025-04-19", "hosted"),
        ("CONSULT", ["Democratic Republic of Congo", "Rwanda"], ["Democratic Republic of Congo", "Rwanda"],
         "2025-04-19", "talks")]


def test_a_fetched_page_keeps_headline_and_text_apart(site):
    site.pages["/news/doha"] = ("text/html", page(HEADLINE, LEAD, SECOND, published="2025-04-19", site="Gulf Daily"))
    url = site.url("/news/doha")
    assert list(iter_articles([url])) == [
        Article(text=f"{LEAD}\n{SECOND}", id=stable_id(url), title=HEADLINE, published=date(2025, 4, 19), url=url,
                source="Gulf Daily", origin=url)]


def test_a_feed_entrys_page_is_read_without_its_headline_and_dated_by_the_page_when_the_entry_is_not(site):
    site.pages["/news/doha"] = ("text/html", page(HEADLINE, LEAD, SECOND, published="2025-04-19"))
    link = site.url("/news/doha")
    site.pages["/feed.xml"] = ("application/rss+xml", (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Gulf Daily</title>"
        f"<item><title>{HEADLINE}</title><link>{link}</link><description>Talks in Doha.</description></item>"
        "</channel></rss>"))
    [article] = iter_articles([site.url("/feed.xml")])
    assert (article.text, article.title, article.published, article.source) == (
        f"{LEAD}\n{SECOND}", HEADLINE, date(2025, 4, 19), "Gulf Daily")


def test_a_page_that_is_only_its_headline_keeps_it_as_text(tmp_path):
    path = tmp_path / "brief.html"
    path.write_text(f"<html><head><title>{LEAD}</title></head><body><article><h1>{LEAD}</h1></article></body></html>")
    [article] = iter_articles([str(path)])
    assert (article.text, article.title) == (LEAD, LEAD)


def test_an_ingested_page_stores_each_report_of_its_lead_once_and_its_evidence_starts_at_the_lead(site, db_url):
    from conftest_store import rows
    from parley.ingest import ingest

    site.pages["/news/doha"] = ("text/html", page(HEADLINE, LEAD, SECOND, published="2025-04-19"))
    ingest([site.url("/news/doha")], db_url)
    assert rows(db_url, "SELECT trigger, in_title, span_start, sentence_start, sentence_end FROM event_mentions "
                        "ORDER BY span_start") == [("hosted", 0, 6, 0, len(LEAD) + 1), ("talks", 0, 13, 0, len(LEAD) + 1)]
    assert rows(db_url, "SELECT title, text FROM articles") == [(HEADLINE, f"{LEAD}\n{SECOND}")]
