"""Property-based tests of the API against its own OpenAPI document: no 5xx, and every answer matches the schema.

The corpus database is built when the module is collected (schemathesis needs the schema to make the tests),
in a temporary folder removed at exit.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from parley.api import create_app
from test_api_corpus import build_db

EXAMPLES = 30  # per operation: bounded, so CI stays fast

_folder = tempfile.mkdtemp(prefix="parley-schemathesis-")
atexit.register(shutil.rmtree, _folder, True)
app = create_app(build_db(Path(_folder) / "parley.db"))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_conforms_to_its_schema(case):
    # Every check but positive_data_acceptance, which wants a 2xx for any schema-valid request: a filter
    # naming an actor, country or article the store does not hold, or an offset past the end, gets a
    # documented 400 that says what to send instead.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
