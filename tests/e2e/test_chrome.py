"""In the browser: leaving a sensitive page quickly, the phone menu, the privacy notice."""

import pytest

from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import TargetGroup
from tests.e2e.conftest import PHONE, axe_violations, describe_violations
from tests.helpers import translated


def leave():
    """The button's words as Greek visitors read them, whatever the catalogues say."""
    return translated("Leave this site quickly")


def esc_hint():
    return translated("Or press Esc twice.")


NEUTRAL = "https://www.google.com/"


@pytest.fixture
def sensitive_service(e2e_site):
    from directory.sensitivity import mark_sensitive_terms

    mark_sensitive_terms()
    org = OrganisationPageFactory(title="Συμβουλευτικό Κέντρο Γυναικών Κοζάνης")
    service = ServicePageFactory(
        parent=org,
        title="Ψυχολογική στήριξη γυναικών",
        target_groups=[TargetGroup.objects.get(code="women-violence", locale__language_code="el")],
    )
    return e2e_site, service


def stub_neutral_site(page):
    """No internet here: the neutral site answers from the test, so navigation completes."""
    page.route(
        f"{NEUTRAL}**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<title>weather</title><p>weather"),
    )


def test_the_button_leaves_and_back_does_not_return(page, sensitive_service):
    server, _service = sensitive_service
    stub_neutral_site(page)
    page.goto(f"{server.url}/el/")
    page.goto(f"{server.url}/el/social-map/services/?group=women-violence")
    button = page.get_by_role("link", name=leave())
    assert button.is_visible()
    assert page.get_by_text(esc_hint()).is_visible()
    button.focus()
    outline = button.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    button.click()
    page.wait_for_url(f"{NEUTRAL}**")
    page.go_back()
    page.wait_for_load_state()
    # location.replace took the listing out of the history: Back lands on the page before it.
    assert page.url == f"{server.url}/el/"


def test_escape_twice_leaves(page, sensitive_service):
    server, service = sensitive_service
    stub_neutral_site(page)
    page.goto(server.url + service.url)
    page.keyboard.press("Escape")
    assert page.url.startswith(server.url)  # once is not enough: Escape also closes things
    page.keyboard.press("Escape")
    page.wait_for_url(f"{NEUTRAL}**")


def test_the_button_is_a_plain_link_without_javascript(browser, sensitive_service):
    server, service = sensitive_service
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    stub_neutral_site(page)
    page.goto(server.url + service.url)
    assert not page.get_by_text(esc_hint()).is_visible()  # the shortcut needs JavaScript
    page.get_by_role("link", name=leave()).click()
    page.wait_for_url(f"{NEUTRAL}**")
    context.close()


def test_no_quick_exit_on_ordinary_pages(page, sensitive_service):
    server, _service = sensitive_service
    page.goto(f"{server.url}/el/social-map/services/?group=unemployed")
    assert page.get_by_role("link", name=leave()).count() == 0


@pytest.mark.parametrize("language", ["el", "ar"])
def test_phone_menu_folds_behind_menu_and_nothing_overflows(phone_page, e2e_site, language):
    phone_page.goto(f"{e2e_site.url}/{language}/")
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not phone_page.locator("nav.site-menu").is_visible()
    menu = phone_page.locator("nav.site-menu-phone")
    links = menu.locator("a")
    assert not links.first.is_visible()
    menu.locator("summary").click()
    assert links.first.is_visible()
    assert links.first.get_attribute("href") == f"/{language}/social-map/"


def test_desktop_menu_and_footer(page, e2e_site):
    page.goto(f"{e2e_site.url}/ar/")
    nav = page.locator("nav.site-menu")
    assert nav.is_visible() and not page.locator("nav.site-menu-phone").is_visible()
    assert nav.locator("a").first.get_attribute("href") == "/ar/social-map/"
    footer = page.locator("footer.govgr-footer")
    for href in ("/ar/privacy/", "/ar/accessibility/", "/ar/terms/", "/ar/cookies/"):
        assert footer.locator(f'a[href="{href}"]').is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("path", ["/el/privacy/", "/ar/privacy/", "/el/no-such-page/"])
def test_privacy_notice_and_404_pass_axe(page, sensitive_service, path):
    server, _service = sensitive_service
    page.goto(server.url + path)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_quick_exit_page_passes_axe(page, sensitive_service):
    server, service = sensitive_service
    page.goto(server.url + service.url)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
