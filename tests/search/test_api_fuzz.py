"""Property-based run of schemathesis against search/openapi.yaml: the search API, its
autocomplete, the social map's points, the health check and Wagtail's API v2.

For every operation the description declares, schemathesis draws parameters from
their declared schemas (positive) and from outside them (negative: unknown codes, bad
numbers, repeated and missing values) and calls the Django WSGI application
in-process, on the test database with the search tests' directory in it plus messy
records as real registries write them (capitals without accents, a 255-character
name, English content, a confidential place). Every answer must be no 5xx, a
declared status code and content type, declared headers, and a body that matches
the declared schema. A few dozen examples per operation keep `make test` short; the
seed is derandomised, so a failure reproduces.

The generator seldom draws the values that break things (NUL, lone surrogates, 1e308,
5e-324, -0, 10,000 characters, a parameter repeated): a sweep sends each of them in
each parameter of each operation, the NUL and the surrogates as the raw bytes a
broken client sends, and checks the answers against the same description.
"""

import copy
from pathlib import Path
from urllib.parse import quote

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, Phase, settings
from werkzeug.test import Client

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from tests.search.conftest import KOZANI, PERISTERI, make_service

DESCRIPTION = Path(__file__).resolve().parents[2] / "search" / "openapi.yaml"
EXAMPLES_PER_OPERATION = 40
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
]

#: Sent in each parameter by the sweep: one request per parameter and value.
HOSTILE_VALUES = [
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\u202eevil\u202c",
    "\u2066=1+1\u2069",
    "x" * 10_000,
    "σ" * 10_000,
    "ΚΟΙΝΩΝΙΚΟ ΠΑΝΤΟΠΩΛΕΙΟ ΔΗΜΟΥ ΚΟΖΑΝΗΣ",
    "1e308",
    "-1e308",
    "1e309",
    "5e-324",
    "1e-310",
    "-0",
    "nan",
    "inf",
    "99999999999999999999",
    "5e-324,0",
    "0,5e-324",
    "-0,-0",
    "38.0,23.7",
    "91,181",
    "١٢٣",
    "' OR 1=1 --",
    "",
]


def messy_records():
    """Listings as real registries send them."""
    from directory.factories import OrganisationPageFactory

    org = OrganisationPageFactory(title="ΔΗΜΟΣ ΚΟΖΑΝΗΣ - ΔΙΕΥΘΥΝΣΗ ΚΟΙΝΩΝΙΚΗΣ ΠΡΟΣΤΑΣΙΑΣ")
    pages = {
        "capitals": make_service(
            org,
            "ΚΕΝΤΡΟ ΗΜΕΡΗΣΙΑΣ ΦΡΟΝΤΙΔΑΣ ΗΛΙΚΙΩΜΕΝΩΝ ΔΗΜΟΥ ΚΟΖΑΝΗΣ",
            municipality=KOZANI,
            categories=["food"],
            groups=["elderly"],
        ),
        "long": make_service(
            org,
            ("Πρόγραμμα «Βοήθεια στο Σπίτι» " * 9)[:255],
            municipality=PERISTERI,
            description="Κ" * 5_000,
        ),
        "english": make_service(
            org,
            "Soup kitchen & shelter (St. Nicholas) — open to all",
            municipality=PERISTERI,
            categories=["food"],
            languages=["en", "ar"],
            description="Hot meals daily at 13:00; call +44 20 7946 0958 or ٠١٢٣.",
        ),
        "secret": make_service(
            org, "Ξενώνας ΑΣΦΑΛΟΥΣ διαμονής", municipality=KOZANI, confidential=True, categories=["shelter"]
        ),
    }
    return {name: page.pk for name, page in pages.items()}, {"messy": org.pk}


build_extra_catalogue = messy_records  # read by the catalogue_ids fixture (tests/search/conftest.py)


def description():
    with open(DESCRIPTION, encoding="utf-8") as file:
        return yaml.safe_load(file)


DOCUMENT = description()
schema = schemathesis.openapi.from_dict(copy.deepcopy(DOCUMENT))
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


@pytest.fixture
def directory(catalogue_ids, db, settings):
    settings.SEARCH_BACKEND = "search.backends.postgres.PostgresBackend"
    return catalogue_ids


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
    phases=[Phase.explicit, Phase.generate],
)
def test_every_operation_answers_as_documented(case, directory, connection_kept):
    case.call_and_validate(checks=CHECKS, headers={"Host": "localhost"})


def encoded(value):
    """Percent-encoded as a (possibly broken) client sends it: lone surrogates as their raw bytes."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def assert_documented(operation, path, response):
    """A documented status and content type, and a body of the documented shape."""
    responses = DOCUMENT["paths"][operation.path]["get"]["responses"]
    assert str(response.status_code) in responses, (path[:300], response.status_code)
    content = responses[str(response.status_code)].get("content")
    if content:
        media_type = response.headers.get("Content-Type", "").split(";")[0]
        assert media_type in content, (path[:300], response.status_code, media_type)
    operation.validate_response(response)


SWEPT = {
    "/api/search": "/api/search",
    "/api/search/suggest": "/api/search/suggest",
    "/{lang}/social-map/map/points/": "/en/social-map/map/points/",
    "/api/v2/pages/": "/api/v2/pages/",
    "/api/v2/pages/find/": "/api/v2/pages/find/",
    "/api/v2/images/": "/api/v2/images/",
    "/api/v2/documents/": "/api/v2/documents/",
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", SWEPT)
def test_each_hostile_value_in_each_parameter_answers_as_documented(path, directory, connection_kept):
    operation = schema[path]["GET"]
    client = Client(schema.app)
    headers = {"Host": "localhost", "Accept": "application/json"}  # as the map's script asks
    names = [parameter.name for parameter in operation.query]
    for name in names:
        for value in HOSTILE_VALUES:
            url = f"{SWEPT[path]}?{encoded(name)}={encoded(value)}"
            assert_documented(operation, url, client.get(url, headers=headers))
        repeated = "&".join(f"{encoded(name)}={encoded(value)}" for value in ("1", "0", "el", "", "\u202e"))
        assert_documented(operation, url, client.get(f"{SWEPT[path]}?{repeated}", headers=headers))
    for value in HOSTILE_VALUES:  # every parameter at once
        url = SWEPT[path] + "?" + "&".join(f"{encoded(name)}={encoded(value)}" for name in names)
        assert_documented(operation, url, client.get(url, headers=headers))


@pytest.mark.django_db
def test_a_refused_map_request_answers_json_to_the_map_and_a_page_to_a_browser(directory_page, connection_kept):
    """The NUL guard answers before any view: the map's script, which asks for JSON, must
    get JSON it can read (it got an HTML page), a browser a page in its language."""
    client = Client(schema.app)
    url = "/en/social-map/map/points/?q=a%00b"
    for accept, media_type in [
        ("application/json", "application/json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("*/*", "text/html"),
    ]:
        response = client.get(url, headers={"Host": "localhost", "Accept": accept})
        assert response.status_code == 400
        assert response.headers["Content-Type"].startswith(media_type)
        assert "NUL" in response.get_data(as_text=True)
