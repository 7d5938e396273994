"""Dashboard details a newcomer trips over, in a real browser (fixtures from test_dashboard): axis labels, the
brush, the evidence panel, article chips, the "Clear filters" button and malformed links."""

from __future__ import annotations

from playwright.sync_api import expect

from test_dashboard import browser, open_dashboard, page, server  # noqa: F401  (fixtures; skips without Chromium)


def _drag(page, first_day: str, last_day: str, start: float = 0.25, end: float = 0.75) -> None:
    """Drag across the timeline from `start` of the first day's bar to `end` of the last day's (fractions)."""
    first = page.locator(f"#timeline rect.bar[data-date='{first_day}']").first.bounding_box()
    last = page.locator(f"#timeline rect.bar[data-date='{last_day}']").first.bounding_box()
    y = first["y"] + first["height"] - 3
    page.mouse.move(first["x"] + first["width"] * start, y)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] * end, y, steps=8)
    page.mouse.up()


def test_timeline_labels_each_tick_once(page):
    open_dashboard(page)
    days = page.locator("#timeline .x-axis .tick text").all_text_contents()
    counts = page.locator("#timeline .y-axis .tick text").all_text_contents()
    assert days and len(days) == len(set(days)), days
    assert counts == ["0", "1", "2", "3", "4"]


def test_brush_snaps_to_the_whole_days_it_selects(page):
    open_dashboard(page)
    _drag(page, "2026-03-10", "2026-03-12")
    expect(page.locator("#focus-dates")).to_contain_text("2026-03-10 – 2026-03-12")
    first = page.locator("#timeline rect.bar[data-date='2026-03-10']").first.bounding_box()
    last = page.locator("#timeline rect.bar[data-date='2026-03-12']").first.bounding_box()
    shown = page.locator("#timeline .brush .selection").bounding_box()
    assert abs(shown["x"] - first["x"]) < 0.6
    assert abs(shown["x"] + shown["width"] - (last["x"] + last["width"] + 1)) < 0.6  # bars leave a 1px gap


def test_evidence_panel_clears_when_the_selection_leaves_its_cell_out(page):
    open_dashboard(page)
    page.locator("#matrix td[data-actor='country:UKR'][data-issue='ceasefire']").click()
    expect(page.locator("#matrix-detail-title")).to_have_text("Ukraine on ceasefire, over time")
    # the cell filters the views to Ukraine and the ceasefire; a search for the Caucasus leaves it out
    page.locator("#event-filters input[name=q]").fill("Armenia")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#events-count")).to_have_text("0 events")
    expect(page.locator("#matrix-detail")).to_be_hidden()
    expect(page.locator("#matrix-evidence li")).to_have_count(0)


def test_article_chips_stay_on_one_line_in_a_narrow_window(page):
    page.set_viewport_size({"width": 380, "height": 900})
    page.goto(page.base_url + "/#/article/kharkiv-shelling")
    marks = page.locator("#article-text mark")
    expect(marks).to_have_count(10)
    assert marks.evaluate_all("ms => ms.filter(m => m.getClientRects().length !== 1).map(m => m.textContent)") == []
    chips = page.locator("#article-events span.type")
    assert chips.evaluate_all("cs => cs.filter(c => c.getClientRects()[0].height > 24).map(c => c.textContent)") == []


def test_clear_filters_says_what_is_filtered(page):
    open_dashboard(page)
    reset = page.locator("#reset")
    expect(reset).to_be_hidden()
    page.locator("#event-filters select[name=status]").select_option("alleged")
    page.locator("#event-filters input[name=q]").fill("Kharkiv")
    page.get_by_role("button", name="Apply").click()
    expect(reset).to_have_text("Clear filters (status: alleged, search: Kharkiv)")
    page.locator("#network g.node[data-actor='country:RUS'] circle").click()
    expect(reset).to_have_text("Clear filters (actor, status: alleged, search: Kharkiv)")
    reset.click()
    expect(reset).to_be_hidden()
    expect(page.locator("#events-count")).to_have_text("10 events")


def test_a_malformed_link_shows_not_found(page):
    page.goto(page.base_url + "/#/article/%E0%A4%A")
    expect(page.locator("#article-title")).to_have_text(
        "Not found: #/article/%E0%A4%A is not a valid address. Go back to the overview.")
    expect(page.locator("#overview-view")).to_be_hidden()
