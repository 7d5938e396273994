import os

import pytest

import parley


@pytest.fixture(scope="session")
def extract():
    """parley.extract with a fixed publication date, so relative dates in test sentences resolve."""
    def run(text, published="2025-04-22"):
        return parley.extract(text, published=published)
    return run


@pytest.fixture(scope="session")
def big_db(tmp_path_factory):
    """parley.store.synthetic's corpus (30,000 events), built once for the API and dashboard scale tests:
    in SQLite, or in a fresh PostgreSQL schema when PARLEY_TEST_DB names a server."""
    from conftest_store import empty_database
    from parley.store import synthetic

    with empty_database(tmp_path_factory.mktemp("big")) as url:
        synthetic.build(url)
        yield url


@pytest.fixture(scope="session")
def sentence_and_trigger():
    """Parse a sentence with the bare spaCy pipeline; return it and the first token spelled `trigger`."""
    from parley.nlp.pipeline import load_spacy

    nlp = load_spacy()

    def parse(text, trigger):
        doc = nlp(text)
        return next(doc.sents), next(t for t in doc if t.text == trigger)
    return parse


@pytest.fixture
def db_url(tmp_path):
    """A URL to an empty corpus database: SQLite in tmp_path, or PostgreSQL when PARLEY_TEST_DB names one."""
    from conftest_store import empty_database

    with empty_database(tmp_path) as url:
        yield url


@pytest.fixture
def pg_url():
    """A URL to a fresh PostgreSQL schema; the test is skipped unless PARLEY_TEST_PG is set."""
    base = os.environ.get("PARLEY_TEST_PG")
    if not base:
        pytest.skip("PostgreSQL tests need PARLEY_TEST_PG=postgresql://user:password@host/db (CI sets it)")
    from conftest_store import fresh_pg_schema

    with fresh_pg_schema(base) as url:
        yield url


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):
    """The corpus in SQLite, or in a fresh PostgreSQL schema when PARLEY_TEST_DB names a server."""
    from conftest_store import empty_database
    from test_api_corpus import write_corpus

    with empty_database(tmp_path_factory.mktemp("corpus")) as url:
        yield write_corpus(url)


@pytest.fixture(scope="session")
def legacy_db(tmp_path_factory):
    """The corpus as a database upgraded to keep actor mentions holds it: "kharkiv-shelling" was ingested
    before the upgrade (so it has no actor mentions), "kharkiv-ceasefire" after, with no actor named in it."""
    from sqlalchemy import text

    from conftest_store import empty_database
    from parley.store.connect import make_engine
    from test_api_corpus import write_corpus

    with empty_database(tmp_path_factory.mktemp("legacy")) as url:
        write_corpus(url)
        engine = make_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM actor_mentions WHERE article_id IN ('kharkiv-shelling', "
                              "'kharkiv-ceasefire')"))
            conn.execute(text("UPDATE articles SET ingested_at = '2025-01-01T00:00:00+00:00' "
                              "WHERE id = 'kharkiv-shelling'"))
        engine.dispose()
        yield url


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite the files in tests/golden/ from what the code prints now, instead of comparing.")


@pytest.fixture
def golden(request):
    """check(name, text): assert `text` equals tests/golden/NAME exactly; with --update-golden, write it instead.
    After a change to extraction, run `pytest tests/test_golden.py --update-golden` and review `git diff`."""
    from pathlib import Path

    folder = Path(__file__).parent / "golden"
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = folder / name
        if update:
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"{path} is missing: run pytest with --update-golden to write it"
        assert text == path.read_text(encoding="utf-8"), \
            f"output differs from {path}; if the change is intended, run pytest with --update-golden"
    return check
