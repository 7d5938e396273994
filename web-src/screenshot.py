"""Take the README's screenshots of the dashboard: `python web-src/screenshot.py [DB] [DOCS]`.

Serves the app over DB (default: parley.db, as `make run` leaves it) on a free local port, opens it in
Debian's Chromium through Playwright, waits until every view has drawn, and saves into DOCS (default: docs/)
the overview (dashboard.png: the first screen) and one picture per view: dashboard-map.png,
dashboard-table.png, dashboard-grid.png and dashboard-network.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from parley.api import create_app
from parley.api.server import BackgroundServer

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

#: file name -> the panel it shows
VIEWS = {"dashboard-map.png": "#map-panel", "dashboard-grid.png": "#matrix-panel",
         "dashboard-network.png": "#network-panel", "dashboard-table.png": "#events-panel"}


def main(db: str = "parley.db", docs: str = "docs") -> None:
    out = Path(docs)
    with BackgroundServer(create_app(db)) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1300}, device_scale_factor=1)
        page.goto(url + "/")
        for ready in ("#events-table tbody tr", "#timeline rect.bar", "#network g.node", "#matrix tbody tr",
                      "#map path.country"):
            expect(page.locator(ready).first).to_be_attached(timeout=30_000)
        for panel in ("timeline", "network", "matrix", "map", "events"):
            expect(page.locator(f"#{panel}-panel")).to_have_attribute("aria-busy", "false", timeout=30_000)
        page.screenshot(path=out / "dashboard.png")
        for name, panel in VIEWS.items():
            box = page.locator(panel).bounding_box()
            # the table: its head, filters and first rows (its whole page would be a long strip)
            height = min(box["height"], 760) if name == "dashboard-table.png" else box["height"]
            page.screenshot(path=out / name, full_page=True,
                            clip={"x": box["x"], "y": box["y"], "width": box["width"], "height": height})
        browser.close()
    print(f"wrote {', '.join(str(out / n) for n in ('dashboard.png', *VIEWS))}")


if __name__ == "__main__":
    main(*sys.argv[1:])
