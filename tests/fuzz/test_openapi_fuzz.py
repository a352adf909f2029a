"""Every operation of the OpenAPI document, fuzzed as an organization admin and as a consultant.

Checks on every response: no 5xx, a status the document declares for the operation, the declared
content type, and a body matching the declared schema. The quick profile runs in every `make test`;
`make fuzz` runs the long one (ANCHANG_FUZZ_PROFILE=long). How to run and read it: docs/testing.md.
"""

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from tests.fuzz.harness import CHECKS, KNOWN_DOMAIN_FAILURES, ROLES, FuzzRun, fuzz_run, operations, strategy

PROFILES = {
    # In every test run: reproducible (derandomized, so the examples are a function of the operation
    # alone and CI sees what a laptop sees), small, failures reported unshrunk.
    "quick": settings(max_examples=10, derandomize=True, phases=[Phase.explicit, Phase.generate]),
    # `make fuzz`: random each run (print_blob shows how to replay a failure), many examples, shrunk.
    "long": settings(max_examples=200, derandomize=False, print_blob=True),
}
PROFILE = os.environ.get("ANCHANG_FUZZ_PROFILE", "quick")
# When set and not empty, the number of examples instead of the profile's (`make fuzz FUZZ_EXAMPLES=n`).
EXAMPLES = os.environ.get("ANCHANG_FUZZ_EXAMPLES")

pytestmark = pytest.mark.fuzz


@pytest.fixture(scope="module")
def run(database_url: str) -> Iterator[FuzzRun]:
    yield from fuzz_run(database_url)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", operations(), ids=lambda o: o.label)
def test_operation_answers_as_documented(run: FuzzRun, operation: Any, role: str) -> None:
    @settings(
        PROFILES[PROFILE],
        max_examples=int(EXAMPLES) if EXAMPLES else PROFILES[PROFILE].max_examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy(operation, run.ids))
    def fuzz(case: Any) -> None:
        response = run.send(case, role)
        if (operation.label, response.status_code) in KNOWN_DOMAIN_FAILURES:
            return
        case.validate_response(response, checks=CHECKS)

    fuzz()
