"""Take the README's screenshot of the dashboard: `python web-src/screenshot.py [DB] [OUT.png]`.

Serves the app over DB (default: parley.db, as `make run` leaves it) on a free local port, opens it in
Debian's Chromium through Playwright, waits until every view has drawn, and saves a full-page PNG.
"""

from __future__ import annotations

import sys

from playwright.sync_api import expect, sync_playwright

from parley.api import create_app
from parley.api.server import BackgroundServer

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main(db: str = "parley.db", out: str = "docs/dashboard.png") -> None:
    with BackgroundServer(create_app(db)) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
        page.goto(url + "/")
        expect(page.locator("#events-table tbody tr").first).to_be_visible(timeout=30_000)
        expect(page.locator("#timeline rect.bar").first).to_be_attached(timeout=30_000)
        expect(page.locator("#network g.node").first).to_be_attached(timeout=30_000)
        expect(page.locator("#matrix tbody tr").first).to_be_attached(timeout=30_000)
        page.screenshot(path=out, full_page=True)
        browser.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
