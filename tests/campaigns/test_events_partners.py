"""Partners announce their own events: each edits its organisation's folder and nothing
else, and cannot name another organisation as organiser. Also the demo events."""

import pytest

from django.urls import reverse

from wagtail.users.models import UserProfile

from campaigns.factories_events import EventPageFactory, events_index
from campaigns.models.events import EventOrganiserFolder, EventPage, EventRegistration
from directory.factories import OrganisationPageFactory
from directory.partners import add_partner_user, ensure_approval_workflow

pytestmark = pytest.mark.django_db


def english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def partners(directory_page, django_capture_on_commit_callbacks):
    ensure_approval_workflow()
    events_index()
    org_a = OrganisationPageFactory(title="Σύλλογος «Γέφυρα» Κοζάνης")
    org_b = OrganisationPageFactory(title="ΚΕΝΤΡΟ ΚΟΙΝΟΤΗΤΑΣ ΑΘΗΝΑΣ")
    with django_capture_on_commit_callbacks(execute=True):
        user_a = add_partner_user(org_a, "partner-a", "a@example.org", "pass-a-1234")
        user_b = add_partner_user(org_b, "partner-b", "b@example.org", "pass-b-1234")
    folder_a = EventOrganiserFolder.objects.get(organisation=org_a)
    folder_b = EventOrganiserFolder.objects.get(organisation=org_b)
    return {
        "org_a": org_a,
        "org_b": org_b,
        "user_a": english(user_a),
        "user_b": english(user_b),
        "folder_a": folder_a,
        "folder_b": folder_b,
    }


def test_a_folder_per_partner_created_when_the_partner_group_is(partners):
    assert partners["folder_a"].get_parent().specific_class.__name__ == "EventIndexPage"
    # idempotent: a second partner user of the same organisation adds no folder
    add_partner_user(partners["org_a"], "partner-a2", "a2@example.org", "pass-a2-1234")
    assert EventOrganiserFolder.objects.filter(organisation=partners["org_a"]).count() == 1


def test_partner_can_add_and_edit_in_own_folder_only(partners):
    user_a = partners["user_a"]
    event_b = EventPageFactory(parent=partners["folder_b"], organiser=partners["org_b"])
    event_a = EventPageFactory(parent=partners["folder_a"], organiser=partners["org_a"])
    assert partners["folder_a"].permissions_for_user(user_a).can_add_subpage()
    assert not partners["folder_b"].permissions_for_user(user_a).can_add_subpage()
    assert not events_index().permissions_for_user(user_a).can_add_subpage()
    assert event_a.permissions_for_user(user_a).can_edit()
    assert not event_b.permissions_for_user(user_a).can_edit()
    assert not event_a.permissions_for_user(user_a).can_publish()  # through the secretariat's approval


def test_partner_cannot_open_another_partners_event_in_the_admin(client, partners):
    event_b = EventPageFactory(parent=partners["folder_b"], organiser=partners["org_b"])
    client.force_login(partners["user_a"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[event_b.pk]))
    assert response.status_code in (302, 403)
    add_b = reverse("wagtailadmin_pages:add", args=["campaigns", "eventpage", partners["folder_b"].pk])
    assert client.get(add_b).status_code in (302, 403)


def _event_form(organiser_pk, title="Εργαστήρι για γονείς"):
    return {
        "title": title,
        "slug": "ergastirio-goneon",
        "summary": "Συνάντηση γονέων.",
        "event_type": "workshop",
        "status": "scheduled",
        "starts_at": "2030-05-10 10:00",
        "ends_at": "2030-05-10 12:00",
        "attendance_mode": "offline",
        "address": "Πλατεία Νίκης 1, Κοζάνη",
        "organiser": str(organiser_pk),
        "max_group_size": "4",
        "registration_open": "on",
    }


def test_partner_cannot_name_another_organisation_as_organiser(client, partners):
    client.force_login(partners["user_a"])
    add_a = reverse("wagtailadmin_pages:add", args=["campaigns", "eventpage", partners["folder_a"].pk])
    form = client.get(add_a)
    assert form.status_code == 200
    html = form.content.decode()
    assert partners["org_a"].title in html and partners["org_b"].title not in html
    response = client.post(add_a, _event_form(partners["org_b"].pk))
    assert response.status_code == 200  # the form again, with the error
    assert not EventPage.objects.filter(slug="ergastirio-goneon").exists()
    response = client.post(add_a, _event_form(partners["org_a"].pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="ergastirio-goneon")
    assert event.organiser_id == partners["org_a"].pk and not event.live


def test_demo_events_load_twice_without_change(site_tree):
    from campaigns.demo.events import load_events_demo

    load_events_demo()
    counts = (EventPage.objects.count(), EventRegistration.objects.count())
    load_events_demo()
    assert (EventPage.objects.count(), EventRegistration.objects.count()) == counts
    assert EventPage.objects.filter(locale__language_code="el").count() == 5
    assert EventRegistration.objects.filter(status="waiting").exists()
    assert EventPage.objects.filter(locale__language_code="en").exists()
