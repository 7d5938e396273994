import pytest

import parley


@pytest.fixture(scope="session")
def extract():
    """parley.extract with a fixed publication date, so relative dates in test sentences resolve."""
    def run(text, published="2025-04-22"):
        return parley.extract(text, published=published)
    return run
