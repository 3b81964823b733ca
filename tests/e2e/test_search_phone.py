"""Search on a phone: from the home page, in Greeklish, to a service; and autocomplete by keyboard."""

import pytest

from directory.factories import OrganisationPageFactory, ServiceLocationFactory, ServicePageFactory
from directory.models import AdministrativeArea, ServiceCategory
from tests.e2e.conftest import axe_violations, describe_violations


def greek(model, code):
    return model.objects.get(code=code, locale__language_code="el")


def published(**kwargs):
    municipality = kwargs.pop("municipality")
    service = ServicePageFactory(**kwargs)
    ServiceLocationFactory(
        page=service, municipality=greek(AdministrativeArea, municipality), latitude=38.0145, longitude=23.6893
    )
    service.save_revision().publish()
    return service


@pytest.fixture
def wagtail_root(transactional_db):
    """The tree's root, which the flush after a previous live-server test removed
    (migrations created it once; e2e_site expects it)."""
    from django.conf import settings

    from wagtail.models import Locale, Page

    if Page.get_first_root_node() is None:
        locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


@pytest.fixture
def nurseries(wagtail_root, e2e_site):
    from search.synonyms import load_default_synonyms

    load_default_synonyms()
    org = OrganisationPageFactory(title="Δήμος Περιστερίου")
    nursery = greek(ServiceCategory, "nursery")
    published(
        parent=org,
        title="Βρεφονηπιακός Σταθμός Περιστερίου",
        description="Φροντίδα και αγωγή για βρέφη και νήπια από 6 μηνών.",
        categories=[nursery],
        municipality="m-187",
    )
    published(parent=org, title="Κοινωνικό Παντοπωλείο Περιστερίου", municipality="m-187")
    return e2e_site


def test_a_visitor_searches_from_the_home_page_in_greeklish_and_opens_a_result(nurseries, phone_page):
    page = phone_page
    page.goto(nurseries.url + "/el/")
    page.locator("#home-q").fill("paidikos stathmos peristeri")
    page.locator("#home-q").press("Enter")
    page.wait_for_url("**/el/search/?q=paidikos*")
    assert "paidikos stathmos peristeri" in page.locator("#search-results-heading").inner_text()
    first = page.locator(".search-result h3 a").first
    assert first.inner_text() == "Βρεφονηπιακός Σταθμός Περιστερίου"
    result = page.get_by_role("link", name="Βρεφονηπιακός Σταθμός Περιστερίου")
    assert result.is_visible()
    assert page.locator(".search-result mark").count() >= 1  # the matched words are marked

    violations = axe_violations(page)
    assert not violations, describe_violations(violations)

    result.click()
    page.wait_for_url("**/ypiresia-*/")
    assert page.locator("h1").inner_text() == "Βρεφονηπιακός Σταθμός Περιστερίου"


def test_autocomplete_works_with_the_keyboard(nurseries, phone_page):
    page = phone_page
    page.goto(nurseries.url + "/el/search/")
    box = page.locator("#search-q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    box.press_sequentially("vrefon", delay=40)
    listbox = page.locator("#search-q-listbox")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.get_by_role("option")
    assert options.count() >= 1
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"

    violations = axe_violations(page)
    assert not violations, describe_violations(violations)

    box.press("ArrowDown")
    option_text = page.locator(f"#{box.get_attribute('aria-activedescendant')}").inner_text()
    box.press("Enter")
    page.wait_for_load_state()
    assert "Βρεφονηπιακός" in option_text
    assert "Βρεφονηπιακός" in page.locator("h1").inner_text() or "category=nursery" in page.url


def test_the_search_page_works_without_javascript(nurseries, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844}, locale="el-GR")
    page = context.new_page()
    try:
        page.goto(nurseries.url + "/el/search/?q=σταθμός")
        # On a phone the filters fold behind one control; each group folds inside it.
        page.locator("details.filters-toggle > summary").click()
        page.locator("details.filter-group:has(input[name=municipality]) > summary").click()
        page.locator("input[name=municipality][value=m-187]").check()
        page.locator(".search-filters button[type=submit]").click()
        page.wait_for_url("**municipality=m-187**")
        assert page.get_by_role("link", name="Βρεφονηπιακός Σταθμός Περιστερίου").is_visible()
        assert page.locator("#search-q").get_attribute("role") is None  # no script, no combobox
    finally:
        context.close()
