"""`parley serve` on a busy port fails with one line saying what to do, before any banner."""

import os
import socket

from click.testing import CliRunner

from conftest_store import document, store
from parley.cli import main


def test_serve_on_a_busy_port_fails_with_one_line_and_no_banner(tmp_path):
    url = f"sqlite:///{tmp_path / 'parley.db'}"
    store(url, document("a", text="Qatar hosted talks."))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", url, "--port", str(port)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"Error: Port {port} on 127.0.0.1 is in use. Stop what is using it or pick another "
                             "port with --port (make run PORT=8010).\n")


def test_make_run_takes_a_port():
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    # Under `make test` (as CI runs it) the inherited MAKEFLAGS/MAKELEVEL would add "Entering directory" lines.
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"}}
    planned = subprocess.run(["make", "-n", "-o", ".venv/bin/parley", "run", "PORT=8010"], cwd=root, env=env,
                             capture_output=True, text=True, check=True).stdout.splitlines()
    assert planned == [".venv/bin/parley run examples/voa/articles.jsonl", ".venv/bin/parley serve --port 8010"]
