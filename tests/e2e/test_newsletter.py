"""The newsletter in a real browser: a visitor signs up with the form, gets the e-mail,
confirms with its link and later unsubscribes; the error summary after a bad submit;
axe-core and the layout checks on every newsletter page in Greek and Arabic at
390, 768, 1280 and 1920 px (with topics whose names are long and untidy)."""

import re

import pytest

from django.core import mail

from wagtail.models import Locale

from campaigns import newsletter
from campaigns.factories_newsletter import NewsletterTopicFactory, PendingSignupFactory, SubscriberFactory
from campaigns.models.newsletter import PendingSignup, Subscriber
from tests.e2e.conftest import DESKTOP, axe_violations, describe_violations
from tests.e2e.layout import ALL_CHECKS, measure

WIDTHS = (390, 768, 1280, 1920)


@pytest.fixture
def topics(e2e_site):
    made = [
        NewsletterTopicFactory(code="events", name="Εκδηλώσεις, εργαστήρια και ημερίδες ενημέρωσης", sort_order=1),
        NewsletterTopicFactory(code="services", name="ΝΕΕΣ ΥΠΗΡΕΣΙΕΣ ΣΤΟΝ ΚΟΙΝΩΝΙΚΟ ΧΑΡΤΗ", sort_order=2),
        NewsletterTopicFactory(code="alerts", name="Έκτακτες ανακοινώσεις (καύσωνας, πλημμύρες)", sort_order=3),
    ]
    arabic = Locale.objects.get(language_code="ar")
    translation = made[0].copy_for_translation(arabic)
    translation.name = "الفعاليات وورش العمل والأيام الإعلامية"
    translation.save()
    return e2e_site


def confirmation_path(message):
    return re.search(r"https?://[^/\s]+(/\S+/newsletter/confirm/\S+/)", message.body).group(1)


def test_a_visitor_signs_up_confirms_and_unsubscribes(topics, page):
    server = topics.url
    page.goto(server + "/el/newsletter/")
    page.fill("#id_email", "Maria.Papadopoulou@Example.org")
    page.locator("label[for=id_topics_0]").click()
    page.locator("label[for=id_consent]").click()
    page.locator("form.newsletter-form button[type=submit]").click()
    page.wait_for_url("**/el/newsletter/check-your-email/")
    assert Subscriber.objects.count() == 0
    assert PendingSignup.objects.get().topics == ["events"]
    assert len(mail.outbox) == 1

    page.goto(server + confirmation_path(mail.outbox[0]))
    assert Subscriber.objects.count() == 0  # opening the link confirms nothing by itself
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/el/newsletter/confirmed/")
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language, subscriber.topics) == (
        "maria.papadopoulou@example.org",
        "el",
        ["events"],
    )
    assert not page.context.cookies()  # no cookie for an anonymous visitor, not even CSRF's

    page.goto(newsletter.unsubscribe_url(subscriber).replace("http://testserver", server))
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".govgr-panel--confirmation")
    assert Subscriber.objects.count() == 0


def test_a_failed_sign_up_focuses_the_summary_and_keeps_what_was_typed(topics, browser):
    context = browser.new_context(viewport=DESKTOP, locale="en")
    page = context.new_page()
    try:
        page.goto(topics.url + "/en/newsletter/")
        page.fill("#id_email", "not an address")
        page.locator("form.newsletter-form button[type=submit]").click()
        page.wait_for_selector(".govgr-error-summary")
        assert page.evaluate("document.activeElement.id") == "newsletter-errors"
        links = page.locator("#newsletter-errors a")
        assert [links.nth(i).get_attribute("href") for i in range(links.count())] == ["#id_email", "#id_consent"]
        assert page.input_value("#id_email") == "not an address"
        assert page.is_checked("#id_language_1")  # English, the page's language
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
        assert PendingSignup.objects.count() == 0
    finally:
        context.close()


def newsletter_pages(language):
    pending = PendingSignupFactory(language=language)
    subscriber = SubscriberFactory(language=language)
    token = newsletter.confirmation_token(pending)
    return {
        "sign-up": f"/{language}/newsletter/",
        "check your e-mail": f"/{language}/newsletter/check-your-email/",
        "confirm": f"/{language}/newsletter/confirm/{token}/",
        "confirmed": f"/{language}/newsletter/confirmed/",
        "link not valid": f"/{language}/newsletter/confirm/{token[:-3]}xyz/",
        "unsubscribe": newsletter.unsubscribe_url(subscriber).removeprefix("http://testserver"),
    }


@pytest.mark.parametrize("language", ["el", "ar"])
def test_newsletter_pages_pass_axe_and_the_layout_checks_at_every_width(topics, browser, language):
    paths = newsletter_pages(language)
    failures = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900}, locale=language)
        page = context.new_page()
        try:
            for name, path in paths.items():
                page.goto(topics.url + path)
                assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
                if width in (390, 1280):
                    failures += [f"{width} px {name}: axe {describe_violations([v])}" for v in axe_violations(page)]
                failures += [f"{width} px {name}: {problem}" for problem in measure(page, ALL_CHECKS)]
            # The sign-up form with every error showing.
            page.goto(topics.url + paths["sign-up"])
            page.locator("form.newsletter-form button[type=submit]").click()
            page.wait_for_selector(".govgr-error-summary")
            failures += [f"{width} px sign-up with errors: {problem}" for problem in measure(page, ALL_CHECKS)]
            if width in (390, 1280):
                failures += [
                    f"{width} px sign-up with errors: axe {describe_violations([v])}" for v in axe_violations(page)
                ]
        finally:
            context.close()
    assert not failures, "\n".join(failures)
