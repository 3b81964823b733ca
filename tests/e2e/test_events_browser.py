"""Registering for an event in a real browser: the form with its errors (focus on the
summary, axe-core clean), a successful registration, the waiting list when full, and
the same without JavaScript."""

import pytest

from campaigns.factories_events import EventPageFactory, events_index
from campaigns.models.events import EventRegistration
from tests.e2e.conftest import DESKTOP, PHONE, axe_violations, describe_violations


@pytest.fixture
def event(e2e_site):
    events_index()
    page = EventPageFactory(title="Εργαστήριο βιογραφικού", slug="ergastirio", capacity=2, max_group_size=2)
    return {"server": e2e_site.url, "page": page}


def focused(page):
    return page.evaluate("document.activeElement.id")


def fill(page, name, email="", phone="", people="1"):
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.fill("#id_phone", phone)
    page.select_option("#id_people", people)
    page.check("#id_consent")
    page.locator("form.event-form button[type=submit]").click()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_register_through_the_form_then_the_waiting_list(event, browser, viewport):
    context = browser.new_context(viewport=viewport, locale="el-GR", timezone_id="Europe/Athens")
    page = context.new_page()
    try:
        url = event["server"] + event["page"].url
        page.goto(url)
        page.locator("form.event-form button[type=submit]").click()
        page.wait_for_selector(".govgr-error-summary")
        assert focused(page) == "register-errors"
        hrefs = [a.get_attribute("href") for a in page.locator("#register-errors a").all()]
        assert hrefs == ["#id_name", "#id_email", "#id_consent"]
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
        fill(page, "ΜΑΡΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ", phone="6941234567", people="2")
        page.wait_for_url("**/ergastirio/#main-content")
        signup = EventRegistration.objects.get()
        assert (signup.name, signup.people, signup.status) == ("ΜΑΡΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ", 2, "confirmed")
        # Now full: the form offers the waiting list.
        fill(page, "Olena Kovalenko", email="olena@example.org")
        page.wait_for_url("**/ergastirio/#main-content")
        assert EventRegistration.objects.get(name="Olena Kovalenko").status == "waiting"
    finally:
        context.close()


def test_register_without_javascript_in_arabic(event, browser):
    from wagtail.models import Locale

    arabic = event["page"].copy_for_translation(Locale.objects.get(language_code="ar"), copy_parents=True)
    arabic.title = "ورشة عمل السيرة الذاتية"
    arabic.save_revision().publish()
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False, locale="ar")
    page = context.new_page()
    try:
        page.goto(event["server"] + arabic.specific.url)
        assert page.get_attribute("html", "dir") == "rtl"
        fill(page, "Ahmad Al-Hassan", email="ahmad@example.org")
        page.wait_for_url("**/#main-content")
        signup = EventRegistration.objects.get()
        assert signup.language == "ar" and signup.event_id == event["page"].pk  # the Greek page's places
    finally:
        context.close()
