"""parley.ingest.ingest: each article stored once, bad inputs skipped with their location, batches committed."""

import json
from pathlib import Path

import httpx
import pytest
from sqlalchemy.exc import OperationalError

import parley.store.batch
import parley.store.write
from conftest_store import rows
from parley.ingest import ingest
from parley.records import Actor, Document, Event

PAGE = """<html><head><title>Drone strikes on Kyiv</title><meta property="og:site_name" content="Example News">
<meta name="date" content="2026-03-15"></head><body><article><h1>Drone strikes on Kyiv</h1>
<p>Russia launched dozens of drones at Kyiv overnight, Ukrainian officials said on Sunday.</p>
<p>The air force said most of them were shot down over the capital and the surrounding region.</p>
</article></body></html>"""

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
<item><title>Talks in Geneva</title><link>https://news.example/geneva</link>
<pubDate>Tue, 10 Mar 2026 08:00:00 GMT</pubDate><description>Envoys will meet in Geneva.</description></item>
<item><title>Aid to Gaza</title><link>https://news.example/gaza</link>
<pubDate>Sat, 14 Mar 2026 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Egypt sent 40 trucks of food to Gaza.&lt;/p&gt;</description></item>
</channel></rss>"""


def fake_extract_many(articles, model=None, **_):
    """The extractor's contract without the NLP: one Document per Article, in order."""
    for article in articles:
        yield Document(id=article.id, text=article.text, title=article.title, published=article.published,
                       url=article.url, source=article.source)


class Recorder(list):
    """An extractor without the NLP (fake_extract_many) that records which articles reached it."""

    def extract(self, articles):
        for article in articles:
            self.append(article.id)
            yield from fake_extract_many([article])

    def ingest(self, *args, **kwargs):
        return ingest(*args, extractor=self.extract, **kwargs)


@pytest.fixture
def no_nlp():
    """A Recorder: `no_nlp.ingest(...)` ingests with the fake extractor; the list holds the ids it saw."""
    return Recorder()


def _folder(tmp_path: Path, count: int = 3) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number in range(count):
        (folder / f"a{number}.txt").write_text(f"Report {number}: Russia attacked Ukraine near Kharkiv.")
    return folder


def _client(pages: dict[str, tuple[int, str, str]], calls: list | None = None) -> httpx.Client:
    """An httpx client answering from `pages` (url -> status, content type, body); others fail to connect."""
    def handler(request: httpx.Request) -> httpx.Response:
        if calls is not None:
            calls.append(str(request.url))
        if str(request.url) not in pages:
            raise httpx.ConnectError("connection refused", request=request)
        status, kind, body = pages[str(request.url)]
        return httpx.Response(status, headers={"content-type": kind}, content=body.encode())
    return httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)


def test_ingest_same_folder_twice_stores_every_article_once(db_url, tmp_path):
    folder = _folder(tmp_path)
    first = ingest([str(folder)], db_url)
    second = ingest([str(folder)], db_url)
    assert (first.new, first.skipped) == (3, 0)
    assert (second.new, second.skipped) == (0, 3)
    assert rows(db_url, "SELECT id FROM articles ORDER BY id") == [("a0",), ("a1",), ("a2",)]


def test_ingest_checks_stored_hashes_before_running_nlp(db_url, tmp_path, no_nlp):
    folder = _folder(tmp_path)
    no_nlp.ingest([str(folder)], db_url)
    no_nlp.clear()
    (folder / "new.txt").write_text("Egypt hosted talks between Israel and Hamas in Cairo.")
    report = no_nlp.ingest([str(folder)], db_url)
    assert no_nlp == ["new"]
    assert (report.new, report.skipped) == (1, 3)


def test_ingest_same_text_in_two_files_is_stored_once(db_url, tmp_path, no_nlp):
    (tmp_path / "one.txt").write_text("Egypt hosted talks.\n")
    (tmp_path / "two.txt").write_text("Egypt   hosted\ttalks.")
    report = no_nlp.ingest([str(tmp_path / "one.txt"), str(tmp_path / "two.txt")], db_url)
    assert (report.new, report.skipped) == (1, 1)
    assert rows(db_url, "SELECT count(*) FROM articles") == [(1,)]


def test_ingest_same_id_in_two_folders_keeps_both_articles(db_url, tmp_path, no_nlp):
    for name in ("x", "y"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "report.txt").write_text(f"Report from {name}: talks resumed.")
    no_nlp.ingest([str(tmp_path / "x"), str(tmp_path / "y")], db_url)
    assert len(rows(db_url, "SELECT id FROM articles WHERE id LIKE 'report%'")) == 2


def test_ingest_records_the_run(db_url, tmp_path, no_nlp):
    report = no_nlp.ingest([str(_folder(tmp_path))], db_url)
    found = rows(db_url, "SELECT id, articles_seen, articles_new, articles_skipped, articles_failed, "
                         "finished_at IS NOT NULL FROM runs")
    assert found == [(report.run_id, 3, 3, 0, 0, True)]
    assert rows(db_url, "SELECT DISTINCT run_id FROM articles") == [(report.run_id,)]


def test_ingest_skips_an_invalid_json_line_and_stores_the_rest(db_url, tmp_path, no_nlp):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "Russia attacked Ukraine."}\n{not json\n{"id": "c", "text": "Talks."}\n')
    report = no_nlp.ingest([str(path)], db_url)
    assert report.failed == 1
    assert report.errors[0].startswith(f"{path}:2: is not valid JSON")
    assert rows(db_url, "SELECT id FROM articles ORDER BY id") == [("a",), ("c",)]


def test_ingest_skips_an_empty_file(db_url, tmp_path, no_nlp):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "good.txt").write_text("Qatar hosted talks.")
    report = no_nlp.ingest([str(tmp_path)], db_url)
    assert any("empty.txt: has no text: it is empty" in e for e in report.errors)
    assert rows(db_url, "SELECT id FROM articles") == [("good",)]


def test_ingest_skips_a_binary_file(db_url, tmp_path, no_nlp):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\x00\x00\x00\x0dIHDR")
    (tmp_path / "good.txt").write_text("Qatar hosted talks.")
    report = no_nlp.ingest([str(tmp_path)], db_url)
    assert any("image.txt: looks like a binary file" in e for e in report.errors)
    assert rows(db_url, "SELECT id FROM articles") == [("good",)]


def test_ingest_skips_an_unreadable_file(db_url, tmp_path, no_nlp, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text("Secret talks.")
    (tmp_path / "good.txt").write_text("Qatar hosted talks.")
    real_read = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    report = no_nlp.ingest([str(locked), str(tmp_path / "good.txt")], db_url)
    assert report.errors == [f"{locked}: cannot be read (Permission denied). Check the path and its permissions."]
    assert rows(db_url, "SELECT id FROM articles") == [("good",)]


def test_ingest_skips_a_missing_path(db_url, tmp_path, no_nlp):
    (tmp_path / "good.txt").write_text("Qatar hosted talks.")
    report = no_nlp.ingest([str(tmp_path / "nope.txt"), str(tmp_path / "good.txt")], db_url)
    assert report.errors == [f"{tmp_path / 'nope.txt'}: does not exist. Check the path."]
    assert report.new == 1


def test_ingest_skips_a_feed_file_that_does_not_parse(db_url, tmp_path, no_nlp):
    bad = tmp_path / "broken.rss"
    bad.write_text("this is <<< not a feed")
    (tmp_path / "good.txt").write_text("Qatar hosted talks.")
    report = no_nlp.ingest([str(bad), str(tmp_path / "good.txt")], db_url)
    assert report.failed == 1
    assert report.errors[0].startswith(f"{bad}: is not an RSS or Atom feed that parses")
    assert report.new == 1


def test_ingest_skips_a_url_that_fails(db_url, tmp_path, no_nlp):
    client = _client({"https://news.example/gone": (404, "text/html", "")})
    (tmp_path / "good.txt").write_text("Qatar hosted talks.")
    report = no_nlp.ingest(["https://news.example/gone", "https://down.example/", str(tmp_path / "good.txt")], db_url,
                    client=client)
    assert report.errors[0] == "https://news.example/gone: answered HTTP 404. Check the URL."
    assert report.errors[1].startswith("https://down.example/: could not be fetched (ConnectError")
    assert report.new == 1


def test_ingest_skips_a_url_that_is_not_a_page(db_url, no_nlp):
    client = _client({"https://news.example/photo": (200, "image/jpeg", "\x00\x01")})
    report = no_nlp.ingest(["https://news.example/photo"], db_url, client=client)
    assert report.errors == ["https://news.example/photo: is not a web page or feed (content-type image/jpeg). "
                             "Give an HTML page or RSS/Atom feed."]


def test_ingest_reads_a_web_page_once(db_url, no_nlp):
    calls = []
    client = _client({"https://news.example/kyiv": (200, "text/html; charset=utf-8", PAGE)}, calls)
    first = no_nlp.ingest(["https://news.example/kyiv"], db_url, client=client)
    second = no_nlp.ingest(["https://news.example/kyiv"], db_url, client=client)
    assert (first.new, second.skipped, len(calls)) == (1, 1, 1)
    found = rows(db_url, "SELECT url, title, published, source FROM articles")
    assert found == [("https://news.example/kyiv", "Drone strikes on Kyiv", "2026-03-15", "Example News")]
    assert "dozens of drones" in rows(db_url, "SELECT text FROM articles")[0][0]


def test_ingest_reads_each_feed_entry_as_an_article(db_url, no_nlp):
    pages = {"https://news.example/feed": (200, "application/rss+xml", FEED),
             "https://news.example/geneva": (200, "text/html", PAGE.replace("Kyiv", "Geneva"))}
    report = no_nlp.ingest(["https://news.example/feed"], db_url, client=_client(pages))
    assert report.new == 2
    found = rows(db_url, "SELECT url, title, published, source FROM articles ORDER BY published")
    assert found == [("https://news.example/geneva", "Talks in Geneva", "2026-03-10", "Example Wire"),
                     ("https://news.example/gaza", "Aid to Gaza", "2026-03-14", "Example Wire")]


def test_ingest_uses_the_entry_summary_when_the_page_fails(db_url, no_nlp):
    pages = {"https://news.example/feed": (200, "application/rss+xml", FEED),
             "https://news.example/gaza": (500, "text/html", "")}
    no_nlp.ingest(["https://news.example/feed"], db_url, client=_client(pages))
    assert rows(db_url, "SELECT text FROM articles WHERE url = 'https://news.example/gaza'") == [
        ("Egypt sent 40 trucks of food to Gaza.",)]


def test_ingest_does_not_refetch_stored_feed_entries(db_url, no_nlp):
    calls = []
    pages = {"https://news.example/feed": (200, "application/rss+xml", FEED),
             "https://news.example/geneva": (200, "text/html", PAGE), "https://news.example/gaza": (200, "text/html", PAGE.replace("Kyiv", "Gaza"))}
    no_nlp.ingest(["https://news.example/feed"], db_url, client=_client(pages, calls))
    calls.clear()
    report = no_nlp.ingest(["https://news.example/feed"], db_url, client=_client(pages, calls))
    assert calls == ["https://news.example/feed"]
    assert (report.new, report.skipped) == (0, 2)


def test_ingest_reads_a_saved_feed_file(db_url, tmp_path, no_nlp):
    path = tmp_path / "wire.rss"
    path.write_text(FEED)
    report = no_nlp.ingest([str(path)], db_url, client=_client({}))
    assert report.new == 2
    assert rows(db_url, "SELECT origin FROM articles ORDER BY origin")[0][0].startswith(f"{path} entry 1")


def test_ingest_article_that_crashes_the_extractor_is_recorded_and_skipped(db_url, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(30):
        (folder / f"n{number:02}.txt").write_text(f"Report {number}: shelling continued near Donetsk.")

    def crashing(articles, model=None, **_):
        for document in fake_extract_many(articles):
            if document.id == "n25":
                raise RuntimeError("extractor crashed\nsecond line")
            yield document

    report = ingest([str(folder)], db_url, batch_size=20, extractor=crashing)
    assert (report.new, report.failed) == (29, 1)
    assert report.errors == [f"{folder / 'n25.txt'}: the extractor failed on it (RuntimeError: extractor crashed). "
                             "It was skipped."]
    assert rows(db_url, "SELECT count(*) FROM articles") == [(29,)]
    assert rows(db_url, "SELECT stage, article_id, error FROM failures") == [("extract", "n25", report.errors[0])]
    assert rows(db_url, "SELECT articles_new, articles_failed FROM runs") == [(29, 1)]


def test_ingest_interrupted_keeps_what_was_written(db_url, tmp_path):
    folder = _folder(tmp_path, 5)

    def interrupted(articles, model=None, **_):
        for index, document in enumerate(fake_extract_many(articles)):
            if index == 3:
                raise KeyboardInterrupt
            yield document

    with pytest.raises(KeyboardInterrupt):
        ingest([str(folder)], db_url, batch_size=20, extractor=interrupted)
    assert rows(db_url, "SELECT count(*) FROM articles") == [(3,)]


def test_ingest_article_that_cannot_be_stored_is_skipped(db_url, tmp_path, no_nlp, monkeypatch):
    folder = _folder(tmp_path, 3)
    real_write = parley.store.write.write_documents

    def flaky(conn, items, **kwargs):
        article_ids = real_write(conn, items, **kwargs)
        if any(item.document.id == "a1" for item in items):
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return article_ids

    monkeypatch.setattr("parley.store.batch.write_documents", flaky)
    report = no_nlp.ingest([str(folder)], db_url)
    assert (report.new, report.failed) == (2, 1)
    assert report.errors == [f"{folder / 'a1.txt'}: could not be stored (disk I/O error). "
                             "It was skipped; report this if it happens again."]
    assert rows(db_url, "SELECT id FROM articles ORDER BY id") == [("a0",), ("a2",)]
    assert rows(db_url, "SELECT stage, article_id FROM failures") == [("store", "a1")]


def test_ingest_jsonl_keeps_the_article_fields(db_url, tmp_path, no_nlp):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "x1", "title": "Envoys meet", "text": "Envoys met in Geneva.",
                                "published": "2026-03-10", "url": "https://w.example/x1", "source": "Wire"}) + "\n")
    no_nlp.ingest([str(path)], db_url)
    assert rows(db_url, "SELECT id, title, published, url, source, origin FROM articles") == [
        ("x1", "Envoys meet", "2026-03-10", "https://w.example/x1", "Wire", f"{path}:1")]


NAMED = {"Russia": ("country:RUS", "Russia"), "Ukraine": ("country:UKR", "Ukraine"),
         "Ukrainian army": ("country:UKR", "Ukraine"), "Türkiye": ("country:TUR", "Turkey")}


def naming_extract_many(articles, model=None, **_):
    """The extractor's contract with actor mentions: every name in NAMED where the text has it, and one
    Russia -> Ukraine ASSAULT on "attacked"."""
    for article in articles:
        found = []
        for surface, (key, name) in NAMED.items():
            start = article.text.find(surface)
            while start >= 0:
                found.append(Actor(surface, start, start + len(surface), name, key, key[-3:], "GOV"))
                start = article.text.find(surface, start + 1)
        found.sort(key=lambda a: a.start)
        at = article.text.find("attacked")
        events = [Event("e1", "ASSAULT", (at, at + 8), "attacked", (0, len(article.text)),
                        source=[a for a in found if a.name == "Russia"][:1],
                        target=[a for a in found if a.name == "Ukraine"][:1])] if at >= 0 else []
        # offsets that do not hold the mention's text: left out rather than highlighted in the wrong place
        found.append(Actor("Egypt", 0, 5, "Egypt", "country:EGY", "EGY", "GOV"))
        yield Document(id=article.id, text=article.text, title=article.title, published=article.published,
                       url=article.url, source=article.source, events=events, actors=found)


def test_ingest_stores_actor_mentions_with_their_offsets(db_url, tmp_path):
    (tmp_path / "a.txt").write_text("Russia attacked Ukraine near Kharkiv, the Ukrainian army said. "
                                    "Türkiye called on Russia to stop.")
    report = ingest([str(tmp_path / "a.txt")], db_url, extractor=naming_extract_many)
    assert report.new == 1
    [(article_text,)] = rows(db_url, "SELECT text FROM articles WHERE id = 'a'")
    found = rows(db_url, "SELECT actor_id, span_start, span_end, text FROM actor_mentions WHERE article_id = 'a' "
                         "ORDER BY span_start")
    assert [(actor, text) for actor, _, _, text in found] == [
        ("country:RUS", "Russia"), ("country:UKR", "Ukraine"), ("country:UKR", "Ukrainian army"),
        ("country:TUR", "Türkiye"), ("country:RUS", "Russia")]
    for _, start, end, text in found:
        assert text == article_text[start:end]
    assert found[2][1:3] == (article_text.index("Ukrainian army"), article_text.index("Ukrainian army") + 14)
    # Turkey is named but takes part in no event: its actor row is stored all the same
    assert rows(db_url, "SELECT id, name, country FROM actors WHERE id = 'country:TUR'") == [
        ("country:TUR", "Turkey", "TUR")]
    assert rows(db_url, "SELECT count(*) FROM event_mentions WHERE article_id = 'a'") == [(1,)]


def test_ingest_stores_an_article_its_events_and_its_actor_mentions_together(db_url, tmp_path, monkeypatch):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"Report {name}: Russia attacked Ukraine, the Ukrainian army said.")
    real = parley.store.write.write_documents

    def failing(conn, items, **kwargs):
        article_ids = real(conn, items, **kwargs)  # everything written, then refused: all of it must go
        if "b" in article_ids:
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return article_ids

    monkeypatch.setattr(parley.store.batch, "write_documents", failing)
    report = ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], db_url, extractor=naming_extract_many)
    assert (report.new, report.failed) == (1, 1)
    assert rows(db_url, "SELECT id FROM articles") == [("a",)]
    assert rows(db_url, "SELECT DISTINCT article_id FROM event_mentions") == [("a",)]
    assert rows(db_url, "SELECT DISTINCT article_id FROM actor_mentions") == [("a",)]
    assert rows(db_url, "SELECT mention_count FROM events") == [(1,)]


def test_ingest_stores_articles_published_at_the_ends_of_the_calendar(db_url, tmp_path):
    from conftest_store import event

    def striking(articles, model=None, **_):
        for document in fake_extract_many(articles):
            document.events = [event(date=None)]  # dated by its article, as merging reads it
            yield document

    path = tmp_path / "odd.jsonl"
    path.write_text("".join(json.dumps({"id": f"x{n}", "text": f"Report {n}: Russia struck Kyiv.",
                                        "published": day}) + "\n"
                            for n, day in enumerate(["9999-12-31", "0001-01-01", "2025-04-21"])))
    report = ingest([str(path)], db_url, extractor=striking)
    assert (report.new, report.failed) == (3, 0)
    assert rows(db_url, "SELECT date, mention_count FROM events ORDER BY date") == [
        ("0001-01-01", 1), ("2025-04-21", 1), ("9999-12-31", 1)]
