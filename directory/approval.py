"""Partners' changes: submitting is the editor's main button, approving says what it did.

Wagtail hides "Submit for moderation" in the action menu's dropdown under "Save draft",
and approving a page from the dashboard says nothing at all (from the editor it says
only "Page updated"). Partners never publish, so for anyone who may not publish a page
the main button becomes "Submit for approval" (see `submit_first`), and the person who
approves is told which page was approved and published (`confirm_approvals`).

The approval happens inside Wagtail's task code, which has no request to put a message
on, so the `workflow_approved` signal notes the page title for its approver (in the
cache, for a few minutes) and the next admin screen that can show a message does: the
editor after its "Approve and publish", the dashboard after an approval from its list.
"""

from django.contrib import messages
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.models import Page

APPROVED_KEY = "koinonia:approved-by:{user_id}"
APPROVED_TIMEOUT = 300


class SubmitForApprovalMenuItem(SubmitForModerationMenuItem):
    """Wagtail's submit item, named for what it does here ("Resubmit…" keeps its name)."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page and page.pk else None
        if not (state and state.status == state.STATUS_NEEDS_CHANGES):
            context["label"] = _("Submit for approval")
        return context


def submit_first(menu_items, request, context):
    """For users who may not publish this page: "Submit for approval" is the main button."""
    names = [item.name for item in menu_items]
    if "action-submit" not in names or "action-publish" in names:
        return
    index = names.index("action-submit")
    item = menu_items.pop(index)
    menu_items.insert(0, SubmitForApprovalMenuItem(order=item.order))


def note_approval(sender, instance, user=None, **kwargs):
    """`workflow_approved`: remember, for its approver, the page that was just published."""
    page = instance.content_object
    if user is None or not isinstance(page, Page):
        return
    key = APPROVED_KEY.format(user_id=user.pk)
    titles = cache.get(key, [])
    cache.set(key, [*titles, page.get_latest_revision_as_object().title], APPROVED_TIMEOUT)


def confirm_approvals(request):
    """Show the requesting user a message per page they approved since their last screen."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    key = APPROVED_KEY.format(user_id=user.pk)
    titles = cache.get(key)
    if not titles:
        return
    cache.delete(key)
    for title in titles:
        messages.success(request, _("“%(title)s” approved and published: it is now on the site.") % {"title": title})
