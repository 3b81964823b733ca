"""The forms on every public page work for anonymous visitors without a token and for
logged-in people with one (core/csrf.py).

The display settings (in every page's header) and "report a problem" carry no CSRF
token for anonymous visitors, so that their pages can be cached; a same-origin POST is
accepted by its Origin / Sec-Fetch-Site headers. Someone with a session (a partner
browsing the public site) gets the token in the form and the token check as usual:
without the token they would be refused with a 403.
"""

import re

import pytest

from django.contrib.auth import get_user_model
from django.test import Client

from directory.factories import ServiceLocationFactory, ServicePageFactory

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}
CROSS_SITE = {"HTTP_ORIGIN": "https://evil.example", "HTTP_SEC_FETCH_SITE": "cross-site"}
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def service(site_tree):
    page = ServicePageFactory(title="Κοινωνικό παντοπωλείο", slug="pantopoleio")
    ServiceLocationFactory(page=page)
    return page


@pytest.fixture
def partner_client():
    user = get_user_model().objects.create_user("partner-csrf", password="x")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_anonymous_forms_have_no_token_and_same_origin_posts_are_accepted(service):
    client = Client(enforce_csrf_checks=True)
    page = client.get(service.url)
    assert page.status_code == 200 and not TOKEN.search(page.content)
    response = client.post("/display/", {"text_size": "large", "next": service.url}, **SAME_ORIGIN)
    assert response.status_code == 302
    assert client.post("/display/", {"text_size": "large"}, **CROSS_SITE).status_code == 403


def test_logged_in_people_get_the_token_and_can_use_the_forms(service, partner_client):
    page = partner_client.get(service.url)
    tokens = TOKEN.findall(page.content)
    assert len(tokens) >= 2, "the display settings and the report form each carry the token"
    assert "no-store" in page["Cache-Control"]
    data = {"text_size": "large", "next": service.url, "csrfmiddlewaretoken": tokens[0].decode()}
    assert partner_client.post("/display/", data, **SAME_ORIGIN).status_code == 302
    # Without the token a logged-in person's post is refused, as everywhere in Django.
    assert partner_client.post("/display/", {"text_size": "normal"}, **SAME_ORIGIN).status_code == 403
