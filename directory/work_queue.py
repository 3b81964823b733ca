"""What waits for someone in the partner workspace: the admin dashboard's counts.

One class answers, for one user, how many new problem reports, listings awaiting
approval, unverified listings and imported values to review there are, each counted
over the rows that user may act on (the rule of directory.partners: the pages a user
may change). So the secretariat sees the whole network's queue and a partner its own
organisation's share, with the same numbers as the screens the counts link to.
"""

from django.db.models import CharField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.functional import cached_property

from wagtail.models import WorkflowState, get_default_page_content_type

from directory.models import ReportStatus, ReviewFlag
from directory.partners import editable_pages, listing_reports_for, stale_services
from directory.verification import verifiable_services


class WorkQueue:
    """Counts of what waits for `user`, each with the URL of the screen that handles it."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def editable_pages(self):
        return editable_pages(self.user)

    def new_problem_reports(self):
        return listing_reports_for(self.user).filter(status=ReportStatus.NEW).count()

    def awaiting_approval(self):
        """The user's pages submitted for approval and not yet approved or sent back."""
        page_ids = self.editable_pages.values_list(Cast("id", output_field=CharField()), flat=True)
        return WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type_id=get_default_page_content_type().id,
            object_id__in=page_ids,
        ).count()

    def stale_listings(self):
        return stale_services().filter(pk__in=verifiable_services(self.user).values("pk")).count()

    def imported_values_to_review(self):
        return ReviewFlag.objects.open().filter(page_id__in=self.editable_pages.values("pk")).count()

    @staticmethod
    def problem_reports_url():
        return reverse("listing_reports:index") + "?status=new"

    @staticmethod
    def awaiting_approval_url():
        return reverse("wagtailadmin_reports:workflow") + "?status=in_progress"

    @staticmethod
    def stale_listings_url():
        return reverse("directory_stale_listings")

    @staticmethod
    def review_url():
        """The report of imported values to review (directory/admin_review.py)."""
        return reverse("review_flags:index")
