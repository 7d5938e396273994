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
