"""E-mails to people registered for an event, each in the language they registered in.

Confirmation (with the cancel link and, for online events, the link to join: the only
place that link is given), the offer of a freed place, the reminder the day before and
the notice that an event was moved or cancelled. Markers on the registration
(`reminded_at`, `notified_sequence`) make the senders idempotent. People who left only
a phone number get no e-mail: the team calls them (the admin lists them).
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail.models import Locale

from campaigns.models.events import EventRegistration, EventSeats, RegistrationStatus
from campaigns.registration import link_token, seats_for
from directory.locale_fallback import url_in_locale

logger = logging.getLogger(__name__)


def _absolute(url):
    if url and url.startswith("/"):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return url or ""


def event_in(event, language):
    """The event page in `language` (its translation, else the default-language page)."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None:
        translated = event.get_translation_or_none(locale)
        if translated is not None and translated.live:
            return translated.specific
    return event.specific


def event_url(event, language):
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    return _absolute(url_in_locale(event, locale))


def registration_url(registration):
    # In the query string: Wagtail routes only paths of words, and a signed value has colons.
    base = event_url(registration.event, registration.language).rstrip("/")
    return f"{base}/registration/?t={link_token(registration)}"


def when_text(event):
    start = timezone.localtime(event.starts_at)
    end = timezone.localtime(event.ends_at)
    if start.date() == end.date():
        return f"{date_format(start, 'l j E Y, H:i')}–{date_format(end, 'H:i')}"
    return f"{date_format(start, 'j E Y, H:i')} – {date_format(end, 'j E Y, H:i')}"


SUBJECTS = {
    "confirmed": lambda t: _("You are registered: %(title)s") % {"title": t},
    "waiting": lambda t: _("You are on the waiting list: %(title)s") % {"title": t},
    "offered": lambda t: _("A place is free for you: %(title)s") % {"title": t},
    "reminder": lambda t: _("Tomorrow: %(title)s") % {"title": t},
    "changed": lambda t: _("Changed: %(title)s") % {"title": t},
    "cancelled": lambda t: _("Cancelled: %(title)s") % {"title": t},
}


def send(registration, kind):
    """Render and send one e-mail of `kind` to `registration` (no-op without an e-mail)."""
    if not registration.email:
        return False
    with translation.override(registration.language):
        event = event_in(registration.event, registration.language)
        context = {
            "registration": registration,
            "event": event,
            "kind": kind,
            "when": when_text(event),
            "event_url": event_url(registration.event, registration.language),
            "manage_url": registration_url(registration),
            "show_online_link": registration.status == RegistrationStatus.CONFIRMED and event.is_online,
            "offer_expires": (
                date_format(timezone.localtime(registration.offer_expires_at), "j E Y, H:i")
                if registration.offer_expires_at
                else ""
            ),
        }
        subject = SUBJECTS[kind](event.title)
        body = render_to_string("campaigns/emails/event_registration.txt", context)
    EmailMessage(subject.replace("\n", " "), body, to=[registration.email]).send()
    return True


def send_after_commit(registration, kind):
    """Send once the transaction that made the change has committed (never for a rolled-back one)."""
    transaction.on_commit(lambda: _send_logged(registration, kind))


def _send_logged(registration, kind):
    try:
        send(registration, kind)
    except Exception:  # a mail server down must not undo a registration; the log says so
        logger.exception("Event e-mail %s to registration %s failed", kind, registration.pk)


def send_offers(offers):
    for registration in offers:
        _send_logged(registration, "offered")


# --- reminders and change notices (commands) --------------------------------------


def send_reminders(now=None):
    """Remind confirmed registrants of events starting by the end of tomorrow (Athens), once each."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    end_of_tomorrow = (local + timezone.timedelta(days=2)).replace(hour=0, minute=0, second=0, microsecond=0)
    due = EventRegistration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lt=end_of_tomorrow,
        event__status__in=["scheduled", "rescheduled"],
    ).select_related("event")
    sent = 0
    for registration in due.order_by("pk"):
        # Marked first, in its own row update: a crash after sending cannot send it twice.
        if EventRegistration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(reminded_at=now):
            sent += send(registration, "reminder")
    return sent


def published_state(event):
    """What registrants must be told about when it changes."""
    return {
        # In UTC to the second: a page read back from a revision may carry another zone.
        "starts_at": event.starts_at.astimezone(datetime.UTC).replace(microsecond=0).isoformat(),
        "ends_at": event.ends_at.astimezone(datetime.UTC).replace(microsecond=0).isoformat(),
        "status": event.status,
        "mode": event.attendance_mode,
        "location": event.location_id,
        "venue": event.venue_name,
        "address": event.address.strip(),
        "online_url": event.online_url,
    }


def note_published(event):
    """On publication of the default-language page: raise SEQUENCE if time, place or status
    changed since the last publication, then tell registrants (once per change)."""
    canonical = event.canonical
    if canonical.pk != event.pk:
        return 0
    with transaction.atomic():
        seats_for(canonical)
        seats = EventSeats.objects.select_for_update().get(event=canonical)
        state = published_state(canonical)
        if seats.published_state == state:
            return 0
        first = not seats.published_state
        seats.published_state = state
        if not first:
            seats.sequence += 1
        seats.save(update_fields=["published_state", "sequence"])
    return 0 if first else notify_changes()


def notify_changes(event_ids=None):
    """E-mail every active registrant whose last notice is older than the event's SEQUENCE."""
    pending = EventRegistration.objects.active().filter(notified_sequence__lt=F("event__seats__sequence"))
    if event_ids is not None:
        pending = pending.filter(event_id__in=event_ids)
    sent = 0
    for registration in pending.select_related("event", "event__seats").order_by("pk"):
        sequence = registration.event.seats.sequence
        kind = "cancelled" if registration.event.is_cancelled else "changed"
        # Sent, then marked: a cancellation notice that failed (mail server down) is sent
        # again by the next event_reminders run rather than never.
        try:
            delivered = send(registration, kind)
        except Exception:  # noqa: BLE001 - one failure must not stop the others, nor the publish
            logger.exception("Change notice to registration %s failed; retried by event_reminders", registration.pk)
            continue
        EventRegistration.objects.filter(pk=registration.pk).update(notified_sequence=sequence)
        sent += delivered
    return sent
