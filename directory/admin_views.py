"""Admin views of the partner workspace: problem reports and unverified listings.

Both lists are row-filtered by one rule (directory.partners): a user sees the rows
about services they may change, so the secretariat sees everything and a partner
only its own organisation's.
"""

import django_filters

from django.contrib import messages
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import page_permission_policy

from core.spreadsheets import FormulaSafeExportMixin
from directory.models import (
    AdministrativeArea,
    AreaLevel,
    ListingReport,
    OrganisationPage,
    ServiceCategory,
    ServiceLocation,
    ServicePage,
)
from directory.partners import listing_reports_for, stale_listing_months, stale_services
from directory.queries import ServiceQuery
from directory.verification import mark_verified, services_to_verify, verifiable_services, with_last_verifier
from directory.work_queue import WorkQueue


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


class VerifiedByColumn(Column):
    """The account that last marked the listing verified here, else the listing's own text."""

    def get_value(self, instance):
        return instance.verified_by_name or instance.assured_by


class SelectListingColumn(Column):
    """A checkbox per row for "mark the selected as verified" (Wagtail's w-bulk controller)."""

    cell_template_name = "directory/admin/stale_listings_select_cell.html"
    header_template_name = "directory/admin/stale_listings_select_header.html"


class VerifyOneColumn(Column):
    """A "Mark as verified" button per row, for the one listing on that row."""

    cell_template_name = "directory/admin/stale_listings_verify_cell.html"


def _organisations_with_stale_listings(request):
    services = stale_services().filter(pk__in=verifiable_services(request.user).values("pk"))
    return OrganisationPage.objects.filter(pk__in=services.values("organisation_id")).order_by("title")


def _municipalities_with_services(request):
    return (
        AdministrativeArea.objects.filter(
            level=AreaLevel.MUNICIPALITY,
            locale=Locale.get_default(),
            pk__in=ServiceLocation.objects.filter(municipality__isnull=False).values("municipality_id"),
        )
        .select_related("parent")
        .order_by("name")
    )


def _categories(request):
    return (
        ServiceCategory.objects.filter(locale=Locale.get_default())
        .select_related("parent")
        .order_by(Coalesce("parent__sort_order", "sort_order"), Coalesce("parent__name", "name"), "parent", "name")
    )


class StaleListingsFilterSet(WagtailFilterSet):
    """Narrow the report to one organisation, a municipality (with its communities) or a
    category (a main category includes its subcategories), through the directory's own
    query class so that the admin and the public listing mean the same by each filter."""

    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=_organisations_with_stale_listings, method="filter_organisation"
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), queryset=_municipalities_with_services, method="filter_municipality"
    )
    category = django_filters.ModelChoiceFilter(label=_("Category"), queryset=_categories, method="filter_category")

    class Meta:
        model = ServicePage
        fields = []

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(organisation_id=value.pk) if value else queryset

    def filter_municipality(self, queryset, name, value):
        return ServiceQuery(queryset=queryset).in_area(value).queryset

    def filter_category(self, queryset, name, value):
        return ServiceQuery(queryset=queryset).categories([value.code]).queryset if value else queryset


class StaleListingsView(FormulaSafeExportMixin, ReportView):
    """Live services not verified for KOINONIA_STALE_LISTING_MONTHS, each linked to its editor.

    Rows are the user's own (directory.partners: the pages a user may change), and so
    are the choices of the organisation filter; each row can be marked verified, alone
    or with others, through VerifyListingsView.
    """

    page_title = _("Unverified listings")
    header_icon = "time"
    index_url_name = "directory_stale_listings"
    index_results_url_name = "directory_stale_listings_results"
    results_template_name = "directory/admin/stale_listings_results.html"
    permission_policy = page_permission_policy
    any_permission_required = ["add", "change", "publish"]
    filterset_class = StaleListingsFilterSet
    is_searchable = True
    search_fields = ["title", "alternate_name", "organisation_title"]
    columns = [
        SelectListingColumn("select", label=_("Select")),
        TitleColumn("title", label=_("Service"), url_name="wagtailadmin_pages:edit"),
        Column("organisation_title", label=_("Organisation")),
        LastVerifiedColumn("assured_date", label=_("Last verified")),
        VerifiedByColumn("verified_by_name", label=_("Verified by")),
        VerifyOneColumn("verify", label=_("Actions")),
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
        services = stale_services().filter(pk__in=verifiable_services(self.request.user).values("pk"))
        return with_last_verifier(services)

    def search_queryset(self, queryset):
        """Accent- and case-blind, in the service's names and its organisation's title:
        registries write "ΚΟΖΑΝΗ" for "Κοζάνη"."""
        if not self.is_searching:
            return queryset
        text = self.search_query.strip()[:200]
        return queryset.filter(
            Q(title__unaccent__icontains=text)
            | Q(alternate_name__unaccent__icontains=text)
            | Q(organisation_title__unaccent__icontains=text)
        )

    def get_filtered_queryset(self):
        return self.search_queryset(super().get_filtered_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verify_url"] = reverse("directory_verify_listings")
        context["return_url"] = self.request.get_full_path().replace("/results/", "/", 1)
        return context


class VerifyListingsView(View):
    """POST: mark one listing (`one`) or the selected ones (`selected`) as verified today.

    Only the user's own listings are touched (others in the request are ignored, the
    same rule as the report's rows); then back to the report with a message saying
    how many were marked.
    """

    http_method_names = ["post"]

    def post(self, request):
        ids = [request.POST["one"]] if request.POST.get("one") else request.POST.getlist("selected")
        services = mark_verified(services_to_verify(request.user, ids), request.user)
        if len(services) == 1:
            # Named apart from the plural: gettext's checks refuse a %(title)s that only one plural form has.
            messages.success(request, _("“%(title)s” marked as verified today.") % {"title": services[0].title})
        elif services:
            message = ngettext(
                "%(count)d listing marked as verified today.",
                "%(count)d listings marked as verified today.",
                len(services),
            ) % {"count": len(services)}
            messages.success(request, message)
        else:
            # Not lazy: messages are stored after Wagtail's admin-language override has ended.
            messages.warning(request, gettext("Choose at least one listing to mark as verified."))
        return redirect(self._return_url(request))

    @staticmethod
    def _return_url(request):
        url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            return url
        return reverse("directory_stale_listings")


class WorkQueuePanel(Component):
    """The dashboard's "what needs attention": each count links to the screen that handles it.

    Rows with nothing waiting are shown too (as 0), so that people learn where each
    kind of work is done; the panel is left out for users with no directory pages.
    """

    name = "directory_work_queue"
    order = 50
    template_name = "directory/admin/work_queue_panel.html"

    def __init__(self, user):
        self.queue = WorkQueue(user)

    def get_context_data(self, parent_context):
        queue = self.queue
        rows = [
            ("warning", _("new problem reports"), queue.new_problem_reports(), queue.problem_reports_url()),
            ("tasks", _("listings awaiting approval"), queue.awaiting_approval(), queue.awaiting_approval_url()),
            ("time", _("unverified listings"), queue.stale_listings(), queue.stale_listings_url()),
            ("doc-full", _("imported values to review"), queue.imported_values_to_review(), queue.review_url()),
        ]
        return {"rows": rows}

    def render_html(self, parent_context=None):
        if not page_permission_policy.user_has_any_permission(self.queue.user, ["add", "change", "publish"]):
            return ""
        return super().render_html(parent_context)
