"""iCalendar (RFC 5545) for events, made with the `icalendar` library.

One feed per language (/<lang>/events/calendar.ics) and one file per event. A
calendar that subscribed recognises an event by its UID, the same in every language
and forever: event-<translation key>@<host>. When the time, place or status of an
event changes and is published, EventSeats.sequence is raised (campaigns.event_mail),
and the SEQUENCE tells calendars to replace their copy; a cancelled event stays in the
feed with STATUS:CANCELLED so calendars remove it instead of keeping a stale one.
Times are written with TZID=Europe/Athens and the VTIMEZONE icalendar builds from the
tz database. The online link is never written here: feeds are public.
"""

import icalendar

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags

from campaigns.models.events import EventSeats, EventStatus

PRODID = "-//Koinonia//Events//EL"


def _host():
    from urllib.parse import urlsplit

    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "koinonia.example"


def _absolute(url, request=None):
    if url and url.startswith("/"):
        if request is not None:
            return request.build_absolute_uri(url)
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return url or ""


def event_uid(event):
    return f"event-{event.translation_key}@{_host()}"


def _sequence(event, sequences):
    return sequences.get(event.canonical.pk, 0)


def _component(event, sequence, url, request=None):
    vevent = icalendar.Event()
    athens = timezone.get_default_timezone()
    vevent.add("uid", event_uid(event))
    vevent.add("sequence", sequence)
    vevent.add("summary", event.title)
    vevent.add("dtstart", timezone.localtime(event.starts_at, athens))
    vevent.add("dtend", timezone.localtime(event.ends_at, athens))
    vevent.add("dtstamp", timezone.now())
    vevent.add("last-modified", event.last_published_at or event.latest_revision_created_at or timezone.now())
    vevent.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    description = event.summary
    if event.description:
        description += "\n\n" + strip_tags(str(event.description)).strip()
    vevent.add("description", description)
    if url:
        vevent.add("url", url)
    if event.has_place:
        place = ", ".join(p for p in (event.place_name, event.place_address) if p)
        if place:
            vevent.add("location", place)
    if event.organiser_id:
        # A cal-address is any URI: the organisation's page, not an invented mailbox.
        organiser = icalendar.vCalAddress(_absolute(event.organiser.url, request) or f"https://{_host()}/")
        organiser.params["cn"] = event.organiser.title
        vevent.add("organizer", organiser)
    vevent.add("categories", [event.get_event_type_display()])
    return vevent


def _calendar(name, language):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _sequences(events):
    ids = {e.canonical.pk for e in events}
    return dict(EventSeats.objects.filter(event_id__in=ids).values_list("event_id", "sequence"))


def build_calendar(events, name, language, request=None):
    """A VCALENDAR of `events` (pages addressed for the visitor's language), as bytes."""
    calendar = _calendar(name, language)
    sequences = _sequences(events)
    for event in events:
        url = _absolute(event.get_url(request), request)
        calendar.add_component(_component(event, _sequence(event, sequences), url, request))
    calendar.add_missing_timezones()
    return calendar.to_ical()
