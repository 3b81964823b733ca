"""Which addresses the front cache is told to refresh when a service changes.

Wagtail's frontend_cache purges a page's own address on publish and unpublish;
directory/cache.py adds what shows the service (its organisation, the social map's
listing, map, print guide and counts, the home page, the search page), its
addresses under the other languages' prefixes (it is Greek-only, so it is served
under /en/, /ar/, /uk/ too), and the old and new addresses after a move or a rename.
A recording backend stands in for nginx here; tests/portal/test_cache_nginx.py
purges a real nginx.
"""

import pytest

from directory.factories import OrganisationPageFactory, ServicePageFactory
from tests.helpers import recording_purges

pytestmark = pytest.mark.django_db

HOST = "http://localhost"


@pytest.fixture
def purged():
    with recording_purges() as urls:
        yield urls


@pytest.fixture
def organisation(directory_page):
    return OrganisationPageFactory(title="Δήμος Κοζάνης", slug="dimos-kozanis")


def listing_urls(language, directory_slug):
    base = f"{HOST}/{language}/{directory_slug}/"
    return {base, base + "services/", base + "services/print/", base + "map/", base + "map/points/"}


def expected_for(language, directory_slug, organisation_slug, service_slug):
    org = f"{HOST}/{language}/{directory_slug}/{organisation_slug}/"
    return {
        org + service_slug + "/",
        org,
        f"{HOST}/{language}/",
        f"{HOST}/{language}/search/",
        *listing_urls(language, directory_slug),
    }


def directory_slugs(directory_page):
    slugs = {directory_page.locale.language_code: directory_page.slug}
    for translation in directory_page.get_translations().live():
        slugs[translation.locale.language_code] = translation.slug
    return slugs


def test_publishing_a_service_purges_it_and_every_page_that_shows_it_in_every_language(
    purged, organisation, directory_page
):
    service = ServicePageFactory(parent=organisation, slug="pantopoleio", live=False)
    purged.clear()
    service.save_revision().publish()
    urls = set(purged)
    slugs = directory_slugs(directory_page)
    assert set(slugs) == {"el", "en", "ar", "uk"}
    for language, slug in slugs.items():
        missing = expected_for(language, slug, "dimos-kozanis", "pantopoleio") - urls
        assert not missing, (language, missing)
    # The good practices index is a child of each social map: it counts organisations' practices.
    assert all(url.startswith(HOST + "/") for url in urls)


def test_unpublishing_and_deleting_a_service_purge_the_same_addresses(purged, organisation, directory_page):
    service = ServicePageFactory(parent=organisation, slug="pantopoleio")
    slugs = directory_slugs(directory_page)
    expected = expected_for("el", slugs["el"], "dimos-kozanis", "pantopoleio") | expected_for(
        "en", slugs["en"], "dimos-kozanis", "pantopoleio"
    )
    purged.clear()
    service.unpublish()
    assert expected <= set(purged)

    service.save_revision().publish()
    purged.clear()
    service.delete()
    assert expected <= set(purged)


def test_moving_a_service_purges_its_old_and_new_addresses_and_both_organisations(purged, organisation, directory_page):
    other = OrganisationPageFactory(title="Κέντρο Κοινότητας", slug="kentro-koinotitas")
    service = ServicePageFactory(parent=organisation, slug="pantopoleio")
    slugs = directory_slugs(directory_page)
    purged.clear()
    service.move(other, pos="last-child")
    urls = set(purged)
    for language in ("el", "en", "ar", "uk"):
        base = f"{HOST}/{language}/{slugs[language]}/"
        assert base + "dimos-kozanis/pantopoleio/" in urls, language
        assert base + "kentro-koinotitas/pantopoleio/" in urls, language
        assert base + "kentro-koinotitas/" in urls
        assert base + "services/" in urls


def test_renaming_an_organisation_purges_the_old_addresses_of_its_services(
    purged, organisation, directory_page, django_capture_on_commit_callbacks
):
    ServicePageFactory(parent=organisation, slug="pantopoleio")
    el = directory_slugs(directory_page)["el"]
    purged.clear()
    organisation.slug = "dimos-kozanis-neo"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail says "slug changed" after commit
        organisation.save_revision().publish()
    urls = set(purged)
    assert f"{HOST}/el/{el}/dimos-kozanis/" in urls
    assert f"{HOST}/el/{el}/dimos-kozanis-neo/" in urls
    assert f"{HOST}/el/{el}/dimos-kozanis/pantopoleio/" in urls
    assert f"{HOST}/el/{el}/dimos-kozanis-neo/pantopoleio/" in urls


def test_publishing_a_standard_page_purges_only_that_page(purged, site_tree):
    from portal.models import StandardPage

    page = site_tree.add_child(instance=StandardPage(title="Ποιοι είμαστε", slug="poioi-eimaste", live=False))
    purged.clear()
    page.save_revision().publish()
    assert set(purged) == {f"{HOST}/el/poioi-eimaste/"}


def test_the_http_backend_purges_after_commit_once_per_address(django_capture_on_commit_callbacks):
    """Refreshing before the commit would cache the old page again: nothing is sent until then."""
    from core.frontend_cache import DeferredHTTPBackend

    sent = []

    class Backend(DeferredHTTPBackend):
        def send_purge(self, url):
            sent.append((url, self.purge_request(url).full_url, self.purge_request(url).get_header("Host")))

    backend = Backend({"LOCATION": "http://127.0.0.1:8081"})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        backend.purge_batch(["https://koinonia.example.gr/el/a/?x=1", "https://koinonia.example.gr/el/a/?x=1"])
        assert sent == []
    assert len(callbacks) == 1
    assert sent == [("https://koinonia.example.gr/el/a/?x=1", "http://127.0.0.1:8081/el/a/?x=1", "koinonia.example.gr")]


def test_a_purge_that_cannot_reach_the_cache_never_breaks_a_publish(caplog):
    from core.frontend_cache import DeferredHTTPBackend

    backend = DeferredHTTPBackend({"LOCATION": "http://127.0.0.1:9", "OPTIONS": {"TIMEOUT": 2}})
    backend.send_purge("http://localhost/el/")
    assert "Couldn't purge" in caplog.text
