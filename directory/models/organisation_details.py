"""What HSDS 3.0 says of an organisation beyond its name and phones: programs and funding.

A program groups services of one organisation (e.g. "Κοινωνικά Παντοπωλεία 2024");
a service names it by HSDS id (`ServicePage.program_hsds_id`). Both are inline
objects of the `OrganisationPage`, edited in its form.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

from directory.models.hsds_base import HsdsChild


class Program(HsdsChild):
    """A programme of the organisation under which some of its services run (HSDS program)."""

    page = ParentalKey("directory.OrganisationPage", on_delete=models.CASCADE, related_name="programs")
    name = models.TextField(_("name"))
    alternate_name = models.TextField(_("alternate name"), blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name", widget=forms.TextInput),
        FieldPanel("alternate_name", widget=forms.TextInput),
        FieldPanel("description"),
    ]

    class Meta(HsdsChild.Meta):
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self):
        return self.name


class OrganisationFunding(HsdsChild):
    """Who funds the organisation (HSDS funding)."""

    page = ParentalKey("directory.OrganisationPage", on_delete=models.CASCADE, related_name="funding")
    source = models.TextField(_("source"))

    panels = [FieldPanel("source")]

    class Meta(HsdsChild.Meta):
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
