"""Unverified listings: the admin report (filters, search, "mark as verified") and the
e-mail to each organisation's editors."""

import datetime
import io
import re

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry

from directory.factories import OrganisationPageFactory, ServiceLocationFactory, ServicePageFactory
from directory.models import AdministrativeArea, ServiceCategory
from directory.partners import (
    SECRETARIAT_GROUP_NAME,
    add_partner_user,
    ensure_approval_workflow,
    months_before,
    stale_services,
)
from directory.verification import VERIFIED_ACTION, mark_verified
from tests.helpers import translated


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def listings(directory_page):
    ensure_approval_workflow()
    org_a, org_b = OrganisationPageFactory(title="Δήμος Κοζάνης"), OrganisationPageFactory(title="Δήμος Αθηναίων")
    org_quiet = OrganisationPageFactory(title="Σύλλογος χωρίς εκκρεμότητες")
    services = {
        "a_old": ServicePageFactory(parent=org_a, title="Α παλιά", assured_date=days_ago(400)),
        "a_never": ServicePageFactory(parent=org_a, title="Α ποτέ", assured_date=None),
        "a_fresh": ServicePageFactory(parent=org_a, title="Α πρόσφατη", assured_date=days_ago(10)),
        "b_old": ServicePageFactory(parent=org_b, title="Β παλιά", assured_date=days_ago(200)),
        "b_unpublished": ServicePageFactory(parent=org_b, title="Β αδημοσίευτη", assured_date=None, live=False),
        "quiet_fresh": ServicePageFactory(parent=org_quiet, title="Γ πρόσφατη", assured_date=days_ago(30)),
    }
    partner_a = add_partner_user(org_a, "partner-a", "a@example.org", "pass-a-1234")
    add_partner_user(org_a, "partner-a2", "a2@example.org")
    add_partner_user(org_a, "partner-a-no-mail", "")
    add_partner_user(org_b, "partner-b", "b@example.org")
    add_partner_user(org_quiet, "partner-quiet", "quiet@example.org")
    secretariat = get_user_model().objects.create_user("grammateia-test", "g@example.org", "pass-g-1234")
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT_GROUP_NAME))
    return {"services": services, "partner_a": partner_a, "secretariat": secretariat, "org_a": org_a}


def test_months_before_clamps_to_the_end_of_month():
    assert months_before(datetime.date(2025, 8, 31), 6) == datetime.date(2025, 2, 28)
    assert months_before(datetime.date(2024, 8, 31), 6) == datetime.date(2024, 2, 29)
    assert months_before(datetime.date(2025, 3, 15), 15) == datetime.date(2023, 12, 15)


def test_stale_services_are_live_and_unverified_for_the_period(listings):
    titles = [service.title for service in stale_services()]
    assert titles == ["Β παλιά", "Α ποτέ", "Α παλιά"]  # by organisation, never-verified first
    assert [s.title for s in stale_services(months=12)] == ["Α ποτέ", "Α παλιά"]
    assert stale_services()[1].organisation_title == "Δήμος Κοζάνης"


def report(client, **params):
    response = client.get(reverse("directory_stale_listings"), params)
    assert response.status_code == 200
    return response


def test_secretariat_sees_every_unverified_listing(client, listings):
    client.force_login(listings["secretariat"])
    content = report(client).content.decode()
    for title in ("Α παλιά", "Α ποτέ", "Β παλιά", "Δήμος Αθηναίων"):
        assert title in content
    for title in ("Α πρόσφατη", "Β αδημοσίευτη", "Γ πρόσφατη"):
        assert title not in content
    edit = reverse("wagtailadmin_pages:edit", args=[listings["services"]["b_old"].pk])
    assert edit in content


def test_partner_sees_only_its_own_unverified_listings(client, listings):
    client.force_login(listings["partner_a"])
    content = report(client).content.decode()
    assert "Α παλιά" in content and "Α ποτέ" in content
    assert "Β παλιά" not in content and "Δήμος Αθηναίων" not in content
    results = client.get(reverse("directory_stale_listings_results")).content.decode()
    assert "Β παλιά" not in results


@override_settings(KOINONIA_STALE_LISTING_MONTHS=12)
def test_the_period_is_a_setting(client, listings):
    client.force_login(listings["secretariat"])
    assert "Β παλιά" not in report(client).content.decode()


def test_export_as_csv_and_xlsx(client, listings):
    client.force_login(listings["partner_a"])
    response = report(client, export="csv")
    csv_text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Α παλιά" in csv_text and "Δήμος Κοζάνης" in csv_text and "Β παλιά" not in csv_text
    response = report(client, export="xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


# --- filters, search and "mark as verified" -------------------------------------------------


@pytest.fixture
def placed(listings, term):
    """Locations and categories on the stale services: A's in Kozani (food, basic goods), B's in Athens."""
    services = listings["services"]
    ServiceLocationFactory(page=services["a_old"], municipality=term(AdministrativeArea, "m-67"))
    ServiceLocationFactory(page=services["b_old"], municipality=term(AdministrativeArea, "m-193"))
    services["a_old"].categories.set([term(ServiceCategory, "food")])
    services["a_old"].save()
    services["a_never"].categories.set([term(ServiceCategory, "legal")])
    services["a_never"].save()
    return listings


def titles_in(response):
    content = response.content.decode()
    return {title for title in ("Α παλιά", "Α ποτέ", "Β παλιά") if title in content}


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"municipality": "m-67"}, {"Α παλιά"}),
        ({"municipality": "m-193"}, {"Β παλιά"}),
        ({"category": "food"}, {"Α παλιά"}),
        ({"category": "basic-goods"}, {"Α παλιά"}),  # a main category includes its subcategories
        ({"category": "legal"}, {"Α ποτέ"}),
        ({"q": "ΠΑΛΙΑ"}, {"Α παλιά", "Β παλιά"}),  # capitals without accents, as registries write
        ({"q": "αθηναιων"}, {"Β παλιά"}),  # the organisation's name is searched too
        ({"q": "παλια", "municipality": "m-67"}, {"Α παλιά"}),
    ],
)
def test_filters_and_search(client, placed, term, params, expected):
    client.force_login(placed["secretariat"])
    params = dict(params)
    if "municipality" in params:
        params["municipality"] = term(AdministrativeArea, params["municipality"]).pk
    if "category" in params:
        params["category"] = term(ServiceCategory, params["category"]).pk
    assert titles_in(client.get(reverse("directory_stale_listings_results"), params)) == expected
    assert titles_in(report(client, **params)) == expected


def test_organisation_filter_offers_only_the_users_own_organisations(client, placed):
    org_b = placed["services"]["b_old"].get_parent()
    client.force_login(placed["secretariat"])
    assert titles_in(report(client, organisation=org_b.pk)) == {"Β παλιά"}
    client.force_login(placed["partner_a"])
    content = report(client).content.decode()
    choices = re.search(r'<select name="organisation".*?</select>', content, re.S).group(0)
    assert "Δήμος Κοζάνης" in choices and "Δήμος Αθηναίων" not in choices
    # Another organisation's id is not a choice: the filter says so and shows nothing of B's.
    response = report(client, organisation=org_b.pk)
    assert "Β παλιά" not in response.content.decode()


def test_a_bad_filter_value_is_no_error(client, placed):
    client.force_login(placed["secretariat"])
    for params in ({"municipality": "x"}, {"category": "99999999"}, {"organisation": "²"}, {"q": "%_\\"}):
        assert client.get(reverse("directory_stale_listings_results"), params).status_code == 200


def verify(client, data):
    return client.post(reverse("directory_verify_listings"), data, follow=True)


def test_secretariat_marks_one_listing_verified(client, listings):
    service = listings["services"]["b_old"]
    client.force_login(listings["secretariat"])
    response = verify(client, {"one": service.pk, "selected": [listings["services"]["a_old"].pk]})
    service.refresh_from_db()
    assert service.assured_date == timezone.localdate()
    # Only the row's own button counts, not the boxes ticked beside it.
    listings["services"]["a_old"].refresh_from_db()
    assert listings["services"]["a_old"].assured_date == days_ago(400)
    assert response.redirect_chain[-1][0] == reverse("directory_stale_listings")
    content = response.content.decode()
    assert translated("“%(title)s” marked as verified today.") % {"title": "Β παλιά"} in content
    assert reverse("wagtailadmin_pages:edit", args=[service.pk]) not in content  # no longer listed
    entry = PageLogEntry.objects.get(page=service, action=VERIFIED_ACTION)
    assert entry.user == listings["secretariat"] and timezone.localdate(entry.timestamp) == timezone.localdate()


def test_marking_many_records_who_and_keeps_history(client, listings):
    services = listings["services"]
    client.force_login(listings["partner_a"])
    verify(client, {"selected": [services["a_old"].pk, services["a_never"].pk]})
    for key in ("a_old", "a_never"):
        services[key].refresh_from_db()
        assert services[key].assured_date == timezone.localdate()
        assert (
            PageLogEntry.objects.filter(page=services[key], action=VERIFIED_ACTION, user=listings["partner_a"]).count()
            == 1
        )
    # The editor opens the latest revision: it shows the new date too.
    latest = services["a_old"].get_latest_revision_as_object()
    assert latest.assured_date == timezone.localdate()
    # A second verification adds to the history rather than replacing it.
    verify(client, {"one": services["a_old"].pk})
    assert PageLogEntry.objects.filter(page=services["a_old"], action=VERIFIED_ACTION).count() == 2
    history = client.get(reverse("wagtailadmin_pages:history", args=[services["a_old"].pk])).content.decode()
    assert translated("Marked as verified") in history


def test_a_pending_draft_keeps_the_verification_when_it_is_published(client, listings):
    service = listings["services"]["a_old"]
    service.title = "Α παλιά, νέος τίτλος"
    draft = service.save_revision()
    client.force_login(listings["partner_a"])
    verify(client, {"one": service.pk})
    draft.refresh_from_db()
    draft.publish()
    service.refresh_from_db()
    assert service.title == "Α παλιά, νέος τίτλος" and service.assured_date == timezone.localdate()


def test_partner_cannot_verify_another_organisations_listing(client, listings):
    b_old = listings["services"]["b_old"]
    client.force_login(listings["partner_a"])
    response = verify(client, {"selected": [b_old.pk], "one": ""})
    b_old.refresh_from_db()
    assert b_old.assured_date == days_ago(200)
    assert not PageLogEntry.objects.filter(page=b_old, action=VERIFIED_ACTION).exists()
    assert response.status_code == 200  # back to the report, with a message, not an error
    content = response.content.decode()
    assert translated("Choose at least one listing to mark as verified.") in content
    assert "Β παλιά" not in content


def test_verification_needs_a_post_and_a_safe_return_address(client, listings):
    client.force_login(listings["partner_a"])
    assert client.get(reverse("directory_verify_listings")).status_code == 405
    response = client.post(
        reverse("directory_verify_listings"), {"one": listings["services"]["a_old"].pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("directory_stale_listings")
    for junk in ("abc", "²", "-1", "9" * 40):
        assert client.post(reverse("directory_verify_listings"), {"one": junk}).status_code == 302


def test_the_report_shows_who_verified_by_name(client, listings):
    """A verification long ago (so the listing is stale again) names its user in the report."""
    service = listings["services"]["b_old"]
    user = listings["secretariat"]
    user.first_name, user.last_name = "Μαρία", "Παπαδοπούλου"
    user.save()
    mark_verified([service], user, day=days_ago(300))
    client.force_login(listings["partner_a"])
    verify(client, {"one": listings["services"]["a_old"].pk})  # a verification of another listing
    client.force_login(user)
    content = report(client).content.decode()
    assert "Μαρία Παπαδοπούλου" in content
    assert content.count("Μαρία Παπαδοπούλου") == 1  # on B's row only
    assert stale_services().filter(pk=service.pk).exists()


def test_people_without_page_permissions_cannot_open_the_report(client, listings):
    client.force_login(get_user_model().objects.create_user("nobody", "n@example.org", "pass-n-1234"))
    response = client.get(reverse("directory_stale_listings"))
    assert response.status_code == 302


# --- the e-mail ------------------------------------------------------------------------------


def notify(*args):
    out = io.StringIO()
    call_command("notify_stale_listings", *args, stdout=out)
    return out.getvalue()


def test_each_organisation_gets_one_email_with_its_own_listings(listings, mailoutbox):
    output = notify()
    assert len(mailoutbox) == 2
    by_recipients = {tuple(sorted(message.to)): message for message in mailoutbox}
    to_a = by_recipients[("a2@example.org", "a@example.org")]
    to_b = by_recipients[("b@example.org",)]
    assert "Α παλιά" in to_a.body and "Α ποτέ" in to_a.body
    assert "Β παλιά" not in to_a.body and "Α πρόσφατη" not in to_a.body
    assert "Β παλιά" in to_b.body and "Α παλιά" not in to_b.body and "Β αδημοσίευτη" not in to_b.body
    html, mimetype = to_a.alternatives[0]
    assert mimetype == "text/html" and "Α ποτέ" in html and "Β παλιά" not in html
    edit = reverse("wagtailadmin_pages:edit", args=[listings["services"]["a_old"].pk])
    assert f"http://testserver{edit}" in to_a.body
    assert "Δήμος Κοζάνης" in to_a.subject
    assert "quiet@example.org" not in output and "2" in output


def test_nothing_is_sent_when_nothing_is_stale(listings, mailoutbox):
    for service in listings["services"].values():
        service.assured_date = timezone.localdate()
        service.save_revision().publish()
    notify()
    assert mailoutbox == []


def test_dry_run_and_months(listings, mailoutbox):
    output = notify("--dry-run")
    assert mailoutbox == [] and "a@example.org" in output and "b@example.org" in output
    notify("--months", "12")
    assert [sorted(message.to) for message in mailoutbox] == [["a2@example.org", "a@example.org"]]


def test_emails_are_in_greek_by_default(listings, mailoutbox):
    from django.utils import translation
    from django.utils.formats import date_format

    with translation.override("en"):
        notify()
    body = next(message.body for message in mailoutbox if "a@example.org" in message.to)
    with translation.override("el"):
        assert translation.gettext("Hello from the network secretariat,") in body
        assert date_format(listings["services"]["a_old"].assured_date, "SHORT_DATE_FORMAT") in body
