"""Every `parley` corpus command and every `curl` line of the README works on the demo corpus and shows what the
README says it shows (the VOA stories of examples/voa)."""

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from parley.api import create_app
from parley.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CORPUS_COMMANDS = ("events", "actors", "positions", "export")


def _code_lines(prefix: str) -> list[str]:
    """Lines of the README's sh blocks that start with `prefix`, without their trailing comment."""
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        lines += [line.split("  #")[0].strip() for line in block.splitlines() if line.startswith(prefix)]
    return lines


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{folder / 'parley.db'}"
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "examples" / "voa" / "articles.jsonl"), "--db", url])
    assert result.exit_code == 0, result.output
    return folder, url


def test_the_readme_has_the_commands_this_test_runs():
    assert [shlex.split(c)[1] for c in _code_lines("parley ") if shlex.split(c)[1] in CORPUS_COMMANDS] == [
        "events", "actors", "positions", "export"]
    assert len(_code_lines("curl ")) == 3


@pytest.mark.parametrize("command", [c for c in _code_lines("parley ") if shlex.split(c)[1] in CORPUS_COMMANDS])
def test_readme_corpus_command_finds_something_in_the_demo_corpus(demo, command, monkeypatch):
    folder, url = demo
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, [*shlex.split(command)[1:], "--db", url])
    assert result.exit_code == 0, result.output
    assert "none found" not in result.stdout
    if "--output" in command:
        assert (folder / "events.json").read_text().startswith("[")
    else:
        assert len(result.stdout.splitlines()) > 4


def test_readme_positions_example_shows_the_stance_it_names(demo):
    _, url = demo
    result = CliRunner().invoke(main, ["positions", "--actor", "Britain", "--issue", "territory", "--format", "csv",
                                       "--db", url])
    assert result.stdout.splitlines()[1].split(",")[1:8] == [
        "Britain", "territory", "accept", "2025-03-10", "2025-03-12", "2", ""]
    assert "latest stance `accept`, first seen 2025-03-10, from 2 reports, and no shift" in README


@pytest.mark.parametrize("line", _code_lines("curl "))
def test_readme_curl_line_answers_with_results(demo, line):
    _, url = demo
    address = urlsplit(shlex.split(line)[1])
    response = TestClient(create_app(url)).get(f"{address.path}?{address.query}")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] > 0
    if "/places" in line:
        assert {"KEN", "SOM"} <= {c["country"] for c in body["countries"]}
        assert "Kakuma" in {p["name"] for p in body["places"]}  # "the number of refugees in Dadaab declined": no event
    if "/positions" in line:
        assert sorted((p["actor"]["name"], p["issue"], p["stance"], p["date"]) for p in body["items"]) == [
            ("Britain", "territory", "accept", "2025-03-10"), ("Britain", "territory", "accept", "2025-03-12")]
