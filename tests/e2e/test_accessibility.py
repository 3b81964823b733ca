"""WCAG 2.1 A/AA: every public page type, in Greek and in Arabic (right to left),
on desktop and phone viewports, has zero axe-core violations; the keyboard alone
walks the main paths; the language switcher leads to the same page elsewhere."""

import datetime

import pytest

from wagtail.models import Locale

from directory.factories import (
    GoodPracticePageFactory,
    OrganisationPageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
    ServicePhoneFactory,
    ServiceScheduleFactory,
)
from directory.models import AdministrativeArea, ServiceCategory, TargetGroup
from tests.e2e.alerts_content import ALERT_IDENTIFIER, build_alert
from tests.e2e.conftest import DESKTOP, PHONE, axe_violations, describe_violations
from tests.helpers import translated


def greek(model, code):
    return model.objects.get(code=code, locale__language_code="el")


def translate_page(page, language):
    """A published translation of `page` (and its parents), as wagtail-localize would make."""
    locale = Locale.objects.get(language_code=language)
    existing = page.get_translation_or_none(locale)
    if existing:
        return existing
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = f"{page.title} ({language})"
    copy.save_revision().publish()
    return copy.specific


@pytest.fixture
def site(e2e_site):
    organisation = OrganisationPageFactory(title="Κέντρο Κοινότητας Κοζάνης", slug="kentro-koinotitas")
    service = ServicePageFactory(
        parent=organisation,
        title="Κοινωνικό Παντοπωλείο",
        slug="pantopoleio",
        categories=[greek(ServiceCategory, "social-grocery")],
        target_groups=[greek(TargetGroup, "unemployed")],
        minimum_age=18,
        application_process="Αίτηση στο γραφείο με ραντεβού.",
    )
    ServiceLocationFactory(page=service, municipality=greek(AdministrativeArea, "m-67"))
    ServicePhoneFactory(page=service, number="2461 350 000")
    ServiceScheduleFactory(page=service, opens_at=datetime.time(8), closes_at=datetime.time(15))
    practice = GoodPracticePageFactory(parent=organisation, title="Δίκτυο εθελοντών", slug="diktyo")
    pages = {"organisation": organisation, "service": service, "practice": practice}
    for language in ("en", "ar"):
        for key in ("service", "practice"):
            translate_page(pages[key], language)
    build_alert()  # an extreme alert in Kozani: its banner on the pages of Kozani and the home page
    return {"server": e2e_site, **pages}


def public_urls(site, language):
    def url(page):
        locale = Locale.objects.get(language_code=language)
        return (page.get_translation_or_none(locale) or page).url

    service = url(site["service"])
    return {
        "home": f"/{language}/",
        "directory home": f"/{language}/social-map/",
        "filtered listing": f"/{language}/social-map/services/?category=basic-goods&area=m-67&free=1",
        "map": f"/{language}/social-map/map/?category=basic-goods",
        "service page": service,
        "organisation page": url(site["organisation"]),
        "good practices": f"/{language}/social-map/good-practices/",
        "good practice": url(site["practice"]),
        "report form": service + "report/",
        "search": f"/{language}/search/?q=παντοπωλείο",
        "print view": service + "print/",
        "printable guide": f"/{language}/social-map/services/print/?category=basic-goods",
        "accessibility statement": f"/{language}/accessibility/",
        "newsletter sign-up": f"/{language}/newsletter/",
        "admin login": "/admin/login/",
        "alert page": f"/{language}/alerts/{ALERT_IDENTIFIER}/",
        "alerts": f"/{language}/alerts/",
    }


@pytest.mark.parametrize("language", ["el", "ar"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_type_passes_axe(site, browser, language, viewport):
    context = browser.new_context(viewport=viewport, locale=language)
    page = context.new_page()
    failures = {}
    try:
        for name, path in public_urls(site, language).items():
            response = page.goto(site["server"].url + path)
            assert response.status == 200, f"{name}: HTTP {response.status} at {path}"
            violations = axe_violations(page)
            if violations:
                failures[name] = describe_violations(violations)
        # The report form with its validation errors showing.
        page.goto(site["server"].url + public_urls(site, language)["report form"])
        page.locator("form.report-form button[type=submit]").click()
        page.wait_for_selector(".govgr-error-summary")
        violations = axe_violations(page)
        if violations:
            failures["report form with errors"] = describe_violations(violations)
    finally:
        context.close()
    assert not failures, "\n".join(f"{name}: {text}" for name, text in failures.items())


def test_arabic_pages_are_laid_out_right_to_left(site, page):
    page.goto(site["server"].url + public_urls(site, "ar")["service page"])
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
    # Phone numbers keep their left-to-right digit order inside right-to-left text.
    assert page.locator("a.phone-link span[dir=ltr]").inner_text() == "2461 350 000"


def tab_until(page, predicate, limit=120):
    """Press Tab until the focused element satisfies `predicate` (JS expression on `e`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(e => Boolean({predicate}))(document.activeElement)"):
            return True
    return False


def test_keyboard_alone_search_filter_service_call(site, page):
    server = site["server"].url
    page.goto(server + "/el/social-map/")
    # The first Tab reaches the skip link, which moves focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('govgr--skip-link')")
    assert (
        page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
        or page.evaluate("getComputedStyle(document.activeElement).boxShadow") != "none"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"

    # Search the directory by name, by keyboard.
    assert tab_until(page, "e.id === 'directory-q'")
    page.keyboard.type("Παντοπωλείο")
    page.keyboard.press("Enter")
    page.wait_for_url("**/services/?q=*")

    # Filter: open the municipality select by keyboard and submit the form.
    assert tab_until(page, "e.name === 'area'")
    page.keyboard.press("End")  # a select changes value with the keyboard without opening
    page.select_option("select[name=area]", "m-67")
    assert tab_until(page, "e.closest('.filter-form') && e.type === 'submit'")
    page.keyboard.press("Enter")
    page.wait_for_url("**area=m-67**")

    # Reach the result, open it, and reach the call link.
    assert tab_until(page, "e.textContent.trim() === 'Κοινωνικό Παντοπωλείο'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/pantopoleio/")
    assert tab_until(page, "e.classList.contains('phone-link')")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "tel:+302461350000"


def test_keyboard_alone_report_form_error_and_correction(site, page):
    server = site["server"].url
    page.goto(server + site["service"].url + "report/")
    assert tab_until(page, "e.closest('form.report-form') && e.type === 'submit'")
    page.keyboard.press("Enter")
    page.wait_for_selector(".govgr-error-summary")
    # The error summary links to the field in error; following it moves focus there.
    assert tab_until(page, "e.closest('.govgr-error-summary') && e.tagName === 'A'")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "reason"
    page.keyboard.press("Space")
    assert tab_until(page, "e.name === 'message'")
    page.keyboard.type("Το τηλέφωνο έχει αλλάξει.")
    assert tab_until(page, "e.closest('form.report-form') && e.type === 'submit'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/pantopoleio/#report")
    assert (
        translated("Thank you. Your report was sent to the people who keep this listing up to date.") in page.content()
    )


def test_language_switcher_goes_to_the_same_service_in_english_arabic_and_back(site, page):
    server = site["server"].url
    page.goto(server + site["service"].url)
    page.locator(".language-switcher a[hreflang=en]").click()
    page.wait_for_url("**/en/**/pantopoleio/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "(en)" in page.locator("h1").inner_text()
    page.locator(".language-switcher a[hreflang=ar]").click()
    page.wait_for_url("**/ar/**/pantopoleio/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator(".language-switcher a[hreflang=el]").click()
    page.wait_for_url("**/el/**/pantopoleio/")
    assert page.locator("h1").inner_text() == "Κοινωνικό Παντοπωλείο"
