"""`datasette parley.db` finds the articles' full-text search, on a new database and on an upgraded one."""

import asyncio
import os

import pytest
from datasette.app import Datasette

import test_store_schema as v2
from conftest_store import document, execute, store
from parley.store.connect import open_engine

pytestmark = pytest.mark.skipif(os.environ.get("PARLEY_TEST_DB", "").startswith("postgres"),
                                reason="datasette reads SQLite files")


def _datasette_search(path, query):
    """What datasette itself says: the FTS table it found for articles, and the ids its ?_search= returns."""
    async def ask():
        ds = Datasette([str(path)])
        found = await ds.databases["parley"].fts_table("articles")
        response = await ds.client.get(f"/parley/articles.json?_search={query}&_shape=array&_col=id")
        assert response.status_code == 200, response.text
        return found, [row["id"] for row in response.json()]
    return asyncio.run(ask())


def test_datasette_finds_the_search_index_of_a_new_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'parley.db'}"
    store(url, document("cairo", text="Talks on a ceasefire resumed in Cairo."),
          document("kyiv", text="Drones struck Kyiv overnight."))
    assert _datasette_search(tmp_path / "parley.db", "ceasefire") == ("articles_fts", ["cairo"])


def test_datasette_finds_the_search_index_of_an_upgraded_version_2_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'parley.db'}"
    v2._make_v2(url)
    open_engine(url).dispose()
    execute(url, "INSERT INTO articles (id, title, text, content_hash, ingested_at) VALUES "
                 "('new', 'Truce', 'A ceasefire was agreed in Doha.', 'h-new', '2025-07-01T00:00:00+00:00')")
    assert _datasette_search(tmp_path / "parley.db", "ceasefire") == ("articles_fts", ["new", "old"])  # datasette sorts by id
