"""An API's "not found" is a JSON 404, not a redirect to an HTML page (found by fuzzing
Wagtail's API v2: an unknown page id or locale answered 302 to /el/api/v2/…, Django's
LocaleMiddleware treating the API path like a page typed without its language).
Pages keep that redirect: /social-map/ still leads to /el/social-map/."""

import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/pages/999999/",
        "/api/v2/pages/99999999999999999999/",
        "/api/v2/pages/?locale=xx",
        "/api/v2/images/999999/",
        "/api/v2/documents/999999/",
        "/api/v2/pages/find/?html_path=/el/no-such-page/",
        "/api/search/no-such-endpoint",
        "/api/no-such-api/",
        "/api/hsds/services/00000000-0000-0000-0000-000000000000",
    ],
)
def test_an_unknown_api_address_is_a_json_404(client, site_tree, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404, response.get("Location")
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert body.get("message") or body.get("error")


def test_a_page_typed_without_its_language_is_still_redirected(client, site_tree):
    response = client.get("/social-map/")
    assert response.status_code == 302
    assert response["Location"] == "/el/social-map/"


def test_a_missing_page_is_still_our_html_404(client, site_tree):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Page not found" in response.content.decode()
