"""Three Wagtail admin views that show a page to users who may not edit it, guarded.

Wagtail checks no permission on the GET of the move confirmation
(`pages/<id>/move/<target>/confirm/`, which names the page by its latest draft title),
on the workflow-cancellation dialog (which tells whether a page waits for approval,
and at which task), nor before the "not awaiting moderation" message of the workflow
preview (which names the page by its draft title). For partner organisations that
is another partner's unpublished work, so each view here runs only for users who
may act on the page (the rule of directory/partners.py: a partner's own subtree, the
secretariat everywhere) and is a 403 otherwise, as the chooser and bulk-action
confirmations were closed in directory/wagtail_hooks.py.

The patterns shadow Wagtail's (portal/urls.py includes them before the admin), with
the same paths, so `reverse("wagtailadmin_pages:...")` and Wagtail's own links reach
the guarded view; they carry the admin's own decorators (admin access, no caching).
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages import move, workflow
from wagtail.models import Page, Task


def _guarded(may):
    """A decorator: run the view if `may(user, page, kwargs)`, else PermissionDenied."""

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            page = get_object_or_404(Page, pk=kwargs.get("page_id", kwargs.get("page_to_move_id")))
            if not request.user.is_superuser and not may(request.user, page, kwargs):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return never_cache(require_admin_access(guarded))

    return decorator


def may_move_there(user, page, kwargs):
    destination = get_object_or_404(Page, pk=kwargs["destination_id"])
    return page.permissions_for_user(user).can_move_to(destination)


def may_edit(user, page, kwargs):
    return page.permissions_for_user(user).can_edit()


def may_review(user, page, kwargs):
    """Editors of the page, and whoever the task lets act on it (the secretariat)."""
    if may_edit(user, page, kwargs):
        return True
    task = Task.objects.filter(pk=kwargs["task_id"]).first()
    return bool(task and task.specific.get_actions(page.specific, user))


urlpatterns = [
    path(
        "pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
        _guarded(may_move_there)(move.move_confirm),
    ),
    path(
        "pages/workflow/confirm_cancellation/<int:page_id>/",
        _guarded(may_edit)(workflow.ConfirmWorkflowCancellation.as_view()),
    ),
    path(
        "pages/workflow/preview/<int:page_id>/<int:task_id>/",
        _guarded(may_review)(workflow.PreviewRevisionForTask.as_view()),
    ),
]
