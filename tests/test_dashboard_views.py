"""The dashboard's map, positions grid, network and colours in a real browser (fixtures from test_dashboard): the
map is drawn offline and filters every view; the grid follows the filters and a cell filters the table; network
labels never overlap and leaders fold into their state; ◆ marks only a change of leaning; colours read."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from parley.api import create_app
from parley.api.server import BackgroundServer
from parley.records import Actor
from test_api_corpus import ACTORS, Builder
from test_dashboard import browser, guarded_page, open_dashboard, page, server  # noqa: F401  (fixtures; skips without Chromium)
from test_dashboard_details import _drag


def test_the_map_draws_countries_and_places_from_the_package(page):
    open_dashboard(page)  # the page fixture fails the test on any request that leaves this machine
    countries = page.locator("#map path.country.has-events")
    expect(countries).to_have_count(2)
    assert sorted(countries.evaluate_all("ps => ps.map(p => p.dataset.country)")) == ["CHE", "UKR"]
    assert page.locator("#map path.country").count() == 177  # Natural Earth's 1:110m outlines
    expect(page.locator("#map circle.place")).to_have_count(2)
    expect(page.locator("#map circle.place[data-place='Kharkiv']")).to_have_attribute("data-count", "3")
    expect(page.locator("#map circle.place[data-place='Kharkiv'] title")).to_have_text(
        "Kharkiv, UKR: 3 events — click to filter")
    # the busier country is the darker
    shades = {c: page.locator(f"#map path[data-country='{c}']").evaluate("p => getComputedStyle(p).fill")
              for c in ("UKR", "CHE")}
    assert shades["UKR"] != shades["CHE"]
    expect(page.locator("#map-legend")).to_contain_text("4 events of 10 with a place; 6 without")


def test_clicking_a_place_filters_every_view(page):
    open_dashboard(page)
    page.locator("#map circle.place[data-place='Kharkiv']").click()
    expect(page.locator("#focus-place")).to_contain_text("Place: Kharkiv")
    expect(page.locator("#events-count")).to_have_text("3 events")
    expect(page).to_have_url(page.base_url + "/?place=Kharkiv")
    # the network keeps the pairs of those events; the grid, the positions of the articles reporting them
    expect(page.locator("#network path.edge")).to_have_count(2)
    expect(page.locator("#matrix tbody tr")).to_have_count(2)
    expect(page.locator("#map circle.place")).to_have_count(1)
    expect(page.locator("#map circle.place.selected")).to_have_attribute("data-place", "Kharkiv")
    page.locator("#focus-place button").click()
    expect(page.locator("#events-count")).to_have_text("10 events")
    expect(page.locator("#map circle.place")).to_have_count(2)


def test_a_place_in_the_table_filters_every_view(page):
    open_dashboard(page)
    page.locator("#events-table tbody tr[data-type='AGREE'] .place-link", has_text="Geneva").click()
    expect(page.locator("#focus-place")).to_contain_text("Place: Geneva")
    expect(page.locator("#events-count")).to_have_text("1 event")
    expect(page.locator("#map circle.place")).to_have_count(1)


def test_a_country_on_the_map_filters_from_the_mouse_and_the_keyboard(page):
    open_dashboard(page)
    page.locator("#map path[data-country='UKR']").click()
    expect(page.locator("#focus-place")).to_contain_text("Place: Ukraine")
    expect(page.locator("#events-count")).to_have_text("3 events")
    page.locator("#map path[data-country='UKR']").click()  # the same country again lets it go
    expect(page.locator("#events-count")).to_have_text("10 events")
    # the places and countries are buttons a screen reader lists (the map is a group, not a flat image)
    geneva = page.get_by_role("button", name="Geneva: 1 event — click to filter")
    expect(geneva).to_have_count(1)
    expect(page.get_by_role("button", name="Ukraine: 3 events there — click to filter")).to_have_count(1)
    geneva.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#events-count")).to_have_text("1 event")
    expect(page.locator("#events-table tbody tr")).to_contain_text("AGREE")
    # a shared link opens the same view, the country named
    page.goto(page.base_url + "/?place=UKR")
    expect(page.locator("#focus-place")).to_contain_text("Place: Ukraine")
    expect(page.locator("#events-count")).to_have_text("3 events")


def test_the_map_follows_the_filters_and_the_brush(page):
    open_dashboard(page)
    page.locator("#event-filters select[name=type]").select_option("AID")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#events-count")).to_have_text("1 event")
    expect(page.locator("#map circle.place")).to_have_count(1)
    expect(page.locator("#map circle.place[data-place='Kharkiv']")).to_have_attribute("data-count", "1")
    page.get_by_role("button", name="Clear filters (type: AID)").click()
    _drag(page, "2026-03-10", "2026-03-10")
    expect(page.locator("#focus-dates")).to_contain_text("2026-03-10 – 2026-03-10")
    expect(page.locator("#events-count")).to_have_text("4 events")
    expect(page.locator("#map circle.place")).to_have_count(1)
    expect(page.locator("#map circle.place[data-place='Geneva']")).to_be_visible()
    page.goto(page.base_url + "/?since=2026-03-25&until=2026-03-31")
    expect(page.locator("#map-empty")).to_be_visible()


def test_the_grid_follows_the_filters(page):
    open_dashboard(page)
    expect(page.locator("#matrix tbody tr")).to_have_count(4)
    page.locator("#event-filters select[name=type]").select_option("ASSAULT")
    page.get_by_role("button", name="Apply").click()
    # the positions stated in the article that reports the shelling
    expect(page.locator("#matrix tbody tr")).to_have_count(2)
    expect(page.locator("#matrix td[data-actor='country:UKR'][data-issue='ceasefire']")).to_have_attribute(
        "data-stance", "reject")
    expect(page.locator("#matrix td[data-actor='country:RUS'][data-issue='ceasefire']")).to_have_attribute(
        "data-stance", "conditional")
    page.locator("#event-filters select[name=type]").select_option("")
    page.locator("#event-filters select[name=issue]").select_option("governance")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#matrix thead th")).to_have_text(["", "governance"])


def test_a_grid_cell_filters_the_table_to_its_actor_and_issue(page):
    open_dashboard(page)
    page.locator("#matrix td[data-actor='country:UKR'][data-issue='ceasefire']").click()
    expect(page.locator("#focus-actor")).to_contain_text("Actor: Ukraine")
    expect(page.locator("#event-filters select[name=issue]")).to_have_value("ceasefire")
    # Ukraine's events reported where a ceasefire stance is stated: its accusation, the ceasefire agreed
    expect(page.locator("#events-count")).to_have_text("2 events")
    expect(page.locator("#events-table tbody tr").nth(0)).to_contain_text("AGREE")
    expect(page.locator("#events-table tbody tr").nth(1)).to_contain_text("ACCUSE")
    expect(page.locator("#matrix-detail-title")).to_have_text("Ukraine on ceasefire, over time")
    expect(page).to_have_url(page.base_url + "/?actor=country%3AUKR&issue=ceasefire")
    page.locator("#matrix td[data-actor='country:UKR'][data-issue='ceasefire']").click()  # again: let go
    expect(page.locator("#events-count")).to_have_text("10 events")
    expect(page.locator("#matrix-detail")).to_be_hidden()


def test_the_grid_header_is_never_clipped(browser, big_server):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    try:
        page.goto(big_server + "/")
        expect(page.locator("#matrix tbody tr")).to_have_count(30)
        expect(page.locator("#matrix thead th span", has_text="civilian protection")).to_be_visible()
        clipped = page.evaluate("""() => {
            const wrap = document.querySelector('#matrix-panel .matrix-wrap').getBoundingClientRect();
            return [...document.querySelectorAll('#matrix thead th span')].filter((s) => {
                const r = s.getBoundingClientRect();
                return r.top < wrap.top - 0.5 || r.bottom > wrap.bottom + 0.5 || s.scrollHeight > s.clientHeight + 1;
            }).map((s) => s.textContent);
        }""")
        assert clipped == []
    finally:
        page.close()


@pytest.fixture(scope="module")
def big_server(big_db):
    with BackgroundServer(create_app(big_db)) as served:
        yield served


OVERLAPS = """(selector) => {
    const boxes = [...document.querySelectorAll(selector)].filter((t) => getComputedStyle(t).display !== 'none')
        .map((t) => [t.textContent, t.getBoundingClientRect()]);
    const hits = [];
    for (let i = 0; i < boxes.length; i += 1) for (let j = i + 1; j < boxes.length; j += 1) {
        const [a, ra] = boxes[i], [b, rb] = boxes[j];
        // one pixel of slack: glyph boxes include the font's line gap
        if (ra.left < rb.right - 1 && rb.left < ra.right - 1 && ra.top < rb.bottom - 1 && rb.top < ra.bottom - 1) hits.push([a, b]);
    }
    return [boxes.length, hits];
}"""


def test_network_labels_never_overlap_on_a_busy_graph(browser, big_server):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    try:
        page.goto(big_server + "/")
        expect(page.locator("#network path.edge")).to_have_count(50)
        shown, hits = page.evaluate(OVERLAPS, "#network g.node text")
        assert hits == []
        assert shown >= page.locator("#network g.node").count() * 0.6  # most nodes keep their label
        # the busiest node is always labelled
        busiest = page.evaluate("""() => [...document.querySelectorAll('#network g.node')]
            .sort((a, b) => b.querySelector('circle').r.baseVal.value - a.querySelector('circle').r.baseVal.value)[0]
            .querySelector('text').getAttribute('class')""")
        assert busiest != "unplaced"
    finally:
        page.close()


def test_every_label_and_chip_reads_against_its_colour(page):
    open_dashboard(page)
    expect(page.locator("#matrix td.cell").first).to_be_visible()
    low = page.evaluate("""() => {
        const lum = (c) => {
            const [r, g, b] = c.match(/\\d+/g).slice(0, 3).map((v) => {
                v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
        return [...document.querySelectorAll('#matrix td.cell, #events-table span.type')].map((e) => {
            const s = getComputedStyle(e);
            return [e.textContent || e.dataset.stance, ratio(s.color, s.backgroundColor)];
        }).filter(([, r]) => r < 3);
    }""")
    assert low == []
    legend = page.locator("#stance-legend")
    expect(legend.locator("[data-leaning=for] .item")).to_have_text(["demand", "propose", "support", "accept"])
    expect(legend.locator("[data-leaning=against] .item")).to_have_text(["reject", "oppose"])
    expect(legend).to_contain_text("◆ its leaning changed (for ↔ conditional ↔ against) in the dates shown")


# ---------------------------------------------------------------- a corpus with a leader and stances that move

ZELENSKY = "person:volodymyr-zelensky"
PEOPLE = {ZELENSKY: ("Volodymyr Zelensky", "UKR", "GOV")}


class LeaderBuilder(Builder):
    def actor(self, key: str, mention: str | None = None, after: int = 0) -> Actor:
        if key not in PEOPLE:
            return super().actor(key, mention, after)
        name, country, kind = PEOPLE[key]
        start, end = self.span(mention or "Zelensky", after)
        return Actor(mention or "Zelensky", start, end, name, key, country, kind)


def leader_corpus():
    ukr, tur, rus = "country:UKR", "country:TUR", "country:RUS"
    first = LeaderBuilder("ankara-visit", "Zelensky in Ankara", "2026-04-01",
                          "Zelensky met Turkey in Ankara. Russia shelled Ukraine. "
                          "Ukraine rejected talks. Turkey said it supports talks.")
    first.event("e1", "met", "CONSULT", [ZELENSKY], [tur])
    first.event("e2", "shelled", "ASSAULT", [rus], [ukr], when="1968-05-01")  # a date decades back
    first.position(ukr, "talks", "reject", "Ukraine rejected talks.")
    first.position(tur, "talks", "support", "Turkey said it supports talks.")
    second = LeaderBuilder("talks-accepted", "Talks accepted", "2026-04-08",
                           "Ukraine accepted talks. Turkey accepted talks.")
    second.position(ukr, "talks", "accept", "Ukraine accepted talks.")
    second.position(tur, "talks", "accept", "Turkey accepted talks.")
    return [first.doc, second.doc]


@pytest.fixture(scope="module")
def leader_server(tmp_path_factory):
    from conftest_store import empty_database
    from parley.store.connect import open_engine
    from parley.store.write import write_document

    assert set(PEOPLE).isdisjoint(ACTORS)
    with empty_database(tmp_path_factory.mktemp("leader")) as url:
        engine = open_engine(url)
        with engine.begin() as conn:
            for doc in leader_corpus():
                write_document(conn, doc)
        engine.dispose()
        with BackgroundServer(create_app(url)) as served:
            yield served


@pytest.fixture
def leader_page(browser, leader_server):
    yield from guarded_page(browser, leader_server)


def test_leaders_fold_into_their_state_unless_kept_apart(leader_page):
    page = leader_page
    page.goto(page.base_url + "/")
    expect(page.locator("#events-count")).to_have_text("2 events")
    nodes = page.locator("#network g.node")
    expect(nodes).to_have_count(3)
    assert sorted(nodes.evaluate_all("gs => gs.map(g => g.dataset.actor)")) == [
        "country:RUS", "country:TUR", "country:UKR"]
    expect(page.locator("#network g.node[data-actor='country:UKR'] title")).to_contain_text(
        "Ukraine: 2 events (with its leaders and officials)")
    # focusing the state brings its leader's events, as positions do
    page.locator("#network g.node[data-actor='country:UKR'] circle").click()
    expect(page.locator("#events-count")).to_have_text("2 events")
    page.locator("#focus-actor button").click()
    page.locator("#leaders-apart").check()
    expect(nodes).to_have_count(4)
    expect(page.locator(f"#network g.node[data-actor='{ZELENSKY}'] text")).to_have_text("Volodymyr Zelensky")
    expect(page).to_have_url(page.base_url + "/?apart=1")
    page.locator("#network g.node[data-actor='country:UKR'] circle").click()
    expect(page.locator("#events-count")).to_have_text("1 event")


def test_the_shift_mark_is_only_on_a_change_of_leaning(leader_page):
    page = leader_page
    page.goto(page.base_url + "/")
    # Ukraine went from reject to accept (against -> for): a shift; Turkey from support to accept (for -> for): none
    ukraine = page.locator("#matrix td[data-actor='country:UKR'][data-issue='talks']")
    turkey = page.locator("#matrix td[data-actor='country:TUR'][data-issue='talks']")
    expect(ukraine).to_have_text("◆")
    expect(ukraine).to_have_attribute("data-stance", "accept")
    expect(turkey).to_have_text("")
    expect(turkey).to_have_attribute("data-stance", "accept")



def test_a_timeline_reaching_back_decades_draws_a_bar_a_year(leader_page):
    page = leader_page
    page.goto(page.base_url + "/")
    expect(page.locator("#timeline-panel h2")).to_have_text("Events per year")
    bar = page.locator("#timeline rect.bar[data-date='1968-01-01']")
    expect(bar).to_have_count(1)
    expect(bar.locator("title")).to_have_text("1968 · ASSAULT: 1")
    assert bar.bounding_box()["width"] > 10  # a day's bar over 58 years would be a fraction of a pixel
    box = bar.bounding_box()
    y = box["y"] + box["height"] - 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.7, y, steps=4)
    page.mouse.up()
    # the brush takes whole years
    expect(page.locator("#focus-dates")).to_contain_text("1968-01-01 – 1968-12-31")
    expect(page.locator("#events-count")).to_have_text("1 event")
