"""The portal's own pages and site-wide settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HomePage(Page):
    """The front door: a search box, the ways into the social map, and news."""

    intro = models.TextField(_("introduction"), blank=True)

    subpage_types = ["directory.DirectoryIndexPage", "portal.StandardPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from directory.views import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(request, self))
        return context


class StandardPage(Page):
    """A page of text: about the network, terms, privacy, accessibility statement."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), features=RICH_TEXT_FEATURES, blank=True)

    subpage_types = ["portal.StandardPage"]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details in the footer and the emergency alert banner on every page."""

    network_name = models.CharField(_("network name"), max_length=200, default="Κοινωνία")
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_address = models.CharField(_("contact address"), max_length=255, blank=True)
    alert_active = models.BooleanField(_("show the alert banner"), default=False)
    alert_text = models.CharField(_("alert text"), max_length=300, blank=True)
    alert_link = models.URLField(_("alert link"), blank=True)

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
        MultiFieldPanel(
            [FieldPanel("alert_active"), FieldPanel("alert_text"), FieldPanel("alert_link")], heading=_("Alert banner")
        ),
    ]

    class Meta:
        verbose_name = _("site settings")
