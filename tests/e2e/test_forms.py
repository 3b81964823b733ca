"""Forms in a real browser: after a failed submit the error summary has focus, its
links lead to the fields, and axe-core finds nothing to fix on the form with errors."""

import pytest

from wagtail.models import Locale

from consultations.factories import ConsultationPageFactory
from directory.factories import ServicePageFactory, ServiceScheduleFactory
from tests.e2e.conftest import DESKTOP, PHONE, axe_violations, describe_violations
from tests.helpers import translated

CONTACT = "Enter a phone number, like 210 123 4567, or an e-mail address, like name@example.com, or leave it empty"


@pytest.fixture
def service(e2e_site):
    page = ServicePageFactory(title="Κοινωνικό Παντοπωλείο", slug="pantopoleio")
    ServiceScheduleFactory(page=page)
    arabic = page.copy_for_translation(Locale.objects.get(language_code="ar"), copy_parents=True)
    arabic.save_revision().publish()
    return {"server": e2e_site.url, "el": page.url, "ar": arabic.specific.url}


def focused(page):
    return page.evaluate("document.activeElement.id")


def test_failed_report_puts_focus_on_the_summary_whose_links_lead_to_each_field(service, page):
    page.goto(service["server"] + service["el"] + "report/")
    page.fill("#id_reporter_contact", "abc")
    page.locator("form.report-form button[type=submit]").click()
    page.wait_for_selector(".govgr-error-summary")
    assert focused(page) == "report-errors"
    assert page.title().startswith(translated("Error:"))
    # A screen reader starts with the summary; a sighted visitor sees it at the top.
    box = page.locator("#report-errors").bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]
    links = page.locator("#report-errors a")
    assert links.count() == 2
    assert links.nth(0).get_attribute("href") == "#id_reason_0"
    assert links.nth(1).inner_text() == translated(CONTACT)
    # Following a link moves focus to the field, which shows the same message.
    links.nth(1).click()
    assert focused(page) == "id_reporter_contact"
    assert page.input_value("#id_reporter_contact") == "abc"
    describedby = page.get_attribute("#id_reporter_contact", "aria-describedby").split()
    assert "id_reporter_contact-error" in describedby
    assert translated(CONTACT) in page.inner_text("#id_reporter_contact-error")
    page.locator("#report-errors a").nth(0).click()
    assert focused(page) == "id_reason_0"
    # Correct both and send.
    page.keyboard.press("Space")
    page.fill("#id_reporter_contact", "210 123 4567")
    page.locator("form.report-form button[type=submit]").click()
    page.wait_for_url("**/pantopoleio/#report")


def test_without_javascript_the_summary_still_has_focus(service, browser):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False, locale="el-GR")
    page = context.new_page()
    try:
        page.goto(service["server"] + service["el"] + "report/")
        page.locator("form.report-form button[type=submit]").click()
        page.wait_for_selector(".govgr-error-summary")
        # `autofocus` on the summary, no script needed.
        assert focused(page) == "report-errors"
    finally:
        context.close()


@pytest.mark.parametrize("language", ["el", "ar"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_report_form_with_every_kind_of_error_passes_axe(service, browser, language, viewport):
    context = browser.new_context(viewport=viewport, locale=language)
    page = context.new_page()
    try:
        page.goto(service["server"] + service[language] + "report/")
        page.fill("#id_reporter_contact", "210")
        page.fill("#id_reporter_name", "Μαρία")
        page.locator("form.report-form button[type=submit]").click()
        page.wait_for_selector(".govgr-error-summary")
        assert page.locator("#report-errors li").count() == 2
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
        # Each radio sits beside its label: the GOV.GR item markup, not a pile in a corner.
        for index in range(page.locator(".govgr-radios__item").count()):
            radio = page.locator(f"#id_reason_{index}").bounding_box()
            label = page.locator(f"label[for=id_reason_{index}]").bounding_box()
            assert abs((radio["y"] + radio["height"] / 2) - (label["y"] + label["height"] / 2)) < radio["height"]
            gap = (
                label["x"] - (radio["x"] + radio["width"])
                if language == "el"
                else radio["x"] - (label["x"] + label["width"])
            )
            assert -2 <= gap < 40, (language, index, radio, label)
    finally:
        context.close()


def test_failed_comment_puts_focus_on_the_summary(e2e_site, page):
    consultation = ConsultationPageFactory(title="Σχέδιο δράσης", slug="schedio")
    page.goto(e2e_site.url + consultation.url + "comment/")
    page.fill("#id_email", "maria@")
    page.locator("form.consultation-form button[type=submit]").click()
    page.wait_for_selector(".govgr-error-summary")
    assert focused(page) == "comment-errors"
    hrefs = [a.get_attribute("href") for a in page.locator("#comment-errors a").all()]
    assert hrefs == ["#id_author_name", "#id_email", "#id_text", "#id_accept_terms"]
    page.locator("#comment-errors a[href='#id_email']").click()
    assert focused(page) == "id_email"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
