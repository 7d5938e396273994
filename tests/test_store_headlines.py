"""Events read from an article's title (Document.title_events) are stored, merged and read like the text's,
their spans marked as spans into the title."""

from __future__ import annotations

import parley
from conftest_store import store
from parley.store import read
from parley.store.connect import open_engine

HEADLINE = "RUSSIA ACCUSES UKRAINE OF DRONE STRIKE"


def _read(url, fn, *args):
    engine = open_engine(url)
    try:
        with engine.connect() as conn:
            return fn(conn, *args)
    finally:
        engine.dispose()


def _events(url):
    _, found = _read(url, read.list_events, read.EventFilter())
    return [(e["type"], e["status"], [a["id"] for a in e["source"]], [a["id"] for a in e["target"]],
             e["sentence"], e["mention_count"]) for e in found]


def _reports(url, event_id):
    return [(m["article"]["id"], m["span"], m["in_title"]) for m in _read(url, read.get_event, event_id)["mentions"]]


def test_headline_only_event_is_stored_with_the_title_as_its_evidence(db_url):
    store(db_url, parley.extract("The war went on.", "2025-04-22", title=HEADLINE, id="h1"))
    assert _events(db_url) == [
        ("ACCUSE", "asserted", ["country:RUS"], ["country:UKR"], HEADLINE, 1),
        ("ASSAULT", "alleged", ["country:UKR"], ["country:RUS"], HEADLINE, 1)]
    _, (accuse, _) = _read(db_url, read.list_events, read.EventFilter())
    found = _read(db_url, read.get_event, accuse["id"])
    assert found["evidence"] == [{"article_id": "h1", "start": 0, "end": 38, "text": HEADLINE, "in_title": True}]
    assert [(m["span"], m["in_title"]) for m in found["mentions"]] == [([7, 14], True)]
    assert [(link["rel"], link["event"]["type"]) for link in found["links"]] == [("alleges", "ASSAULT")]


def test_headline_event_the_text_reports_is_stored_once(db_url):
    text = "Russia accused Ukraine on Monday of a drone strike on a refinery."
    store(db_url, parley.extract(text, "2025-04-22", title=HEADLINE, id="h1"))
    events = _events(db_url)
    assert sorted((kind, count) for kind, _, _, _, _, count in events) == [("ACCUSE", 1), ("ASSAULT", 1)]
    assert {sentence for *_, sentence, _ in events} == {text}


def test_headline_event_merges_with_the_same_event_in_another_articles_text(db_url):
    store(db_url, parley.extract("The war went on.", "2025-04-22", title=HEADLINE, id="h1"),
          parley.extract("Russia accused Ukraine of a drone strike.", "2025-04-22", id="h2"))
    _, found = _read(db_url, read.list_events, read.EventFilter(types=["ACCUSE"]))
    assert [e["mention_count"] for e in found] == [2]
    assert _reports(db_url, found[0]["id"]) == [("h1", [7, 14], True), ("h2", [7, 14], False)]


def test_article_view_lists_a_headline_event_but_highlights_only_the_text(db_url):
    store(db_url, parley.extract("The war went on.", "2025-04-22", title=HEADLINE, id="h1"))
    article = _read(db_url, read.get_article, "h1")
    assert [(e["type"], e["span"], e["in_title"]) for e in article["event_list"]] == [
        ("ACCUSE", [7, 14], True), ("ASSAULT", [32, 38], True)]
    assert [s for s in article["spans"] if s["kind"] == "trigger"] == []
