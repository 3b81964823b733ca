"""Admin views: the moderation queue across consultations, one comment's page with its
history, the staff export, and survey results for staff.

Every view asks the same predicate, `moderation.can_moderate` (consultation comments)
or Wagtail's page permissions (survey answers: those who may edit the survey).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.forms.views import SubmissionsListView

from consultations import moderation
from consultations.exports import XLSX_TYPE, _attachment, staff_export_response, write_csv, write_xlsx
from consultations.forms import RejectForm, ReplyForm
from consultations.models import Comment, CommentStatus, ConsultationPage, SurveyPage
from consultations.queries import ConsultationComments
from consultations.surveys import municipality_name
from consultations.text import clean_user_text
from consultations.views import survey_results_context
from core.page_views import page_view
from core.spreadsheets import FormulaSafeExportMixin

QUEUE_PAGE_SIZE = 50
STATES = {
    "queue": gettext_lazy("To moderate"),
    "approved": gettext_lazy("Published"),
    "rejected": gettext_lazy("Rejected"),
    "spam": gettext_lazy("Spam"),
    "all": gettext_lazy("All"),
}


class AdminPageHeader:
    """Wagtail's slim header shows breadcrumbs, so the view's title goes in as the last one."""

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_header_title()}]


class ModeratorRequired:
    def dispatch(self, request, *args, **kwargs):
        if not moderation.can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _comments_in_state(state):
    comments = Comment.objects.select_related("consultation").prefetch_related("flags")
    if state == "queue":
        return comments.to_moderate().order_by("created_at", "pk")
    if state in CommentStatus.values:
        return comments.filter(status=state).order_by("-created_at", "-pk")
    return comments.order_by("-created_at", "-pk")


class ModerationQueueView(ModeratorRequired, AdminPageHeader, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Consultation comments")
    header_icon = "comment"
    template_name = "consultations/admin/moderation_queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = self.request.GET.get("state", "queue")
        if state not in STATES:
            state = "queue"
        comments = _comments_in_state(state)
        consultations = ConsultationPage.objects.filter(pk__in=Comment.objects.values("consultation")).order_by("title")
        consultation_id = self.request.GET.get("consultation", "")
        if consultation_id.isascii() and consultation_id.isdigit() and len(consultation_id) < 19:  # "²", bigint
            comments = comments.filter(consultation_id=int(consultation_id))
        page_obj = Paginator(comments, QUEUE_PAGE_SIZE).get_page(self.request.GET.get("p"))
        labels = {}
        for comment in page_obj:
            if comment.consultation_id not in labels:
                labels[comment.consultation_id] = ConsultationComments(comment.consultation)
            comment.article_name = labels[comment.consultation_id].label_for(comment.article_key, comment.article_label)
        context.update(
            {
                "comments": page_obj,
                "states": STATES.items(),
                "state": state,
                "consultations": consultations,
                "consultation_id": consultation_id,
                "reject_form": RejectForm(),
                "queue_count": Comment.objects.to_moderate().count(),
            }
        )
        return context


class CommentDetailView(ModeratorRequired, AdminPageHeader, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Comment")
    header_icon = "comment"
    template_name = "consultations/admin/comment_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = get_object_or_404(Comment.objects.select_related("consultation"), pk=kwargs["pk"])
        comment.article_name = ConsultationComments(comment.consultation).label_for(
            comment.article_key, comment.article_label
        )
        context.update(
            {
                "comment": comment,
                "reject_form": RejectForm(),
                "reply_form": ReplyForm(initial={"reply": comment.reply_text}),
                "decisions": comment.decisions.select_related("user"),
                "flags": comment.flags.all(),
                "next": self.request.GET.get("next", ""),
            }
        )
        return context


class ModerateCommentView(ModeratorRequired, View):
    """POST only: approve, reject (with a reason), spam or reply; then back to where the moderator was."""

    http_method_names = ["post"]

    def post(self, request, pk, action):
        comment = get_object_or_404(Comment, pk=pk)
        if action == "approve":
            moderation.approve(comment, request.user)
            messages.success(request, _("Comment approved and published."))
        elif action == "spam":
            moderation.mark_spam(comment, request.user)
            messages.success(request, _("Comment marked as spam."))
        elif action == "reject":
            form = RejectForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Choose a reason to reject the comment."))
                return redirect(self._back(request, comment))
            moderation.reject(
                comment, request.user, form.cleaned_data["reason"], clean_user_text(form.cleaned_data["note"])
            )
            messages.success(request, _("Comment rejected. The commenter will be told why by e-mail."))
        elif action == "reply":
            form = ReplyForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Please write the reply."))
                return redirect(self._back(request, comment))
            moderation.reply(comment, request.user, form.cleaned_data["reply"])
            messages.success(request, _("Official reply saved."))
        else:
            raise Http404
        return redirect(self._back(request, comment))

    @staticmethod
    def _back(request, comment):
        target = request.POST.get("next", "")
        # Only our own admin paths: never an open redirect.
        if target.startswith("/admin/") and "//" not in target:
            return target
        return reverse("consultations_moderation")


class StaffExportView(ModeratorRequired, View):
    def get(self, request, page_id, fmt):
        page = get_object_or_404(ConsultationPage, pk=page_id)
        return staff_export_response(page, fmt)


class SurveyAccessMixin:
    def get_survey(self, page_id):
        page = get_object_or_404(SurveyPage, pk=page_id)
        if not page.permissions_for_user(self.request.user).can_edit():
            raise PermissionDenied
        return page


class SurveyResultsView(SurveyAccessMixin, AdminPageHeader, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Survey results")
    header_icon = "form"
    template_name = "consultations/admin/survey_results.html"

    def get_page_subtitle(self):
        return self.survey.title

    def get(self, request, *args, **kwargs):
        self.survey = self.get_survey(kwargs["page_id"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        municipality = self.request.GET.get("municipality", "")
        context.update(survey_results_context(self.survey, municipality))
        context["survey"] = self.survey
        return context


class SurveyExportView(SurveyAccessMixin, View):
    """Every answer, one row per respondent, with counted answers and free text, formula-safe."""

    def get(self, request, page_id, fmt):
        page = self.get_survey(page_id)
        fields = list(page.get_form_fields())
        columns = [("submit_time", _("Submission date")), ("municipality", _("Municipality"))]
        columns += [(f.clean_name, f.label) for f in fields]
        submissions = page.get_submission_class().objects.filter(page=page).order_by("submit_time")
        municipality = request.GET.get("municipality", "")
        if municipality:
            submissions = submissions.filter(municipality_code=municipality)
        names = {}
        rows = []
        for submission in submissions:
            code = submission.municipality_code
            if code and code not in names:
                names[code] = municipality_name(code)
            row = {
                "submit_time": submission.submit_time.isoformat(timespec="seconds"),
                "municipality": names.get(code, ""),
            }
            for f in fields:
                value = submission.form_data.get(f.clean_name, "")
                if f.field_type == "municipality" and value:
                    value = names.get(value) or municipality_name(value)
                row[f.clean_name] = "; ".join(value) if isinstance(value, list) else str(value or "")
            rows.append(row)
        filename = f"{page.slug}-answers.{fmt}"
        if fmt == "xlsx":
            return _attachment(write_xlsx(columns, rows, _("Answers")), XLSX_TYPE, filename)
        return _attachment(write_csv(columns, rows), "text/csv; charset=utf-8", filename)


@page_view("consultations.SurveyPage", "submissions_list")
class SurveySubmissionsListView(FormulaSafeExportMixin, SubmissionsListView):
    """Wagtail's own list of a survey's answers (Forms menu, the page's "answers" panel).

    Its CSV export wrote answers as they came, so an anonymous answer "=HYPERLINK(...)"
    was a live formula in the spreadsheet of whoever opened it; now every cell goes
    through the same `spreadsheet_safe` as our exports.
    """
