"""The API against its own OpenAPI document, fuzzed over real HTTP by schemathesis.

The spec is what scripts and the tablets' code are written against, so it is
loaded the way they would load it: from the running server's
/api/v1/openapi.json. Every documented operation is then sent requests drawn
from the spec, ones that fit it and ones that break it, and each answer must
be no server error and have a status, content type, headers and body the
spec promises for that operation. (Schemathesis leaves out the operation
that served the document, GET /openapi.json; test_openapi.py covers it.)

Each operation runs as a subtest, so one run names every operation that
fails. Schemathesis's own pytest loader for a fixture's schema
(`schemathesis.pytest.from_fixture`) can't run under pytest 9.2, so the
operations' documented Hypothesis strategies are driven here directly.
"""

from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kymppi.domain.staff import create_api_token
from tests.live_server import gunicorn
from tests.test_openapi import assert_matches_spec

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Per operation; the thousand requests take about a minute on two busy cores.
EXAMPLES = 100


@pytest.fixture
def api_schema(app, world, make_card, tmp_path):
    """The spec as served, bound to its server and sending an office user's bearer token.

    A few cards and the world's courses are in the database, so generated
    numbers and ids now and then name real rows and the answers are not all 404s.
    """
    for _ in range(3):
        make_card()
    token = create_api_token(world.office)
    with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path) as base:
        schema = schemathesis.openapi.from_url(f"{base}/api/v1/openapi.json", timeout=10)
        schema.config.update(headers={"Authorization": f"Bearer {token}"}, request_timeout=10)
        yield schema


@pytest.mark.slow
def test_every_answer_is_what_the_spec_promises(api_schema, subtests):
    sent = Counter()

    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    def answers_as_promised(case):
        sent[case.operation.label] += 1
        case.call_and_validate(checks=CHECKS)

    operations = [result.ok() for result in api_schema.get_all_operations()]
    for operation in operations:
        with subtests.test(operation=operation.label):
            # Requests that fit the spec and ones that break it, drawn together: an operation
            # with nothing to break (no parameters, a free-text path) still gets the fitting ones.
            drawn = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(GenerationMode.NEGATIVE)
            given(drawn)(answers_as_promised)()

    assert set(sent) == {operation.label for operation in operations}, "an operation was never called"


@pytest.mark.parametrize("path", ["/courses/{course_id}/roster", "/courses/{course_id}/offline-roster"])
def test_a_course_id_no_row_can_have_answers_the_documented_404(client, world, path):
    """Found by the run above: an id outside 1 … MAX_ID matches no route and gets the app's plain JSON 404."""
    bearer = {"Authorization": f"Bearer {create_api_token(world.instructor)}"}
    response = client.get(f"/api/v1{path.format(course_id=0)}", headers=bearer)
    assert response.status_code == 404
    assert_matches_spec(response, path, "get")
