"""Events: info days, workshops, seminars... with registration and a waiting list.

Pages
-----
`EventIndexPage` lists the events of one language. An `EventPage` lives either
directly under it (the secretariat's events, any organiser) or under an
`EventOrganiserFolder`: one folder per partner organisation, on which that partner's
group gets Wagtail's "add" and "change" page permissions (campaigns.event_partners).
Why a folder and not the OrganisationPage itself as the parent: the social map
(directory) must not know campaigns, its OrganisationPage fixes its own subpage types,
its subtree is what the HSDS import and export walk, and an event would then live at
/social-map/<organisation>/<event>/ instead of /events/. The folder keeps Wagtail's
own permission tables as the only rule (as directory.partners does) and the form
(`EventPageForm`) keeps an event in a folder organised by the folder's organisation.

Registrations
-------------
A registration belongs to the translation group of the event: to its page in the
default language (`EventPage.canonical`), as consultation comments do, so every
language shares one list of places. `EventSeats` is the row that registrations lock
(SELECT ... FOR UPDATE, campaigns.registration) so that places are never given twice;
it is a small row of its own, not the page, because locking a page row would block
editors and Wagtail's own writes. It also carries the iCalendar SEQUENCE and what the
last published time, place and status were, to tell registrants about a change once.
"""

import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index

from core.page_views import view_for
from directory.locale_fallback import LocaleFallbackRoutingMixin
from directory.widgets import GroupedTermCheckboxes, TaxonomyTermsForm

DESCRIPTION_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]
MAX_GROUP_SIZE_LIMIT = 20


class EventType(models.TextChoices):
    INFO_DAY = "info_day", _("Info day")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    FOCUS_GROUP = "focus_group", _("Focus group")
    SPORTS = "sports", _("Sports activity")
    OTHER = "other", _("Other")


class AttendanceMode(models.TextChoices):
    """schema.org EventAttendanceModeEnumeration."""

    IN_PERSON = "offline", _("In person")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("In person and online")


class EventStatus(models.TextChoices):
    """schema.org EventStatusType (the ones a network uses)."""

    SCHEDULED = "scheduled", _("Scheduled")
    MOVED = "rescheduled", _("Moved to another date or place")
    POSTPONED = "postponed", _("Postponed, new date to be announced")
    CANCELLED = "cancelled", _("Cancelled")


SCHEMA_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.MOVED: "https://schema.org/EventRescheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}
SCHEMA_ATTENDANCE = {
    AttendanceMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.MIXED: "https://schema.org/MixedEventAttendanceMode",
}


class EventIndexPage(LocaleFallbackRoutingMixin, Page):
    """The events of one language, with filters; Greek-only events are listed and served
    under it in the visitor's language (directory.locale_fallback)."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["campaigns.EventPage", "campaigns.EventOrganiserFolder"]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(view_for(self, "context")(request, self))
        return context


class EventOrganiserFolder(Page):
    """The events of one partner organisation: its partner group may add and change
    pages here and nowhere else in the events section (campaigns.event_partners)."""

    organisation = models.ForeignKey(
        "directory.OrganisationPage",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    parent_page_types = ["campaigns.EventIndexPage"]
    subpage_types = ["campaigns.EventPage"]
    content_panels = Page.content_panels + [FieldPanel("organisation")]

    class Meta:
        verbose_name = _("events of an organisation")
        verbose_name_plural = _("events of organisations")

    def serve(self, request, *args, **kwargs):
        """No page of its own: the folder's address leads to the events list."""
        return HttpResponseRedirect(self.get_parent().get_url(request))


class EventPageForm(TaxonomyTermsForm):
    """Keeps an event in an organisation's folder organised by that organisation.

    A partner can only add pages in its own folder (Wagtail's permissions), so this is
    what stops a partner from announcing an event in another organisation's name.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        folder = self._folder()
        default = Locale.get_default()
        if "organiser" in self.fields:
            field = self.fields["organiser"]
            field.queryset = field.queryset.filter(locale=default).order_by("title")
            if folder is not None:
                field.queryset = field.queryset.filter(pk=folder.organisation_id)
                field.required = True
                if not self.initial.get("organiser"):
                    self.initial["organiser"] = folder.organisation_id
        if "location" in self.fields:
            # Public places of live services; a partner chooses among its own services' places.
            field = self.fields["location"]
            places = field.queryset.filter(confidential=False, page__live=True, page__locale=default)
            if folder is not None:
                places = places.filter(page__path__startswith=folder.organisation.path)
            field.queryset = places.select_related("page").order_by("page__title", "pk")
            field.label_from_instance = lambda place: ", ".join(
                part for part in (place.page.title, place.name, place.address_1, place.city) if part
            )

    def _folder(self):
        parent = getattr(self, "parent_page", None)
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        parent = parent.specific if parent is not None else None
        return parent if isinstance(parent, EventOrganiserFolder) else None

    def clean(self):
        cleaned = super().clean()
        folder = self._folder()
        organiser = cleaned.get("organiser")
        if folder is not None and (organiser is None or organiser.pk != folder.organisation_id):
            self.add_error(
                "organiser", _("Events in this folder are organised by %(name)s.") % {"name": folder.organisation.title}
            )
        return cleaned


class EventPage(RoutablePageMixin, Page):
    """One event people can come to, in person or online, with registration."""

    summary = models.TextField(_("summary"), help_text=_("Two or three sentences shown in lists and at the top."))
    description = RichTextField(_("description"), features=DESCRIPTION_FEATURES, blank=True)
    event_type = models.CharField(_("type"), max_length=20, choices=EventType.choices, default=EventType.INFO_DAY)
    starts_at = models.DateTimeField(_("starts at"), help_text=_("Date and time, Athens time."))
    ends_at = models.DateTimeField(_("ends at"), help_text=_("Date and time, Athens time."))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text=_("Registrants are e-mailed when the status, time or place changes and the page is published."),
    )
    attendance_mode = models.CharField(
        _("how people attend"), max_length=10, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    location = models.ForeignKey(
        "directory.ServiceLocation",
        verbose_name=_("place from the social map"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A place of a service on the social map; or write an address below."),
    )
    venue_name = models.CharField(_("name of the place"), max_length=255, blank=True)
    address = models.TextField(_("address"), blank=True)
    municipality = models.ForeignKey(
        "directory.AdministrativeArea",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For the area filter; taken from the place when left empty."),
    )
    online_url = models.URLField(
        _("link to join online"),
        max_length=500,
        blank=True,
        help_text=_("Never shown on the public page: sent to registrants in their confirmation e-mail."),
    )
    organiser = models.ForeignKey(
        "directory.OrganisationPage",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An organisation of the social map; empty for the network itself."),
    )
    accessibility = ParentalManyToManyField(
        "directory.AccessibilityFeature", verbose_name=_("accessibility"), blank=True
    )
    accessibility_note = models.TextField(_("accessibility details"), blank=True)
    languages = ParentalManyToManyField("directory.Language", verbose_name=_("languages spoken"), blank=True)
    target_groups = ParentalManyToManyField("directory.TargetGroup", verbose_name=_("target groups"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100000)],
        help_text=_("Leave empty for no limit."),
    )
    max_group_size = models.PositiveSmallIntegerField(
        _("people per registration"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_GROUP_SIZE_LIMIT)],
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    registration_deadline = models.DateTimeField(
        _("registration closes at"), null=True, blank=True, help_text=_("Empty: when the event starts.")
    )

    parent_page_types = ["campaigns.EventIndexPage", "campaigns.EventOrganiserFolder"]
    subpage_types = []
    base_form_class = EventPageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event_type"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("organiser"),
            ],
            heading=_("When and who"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("location"),
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldPanel("municipality"),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("accessibility", widget=GroupedTermCheckboxes),
                FieldPanel("accessibility_note"),
                FieldPanel("languages", widget=GroupedTermCheckboxes),
                FieldPanel("target_groups", widget=GroupedTermCheckboxes),
            ],
            heading=_("For whom"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("registration_open"), FieldPanel("registration_deadline")]),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("max_group_size")]),
            ],
            heading=_("Registration"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.FilterField("starts_at")]
    # The online link is for registrants only: not in the API either.
    api_fields = [
        APIField("summary"),
        APIField("event_type"),
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("status"),
        APIField("attendance_mode"),
        APIField("venue_name"),
        APIField("address"),
        APIField("capacity"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["starts_at"])]

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if self.attendance_mode != AttendanceMode.ONLINE and not (self.location_id or self.address.strip()):
            errors["address"] = _("Choose a place from the social map or write an address.")
        if self.attendance_mode != AttendanceMode.IN_PERSON and not self.online_url:
            errors["online_url"] = _("Give the link people use to join online.")
        if self.registration_deadline and self.starts_at and self.registration_deadline > self.starts_at:
            errors["registration_deadline"] = _("Registration must close before the event starts.")
        if self.capacity and self.max_group_size and self.max_group_size > self.capacity:
            errors["max_group_size"] = _("A registration cannot be for more people than the event has places.")
        if errors:
            raise ValidationError(errors)
        if self.municipality_id is None and self.location_id:
            self.municipality_id = self.location.municipality_id

    # --- the translation group -------------------------------------------------

    @cached_property
    def canonical(self):
        """The page registrations belong to: this event in the default language."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self

    # --- what the public pages need ----------------------------------------------

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def has_place(self):
        return self.attendance_mode != AttendanceMode.ONLINE

    @property
    def is_online(self):
        return self.attendance_mode != AttendanceMode.IN_PERSON

    @property
    def place_name(self):
        if self.venue_name:
            return self.venue_name
        if self.location_id and not self.location.confidential:
            return self.location.name
        return ""

    @property
    def place_address(self):
        if self.address.strip():
            return self.address.strip()
        location = self.location if self.location_id else None
        if location is None or location.confidential:
            return ""
        parts = [location.address_1, location.postal_code, location.city]
        return ", ".join(p for p in parts if p)

    def registration_closes_at(self):
        return self.registration_deadline or self.starts_at

    def accepts_registrations_at(self, when=None):
        """The server's rule, on the default-language page: open, scheduled, not past its deadline."""
        when = when or timezone.now()
        event = self.canonical
        return (
            event.registration_open
            and event.status in (EventStatus.SCHEDULED, EventStatus.MOVED)
            and when < event.registration_closes_at()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(view_for(self, "context")(request, self))
        return context

    # --- public routes (thin: campaigns.views_events registers the work, core.page_views) ------------

    @path("register/", name="register")
    def register_route(self, request):
        return view_for(self, "register")(request, self)

    # Wagtail routes only paths of words: the file name is in Content-Disposition.
    @path("calendar/", name="ics")
    def ics_route(self, request):
        return view_for(self, "ics")(request, self)

    @path("registration/", name="registration")
    def registration_route(self, request):
        return view_for(self, "registration")(request, self, request.GET.get("t", ""))


class EventSeats(models.Model):
    """The row registrations to one event lock, and its calendar version.

    One per event translation group (on the default-language page). `sequence` is the
    iCalendar SEQUENCE, raised each time a published change moves the time or the place
    or changes the status; `published_state` is that time, place and status as last
    published, to notice the next change.
    """

    event = models.OneToOneField(EventPage, on_delete=models.CASCADE, related_name="seats")
    sequence = models.PositiveIntegerField(default=0)
    published_state = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("event places")

    def __str__(self):
        return f"{self.event_id} #{self.sequence}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Offered a freed place")
    CANCELLED = "cancelled", _("Cancelled")
    LAPSED = "lapsed", _("Offer not taken up")


#: Statuses that hold places.
HOLDING_PLACES = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
#: Statuses of people who still expect to come or to be offered a place.
ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED, RegistrationStatus.WAITING)


class RegistrationQuerySet(models.QuerySet):
    def holding_places(self):
        return self.filter(status__in=HOLDING_PLACES)

    def waiting_in_order(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")

    def active(self):
        return self.filter(status__in=ACTIVE)


class EventRegistration(models.Model):
    """A person (and the people coming with them) registered for an event, or waiting.

    Personal data: shown to the team in the admin and its export only, deleted a set
    time after the event (purge_registrations). Links in e-mails carry `token`, signed
    (campaigns.registration), never the database id alone.
    """

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    people = models.PositiveSmallIntegerField(_("people"), default=1)
    interpretation = models.CharField(_("interpretation into"), max_length=100, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    notes = models.TextField(_("other needs"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="el")
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    offer_expires_at = models.DateTimeField(_("offer expires at"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    #: The EventSeats.sequence this person was last told about (change e-mails).
    notified_sequence = models.PositiveIntegerField(default=0)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        # No name here: Wagtail's Site history stores this as the label of every admin
        # change and deletion, and keeps it after the registration is purged.
        return _("Registration #%(number)s") % {"number": self.pk}


def offer_duration():
    from django.conf import settings

    return timedelta(hours=getattr(settings, "KOINONIA_EVENT_OFFER_HOURS", 24))
