"""The reliability review's defects (../shared/reviews/reliability-2026-12.md), one test each that failed before
the fix: nothing an input holds stops a run, long texts are read whole, writers wait their turn, workers die
with their parent, unreadable folders are failures, both stores take the same articles, fetches end."""

from __future__ import annotations

import http.server
import importlib
import json
import os
import select as io_select
import signal
import subprocess
import sys
import textwrap
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text

from parley.cli import main
from parley.extract import extract_many
from parley.ingest import ingest
from parley.store.connect import SCHEMA_LOCK, make_engine, open_engine, writing
from parley.store.schema import articles
from parley.store.write import start_run

EXTRACT = importlib.import_module("parley.extract")  # `parley.extract` is also the name of a function

GOOD = [{"id": "a", "text": "Qatar hosted talks in Doha."}, {"id": "c", "text": "Kenya hosted talks in Nairobi."}]


def _jsonl(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _stored(url: str, *columns):
    engine = open_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(select(*columns).order_by(articles.c.id))]
    finally:
        engine.dispose()


# 1. One JSONL line stops a corpus for good

def test_1_a_lone_surrogate_is_skipped_with_its_field_named_and_a_rerun_gets_past_it(db_url, tmp_path):
    path = _jsonl(tmp_path / "s.jsonl", json.dumps(GOOD[0]), '{"id":"b","text":"Egypt hosted \\ud800 talks."}',
                  json.dumps(GOOD[1]))
    first = ingest([str(path)], db_url)
    assert (first.new, first.failed) == (2, 1)
    assert first.errors == [f"{path}:2: has a lone surrogate ('\\ud800') in \"text\" at character 13: half of a "
                            "UTF-16 pair, not a character. Send the character it stands for (both halves of the "
                            "pair) or remove it."]
    again = ingest([str(path)], db_url)
    assert (again.new, again.skipped, again.failed) == (0, 2, 1)
    assert _stored(db_url, articles.c.id) == [("a",), ("c",)]


def test_1_a_line_nested_100000_deep_is_skipped_with_its_line_named(db_url, tmp_path):
    path = _jsonl(tmp_path / "deep.jsonl", json.dumps(GOOD[0]), "[" * 100_000 + "]" * 100_000, json.dumps(GOOD[1]))
    report = ingest([str(path)], db_url)
    assert (report.new, report.failed) == (2, 1)
    assert report.errors == [f"{path}:2: is JSON nested too deeply to read (over a thousand levels). An article is "
                             "one flat {\"id\": ..., \"text\": ...} object."]


# 2. extract is not isolated per article

def test_2_extract_prints_every_other_article_when_one_has_a_bad_title_or_an_edge_date(tmp_path):
    path = _jsonl(tmp_path / "in.jsonl", json.dumps(GOOD[0]), '{"id":"n","title":42,"text":"Egypt hosted talks."}',
                  '{"id":"o","title":{"a":1},"text":"Egypt hosted talks."}',
                  '{"id":"d","published":"0001-01-01","text":"Russia shelled Kyiv last week."}', json.dumps(GOOD[1]))
    result = CliRunner().invoke(main, ["extract", str(path), "--published", "2025-04-22"])  # no undated warnings
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "d", "c"]
    assert result.stderr.splitlines() == [
        f"parley: {path}:2: has a \"title\" that is a number, not a string. Give the headline as a JSON string, or "
        "leave \"title\" out.",
        f"parley: {path}:3: has a \"title\" that is a object, not a string. Give the headline as a JSON string, or "
        "leave \"title\" out.",
        "parley: 2 input(s) skipped, 3 article(s) extracted."]


def test_2_extract_reports_an_article_the_extractor_raises_on_and_goes_on(tmp_path, monkeypatch):
    import parley.engines.local as local

    def fragile(articles, model=None, **options):
        for document in extract_many(articles, model=model, **options):
            if document.id == "b":
                raise RuntimeError("a component broke")
            yield document

    monkeypatch.setattr(EXTRACT, "extract_many", fragile)
    assert local.serial  # the CLI reads through engines.local.serial, as ingest does
    path = _jsonl(tmp_path / "in.jsonl", json.dumps(GOOD[0]), '{"id":"b","text":"Egypt hosted talks."}',
                  json.dumps(GOOD[1]))
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "c"]
    assert f"parley: {path}:2: the extractor failed on it (RuntimeError: a component broke). It was skipped." \
        in result.stderr.splitlines()


# 3. An over-long article is read down to a few characters, silently in ingest

def test_3_split_parts_cuts_at_sentence_ends_within_the_limit_and_loses_nothing():
    from parley.extract import split_parts

    text = "Intro.\n" + "Russia accused Ukraine of shelling Donetsk on Monday. " * 40
    parts = split_parts(text, 300)
    assert "".join(part for _, part in parts) == text
    assert [offset for offset, _ in parts] == [sum(len(p) for _, p in parts[:k]) for k in range(len(parts))]
    assert all(len(part) <= 300 for _, part in parts)
    assert all(part.endswith(". ") for _, part in parts[:-1])


def test_3_a_long_article_is_read_to_its_end_in_ingest_and_its_warning_is_shown_and_stored(db_url, tmp_path,
                                                                                               monkeypatch):
    monkeypatch.setattr(EXTRACT, "PART_CHARS", 200)
    sentence = "Russia accused Ukraine of shelling Donetsk on Monday. "
    body = "Intro.\n" + sentence * 12
    path = _jsonl(tmp_path / "long.jsonl", json.dumps({"id": "long", "published": "2026-03-02", "text": body}))
    shown = []
    report = ingest([str(path)], db_url, on_warning=shown.append)
    warning = (f"is {len(body):,} characters long, so it was read in 4 parts of at most 200 characters, split at "
               "sentence ends; dates and references do not reach from one part into the next.")
    assert shown == [f"{path}:1: {warning}"]
    assert report.warnings == 1
    assert _stored(db_url, articles.c.id, articles.c.warnings) == [("long", warning)]
    engine = open_engine(db_url)
    with engine.connect() as conn:
        starts = sorted(conn.execute(text("SELECT span_start FROM event_mentions WHERE trigger = 'accused'")).scalars())
    engine.dispose()
    assert starts == [7 + k * len(sentence) + len("Russia ") for k in range(12)]  # every copy, the last too


# 4. Two ingests into one SQLite file: one died

def test_4_a_writer_waits_for_another_process_that_wrote_between_its_reads_and_its_write(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    ingest([str(_jsonl(tmp_path / "seed.jsonl", json.dumps({"id": "s", "text": "Oman hosted talks."})))], url)
    rival = _jsonl(tmp_path / "rival.jsonl", json.dumps({"id": "r", "text": "Chad hosted talks in N'Djamena."}))

    def meanwhile(articles_in, model=None):
        # another writer commits after this run read what is stored and before it writes: a deferred
        # transaction then failed at once with "database is locked"
        assert ingest([str(rival)], url).new == 1
        yield from extract_many(articles_in, model=model)

    report = ingest([str(_jsonl(tmp_path / "mine.jsonl", *map(json.dumps, GOOD)))], url, extractor=meanwhile)
    assert (report.new, report.failed, report.errors) == (2, 0, [])
    assert _stored(url, articles.c.id) == [("a",), ("c",), ("r",), ("s",)]


def test_4_a_second_writer_waits_for_the_first_to_commit(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    holder = open_engine(url)
    done = {}
    with holder.connect() as conn, writing(conn):
        start_run(conn, ["another process"])
        thread = threading.Thread(target=lambda: done.update(report=ingest(
            [str(_jsonl(tmp_path / "in.jsonl", *map(json.dumps, GOOD)))], url)))
        thread.start()
        time.sleep(1.0)
        assert "report" not in done  # waiting for the lock, not failing
    thread.join(60)
    holder.dispose()
    assert (done["report"].new, done["report"].failed) == (2, 0)


# 5. kill -9 of ingest --workers N leaves N workers alive

WORKER_SCRIPT = textwrap.dedent("""
    import os, sys, time
    from parley.engines.local import pooled
    from parley.records import Article

    def slow(articles, model=None):
        for article in articles:
            os.write(1, f"worker {os.getpid()}\\n".encode())  # one write: two workers' lines never interleave
            time.sleep(600)
            yield article

    for _ in pooled([Article(f"text {n}", f"a{n}") for n in range(40)], slow, workers=2, chunk=1):
        pass
""")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def _worker_lines(parent: subprocess.Popen, count: int, timeout: float = 120) -> list[str]:
    """The first `count` "worker PID" lines the parent's workers print; other lines (warnings) are skipped. On a
    timeout the parent is killed first, so that reading its stderr for the message cannot block the suite."""
    found, other, pending = [], [], b""
    deadline = time.monotonic() + timeout
    # the pipe's bytes are read as they come: a buffered readline() took both workers' lines at once, and select()
    # then waited for a second line that sat in Python's buffer (one CI run failed so)
    while len(found) < count and time.monotonic() < deadline:
        ready, _, _ = io_select.select([parent.stdout], [], [], 1)
        if not ready:
            continue
        chunk = os.read(parent.stdout.fileno(), 4096)
        if not chunk:
            break
        *lines, pending = (pending + chunk).split(b"\n")
        for line in (raw.decode() + "\n" for raw in lines):
            (found if line.startswith("worker ") else other).append(line)
    if len(found) < count:
        parent.kill()
        parent.wait()
        pytest.fail(f"the workers printed {found!r} (other lines: {other!r}); stderr: {parent.stderr.read()}")
    return found


def test_5_workers_die_when_their_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", WORKER_SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    lines = _worker_lines(parent, 2)
    workers = {int(line.split()[1]) for line in lines}
    assert all(_alive(pid) for pid in workers)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


# 6. Unreadable subfolders are skipped without a word

def test_6_an_unreadable_subfolder_is_reported_and_counted(tmp_path):
    folder = tmp_path / "f"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "inner.txt").write_text("Qatar hosted talks.")
    (folder / "open.txt").write_text("Egypt hosted talks.")
    os.chmod(folder / "locked", 0)
    code = ("from parley.sources import iter_articles; import sys\n"
            f"for item in iter_articles([{str(folder)!r}]): print(type(item).__name__, item if "
            "type(item).__name__ == 'SourceFailure' else item.id)")
    command = [sys.executable, "-c", code]
    if os.geteuid() == 0:  # root reads any folder: drop that power, as another user would not have it
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    try:
        found = subprocess.run(command, capture_output=True, text=True, check=True,
                               env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}).stdout.splitlines()
    finally:
        os.chmod(folder / "locked", 0o755)
    assert found == [f"SourceFailure {folder / 'locked'}: is a folder that cannot be read (Permission denied), so "
                     "its files were not read. Check its permissions.", "Article open"]


# 7. PostgreSQL refuses what SQLite stores (run on both with PARLEY_TEST_DB)

def _empty_documents(articles_in, model=None):
    """What is stored is under test here, not what is read: Documents with no events, at no NLP cost."""
    from parley.records import Document

    for article in articles_in:
        yield Document(id=article.id, text=article.text, title=article.title, published=article.published,
                       url=article.url, source=article.source)


def test_7_nul_characters_are_stored_as_spaces_on_either_store(db_url, tmp_path):
    path = _jsonl(tmp_path / "nul.jsonl", json.dumps({"id": "n", "title": "Cease\u0000fire", "source": "V\u0000OA",
                                                      "text": "Qatar\u0000hosted talks."}))
    report = ingest([str(path)], db_url, extractor=_empty_documents)
    assert (report.new, report.failed) == (1, 0)
    assert _stored(db_url, articles.c.title, articles.c.source, articles.c.text) == [
        ("Cease fire", "V OA", "Qatar hosted talks.")]


def test_7_a_text_past_the_search_limit_and_a_10000_character_id_are_stored_on_either_store(db_url, tmp_path):
    import random

    words = random.Random(7)
    varied = " ".join("".join(words.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(9)) for _ in range(150_000))
    long_id = "".join(words.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(10_000))
    path = _jsonl(tmp_path / "big.jsonl", json.dumps({"id": "varied", "text": varied}),
                  json.dumps({"id": long_id, "text": "Oman hosted talks."}))
    shown = []
    report = ingest([str(path)], db_url, extractor=_empty_documents, on_warning=shown.append)
    assert (report.new, report.failed) == (2, 0)
    from parley.store.write import storable_id

    assert sorted(_stored(db_url, articles.c.id, articles.c.original_id)) == sorted(
        [("varied", None), (storable_id(long_id), long_id)])
    assert len(storable_id(long_id)) == 81
    assert shown == [f"{path}:2: has an id of 10,000 characters; it is stored as {storable_id(long_id)!r} (ids of "
                     "at most 200 characters are kept as given; the full id is kept as its original_id)."]


# 8. A URL can hold a run indefinitely

class _Drip(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        big = self.path == "/big"
        for _ in range(40):
            self.wfile.write(b"<p>Qatar hosted talks between Congo and Rwanda.</p>\n" * (1000 if big else 1))
            self.wfile.flush()
            if not big:
                time.sleep(0.25)

    def log_message(self, *args):
        pass


@pytest.fixture
def drip_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_8_a_page_that_never_finishes_is_given_up_at_the_deadline(drip_server, monkeypatch):
    from parley.sources import web

    monkeypatch.setattr(web, "DEADLINE_SECONDS", 1.0)
    started = time.monotonic()
    with web.make_client() as client:
        found = web.fetch(client, drip_server + "/drip")
    assert time.monotonic() - started < 3
    assert str(found) == (f"{drip_server}/drip: was still sending after 1 s, so it was given up. Check the URL or "
                          "try again later.")


def test_8_a_page_over_the_size_cap_is_refused(drip_server, monkeypatch):
    from parley.sources import web

    monkeypatch.setattr(web, "MAX_BYTES", 100_000)
    with web.make_client() as client:
        found = web.fetch(client, drip_server + "/big")
    assert str(found) == (f"{drip_server}/big: is larger than 0.1 MB, more than any article page. Give the article's "
                          "own page.")


# 9. The dashboard cannot open an article whose id contains "/"

def test_9_the_dashboard_router_keeps_an_id_with_slashes_whole():
    module = Path(__file__).parent.parent / "src/parley/web/static/js/address.js"
    script = (f"import {{ parseHash, articleHash }} from {json.dumps(module.as_uri())};\n"
              "const ids = ['a/b/../c', \"<script>alert('id')</script>\", 'plain', '100% / 2'];\n"
              "console.log(JSON.stringify(ids.map((id) => parseHash(articleHash(id)))));\n"
              "console.log(JSON.stringify(parseHash('#/article/a/b')));\n"
              "console.log(JSON.stringify(parseHash('#/articles')));")
    try:
        out = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    except FileNotFoundError:
        pytest.skip("node is not installed")
    assert [json.loads(line) for line in out] == [
        [{"page": "article", "id": "a/b/../c"}, {"page": "article", "id": "<script>alert('id')</script>"},
         {"page": "article", "id": "plain"}, {"page": "article", "id": "100% / 2"}],
        {"page": "article", "id": "a/b"}, {"page": "articles", "id": ""}]


# 10. Messages that name no field or mislead

def test_10_a_list_where_a_source_goes_is_named_with_what_to_send(db_url, tmp_path):
    path = _jsonl(tmp_path / "w.jsonl", '{"id":"a","source":["x"],"text":"Qatar hosted talks in Doha."}')
    report = ingest([str(path)], db_url)
    assert report.errors == [f"{path}:1: has a \"source\" that is a array, not a string. Give the outlet's name as "
                             "a JSON string, or leave \"source\" out."]


def test_10_a_json_array_file_is_read_as_its_articles(db_url, tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(GOOD))
    report = ingest([str(path)], db_url)
    assert (report.new, report.failed) == (2, 0)
    assert _stored(db_url, articles.c.id, articles.c.origin) == [("a", f"{path} item 1"), ("c", f"{path} item 2")]


def test_10_a_duplicate_id_is_stored_under_a_new_id_with_a_warning(db_url, tmp_path):
    path = _jsonl(tmp_path / "d.jsonl", json.dumps(GOOD[0]), '{"id":"a","text":"Egypt hosted talks in Cairo."}')
    shown = []
    ingest([str(path)], db_url, on_warning=shown.append, published=date(2025, 4, 22))  # no undated warnings
    [(_, renamed)] = [row for row in _stored(db_url, articles.c.text, articles.c.id) if row[0].startswith("Egypt")]
    assert renamed.startswith("a-")
    assert shown == [f"{path}:2: has the id 'a', which another article already has, so it is stored as "
                     f"{renamed!r}. Give each article its own id."]


def test_10_an_rfc_2822_date_is_read_and_a_date_with_text_after_it_is_refused(db_url, tmp_path):
    path = _jsonl(tmp_path / "d.jsonl", '{"id":"r","published":"Tue, 22 Apr 2025 10:00:00 GMT","text":"Oman hosted talks."}',
                  '{"id":"g","published":"2025-04-22garbage","text":"Chad hosted talks."}')
    report = ingest([str(path)], db_url)
    assert _stored(db_url, articles.c.id, articles.c.published) == [("r", "2025-04-22")]
    assert report.errors == [f"{path}:2: has a \"published\" that cannot be used: Date '2025-04-22garbage' does not "
                             "parse. Use YYYY-MM-DD, e.g. 2025-04-22."]


# 11. The API leaks the ingested file's folders; the slash redirect echoes the Host header

def test_11_the_api_shows_the_file_name_not_its_folders_and_redirects_to_a_path(db_url, tmp_path):
    from fastapi.testclient import TestClient

    from parley.api.app import create_app

    path = _jsonl(tmp_path / "in.jsonl", json.dumps(GOOD[0]))
    ingest([str(path)], db_url)
    client = TestClient(create_app(db_url))
    assert client.get("/api/articles/a").json()["origin"] == "in.jsonl:1"
    answer = client.get("/static", headers={"Host": "evil.example"}, follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (307, "/static/")


def test_11_a_redirect_never_names_another_server():
    from parley.api.http import relative_location

    assert relative_location(b"http://evil.example//other.example/x?q=1") == b"/other.example/x?q=1"


# 12. parley serve is one process

def test_12_serve_with_workers_answers_from_several_processes(tmp_path):
    from parley.api.server import free_port

    url = f"sqlite:///{tmp_path / 's.db'}"
    ingest([str(_jsonl(tmp_path / "in.jsonl", json.dumps(GOOD[0])))], url)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", "from parley.cli import main; main()", "serve", "--db", url, "--port", str(port),
                               "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        import httpx

        deadline, answer = time.monotonic() + 60, None
        while time.monotonic() < deadline:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/articles/a", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.3)
        assert answer is not None and answer.json()["id"] == "a"
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        assert len(children) >= 2  # the supervisor's workers (and multiprocessing's resource tracker)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(30)


# Found in the December trial: two first runs on an empty PostgreSQL database

def _postgres(url: str) -> None:
    if not url.startswith("postgresql"):
        pytest.skip("a PostgreSQL race: run with PARLEY_TEST_DB=postgresql://...")


def test_two_processes_opening_a_new_postgresql_database_at_once_both_get_the_schema(db_url):
    # `parley ingest a.jsonl & parley ingest b.jsonl` on an empty database: both created the tables, and the
    # second died with a traceback (UniqueViolation on pg_type "runs")
    _postgres(db_url)
    errors, start = [], threading.Barrier(4)

    def open_one():
        start.wait()
        try:
            open_engine(db_url).dispose()
        except Exception as exc:  # noqa: BLE001  (any error is the defect)
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []


def test_opening_a_postgresql_database_waits_while_another_process_creates_its_schema(db_url):
    _postgres(db_url)
    holder = make_engine(db_url)
    opened = threading.Event()
    with holder.connect() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
        thread = threading.Thread(target=lambda: (open_engine(db_url).dispose(), opened.set()))
        thread.start()
        assert not opened.wait(1.5)  # it waits for the lock, not for nothing
        conn.commit()
    thread.join(60)
    assert opened.is_set()
    holder.dispose()
