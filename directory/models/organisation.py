"""Organisations of the network (HSDS `organization`).

An `OrganisationPage` is the root of everything a partner may edit: its services
and good practices are its children, and the partner's editors get permissions on
this subtree only (see directory/partners.py).
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.page_views import view_for
from directory.models.hsds_base import hsds_extra_field
from directory.phones import PHONE_MESSAGE, normalise_phone, tel_uri


class LegalStatus(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal service or legal entity")
    REGIONAL = "regional", _("Regional authority")
    PUBLIC = "public", _("Other public body")
    NGO = "ngo", _("Non-profit organisation (NGO)")
    CHURCH = "church", _("Church body")
    HEALTH = "health", _("Health body")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social cooperative enterprise")
    VOLUNTEER = "volunteer", _("Volunteer group")
    OTHER = "other", _("Other")


class OrganisationPage(Page):
    """A partner of the network: a municipal structure, NGO, church or health body."""

    hsds_id = models.UUIDField(_("HSDS id"), default=uuid.uuid4, db_index=True)
    # Wagtail's Page.title holds 255 characters; registries have longer names. The page
    # shows and exports this one when it is set, so nothing of the name is lost.
    full_name = models.TextField(
        _("full name"),
        blank=True,
        help_text=_("The whole name when it is longer than the title can hold (255 characters); shown instead."),
    )
    alternate_name = models.CharField(_("alternate name or acronym"), max_length=None, blank=True)
    # Registries often leave it empty: an imported organisation may lack it.
    description = models.TextField(_("description"), blank=True)
    legal_status = models.CharField(_("legal status"), max_length=30, choices=LegalStatus.choices, blank=True)
    tax_id = models.CharField(_("tax number (ΑΦΜ)"), max_length=9, blank=True)
    website = models.URLField(_("website"), max_length=2048, blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    parent_organisation = models.ForeignKey(
        "directory.OrganisationPage",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member_organisations",
    )
    # The rest of HSDS organization (issue 10).
    tax_status = models.TextField(_("tax status"), blank=True)
    year_incorporated = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    uri = models.URLField(
        _("persistent identifier (URI)"),
        max_length=2048,
        blank=True,
        help_text=_("e.g. its entry in a public registry."),
    )
    hsds_extra = hsds_extra_field()

    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = ["directory.ServicePage", "directory.GoodPracticePage"]
    # A copy is a new organisation: it must not claim the original's HSDS identity.
    exclude_fields_in_copy = ["hsds_id"]

    content_panels = Page.content_panels + [
        FieldPanel("full_name"),
        FieldPanel("alternate_name"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("legal_status"),
                FieldPanel("tax_id"),
                InlinePanel("identifiers", label=_("Other identifiers")),
                FieldPanel("tax_status"),
                FieldPanel("year_incorporated"),
                FieldPanel("uri"),
                PageChooserPanel("parent_organisation", "directory.OrganisationPage"),
            ],
            heading=_("Legal details"),
        ),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), InlinePanel("phones", label=_("Phones"))],
            heading=_("Contact"),
        ),
        InlinePanel("contacts", label=_("Contacts")),
        InlinePanel("contact_phones", label=_("Contacts' phones")),
        InlinePanel("programs", label=_("Programs")),
        InlinePanel("funding", label=_("Funding")),
    ]
    search_fields = Page.search_fields + [index.SearchField("alternate_name"), index.SearchField("description")]
    api_fields = [
        APIField("hsds_id"),
        APIField("alternate_name"),
        APIField("description"),
        APIField("legal_status"),
        APIField("tax_id"),
        APIField("website"),
        APIField("email"),
        APIField("logo", serializer=ImageRenditionField("max-400x400")),
        APIField("phones"),
        APIField("identifiers"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def clean(self):
        super().clean()
        if self.tax_id and not (self.tax_id.isdigit() and len(self.tax_id) == 9):
            raise ValidationError({"tax_id": _("A Greek tax number (ΑΦΜ) has exactly 9 digits.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(view_for(self, "context")(request, self))
        return context


class OrganisationPhone(Orderable):
    page = ParentalKey(OrganisationPage, on_delete=models.CASCADE, related_name="phones")
    hsds_id = models.UUIDField(default=uuid.uuid4)
    # Imported numbers that cannot be dialled are kept as written, for a person to fix.
    number = models.CharField(_("number"), max_length=255)
    description = models.CharField(_("description"), max_length=None, blank=True)
    extension = models.CharField(_("extension"), max_length=20, blank=True)
    type = models.CharField(
        _("type"),
        max_length=10,
        choices=[("voice", _("Voice")), ("text", _("SMS")), ("fax", _("Fax")), ("cell", _("Mobile"))],
        default="voice",
    )
    hsds_extra = hsds_extra_field()

    panels = [FieldPanel("number"), FieldPanel("description")]
    api_fields = [APIField("number"), APIField("description")]

    def clean(self):
        super().clean()
        if not normalise_phone(self.number):
            raise ValidationError({"number": PHONE_MESSAGE})

    @property
    def tel_uri(self):
        return tel_uri(self.number)


class OrganisationIdentifier(Orderable):
    """Other registry numbers (HSDS organization_identifier): ΓΕΜΗ, Registry of NGOs…"""

    page = ParentalKey(OrganisationPage, on_delete=models.CASCADE, related_name="identifiers")
    hsds_id = models.UUIDField(default=uuid.uuid4)
    identifier_scheme = models.CharField(_("scheme"), max_length=None, blank=True)
    identifier_type = models.CharField(_("type"), max_length=None)
    identifier = models.CharField(_("identifier"), max_length=None)

    hsds_extra = hsds_extra_field()

    panels = [FieldPanel("identifier_scheme"), FieldPanel("identifier_type"), FieldPanel("identifier")]
    api_fields = [APIField("identifier_scheme"), APIField("identifier_type"), APIField("identifier")]
