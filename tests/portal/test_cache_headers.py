"""What a shared cache may keep: public, s-maxage only for pages every anonymous visitor sees alike.

core/cache_headers.py decides; nginx (deploy/nginx/cache.conf) stores only what is
marked public. Each kind of page is rendered for real and its Cache-Control read.
"""

import pytest

from django.contrib.auth import get_user_model
from django.test import Client

from consultations.factories import ConsultationPageFactory
from directory.factories import ServiceLocationFactory, ServicePageFactory
from directory.models import ListingReport

pytestmark = pytest.mark.django_db


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_public(response):
    parts = cache_control(response)
    assert "public" in parts and "s-maxage=60" in parts and "max-age=0" in parts, parts
    assert "private" not in parts and "no-store" not in parts
    assert "Set-Cookie" not in response and not response.cookies
    assert b"csrfmiddlewaretoken" not in response.content


def assert_private(response):
    parts = cache_control(response)
    assert {"private", "no-store"} <= parts, parts
    assert "public" not in parts and not any(p.startswith("s-maxage") for p in parts)


@pytest.fixture
def service(site_tree):
    page = ServicePageFactory(title="Κοινωνικό παντοπωλείο", slug="pantopoleio")
    ServiceLocationFactory(page=page)
    return page


def test_anonymous_public_pages_are_cacheable(client, service, directory_page):
    """Home, the social map, its listing, map and map points, a service (with its report
    form and the display settings, which need no token) and the search page."""
    services = directory_page.url + "services/"
    for url in (
        "/el/",
        "/en/",
        directory_page.url,
        services,
        services + "?category=food&page=2",
        directory_page.url + "map/",
        directory_page.url + "map/points/",
        service.url,
        "/el/search/?q=φαγητό",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_public(response)
    assert b'class="govgr-form report-form"' in client.get(service.url).content


def test_a_missing_page_is_cacheable_so_that_a_purge_can_replace_a_deleted_one(client, site_tree):
    response = client.get("/el/no-such-page/")
    assert response.status_code == 404
    assert_public(response)


def test_the_language_redirect_of_the_root_is_never_cached(client, site_tree):
    """/ answers by Accept-Language: one visitor's language must not be served to the next."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert_private(response)


def test_a_logged_in_user_is_never_cached(client, service):
    user = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    client.force_login(user)
    for url in ("/el/", service.url):
        assert_private(client.get(url))
    assert_private(client.get("/admin/"))


def test_admin_and_preview_are_never_cached(admin_client, service):
    response = admin_client.get(f"/admin/pages/{service.pk}/edit/preview/")
    assert response.status_code in (200, 405)
    assert_private(response)
    assert_private(Client().get("/admin/login/"))


def test_a_page_with_a_csrf_token_is_never_cached(client, site_tree):
    """A consultation page carries the comment form, which posts with a token."""
    page = ConsultationPageFactory()
    response = client.get(page.url)
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert_private(response)


def test_posts_and_the_report_form_with_errors_are_never_cached(client, service):
    response = client.post(service.url + "report/", {"reason": "", "message": ""})
    assert response.status_code == 400
    assert_private(response)


def test_a_page_showing_a_message_is_never_cached(client, service):
    """After a report, the service page says thank you: that page is for this visitor only."""
    response = client.post(service.url + "report/", {"reason": "closed", "message": "Έκλεισε πέρσι."}, follow=False)
    assert response.status_code == 302
    assert_private(response)
    assert ListingReport.objects.count() == 1
    thanked = client.get(response["Location"])
    assert b"Thank you" in thanked.content or "Ευχαριστούμε".encode() in thanked.content
    assert_private(thanked)
    # The message is shown once; the next view of the page is the public one again.
    client.cookies.pop("messages", None)
    assert_public(client.get(service.url))


def test_display_preferences_make_the_page_private(client, service):
    client.cookies["koinonia_text"] = "larger"
    response = client.get(service.url)
    assert 'class="text-larger contrast-normal"' in response.content.decode()
    assert_private(response)


def test_a_view_that_chose_its_own_cache_control_keeps_it(client, site_tree):
    """The sitemap sets nothing itself: it is public like a page; the admin's never_cache stays private."""
    assert_public(client.get("/sitemap.xml"))
