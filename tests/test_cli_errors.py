"""Every error a command can meet is a ParleyError, reported once by the command group: one line, exit 1."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

import pytest
from click.testing import CliRunner

from parley.cli import main
from parley.errors import EngineError, ParleyError, PortError, RayMissing, ServeError

CLI = Path(__file__).resolve().parent.parent / "src" / "parley" / "cli"


def test_ray_missing_and_port_errors_are_parley_errors():
    assert issubclass(RayMissing, EngineError) and issubclass(EngineError, ParleyError)
    assert issubclass(PortError, ServeError) and issubclass(ServeError, ParleyError)


@pytest.fixture
def no_ray(monkeypatch):
    real_import = builtins.__import__

    def refuse_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse_ray)


def test_ingest_with_ray_not_installed_says_how_to_install_it(no_ray, tmp_path):
    (tmp_path / "a.txt").write_text("Qatar hosted talks.", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), "--engine", "ray", "--out",
                                       str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == ("Error: --engine ray needs Ray: pip install 'parley-events[ray]' (or '.[ray]' in a "
                             "checkout of Parley)\n")


def test_no_command_builds_a_click_exception_by_hand():
    built = [f"{path.name}:{node.lineno}" for path in sorted(CLI.glob("*.py")) if path.name != "errors.py"
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Attribute) and node.attr == "ClickException"]
    assert built == []


def test_shared_options_are_declared_once():
    declared = [f"{path.name}:{node.lineno}" for path in sorted(CLI.glob("*.py")) if path.name != "options.py"
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.Constant) and node.value in ("--db", "--model", "--published")]
    assert declared == []


def test_every_command_that_reads_the_store_takes_the_same_db_option():
    helps = {name: next(p.help for p in command.params if p.name == "db_url")
             for name, command in main.commands.items() if any(p.name == "db_url" for p in command.params)}
    assert set(helps) >= {"run", "serve", "ingest", "load", "events", "actors", "positions", "export"}
    assert set(helps.values()) == {"Corpus database: a SQLite file or postgresql://user:password@host/db. "
                                   "[default: parley.db]"}


# Found in the December trial: a --db that is no database, or one that cannot be written, gave a traceback.

def _one_article(tmp_path) -> str:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "published": "2025-04-22", "text": "Kenya hosted talks."}\n')
    return str(path)


def test_a_db_file_that_is_not_a_database_is_one_line_naming_it(tmp_path):
    (tmp_path / "notes.db").write_text("hello\n")
    result = CliRunner().invoke(main, ["ingest", _one_article(tmp_path), "--db", str(tmp_path / "notes.db"), "-q"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"Error: Cannot open database sqlite:///{tmp_path}/notes.db: file is not a database. Check --db / PARLEY_DB "
        "and that the server is running and the database exists.")


def test_a_database_that_cannot_be_written_is_one_line_saying_what_to_check(tmp_path):
    db = tmp_path / "corpus.db"
    assert CliRunner().invoke(main, ["ingest", _one_article(tmp_path), "--db", str(db), "-q"]).exit_code == 0
    # opened read-only, as a file whose mode forbids writing is for anyone but root
    read_only = f"sqlite:///file:{db}?mode=ro&uri=true"
    result = CliRunner().invoke(main, ["ingest", _one_article(tmp_path), "--db", read_only, "-q"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: Cannot write to the database: attempt to write a readonly database. Check that the file and its "
        "folder are writable (SQLite keeps a journal beside the file), or give another --db.")
