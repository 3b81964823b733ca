"""Consultation pages: a text put to public consultation, article by article.

A consultation in several languages is one Wagtail translation group. Its comments
belong to the group (they point at the page in the default language, see
`ConsultationPage.canonical`) and to an article by the article block's id, so every
translation shows the same comments under the same articles and the deadline that
the server enforces is one and the same, whichever language a citizen reads.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from consultations.admin_forms import ConsultationPageForm, PasteDraftPanel
from consultations.blocks import ConsultationDocumentBlock, ConsultationTextBlock, article_label
from core.page_views import view_for
from directory.locale_fallback import LocaleFallbackRoutingMixin

INTRO_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ConsultationStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open for comments")
    CLOSED = "closed", _("Closed")
    RESULTS = "results", _("Results published")


class ModerationMode(models.TextChoices):
    PRE = "pre", _("Pre-moderated: comments appear after a moderator approves them")
    POST = "post", _("Post-moderated: comments appear at once and moderators review them afterwards")


@dataclass(frozen=True)
class Article:
    """One article as the public pages and exports need it."""

    key: str
    label: str
    number: str
    title: str
    text: object
    chapter: str
    position: int


class ConsultationIndexPage(LocaleFallbackRoutingMixin, Page):
    """The list of consultations: open first, then upcoming, then closed and archived.

    Consultations and surveys that exist only in Greek are listed and served under
    this page in the visitor's language (/en/consultations/<greek-slug>/ and all its
    routes), their content marked lang="el" with a notice: routing, not alias pages,
    for the reasons given in directory.locale_fallback. Comments and answers sent
    there belong to the Greek page, as they do from a translation (`canonical`).
    """

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["consultations.ConsultationPage", "consultations.SurveyPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("consultations and surveys")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(view_for(self, "context")(request, self))
        return context


class ConsultationPage(RoutablePageMixin, Page):
    """A draft plan, regulation or policy that citizens comment on before a deadline."""

    summary = models.TextField(_("summary"), help_text=_("Two or three sentences shown in lists and at the top."))
    introduction = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)
    responsible_body = models.CharField(
        _("responsible body"), max_length=255, help_text=_("Who runs the consultation and answers for it.")
    )
    starts_at = models.DateTimeField(_("opens at"), help_text=_("Date and time, Athens time."))
    ends_at = models.DateTimeField(
        _("closes at"), help_text=_("Date and time, Athens time. Comments arriving later are refused.")
    )
    moderation = models.CharField(
        _("moderation"), max_length=4, choices=ModerationMode.choices, default=ModerationMode.PRE
    )
    documents = StreamField(
        [("document", ConsultationDocumentBlock())], verbose_name=_("documents under consultation"), blank=True
    )
    body = StreamField(ConsultationTextBlock(), verbose_name=_("text under consultation"), blank=True)
    archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("Archived consultations stay readable with their comments but are listed apart."),
    )
    results_published = models.BooleanField(
        _("publish the results"),
        default=False,
        help_text=_("Shows the results section and tells commenters who asked to be told."),
    )
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True, editable=False)
    results_text = RichTextField(_("consultation report"), features=INTRO_FEATURES, blank=True)
    results_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("report document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("responsible_body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("moderation"),
                FieldPanel("archived"),
            ],
            heading=_("Dates and moderation"),
        ),
        FieldPanel("introduction"),
        FieldPanel("documents"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "Paste the whole draft to split it on its headings (“Άρθρο 1”, "
                        "“Άρθρο 2 – Τίτλος”, “Κεφάλαιο Α΄”). Articles whose "
                        "number is already here are updated in place and keep their comments; new ones are "
                        "added at the end."
                    )
                ),
                PasteDraftPanel("paste_draft"),
            ],
            heading=_("Paste a draft"),
            classname="collapsed",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("results_published"), FieldPanel("results_text"), FieldPanel("results_document")],
            heading=_("Results"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("starts_at"),
        index.FilterField("ends_at"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("introduction"),
        APIField("responsible_body"),
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("body"),
        APIField("results_published"),
        APIField("results_text"),
    ]

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    base_form_class = ConsultationPageForm

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The consultation must close after it opens.")})
        if self.results_published and not self.results_published_at:
            # Stamped here, on the editor's save, so the time is part of the revision
            # and survives later publications of older revisions.
            self.results_published_at = timezone.now()

    # --- the translation group -------------------------------------------------

    @cached_property
    def canonical(self):
        """The page that comments belong to: this consultation in the default language.

        Falls back to the page itself when there is no default-language version.
        """
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self

    # --- status ----------------------------------------------------------------

    def status_at(self, when=None):
        when = when or timezone.now()
        if self.results_published:
            return ConsultationStatus.RESULTS
        if when < self.starts_at:
            return ConsultationStatus.UPCOMING
        if when >= self.ends_at:
            return ConsultationStatus.CLOSED
        return ConsultationStatus.OPEN

    @property
    def status(self):
        return self.status_at()

    def accepts_comments_at(self, when=None):
        """The server's rule: open by the clock of the original, and not archived."""
        canonical = self.canonical
        return not canonical.archived and canonical.status_at(when) == ConsultationStatus.OPEN

    # --- articles --------------------------------------------------------------

    def articles(self):
        """The articles in reading order, each with its chapter and stable key."""
        chapter, result = "", []
        for block in self.body:
            if block.block_type == "chapter":
                chapter = block.value["heading"]
            elif block.block_type == "article":
                value = block.value
                result.append(
                    Article(
                        key=str(block.id),
                        label=article_label(value) or str(_("Article %(n)s") % {"n": len(result) + 1}),
                        number=value.get("number") or "",
                        title=value.get("title") or "",
                        text=value.get("text"),
                        chapter=chapter,
                        position=len(result),
                    )
                )
        return result

    def article_keys(self):
        return [block.id for block in self.body if block.block_type == "article"]

    # --- public routes (thin: the work is in consultations.views, core.page_views) --

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(view_for(self, "context")(request, self))
        return context

    @path("comment/", name="comment")
    def comment_route(self, request):
        return view_for(self, "comment")(request, self)

    @path("comments/", name="comments")
    def comments_route(self, request):
        return view_for(self, "comments")(request, self)

    @path("comments/<int:comment_id>/flag/", name="flag")
    def flag_route(self, request, comment_id):
        return view_for(self, "flag")(request, self, comment_id)

    @path("results/", name="results")
    def results_route(self, request):
        return view_for(self, "results")(request, self)

    # Wagtail routes only paths of words and slashes, so the format is a path segment.
    @re_path(r"^export/(?P<fmt>csv|xlsx|json)/$", name="export")
    def export_route(self, request, fmt):
        return view_for(self, "export")(request, self, fmt)
