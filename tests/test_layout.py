"""How the package is put together: reading the store or serving the API never loads spaCy, and the store
depends on neither the CLI, the API nor the ingest job."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "parley"


def test_importing_parley_the_store_and_the_api_loads_no_spacy():
    code = ("import sys, parley, parley.store, parley.store.read, parley.store.export, parley.api, "
            "parley.api.server, parley.cli; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('spacy', 'thinc')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_store_imports_no_cli_api_or_ingest_job():
    found = []
    for path in sorted((SRC / "store").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            found += [(path.name, n) for n in names
                      if n.startswith(("parley.cli", "parley.api", "parley.corpus"))]
    assert found == []
