"""Set-up: `make venv` installs what a user needs, the test targets and CI add the test and Ray extras, pytest says
why it skipped, and `pip install .` builds a wheel that carries Parley's data."""

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Under `make test` the inherited MAKEFLAGS/MAKELEVEL would add "Entering directory" lines.
ENV = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"}}


def _planned(*args: str) -> list[str]:
    """The commands `make -n -B ARGS` would run (-B: as on a fresh clone, whatever .venv holds now)."""
    return subprocess.run(["make", "-n", "-B", *args], cwd=ROOT, env=ENV, capture_output=True, text=True,
                          check=True).stdout.splitlines()


def test_make_venv_installs_parley_without_the_test_and_ray_extras():
    planned = _planned("venv")
    assert ".venv/bin/pip install --quiet -e ." in planned
    assert not [line for line in planned if "[test" in line or "ray]" in line]
    assert ".venv/bin/python scripts/build_gazetteer.py" in planned


def test_make_test_adds_the_test_and_ray_extras():
    assert ".venv/bin/pip install --quiet -e '.[test,ray]'" in _planned("-o", ".venv/bin/parley", "test")


def test_ci_installs_the_test_and_ray_extras():
    assert "\nmake venv test-deps\n" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_pytest_reports_why_each_skipped_test_was_skipped():
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "-rs" in options["addopts"].split()


def test_the_distribution_name_and_extras_the_readme_gives():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "parley-events"
    assert sorted(project["optional-dependencies"]) == ["pdf", "ray", "test"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in ("pip install .  ", "pip install '.[pdf]'", "pip install '.[ray]'", "pip install '.[test]'",
                 ". .venv/bin/activate"):
        assert line in readme


@pytest.mark.slow  # builds a wheel (pip fetches setuptools into an isolated build environment)
def test_pip_install_dot_builds_a_wheel_with_the_data_parley_reads(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("parley_events-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("parley/kb/countries.yaml", "parley/kb/triggers.yaml", "parley/models/event_classifier/meta.json",
                 "parley/web/templates/index.html", "parley/brief/templates/brief.html.j2"):
        assert name in names
