"""Which events to show: the events list with its filters, the home page's upcoming
events and the calendar feeds. Views and feeds ask these classes; none writes a query.

An events list in a language shows that language's own live events and the Greek ones
that have no live translation in it (served under the visitor's prefix and marked
lang="el", directory.locale_fallback), each translation group once.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.models import Locale

from campaigns.models.events import EventIndexPage, EventPage
from directory.locale_fallback import LocaleUrls
from directory.models import AdministrativeArea

#: How long a past event stays in the calendar feeds (so calendars see its last state).
FEED_PAST_DAYS = 60


def index_for(locale):
    """The live events index of `locale`, else the default language's (or None)."""
    index = EventIndexPage.objects.live().filter(locale=locale).first()
    if index is None:
        index = EventIndexPage.objects.live().filter(locale=Locale.get_default()).first()
    return index


class EventsInLanguage:
    """Live events for visitors of one language (own pages plus untranslated Greek ones)."""

    def __init__(self, locale):
        self.locale = locale
        self.default = Locale.get_default()

    def queryset(self):
        live = EventPage.objects.live()
        own = live.filter(locale=self.locale)
        if self.locale.pk == self.default.pk:
            return own
        translated = EventPage.objects.live().filter(locale=self.locale).values("translation_key")
        return live.filter(Q(locale=self.locale) | Q(locale=self.default) & ~Q(translation_key__in=translated))

    def reroot(self, pages):
        """Give the Greek fallbacks addresses under the visitor's prefix (in place)."""
        LocaleUrls(self.locale).reroot([p for p in pages if p.locale_id != self.locale.pk])
        return pages


@dataclass
class Filters:
    event_type: list
    area: str
    month: str


class EventListing:
    """Upcoming (not yet ended) events of one language, filtered, soonest first."""

    def __init__(self, locale, now=None):
        self.events = EventsInLanguage(locale)
        self.locale = locale
        self.now = now or timezone.now()

    def upcoming(self):
        return self.events.queryset().filter(ends_at__gt=self.now)

    def filtered(self, filters):
        qs = self.upcoming()
        if filters.event_type:
            qs = qs.filter(event_type__in=filters.event_type)
        if filters.area:
            qs = qs.filter(municipality__code=filters.area)
        if filters.month:
            year, month = (int(x) for x in filters.month.split("-"))
            start = timezone.make_aware(datetime.datetime(year, month, 1))
            end = timezone.make_aware(datetime.datetime(year + month // 12, month % 12 + 1, 1))
            qs = qs.filter(starts_at__lt=end, ends_at__gt=start)
        return qs.select_related("municipality", "location", "organiser").order_by("starts_at", "pk")

    def area_choices(self):
        """(code, name in the visitor's language) of the municipalities with upcoming events."""
        codes = set(self.upcoming().exclude(municipality=None).values_list("municipality__code", flat=True))
        names = {}
        for area in AdministrativeArea.objects.filter(code__in=codes).select_related("locale"):
            if area.locale_id == self.locale.pk or area.code not in names:
                names[area.code] = area.short_name or area.name
        return sorted(names.items(), key=lambda item: item[1])

    def month_choices(self):
        """("2026-12", "December 2026") for each month with an upcoming event, the next 12 at most."""
        months = []
        for start in self.upcoming().order_by("starts_at").values_list("starts_at", flat=True):
            local = timezone.localtime(start)
            key = f"{local.year:04d}-{local.month:02d}"
            if key not in [m for m, _label in months]:
                months.append((key, date_format(local, "F Y")))
        return months[:12]

    def page(self, pages):
        return self.events.reroot(list(pages))


def upcoming_events(locale, limit=3, now=None):
    """The next events for the home page (not cancelled), addressed in the visitor's language."""
    listing = EventListing(locale, now)
    events = list(listing.upcoming().exclude(status="cancelled").order_by("starts_at", "pk")[:limit])
    return listing.page(events)


def feed_events(locale, now=None):
    """Events of a language's calendar feed: upcoming and recently past, cancelled included."""
    now = now or timezone.now()
    events = EventsInLanguage(locale)
    pages = list(
        events.queryset()
        .filter(ends_at__gt=now - datetime.timedelta(days=FEED_PAST_DAYS))
        .select_related("location", "organiser", "seats")
        .order_by("starts_at", "pk")
    )
    return events.reroot(pages)
