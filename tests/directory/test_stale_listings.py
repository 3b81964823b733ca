"""Unverified listings: the admin report and the e-mail to each organisation's editors."""

import datetime
import io

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.partners import (
    SECRETARIAT_GROUP_NAME,
    add_partner_user,
    ensure_approval_workflow,
    months_before,
    stale_services,
)


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
