"""Good practices: what partners did that others can learn from."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from directory.api_serializers import TermListSerializer
from directory.widgets import GroupedTermCheckboxes, TaxonomyTermsForm

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class GoodPracticeTag(TaggedItemBase):
    """Themes of a good practice (free tags, e.g. 'κοινωνική οικονομία')."""

    content_object = ParentalKey("directory.GoodPracticePage", on_delete=models.CASCADE, related_name="tagged_items")


class GoodPracticePage(Page):
    """A good practice of one organisation, shown on the organisation's page and in the index."""

    area = models.ForeignKey(
        "directory.AdministrativeArea",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_groups = ParentalManyToManyField("directory.TargetGroup", verbose_name=_("target groups"), blank=True)
    themes = ClusterTaggableManager(verbose_name=_("themes"), through=GoodPracticeTag, blank=True)
    summary = models.TextField(_("summary"), max_length=600)
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES)
    results = RichTextField(_("results"), features=RICH_TEXT_FEATURES, blank=True)
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)

    parent_page_types = ["directory.OrganisationPage"]
    subpage_types: list[str] = []
    # Each taxonomy term once, in the page's language, categories grouped (directory/widgets.py).
    base_form_class = TaxonomyTermsForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("results"),
        MultiFieldPanel(
            [
                FieldPanel("area"),
                FieldPanel("target_groups", widget=GroupedTermCheckboxes),
                FieldPanel("themes"),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            ],
            heading=_("Classification"),
        ),
        InlinePanel("documents", label=_("Documents")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("results"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("description"),
        APIField("results"),
        APIField("period_start"),
        APIField("period_end"),
        APIField("target_groups", serializer=TermListSerializer()),
        APIField("themes"),
    ]

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end date is before the start date.")})

    @property
    def organisation(self):
        return self.get_parent().specific


class GoodPracticeDocument(Orderable):
    page = ParentalKey(GoodPracticePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]
