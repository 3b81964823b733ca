"""Larger text and higher contrast are remembered across pages, without JavaScript."""

import pytest

pytestmark = pytest.mark.django_db


def test_preferences_are_stored_and_applied_on_every_page(client, site_tree):
    response = client.post("/display/", {"text_size": "larger", "next": "/el/social-map/"})
    assert response.status_code == 302 and response["Location"] == "/el/social-map/"
    client.post("/display/", {"contrast": "high", "next": "/el/"})
    for url in ("/el/", "/el/social-map/", "/en/"):
        assert 'class="text-larger contrast-high"' in client.get(url).content.decode()


def test_unknown_values_and_foreign_redirects_are_refused(client, site_tree):
    assert client.post("/display/", {"text_size": "huge"}).status_code == 400
    response = client.post("/display/", {"text_size": "large", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert client.get("/display/").status_code == 405


def test_forged_cookie_values_are_ignored(client, site_tree):
    client.cookies["koinonia_text"] = '"><script>'
    assert 'class="text-normal contrast-normal"' in client.get("/el/").content.decode()
