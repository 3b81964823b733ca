"""Property-based run of schemathesis against our own OpenAPI document (/api/hsds/openapi.json).

For every operation the document declares, schemathesis draws parameters from their
declared schemas (and outside them) and calls the Django WSGI application in-process,
on the test database with a small directory in it (a confidential shelter included).
Every answer must be no 5xx, a declared status code and content type, declared
headers, and a body that matches the declared schema. Bounded to a few dozen examples
per operation so that `make test` stays fast; the seed is derandomised so a failure
reproduces.
"""

import copy

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from directory.hsds.api import openapi
from tests.directory.test_hsds_api import KOZANI_GROCERY, SHELTER, SHELTER_ORG, imported  # noqa: F401 - fixture

EXAMPLES_PER_OPERATION = 30
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
]


def document_with_known_ids():
    """Our document, with ids of the test data offered as examples of the path ids, so
    that detail endpoints are exercised with records that exist as well as random ids."""
    document = copy.deepcopy(openapi.document())
    known = {
        "/services/{id}": [KOZANI_GROCERY, SHELTER],
        "/organizations/{id}": [SHELTER_ORG],
    }
    for path, ids in known.items():
        for parameter in document["paths"][path].get("parameters", []):
            if parameter.get("in") == "path":
                parameter["schema"] = {**parameter["schema"], "examples": ids}
    return document


schema = schemathesis.openapi.from_dict(document_with_known_ids())
schema.app = get_wsgi_application()


@pytest.fixture
def connection_kept():
    """Keep the test's database connection across requests, as Django's test client does:
    the WSGI handler would close it at the end of each request, and with it the test's
    transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
    phases=[Phase.explicit, Phase.generate],
)
def test_every_operation_answers_as_documented(case, imported, connection_kept):  # noqa: F811 - the fixture
    case.call_and_validate(checks=CHECKS, headers={"Host": "localhost"})
