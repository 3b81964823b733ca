"""Registrations in the admin and after the event: the team cannot give places past the
lock (status and people are not editable, a deletion passes the freed places on), the
Site history keeps no registrant's name, and purged registrations take their history
with them. Also: one person holds one registration per event, and an event's change
refreshes every page that shows it in the front cache."""

import datetime

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, ModelLogEntry

from campaigns import registration
from campaigns.factories_events import EventPageFactory, EventRegistrationFactory, events_index
from campaigns.models.events import EventRegistration
from tests.helpers import recording_purges

pytestmark = pytest.mark.django_db

NAME = "Παπαδοπούλου-Ιωαννίδου Αικατερίνη"


@pytest.fixture
def admin_client(client, site_tree):
    user = get_user_model().objects.create_superuser("secretariat", "secretariat@example.org", "pw")
    client.force_login(user)
    return client


def edit_form(signup, **changes):
    data = {
        "status": signup.status,
        "people": str(signup.people),
        "interpretation": signup.interpretation,
        "accessibility_needs": signup.accessibility_needs,
        "notes": signup.notes,
    }
    data.update(changes)
    return data


# --- privacy: the Site history -------------------------------------------------------


def test_label_in_the_history_has_no_name_and_purge_deletes_the_history(admin_client, settings):
    ended = timezone.now() - datetime.timedelta(days=40)
    event = EventPageFactory(starts_at=ended - datetime.timedelta(hours=2), ends_at=ended)
    signup = EventRegistrationFactory(event=event, name=NAME, email="katerina@example.org")
    other = EventRegistrationFactory(event=event, name="Ali Hassan")
    assert NAME not in str(signup) and str(signup.pk) in str(signup)
    url = reverse("event_registrations:edit", args=[signup.pk])
    response = admin_client.post(url, edit_form(signup, notes="Αναπηρικό αμαξίδιο"))
    assert response.status_code == 302
    response = admin_client.post(reverse("event_registrations:delete", args=[other.pk]))
    assert response.status_code == 302
    entries = ModelLogEntry.objects.filter(content_type__model="eventregistration")
    assert {e.action for e in entries} == {"wagtail.edit", "wagtail.delete"}
    assert not [e.label for e in entries if NAME in e.label or "Ali" in e.label]

    settings.KOINONIA_EVENT_REGISTRATION_RETENTION_DAYS = 30
    call_command("purge_registrations")
    assert not EventRegistration.objects.exists()
    # The purged registration's history goes with it; a deletion's stays the retention time.
    assert [e.action for e in entries.all()] == ["wagtail.delete"]
    entries.update(timestamp=timezone.now() - datetime.timedelta(days=31))
    call_command("purge_registrations")
    assert not entries.exists()


def test_purge_keeps_the_history_of_registrations_it_keeps(admin_client, settings):
    signup = EventRegistrationFactory(event=EventPageFactory())
    admin_client.post(reverse("event_registrations:edit", args=[signup.pk]), edit_form(signup, notes="ok"))
    call_command("purge_registrations", days=30)
    assert ModelLogEntry.objects.filter(content_type__model="eventregistration", object_id=str(signup.pk)).exists()


# --- the admin goes through the lock ------------------------------------------------------


def test_admin_cannot_raise_people_nor_confirm_a_waiting_person(admin_client):
    event = EventPageFactory(capacity=2, max_group_size=2)
    EventRegistrationFactory(event=event, people=2)
    waiting = EventRegistrationFactory(event=event, status="waiting")
    url = reverse("event_registrations:edit", args=[waiting.pk])
    response = admin_client.post(url, edit_form(waiting, status="confirmed", people="20", notes="Φέρνει σκύλο-οδηγό"))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.status, waiting.people, waiting.notes) == ("waiting", 1, "Φέρνει σκύλο-οδηγό")
    assert registration.places_held(event) == 2
    assert 'name="status"' not in admin_client.get(url).content.decode()


def test_deleting_in_the_admin_offers_the_freed_place_to_the_next(admin_client, django_capture_on_commit_callbacks):
    event = EventPageFactory(capacity=1, max_group_size=1)
    first = EventRegistrationFactory(event=event)
    waiting = EventRegistrationFactory(event=event, status="waiting", email="next@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("event_registrations:delete", args=[first.pk]))
    assert response.status_code == 302
    assert not EventRegistration.objects.filter(pk=first.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == "offered" and waiting.offer_expires_at > timezone.now()
    assert [m.to for m in mail.outbox] == [["next@example.org"]]


# --- one person, one registration ---------------------------------------------------------


def test_registering_twice_with_the_same_email_or_phone_returns_the_first(site_tree):
    event = EventPageFactory(capacity=3, max_group_size=3)
    first = registration.register(event, {"name": "Maria", "email": "maria@example.org", "people": 2}, "el")
    again = registration.register(event, {"name": "MARIA", "email": "Maria@Example.org", "people": 3}, "en")
    assert again.registration.pk == first.registration.pk
    by_phone = registration.register(event, {"name": "Γιώργος", "phone": "+30 694 123 4567", "people": 1}, "el")
    same_phone = registration.register(
        event, {"name": "Giorgos", "email": "g@example.org", "phone": "+30 694 123 4567", "people": 1}, "el"
    )
    assert same_phone.registration.pk == by_phone.registration.pk
    assert EventRegistration.objects.count() == 2
    assert registration.places_held(event) == 3


def test_a_cancelled_person_may_register_again(site_tree):
    event = EventPageFactory(capacity=3, max_group_size=1)
    first = registration.register(event, {"name": "Maria", "email": "maria@example.org", "people": 1}, "el")
    registration.cancel(first.registration)
    again = registration.register(event, {"name": "Maria", "email": "maria@example.org", "people": 1}, "el")
    assert again.registration.pk != first.registration.pk and again.registration.status == "confirmed"


def test_the_same_person_posting_the_form_twice_sees_the_same_confirmation(client, site_tree):
    event = EventPageFactory(capacity=1, max_group_size=1)
    data = {"name": "Maria", "email": "maria@example.org", "people": "1", "consent": "on"}
    for email in ("maria@example.org", "MARIA@example.org"):
        response = client.post(f"/en/events/{event.slug}/register/", {**data, "email": email}, follow=True)
        assert "You are registered" in response.content.decode()
    assert list(EventRegistration.objects.values_list("status", flat=True)) == ["confirmed"]


# --- the front cache ------------------------------------------------------------------------


def test_publishing_and_unpublishing_an_event_refresh_it_and_its_lists_in_every_language(site_tree):
    event = EventPageFactory(slug="enimerosi-kozani")
    english = event.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.slug = "info-day-kozani"
    english.save_revision().publish()
    for language in ("en", "ar"):
        events_index(Locale.objects.get(language_code=language))
    expected = {
        "http://localhost/el/events/enimerosi-kozani/",
        "http://localhost/en/events/info-day-kozani/",
        "http://localhost/ar/events/enimerosi-kozani/",  # a Greek-only event is served under every language
        "http://localhost/el/events/",
        "http://localhost/en/events/",
        "http://localhost/ar/events/",
        "http://localhost/el/events/calendar.ics",
        "http://localhost/en/events/calendar.ics",
        "http://localhost/ar/events/calendar.ics",
        "http://localhost/el/",
        "http://localhost/en/",
        "http://localhost/ar/",
    }
    with recording_purges() as purged:
        event.status = "cancelled"
        event.save_revision().publish()
        assert expected <= set(purged), expected - set(purged)
        purged.clear()
        event.unpublish()
        assert expected <= set(purged), expected - set(purged)
