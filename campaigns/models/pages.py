"""Campaign pages: what the publicity team runs, under one campaigns index.

A campaign is published and withdrawn by Wagtail's own scheduling (go-live and expiry
dates, applied by `publish_scheduled` from cron); `starts_on` and `ends_on` are only
what the page says ("1 December to 28 February"), because a campaign is often put
online before it starts and left online a little after.

Languages: a campaign runs in the languages it is translated into and nowhere else.
Unlike the social map (directory.locale_fallback), the campaigns index has no Greek
fallback: a campaign written for Greek readers only is not listed on /en/ or /ar/ and
its address there is a 404, since the team chose whom it speaks to. Nothing links to
such an address: lists, home news and the language switcher only name translations
that exist.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from campaigns.blocks import CampaignBodyBlock
from campaigns.forms_pages import CampaignPageForm
from directory.widgets import GroupedTermCheckboxes


class CampaignIndexPage(Page):
    """The list of campaigns: running now first, then coming soon, then past ones."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("campaigns index")

    def get_context(self, request, *args, **kwargs):
        from campaigns.listing import campaign_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_index_context(request, self))
        return context


class CampaignPage(Page):
    """One awareness campaign: its message, the help it points to, whom and where."""

    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("Two or three sentences shown in lists, share cards and at the top.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("alternative text of the main image"),
        max_length=255,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it. Required when there is an image."),
    )
    body = StreamField(CampaignBodyBlock(), verbose_name=_("body"), blank=True)
    target_groups = ParentalManyToManyField("directory.TargetGroup", verbose_name=_("target groups"), blank=True)
    areas = ParentalManyToManyField(
        "directory.AdministrativeArea",
        verbose_name=_("areas"),
        blank=True,
        help_text=_("Regions or regional units. Leave empty for a campaign in the whole network's area."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True, help_text=_("Shown on the page."))
    ends_on = models.DateField(_("ends on"), null=True, blank=True, help_text=_("Shown on the page."))

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading=_("Main image"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("target_groups", widget=GroupedTermCheckboxes),
                FieldPanel("areas"),
            ],
            heading=_("When, for whom, where"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("starts_on"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("hero_image"),
        APIField("hero_image_alt"),
        APIField("starts_on"),
        APIField("ends_on"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    base_form_class = CampaignPageForm

    def clean(self):
        super().clean()
        errors = {}
        if self.hero_image_id and not (self.hero_image_alt or "").strip():
            errors["hero_image_alt"] = _("Describe the main image for people who cannot see it.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The campaign must end on or after its first day.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from campaigns.listing import campaign_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_page_context(request, self))
        return context
