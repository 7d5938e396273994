"""Property-based tests of the API against its own OpenAPI document: no 5xx, and every answer matches the schema.

The OpenAPI document is read at collection from an app over an empty in-memory database (the document does
not depend on the data), so collecting the suite builds no corpus; each case then calls the app over the
corpus_db fixture. Marked slow: `pytest -m "not slow"` skips it locally; CI runs it.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from parley.api import create_app
from parley.api.db import ReadOnlyStore
from parley.store.connect import make_engine

EXAMPLES = 30  # per operation: bounded, so CI stays fast

pytestmark = pytest.mark.slow


schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(store=ReadOnlyStore(make_engine("sqlite://"))))


@pytest.fixture(scope="session")
def corpus_app(corpus_db):
    return create_app(corpus_db)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_conforms_to_its_schema(case, corpus_app):
    # Every check but positive_data_acceptance, which wants a 2xx for any schema-valid request: a filter
    # naming an actor, country or article the store does not hold, or an offset past the end, gets a
    # documented 400 that says what to send instead.
    case.call_and_validate(app=corpus_app, excluded_checks=[positive_data_acceptance])
