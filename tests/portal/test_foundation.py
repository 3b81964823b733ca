"""The foundation: languages in URLs, the headless API, production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from directory.factories import ServicePageFactory
from tests.helpers import PRODUCTION_ENV

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_every_language_has_a_home_and_a_social_map(client):
    for code in ("el", "en", "ar", "uk"):
        assert client.get(f"/{code}/").status_code == 200
        assert client.get(f"/{code}/social-map/").status_code == 200
    root = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert root.status_code == 302 and root["Location"].startswith("/en/")


@pytest.mark.django_db
def test_html_carries_the_language(client):
    assert '<html lang="el" dir="ltr"' in client.get("/el/").content.decode()
    assert '<html lang="en" dir="ltr"' in client.get("/en/").content.decode()
    assert '<html lang="ar" dir="rtl"' in client.get("/ar/").content.decode()
    assert '<html lang="uk" dir="ltr"' in client.get("/uk/").content.decode()


@pytest.mark.django_db
def test_api_exposes_directory_fields_and_filters_by_locale(client, directory_page):
    service = ServicePageFactory(title="Κοινωνικό Φαρμακείο", website="https://example.org/pharmacy")
    response = client.get("/api/v2/pages/", {"type": "directory.ServicePage", "fields": "*", "locale": "el"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Κοινωνικό Φαρμακείο"]
    assert items[0]["hsds_id"] == str(service.hsds_id)
    assert items[0]["website"] == "https://example.org/pharmacy"
    english = client.get("/api/v2/pages/", {"type": "directory.ServicePage", "locale": "en"}).json()
    assert english["meta"]["total_count"] == 0
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200


def test_production_settings_pass_the_deploy_check():
    env = {**os.environ, **PRODUCTION_ENV}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for browser tests; never in deployment
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_each_language_has_its_own_sitemap_and_an_index_lists_them(client, directory_page):
    index = client.get("/sitemap.xml").content.decode()
    for code in ("el", "en", "ar", "uk"):
        assert f"/{code}/sitemap.xml" in index
    greek = client.get("/el/sitemap.xml").content.decode()
    english = client.get("/en/sitemap.xml").content.decode()
    assert "/el/social-map/" in greek and "/en/" not in greek
    assert "/en/social-map/" in english and "/el/" not in english


@pytest.mark.django_db
def test_site_text_is_translatable_and_falls_back_to_greek(client, site_tree):
    from wagtail.models import Locale

    from portal.models import SiteText

    greek = SiteText.objects.get(locale__language_code="el")
    greek.alert_active, greek.alert_text = True, "Έκτακτη ανακοίνωση: καύσωνας"
    greek.save()
    english = SiteText.objects.get(locale__language_code="en")
    assert english.translation_key == greek.translation_key
    english.alert_active, english.alert_text = True, "Emergency notice: heatwave"
    english.save()
    assert "Έκτακτη ανακοίνωση: καύσωνας" in client.get("/el/").content.decode()
    assert "Emergency notice: heatwave" in client.get("/en/").content.decode()
    SiteText.objects.filter(locale=Locale.objects.get(language_code="uk")).delete()
    assert "Έκτακτη ανακοίνωση: καύσωνας" in client.get("/uk/").content.decode()


@pytest.mark.django_db
def test_language_links_go_to_the_translation_or_to_that_languages_home(client, directory_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/el/social-map/?category=food").content.decode()
    # The social map exists in every language: the links keep the filters.
    assert 'href="/en/social-map/?category=food" lang="en" hreflang="en">' in html
    assert '<link rel="alternate" hreflang="uk" href="http://testserver/uk/social-map/?category=food">' in html
    # Worked out once for the switcher and the alternates.
    every_locale = [q for q in queries.captured_queries if 'FROM "wagtailcore_locale" ORDER BY' in q["sql"]]
    assert len(every_locale) == 1

    service = ServicePageFactory(parent=directory_page, title="Μόνο στα ελληνικά")
    html = client.get(service.url).content.decode()
    # Not translated: the same Greek page under /en/ (directory.locale_fallback), not a home page.
    assert f'href="/en/social-map/{service.slug}/" lang="en" hreflang="en" title=' in html
    assert 'hreflang="en" href=' not in html.split("</head>")[0]
