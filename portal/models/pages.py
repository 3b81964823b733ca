"""The portal's own pages and site-wide settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index

from core.page_views import view_for

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HomePage(Page):
    """The front door: a search box, the ways into the social map, and news."""

    intro = models.TextField(_("introduction"), blank=True)

    subpage_types = [
        "directory.DirectoryIndexPage",
        "portal.StandardPage",
        "portal.AccessibilityStatementPage",
        "portal.PrivacyNoticePage",
        "consultations.ConsultationIndexPage",
        "campaigns.CampaignIndexPage",
        "campaigns.EventIndexPage",
    ]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(view_for(self, "context")(request, self))
        return context


class StandardPage(Page):
    """A page of text: about the network, terms of participation, cookie statement."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), features=RICH_TEXT_FEATURES, blank=True)
    # A page about violence or abuse (a guide for women at risk, say) shows the
    # "leave this site quickly" button, as service pages of sensitive categories do.
    quick_exit = models.BooleanField(
        _("show the “leave this site quickly” button"),
        default=False,
        help_text=_("For pages about violence or abuse, which a visitor may need to hide at once."),
    )

    subpage_types = ["portal.StandardPage"]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    settings_panels = Page.settings_panels + [FieldPanel("quick_exit")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("standard page")


class SiteText(TranslatableMixin, models.Model):
    """The words around every page: the network's name, address and alert banner.

    A translatable snippet rather than a site setting (settings cannot be
    translated): wagtail-localize lists it with the pages that need translating,
    and a language without its own copy shows the Greek one.
    """

    network_name = models.CharField(_("network name"), max_length=200, default="Κοινωνία")
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_address = models.CharField(_("contact address"), max_length=255, blank=True)
    alert_active = models.BooleanField(_("show the alert banner"), default=False)
    alert_text = models.CharField(_("alert text"), max_length=300, blank=True)
    alert_link = models.URLField(_("alert link"), blank=True)
    # The footer links these, and the comment and report forms link the terms.
    terms_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("terms of participation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cookies_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("cookie statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("network_name"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
                FieldPanel("contact_address"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("terms_page"), FieldPanel("cookies_page")], heading=_("Footer pages")),
        MultiFieldPanel(
            [FieldPanel("alert_active"), FieldPanel("alert_text"), FieldPanel("alert_link")], heading=_("Alert banner")
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site text")
        verbose_name_plural = _("site text")

    def __str__(self):
        return f"{self.network_name} ({self.locale})"

    @classmethod
    def for_locale(cls, locale):
        """This language's copy, else the default language's, else an unsaved default."""
        return (
            cls.objects.filter(locale=locale).first()
            or cls.objects.filter(locale=Locale.get_default()).first()
            or cls(network_name="Κοινωνία")
        )


STATEMENT_METHOD = " ".join(
    ["Αυτοαξιολόγηση με αυτόματους ελέγχους (axe-core) σε κάθε έκδοση", "και χειροκίνητους ελέγχους πληκτρολογίου."]
)


class ComplianceStatus(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AccessibilityStatementPage(Page):
    """The accessibility statement Law 4727/2020 (Directive 2016/2102) requires,
    structured as the EU model statement (Implementing Decision 2018/1523) so that
    editors fill in facts, not prose, and nothing the model asks for is left out."""

    body_name = models.CharField(
        _("body responsible"), max_length=255, default="Κοινωνία", help_text=_("The network or authority.")
    )
    compliance_status = models.CharField(
        _("compliance status"), max_length=10, choices=ComplianceStatus.choices, default=ComplianceStatus.PARTIAL
    )
    standard = models.CharField(_("standard"), max_length=120, default="WCAG 2.1 AA (EN 301 549 V3.2.1)")
    non_accessible_content = RichTextField(
        _("content that is not accessible"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Known gaps: what, why (non-compliance, disproportionate burden, out of scope) and alternatives."),
    )
    prepared_on = models.DateField(_("statement prepared on"))
    method = models.TextField(
        _("how it was prepared"),
        default=STATEMENT_METHOD,
    )
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    feedback_email = models.EmailField(_("feedback e-mail"))
    feedback_phone = models.CharField(_("feedback phone"), max_length=40, blank=True)
    response_days = models.PositiveSmallIntegerField(_("we answer within (days)"), default=30)
    enforcement_procedure = RichTextField(_("enforcement procedure"), features=RICH_TEXT_FEATURES)

    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("body_name"), FieldPanel("compliance_status"), FieldPanel("standard")],
            heading=_("Compliance status"),
        ),
        FieldPanel("non_accessible_content"),
        MultiFieldPanel(
            [FieldPanel("prepared_on"), FieldPanel("method"), FieldPanel("last_reviewed_on")],
            heading=_("Preparation of this statement"),
        ),
        MultiFieldPanel(
            [FieldPanel("feedback_email"), FieldPanel("feedback_phone"), FieldPanel("response_days")],
            heading=_("Feedback and contact"),
        ),
        FieldPanel("enforcement_procedure"),
    ]
    search_fields = Page.search_fields + [index.SearchField("non_accessible_content")]
    api_fields = [
        APIField("body_name"),
        APIField("compliance_status"),
        APIField("standard"),
        APIField("non_accessible_content"),
        APIField("prepared_on"),
        APIField("last_reviewed_on"),
        APIField("feedback_email"),
        APIField("feedback_phone"),
        APIField("response_days"),
        APIField("enforcement_procedure"),
    ]

    class Meta:
        verbose_name = _("accessibility statement")
