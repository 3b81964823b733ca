"""Traceable material in the Wagtail admin: materials, their QR codes and sheets, reach reports.

Who: the publicity team (group PUBLICITY_GROUP_NAME, made by `ensure_publicity_group`
from `setup_site` and the demo) manages materials (add/change/delete/view) and sees
reach reports (campaigns.view_reach_report); superusers too. Partners and the
secretariat see neither: a material says where the team put posters, and a report
is the team's own business. Every view below checks its permission itself.

Under one "Campaign reach" menu:
- Materials (a ModelViewSet, filtered by campaign, kind and channel); each one's page
  shows its short link, its QR code with SVG/PNG downloads at 3, 5 or 8 cm, and
  printable A4 and A3 sheets;
- Reports: the campaigns, each with its report (chart, tables, CSV).
A campaign page's header in the page explorer links to both.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from campaigns import qr, reach
from campaigns.models.pages import CampaignPage
from campaigns.models.reach import Material
from campaigns.reach_report import COLUMNS, KIND_LABELS, SHORT_LABELS, ReachReport, ReportPeriodForm

logger = logging.getLogger(__name__)

PUBLICITY_GROUP_NAME = "Ομάδα δημοσιότητας"
REPORT_PERMISSION = "campaigns.view_reach_report"
VIEW_PERMISSION = "campaigns.view_material"
PAPER_SIZES = {"A4": 120, "A3": 170}  # QR width on the sheet, in mm


def ensure_publicity_group():
    """The publicity team: materials and reach reports (campaign pages' rights are camp-pages')."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=PUBLICITY_GROUP_NAME)
    codenames = ["add_material", "change_material", "delete_material", "view_material", "view_reach_report"]
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="campaigns", codename__in=codenames),
    )
    return group


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


# ---------------------------------------------------------------- materials


class ShortLinkColumn(Column):
    cell_template_name = "campaigns/admin/short_link_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["short_url"] = reach.short_url(instance)
        return context


class MaterialCreateView(CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class MaterialInspectView(InspectView):
    template_name = "campaigns/admin/material_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        material = self.object
        context.update(
            short_url=reach.short_url(material),
            target_url=reach.absolute(reach.target_url(material)),
            qr_svg=qr.svg_inline(material),
            sizes=qr.SIZES_CM,
            papers=list(PAPER_SIZES),
            report_url=reverse("campaign_reach:report", args=[material.campaign_id]),
        )
        return context


class MaterialViewSet(ModelViewSet):
    model = Material
    icon = "link"
    menu_label = gettext_lazy("Materials")
    name = "campaign_materials"
    url_prefix = "campaigns/materials"
    add_view_class = MaterialCreateView
    inspect_view_class = MaterialInspectView
    inspect_view_enabled = True
    list_display = [
        "placement",
        "campaign",
        "kind",
        "channel",
        ShortLinkColumn("code", label=gettext_lazy("Short link")),
    ]
    list_filter = ["campaign", "kind", "channel"]
    search_fields = ["placement", "code"]
    panels = [
        FieldPanel("campaign"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("channel")]),
        FieldPanel("placement"),
        MultiFieldPanel([FieldPanel("target_page"), FieldPanel("target_url")], heading=gettext_lazy("Where it leads")),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/qr-<int:size>cm.<str:fmt>", qr_download, name="qr"),
            path("<int:pk>/sheet/<str:paper>/", printable_sheet, name="sheet"),
        ]


def _material(request, pk):
    _require(request, VIEW_PERMISSION)
    return get_object_or_404(Material.objects.select_related("campaign"), pk=pk)


def qr_download(request, pk, size, fmt):
    """The QR code as an SVG (mm units) or PNG (300 dpi) file, at 3, 5 or 8 cm."""
    material = _material(request, pk)
    if size not in qr.SIZES_CM or fmt not in ("svg", "png"):
        raise Http404
    if fmt == "svg":
        response = HttpResponse(qr.svg(material, size), content_type="image/svg+xml")
    else:
        response = HttpResponse(qr.png(material, size), content_type="image/png")
    filename = f"qr-{slugify(material.campaign.slug)[:40]}-{material.code}-{size}cm.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def printable_sheet(request, pk, paper):
    """An A4 or A3 page to print: campaign title, QR code, the short link in large letters, placement.

    Written in the campaign page's language (it is read by the public, not the editor).
    """
    material = _material(request, pk)
    if paper not in PAPER_SIZES:
        raise Http404
    campaign = material.campaign
    with translation.override(campaign.locale.language_code):
        return render(
            request,
            "campaigns/material_sheet.html",
            {
                "material": material,
                "campaign": campaign,
                "paper": paper,
                "qr_mm": PAPER_SIZES[paper],
                "qr_svg": qr.svg_inline(material, title=campaign.title),
                "short_url": reach.short_url(material),
                "short_text": reach.short_url(material).split("://", 1)[-1],
                "is_rtl": translation.get_language_bidi(),
            },
        )


# ---------------------------------------------------------------- reports


class ReachIndexView(WagtailAdminTemplateMixin, TemplateView):
    """Campaigns (in the default language, translations counted with them) with links to their reports."""

    template_name = "campaigns/admin/reach_index.html"
    page_title = gettext_lazy("Campaign reach")
    header_icon = "view"

    def dispatch(self, request, *args, **kwargs):
        _require(request, REPORT_PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from wagtail.models import Locale

        context = super().get_context_data(**kwargs)
        campaigns = CampaignPage.objects.filter(locale=Locale.get_default()).order_by("-first_published_at", "title")
        counts = {}
        for material in Material.objects.values("campaign__translation_key"):
            key = material["campaign__translation_key"]
            counts[key] = counts.get(key, 0) + 1
        context["campaigns"] = [(campaign, counts.get(campaign.translation_key, 0)) for campaign in campaigns]
        return context


class ReachReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "campaigns/admin/reach_report.html"
    header_icon = "view"

    def dispatch(self, request, *args, **kwargs):
        _require(request, REPORT_PERMISSION)
        self.campaign = get_object_or_404(CampaignPage, pk=kwargs["campaign_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Reach: %(campaign)s") % {"campaign": self.campaign.title}

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [
            {"url": reverse("campaign_reach:index"), "label": _("Campaign reach")},
            {"url": "", "label": self.campaign.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ReportPeriodForm(self.request.GET or None)
        start, end = form.period()
        report = ReachReport(self.campaign, start, end)
        days = list(report.days())
        scale = report.chart_max()
        context.update(
            campaign=self.campaign,
            form=form,
            report=report,
            start=start,
            end=end,
            columns=[(KIND_LABELS[kind], SHORT_LABELS[kind]) for kind in COLUMNS],
            chart=[(day, row, 100 * row.arrivals / scale, 100 * row.actions / scale) for day, row in reversed(days)],
            days=days,
            totals=list(zip([KIND_LABELS[kind] for kind in COLUMNS], report.total.cells(), strict=True)),
            csv_query=f"start={start.isoformat()}&end={end.isoformat()}",
            materials_url=reverse("campaign_materials:index") + f"?campaign={self.campaign.pk}",
        )
        return context


def reach_csv(request, campaign_id):
    _require(request, REPORT_PERMISSION)
    campaign = get_object_or_404(CampaignPage, pk=campaign_id)
    start, end = ReportPeriodForm(request.GET or None).period()
    response = HttpResponse("\ufeff" + ReachReport(campaign, start, end).csv(), content_type="text/csv; charset=utf-8")
    filename = f"reach-{slugify(campaign.slug)[:40] or campaign.pk}-{start.isoformat()}-{end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ReachReportViewSet(ViewSet):
    name = "campaign_reach"
    url_prefix = "campaigns/reach"
    icon = "view"
    menu_label = gettext_lazy("Reports")

    def get_urlpatterns(self):
        return [
            path("", ReachIndexView.as_view(), name="index"),
            path("<int:campaign_id>/", ReachReportView.as_view(), name="report"),
            path("<int:campaign_id>/reach.csv", reach_csv, name="csv"),
        ]

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        item.is_shown = lambda request: request.user.has_perm(REPORT_PERMISSION)
        return item


class ReachGroup(ViewSetGroup):
    menu_label = gettext_lazy("Campaign reach")
    menu_icon = "link"
    menu_order = 320
    items = (MaterialViewSet, ReachReportViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ReachGroup()


@hooks.register("register_page_header_buttons")
def campaign_header_buttons(page, user, view_name, next_url=None):
    """On a campaign's pages in the admin: its materials and its reach report."""
    if not issubclass(page.specific_class or type(page), CampaignPage):
        return
    if user.has_perm(VIEW_PERMISSION):
        yield Button(
            _("Materials and QR codes"),
            reverse("campaign_materials:index") + f"?campaign={page.pk}",
            icon_name="link",
            priority=90,
        )
    if user.has_perm(REPORT_PERMISSION):
        yield Button(_("Reach report"), reverse("campaign_reach:report", args=[page.pk]), icon_name="view", priority=91)


@hooks.register("before_serve_page")
def count_campaign_visit(page, request, serve_args, serve_kwargs):
    """A campaign page opened from a tracked link (utm parameters) counts as a visit."""
    if isinstance(page, CampaignPage) and request.GET:
        try:
            reach.record_campaign_visit(request, page)
        except Exception:  # noqa: BLE001 - counting must never break the page
            logger.exception("campaign visit not counted")
