"""Public views of the social map. Thin: they parse input, ask the query classes
in directory/queries.py and render. Pages call them from their routes, through
core.page_views (`@page_view`): the page models never import this module."""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from taggit.models import Tag
from wagtail.models import Locale

from core import visits
from core.i18n import label_records
from core.page_views import page_view
from core.spam import captcha_offline, over_rate_limit
from directory import hours
from directory.cache import cached
from directory.cards import decorate_services
from directory.forms import ReportProblemForm, ServiceFilterForm
from directory.locale_fallback import LocaleUrls
from directory.models import (
    AdministrativeArea,
    AreaLevel,
    DirectoryIndexPage,
    GoodPracticeIndexPage,
    GoodPracticePage,
    ServiceCategory,
    ServiceLocation,
    ServicePage,
    TargetGroup,
)
from directory.queries import AreaTree, GoodPracticeQuery, OrganisationQuery, ServiceCounts, ServiceQuery
from search.service import SearchService

PAGE_SIZE = 20
PRINT_LIMIT = 500
MAP_POINT_LIMIT = 5000
REPORT_RATE = "5/h"


def _locale():
    return Locale.get_active()


def _localized_terms(model, locale, **filters):
    """Default-language terms annotated with their name in `locale` (`.label`, core.i18n)."""
    return label_records(model.objects.filter(locale=Locale.get_default(), **filters), locale.language_code)


def _localized_areas(locale, **filters):
    """Default-language areas labelled for `locale` (core.i18n): their everyday name
    there, which for readers of other scripts is the Greek name with its ELOT 743
    form, "Κοζάνη (Kozani)" (see directory.loaders.load_areas)."""
    areas = AdministrativeArea.objects.filter(locale=Locale.get_default(), **filters)
    return label_records(areas, locale.language_code)


def _municipalities_with_counts(counts, locale):
    """Municipalities with services, labelled for `locale`; `counts` by area code."""
    areas = _localized_areas(locale, code__in=list(counts), level=AreaLevel.MUNICIPALITY)
    for area in areas:
        area.count = counts[area.code]
    return sorted(areas, key=lambda a: a.label)


def _service_counts(locale):
    """Totals by category and municipality (directory.queries.ServiceCounts, from search)."""
    return cached("service_counts", locale, ServiceCounts(locale).compute)


# --- home and directory home -------------------------------------------------


def home_context(request, page):
    locale = _locale()
    directory = DirectoryIndexPage.objects.live().filter(locale=locale).first()
    counts = _service_counts(locale)["category"]
    categories = [c for c in _localized_terms(ServiceCategory, locale, parent__isnull=True) if counts.get(c.code)]
    for category in categories:
        category.count = counts[category.code]
    return {"directory": directory, "categories": categories}


@page_view("directory.DirectoryIndexPage", "home")
def directory_home(request, page):
    locale = _locale()
    service_counts = _service_counts(locale)
    counts = service_counts["category"]
    categories = _localized_terms(ServiceCategory, locale, parent__isnull=True)
    children = _localized_terms(ServiceCategory, locale, parent__isnull=False)
    for category in categories:
        category.count = counts.get(category.code, 0)
        category.subcategories = [c for c in children if c.parent_id == category.pk]
    municipalities = _municipalities_with_counts(service_counts["municipality"], locale)
    regions = {}
    region_names = {a.pk: a for a in _localized_areas(locale, level=AreaLevel.REGION)}
    units = dict(AdministrativeArea.objects.filter(level=AreaLevel.REGIONAL_UNIT).values_list("pk", "parent_id"))
    for area in municipalities:
        region = region_names.get(units.get(area.parent_id))
        regions.setdefault(region, []).append(area)
    good_practices = GoodPracticeIndexPage.objects.live().filter(locale=locale).first()
    return TemplateResponse(
        request,
        "directory/directory_index_page.html",
        {
            "page": page,
            "categories": [c for c in categories if c.count],
            "regions": sorted(regions.items(), key=lambda item: item[0].label if item[0] else ""),
            "total": service_counts["total"],
            "good_practices_page": good_practices,
            # Reversed once: the template links to it ~350 times.
            "services_url": page.get_url(request) + page.reverse_subpage("services"),
        },
    )


# --- listing, map, print ------------------------------------------------------


class ServiceListing:
    """Parses the filter form and applies it: shared by the list, map and print views."""

    def __init__(self, request, locale):
        self.locale = locale
        base = ServiceQuery(locale)
        counts = cached("municipality_counts", locale, base.municipality_counts)
        municipalities = sorted(_localized_areas(locale, pk__in=list(counts)), key=lambda a: a.label)
        self.form = ServiceFilterForm(
            request.GET or None, locale=locale, municipality_choices=[(a.code, a.label) for a in municipalities]
        )
        self.filters, self.problems = self.form.cleaned_filters() if request.GET else ({}, [])
        query = base
        if self.filters:
            f = self.filters
            query = (
                self.text_filter(query, f.get("q"))
                .categories(f.get("category") or [])
                .target_groups(f.get("group") or [])
                .languages(f.get("language") or [])
                .accessibility(f.get("access") or [])
                .in_area(AreaTree.by_code(f.get("area")))
            )
            if f.get("open_now"):
                query = query.open_now()
            if f.get("free"):
                query = query.free_of_charge()
        self.query = query

    @staticmethod
    def text_filter(query, text):
        """The text box goes through the one search service (Greek stems, Greeklish,
        synonyms, typos), restricted to the services it matches."""
        matching = SearchService().matching_page_ids(text or "", query.locale.language_code) if text else None
        if matching is None:
            return query
        return ServiceQuery(query.locale, query.queryset.filter(pk__in=matching))

    def active_filters(self, request):
        """Chips for each active filter, each with the URL that removes it."""
        chips = []
        choices = {}
        for name in ("category", "group", "language", "access", "area"):
            choices[name] = dict(self.form.fields[name].choices)
        for name, value in self.filters.items():
            values = value if isinstance(value, list) else [value]
            for v in values:
                if not v:
                    continue
                params = request.GET.copy()
                if isinstance(value, list):
                    params.setlist(name, [x for x in params.getlist(name) if x != v])
                else:
                    params.pop(name, None)
                params.pop("page", None)
                if name in choices:
                    label = choices[name].get(v, v)
                elif name == "q":
                    label = _("Name: “%(text)s”") % {"text": v}
                else:
                    label = self.form.fields[name].label
                chips.append({"label": label, "remove_url": "?" + params.urlencode()})
        return chips

    def results_page(self, request):
        paginator = Paginator(self.query.ordered(), PAGE_SIZE)
        if not any(self.filters.values()):
            # The unfiltered total is cached until the next publish; don't count 50,000 rows per view.
            paginator.__dict__["count"] = cached("total", self.locale, self.query.count)
        page = paginator.get_page(request.GET.get("page"))
        services = list(page.object_list.prefetch_related("locations__municipality", "schedules", "categories"))
        decorate_services(services, self.locale)
        return page, services


def _query_string(request, **overrides):
    params = request.GET.copy()
    for key, value in overrides.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


def _filtered_results(request, page, template):
    """The list and the map show the same filtered, paginated services."""
    listing = ServiceListing(request, _locale())
    results, services = listing.results_page(request)
    return TemplateResponse(
        request,
        template,
        {
            "page": page,
            "form": listing.form,
            "problems": listing.problems,
            "chips": listing.active_filters(request),
            "results": results,
            "services": services,
            "query_string": _query_string(request, page=None),
        },
    )


@page_view("directory.DirectoryIndexPage", "services")
def service_list(request, page):
    if request.GET:
        visits.note_action(request, visits.SEARCH, target=request.GET.urlencode())  # campaign reach
    return _filtered_results(request, page, "directory/service_list.html")


@page_view("directory.DirectoryIndexPage", "services_print")
def service_list_print(request, page):
    listing = ServiceListing(request, _locale())
    services = list(
        listing.query.ordered().prefetch_related("locations__municipality", "schedules", "phones", "categories")[
            :PRINT_LIMIT
        ]
    )
    decorate_services(services, listing.locale)
    for service in services:
        service.week = hours.weekly_table(service.schedules.all())
    return TemplateResponse(
        request,
        "directory/service_list_print.html",
        {
            "page": page,
            "chips": listing.active_filters(request),
            "services": services,
            "truncated": listing.query.count() > PRINT_LIMIT,
            "print_limit": PRINT_LIMIT,
            "printed_on": timezone.localdate(),
        },
    )


@page_view("directory.DirectoryIndexPage", "map")
def service_map(request, page):
    """The map with the same list beside it, so the map is never the only way."""
    return _filtered_results(request, page, "directory/service_map.html")


@page_view("directory.DirectoryIndexPage", "map_points")
def service_map_points(request, page):
    """GeoJSON of the filtered services' public points (confidential ones never)."""
    listing = ServiceListing(request, _locale())
    rows = list(
        ServiceLocation.objects.filter(
            page__in=listing.query.queryset.values("pk"),
            confidential=False,
            latitude__isnull=False,
            longitude__isnull=False,
        )
        .select_related("page")
        .only(
            "latitude",
            "longitude",
            "name",
            "address_1",
            "page__title",
            "page__url_path",
            "page__path",
            "page__locale",
            "page__translation_key",
        )[:MAP_POINT_LIMIT]
    )
    LocaleUrls(listing.locale).reroot({loc.page_id: loc.page for loc in rows}.values())
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(loc.longitude, 6), round(loc.latitude, 6)]},
            "properties": {"title": loc.page.title, "url": loc.page.get_url(request), "address": loc.one_line_address},
        }
        for loc in rows
    ]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features, "truncated": len(features) == MAP_POINT_LIMIT}
    )


# --- service and organisation pages -------------------------------------------


def _in_locale(terms, locale):
    """Each term in `locale` (else itself), as Wagtail's `.localized` gives it, without
    its query for the active locale per term (eleven on a Greek service page)."""
    return [t if t.locale_id == locale.pk else (t.get_translation_or_none(locale) or t) for t in terms]


@page_view("directory.ServicePage", "context")
def service_context(request, service, report_form=None):
    visits.note_action(request, visits.SERVICE, target=service.pk)  # campaign reach (core/visits.py)
    locale = _locale()
    schedules = list(service.schedules.all())
    organisation = service.get_parent().specific
    LocaleUrls(locale).reroot([organisation])
    return {
        "organisation": organisation,
        "opening": hours.opening_status(schedules),
        "week": hours.weekly_table(schedules),
        "exceptions": hours.upcoming_exceptions(schedules),
        "locations": [
            loc for loc in service.locations.select_related("municipality", "community") if not loc.confidential
        ],
        "has_confidential_location": service.locations.filter(confidential=True).exists(),
        "categories": _in_locale(service.categories.all(), locale),
        "target_groups": _in_locale(service.target_groups.all(), locale),
        "access_conditions": _in_locale(service.access_conditions.all(), locale),
        "languages": _in_locale(service.languages.all(), locale),
        "accessibility": _in_locale(service.accessibility.all(), locale),
        "report_form": report_form or ReportProblemForm(),
        "captcha_offline": captcha_offline(),
        "is_fallback": service.locale_id != locale.pk,
        "stale": service.assured_date is None
        or service.assured_date < timezone.localdate() - datetime.timedelta(days=183),
    }


@page_view("directory.ServicePage", "print")
def service_print(request, service):
    context = {"page": service, "self": service, "printed_on": timezone.localdate()}
    context.update(service_context(request, service))
    return TemplateResponse(request, "directory/service_print.html", context)


@page_view("directory.ServicePage", "report")
def report_problem(request, service):
    """The report form on its own page (GET) and its submission (POST, then redirect)."""
    form = ReportProblemForm(request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST":
        if over_rate_limit(request, "listing-report", REPORT_RATE):
            form.add_error(None, _("You have sent several reports in a short time. Please try again later."))
            status = 429  # Too Many Requests, as a rate-limited comment answers
        elif form.is_valid():
            form.save(service)
            messages.success(
                request, _("Thank you. Your report was sent to the people who keep this listing up to date.")
            )
            return redirect(service.get_url(request) + "#report")
    context = {"page": service, "self": service, "form": form, "captcha_offline": captcha_offline()}
    return TemplateResponse(request, "directory/report_problem.html", context, status=status)


@page_view("directory.OrganisationPage", "context")
def organisation_context(request, organisation):
    locale = _locale()
    services = list(
        ServicePage.objects.live()
        .child_of(organisation)
        .order_by("title")
        .prefetch_related("locations__municipality", "schedules", "categories")
    )
    decorate_services(services, locale)
    practices = list(GoodPracticePage.objects.live().child_of(organisation).order_by("-period_start", "title"))
    LocaleUrls(locale).reroot(practices)
    return {"services": services, "good_practices": practices, "phones": organisation.phones.all()}


@page_view("directory.GoodPracticeIndexPage", "serve")
def good_practice_list(request, page):
    locale = _locale()
    group = request.GET.get("group", "")
    theme = request.GET.get("theme", "")
    area = AreaTree.by_code(request.GET.get("area", ""))
    query = GoodPracticeQuery(locale).target_groups([group] if group else []).theme(theme).in_area(area)
    paginator = Paginator(query.ordered(), PAGE_SIZE)
    results = paginator.get_page(request.GET.get("page"))
    practices = list(results.object_list)
    organisations = OrganisationQuery.parents_of(practices)
    for practice in practices:
        practice.organisation_page = organisations.get(practice.path[:-4])
    LocaleUrls(locale).reroot([*practices, *organisations.values()])
    themes = Tag.objects.filter(directory_goodpracticetag_items__isnull=False).distinct().order_by("name")
    return TemplateResponse(
        request,
        "directory/good_practice_index_page.html",
        {
            "page": page,
            "self": page,
            "practices": practices,
            "results": results,
            "groups": _localized_terms(TargetGroup, locale),
            "themes": themes,
            "selected": {"group": group, "theme": theme, "area": area.code if area else ""},
            "query_string": _query_string(request, page=None),
        },
    )
