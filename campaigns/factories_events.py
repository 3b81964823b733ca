"""Factories of events for tests, the benchmark and the demo (factory_boy + wagtail-factories)."""

import datetime

import factory
import wagtail_factories

from django.utils import timezone

from wagtail.models import Locale

from campaigns.models.events import EventIndexPage, EventPage, EventRegistration, RegistrationStatus
from campaigns.setup_events import ensure_events_index
from core.site import default_home


def events_index(locale=None):
    """The events index of `locale` (default: Greek), created in every language on first use."""
    locale = locale or Locale.get_default()
    existing = EventIndexPage.objects.filter(locale=locale).first()
    if existing:
        return existing
    ensure_events_index(default_home())
    return EventIndexPage.objects.get(locale=locale)


def _start():
    local = timezone.localtime() + datetime.timedelta(days=10)
    return local.replace(hour=10, minute=0, second=0, microsecond=0)


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ημέρα ενημέρωσης {n}")
    slug = factory.Sequence(lambda n: f"ekdilosi-{n}")
    summary = "Ενημέρωση για τα προγράμματα κοινωνικής ένταξης."
    event_type = "info_day"
    starts_at = factory.LazyFunction(_start)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    attendance_mode = "offline"
    venue_name = "Κέντρο Κοινότητας Κοζάνης"
    address = "Πλατεία Νίκης 1, 50100 Κοζάνη"
    capacity = 30
    max_group_size = 4
    parent = factory.LazyFunction(events_index)

    class Meta:
        model = EventPage


class EventRegistrationFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventPageFactory)
    name = factory.Sequence(lambda n: f"Μαρία Παπαδοπούλου {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    people = 1
    language = "el"
    status = RegistrationStatus.CONFIRMED

    class Meta:
        model = EventRegistration
