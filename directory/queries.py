"""Query classes of the social map. Views ask these; they never build queries.

`ServiceQuery` is a chainable set of filters over live services in one language,
with Greek content as the fallback where a translation is missing. Every filter is
an uncorrelated `pk IN (subquery)` over a small table (taxonomy links, locations,
schedules): combining filters never multiplies rows, the listing needs no DISTINCT,
and PostgreSQL answers each with one hashed semi-join instead of a probe per
service, which is what keeps the listing fast at 50,000 services.
"""

import datetime

from django.db.models import Count, F, Func, Q, Value

from wagtail.models import Locale, Page

from core.hours import local_now
from directory.models import (
    AdministrativeArea,
    AreaLevel,
    GoodPracticePage,
    OrganisationPage,
    ServiceCategory,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
)
from search.query import SearchQuery
from search.service import SearchService

#: A page's title without leading quotes and punctuation ("«Η Αγάπη»" sorts under Η),
#: the listing's alphabetical order; search migration 0006 indexes this very expression.
SORT_TITLE = Func(F("title"), Value("^[^[:alnum:]]+"), Value(""), function="regexp_replace")


def localized_queryset(model, locale):
    """Live pages of `model` in `locale`, plus Greek pages that have no translation there."""
    default = Locale.get_default()
    qs = model.objects.live()
    if locale is None or locale.pk == default.pk:
        return qs.filter(locale=default)
    translated = model.objects.filter(locale=locale).values("translation_key")
    return qs.filter(Q(locale=locale) | (Q(locale=default) & ~Q(translation_key__in=translated)))


class ServiceQuery:
    """Live services visible in one language, narrowed by chainable filters."""

    def __init__(self, locale=None, queryset=None):
        self.locale = locale or Locale.get_active()
        self.queryset = queryset if queryset is not None else localized_queryset(ServicePage, self.locale)

    def _chain(self, queryset):
        return ServiceQuery(self.locale, queryset)

    def _through_exists(self, field_name, codes):
        """Q: linked to any term with these codes (in any language's copy of the term)."""
        field = ServicePage._meta.get_field(field_name)
        through, target = field.remote_field.through, field.related_model
        term_ids = list(target.objects.filter(code__in=list(codes)).values_list("pk", flat=True))
        column = f"{target._meta.model_name}_id__in"
        return Q(pk__in=through.objects.filter(**{column: term_ids}).values("servicepage_id"))

    def categories(self, codes):
        """Services in any of these categories; a sector includes its subcategories."""
        codes = list(codes)
        if not codes:
            return self
        children = ServiceCategory.objects.filter(parent__code__in=codes).values_list("code", flat=True)
        return self._chain(self.queryset.filter(self._through_exists("categories", [*codes, *children])))

    def target_groups(self, codes):
        return self._chain(self.queryset.filter(self._through_exists("target_groups", codes))) if codes else self

    def languages(self, codes):
        return self._chain(self.queryset.filter(self._through_exists("languages", codes))) if codes else self

    def accessibility(self, codes):
        return self._chain(self.queryset.filter(self._through_exists("accessibility", codes))) if codes else self

    def free_of_charge(self):
        return self._chain(self.queryset.filter(self._through_exists("access_conditions", ["free"])))

    def in_area(self, area):
        """Services with a location in this area (any level of the tree)."""
        if area is None:
            return self
        area_ids = AreaTree.descendant_ids(area)
        field = "community_id" if area.level == AreaLevel.COMMUNITY else "municipality_id"
        return self._chain(
            self.queryset.filter(pk__in=ServiceLocation.objects.filter(**{f"{field}__in": area_ids}).values("page_id"))
        )

    def name_contains(self, text):
        """A plain filter on names (full-text search is the search app's job)."""
        text = (text or "").strip()[:200]
        if not text:
            return self
        return self._chain(
            self.queryset.filter(Q(title__unaccent__icontains=text) | Q(alternate_name__unaccent__icontains=text))
        )

    def open_now(self, now=None):
        """Services open at `now` (Athens wall-clock time), honouring closures,
        special hours that replace the weekly ones, and overnight hours."""
        here = local_now(now)
        return self._chain(self.queryset.filter(OpenAtFilter(here).q()))

    def ordered(self):
        return self.queryset.order_by(SORT_TITLE, "pk")

    def count(self):
        return self.queryset.count()

    def municipality_counts(self):
        """{municipality id: number of services with a location there}: the listing's
        municipality choices, which follow the listing's own rows until the listing
        asks search too (issue 12)."""
        rows = (
            ServiceLocation.objects.filter(page__in=self.queryset.values("pk"), municipality__isnull=False)
            .values("municipality_id")
            .annotate(n=Count("page_id", distinct=True))
        )
        return {row["municipality_id"]: row["n"] for row in rows}


class OpenAtFilter:
    """The SQL form of directory.hours: which services are open at a local time.

    Built from uncorrelated subqueries on the schedules table (pages open today,
    pages still open from last night, pages closed today), so PostgreSQL runs each
    once instead of once per service. Given `among` (page ids already known, such as a
    page of search results), every subquery reads only those pages' schedules: a few
    index lookups instead of a pass over the schedules of the whole directory.
    """

    def __init__(self, here: datetime.datetime, among=None):
        self.here = here
        self.among = among

    def _schedules(self, condition):
        rows = ServiceSchedule.objects.filter(condition)
        if self.among is not None:
            rows = rows.filter(page_id__in=self.among)
        return rows.values("page_id")

    @staticmethod
    def _dated(date):
        return (
            (Q(valid_from__isnull=False) | Q(valid_to__isnull=False))
            & (Q(valid_from__isnull=True) | Q(valid_from__lte=date))
            & (Q(valid_to__isnull=True) | Q(valid_to__gte=date))
        )

    @staticmethod
    def _weekday(date):
        return Q(weekdays__contains=[date.weekday()]) | Q(weekdays=[])

    def _open_rows(self, date, started_yesterday):
        """Schedule rows that make their page open at `self.here` for intervals starting on `date`."""
        overnight = Q(closes_next_day=True) | Q(closes_at__lte=F("opens_at"))
        t = self.here.time()
        if started_yesterday:
            window = overnight & Q(closes_at__gt=t)
        else:
            window = Q(opens_at__lte=t) & ((~overnight & Q(closes_at__gt=t)) | overnight)
        # Special (dated) hours replace the weekly ones on their dates.
        pages_with_special_hours = self._schedules(Q(closed=False) & self._dated(date) & self._weekday(date))
        regular = Q(valid_from__isnull=True, valid_to__isnull=True) & ~Q(page_id__in=pages_with_special_hours)
        return self._schedules(
            Q(closed=False, opens_at__isnull=False, closes_at__isnull=False)
            & self._weekday(date)
            & (regular | self._dated(date))
            & window
        )

    def _closed_pages(self, date):
        return self._schedules(
            Q(closed=True)
            & self._weekday(date)
            & (self._dated(date) | (Q(valid_from__isnull=True, valid_to__isnull=True) & ~Q(weekdays=[])))
        )

    def q(self):
        today = self.here.date()
        yesterday = today - datetime.timedelta(days=1)
        open_today = Q(pk__in=self._open_rows(today, False)) & ~Q(pk__in=self._closed_pages(today))
        still_open = Q(pk__in=self._open_rows(yesterday, True)) & ~Q(pk__in=self._closed_pages(yesterday))
        return open_today | still_open


class AreaTree:
    """Walks the administrative tree (at most four levels, so a few small queries)."""

    @staticmethod
    def descendant_ids(area):
        ids, frontier = {area.pk}, [area.pk]
        while frontier:
            frontier = list(AdministrativeArea.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids.update(frontier)
        return ids

    @staticmethod
    def by_code(code):
        """The default-language area with this code (locations point at those)."""
        if not code:
            return None
        return (
            AdministrativeArea.objects.filter(code=code, locale=Locale.get_default()).select_related("parent").first()
        )


class OrganisationQuery:
    @staticmethod
    def for_locale(locale):
        return localized_queryset(OrganisationPage, locale)

    @staticmethod
    def parents_of(pages):
        """{page path: organisation} for a list of service/good-practice pages, in one query."""
        paths = {p.path[: -Page.steplen] for p in pages}
        return {org.path: org for org in OrganisationPage.objects.filter(path__in=paths)}


class GoodPracticeQuery:
    def __init__(self, locale=None, queryset=None):
        self.locale = locale or Locale.get_active()
        self.queryset = queryset if queryset is not None else localized_queryset(GoodPracticePage, self.locale)

    def _chain(self, queryset):
        return GoodPracticeQuery(self.locale, queryset)

    def target_groups(self, codes):
        return self._chain(self.queryset.filter(target_groups__code__in=codes).distinct()) if codes else self

    def theme(self, slug):
        return self._chain(self.queryset.filter(themes__slug=slug).distinct()) if slug else self

    def in_area(self, area):
        if area is None:
            return self
        return self._chain(self.queryset.filter(area_id__in=AreaTree.descendant_ids(area)))

    def ordered(self):
        return self.queryset.order_by("-period_start", "title")


class ServiceCounts:
    """How many services the social map shows in a language: in all, per top-level
    category (its subcategories included) and per municipality (by code).

    Asked of the search service, whose documents carry the same keys (a service's
    category and its parent sector, the areas of all its locations): the counts
    follow search's rule of which pages a language shows (its own, else the Greek
    page), not a second copy of that rule, and come from one facet statement that the
    service caches per index generation.
    """

    def __init__(self, locale=None):
        self.locale = locale or Locale.get_active()

    def compute(self):
        """{"total", "category": {code: n}, "municipality": {code: n}}: plain data, cacheable."""
        query = SearchQuery(types=("service",), locale=self.locale.language_code, page_size=1)
        results = SearchService().search(query, decorate=False)
        return {
            "total": results.total,
            "category": {v.value: v.count for v in results.facets.get("category", [])},
            "municipality": {v.value: v.count for v in results.facets.get("municipality", [])},
        }
