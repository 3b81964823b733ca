"""A visitor never leaves their language by following a link.

Services and organisations that exist only in Greek are served under /en/, /ar/,
/uk/ in the visitor's interface, their Greek content marked lang="el", with a
notice; the switcher leads to the same page in every language, the canonical link
points at the Greek page and sitemaps never list the fallback addresses.
"""

import re

import pytest

from wagtail.models import Locale

from directory.factories import OrganisationPageFactory, ServiceLocationFactory, ServicePageFactory
from directory.locale_fallback import LocaleUrls, url_in_locale
from directory.models import AdministrativeArea, DirectoryIndexPage, GoodPracticeIndexPage

pytestmark = pytest.mark.django_db

NOTICE = "This page is not yet available in English; it is shown in Greek."


def hrefs(response):
    return re.findall(r'(?:href|action)="([^"]+)"', response.content.decode())


@pytest.fixture
def greek_only(directory_page, term):
    org = OrganisationPageFactory(title="Δήμος Κοζάνης", slug="dimos-kozanis")
    service = ServicePageFactory(parent=org, title="Κοινωνικό Παντοπωλείο", slug="koinoniko-pantopoleio")
    ServiceLocationFactory(page=service, municipality=term(AdministrativeArea, "m-67"), latitude=40.3, longitude=21.79)
    return {"org": org, "service": service}


def test_listing_links_greek_only_services_under_the_visitors_prefix(client, greek_only):
    response = client.get("/en/social-map/services/")
    assert response.status_code == 200
    links = hrefs(response)
    assert "/en/social-map/dimos-kozanis/koinoniko-pantopoleio/" in links
    assert not [link for link in links if link.startswith("/el/social-map/dimos-kozanis")]
    assert 'lang="el">Κοινωνικό Παντοπωλείο<' in response.content.decode()


def test_map_points_link_under_the_visitors_prefix(client, greek_only):
    points = client.get("/ar/social-map/map/points/").json()
    assert [f["properties"]["url"] for f in points["features"]] == [
        "/ar/social-map/dimos-kozanis/koinoniko-pantopoleio/"
    ]


def test_greek_only_service_is_shown_in_the_visitors_interface(client, greek_only):
    response = client.get("/en/social-map/dimos-kozanis/koinoniko-pantopoleio/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert NOTICE in html
    assert 'lang="el"' in html
    links = hrefs(response)
    # Breadcrumbs: the English home and social map, the Greek organisation at its English address.
    assert "/en/social-map/" in links
    assert "/en/social-map/dimos-kozanis/" in links
    assert "/en/social-map/dimos-kozanis/koinoniko-pantopoleio/report/" in links
    # The only link to /el/ is the language switcher's "Ελληνικά".
    assert {link for link in links if link.startswith("/el/")} == {
        "/el/social-map/dimos-kozanis/koinoniko-pantopoleio/"
    }
    assert '<link rel="canonical" href="http://testserver/el/social-map/dimos-kozanis/koinoniko-pantopoleio/">' in html


def test_switcher_leads_to_the_same_page_in_every_language(client, greek_only):
    html = client.get("/uk/social-map/dimos-kozanis/koinoniko-pantopoleio/").content.decode()
    for code in ("el", "en", "ar"):
        assert f'href="/{code}/social-map/dimos-kozanis/koinoniko-pantopoleio/" lang="{code}"' in html
    # Only the real page is an alternate language version.
    assert 'hreflang="el" href="http://testserver/el/social-map/dimos-kozanis/koinoniko-pantopoleio/"' in html
    assert 'rel="alternate" hreflang="en"' not in html


def test_switcher_from_the_greek_page_keeps_the_page(client, greek_only):
    html = client.get("/el/social-map/dimos-kozanis/koinoniko-pantopoleio/").content.decode()
    assert 'href="/ar/social-map/dimos-kozanis/koinoniko-pantopoleio/" lang="ar"' in html
    assert 'rel="canonical"' not in html
    assert NOTICE not in html


def test_organisation_page_links_its_services_in_the_visitors_language(client, greek_only):
    response = client.get("/ar/social-map/dimos-kozanis/")
    assert response.status_code == 200
    assert "/ar/social-map/dimos-kozanis/koinoniko-pantopoleio/" in hrefs(response)


def test_report_form_stays_in_the_visitors_language(client, greek_only):
    response = client.get("/en/social-map/dimos-kozanis/koinoniko-pantopoleio/report/")
    assert response.status_code == 200
    assert "/en/social-map/dimos-kozanis/koinoniko-pantopoleio/report/" in hrefs(response)


def test_unknown_slug_is_still_a_404(client, greek_only):
    assert client.get("/en/social-map/dimos-kozanis/no-such-service/").status_code == 404
    assert client.get("/en/social-map/no-such-organisation/").status_code == 404


def test_translated_organisation_routes_its_greek_only_services(client, greek_only):
    en = Locale.objects.get(language_code="en")
    org_en = greek_only["org"].copy_for_translation(en)
    org_en.title, org_en.slug = "Municipality of Kozani", "municipality-of-kozani"
    org_en.save_revision().publish()

    service = greek_only["service"]
    assert url_in_locale(service, en) == "/en/social-map/municipality-of-kozani/koinoniko-pantopoleio/"
    response = client.get("/en/social-map/municipality-of-kozani/koinoniko-pantopoleio/")
    assert response.status_code == 200
    assert "Κοινωνικό Παντοπωλείο" in response.content.decode()
    assert "/en/social-map/municipality-of-kozani/" in hrefs(response)


def test_a_translated_service_is_never_served_in_greek_under_another_prefix(client, greek_only):
    en = Locale.objects.get(language_code="en")
    org_en = greek_only["org"].copy_for_translation(en)
    org_en.save_revision().publish()
    service_en = greek_only["service"].copy_for_translation(en)
    service_en.title, service_en.slug = "Social grocery", "social-grocery"
    service_en.save_revision().publish()

    assert url_in_locale(greek_only["service"], en) == "/en/social-map/dimos-kozanis/social-grocery/"
    assert client.get("/en/social-map/dimos-kozanis/social-grocery/").status_code == 200
    assert client.get("/en/social-map/dimos-kozanis/koinoniko-pantopoleio/").status_code == 404


def test_locale_urls_need_three_queries_for_any_number_of_pages(django_assert_max_num_queries, directory_page):
    org = OrganisationPageFactory()
    services = [ServicePageFactory(parent=org) for _ in range(6)]
    en = Locale.objects.get(language_code="en")
    urls = LocaleUrls(en)
    urls._routing_roots  # noqa: B018  (cached per instance; one query)
    with django_assert_max_num_queries(4):
        urls.reroot(services)
    assert all(s.url.startswith("/en/social-map/") for s in services)
    assert all(s.is_fallback and s.content_locale == "el" for s in services)


def test_sitemaps_never_list_fallback_addresses(client, greek_only):
    greek = client.get("/el/sitemap.xml").content.decode()
    english = client.get("/en/sitemap.xml").content.decode()
    assert "/el/social-map/dimos-kozanis/koinoniko-pantopoleio/" in greek
    assert "koinoniko-pantopoleio" not in english


def test_good_practice_index_and_directory_route_as_before(client, greek_only):
    en = Locale.objects.get(language_code="en")
    assert client.get(DirectoryIndexPage.objects.get(locale=en).url).status_code == 200
    assert client.get(GoodPracticeIndexPage.objects.get(locale=en).url).status_code == 200
    assert client.get("/en/social-map/services/").status_code == 200


def test_search_results_link_greek_only_pages_under_the_visitors_prefix(client, greek_only):
    from search.backends.postgres import PostgresBackend
    from search.indexing import Indexer

    Indexer(PostgresBackend()).rebuild()
    page = client.get("/en/search/", {"q": "Παντοπωλείο"})
    assert "/en/social-map/dimos-kozanis/koinoniko-pantopoleio/" in hrefs(page)
    assert not [link for link in hrefs(page) if link.startswith("/el/social-map/")]
    assert 'href="/el/search/?q=' in page.content.decode()  # the switcher keeps the search
    api = client.get("/api/search", {"q": "Παντοπωλείο", "lang": "uk", "type": "service"}).json()
    assert [hit["url"] for hit in api["results"]] == [
        "http://testserver/uk/social-map/dimos-kozanis/koinoniko-pantopoleio/"
    ]
    greek = client.get("/api/search", {"q": "Παντοπωλείο", "lang": "el", "type": "service"}).json()
    assert [hit["url"] for hit in greek["results"]] == [
        "http://testserver/el/social-map/dimos-kozanis/koinoniko-pantopoleio/"
    ]
