"""Property-based tests of the whole API from its OpenAPI schema (schemathesis).

Every operation gets generated requests, valid and invalid; each response must not be a
5xx and must match the schema: documented status, content type, headers and body. The
run makes at least ``ARMSGRAPH_FUZZ_CASES`` requests in all (3,000 by default, issue 18;
about 2.5 min on a shared 2-core machine; raise it for a longer run:
``ARMSGRAPH_FUZZ_CASES=10000 pytest tests/api/test_schemathesis.py``).
"""

from __future__ import annotations

import math
import os
from collections import Counter
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from armsgraph.store import OxigraphStore
from armsgraph_api.main import create_app
from tests.api.conftest import copy_store, make_settings

FUZZ_CASES = int(os.environ.get("ARMSGRAPH_FUZZ_CASES", "3000"))
CALLS: list[str] = []


@schemathesis.serializer("application/sparql-query", "text/plain")
def _text(ctx: Any, value: Any) -> bytes:
    if value is None:
        return b""
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else str(value).encode()


#: The app under test. Its store is set by the ``store_for_fuzzing`` fixture before the first
#: request: schemathesis starts the app's lifespan itself, once, on that request.
TOKEN = "fuzz-token"
APP = create_app(make_settings(write_token=TOKEN))
schema = schemathesis.openapi.from_dict(APP.openapi())


@schemathesis.serializer("application/trig")
def _trig(ctx: Any, value: Any) -> bytes:
    """Generated TriG bodies (strings in the schema) as UTF-8 bytes."""
    return value if isinstance(value, bytes) else str(value).encode("utf-8")
schema.app = APP
schema.location = "/openapi.json"
OPERATIONS = [op.ok() for op in schema.get_all_operations()]


@schema.auth()
class WriteToken:
    """The write token, so that POST /articles really ingests (missing-auth cases stay)."""

    def get(self, case: Any, context: Any) -> str:
        return TOKEN

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"

#: Examples per operation. Hypothesis sends about 1.75 requests per example here (explicit
#: examples, generated ones, shrinking; measured: 76 examples on 29 operations sent 3,861
#: requests), fewer on operations with few parameters; the count is checked below.
PER_OPERATION = max(10, math.ceil(0.62 * FUZZ_CASES / len(OPERATIONS)))


@pytest.fixture(scope="module", autouse=True)
def store_for_fuzzing(api_store: OxigraphStore) -> None:
    """A copy of the built graph (POST /articles may write to it)."""
    if getattr(APP.state, "given_store", None) is None:
        APP.state.given_store = copy_store(api_store)


_NAMES_THINGS = ("/sparql", "/articles", "/facts", "/reviews", "/reviews/import",
                 "/review/queue")


@schema.parametrize()
@settings(
    max_examples=PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(case: Any) -> None:
    # A schema cannot say which strings are SPARQL, or which texts are extractable prose
    # (not empty, not binary, not markup): schema-valid text may still be a malformed
    # query (400) or an unusable article (422), so "schema-valid request accepted" is not
    # checked on those two paths. Every other check is.
    # The same holds for /facts, where date_from after date_to is refused (422), and for
    # the review routes, whose schema-valid ids may name no statement (404).
    excluded = (
        [positive_data_acceptance] if case.path in _NAMES_THINGS else []
    )
    if case.path == "/reviews/import":  # any text may be TriG ('{}' is an empty graph)
        excluded.append(negative_data_rejection)
    response = case.call_and_validate(excluded_checks=excluded)
    CALLS.append(f"{case.method} {case.path} {response.status_code}")


def test_zz_fuzz_ran_enough_cases() -> None:
    """Runs after the generated tests (same module, later name): count what they sent."""
    assert len(OPERATIONS) >= 18, [o.label for o in OPERATIONS]
    if not CALLS:
        pytest.skip("the generated tests were not selected in this run")
    assert len(CALLS) >= FUZZ_CASES, f"only {len(CALLS)} generated requests"
    statuses = Counter(c.rsplit(" ", 1)[1] for c in CALLS)
    print(f"\n{len(CALLS)} generated requests over {len(OPERATIONS)} operations; "
          f"statuses {dict(sorted(statuses.items()))}")
    assert any(c.startswith("POST /articles 20") for c in CALLS), "no article was ingested"
    assert any(c.startswith("GET /sparql 200") for c in CALLS), "no query was answered"
