"""A person in need, on a phone: directory home → filtered list → service → call."""

import datetime

import pytest

from directory.factories import (
    OrganisationPageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
    ServicePhoneFactory,
    ServiceScheduleFactory,
)
from directory.models import AdministrativeArea, ServiceCategory, TargetGroup
from tests.e2e.conftest import axe_violations, describe_violations


def greek(model, code):
    return model.objects.get(code=code, locale__language_code="el")


@pytest.fixture
def services(e2e_site):
    org = OrganisationPageFactory(title="Δήμος Κοζάνης – Κοινωνική Υπηρεσία")
    grocery = ServicePageFactory(
        parent=org,
        title="Κοινωνικό Παντοπωλείο Κοζάνης",
        categories=[greek(ServiceCategory, "social-grocery")],
        target_groups=[greek(TargetGroup, "unemployed")],
    )
    ServiceLocationFactory(page=grocery, municipality=greek(AdministrativeArea, "m-67"))
    ServicePhoneFactory(page=grocery, number="2461 350 000")
    ServiceScheduleFactory(
        page=grocery, weekdays=[0, 1, 2, 3, 4], opens_at=datetime.time(8), closes_at=datetime.time(15)
    )
    other = ServicePageFactory(
        parent=org, title="Νομική Βοήθεια Κοζάνης", categories=[greek(ServiceCategory, "legal-aid")]
    )
    ServiceLocationFactory(page=other, municipality=greek(AdministrativeArea, "m-67"))
    return e2e_site


def test_visitor_finds_a_service_and_its_phone_link(services, phone_page):
    page = phone_page
    page.goto(services.url + "/el/social-map/")
    assert page.locator("h1").inner_text() == "Κοινωνικός χάρτης"

    # Browse by need: the sector link leads to a filtered list with its own URL.
    page.get_by_role("link", name="Βασικά αγαθά").first.click()
    page.wait_for_url("**/services/?category=basic-goods")
    assert page.get_by_role("link", name="Κοινωνικό Παντοπωλείο Κοζάνης").is_visible()
    assert page.get_by_role("link", name="Νομική Βοήθεια Κοζάνης").count() == 0

    # On a phone the results come first and the filters fold behind one control that
    # counts what is selected; it opens without JavaScript (details/summary).
    toggle = page.locator(".filters-toggle > summary")
    assert toggle.inner_text().strip() == "Filters (1 selected)" or "1" in toggle.inner_text()
    assert page.locator("select[name=area]").is_hidden()
    first_result = page.locator(".service-list .service-card").first.bounding_box()
    assert first_result["y"] < 844, "the first result starts within the first screen"
    toggle.click()

    # Combine with a place filter through the plain GET form.
    page.locator("select[name=area]").select_option("m-67")
    page.locator(".filter-form button[type=submit]").click()
    page.wait_for_url("**area=m-67**")
    assert "category=basic-goods" in page.url
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)

    page.get_by_role("link", name="Κοινωνικό Παντοπωλείο Κοζάνης").click()
    page.wait_for_url("**/ypiresia-*/")
    call = page.locator("a.phone-link")
    assert call.get_attribute("href") == "tel:+302461350000"
    assert "2461 350 000" in call.inner_text()
    assert page.locator(".hours-list").is_visible()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
