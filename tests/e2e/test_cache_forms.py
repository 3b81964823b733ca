"""Forms on cacheable pages work in a real browser without a CSRF token.

The display settings (every page's header) and the report form (every service page)
carry no token, so that those pages can be kept by the front cache; the browser's
Origin / Sec-Fetch-Site headers prove the post comes from the site (core/csrf.py).
"""

from directory.factories import ServicePageFactory, ServiceScheduleFactory
from directory.models import ListingReport


def test_display_settings_work_without_a_token(e2e_site, page):
    page.goto(e2e_site.url + "/el/")
    assert "csrfmiddlewaretoken" not in page.content()
    page.click('button[name="text_size"][value="larger"]')
    page.wait_for_load_state()
    assert "text-larger" in page.evaluate("document.documentElement.className")


def test_the_report_form_on_a_service_page_is_sent_without_a_token(e2e_site, page):
    service = ServicePageFactory(title="Κοινωνικό Παντοπωλείο", slug="pantopoleio")
    ServiceScheduleFactory(page=service)
    page.goto(e2e_site.url + service.url)
    assert "csrfmiddlewaretoken" not in page.content()
    page.click("#report summary")
    page.locator("#id_reason_0").focus()
    page.keyboard.press("Space")
    page.fill('form.report-form textarea[name="message"]', "Έκλεισε τον Μάρτιο.")
    page.click("form.report-form button[type=submit]")
    page.wait_for_url("**/pantopoleio/#report")
    assert ListingReport.objects.filter(service=service, message="Έκλεισε τον Μάρτιο.").count() == 1
