"""`parley watch` with real parts on this machine: a local HTTP server whose feed grows between cycles, a local
webhook receiver (down for one cycle) and a local SMTP server (aiosmtpd) receiving the alerts.

The story, one article per entry, written for these tests:
  cycle 1  Russia shells Kharkiv; Hamas rejects the ceasefire proposal          (nothing to alert on yet)
  cycle 2  Russia threatens Ukraine; Hamas accepts the proposal                  (event and shift rules fire;
           the webhook is down, the mail gets both in one message)
  cycle 3  three more Russian attacks on three days, one in Odesa                 (the surge rule and an event rule
           on the place fire; the webhook
           gets cycle 2's alerts and this one in one message)
  cycle 4  a fourth attack, and the whole feed again after a restart             (nothing fires or is sent again)
"""

from __future__ import annotations

import email
import functools
import http.server
import json
import socket
import threading
import warnings
from datetime import UTC
from email.policy import default as default_policy
from pathlib import Path
from xml.sax.saxutils import escape

import feedparser
import pytest
from click.testing import CliRunner

from conftest_store import empty_database
from parley.cli import main
from parley.errors import InvalidQuery, RulesError
from parley.store.connect import make_engine
from parley.watch import load_rules, parse_every, parse_rules, run_cycle

STORY = [
    [("kharkiv", "2026-05-04", "Shelling in Kharkiv", "Russian forces shelled Kharkiv on Monday."),
     ("hamas-rejects", "2026-05-04", "Hamas and the proposal", "Hamas rejected the ceasefire proposal on Monday.")],
    [("warning", "2026-05-05", "A warning", "Russia threatened Ukraine with new strikes on Tuesday."),
     ("hamas-accepts", "2026-05-05", "Hamas changes course", "Hamas accepted the ceasefire proposal on Tuesday.")],
    [("sumy", "2026-05-06", "Sumy", "Russian forces shelled Sumy on Wednesday."),
     ("odesa", "2026-05-07", "Odesa", "Russian drones attacked Odesa on Thursday."),
     ("kupiansk", "2026-05-08", "Kupiansk", "Russian troops attacked Kupiansk on Friday.")],
    [("kherson", "2026-05-09", "Kherson", "Russian forces shelled Kherson on Saturday.")],
]

CHANNELS = """\
dashboard: http://127.0.0.1:8000/
feed: {feed}
channels:
  - name: hook
    url: json://127.0.0.1:{hook}/alerts
  - name: mail
    url: mailto://127.0.0.1:{smtp}?from=watch@example.org&to=analyst@example.org
"""
RULE_LIST = """\
rules:
  - name: threats
    kind: event
    types: [REJECT, THREATEN]
    between: [Russia, Ukraine]
  - name: odesa
    kind: event
    types: [ASSAULT]
    places: [odesa]
  - name: hamas-ceasefire
    kind: shift
    actors: [Hamas]
    issues: [ceasefire]
  - name: shelling
    kind: surge
    types: [ASSAULT]
    by: dyad
    days: 7
    baseline_days: 30
    multiple: 2
    floor: 3
"""
RULES = CHANNELS + RULE_LIST


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    """A local web server with a feed (feed.xml) and one page per entry; `publish` adds entries."""

    def __init__(self, root: Path):
        self.root = root
        self.entries: list[tuple] = []
        handler = functools.partial(_QuietFiles, directory=str(root))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def publish(self, entries) -> None:
        for slug, _day, title, text in entries:
            (self.root / f"{slug}.html").write_text(
                f"<html><head><title>{escape(title)}</title></head><body><article>"
                f"<p>{escape(text)}</p></article></body></html>", encoding="utf-8")
        self.entries += entries
        items = "".join(
            f"<item><title>{escape(title)}</title><link>{self.url}/{slug}.html</link>"
            f"<pubDate>{_rfc822(day)}</pubDate><description>{escape(text)}</description></item>"
            for slug, day, title, text in self.entries)
        (self.root / "feed.xml").write_text(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
            f"<link>{self.url}/</link><description>written for Parley's tests</description>{items}</channel></rss>",
            encoding="utf-8")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _rfc822(day: str) -> str:
    from datetime import date, datetime
    from email.utils import format_datetime

    found = date.fromisoformat(day)
    return format_datetime(datetime(found.year, found.month, found.day, 9, tzinfo=UTC))


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Hook:
    """A local webhook receiver on a port chosen now; it listens only once `start` is called."""

    def __init__(self):
        self.port = free_port()
        self.received: list[dict] = []
        self.server = None

    def start(self) -> None:
        received = self.received

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append(json.loads(body))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


class Mailbox:
    """A local SMTP server (aiosmtpd) that keeps every message it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages: list[email.message.EmailMessage] = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"

    def bodies(self) -> list[str]:
        return [m.get_body(("plain",)).get_content().replace("\r\n", "\n") for m in self.messages]

    def close(self) -> None:
        self.controller.stop()


def _query(db: str, sql: str, **params) -> list[tuple]:
    from sqlalchemy import text

    engine = make_engine(db)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def alerts_in(db: str) -> list[tuple]:
    return _query(db, "SELECT rule, title, evidence, outlet, url FROM alerts ORDER BY created_at, rule, title")


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """The four cycles of the module's story, run once; each cycle's report, alert rows and messages."""
    root = tmp_path_factory.mktemp("watch")
    site_dir = root / "site"
    site_dir.mkdir()
    site, hook, mailbox = Site(site_dir), Hook(), Mailbox()
    rules_path = root / "alerts.yaml"
    rules_path.write_text(RULES.format(feed=root / "alerts.atom", hook=hook.port, smtp=mailbox.port),
                          encoding="utf-8")
    cycles = []
    with empty_database(root) as db:
        yield from _run_story(db, site, hook, mailbox, rules_path, root, cycles)


def _run_story(db, site, hook, mailbox, rules_path, root, cycles):
    try:
        for number, entries in enumerate(STORY, start=1):
            site.publish(entries)
            if number == 3:
                hook.start()  # the webhook was down during cycle 2
            before = set(alerts_in(db)) if number > 1 else set()
            report = run_cycle([site.url + "/feed.xml"], db, load_rules(rules_path))
            cycles.append({"report": report, "alerts": [a for a in alerts_in(db) if a not in before],
                           "hook": len(hook.received), "mail": len(mailbox.messages)})
        # a restart: the rules read again, the whole feed again, nothing in memory from before
        report = run_cycle([site.url + "/feed.xml"], db, load_rules(rules_path))
        cycles.append({"report": report, "alerts": [], "hook": len(hook.received), "mail": len(mailbox.messages)})
        yield {"cycles": cycles, "db": db, "hook": hook.received, "mail": mailbox.bodies(),
               "subjects": [m["Subject"] for m in mailbox.messages], "feed": root / "alerts.atom", "site": site}
    finally:
        site.close()
        hook.close()
        mailbox.close()


def titles(cycle) -> list[tuple[str, str]]:
    return [(rule, title) for rule, title, *_ in cycle["alerts"]]


def test_the_first_cycle_raises_no_alert_when_no_rule_condition_is_met(story):
    first = story["cycles"][0]
    assert titles(first) == []
    assert first["report"].summary() == "2 new articles, 2 events, 0 new alerts, 0 alerts sent"


def test_an_event_rule_fires_for_a_new_threat_between_its_two_sides(story):
    assert [t for t in titles(story["cycles"][1]) if t[0] == "threats"] == [
        ("threats", "THREATEN: Russia → Ukraine, 2026-05-05")]


def test_a_shift_rule_fires_when_the_actor_changes_its_stance(story):
    assert [t for t in titles(story["cycles"][1]) if t[0] == "hamas-ceasefire"] == [
        ("hamas-ceasefire", "Hamas on ceasefire: reject → accept")]


def test_an_event_rule_on_a_place_fires_for_the_attack_there(story):
    assert [t for t in titles(story["cycles"][2]) if t[0] == "odesa"] == [
        ("odesa", "ASSAULT: Russia → Ukraine in Odesa, 2026-05-07")]


def test_a_surge_rule_fires_once_when_the_count_reaches_its_floor_and_multiple(story):
    assert [t for t in titles(story["cycles"][2]) if t[0] == "shelling"] == [
        ("shelling", "Surge: 3 ASSAULT for Russia – Ukraine in the 7 days to 2026-05-07")]


def test_a_continuing_surge_and_a_restart_raise_nothing_again(story):
    assert titles(story["cycles"][3]) == []
    assert story["cycles"][3]["report"].summary() == "1 new article, 1 event, 0 new alerts, 0 alerts sent"
    assert story["cycles"][4]["report"].summary() == "0 new articles, 0 events, 0 new alerts, 0 alerts sent"


def test_an_alert_names_the_evidence_sentence_the_outlet_and_the_link(story):
    site = story["site"].url
    assert [a[2:] for a in story["cycles"][1]["alerts"]] == [
        ("Hamas accepted the ceasefire proposal on Tuesday.", "Test Wire", f"{site}/hamas-accepts.html"),
        ("Russia threatened Ukraine with new strikes on Tuesday.", "Test Wire", f"{site}/warning.html")]


def test_mail_gets_one_message_per_cycle_with_every_alert_of_the_cycle(story):
    assert [c["mail"] for c in story["cycles"]] == [0, 1, 2, 2, 2]
    assert story["subjects"] == ["Parley: 2 alerts (hamas-ceasefire, threats)", "Parley: 2 alerts (odesa, shelling)"]
    site = story["site"].url
    assert story["mail"][0].strip() == (
        "[hamas-ceasefire] Hamas on ceasefire: reject → accept\n"
        "reject since 2026-05-04 (Test Wire), accept on 2026-05-05\n"
        "“Hamas accepted the ceasefire proposal on Tuesday.”\n"
        f"Source: Test Wire {site}/hamas-accepts.html\n"
        "Dashboard: http://127.0.0.1:8000/#/article/" + _article_id(story, "hamas-accepts") + "\n\n"
        "[threats] THREATEN: Russia → Ukraine, 2026-05-05\n"
        "asserted, 1 report\n"
        "“Russia threatened Ukraine with new strikes on Tuesday.”\n"
        f"Source: Test Wire {site}/warning.html\n"
        "Dashboard: http://127.0.0.1:8000/#/article/" + _article_id(story, "warning"))


def _article_id(story, slug: str) -> str:
    ((found,),) = _query(story["db"], "SELECT id FROM articles WHERE url LIKE :u", u=f"%/{slug}.html")
    return found


def test_a_channel_that_is_down_gets_its_alerts_on_the_next_cycle_in_one_message(story):
    second, third = story["cycles"][1], story["cycles"][2]
    assert second["report"].summary() == (
        "2 new articles, 2 events, 2 new alerts, 2 alerts sent, 2 deliveries failed (kept for the next cycle)")
    assert second["report"].errors == [
        "channel 'hook': A Connection error occurred sending JSON notification to 127.0.0.1. "
        "2 alerts kept for the next cycle."]
    assert third["report"].summary() == (
        "3 new articles, 3 events, 2 new alerts, 4 alerts sent, 2 deliveries retried")
    assert [c["hook"] for c in story["cycles"]] == [0, 0, 1, 1, 1]
    (message,) = story["hook"]
    assert message["title"] == "Parley: 4 alerts (hamas-ceasefire, odesa, shelling, threats)"
    assert [line for line in message["message"].splitlines() if line.startswith("[")] == [
        "[hamas-ceasefire] Hamas on ceasefire: reject → accept",
        "[threats] THREATEN: Russia → Ukraine, 2026-05-05",
        "[odesa] ASSAULT: Russia → Ukraine in Odesa, 2026-05-07",
        "[shelling] Surge: 3 ASSAULT for Russia – Ukraine in the 7 days to 2026-05-07"]


def test_the_atom_feed_file_lists_every_alert_latest_first(story):
    feed = feedparser.parse(story["feed"].read_bytes())
    assert feed.feed.title == "Parley alerts"
    assert [e.title for e in feed.entries] == [
        "[odesa] ASSAULT: Russia → Ukraine in Odesa, 2026-05-07",
        "[shelling] Surge: 3 ASSAULT for Russia – Ukraine in the 7 days to 2026-05-07",
        "[hamas-ceasefire] Hamas on ceasefire: reject → accept",
        "[threats] THREATEN: Russia → Ukraine, 2026-05-05"]


def test_the_api_and_the_served_feed_list_the_stored_alerts(story):
    from parley.api import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    with TestClient(create_app(story["db"])) as client:
        page = client.get("/api/alerts", params={"limit": 2}).json()
        feed = client.get("/alerts.atom")
    assert page["total"] == 4
    assert [(a["rule"], [(d["channel"], d["attempts"], d["sent_at"] is not None) for d in a["deliveries"]])
            for a in page["items"]] == [
        ("odesa", [("hook", 1, True), ("mail", 1, True)]),
        ("shelling", [("hook", 1, True), ("mail", 1, True)])]
    (hamas,) = client.get("/api/alerts", params={"offset": 2, "limit": 1}).json()["items"]
    assert (hamas["rule"], [(d["channel"], d["attempts"], d["sent_at"] is not None) for d in hamas["deliveries"]]) \
        == ("hamas-ceasefire", [("hook", 2, True), ("mail", 1, True)])
    assert feed.headers["content-type"] == "application/atom+xml"
    assert feedparser.parse(feed.content).entries[0].title == "[odesa] ASSAULT: Russia → Ukraine in Odesa, 2026-05-07"


def test_what_was_stored_before_the_first_watch_is_old_news(tmp_path, db_url):
    from parley.ingest import ingest

    site_dir = tmp_path / "site"
    site_dir.mkdir()
    site = Site(site_dir)
    try:
        site.publish(STORY[0] + STORY[1])
        db = db_url
        ingest([site.url + "/feed.xml"], db, workers=1)
        rules = parse_rules(RULES.format(feed=tmp_path / "a.atom", hook=free_port(), smtp=free_port()))
        messages = []
        report = run_cycle([site.url + "/feed.xml"], db, rules, say=messages.append)
    finally:
        site.close()
    assert report.summary() == "0 new articles, 0 events, 0 new alerts, 0 alerts sent"
    assert messages[0] == "first watch on this store: the 1 earlier run count as already seen"
    assert alerts_in(db) == []


def test_articles_a_crash_left_unevaluated_are_evaluated_by_the_next_cycle_once(tmp_path, db_url):
    from parley.ingest import ingest

    site_dir = tmp_path / "site"
    site_dir.mkdir()
    site = Site(site_dir)
    rules = parse_rules(RULE_LIST)
    try:
        db = db_url
        site.publish(STORY[0])
        run_cycle([site.url + "/feed.xml"], db, rules)
        site.publish(STORY[1])
        ingest([site.url + "/feed.xml"], db, workers=1)  # a cycle that stopped after its ingest
        report = run_cycle([site.url + "/feed.xml"], db, rules)
        again = run_cycle([site.url + "/feed.xml"], db, rules)
    finally:
        site.close()
    assert report.summary() == "0 new articles, 2 events, 2 new alerts, 0 alerts sent"
    assert again.summary() == "0 new articles, 0 events, 0 new alerts, 0 alerts sent"
    assert [a[0] for a in alerts_in(db)] == ["hamas-ceasefire", "threats"]


def test_a_first_cycle_stopped_after_its_ingest_is_evaluated_on_the_next_start(tmp_path, db_url):
    import threading

    site_dir = tmp_path / "site"
    site_dir.mkdir()
    site = Site(site_dir)
    rules = parse_rules("rules:\n  - name: threats\n    kind: event\n    types: [THREATEN]\n")
    stop = threading.Event()
    try:
        db = db_url
        site.publish(STORY[0] + STORY[1])
        # Ctrl-C once the ingest has stored its articles: the cycle ends before evaluating them
        stopped = run_cycle([site.url + "/feed.xml"], db, rules, stop=stop, ingest=_ingest_then_stop(stop))
        report = run_cycle([site.url + "/feed.xml"], db, rules)
    finally:
        site.close()
    assert (stopped.stopped, stopped.articles, stopped.alerts) == (True, 4, 0)
    assert report.summary() == "0 new articles, 4 events, 1 new alert, 0 alerts sent"


def _ingest_then_stop(stop):
    from parley.ingest import ingest

    def run(*args, **kwargs):
        found = ingest(*args, **kwargs)
        stop.set()
        return found
    return run


# ------------------------------------------------------------------ the rules file

@pytest.mark.parametrize("text, message", [
    ("rules:\n  - name: a\n    kind: spike\n",
     "alerts.yaml, line 3: rule 'a': kind 'spike' is not a rule kind. Use one of: event, shift, surge."),
    ("rules:\n  - name: a\n    kind: event\n    typs: [REJECT]\n",
     ("alerts.yaml, line 4: a event rule ('a') has no key 'typs'. Use one of: name, kind, types, status, actors, "
     "source, target, between, countries, places, min_reports.")),
    ("rules:\n  - name: a\n    kind: event\n    types: [REJECT, ATTACK]\n",
     ("alerts.yaml, line 4: rule 'a': 'ATTACK' is not a PLOVER event type. Use one of: AGREE, CONSULT, SUPPORT, "
     "CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, "
     "ASSAULT.")),
    ("rules:\n  - name: a\n    kind: event\n    types: [REJECT\n",
     ("alerts.yaml, line 5: not valid YAML (expected ',' or ']', but got '<stream end>'). Check the indentation, "
     "the colons and the quotes on that line and the one before.")),
    ("rules:\n  - name: a\n    kind: surge\n    floor: 0\n",
     "alerts.yaml, line 4: rule 'a': `floor:` must be a whole number of at least 1, not 0."),
    ("rules:\n  - name: a\n    kind: event\n    between: [Russia]\n",
     ("alerts.yaml, line 4: rule 'a': `between:` takes two actors, one for each side, e.g. "
     "`between: [Russia, Ukraine]`.")),
    ("rules:\n  - name: a\n    kind: shift\n  - name: a\n    kind: event\n",
     ("alerts.yaml, line 4: two rules are named 'a'. Give each its own name: alerts and deliveries are stored "
     "under it.")),
    ("channels:\n  - name: x\n    url: nosuch://somewhere\nrules:\n  - name: a\n    kind: shift\n",
     ("alerts.yaml, line 3: channel 'x': apprise cannot use the URL 'nosuch://somewhere'. Check its scheme "
     "(json://, form://, mailto://, mailtos://, slack://, ...) and parameters against apprise's list of services.")),
    ("channels:\n  - name: x\n    url: mailto://u:${PARLEY_TEST_UNSET}@h?to=a@b.org\nrules:\n  - name: a\n    kind: shift\n",
     ("alerts.yaml, line 3: channel 'x' uses ${PARLEY_TEST_UNSET}, which is not set. Set the environment variable "
     "PARLEY_TEST_UNSET before starting the watch.")),
    ("rule:\n  - name: a\n",
     "alerts.yaml, line 1: the rules file has no key 'rule'. Use one of: dashboard, feed, channels, rules."),
])
def test_a_malformed_rules_file_is_refused_with_its_line_and_the_fix(tmp_path, monkeypatch, text, message):
    monkeypatch.delenv("PARLEY_TEST_UNSET", raising=False)
    path = tmp_path / "alerts.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as found:
        load_rules(path)
    assert str(found.value) == f"{path.parent}/{message}"


def test_the_cli_refuses_a_malformed_rules_file_before_reading_any_source(tmp_path):
    path = tmp_path / "alerts.yaml"
    path.write_text("rules:\n  - name: a\n    kind: event\n    status: [rumoured]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["watch", str(tmp_path / "nothing"), "--once", "--rules", str(path),
                                       "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {path}, line 4: rule 'a': 'rumoured' is not an event status. Use one of: asserted, future, "
        "hypothetical, negated, alleged, denied.")
    assert not (tmp_path / "w.db").exists()


def test_every_reads_a_number_and_a_unit():
    assert [parse_every(v) for v in ("90s", "15m", "2h", "1d")] == [90, 900, 7200, 86400]
    with pytest.raises(InvalidQuery, match=r"^'15' is not a period. Write a whole number and a unit: 90s, 15m, "
                                           r"2h or 1d.$"):
        parse_every("15")


def test_watch_once_on_the_demo_corpus_stores_alerts_and_writes_the_feed(tmp_path, monkeypatch):
    root = Path(__file__).resolve().parent.parent
    shown = "parley watch examples/corpus --once --rules examples/alerts.yaml --db watch.db"
    assert shown in (root / "README.md").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["watch", str(root / "examples" / "corpus"), "--once", "--rules",
                                       str(root / "examples" / "alerts.yaml"), "--db", "watch.db"])
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("cycle 1: ")]
    assert line == "cycle 1: 40 new articles, 89 events, 11 new alerts, 0 alerts sent"
    assert f"`{line}`" in (root / "README.md").read_text(encoding="utf-8")  # the README quotes this run
    entries = feedparser.parse((tmp_path / "alerts.atom").read_bytes()).entries
    assert "[m23-on-talks] M23 on talks: reject → accept" in [e.title for e in entries]


@pytest.mark.slow  # a real browser (Debian's Chromium through Playwright); CI runs it
def test_the_dashboard_lists_the_recent_alerts_with_links_to_their_articles(story):
    import os

    chromium = os.environ.get("PARLEY_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        pytest.skip(f"no Chromium at {chromium} (apt-get install -y chromium)")
    from playwright.sync_api import expect, sync_playwright

    from parley.api import create_app
    from parley.api.server import BackgroundServer

    with BackgroundServer(create_app(story["db"])) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        try:
            page = browser.new_page()
            page.goto(url + "/")
            items = page.locator("#alert-list li")
            expect(items).to_have_count(4, timeout=15_000)
            expect(items.locator("strong")).to_have_text([
                "ASSAULT: Russia → Ukraine in Odesa, 2026-05-07",
                "Surge: 3 ASSAULT for Russia – Ukraine in the 7 days to 2026-05-07",
                "Hamas on ceasefire: reject → accept", "THREATEN: Russia → Ukraine, 2026-05-05"])
            items.nth(2).locator("a", has_text="article").click()
            expect(page.locator("#article-text")).to_contain_text("the ceasefire proposal on Tuesday.",
                                                                  timeout=15_000)
        finally:
            browser.close()


@pytest.mark.slow  # a fresh process that loads the pipeline
def test_ctrl_c_between_cycles_stops_the_watch_cleanly(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.jsonl").write_text(json.dumps(
        {"id": "warning", "text": "Russia threatened Ukraine with new strikes on Tuesday.",
         "published": "2026-05-05"}) + "\n", encoding="utf-8")
    (tmp_path / "alerts.yaml").write_text(RULE_LIST, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    watch = subprocess.Popen(
        [sys.executable, "-c", "from parley.cli import main; main()", "watch", "news", "--every", "1h", "--rules", "alerts.yaml",
         "--db", "w.db"], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = watch.stdout.readline()  # the cycle's summary: the watch now waits for the next cycle
        watch.send_signal(signal.SIGINT)
        out, err = watch.communicate(timeout=60)
    finally:
        watch.kill()
    assert first == "cycle 1: 1 new article, 1 event, 1 new alert, 0 alerts sent\n"
    assert (watch.returncode, out) == (0, "")
    assert err.splitlines()[-1] == "parley: stopping after the current step (Ctrl-C again to stop at once)."


def test_the_documented_rules_file_and_the_example_are_valid(monkeypatch):
    import textwrap

    from parley.watch import rules as rules_module

    monkeypatch.setenv("SMTP_PASSWORD", "secret")
    documented = textwrap.dedent(rules_module.__doc__.split("\n\n", 1)[1].split("\n\n", 1)[0])
    found = parse_rules(documented)
    assert [(r.name, r.kind) for r in found.rules] == [
        ("threats", "event"), ("hamas-ceasefire", "shift"), ("fighting", "surge")]
    assert [c.url for c in found.channels][1] == "mailto://user:secret@smtp.example.org?to=analyst@example.org"
    example = load_rules(Path(__file__).resolve().parent.parent / "examples" / "alerts.yaml")
    assert [(r.name, r.kind) for r in example.rules] == [
        ("rwanda-congo-rejections", "event"), ("well-reported-strikes", "event"), ("m23-on-talks", "shift"),
        ("fighting-surge", "surge")]


@pytest.mark.parametrize("table", ["alerts", "alert_deliveries", "alert_runs"])
def test_an_upgraded_store_has_the_alert_tables_a_new_one_has(tmp_path, db_url, table):
    from sqlalchemy import inspect

    from parley.store.connect import open_engine
    from test_store_schema import _make_v1, _shape

    _make_v1(db_url)
    open_engine(db_url).dispose()
    (tmp_path / "fresh").mkdir()
    with empty_database(tmp_path / "fresh") as fresh:
        open_engine(fresh).dispose()
        shapes = []
        for url in (db_url, fresh):
            engine = make_engine(url)
            unique = sorted(tuple(u["column_names"]) for u in inspect(engine).get_unique_constraints(table))
            engine.dispose()
            shapes.append((_shape(url, table), unique))
    assert shapes[0] == shapes[1]
