"""Property-based tests of the API against its own OpenAPI document: no 5xx, and every answer matches the schema.

The schema is loaded from a fixture when the tests run (not when the module is collected), so collecting the
suite builds no database. Marked slow: `pytest -m "not slow"` skips it locally; CI runs it.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from parley.api import create_app

EXAMPLES = 30  # per operation: bounded, so CI stays fast

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def api_schema(corpus_db):
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(corpus_db))


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_conforms_to_its_schema(case):
    # Every check but positive_data_acceptance, which wants a 2xx for any schema-valid request: a filter
    # naming an actor, country or article the store does not hold, or an offset past the end, gets a
    # documented 400 that says what to send instead.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
