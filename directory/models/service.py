"""A service: what a person can get, where, when and on what terms (HSDS `service`).

A `ServicePage` lives under its `OrganisationPage`, so a partner's permission on its
organisation's subtree covers its services, and Wagtail gives revisions, moderation
and translation. Locations, opening hours, phones and required documents are inline
child models of the page, so one edit form holds a whole listing and the partner
never has to coordinate several records.
"""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.page_views import view_for
from directory.api_serializers import LocationListSerializer, TermListSerializer
from directory.fields import WeekdaysField
from directory.models.areas import GREECE_LATITUDE, GREECE_LONGITUDE, AreaLevel
from directory.models.hsds_base import hsds_extra_field, hsds_link_field
from directory.phones import PHONE_MESSAGE, normalise_phone, tel_uri
from directory.widgets import GroupedTermCheckboxes, TaxonomyTermsForm


class ServiceStatus(models.TextChoices):
    """HSDS 3.0 service.status."""

    ACTIVE = "active", _("Active")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")


class ServicePage(RoutablePageMixin, Page):
    """One service of an organisation, e.g. the municipal social grocery."""

    hsds_id = models.UUIDField(_("HSDS id"), default=uuid.uuid4, db_index=True)
    # Wagtail's Page.title holds 255 characters; registries have longer names. The page
    # shows and exports this one when it is set, so nothing of the name is lost.
    full_name = models.TextField(
        _("full name"),
        blank=True,
        help_text=_("The whole name when it is longer than the title can hold (255 characters); shown instead."),
    )
    # HSDS sets no length limit on texts: neither do we, unless a format has one.
    alternate_name = models.CharField(_("alternate name"), max_length=None, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    # HSDS sets no description on a service as required; an imported one may lack it.
    description = models.TextField(_("description"), blank=True)
    # HSDS calls this `url`, but that name would shadow Wagtail's Page.url.
    website = models.URLField(_("web page"), max_length=2048, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("A public contact address of the service."))
    eligibility_description = models.TextField(_("who can use it"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(130)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(130)]
    )
    application_process = models.TextField(_("how to apply"), blank=True)
    fees_description = models.TextField(_("fees"), blank=True)
    wait_time = models.CharField(_("waiting time"), max_length=None, blank=True)
    interpretation_services = models.TextField(_("interpretation"), blank=True)
    alert = models.TextField(
        _("alert"),
        blank=True,
        help_text=_("A temporary notice shown at the top, e.g. 'Closed for renovation until 15/9'."),
    )
    assured_date = models.DateField(_("last verified on"), null=True, blank=True)
    assured_by = models.CharField(
        _("verified by"), max_length=255, blank=True, help_text=_("Name or role of who checked the listing (public).")
    )
    # HSDS fields of a service that we had no place for (issue 10): kept, edited and exported.
    assurer_email = models.EmailField(
        _("e-mail of who verified it"),
        blank=True,
        help_text=_("Personal data: never shown to the public nor in the public HSDS export."),
    )
    fees = models.TextField(_("fees (other details)"), blank=True)
    accreditations = models.TextField(_("accreditations"), blank=True)
    licenses = models.TextField(_("licences"), blank=True)
    program_hsds_id = hsds_link_field(
        _("program (HSDS id)"), _("The HSDS id of one of the organisation's programs this service belongs to.")
    )
    hsds_extra = hsds_extra_field()

    categories = ParentalManyToManyField("directory.ServiceCategory", verbose_name=_("categories"), blank=True)
    target_groups = ParentalManyToManyField("directory.TargetGroup", verbose_name=_("target groups"), blank=True)
    access_conditions = ParentalManyToManyField(
        "directory.AccessCondition", verbose_name=_("access conditions"), blank=True
    )
    languages = ParentalManyToManyField("directory.Language", verbose_name=_("languages spoken"), blank=True)
    accessibility = ParentalManyToManyField(
        "directory.AccessibilityFeature", verbose_name=_("accessibility of its places"), blank=True
    )

    parent_page_types = ["directory.OrganisationPage"]
    subpage_types: list[str] = []
    # Each taxonomy term once, in the page's language, categories grouped (directory/widgets.py).
    base_form_class = TaxonomyTermsForm
    # A copy is a new service: it must not claim the original's HSDS identity.
    exclude_fields_in_copy = ["hsds_id"]

    content_panels = Page.content_panels + [
        FieldPanel("full_name"),
        FieldPanel("alternate_name"),
        FieldPanel("status"),
        FieldPanel("alert"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=GroupedTermCheckboxes),
                FieldPanel("target_groups", widget=GroupedTermCheckboxes),
                FieldPanel("access_conditions", widget=GroupedTermCheckboxes),
                FieldPanel("languages", widget=GroupedTermCheckboxes),
                FieldPanel("interpretation_services"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("eligibility_description"),
                FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")]),
                FieldPanel("application_process"),
                InlinePanel("required_documents", label=_("Required documents")),
                FieldPanel("wait_time"),
                FieldPanel("fees_description"),
            ],
            heading=_("Access"),
        ),
        InlinePanel("locations", label=_("Locations"), min_num=0),
        FieldPanel("accessibility", widget=GroupedTermCheckboxes),
        InlinePanel("schedules", label=_("Opening hours")),
        InlinePanel("phones", label=_("Phones")),
        MultiFieldPanel([FieldPanel("website"), FieldPanel("email")], heading=_("Contact")),
        InlinePanel("contacts", label=_("Contacts")),
        InlinePanel("contact_phones", label=_("Contacts' phones")),
        InlinePanel("cost_options", label=_("Cost options")),
        InlinePanel("service_areas", label=_("Service areas")),
        InlinePanel("language_details", label=_("Languages (details)")),
        InlinePanel("location_accessibility", label=_("Accessibility of the locations (details)")),
        MultiFieldPanel(
            [
                FieldPanel("program_hsds_id"),
                FieldPanel("accreditations"),
                FieldPanel("licenses"),
                FieldPanel("fees"),
                InlinePanel("funding", label=_("Funding")),
            ],
            heading=_("Program, funding and licences"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("assured_date"), FieldPanel("assured_by")]),
                FieldPanel("assurer_email"),
            ],
            heading=_("Verification"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("alternate_name"),
        index.SearchField("description"),
        index.FilterField("status"),
    ]
    api_fields = [
        APIField("hsds_id"),
        APIField("alternate_name"),
        APIField("status"),
        APIField("description"),
        APIField("website"),
        APIField("eligibility_description"),
        APIField("minimum_age"),
        APIField("maximum_age"),
        APIField("application_process"),
        APIField("fees_description"),
        APIField("wait_time"),
        APIField("interpretation_services"),
        APIField("alert"),
        APIField("assured_date"),
        APIField("categories", serializer=TermListSerializer()),
        APIField("target_groups", serializer=TermListSerializer()),
        APIField("access_conditions", serializer=TermListSerializer()),
        APIField("languages", serializer=TermListSerializer()),
        APIField("accessibility", serializer=TermListSerializer()),
        APIField("public_locations", serializer=LocationListSerializer()),
        APIField("schedules"),
        APIField("phones"),
        APIField("required_documents"),
    ]

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def clean(self):
        super().clean()
        if self.minimum_age is not None and self.maximum_age is not None and self.minimum_age > self.maximum_age:
            raise ValidationError({"maximum_age": _("The maximum age cannot be lower than the minimum age.")})

    @property
    def is_free(self):
        """Free of charge is the access condition with code "free" (one fact, one place)."""
        return any(term.code == "free" for term in self.access_conditions.all())

    @property
    def organisation(self):
        return self.get_parent().specific

    @property
    def public_locations(self):
        """Locations whose address may be shown (confidential ones are left out)."""
        return [loc for loc in self.locations.all() if not loc.confidential]

    @property
    def has_confidential_location(self):
        return any(loc.confidential for loc in self.locations.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(view_for(self, "context")(request, self))
        return context

    @path("print/", name="print")
    def print_view(self, request):
        return view_for(self, "print")(request, self)

    @path("report/", name="report")
    def report_view(self, request):
        return view_for(self, "report")(request, self)


class ServiceLocation(Orderable):
    """Where a service is given (HSDS location + service_at_location, merged).

    A confidential location (a shelter for women escaping violence) keeps its
    address for the organisation's own records, but it is never shown, mapped or
    exported: visitors only see how to make contact.
    """

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="locations")
    hsds_location_id = models.UUIDField(default=uuid.uuid4, db_index=True)
    hsds_service_at_location_id = models.UUIDField(default=uuid.uuid4)
    name = models.CharField(_("name of the place"), max_length=None, blank=True)
    address_1 = models.CharField(_("street and number"), max_length=None, blank=True)
    address_2 = models.CharField(_("floor, building"), max_length=None, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    city = models.CharField(_("town or city"), max_length=None, blank=True)
    municipality = models.ForeignKey(
        "directory.AdministrativeArea",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"level": AreaLevel.MUNICIPALITY},
    )
    community = models.ForeignKey(
        "directory.AdministrativeArea",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"level": AreaLevel.COMMUNITY},
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(GREECE_LATITUDE[0]), MaxValueValidator(GREECE_LATITUDE[1])],
        help_text=_("Decimal degrees, e.g. 40.3007 (must be in Greece)."),
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(GREECE_LONGITUDE[0]), MaxValueValidator(GREECE_LONGITUDE[1])],
        help_text=_("Decimal degrees, e.g. 21.7887 (must be in Greece)."),
    )
    transportation = models.TextField(_("how to get there"), blank=True)
    accessibility_note = models.TextField(_("accessibility details"), blank=True)
    confidential = models.BooleanField(
        _("confidential address"),
        default=False,
        help_text=_("Never show or export the address and map point (e.g. shelters). Only contact details are shown."),
    )
    # The rest of HSDS location, address and service_at_location (issue 10).
    location_type = models.CharField(
        _("type of location"),
        max_length=10,
        choices=[("physical", _("Physical")), ("postal", _("Postal")), ("virtual", _("Virtual"))],
        default="physical",
        blank=True,  # empty is physical: forms and clients that do not know the field still save
    )
    alternate_name = models.TextField(_("alternate name of the place"), blank=True)
    description = models.TextField(_("description of the place"), blank=True)
    link_description = models.TextField(
        _("what the service does here"), blank=True, help_text=_("HSDS service_at_location description.")
    )
    url = models.URLField(_("web page of the place"), max_length=2048, blank=True)
    external_identifier = models.TextField(_("external identifier"), blank=True)
    external_identifier_type = models.TextField(_("type of external identifier"), blank=True)
    address_hsds_id = models.UUIDField(_("address HSDS id"), null=True, blank=True)
    attention = models.TextField(_("for the attention of"), blank=True)
    region = models.TextField(_("region as written"), blank=True)
    state_province = models.TextField(_("state or province as written"), blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166 code, e.g. GR."))
    address_type = models.CharField(_("type of address"), max_length=20, blank=True)
    hsds_extra = hsds_extra_field()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("address_1"), FieldPanel("address_2")]),
        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
        FieldRowPanel([FieldPanel("municipality"), FieldPanel("community")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("transportation"),
        FieldPanel("accessibility_note"),
        FieldPanel("confidential"),
        FieldRowPanel(
            [
                FieldPanel("location_type"),
                FieldPanel("alternate_name", widget=forms.TextInput),
                FieldPanel("url"),
            ]
        ),
        FieldPanel("description"),
        FieldPanel("link_description"),
        FieldRowPanel(
            [
                FieldPanel("external_identifier", widget=forms.TextInput),
                FieldPanel("external_identifier_type", widget=forms.TextInput),
            ]
        ),
        FieldRowPanel(
            [
                FieldPanel("attention", widget=forms.TextInput),
                FieldPanel("region", widget=forms.TextInput),
                FieldPanel("state_province", widget=forms.TextInput),
            ]
        ),
        FieldRowPanel([FieldPanel("country"), FieldPanel("address_type")]),
        # Shown so that hours, phones, contacts and languages can name this place (issue 10).
        FieldRowPanel(
            [
                FieldPanel("hsds_service_at_location_id", read_only=True, heading=_("HSDS id of this place")),
                FieldPanel("hsds_location_id", read_only=True, heading=_("HSDS id of the location")),
            ]
        ),
    ]
    api_fields = [
        APIField("name"),
        APIField("address_1"),
        APIField("address_2"),
        APIField("postal_code"),
        APIField("city"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("transportation"),
        APIField("accessibility_note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        indexes = [models.Index(fields=["municipality"]), models.Index(fields=["community"])]

    def __str__(self):
        return self.name or self.address_1 or str(_("Location"))

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None and not self.confidential

    @property
    def one_line_address(self):
        parts = [self.address_1, self.address_2, " ".join(p for p in [self.postal_code, self.city] if p)]
        return ", ".join(p for p in parts if p)


class ServiceSchedule(Orderable):
    """Weekly opening hours, or an exception (closed days, special hours).

    Overnight hours (a night shelter 20:00–08:00) are explicit: `closes_next_day`.
    Without it a closing time before the opening time is a mistake, and the form
    says so rather than guessing. Stored relationally so that "open now" is a query,
    not a loop over 50,000 listings.
    """

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="schedules")
    hsds_id = models.UUIDField(default=uuid.uuid4)
    weekdays = WeekdaysField(verbose_name=_("days"))
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    closes_next_day = models.BooleanField(_("closes the next day (overnight)"), default=False)
    valid_from = models.DateField(_("from date"), null=True, blank=True)
    valid_to = models.DateField(_("to date"), null=True, blank=True)
    closed = models.BooleanField(
        _("closed"), default=False, help_text=_("Closed on these days/dates, e.g. holidays (an exception).")
    )
    description = models.CharField(_("note"), max_length=None, blank=True)
    # Where HSDS lists it: the service itself, one of its places (service_at_location), a location.
    on_service = models.BooleanField(_("for the whole service"), default=True)
    service_at_location_hsds_id = hsds_link_field(
        _("at the place (service_at_location HSDS id)"), _("Only at this place of the service.")
    )
    location_hsds_id = hsds_link_field(_("at the location (HSDS id)"))
    schedule_link = models.URLField(_("link to the timetable"), max_length=2048, blank=True)
    attending_type = models.TextField(_("how to attend"), blank=True, help_text=_("e.g. in person or online."))
    notes = models.TextField(_("other notes"), blank=True)
    hsds_extra = hsds_extra_field()

    panels = [
        FieldPanel("weekdays"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at"), FieldPanel("closes_next_day")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to"), FieldPanel("closed")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("on_service"), FieldPanel("service_at_location_hsds_id")]),
        FieldRowPanel([FieldPanel("attending_type"), FieldPanel("schedule_link")]),
        FieldPanel("notes"),
    ]
    api_fields = [
        APIField("weekdays"),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("closes_next_day"),
        APIField("valid_from"),
        APIField("valid_to"),
        APIField("closed"),
        APIField("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def clean(self):
        super().clean()
        errors = {}
        if self.closed:
            if not (self.valid_from or self.weekdays):
                errors["valid_from"] = _("Say which dates or days the service is closed.")
        else:
            if not self.weekdays and not self.valid_from:
                errors["weekdays"] = _("Choose at least one day, or give dates.")
            if self.opens_at is None or self.closes_at is None:
                errors["opens_at"] = _("Give both an opening and a closing time.")
            elif self.closes_at <= self.opens_at and not self.closes_next_day:
                errors["closes_at"] = _(
                    "The closing time is not after the opening time. For overnight hours tick 'closes the next day'."
                )
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end date is before the start date.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_exception(self):
        return self.closed or bool(self.valid_from or self.valid_to)


class ServicePhone(Orderable):
    """A phone number of the service (HSDS phone); shown as a tel: link."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="phones")
    hsds_id = models.UUIDField(default=uuid.uuid4)
    # Imported numbers that cannot be dialled are kept as written, for a person to fix.
    number = models.CharField(_("number"), max_length=255)
    extension = models.CharField(_("extension"), max_length=20, blank=True)
    type = models.CharField(
        _("type"),
        max_length=10,
        choices=[("voice", _("Voice")), ("text", _("SMS")), ("fax", _("Fax")), ("cell", _("Mobile"))],
        default="voice",
    )
    description = models.CharField(_("description"), max_length=None, blank=True)
    # Where HSDS lists it: the service itself, one of its places (service_at_location), a location.
    on_service = models.BooleanField(_("for the whole service"), default=True)
    service_at_location_hsds_id = hsds_link_field(
        _("at the place (service_at_location HSDS id)"), _("Only at this place of the service.")
    )
    location_hsds_id = hsds_link_field(_("at the location (HSDS id)"))
    hsds_extra = hsds_extra_field()

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("extension"), FieldPanel("type")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("on_service"), FieldPanel("service_at_location_hsds_id")]),
    ]
    api_fields = [APIField("number"), APIField("extension"), APIField("type"), APIField("description")]

    def clean(self):
        super().clean()
        if not normalise_phone(self.number):
            raise ValidationError({"number": PHONE_MESSAGE})

    @property
    def tel_uri(self):
        return tel_uri(self.number)


class RequiredDocument(Orderable):
    """A document a person must bring (HSDS required_document)."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="required_documents")
    hsds_id = models.UUIDField(default=uuid.uuid4)
    document = models.TextField(_("document"))
    uri = models.URLField(_("link"), max_length=2048, blank=True)
    hsds_extra = hsds_extra_field()

    panels = [FieldPanel("document"), FieldPanel("uri")]
    api_fields = [APIField("document"), APIField("uri")]
