"""What HSDS 3.0 says of a service beyond its places, hours and phones.

Cost options, the areas it serves, who funds it, the languages spoken (at the service
or at one of its locations) and the accessibility of each location: each an inline
object of the `ServicePage`, so one edit form holds a listing and revisions,
moderation and translation keep working.

- A service area keeps the text it came with and is matched to one of our
  administrative areas when its name or code is one (`area`), so that it can be
  filtered on; the text is what is exported.
- Languages and accessibility belong to a location in HSDS: `location_hsds_id` says
  which (empty: the service's own languages).
"""

from django import forms
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from directory.models.hsds_base import HsdsChild, hsds_link_field


class CostOption(HsdsChild):
    """A price of the service (HSDS cost_option), e.g. "€5 per visit, free with an unemployment card"."""

    page = ParentalKey("directory.ServicePage", on_delete=models.CASCADE, related_name="cost_options")
    option = models.TextField(_("option"), blank=True, help_text=_("e.g. 'per visit', 'monthly membership'."))
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=4, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code, e.g. EUR."))
    amount_description = models.TextField(_("details of the amount"), blank=True)
    valid_from = models.DateField(_("from date"), null=True, blank=True)
    valid_to = models.DateField(_("to date"), null=True, blank=True)

    panels = [
        FieldPanel("option"),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("currency")]),
        FieldPanel("amount_description"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
    ]

    class Meta(HsdsChild.Meta):
        verbose_name = _("cost option")
        verbose_name_plural = _("cost options")


class ServiceArea(HsdsChild):
    """An area the service covers (HSDS service_area); `area` is our match for its name or code."""

    page = ParentalKey("directory.ServicePage", on_delete=models.CASCADE, related_name="service_areas")
    name = models.TextField(_("name"), blank=True)
    description = models.TextField(_("description"), blank=True)
    area = models.ForeignKey(
        "directory.AdministrativeArea",
        verbose_name=_("administrative area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    extent = models.TextField(_("extent"), blank=True, help_text=_("A GeoJSON or KML shape, or a list of postcodes."))
    extent_type = models.CharField(
        _("type of extent"),
        max_length=20,
        blank=True,
        choices=[("geojson", "GeoJSON"), ("topojson", "TopoJSON"), ("kml", "KML"), ("text", _("Text"))],
    )
    uri = models.URLField(_("link"), max_length=2048, blank=True)

    panels = [
        FieldPanel("name", widget=forms.TextInput),
        FieldPanel("area"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("extent_type"), FieldPanel("uri")]),
        FieldPanel("extent"),
    ]

    class Meta(HsdsChild.Meta):
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")


class ServiceFunding(HsdsChild):
    """Who pays for the service (HSDS funding), e.g. "ESPA 2021-2027"."""

    page = ParentalKey("directory.ServicePage", on_delete=models.CASCADE, related_name="funding")
    source = models.TextField(_("source"))

    panels = [FieldPanel("source")]

    class Meta(HsdsChild.Meta):
        verbose_name = _("funding")
        verbose_name_plural = _("funding")


class ServiceLanguage(HsdsChild):
    """A language spoken, with its note (HSDS language), at the service or at one location.

    The `languages` terms of the page stay what visitors filter on; these keep the
    HSDS objects (ids, notes, languages we have no term for).
    """

    page = ParentalKey("directory.ServicePage", on_delete=models.CASCADE, related_name="language_details")
    location_hsds_id = hsds_link_field(_("at the location (HSDS id)"), _("Empty: a language of the service itself."))
    name = models.TextField(_("name"), blank=True)
    code = models.CharField(_("code"), max_length=35, blank=True, help_text=_("ISO 639 code, e.g. 'el', 'ar'."))
    note = models.TextField(_("note"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name", widget=forms.TextInput), FieldPanel("code")]),
        FieldPanel("note"),
        FieldPanel("location_hsds_id"),
    ]

    class Meta(HsdsChild.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class LocationAccessibility(HsdsChild):
    """How accessible one location is (HSDS accessibility)."""

    page = ParentalKey("directory.ServicePage", on_delete=models.CASCADE, related_name="location_accessibility")
    location_hsds_id = hsds_link_field(_("location (HSDS id)"))
    description = models.TextField(_("description"), blank=True)
    details = models.TextField(_("details"), blank=True)
    url = models.URLField(_("link"), max_length=2048, blank=True)

    panels = [FieldPanel("location_hsds_id"), FieldPanel("description"), FieldPanel("details"), FieldPanel("url")]

    class Meta(HsdsChild.Meta):
        verbose_name = _("accessibility of a location")
        verbose_name_plural = _("accessibility of the locations")
