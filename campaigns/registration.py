"""Registering for an event, cancelling, and passing freed places down the waiting list.

Places are never given twice: every change to who holds places happens in one
transaction that first locks the event's `EventSeats` row (SELECT ... FOR UPDATE).
Two people registering at the same moment are served one after the other; the second
sees the first's places as taken. Places held = people of confirmed registrations plus
people of open offers (a freed place offered to someone on the waiting list is kept for
them until the offer lapses).

A registration that does not fit goes on the waiting list, in the order it came. When
places free up (a cancellation, a lapsed offer), the first waiting group that fits is
offered them by e-mail, with a signed accept link valid `KOINONIA_EVENT_OFFER_HOURS`;
`offer_waiting_places` (cron) lapses unanswered offers and offers the places to the next.

Links in e-mails carry the registration's random token signed with Django's signing
(salted per purpose), so a link cannot be guessed or altered; the token is looked up,
never the database id.
"""

import uuid
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from campaigns.models.events import (
    EventPage,
    EventRegistration,
    EventSeats,
    RegistrationStatus,
    offer_duration,
)

LINK_SALT = "campaigns.event-registration"


@dataclass(frozen=True)
class Outcome:
    registration: EventRegistration
    offers: tuple = ()  # registrations newly offered a place (to e-mail after commit)
    existing: bool = False  # the person was already registered: nothing was created


def seats_for(event):
    """The EventSeats row of the event's translation group (created on first use)."""
    seats, _created = EventSeats.objects.get_or_create(event=event.canonical)
    return seats


def _lock(event):
    canonical = event.canonical
    seats_for(canonical)  # outside the lock: get_or_create may race, the unique key settles it
    return EventSeats.objects.select_for_update().get(event=canonical), canonical


def places_held(event):
    total = EventRegistration.objects.filter(event=event.canonical).holding_places().aggregate(n=Sum("people"))["n"]
    return total or 0


def places_left(event):
    """None for an event without a limit."""
    capacity = event.canonical.capacity
    if capacity is None:
        return None
    return max(capacity - places_held(event), 0)


def register(event, data, language):
    """Register (or put on the waiting list) the person in `data` (a form's cleaned_data).

    One person, one registration: someone who is already registered, waiting or offered
    a place under the same e-mail (any case) or phone gets that registration back, so a
    second post of the form cannot take more places or a second place in the queue."""
    email = (data.get("email") or "").strip()
    phone = (data.get("phone") or "").strip()
    with transaction.atomic():
        seats, canonical = _lock(event)
        same_person = Q(email__iexact=email) if email else Q()
        if phone:
            same_person |= Q(phone=phone)
        if same_person:
            existing = EventRegistration.objects.filter(event=canonical).active().filter(same_person).first()
            if existing is not None:
                return Outcome(existing, existing=True)
        free = places_left(canonical)
        fits = free is None or data["people"] <= free
        # Nobody jumps the queue: while people wait, newcomers wait behind them.
        queue = EventRegistration.objects.filter(event=canonical).waiting_in_order().exists()
        status = RegistrationStatus.CONFIRMED if fits and not queue else RegistrationStatus.WAITING
        registration = EventRegistration.objects.create(
            event=canonical,
            name=data["name"],
            email=email,
            phone=phone,
            people=data["people"],
            interpretation=data.get("interpretation") or "",
            accessibility_needs=data.get("accessibility_needs") or "",
            notes=data.get("notes") or "",
            language=language,
            status=status,
            notified_sequence=seats.sequence,  # they know the event as it is now
        )
    return Outcome(registration)


def _offer_free_places(canonical, now):
    """Offer freed places to the first waiting groups that fit; call under the lock."""
    free = places_left(canonical)
    if free is None:
        offered = list(EventRegistration.objects.filter(event=canonical).waiting_in_order())
        EventRegistration.objects.filter(pk__in=[r.pk for r in offered]).update(status=RegistrationStatus.CONFIRMED)
        return ()
    offers = []
    for waiting in EventRegistration.objects.filter(event=canonical).waiting_in_order():
        if free <= 0:
            break
        if waiting.people <= free:
            waiting.status = RegistrationStatus.OFFERED
            waiting.offer_expires_at = now + offer_duration()
            waiting.save(update_fields=["status", "offer_expires_at"])
            free -= waiting.people
            offers.append(waiting)
    return tuple(offers)


def cancel(registration, now=None):
    """Cancel a registration or waiting-list place; offer what it freed to those waiting."""
    now = now or timezone.now()
    with transaction.atomic():
        _seats, canonical = _lock(registration.event)
        registration.refresh_from_db()
        if registration.status in (RegistrationStatus.CANCELLED, RegistrationStatus.LAPSED):
            return Outcome(registration)
        registration.status = RegistrationStatus.CANCELLED
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "offer_expires_at"])
        offers = _offer_free_places(canonical, now) if canonical.starts_at > now else ()
    return Outcome(registration, offers)


class OfferExpired(Exception):
    pass


def accept_offer(registration, now=None):
    """Take up an offered place (before the offer lapses)."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock(registration.event)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CONFIRMED:
            return Outcome(registration)
        if registration.status != RegistrationStatus.OFFERED or registration.offer_expires_at <= now:
            raise OfferExpired
        registration.status = RegistrationStatus.CONFIRMED
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "offer_expires_at"])
    return Outcome(registration)


def lapse_offers(now=None):
    """Lapse unanswered offers and pass their places on; returns (lapsed, new offers)."""
    now = now or timezone.now()
    lapsed, offers = [], []
    events = (
        EventPage.objects.filter(
            registrations__status=RegistrationStatus.OFFERED, registrations__offer_expires_at__lte=now
        )
        .distinct()
        .order_by("pk")
    )
    for event in events:
        with transaction.atomic():
            _lock(event)
            expired = list(
                EventRegistration.objects.filter(
                    event=event, status=RegistrationStatus.OFFERED, offer_expires_at__lte=now
                ).select_for_update()
            )
            for registration in expired:
                registration.status = RegistrationStatus.LAPSED
                registration.save(update_fields=["status"])
            lapsed += expired
            if event.starts_at > now:
                offers += _offer_free_places(event, now)
    return lapsed, offers


# --- signed links --------------------------------------------------------------


def link_token(registration):
    return signing.dumps(str(registration.token), salt=LINK_SALT, compress=False)


class BadLink(Exception):
    pass


def registration_from_token(event, token):
    """The registration a link names, for this event's translation group, or BadLink."""
    try:
        value = signing.loads(token, salt=LINK_SALT)
    except signing.BadSignature as exc:
        raise BadLink from exc
    try:
        token_uuid = uuid.UUID(str(value))
    except ValueError as exc:
        raise BadLink from exc
    registration = EventRegistration.objects.filter(token=token_uuid, event=event.canonical).first()
    if registration is None:
        raise BadLink
    return registration
