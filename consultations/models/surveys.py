"""Needs-mapping surveys, built by editors with Wagtail's form builder.

Editors pick from five question types that suit needs mapping (single choice,
multiple choice, a 1-5 scale, free text, and the respondent's municipality from the
administrative areas of the social map). Answers are anonymous: a submission keeps
the answers and the time, never who sent them (no user, no IP). The municipality is
also kept in its own column so that staff can filter the results by it cheaply.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from consultations.models.consultation import INTRO_FEATURES
from core.page_views import view_for

SCALE_POINTS = 5


class SurveyFieldType(models.TextChoices):
    SINGLE_CHOICE = "radio", _("Single choice")
    MULTIPLE_CHOICE = "checkboxes", _("Multiple choice")
    SCALE = "scale", _("Scale from 1 to 5")
    FREE_TEXT = "multiline", _("Free text")
    MUNICIPALITY = "municipality", _("Municipality")


#: Types whose answers are counted; free text is read, not counted, and never published.
COUNTED_TYPES = {SurveyFieldType.SINGLE_CHOICE, SurveyFieldType.MULTIPLE_CHOICE, SurveyFieldType.SCALE}


class SurveyField(AbstractFormField):
    page = ParentalKey("consultations.SurveyPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("question type"), max_length=16, choices=SurveyFieldType.choices)

    class Meta(AbstractFormField.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def get_field_clean_name(self):
        """Readable names from Greek labels ("Ηλικία" → "ilikia", not "u0397u03bb..."), for exports and the form."""
        from anyascii import anyascii

        from wagtail.coreutils import safe_snake_case

        return safe_snake_case(anyascii(self.label))[:60] or "question"


class SurveySubmission(AbstractFormSubmission):
    """One anonymous set of answers."""

    municipality_code = models.CharField(_("municipality"), max_length=40, blank=True, db_index=True)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")


class SurveyPage(RoutablePageMixin, AbstractForm):
    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)
    thank_you_text = RichTextField(_("thank-you text"), features=INTRO_FEATURES, blank=True)
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True, help_text=_("Empty: open when published."))
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True, help_text=_("Empty: no closing date."))
    publish_results = models.BooleanField(
        _("publish aggregated results"),
        default=False,
        help_text=_("Shows counts per answer on the site. Free-text answers are never published."),
    )
    results_intro = RichTextField(_("text above the public results"), features=INTRO_FEATURES, blank=True)

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types: list[str] = []

    content_panels = AbstractForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])], heading=_("Dates")),
        InlinePanel("form_fields", label=_("Questions")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel([FieldPanel("publish_results"), FieldPanel("results_intro")], heading=_("Results")),
    ]
    search_fields = AbstractForm.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("opens_at"), APIField("closes_at")]

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def get_submission_class(self):
        return SurveySubmission

    def get_submissions_list_view_class(self):
        """Wagtail's answers list, with a CSV/XLSX export that runs no formula an answer holds."""
        return view_for(self, "submissions_list")

    def get_form_class(self):
        from consultations.surveys import SurveyFormBuilder

        return SurveyFormBuilder(self.get_form_fields()).get_form_class()

    def is_open_at(self, when=None):
        when = when or timezone.now()
        return (self.opens_at is None or self.opens_at <= when) and (self.closes_at is None or when < self.closes_at)

    def process_form_submission(self, form):
        from consultations.surveys import store_submission

        return store_submission(self, form)

    @path("", name="form")
    def form_route(self, request):
        return view_for(self, "form")(request, self)

    @path("thanks/", name="thanks")
    def thanks_route(self, request):
        return view_for(self, "thanks")(request, self)

    @path("results/", name="results")
    def results_route(self, request):
        return view_for(self, "results")(request, self)
