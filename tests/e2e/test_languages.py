"""A visitor who reads English or Arabic never leaves their language: from the list
to a service that exists only in Greek, then to the same page in Arabic."""

import pytest

from directory.factories import OrganisationPageFactory, ServiceLocationFactory, ServicePageFactory
from directory.models import AdministrativeArea, ServiceCategory
from tests.e2e.conftest import axe_violations, describe_violations


def greek(model, code):
    return model.objects.get(code=code, locale__language_code="el")


@pytest.fixture
def greek_only(e2e_site):
    org = OrganisationPageFactory(title="Δήμος Κοζάνης", slug="dimos-kozanis")
    service = ServicePageFactory(
        parent=org,
        title="Κοινωνικό Παντοπωλείο Κοζάνης",
        slug="koinoniko-pantopoleio",
        categories=[greek(ServiceCategory, "social-grocery")],
    )
    ServiceLocationFactory(page=service, municipality=greek(AdministrativeArea, "m-67"))
    return e2e_site


def test_visitor_stays_in_their_language_on_a_greek_only_service(greek_only, page):
    page.goto(greek_only.url + "/en/social-map/services/")
    # The filter and the card speak English; the place is Greek with its Latin form.
    html = page.content()
    assert "Social grocery" in html and "Κοινωνικό παντοπωλείο" not in html  # the category filter
    assert "Κοζάνη (Kozani)" in page.locator(".service-card").first.inner_text()

    page.get_by_role("link", name="Κοινωνικό Παντοπωλείο Κοζάνης").click()
    page.wait_for_url("**/en/social-map/dimos-kozanis/koinoniko-pantopoleio/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_text("This page is not yet available in English; it is shown in Greek.").is_visible()
    assert page.locator("h1").evaluate("h => h.closest('[lang]').lang") == "el"
    # Breadcrumbs lead back into the English site.
    crumbs = page.locator(".govgr-breadcrumbs a")
    assert all("/en/" in crumbs.nth(i).get_attribute("href") for i in range(crumbs.count()))
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)

    # The switcher leads to the same page in Arabic, right to left.
    page.locator(".language-switcher").get_by_role("link", name="العربية").click()
    page.wait_for_url("**/ar/social-map/dimos-kozanis/koinoniko-pantopoleio/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "البقالة الاجتماعية" in page.content()  # the service's category
    assert page.locator("h1").inner_text() == "Κοινωνικό Παντοπωλείο Κοζάνης"

    # And back to Greek, where the page has its own address.
    page.locator(".language-switcher").get_by_role("link", name="Ελληνικά").click()
    page.wait_for_url("**/el/social-map/dimos-kozanis/koinoniko-pantopoleio/")
    assert page.locator("html").get_attribute("lang") == "el"
