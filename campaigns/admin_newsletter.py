"""The newsletter in the Wagtail admin: issues (compose, send, log), topics, subscribers' export.

Under one "Newsletter" menu:
- Issues (a ModelViewSet): compose from a page chooser for one language and optional
  topics; the issue's page shows who it will reach and the log of every send run; "Send"
  (permission campaigns.send_newsletterissue) queues it for `send_newsletter`. Only a
  draft can be edited or deleted: what was sent stays as it was sent.
- Topics (a translatable snippet: wagtail-localize translates their names).
- Subscribers: counts per language, and the CSV export of confirmed subscribers for
  those with campaigns.export_subscriber (the publicity team), formula-safe.
Addresses are never listed on screen: the export is the one way out, and it is guarded.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from campaigns.forms_newsletter import IssueForm
from campaigns.models.newsletter import IssueStatus, NewsletterIssue, NewsletterTopic, Subscriber
from campaigns.newsletter import subscribers_csv, topics_in
from campaigns.newsletter_sending import IssueMessages, audience_size, unsendable

SEND_PERMISSION = "campaigns.send_newsletterissue"
EXPORT_PERMISSION = "campaigns.export_subscriber"


class DraftOnlyMixin:
    """Edit and delete only drafts: a queued or sent issue is the record of what went out."""

    def dispatch(self, request, *args, **kwargs):
        issue = get_object_or_404(NewsletterIssue, pk=kwargs.get("pk"))
        if issue.status != IssueStatus.DRAFT:
            messages.error(request, _("This issue has been queued or sent and can no longer be changed."))
            return redirect("newsletter_issues:inspect", issue.pk)
        return super().dispatch(request, *args, **kwargs)


class IssueIndexView(IndexView):
    """An issue's title leads to its page (status, audience, send log, "Send"), not to the form:
    most issues in the list are sent and can no longer be edited."""

    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)


class IssueCreateView(CreateView):
    def get_success_url(self):
        return reverse("newsletter_issues:inspect", args=[self.object.pk])


class IssueEditView(DraftOnlyMixin, EditView):
    def get_success_url(self):
        return reverse("newsletter_issues:inspect", args=[self.object.pk])


class IssueDeleteView(DraftOnlyMixin, DeleteView):
    pass


class IssueInspectView(InspectView):
    template_name = "campaigns/admin/newsletter_issue_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = self.object
        names = dict(topics_in(self.request.LANGUAGE_CODE if hasattr(self.request, "LANGUAGE_CODE") else "el"))
        context.update(
            {
                "issue": issue,
                "topic_names": [names.get(code, code) for code in issue.topics],
                "audience": audience_size(issue),
                "sends": issue.sends.all(),
                "can_send": issue.status == IssueStatus.DRAFT and self.request.user.has_perm(SEND_PERMISSION),
                "is_draft": issue.status == IssueStatus.DRAFT,
            }
        )
        return context


class QueueIssueView(View):
    """POST: queue a draft issue for send_newsletter (needs the send permission)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        if not request.user.has_perm(SEND_PERMISSION):
            raise PermissionDenied
        issue = get_object_or_404(NewsletterIssue.objects.select_related("page"), pk=pk)
        if unsendable(issue):
            messages.error(request, _("This issue's page is deleted or not published: choose a published page first."))
            return redirect("newsletter_issues:inspect", issue.pk)
        updated = NewsletterIssue.objects.filter(pk=issue.pk, status=IssueStatus.DRAFT).update(
            status=IssueStatus.QUEUED, queued_at=timezone.now(), queued_by=request.user
        )
        if updated:
            messages.success(
                request,
                _("“%(subject)s” is queued: it is sent within a few minutes to %(count)s subscribers.")
                % {"subject": issue.subject, "count": audience_size(issue)},
            )
        else:
            messages.error(request, _("This issue has already been queued or sent."))
        return redirect("newsletter_issues:inspect", issue.pk)


class PreviewIssueView(View):
    """The e-mail as a subscriber gets it (HTML, or ?format=text), for whoever may see the issue.

    Rendered for an unsaved subscriber: its unsubscribe link leads to the "not valid" page.
    """

    def get(self, request, pk):
        if not request.user.has_perm("campaigns.view_newsletterissue"):
            raise PermissionDenied
        issue = get_object_or_404(NewsletterIssue.objects.select_related("page"), pk=pk)
        if unsendable(issue):
            return HttpResponse(_(unsendable(issue)), content_type="text/plain; charset=utf-8", status=409)
        message = IssueMessages(issue).message(Subscriber(email="preview@example.org", language=issue.language))
        if request.GET.get("format") == "text":
            return HttpResponse(message.body, content_type="text/plain; charset=utf-8")
        return HttpResponse(message.alternatives[0][0], content_type="text/html; charset=utf-8")


class IssueViewSet(ModelViewSet):
    model = NewsletterIssue
    icon = "mail"
    menu_label = gettext_lazy("Issues")
    url_prefix = "newsletter/issues"
    name = "newsletter_issues"
    inspect_view_enabled = True
    index_view_class = IssueIndexView
    add_view_class = IssueCreateView
    edit_view_class = IssueEditView
    delete_view_class = IssueDeleteView
    inspect_view_class = IssueInspectView
    list_display = ["subject", "language", "status", "sent_count", "created_at"]
    list_filter = ["status", "language"]
    edit_handler = ObjectList(
        [
            FieldPanel("subject"),
            FieldPanel("page"),
            FieldPanel("language"),
            FieldPanel("topics"),
            FieldPanel("introduction"),
        ],
        base_form_class=IssueForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/send/", QueueIssueView.as_view(), name="send"),
            path("<int:pk>/preview/", PreviewIssueView.as_view(), name="preview"),
        ]


class TopicViewSet(SnippetViewSet):
    model = NewsletterTopic
    icon = "tag"
    menu_label = gettext_lazy("Topics")
    url_prefix = "newsletter/topics"
    list_display = ["name", "code", "sort_order"]


class SubscribersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(EXPORT_PERMISSION)


class SubscribersView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Newsletter subscribers")
    header_icon = "group"
    template_name = "campaigns/admin/newsletter_subscribers.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(EXPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        from django.conf import settings

        names = dict(settings.LANGUAGES)
        counts = dict(Subscriber.objects.values_list("language").annotate(n=Count("pk")).values_list("language", "n"))
        context["per_language"] = [(names[code], counts.get(code, 0)) for code, _name in settings.LANGUAGES]
        context["total"] = sum(counts.values())
        return context


class SubscribersExportView(View):
    def get(self, request):
        if not request.user.has_perm(EXPORT_PERMISSION):
            raise PermissionDenied
        response = HttpResponse(subscribers_csv(), content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="newsletter-subscribers-{stamp}.csv"'
        response["Cache-Control"] = "no-store"
        return response


class SubscribersViewSet(ViewSet):
    name = "newsletter_subscribers"
    icon = "group"
    menu_label = gettext_lazy("Subscribers")
    url_prefix = "newsletter/subscribers"

    def get_urlpatterns(self):
        return [
            path("", SubscribersView.as_view(), name="index"),
            path("export/", SubscribersExportView.as_view(), name="export"),
        ]

    @property
    def menu_item_class(self):
        return SubscribersMenuItem


class NewsletterGroup(ViewSetGroup):
    menu_label = gettext_lazy("Newsletter")
    menu_icon = "mail"
    menu_order = 330
    items = (IssueViewSet, TopicViewSet, SubscribersViewSet)


def register():
    """Called from campaigns/wagtail_hooks.py: the group goes through register_snippet so the
    topic snippet gets its snippet features (wagtail-localize's Translate, revisions)."""
    from wagtail.snippets.models import register_snippet

    register_snippet(NewsletterGroup)


#: What the publicity team may do with the newsletter: compose, send and export.
PUBLICITY_TEAM_CODENAMES = [
    "add_newsletterissue",
    "change_newsletterissue",
    "delete_newsletterissue",
    "view_newsletterissue",
    "send_newsletterissue",
    "export_subscriber",
    "add_newslettertopic",
    "change_newslettertopic",
    "delete_newslettertopic",
    "view_newslettertopic",
]


def ensure_newsletter_permissions():
    """Give the publicity team (camp-reach's group) the newsletter's rights. Idempotent."""
    from django.contrib.auth.models import Permission

    from campaigns.admin_reach import ensure_publicity_group

    group = ensure_publicity_group()
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="campaigns", codename__in=PUBLICITY_TEAM_CODENAMES)
    )
    return group
