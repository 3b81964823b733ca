"""Consultations in the Wagtail admin: the moderation queue, exports and survey results,
and the rule that a consultation with comments is archived, never deleted."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, re_path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.models import Page

from consultations import admin_views
from consultations.models import Comment, ConsultationPage, SurveyPage
from consultations.moderation import can_moderate


@hooks.register("register_admin_urls")
def register_consultation_admin_urls():
    return [
        path("consultations/moderation/", admin_views.ModerationQueueView.as_view(), name="consultations_moderation"),
        path("consultations/comments/<int:pk>/", admin_views.CommentDetailView.as_view(), name="consultations_comment"),
        re_path(
            r"^consultations/comments/(?P<pk>\d+)/(?P<action>approve|reject|spam|reply)/$",
            admin_views.ModerateCommentView.as_view(),
            name="consultations_moderate",
        ),
        re_path(
            r"^consultations/(?P<page_id>\d+)/export/(?P<fmt>csv|xlsx)/$",
            admin_views.StaffExportView.as_view(),
            name="consultations_staff_export",
        ),
        path(
            "consultations/surveys/<int:page_id>/results/",
            admin_views.SurveyResultsView.as_view(),
            name="consultations_survey_results",
        ),
        re_path(
            r"^consultations/surveys/(?P<page_id>\d+)/export/(?P<fmt>csv|xlsx)/$",
            admin_views.SurveyExportView.as_view(),
            name="consultations_survey_export",
        ),
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModeratorMenuItem(
        gettext_lazy("Consultation comments"),
        reverse("consultations_moderation"),
        name="consultation-comments",
        icon_name="comment",
        order=260,
    )


@hooks.register("register_page_listing_more_buttons")
def consultation_listing_buttons(page, user, next_url=None):
    specific_class = page.specific_class
    if specific_class is ConsultationPage and can_moderate(user):
        canonical = page.specific.canonical
        yield Button(
            _("Comments"),
            reverse("consultations_moderation") + f"?state=all&consultation={canonical.pk}",
            icon_name="comment",
            priority=70,
        )
        for fmt in ("csv", "xlsx"):
            yield Button(
                _("Staff export (%(format)s)") % {"format": fmt.upper()},
                reverse("consultations_staff_export", args=[page.pk, fmt]),
                icon_name="download",
                priority=71,
            )
    elif specific_class is SurveyPage and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Survey results"), reverse("consultations_survey_results", args=[page.pk]), icon_name="table", priority=70
        )


def _commented_consultations(pages):
    """Consultations among `pages` or below them that have comments (in any language)."""
    keys = set()
    for page in pages:
        candidates = Page.objects.descendant_of(page, inclusive=True).type(ConsultationPage)
        keys.update(candidates.values_list("translation_key", flat=True))
    if not keys:
        return []
    commented = Comment.objects.filter(consultation__translation_key__in=keys).values("consultation")
    return list(ConsultationPage.objects.filter(pk__in=commented))


@hooks.register("before_delete_page")
def keep_consultations_with_comments(request, page):
    """A consultation with comments (or a section holding one) cannot be deleted: archive it."""
    blocked = _commented_consultations([page])
    if blocked:
        messages.error(
            request,
            _(
                "“%(title)s” cannot be deleted because citizens have commented on it. "
                "Archive the consultation instead (the “archived” box in its settings)."
            )
            % {"title": blocked[0].title},
        )
        return redirect("wagtailadmin_pages:edit", blocked[0].pk if blocked[0].pk == page.pk else page.pk)
    return None


@hooks.register("before_bulk_action")
def keep_consultations_with_comments_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "delete":
        return None
    pages = [obj for obj in objects if isinstance(obj, Page)]
    blocked = _commented_consultations(pages)
    if blocked:
        messages.error(
            request,
            _("Pages with commented consultations cannot be deleted: %(titles)s. Archive them instead.")
            % {"titles": ", ".join(page.title for page in blocked)},
        )
        return redirect("wagtailadmin_explore", pages[0].get_parent().pk)
    return None
