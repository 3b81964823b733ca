"""The admin report of imported values to review (`ReviewFlag`), and "mark as reviewed".

The importer keeps a record whose website lacked `https://` or whose phone field held
three numbers, fixes what it can and leaves a flag with the value as it was in the
file. This report lists the flags with filters (kind, organisation, municipality,
reviewed or not, import) so that the secretariat can work through one import, one
organisation or one kind of problem at a time; each row links to the page editor,
and one or many rows are marked reviewed (who and when are kept on the flag).

Rows follow the rule of directory.partners: a user sees the flags of the pages they
may change, so the secretariat sees the whole network's and a partner, sent here by
the dashboard's count, its own organisation's only.
"""

import django_filters

from django.contrib import messages
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Substr
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail.permissions import page_permission_policy

from core.spreadsheets import FormulaSafeExportMixin
from directory.models import (
    AdministrativeArea,
    AreaLevel,
    DirectoryIndexPage,
    ImportRun,
    OrganisationPage,
    ReviewFlag,
    ReviewKind,
    ServiceLocation,
    ServicePage,
)
from directory.partners import editable_pages
from directory.queries import ServiceQuery

ANY_PAGE_PERMISSION = ["add", "change", "publish"]


def reviewable_flags(user):
    """Flags on the pages `user` may change, each with its page and organisation's title."""
    editable = editable_pages(user)
    return with_organisation(ReviewFlag.objects.filter(page_id__in=editable.values("pk"))).select_related(
        "page", "resolved_by"
    )


def _organisation_path_length():
    """Organisations are the children of a social map page: their paths all have this length."""
    directory = DirectoryIndexPage.objects.order_by("depth").first()
    return (directory.depth + 1) * Page.steplen if directory else 4 * Page.steplen


def with_organisation(flags):
    """Annotate `organisation_title`: the organisation page at or above each flag's page."""
    organisation = OrganisationPage.objects.filter(
        path=Substr(OuterRef("page__path"), 1, _organisation_path_length(), output_field=CharField())
    )
    return flags.annotate(organisation_title=Subquery(organisation.values("title")[:1]))


def flags_to_resolve(user, ids):
    """The open flags among `ids` that `user` may review (others are left out, never an error)."""
    clean_ids = [int(pk) for pk in ids if str(pk).isascii() and str(pk).isdigit() and len(str(pk)) < 19]
    mine = reviewable_flags(user).filter(pk__in=clean_ids).values("pk")
    return ReviewFlag.objects.open().filter(pk__in=mine)


def _organisations(request):
    flagged = ReviewFlag.objects.values("page__path")
    length = _organisation_path_length()
    paths = {row["page__path"][:length] for row in flagged.distinct()}
    editable = editable_pages(request.user)
    return OrganisationPage.objects.filter(path__in=paths, pk__in=editable.values("pk")).order_by("title")


def _municipalities(request):
    """Municipalities of the flagged services this user may change (a partner's own only)."""
    places = ServiceLocation.objects.filter(
        municipality__isnull=False, page__review_flags__isnull=False, page__in=editable_pages(request.user).values("pk")
    )
    return (
        AdministrativeArea.objects.filter(
            level=AreaLevel.MUNICIPALITY, locale=Locale.get_default(), pk__in=places.values("municipality_id")
        )
        .select_related("parent")
        .order_by("name")
    )


def _import_runs(request):
    """Imports that flagged pages this user may change: a partner sees no other file names."""
    flagged = ImportRun.objects.filter(review_flags__page__in=editable_pages(request.user).values("pk"))
    return flagged.distinct().order_by("-created_at")


class ReviewFlagFilterSet(WagtailFilterSet):
    """Kind of fix, organisation, municipality, reviewed or not, and the import that raised it."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ReviewKind.choices)
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=_organisations, method="filter_organisation"
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), queryset=_municipalities, method="filter_municipality"
    )
    reviewed = django_filters.ChoiceFilter(
        label=_("Reviewed"),
        choices=[("no", _("Not yet")), ("yes", _("Reviewed"))],
        method="filter_reviewed",
        empty_label=_("Any"),
    )
    import_run = django_filters.ModelChoiceFilter(label=_("Import"), queryset=_import_runs, method="filter_import_run")

    class Meta:
        model = ReviewFlag
        fields = []

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(page__path__startswith=value.path) if value else queryset

    def filter_municipality(self, queryset, name, value):
        services = ServiceQuery(queryset=ServicePage.objects.all()).in_area(value).queryset
        return queryset.filter(page_id__in=services.values("pk"))

    def filter_reviewed(self, queryset, name, value):
        if value == "yes":
            return queryset.resolved()
        if value == "no":
            return queryset.open()
        return queryset

    def filter_import_run(self, queryset, name, value):
        return queryset.filter(import_runs=value) if value else queryset


class TemplateColumn(Column):
    """A column drawn by its own cell template (a listing with its organisation, a kind with its field)."""

    def __init__(self, name, template, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = template


class SelectFlagColumn(Column):
    cell_template_name = "directory/admin/review_select_cell.html"
    header_template_name = "directory/admin/review_select_header.html"


class ReviewedColumn(Column):
    """Who reviewed the value and when, or a "Mark as reviewed" button."""

    cell_template_name = "directory/admin/review_status_cell.html"


class ReviewFlagsView(FormulaSafeExportMixin, ReportView):
    """Imported values the importer fixed or dropped, newest first, not yet reviewed by default."""

    page_title = _("Imported values to review")
    header_icon = "warning"
    index_url_name = "review_flags:index"
    index_results_url_name = "review_flags:index_results"
    results_template_name = "directory/admin/review_results.html"
    permission_policy = page_permission_policy
    any_permission_required = ANY_PAGE_PERMISSION
    filterset_class = ReviewFlagFilterSet
    columns = [
        SelectFlagColumn("select", label=_("Select")),
        TemplateColumn("page", label=_("Listing"), template="directory/admin/review_listing_cell.html"),
        TemplateColumn("kind", label=_("Kind"), template="directory/admin/review_kind_cell.html"),
        TemplateColumn(
            "original_value", label=_("In the file → imported"), template="directory/admin/review_value_cell.html"
        ),
        DateColumn("created_at", label=_("Flagged")),
        ReviewedColumn("resolved_at", label=_("Reviewed")),
    ]
    list_export = ["page_id", "page.title", "organisation_title", "kind", "field", "original_value", "message"]
    export_headings = {
        "page_id": _("Page ID"),
        "page.title": _("Listing"),
        "organisation_title": _("Organisation"),
        "kind": _("Kind"),
        "field": _("Field"),
        "original_value": _("Value in the file"),
        "message": _("What the import did"),
    }

    def get_filename(self):
        return "imported-values-to-review"

    def get_queryset(self):
        return reviewable_flags(self.request.user).order_by("-created_at", "pk")

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        # Not yet reviewed, unless the user asks otherwise: that is the work to do.
        if "reviewed" not in self.request.GET:
            data = kwargs["data"].copy() if kwargs.get("data") is not None else self.request.GET.copy()
            data["reviewed"] = "no"
            kwargs["data"] = data
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["resolve_url"] = reverse("review_flags:resolve")
        context["return_url"] = self.request.get_full_path().replace("/results/", "/", 1)
        return context


class ResolveFlagsView(View):
    """POST: mark one flag (`one`) or the selected flags (`selected`) as reviewed, now, by the user.

    Only the user's own rows are touched; others in the request are ignored.
    """

    http_method_names = ["post"]

    def post(self, request):
        ids = [request.POST["one"]] if request.POST.get("one") else request.POST.getlist("selected")
        count = flags_to_resolve(request.user, ids).resolve(request.user)
        if count:
            messages.success(
                request,
                ngettext("%(count)d value marked as reviewed.", "%(count)d values marked as reviewed.", count)
                % {"count": count},
            )
        else:
            # Not lazy: messages are stored after Wagtail's admin-language override has ended.
            messages.warning(request, gettext("Choose at least one value to mark as reviewed."))
        url = request.POST.get("next", "")
        host = request.get_host()
        safe = url_has_allowed_host_and_scheme(url, allowed_hosts={host}, require_https=request.is_secure())
        return redirect(url if safe else reverse("review_flags:index"))


urlpatterns = [
    path("", ReviewFlagsView.as_view(), name="index"),
    path("results/", ReviewFlagsView.as_view(results_only=True), name="index_results"),
    path("resolve/", ResolveFlagsView.as_view(), name="resolve"),
]
