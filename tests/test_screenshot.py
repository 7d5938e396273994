"""web-src/screenshot.py, the README's screenshots: it serves a store, waits for every view and writes the overview
and one picture per view (its own Playwright session, so apart from the browser tests' module)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium package")
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)

pytestmark = pytest.mark.slow  # a real browser


def test_the_screenshot_script_takes_one_picture_per_view(corpus_db, tmp_path):
    path = Path(__file__).resolve().parents[1] / "web-src" / "screenshot.py"
    spec = importlib.util.spec_from_file_location("screenshot", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.main(corpus_db, str(tmp_path))
    names = ["dashboard-grid.png", "dashboard-map.png", "dashboard-network.png", "dashboard-table.png",
             "dashboard.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    for name in names:
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
