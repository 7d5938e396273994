"""The dashboard in a real browser: Debian's Chromium driven by Playwright, against the app served by uvicorn
in a background thread over the test corpus. No fixed sleeps: every wait is one of Playwright's expectations."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from parley.api import create_app
from parley.api.server import BackgroundServer
from parley.store import synthetic

CHROMIUM = os.environ.get("PARLEY_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium package")
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

expect.set_options(timeout=15_000)
pytestmark = pytest.mark.slow  # a real browser: `pytest -m "not slow"` skips it locally; CI runs it


@pytest.fixture(scope="module")
def server(corpus_db):
    with BackgroundServer(create_app(corpus_db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A fresh page; fails the test on a script error or on any request that leaves this machine."""
    yield from guarded_page(browser, server)


def guarded_page(browser, server):
    """A fresh page on `server` (the page fixture's body, for other servers)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = context.new_page()
    problems: list[str] = []
    host = urlparse(server).netloc

    def guard(route):
        if urlparse(route.request.url).netloc == host:
            route.continue_()
        else:
            problems.append(f"external request: {route.request.url}")
            route.abort()

    page.route("**/*", guard)
    page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))

    def console(msg):
        # The browser logs every 4xx answer; the tests that provoke one check the message the page shows.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            problems.append(f"console: {msg.text}")

    page.on("console", console)
    page.set_default_timeout(15_000)
    page.base_url = server
    yield page
    context.close()
    assert not problems, problems


def open_dashboard(page):
    page.goto(page.base_url + "/")
    expect(page.locator("#events-count")).to_have_text("10 events")


def test_every_view_renders_the_corpus(page):
    open_dashboard(page)
    expect(page.locator("#corpus-counts")).to_have_text("4 articles · 10 events · 5 actors · 7 positions")
    # Timeline: one bar per (day, type), stacked; the legend names the types present.
    expect(page.locator("#timeline rect.bar")).to_have_count(10)
    expect(page.locator("#timeline rect.bar[data-date='2026-03-10']")).to_have_count(4)
    expect(page.locator("#timeline-legend")).to_contain_text("ASSAULT")
    # Network: five actors, one edge per directed pair.
    expect(page.locator("#network g.node")).to_have_count(5)
    expect(page.locator("#network path.edge")).to_have_count(5)
    expect(page.locator("#network path.edge[data-source='country:ARM'][data-target='country:AZE'] title")).to_have_text(
        "Armenia → Azerbaijan: 4 events (2 cooperative, 2 conflictual)")
    # Positions: four actors with positions, three issues, the latest stance and a shift mark.
    expect(page.locator("#matrix tbody tr")).to_have_count(4)
    expect(page.locator("#matrix thead th")).to_have_text(["", "ceasefire", "talks", "governance"])
    ukraine = page.locator("#matrix td[data-actor='country:UKR'][data-issue='ceasefire']")
    expect(ukraine).to_have_attribute("data-stance", "support")
    expect(ukraine).to_have_text("◆")
    # Event table: newest first, with status and claimant.
    rows = page.locator("#events-table tbody tr")
    expect(rows).to_have_count(10)
    expect(rows.first).to_contain_text("CONSULT")
    expect(rows.first).to_contain_text("future")
    assault = page.locator("#events-table tbody tr[data-type='ASSAULT']")
    expect(assault).to_contain_text("Russia → Ukraine")
    expect(assault).to_contain_text("alleged")
    expect(assault.locator("td").nth(4)).to_have_text("Ukraine")
    expect(assault.locator("td.place-cell")).to_have_text("Kharkiv, UKR")
    expect(assault.locator("td.confidence-cell")).to_have_text("0.90")
    expect(page.locator("#events-table thead th")).to_have_text(
        ["Date", "Type", "Who → whom", "Status", "Claimed by", "Place", "Confidence", "Evidence", "Article", "Reports"])
    # the shelling and Moscow's denial are two reports of one event: the last column counts them
    expect(assault.locator("td.reports-cell")).to_have_text("2")


def test_timeline_stacks_by_cooperation_and_conflict(page):
    open_dashboard(page)
    page.get_by_role("button", name="by cooperation / conflict").click()
    expect(page.locator("#timeline-legend")).to_contain_text("verbal cooperation")
    expect(page.locator("#timeline-legend")).not_to_contain_text("ASSAULT")
    expect(page.locator("#timeline rect.bar[data-date='2026-03-10']")).to_have_count(2)


def test_clicking_an_actor_focuses_network_and_table(page):
    open_dashboard(page)
    page.locator("#network g.node[data-actor='country:TUR'] circle").click()
    expect(page.locator("#focus-actor")).to_contain_text("Actor: Turkey")
    expect(page.locator("#events-count")).to_have_text("1 event")
    expect(page.locator("#events-table tbody tr")).to_have_count(1)
    expect(page.locator("#events-table tbody tr")).to_contain_text("AID")
    expect(page.locator("#network g.node")).to_have_count(2)
    expect(page.locator("#network g.node.focused")).to_have_attribute("data-actor", "country:TUR")
    # An actor named in the table focuses too; the chip's × clears the focus.
    page.locator("#events-table .actor-link[data-actor='country:UKR']").click()
    expect(page.locator("#focus-actor")).to_contain_text("Actor: Ukraine")
    expect(page.locator("#events-count")).to_have_text("4 events")
    page.locator("#focus-actor button").click()
    expect(page.locator("#events-count")).to_have_text("10 events")
    expect(page.locator("#network g.node")).to_have_count(5)


def test_date_brush_filters_the_other_views(page):
    open_dashboard(page)
    first = page.locator("#timeline rect.bar[data-date='2026-03-10']").first.bounding_box()
    last = page.locator("#timeline rect.bar[data-date='2026-03-12']").first.bounding_box()
    y = first["y"] + first["height"] - 3
    page.mouse.move(first["x"] + 1, y)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] / 2, y, steps=5)
    page.mouse.move(last["x"] + last["width"] - 1, y, steps=5)
    page.mouse.up()
    expect(page.locator("#focus-dates")).to_contain_text("2026-03-10 – 2026-03-12")
    expect(page.locator("#events-count")).to_have_text("6 events")
    expect(page.locator("#network path.edge")).to_have_count(4)
    # In those days Ukraine still rejected a ceasefire and Russia had only put conditions.
    expect(page.locator("#matrix td[data-actor='country:UKR'][data-issue='ceasefire']")).to_have_attribute(
        "data-stance", "reject")
    expect(page.locator("#matrix td[data-actor='country:RUS'][data-issue='ceasefire']")).to_have_attribute(
        "data-stance", "conditional")
    # The timeline itself keeps every day, so the selection can be widened again.
    expect(page.locator("#timeline rect.bar")).to_have_count(10)
    page.locator("#focus-dates button").click()
    expect(page.locator("#events-count")).to_have_text("10 events")


def test_a_matrix_cell_shows_the_evidence_over_time(page):
    open_dashboard(page)
    page.locator("#matrix td[data-actor='country:UKR'][data-issue='ceasefire']").click()
    expect(page.locator("#matrix-detail-title")).to_have_text("Ukraine on ceasefire, over time")
    items = page.locator("#matrix-evidence li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("2026-03-12")
    expect(items.nth(0)).to_contain_text("ruled out a ceasefire")
    expect(items.nth(1)).to_contain_text("◆ shifted from reject")
    expect(items.nth(1)).to_contain_text("Ukraine said it supports the ceasefire.")


def test_table_filters_and_their_errors(page):
    open_dashboard(page)
    page.locator("#event-filters select[name=status]").select_option("alleged")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#events-table tbody tr")).to_have_count(1)
    expect(page.locator("#events-table tbody tr")).to_contain_text("shelled")
    page.locator("#event-filters select[name=status]").select_option("")
    page.locator("#event-filters input[name=q]").fill("sanctions")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#events-count")).to_have_text("2 events")
    page.locator("#event-filters input[name=q]").fill("")
    page.locator("#event-filters input[name=country]").fill("Atlantis")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#events-error")).to_contain_text("Unknown country 'Atlantis'. Send an ISO 3166 code")
    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator("#events-error")).to_be_hidden()
    expect(page.locator("#events-count")).to_have_text("10 events")


def test_article_view_highlights_triggers_and_actors(page):
    open_dashboard(page)
    page.locator("#events-table tbody tr[data-type='ASSAULT'] a.article-link").click()
    expect(page).to_have_url(re.compile(r"#/article/kharkiv-shelling$"))
    expect(page.locator("#article-title")).to_have_text("Shelling in Kharkiv")
    text = page.locator("#article-text")
    triggers = text.locator("mark[data-kind=trigger]")
    expect(triggers).to_have_count(3)
    expect(triggers.nth(0)).to_have_attribute("title", "ASSAULT · alleged")
    expect(triggers.nth(0)).to_contain_text("shelled")
    expect(triggers.nth(1)).to_have_attribute("title", "ASSAULT · denied")
    # the actors are highlighted where the article was read to name them: whole phrases, metonyms, capitals
    expect(text).to_have_attribute("data-actor-spans", "stored")
    actors = text.locator("mark[data-kind=actor]")
    expect(actors).to_have_count(7)
    assert actors.evaluate_all("ms => ms.map(m => [m.firstChild.textContent, m.dataset.ref])") == [
        ["Russian forces", "country:RUS"], ["Ukrainian army", "country:UKR"], ["Moscow", "country:RUS"],
        ["Ukraine", "country:UKR"], ["Russia", "country:RUS"], ["Kremlin", "country:RUS"], ["Kyiv", "country:UKR"]]
    moscow = text.locator("mark[data-kind=actor]", has_text="Moscow")
    expect(moscow).to_have_attribute("data-ref", "country:RUS")
    expect(moscow.locator(".lbl")).to_have_text("Russia")
    expect(page.locator("#article-legend .item").first).to_have_text("actor")
    expect(text).to_contain_text("said it would consider a ceasefire if")
    events = page.locator("#article-events tbody tr")
    expect(events).to_have_count(3)
    expect(events.nth(0)).to_contain_text("alleged")
    expect(events.nth(0).locator("td").nth(4)).to_have_text("Ukraine")
    expect(events.nth(1)).to_contain_text("denied")
    expect(events.nth(1).locator("td").nth(4)).to_have_text("Russia")
    expect(page.locator("#article-positions li")).to_have_count(2)
    expect(page.locator("#overview-view")).to_be_hidden()
    page.go_back()
    expect(page.locator("#overview-view")).to_be_visible()


@pytest.fixture(scope="module")
def legacy_server(legacy_db):
    with BackgroundServer(create_app(legacy_db)) as url:
        yield url


@pytest.fixture
def legacy_page(browser, legacy_server):
    yield from guarded_page(browser, legacy_server)


def test_article_stored_before_actor_mentions_shows_actors_found_by_name(legacy_page):
    page = legacy_page
    page.goto(page.base_url + "/#/article/kharkiv-shelling")
    text = page.locator("#article-text")
    expect(text).to_have_attribute("data-actor-spans", "guessed")
    expect(text.locator("mark[data-kind=actor]", has_text="Moscow")).to_have_attribute("data-ref", "country:RUS")
    expect(text.locator("mark[data-kind=actor]").first).to_have_text("RussianRussia")  # the demonym and its label
    expect(page.locator("#article-legend")).to_contain_text("found by name")


def test_article_list_and_search(page):
    page.goto(page.base_url + "/#/articles")
    expect(page.locator("#article-list li")).to_have_count(4)
    page.locator("#article-search input[name=q]").fill("Kremlin")
    page.locator("#article-search button").click()
    expect(page.locator("#article-list li")).to_have_count(1)
    page.locator("#article-list a").click()
    expect(page.locator("#article-title")).to_have_text("Shelling in Kharkiv")


def test_unknown_article_says_so(page):
    page.goto(page.base_url + "/#/article/nope")
    expect(page.locator("#article-title")).to_contain_text("No article 'nope'")


def test_api_docs_render_offline(page):
    page.goto(page.base_url + "/docs")
    expect(page.locator(".swagger-ui .opblock-summary-path").first).to_be_visible()
    expect(page.locator(".swagger-ui")).to_contain_text("/api/events/{event_id}")


@pytest.fixture(scope="module")
def big_server(big_db):
    with BackgroundServer(create_app(big_db)) as served:
        yield served


def test_a_large_corpus_renders_and_filters(browser, big_server):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    try:
        page.goto(big_server + "/")
        expect(page.locator("#events-count")).to_have_text(f"{synthetic.EVENTS} events")
        expect(page.locator("#events-table tbody tr")).to_have_count(25)
        # the 60 busiest pairs, leaders and officials folded into their states: 50 edges; kept apart, 60
        expect(page.locator("#network path.edge")).to_have_count(50)
        page.locator("#leaders-apart").check()
        expect(page.locator("#network path.edge")).to_have_count(60)
        expect(page.locator("#matrix tbody tr")).to_have_count(30)
        # 700 days drawn a week a bar: a thousand and more (week, type) bars; wait for the timeline to draw them
        expect(page.locator("#timeline rect.bar").nth(1000)).to_be_attached()
        expect(page.locator("#timeline")).to_have_attribute("data-bin", "week")
        expect(page.locator("#timeline-panel h2")).to_have_text("Events per week")
        page.locator("#network g.node").first.locator("circle").click()
        expect(page.locator("#focus-actor")).to_be_visible()
        expect(page.locator("#events-count")).not_to_have_text(f"{synthetic.EVENTS} events")
    finally:
        page.close()


def test_the_view_is_in_the_address_so_a_shared_link_opens_it(page):
    open_dashboard(page)
    page.locator("#network g.node[data-actor='country:TUR'] circle").click()
    expect(page.locator("#events-count")).to_have_text("1 event")
    expect(page).to_have_url(page.base_url + "/?actor=country%3ATUR")
    # the address opened afresh (a bookmark, a link sent to a colleague) gives the same view
    page.goto(page.base_url + "/?actor=country%3AUKR&type=ASSAULT")
    expect(page.locator("#focus-actor")).to_contain_text("Actor: Ukraine")
    expect(page.locator("#event-filters select[name=type]")).to_have_value("ASSAULT")
    expect(page.locator("#events-count")).to_have_text("1 event")
    expect(page.locator("#events-table tbody tr")).to_contain_text("Russia → Ukraine")


def test_network_nodes_and_matrix_cells_answer_the_keyboard(page):
    open_dashboard(page)
    page.locator("#network g.node[data-actor='country:TUR']").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#focus-actor")).to_contain_text("Actor: Turkey")
    expect(page.locator("#events-count")).to_have_text("1 event")
    page.locator("#focus-actor button").click()
    cell = page.locator("#matrix td[data-actor='country:UKR'][data-issue='ceasefire']")
    expect(cell).to_have_attribute("tabindex", "0")
    expect(page.locator("#matrix td:not(.cell)").first).not_to_have_attribute("tabindex", "0")
    cell.focus()
    page.keyboard.press(" ")
    expect(page.locator("#matrix-detail")).to_be_visible()
    expect(page.locator("#matrix-detail-title")).to_have_text("Ukraine on ceasefire, over time")


def test_panels_say_they_are_loading_until_their_data_arrives(page):
    held = []
    page.route("**/api/positions/matrix*", lambda route: held.append(route))  # the matrix's answer waits
    page.goto(page.base_url + "/")
    expect(page.locator("#events-count")).to_have_text("10 events")
    expect(page.locator("#events-panel")).to_have_attribute("aria-busy", "false")
    matrix = page.locator("#matrix-panel")
    expect(matrix).to_have_attribute("aria-busy", "true")
    assert page.evaluate("getComputedStyle(document.querySelector('#matrix-panel .panel-head'), '::after')"
                         ".content") == '"Loading…"'
    held[0].continue_()
    expect(matrix).to_have_attribute("aria-busy", "false")
    expect(page.locator("#matrix tbody tr")).to_have_count(4)
