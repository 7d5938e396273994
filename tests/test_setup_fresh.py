"""`pip install .` into a fresh virtualenv, then `parley extract`, as a user does without the Makefile."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: What the test's own environment sets that a fresh shell would not: the worktree on the path, the test venv,
#: Parley's settings (the database, the cache of the gazetteer is the user's default and may be reused).
NOT_INHERITED = ("PYTHONPATH", "VIRTUAL_ENV", "PARLEY_DB", "PARLEY_TEST_DB", "PARLEY_MODEL")


@pytest.mark.slow  # pip installs Parley and its dependencies into a new venv: 1-4 minutes from local wheels
def test_pip_install_into_a_fresh_venv_then_parley_extract_works(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    installed = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", str(ROOT)], env=env,
                               capture_output=True, text=True, timeout=1500)
    assert installed.returncode == 0, installed.stderr[-3000:]
    article = tmp_path / "article.txt"
    article.write_text("Qatar hosted talks between Congo and Rwanda in Doha on Monday.", encoding="utf-8")
    result = subprocess.run([str(venv / "bin" / "parley"), "extract", str(article), "--published", "2025-04-22"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [(e["type"], [a["name"] for a in e["source"]], [a["name"] for a in e["target"]], e["date"],
             (e["location"] or {}).get("name")) for e in document["events"]] == [
        ("CONSULT", ["Qatar"], ["Democratic Republic of Congo", "Rwanda"], "2025-04-21", "Doha"),
        ("CONSULT", ["Democratic Republic of Congo", "Rwanda"], ["Democratic Republic of Congo", "Rwanda"],
         "2025-04-21", "Doha")]
