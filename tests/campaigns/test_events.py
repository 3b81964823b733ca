"""Events: pages in three languages, filters, registration, waiting list, signed links,
reminders, purge, change notices, iCalendar and JSON-LD, on the real database."""

import datetime
import json
import re

import icalendar
import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from campaigns import registration
from campaigns.event_mail import note_published
from campaigns.factories_events import EventPageFactory, EventRegistrationFactory, events_index
from campaigns.models.events import EventRegistration, EventSeats

pytestmark = pytest.mark.django_db


def form_data(**extra):
    data = {"name": "Μαρία Παπαδοπούλου", "email": "maria@example.org", "people": "1", "consent": "on"}
    data.update(extra)
    return data


def register_url(event, lang="en"):
    return f"/{lang}/events/{event.slug}/register/"


def manage_link(message):
    return re.search(r"http://[^/\s]+(/\S+/registration/\?t=\S+)", message.body).group(1)


# --- pages -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["el", "en", "ar"])
def test_index_and_event_page_render_in_each_language(client, site_tree, lang):
    event = EventPageFactory(title="ΕΝΗΜΕΡΩΣΗ ΓΙΑ ΤΟ ΕΛΑΧΙΣΤΟ ΕΓΓΥΗΜΕΝΟ ΕΙΣΟΔΗΜΑ ΣΤΗΝ ΚΟΖΑΝΗ ΚΑΙ ΤΑ ΧΩΡΙΑ ΤΗΣ")
    index = client.get(f"/{lang}/events/")
    assert index.status_code == 200
    assert event.title in index.content.decode()
    page = client.get(f"/{lang}/events/{event.slug}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="consent"' in html and "application/ld+json" in html
    if lang != "el":
        assert 'lang="el"' in html  # the Greek content is marked inside the visitor's interface


def test_online_link_is_never_on_the_public_page_nor_in_feeds(client, site_tree):
    secret = "https://meet.example.org/secret-room-42"
    event = EventPageFactory(attendance_mode="online", online_url=secret, address="", venue_name="")
    for url in (f"/en/events/{event.slug}/", "/en/events/calendar.ics", f"/en/events/{event.slug}/calendar/"):
        assert secret not in client.get(url).content.decode()


def test_index_filters_by_type_area_and_month_and_ignores_bad_values(client, site_tree, term):
    from directory.models import AdministrativeArea

    kozani = AdministrativeArea.objects.filter(level="municipality", locale__language_code="el").first()
    workshop = EventPageFactory(title="Εργαστήρι βιογραφικού", event_type="workshop", municipality=kozani)
    later = timezone.localtime() + datetime.timedelta(days=70)
    seminar = EventPageFactory(
        title="Σεμινάριο", event_type="seminar", starts_at=later, ends_at=later + datetime.timedelta(hours=2)
    )
    html = client.get("/en/events/?event_type=workshop").content.decode()
    assert workshop.title in html and seminar.title not in html
    html = client.get(f"/en/events/?area={kozani.code}").content.decode()
    assert workshop.title in html and seminar.title not in html
    month = f"{later.year:04d}-{later.month:02d}"
    html = client.get(f"/en/events/?month={month}").content.decode()
    assert seminar.title in html and workshop.title not in html
    bad = client.get("/en/events/?event_type=%3Cx%3E&month=2026-13&area=nowhere&page=99999999999999999999")
    assert bad.status_code == 200
    assert workshop.title in bad.content.decode() or seminar.title in bad.content.decode()


def test_past_events_leave_the_list(client, site_tree):
    past = timezone.now() - datetime.timedelta(days=3)
    old = EventPageFactory(title="Περσινή γιορτή", starts_at=past, ends_at=past + datetime.timedelta(hours=1))
    assert old.title not in client.get("/en/events/").content.decode()


# --- registration --------------------------------------------------------------------


def test_registration_happy_path_sends_confirmation_with_cancel_link(
    client, site_tree, django_capture_on_commit_callbacks
):
    event = EventPageFactory(capacity=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event), form_data(people="3", phone="6941234567"))
    assert response.status_code == 302
    signup = EventRegistration.objects.get()
    assert (signup.status, signup.people, signup.language, signup.phone) == ("confirmed", 3, "en", "+30 694 123 4567")
    assert len(mail.outbox) == 1 and "registered" in mail.outbox[0].subject
    assert registration.places_left(event) == 7
    page = client.get(response["Location"]).content.decode()
    assert "You are registered" in page
    assert "maria@example.org" not in client.get(f"/en/events/{event.slug}/").content.decode()


def test_online_link_only_in_confirmed_registrants_email(client, site_tree, django_capture_on_commit_callbacks):
    event = EventPageFactory(attendance_mode="mixed", online_url="https://meet.example.org/room")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(event), form_data())
    assert "https://meet.example.org/room" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "Enter your name"),
        ({"name": "\x00\u202e "}, "Enter your name"),
        ({"email": "", "phone": ""}, "Enter an e-mail address or a phone number"),
        ({"email": "not-an-email"}, "Enter an e-mail address in the correct format"),
        ({"email": "", "phone": "12"}, "Enter a phone number like"),
        ({"people": "5"}, "Choose how many people from the list"),
        ({"people": "-1"}, "Choose how many people from the list"),
        ({"people": "99999999999999999999999"}, "Choose how many people from the list"),
        ({"consent": ""}, "Tick the box to agree"),
        ({"notes": "x" * 5000}, "1000 characters or fewer"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_saved(client, site_tree, data, message):
    event = EventPageFactory(max_group_size=4)
    response = client.post(register_url(event), form_data(**data))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert EventRegistration.objects.count() == 0


def test_hostile_text_is_escaped_and_nul_bytes_dropped(client, site_tree):
    event = EventPageFactory()
    client.post(register_url(event), form_data(name="<script>alert(1)</script>\x00Ali", notes='=HYPERLINK("x")'))
    signup = EventRegistration.objects.get()
    assert signup.name == "<script>alert(1)</script>Ali"
    response = client.post(register_url(event), form_data(name="<script>bad()</script>", consent=""))
    assert "<script>bad()</script>" not in response.content.decode()


def test_closed_cancelled_or_past_deadline_refuses_with_a_message(client, site_tree):
    cancelled = EventPageFactory(status="cancelled")
    response = client.post(register_url(cancelled), form_data())
    assert response.status_code == 403 and "closed" in response.content.decode()
    deadline = EventPageFactory(registration_deadline=timezone.now() - datetime.timedelta(minutes=1))
    assert client.post(register_url(deadline), form_data()).status_code == 403
    assert EventRegistration.objects.count() == 0


def test_rate_limit_answers_429_with_a_message(client, site_tree, settings):
    event = EventPageFactory(capacity=None)
    statuses = [client.post(register_url(event), form_data()).status_code for _ in range(11)]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    assert "Many registrations" in client.post(register_url(event), form_data()).content.decode()


def test_full_event_puts_people_on_the_waiting_list_in_order(client, site_tree):
    event = EventPageFactory(capacity=2, max_group_size=2)
    client.post(register_url(event), form_data(people="2"))
    client.post(register_url(event), form_data(name="Second", email="second@example.org"))
    client.post(register_url(event), form_data(name="Third", email="third@example.org"))
    statuses = list(EventRegistration.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["confirmed", "waiting", "waiting"]
    assert "Join the waiting list" in client.get(f"/en/events/{event.slug}/").content.decode()


def test_a_group_that_does_not_fit_waits_and_nobody_jumps_the_queue(site_tree):
    event = EventPageFactory(capacity=3, max_group_size=3)
    data = {"name": "A", "people": 2}
    registration.register(event, data, "el")
    big = registration.register(event, {"name": "B", "people": 2}, "el").registration
    small = registration.register(event, {"name": "C", "people": 1}, "el").registration
    assert big.status == "waiting" and small.status == "waiting"  # C waits behind B
    assert registration.places_left(event) == 1


# --- cancellation, offers, lapse -------------------------------------------------------


def test_cancel_link_frees_the_place_and_offers_it_to_the_next(client, site_tree, django_capture_on_commit_callbacks):
    event = EventPageFactory(capacity=1, max_group_size=1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(event), form_data(email="first@example.org"))
        client.post(register_url(event), form_data(email="second@example.org"))
    link = manage_link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200 and "Cancel my registration" in page.content.decode()
    assert EventRegistration.objects.get(email="first@example.org").status == "confirmed"  # GET changes nothing
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"action": "cancel"})
    second = EventRegistration.objects.get(email="second@example.org")
    assert second.status == "offered" and second.offer_expires_at > timezone.now()
    offer = next(m for m in mail.outbox if m.to == ["second@example.org"])
    accept = manage_link(offer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(accept, {"action": "accept"})
    second.refresh_from_db()
    assert second.status == "confirmed"
    assert registration.places_left(event) == 0


def test_tampered_or_foreign_links_are_a_clear_404(client, site_tree):
    event = EventPageFactory()
    other = EventPageFactory()
    signup = EventRegistrationFactory(event=event)
    token = registration.link_token(signup)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for url in (
        f"/en/events/{event.slug}/registration/?t={tampered}",
        f"/en/events/{other.slug}/registration/?t={token}",
        f"/en/events/{event.slug}/registration/?t=%3Cscript%3E",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()


def test_expired_offer_cannot_be_accepted_and_lapses_to_the_next(client, site_tree):
    event = EventPageFactory(capacity=1, max_group_size=1)
    first = EventRegistrationFactory(event=event)
    second = EventRegistrationFactory(event=event, status="waiting")
    third = EventRegistrationFactory(event=event, status="waiting")
    registration.cancel(first)
    second.refresh_from_db()
    assert second.status == "offered"
    EventRegistration.objects.filter(pk=second.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.post(
        f"/en/events/{event.slug}/registration/?t={registration.link_token(second)}", {"action": "accept"}
    )
    assert response.status_code == 400 and "expired" in response.content.decode()
    call_command("offer_waiting_places")
    call_command("offer_waiting_places")  # idempotent: the second run finds nothing
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("lapsed", "offered")
    assert [m.to for m in mail.outbox] == [[third.email]]


def test_no_changes_after_the_event(client, site_tree):
    past = timezone.now() - datetime.timedelta(days=1)
    event = EventPageFactory(starts_at=past - datetime.timedelta(hours=2), ends_at=past)
    signup = EventRegistrationFactory(event=event)
    response = client.post(
        f"/en/events/{event.slug}/registration/?t={registration.link_token(signup)}", {"action": "cancel"}
    )
    assert response.status_code == 400 and "over" in response.content.decode()
    signup.refresh_from_db()
    assert signup.status == "confirmed"


# --- reminders, purge, change notices ------------------------------------------------


def test_reminders_are_sent_once_the_day_before(site_tree):
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    soon = EventPageFactory(starts_at=tomorrow, ends_at=tomorrow + datetime.timedelta(hours=1))
    later = EventPageFactory()
    EventRegistrationFactory(event=soon, language="en")
    EventRegistrationFactory(event=soon, status="waiting")
    EventRegistrationFactory(event=soon, email="", phone="+30 694 123 4567")
    EventRegistrationFactory(event=later)
    call_command("event_reminders")
    call_command("event_reminders")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Tomorrow")


def test_purge_deletes_registrations_a_set_time_after_the_event(site_tree, settings):
    settings.KOINONIA_EVENT_REGISTRATION_RETENTION_DAYS = 30
    old_end = timezone.now() - datetime.timedelta(days=31)
    old = EventPageFactory(starts_at=old_end - datetime.timedelta(hours=2), ends_at=old_end)
    recent_end = timezone.now() - datetime.timedelta(days=5)
    recent = EventPageFactory(starts_at=recent_end - datetime.timedelta(hours=2), ends_at=recent_end)
    EventRegistrationFactory(event=old)
    EventRegistrationFactory(event=recent)
    call_command("purge_registrations")
    assert list(EventRegistration.objects.values_list("event_id", flat=True)) == [recent.pk]


def _publish(event, **changes):
    for name, value in changes.items():
        setattr(event, name, value)
    revision = event.save_revision()
    revision.publish()
    event.refresh_from_db()


def test_moving_and_cancelling_email_registrants_once_and_raise_sequence(site_tree, django_capture_on_commit_callbacks):
    event = EventPageFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _publish(event)  # the first publication records the state, tells nobody
    EventRegistrationFactory(event=event, language="en")
    EventRegistrationFactory(event=event, status="cancelled")
    assert EventSeats.objects.get(event=event).sequence == 0
    with django_capture_on_commit_callbacks(execute=True):
        _publish(
            event,
            starts_at=event.starts_at + datetime.timedelta(days=1),
            ends_at=event.ends_at + datetime.timedelta(days=1),
            status="rescheduled",
        )
    assert EventSeats.objects.get(event=event).sequence == 1
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Changed"]
    with django_capture_on_commit_callbacks(execute=True):
        _publish(event, summary="Only the words changed.")
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        _publish(event, status="cancelled")
    assert EventSeats.objects.get(event=event).sequence == 2
    assert mail.outbox[-1].subject.startswith("Cancelled")
    assert note_published(event) == 0 and len(mail.outbox) == 2


# --- iCalendar and JSON-LD ------------------------------------------------------


def test_ical_feed_and_file_parse_back_with_stable_uid_sequence_and_cancelled(
    client, site_tree, django_capture_on_commit_callbacks
):
    event = EventPageFactory(title="Σεμινάριο: «Δικαιώματα» & υποχρεώσεις")
    with django_capture_on_commit_callbacks(execute=True):
        _publish(event)
    feed = icalendar.Calendar.from_ical(client.get("/el/events/calendar.ics").content)
    (vevent,) = feed.walk("VEVENT")
    uid = str(vevent["UID"])
    assert uid.startswith(f"event-{event.translation_key}@")
    assert int(vevent["SEQUENCE"]) == 0 and str(vevent["STATUS"]) == "CONFIRMED"
    assert vevent.decoded("DTSTART") == event.starts_at
    assert vevent["DTSTART"].params["TZID"] == "Europe/Athens"
    assert feed.walk("VTIMEZONE")
    with django_capture_on_commit_callbacks(execute=True):
        _publish(event, status="cancelled")
    for url in ("/en/events/calendar.ics", f"/en/events/{event.slug}/calendar/"):
        response = client.get(url)
        assert response["Content-Type"].startswith("text/calendar")
        (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        assert str(vevent["UID"]) == uid
        assert int(vevent["SEQUENCE"]) == 1 and str(vevent["STATUS"]) == "CANCELLED"


def test_json_ld_is_valid_schema_org_event(client, site_tree):
    event = EventPageFactory(
        title="</script><b>x</b>", attendance_mode="mixed", online_url="https://meet.example.org/r"
    )
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Event" and data["name"] == "</script><b>x</b>"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {loc["@type"] for loc in data["location"]} == {"Place", "VirtualLocation"}
    assert data["offers"]["price"] == "0"
    assert "meet.example.org" not in raw


def test_upcoming_events_tag_lists_the_next_ones(site_tree, rf):
    from django.template import Context, Template
    from django.utils import translation

    EventPageFactory(title="Πρώτη εκδήλωση")
    cancelled = EventPageFactory(title="Ακυρωμένη", status="cancelled")
    with translation.override("en"):
        html = Template("{% load event_tags %}{% upcoming_events %}").render(Context({"request": rf.get("/en/")}))
    assert "Πρώτη εκδήλωση" in html and cancelled.title not in html
    assert events_index().url in html or "/events/" in html


def test_a_change_notice_that_failed_is_sent_by_the_next_reminders_run(
    site_tree, settings, django_capture_on_commit_callbacks
):
    event = EventPageFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _publish(event)
    signup = EventRegistrationFactory(event=event, language="en")
    settings.EMAIL_BACKEND = "tests.campaigns.test_events.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        _publish(event, status="cancelled")  # the publish itself succeeds
    signup.refresh_from_db()
    assert signup.notified_sequence == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("event_reminders")
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Cancelled"]
    call_command("event_reminders")
    assert len(mail.outbox) == 1


class BrokenBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")
