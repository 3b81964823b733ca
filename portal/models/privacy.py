"""The privacy notice the GDPR (articles 13 and 14) requires of every site that keeps
personal data, structured like the accessibility statement: editors fill in facts
(who, what, why, how long, to whom), and the page lays them out with the rights and
the complaint route, so that nothing the regulation asks for is left out.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .pages import RICH_TEXT_FEATURES


class ProcessingBlock(blocks.StructBlock):
    """One processing activity: a form or a cookie, and what happens to its data."""

    name = blocks.CharBlock(label=_("What"), help_text=_("E.g. “Report a problem” form."))
    data = blocks.TextBlock(label=_("Personal data kept"))
    purpose = blocks.TextBlock(label=_("Why"))
    legal_basis = blocks.CharBlock(label=_("Legal basis"), required=False)
    retention = blocks.TextBlock(label=_("For how long"))

    class Meta:
        icon = "list-ul"
        label = _("Processing activity")


class PrivacyNoticePage(Page):
    """Who is responsible for visitors' data, what each form keeps and why, for how long,
    who receives it, the visitors' rights, the data-protection officer, and the route
    to the Hellenic Data Protection Authority."""

    controller_name = models.CharField(_("controller"), max_length=255, help_text=_("The network or authority."))
    controller_address = models.CharField(
        _("controller's address"), max_length=255, blank=True, help_text=_("Empty: the address in Site text.")
    )
    controller_email = models.EmailField(_("controller's e-mail"))
    controller_phone = models.CharField(_("controller's phone"), max_length=40, blank=True)
    dpo_name = models.CharField(_("data-protection officer"), max_length=255, blank=True)
    dpo_email = models.EmailField(_("data-protection officer's e-mail"))
    processing = StreamField(
        [("activity", ProcessingBlock())],
        verbose_name=_("what we keep, why and for how long"),
        use_json_field=True,
    )
    recipients = RichTextField(_("recipients"), features=RICH_TEXT_FEATURES)
    rights = RichTextField(
        _("your rights"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Access, rectification, erasure, restriction, objection, portability, withdrawing consent."),
    )
    transfers = models.TextField(
        _("transfers outside the EU"),
        blank=True,
        help_text=_("E.g. the anti-spam check of the forms, if it is a service outside the EU."),
    )
    authority_name = models.CharField(
        _("supervisory authority"), max_length=255, default="Αρχή Προστασίας Δεδομένων Προσωπικού Χαρακτήρα"
    )
    authority_address = models.CharField(_("authority's address"), max_length=255, default="Κηφισίας 1-3, 11523 Αθήνα")
    authority_email = models.EmailField(_("authority's e-mail for complaints"), default="complaints@dpa.gr")
    authority_phone = models.CharField(_("authority's phone"), max_length=40, default="210 6475600")
    authority_url = models.URLField(_("authority's website"), default="https://www.dpa.gr")
    last_updated = models.DateField(_("last updated on"))

    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("controller_name"),
                FieldPanel("controller_address"),
                FieldPanel("controller_email"),
                FieldPanel("controller_phone"),
            ],
            heading=_("Who is responsible"),
        ),
        MultiFieldPanel([FieldPanel("dpo_name"), FieldPanel("dpo_email")], heading=_("Data-protection officer")),
        FieldPanel("processing"),
        FieldPanel("recipients"),
        FieldPanel("transfers"),
        FieldPanel("rights"),
        MultiFieldPanel(
            [
                FieldPanel("authority_name"),
                FieldPanel("authority_address"),
                FieldPanel("authority_email"),
                FieldPanel("authority_phone"),
                FieldPanel("authority_url"),
            ],
            heading=_("Complaints"),
        ),
        FieldPanel("last_updated"),
    ]
    search_fields = Page.search_fields + [index.SearchField("processing"), index.SearchField("recipients")]
    api_fields = [
        APIField("controller_name"),
        APIField("controller_address"),
        APIField("controller_email"),
        APIField("dpo_email"),
        APIField("processing"),
        APIField("recipients"),
        APIField("transfers"),
        APIField("rights"),
        APIField("authority_name"),
        APIField("last_updated"),
    ]

    class Meta:
        verbose_name = _("privacy notice")
