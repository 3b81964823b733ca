"""The "report a problem" form on the GOV.UK/GOV.GR error pattern, and its contact check.

Each error says what to do, once in the summary (a link to the field) and once
beside the field, with nothing stuck in front of it; a contact must be an e-mail
address or a phone number staff can call back; hostile input never ends in a 500.
"""

import re

import pytest

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from directory.contact import normalise_contact
from directory.factories import ServicePageFactory, ServiceScheduleFactory
from directory.forms import ReportProblemForm
from directory.models import ListingReport
from tests.helpers import translated

EMAIL = "Enter an e-mail address in the correct format, like name@example.com"
PHONE = (
    "Enter a phone number with its area code, like 210 123 4567 or 690 123 4567, "
    "or with + and the country code, like +44 20 7946 0958"
)
CONTACT = "Enter a phone number, like 210 123 4567, or an e-mail address, like name@example.com, or leave it empty"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("name@example.com", "name@example.com"),
        ("  Maria.P@Example.GR ", "Maria.P@example.gr"),
        ("210 123 4567", "+30 21 0123 4567"),  # Athens landline
        ("2461350000", "+30 2461 350000"),  # Kozani landline
        ("690-123-4567", "+30 690 123 4567"),  # mobile
        ("+30 690 123 4567", "+30 690 123 4567"),
        ("0030 210 1234567", "+30 21 0123 4567"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("+380 44 123 4567", "+380 44 123 4567"),
        ("", ""),
    ],
)
def test_contact_accepts_emails_and_real_phone_numbers(typed, stored):
    assert normalise_contact(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("210", PHONE),  # an area code alone
        ("15900", PHONE),  # a hotline is not a way to reach the reporter
        ("+44 12", PHONE),
        ("abc", CONTACT),
        ("call me maybe", CONTACT),
        ("name@", EMAIL),
        ("name@example", EMAIL),
        ("name @example.com", EMAIL),
    ],
)
@pytest.mark.usefixtures("in_english")
def test_contact_rejects_what_nobody_can_use_and_says_what_to_enter(typed, message):
    with pytest.raises(ValidationError) as raised:
        normalise_contact(typed)
    assert raised.value.messages == [translated(message, "en")]


def form(**data):
    payload = {"reason": "phone", "message": "", "reporter_name": "", "reporter_contact": "", "website": ""}
    payload.update(data)
    return ReportProblemForm(payload)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"reason": ""}, "reason", "Select what is wrong with this listing"),
        ({"reason": "nonsense"}, "reason", "Select what is wrong with this listing from the list"),
        ({"message": "α" * 2001}, "message", "Details must be 2000 characters or fewer"),
        ({"reporter_name": "α" * 121}, "reporter_name", "Your name must be 120 characters or fewer"),
        ({"reporter_contact": "9" * 201}, "reporter_contact", "Your phone or e-mail must be 200 characters or fewer"),
        ({"reporter_contact": "name@example"}, "reporter_contact", EMAIL),
        ({"reporter_contact": "210"}, "reporter_contact", PHONE),
        ({"reporter_contact": "abc"}, "reporter_contact", CONTACT),
    ],
)
@pytest.mark.usefixtures("in_english")
def test_each_error_says_what_to_do(data, field, message):
    bound = form(**data)
    assert not bound.is_valid()
    assert bound.errors[field] == [translated(message, "en")]
    anchor = "id_reason_0" if field == "reason" else f"id_{field}"
    assert [(e.message, e.anchor) for e in bound.error_summary()] == [(translated(message, "en"), anchor)]


def test_valid_contact_is_stored_in_international_format():
    bound = form(reporter_contact="690 123 4567", reporter_name="  Μαρία \t Π. ")
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["reporter_contact"] == "+30 690 123 4567"
    assert bound.cleaned_data["reporter_name"] == "Μαρία Π."


def test_nul_bytes_are_dropped_before_validation():
    bound = form(message="Λάθος\x00 τηλέφωνο", reporter_contact="210\x001234567", reporter_name="\x00Νίκος")
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["message"] == "Λάθος τηλέφωνο"
    assert bound.cleaned_data["reporter_contact"] == "+30 21 0123 4567"
    assert bound.cleaned_data["reporter_name"] == "Νίκος"


def test_privacy_notice_is_linked_where_the_contact_is_asked_when_the_site_has_one():
    with_link = render_to_string("components/report_form.html", {"form": form(), "privacy_notice_url": "/en/privacy/"})
    assert 'href="/en/privacy/"' in with_link
    without = render_to_string("components/report_form.html", {"form": form()})
    assert "privacy" not in without.lower().replace("privacy_notice", "")


# --- the page ------------------------------------------------------------------


@pytest.fixture
def service(directory_page):
    page = ServicePageFactory(title="Κοινωνικό Παντοπωλείο")
    ServiceScheduleFactory(page=page)
    return page


def post(client, service, **data):
    payload = {"reason": "phone", "message": "", "reporter_name": "", "reporter_contact": "", "website": ""}
    payload.update(data)
    return client.post(service.url + "report/", payload)


def summary_items(body):
    summary = re.search(r'<div class="govgr-error-summary".*?</ul>', body, re.S).group(0)
    return re.findall(r'<li><a class="govgr-link" href="#([^"]+)">([^<]+)</a></li>', summary)


@pytest.mark.django_db
def test_failed_submit_opens_on_a_focused_summary_linking_each_field(client, service):
    response = post(client, service, reason="", reporter_contact="abc")
    body = response.content.decode()
    assert response.status_code == 400
    assert re.search(r'<div class="govgr-error-summary"[^>]*tabindex="-1"[^>]*autofocus', body)
    assert "js/error-summary" in body  # focuses it where autofocus on a div is ignored (no inline script: CSP)
    assert summary_items(body) == [
        ("id_reason_0", translated("Select what is wrong with this listing")),
        ("id_reporter_contact", translated(CONTACT)),
    ]
    # Every link leads to a control on the page, and each field carries its message.
    assert 'id="id_reason_0"' in body and 'id="id_reporter_contact"' in body
    assert 'aria-describedby="id_reason-error"' in body and 'id="id_reason-error"' in body
    assert re.search(r'aria-describedby="id_reporter_contact-hint id_reporter_contact-error"', body)
    assert body.count("govgr-field__error") == 2
    assert "<title>" + translated("Error:") in body
    assert ListingReport.objects.count() == 0


@pytest.mark.django_db
def test_no_stray_punctuation_in_messages(client, service):
    body = post(client, service, reason="", message="α" * 2001, reporter_contact="210").content.decode()
    texts = [text for _anchor, text in summary_items(body)]
    texts += re.findall(r'<p class="govgr-error-message"[^>]*>(.*?)</p>', body, re.S)
    assert len(texts) == 6
    for text in texts:
        plain = re.sub(r"<[^>]+>", "", text)
        assert ": :" not in plain and "?:" not in plain and ".." not in plain and " ." not in plain, plain
        assert not plain.rstrip().endswith((":", ".")), plain


@pytest.mark.django_db
def test_radios_use_the_govgr_item_markup(client, service):
    body = client.get(service.url + "report/").content.decode()
    items = re.findall(r'<div class="govgr-radios__item">(.*?)</div>', body, re.S)
    assert len(items) == 6
    for index, item in enumerate(items):
        assert re.fullmatch(
            rf'<input class="govgr-radios__input" type="radio" name="reason" value="[a-z]+" id="id_reason_{index}">'
            rf'<label class="govgr-radios__label" for="id_reason_{index}">[^<]+</label>',
            item,
        ), item


@pytest.mark.django_db
@pytest.mark.parametrize(
    "hostile",
    ["\x00", "\x00" * 50, "α" * 10_000, "\u202eevil\u202c", "<script>alert(1)</script>", "\uffff"],
    ids=["nul", "nuls", "10k", "rtl-override", "script", "noncharacter"],
)
@pytest.mark.parametrize("field", ["reason", "message", "reporter_name", "reporter_contact", "website"])
def test_hostile_input_never_ends_in_a_500(client, service, field, hostile):
    response = post(client, service, **{field: hostile})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert "govgr-error-summary" in response.content.decode()
    for report in ListingReport.objects.all():
        assert "\x00" not in report.message + report.reporter_name + report.reporter_contact
        assert "\u202e" not in report.message + report.reporter_name
