"""The service page and the "report a problem" form."""

import datetime

import pytest

from django.core.cache import cache
from django.test import override_settings

from directory.factories import ServiceLocationFactory, ServicePageFactory, ServicePhoneFactory, ServiceScheduleFactory
from directory.models import ListingReport
from tests.helpers import translated  # noqa: E402

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(directory_page):
    cache.clear()
    page = ServicePageFactory(title="Κέντρο Κοινότητας Κοζάνης", alert="Κλειστό 24/12")
    ServiceLocationFactory(page=page)
    ServicePhoneFactory(page=page, number="2461 350 000")
    ServicePhoneFactory(page=page, number="15900")
    ServiceScheduleFactory(page=page)
    return page


def test_service_page_shows_phones_as_tel_links_hours_and_verification(client, service):
    body = client.get(service.url).content.decode()
    assert 'href="tel:+302461350000"' in body
    assert 'href="tel:15900"' in body
    assert "09:00–15:00" in body
    assert "Κλειστό 24/12" in body
    assert "openstreetmap.org/directions?to=40.300700%2C21.788700" in body


def test_stale_listing_carries_a_warning(client, service):
    service.assured_date = datetime.date.today() - datetime.timedelta(days=400)
    service.save_revision().publish()
    assert translated("It may be out of date: please call before you go.") in client.get(service.url).content.decode()


def test_print_view(client, service):
    response = client.get(service.url + "print/")
    assert response.status_code == 200
    assert "2461 350 000" in response.content.decode()


def report(client, service, **data):
    payload = {"reason": "phone", "message": "Το τηλέφωνο δεν απαντά.", "website": ""}
    payload.update(data)
    return client.post(service.url + "report/", payload)


def test_report_is_stored_and_visitor_is_thanked(client, service):
    response = report(client, service, reporter_contact="6900000000")
    assert response.status_code == 302
    stored = ListingReport.objects.get()
    assert stored.service_id == service.pk and stored.reason == "phone"
    thanks = translated("Thank you. Your report was sent to the people who keep this listing up to date.")
    assert thanks in client.get(response["Location"]).content.decode()
    # The reporter's contact never reaches the public page.
    assert "6900000000" not in client.get(service.url).content.decode()


def test_absurdly_long_report_is_refused_with_a_message_and_nothing_stored(client, service):
    response = report(client, service, message="α" * 100_000)
    assert response.status_code == 400
    assert "2000" in response.content.decode()
    assert ListingReport.objects.count() == 0
    # What the visitor typed in the other fields is kept in the form.
    assert "phone" in response.content.decode()


def test_missing_reason_is_an_error_tied_to_its_field(client, service):
    response = report(client, service, reason="")
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_reason-error"' in body and 'href="#id_reason_0"' in body


def test_honeypot_filled_is_refused(client, service):
    response = report(client, service, website="http://spam.example")
    assert response.status_code == 400
    assert ListingReport.objects.count() == 0


def test_hostile_text_is_stored_as_text_and_rendered_inert(client, service):
    report(client, service, message="<script>alert(1)</script>\u202e\u200b")
    stored = ListingReport.objects.get()
    assert "<script>" in stored.message  # stored as typed (plain text)...
    assert "\u202e" not in stored.message  # ...without invisible control characters


def test_rate_limit_per_ip(client, service):
    for _ in range(5):
        assert report(client, service).status_code == 302
    response = report(client, service)
    assert response.status_code == 429  # Too Many Requests, like a rate-limited comment (issue 13)
    assert (
        translated("You have sent several reports in a short time. Please try again later.")
        in response.content.decode()
    )
    assert ListingReport.objects.count() == 5


@override_settings(RECAPTCHA_SKIP_VERIFY_WITH_TEST_KEYS=False)
def test_captcha_that_cannot_be_verified_is_refused_with_a_message(client, service):
    # With verification on, the answer must be checked with Google; this machine has
    # no route there, which must end in a clear message, not a 500.
    response = report(client, service, **{"g-recaptcha-response": "token"})
    assert response.status_code == 400
    assert (
        translated("We could not check that you are not a robot. Please try again in a moment.")
        in response.content.decode()
    )
    assert ListingReport.objects.count() == 0
