"""Exact output, compared with files in tests/golden/: `parley extract --format jsonl` on articles written for
this test, and every export format on a store built from records. When extraction changes on purpose, refresh
them with `pytest tests/test_golden.py --update-golden` and review the diff before committing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest_store import HAMAS, ISRAEL, RUSSIA, UKRAINE, document, event, position, store
from parley.cli import main
from parley.store.export import FORMATS

GOLDEN = Path(__file__).parent / "golden"


def test_extract_jsonl_is_exactly_the_golden_file(golden):
    result = CliRunner().invoke(main, ["extract", str(GOLDEN / "articles.jsonl"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    golden("extract.jsonl", result.stdout)


@pytest.fixture
def corpus(db_url):
    blockade = event("e2", "COERCE", (ISRAEL,), (HAMAS,), date="2025-04-09", place=None, trigger="blocked",
                     span=(9, 16))
    store(db_url,
          document("kyiv-1", [event(status="alleged", claimed_by=UKRAINE)], url="https://w.example/kyiv-1"),
          document("kyiv-2", [event(status="denied", claimed_by=RUSSIA)], url="https://w.example/kyiv-2",
                   positions=[position(UKRAINE, "ceasefire", "reject", "Article kyiv-2")]),
          document("gaza", [blockade], published="2025-04-10"))
    return db_url


@pytest.mark.parametrize("fmt", [f.name for f in FORMATS])
def test_every_export_format_is_exactly_its_golden_file(corpus, golden, fmt, tmp_path):
    path = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["export", "--db", corpus, "--format", fmt, "--output", str(path)])
    assert result.exit_code == 0, result.output
    if fmt == "parquet":
        import pyarrow.parquet as pq

        golden("export.parquet.json", json.dumps(pq.read_table(path).to_pylist(), indent=1) + "\n")
    else:
        golden(f"export.{fmt}", path.read_text(encoding="utf-8"))
