"""Admin views of the partner workspace: problem reports and unverified listings.

Both lists are row-filtered by one rule (directory.partners): a user sees the rows
about services they may change, so the secretariat sees everything and a partner
only its own organisation's.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import page_permission_policy

from core.spreadsheets import FormulaSafeExportMixin
from directory.models import ListingReport
from directory.partners import listing_reports_for, stale_listing_months, stale_services


class ListingReportPermissionPolicy(ModelPermissionPolicy):
    """Reports arrive from visitors only, and each belongs to one organisation.

    Nobody adds a report in the admin (its form has no service to attach it to), and
    per-report checks use the same row filter as the list.
    """

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and listing_reports_for(user).filter(pk=instance.pk).exists()

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return ListingReport.objects.none()
        return listing_reports_for(user)


class OwnReportsOnly:
    """Every view of one report 404s unless the report is in the user's rows."""

    def get_object(self, *args, **kwargs):
        report = super().get_object(*args, **kwargs)
        if not listing_reports_for(self.request.user).filter(pk=report.pk).exists():
            raise Http404
        return report


class ListingReportIndexView(generic.IndexView):
    def get_base_queryset(self):
        return listing_reports_for(self.request.user)


class ListingReportEditView(OwnReportsOnly, generic.EditView):
    def save_instance(self):
        """Record who handled the report, but write no audit-log entry.

        Wagtail's site history shows every log entry of a model to anyone holding a
        permission on that model, which would show one partner the reports on
        another's services. `handled_by` keeps who answered.
        """
        report = self.form.save(commit=False)
        report.handled_by = self.request.user
        report.save()
        self.has_content_changes = self.form.has_changed()
        return report


class ListingReportDeleteView(OwnReportsOnly, generic.DeleteView):
    def delete_action(self):
        """No audit-log entry, for the same reason as ListingReportEditView.save_instance."""
        self.object.delete()


class ListingReportInspectView(OwnReportsOnly, generic.InspectView):
    pass


class ListingReportHistoryView(OwnReportsOnly, HistoryView):
    pass


class ListingReportUsageView(OwnReportsOnly, UsageView):
    pass


class ListingReportViewSet(ModelViewSet):
    """Visitors' problem reports, answered by the organisation's editors and the secretariat.

    A ModelViewSet rather than a snippet: snippets get a chooser and bulk actions that
    would list every report, with its private contact, to any admin user.
    """

    model = ListingReport
    name = "listing_reports"
    url_prefix = "directory/problem-reports"
    icon = "warning"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["service", "reason", "status", "created_at"]
    list_filter = ["status", "reason"]
    inspect_view_fields = [
        "service",
        "reason",
        "message",
        "reporter_name",
        "reporter_contact",
        "created_at",
        "status",
        "staff_note",
        "handled_by",
    ]
    panels = [
        HelpPanel(heading=_("What the visitor reported"), template="directory/admin/listing_report_details.html"),
        FieldPanel("status"),
        FieldPanel("staff_note"),
    ]
    index_view_class = ListingReportIndexView
    edit_view_class = ListingReportEditView
    delete_view_class = ListingReportDeleteView
    inspect_view_class = ListingReportInspectView
    history_view_class = ListingReportHistoryView
    usage_view_class = ListingReportUsageView

    @property
    def permission_policy(self):
        return ListingReportPermissionPolicy(self.model)


class HideUnseenItemsBulkAction:
    """Bulk-action confirmations list, by title, the items a user may not act on.

    Page ids are sequential, so without this a partner could read every other
    organisation's draft titles (or document names) by trying ids. Items the user
    cannot see anyway are left out, and a request for nothing visible is a 404.
    """

    @staticmethod
    def visible_instances(user):
        raise NotImplementedError

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        refused = extra["items_with_no_access"]
        visible = self.visible_instances(self.request.user).filter(pk__in=[item.pk for item in refused])
        visible = set(visible.values_list("pk", flat=True))
        extra["items_with_no_access"] = [item for item in refused if item.pk in visible]
        if not objects and not extra["items_with_no_access"]:
            raise Http404
        return objects, extra


def confined_bulk_action(action_class, visible_instances):
    """`action_class` with HideUnseenItemsBulkAction, seeing what `visible_instances(user)` returns."""
    attrs = {"visible_instances": staticmethod(visible_instances)}
    return type(action_class.__name__, (HideUnseenItemsBulkAction, action_class), attrs)


class LastVerifiedColumn(Column):
    def get_value(self, instance):
        return instance.assured_date or _("never")


class StaleListingsView(FormulaSafeExportMixin, ReportView):
    """Live services not verified for KOINONIA_STALE_LISTING_MONTHS, each linked to its editor."""

    page_title = _("Unverified listings")
    header_icon = "time"
    index_url_name = "directory_stale_listings"
    index_results_url_name = "directory_stale_listings_results"
    permission_policy = page_permission_policy
    any_permission_required = ["add", "change", "publish"]
    columns = [
        TitleColumn("title", label=_("Service"), url_name="wagtailadmin_pages:edit"),
        Column("organisation_title", label=_("Organisation")),
        LastVerifiedColumn("assured_date", label=_("Last verified")),
        Column("assured_by", label=_("Verified by")),
    ]
    list_export = ["id", "title", "organisation_title", "assured_date", "assured_by"]
    export_headings = {
        "id": _("Page ID"),
        "title": _("Service"),
        "organisation_title": _("Organisation"),
        "assured_date": _("Last verified"),
        "assured_by": _("Verified by"),
    }

    def get_filename(self):
        return "unverified-listings"

    def get_page_subtitle(self):
        months = stale_listing_months()
        return _("Not verified for %(months)s months or never") % {"months": months}

    def get_queryset(self):
        editable = page_permission_policy.instances_user_has_permission_for(self.request.user, "change")
        return stale_services().filter(pk__in=editable.values("pk"))
