"""Which records an HSDS API request asks for, as querysets; views never build queries.

Records are the published Greek directory (the default language holds every record;
translations only change its words, see `serializers`). Every filter is a
`pk IN (subquery)`, like `directory.queries.ServiceQuery`, whose filters the search
extensions reuse so that `category`, `group`, `municipality`, `open_now`, `free` mean
here what they mean in the listing and the search. `search` goes through the one search
service (`SearchService.matching_page_ids`: Greek stems, Greeklish, synonyms, typos).
"""

import functools

from django.db.models import BooleanField, Exists, FloatField, OuterRef, Q
from django.db.models.expressions import RawSQL

from wagtail.models import Locale, Page

from directory import cache as directory_cache
from directory.cache import cached
from directory.hsds import profile
from directory.hsds.exporter import derived_id
from directory.hsds.mapping import SCHEDULE_CLOSED, SCHEDULE_OVERNIGHT, TAXONOMY_AREA, TAXONOMY_SCHEDULE, TERM_FIELDS
from directory.models import (
    AdministrativeArea,
    AreaLevel,
    OrganisationPage,
    ServiceCategory,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
)
from directory.queries import SORT_TITLE, AreaTree, ServiceQuery

#: Metres from (lat, lon) to the nearest public map point of a service (two parameters).
NEAREST_SQL = """(SELECT min(earth_distance(ll_to_earth(%s, %s), ll_to_earth(l.latitude, l.longitude)))
    FROM directory_servicelocation l
    WHERE l.page_id = wagtailcore_page.id AND NOT l.confidential AND l.latitude IS NOT NULL)"""
#: Metres from (lat, lon) to this location's point (two parameters).
DISTANCE_SQL = """earth_distance(ll_to_earth(%s, %s),
    ll_to_earth(directory_servicelocation.latitude, directory_servicelocation.longitude))"""
WITHIN_SQL = "earth_box(ll_to_earth(%s, %s), %s) @> ll_to_earth(latitude, longitude)"
#: Schedule flags of the koinonia-schedule taxonomy → the field that carries them.
SCHEDULE_FLAGS = {SCHEDULE_CLOSED: "closed", SCHEDULE_OVERNIGHT: "closes_next_day"}
TERM_MODELS = tuple(TERM_FIELDS)


def default_locale():
    return Locale.get_default()


def records(model):
    """Live pages of `model` that are records of their own: every Greek page, and pages
    of another language that are not a translation of a Greek one (a registry imported
    with `--language en` lives in the English tree). Translations only change a record's
    words (see serializers), so each record is listed once, under one id.

    The few pages of the second kind are looked up once per directory generation, so
    that the usual case is a plain `locale = Greek` (which PostgreSQL answers in name
    order straight from search migration 0006's index)."""
    default = default_locale()
    others = cached(f"hsds-api-originals-{model._meta.model_name}", default, lambda: _originals(model, default))
    condition = Q(locale=default) | Q(pk__in=others) if others else Q(locale=default)
    return model.objects.live().filter(condition)


def _originals(model, default):
    greek = model.objects.filter(locale=default, translation_key=OuterRef("translation_key"))
    return list(model.objects.live().exclude(locale=default).filter(~Exists(greek)).values_list("pk", flat=True))


def live_organisations():
    return records(OrganisationPage)


def public_points():
    return ServiceLocation.objects.filter(confidential=False, latitude__isnull=False, longitude__isnull=False)


def points_within(lat, lon, radius_km):
    """Public locations within `radius_km` of a point (the box first, then the true distance)."""
    metres = radius_km * 1000
    return public_points().filter(RawSQL(WITHIN_SQL, (lat, lon, metres), output_field=BooleanField()))  # noqa: S611


# --- taxonomy terms ---------------------------------------------------------------------


class TermIndex:
    """Every taxonomy term the API knows, by HSDS id: our taxonomy snippets (Greek rows
    carry the ids), the administrative areas (ids derived from their codes, as the
    exporter writes them) and the schedule flags. Built once per directory generation."""

    @staticmethod
    @functools.lru_cache(maxsize=2)
    def _build(generation):
        terms = {}
        for model in TERM_MODELS:
            # Every language's copy: a record imported in English links the English terms.
            for hsds_id, code in model.objects.values_list("hsds_id", "code"):
                terms[str(hsds_id)] = (model.hsds_taxonomy, code)
        for code in AdministrativeArea.objects.filter(locale=default_locale()).values_list("code", flat=True):
            terms[derived_id(TAXONOMY_AREA, code)] = (TAXONOMY_AREA, code)
        for code in SCHEDULE_FLAGS:
            terms[derived_id(TAXONOMY_SCHEDULE, code)] = (TAXONOMY_SCHEDULE, code)
        return terms

    @classmethod
    def get(cls, term_id):
        """(taxonomy name, code) of a term id, or None."""
        return cls._build(directory_cache.generation()).get(str(term_id))


def taxonomy_name(taxonomy_id):
    taxonomy = profile.taxonomy_by_id().get(str(taxonomy_id))
    return taxonomy["name"] if taxonomy else None


def _model_for(taxonomy):
    return next((model for model in TERM_MODELS if model.hsds_taxonomy == taxonomy), None)


def _services_with_term(taxonomy, code=None):
    """Q on ServicePage: linked to the term (or, without `code`, to any term of the taxonomy)."""
    model = _model_for(taxonomy)
    if model is not None:
        field = ServicePage._meta.get_field(TERM_FIELDS[model])
        through = field.remote_field.through
        terms = model.objects.all() if code is None else model.objects.filter(code=code)
        if model is ServiceCategory and code is not None:
            terms = ServiceCategory.objects.filter(Q(code=code) | Q(parent__code=code))
        column = f"{model._meta.model_name}_id__in"
        return Q(pk__in=through.objects.filter(**{column: terms.values("pk")}).values("servicepage_id"))
    if taxonomy == TAXONOMY_AREA:
        if code is None:
            return Q(pk__in=public_points().filter(municipality__isnull=False).values("page_id"))
        return Q(pk__in=_locations_in_areas([code]).values("page_id"))
    if taxonomy == TAXONOMY_SCHEDULE:
        flags = [code] if code else list(SCHEDULE_FLAGS)
        condition = Q()
        for flag in flags:
            condition |= Q(**{SCHEDULE_FLAGS[flag]: True})
        return Q(pk__in=ServiceSchedule.objects.filter(condition).values("page_id"))
    return Q(pk__in=[])


def _locations_in_areas(codes):
    """Public locations in any of these areas (any level of the tree)."""
    condition = Q()
    for code in codes:
        area = AreaTree.by_code(code)
        if area is None:
            continue
        ids = AreaTree.descendant_ids(area)
        field = "community_id" if area.level == AreaLevel.COMMUNITY else "municipality_id"
        condition |= Q(**{f"{field}__in": ids})
    if not condition:
        return ServiceLocation.objects.none()
    return ServiceLocation.objects.filter(condition, confidential=False)


# --- services ---------------------------------------------------------------------------


def _hidden_organisation_paths():
    return list(OrganisationPage.objects.filter(live=False).values_list("path", flat=True)[:1000])


class ServiceRecords:
    """The services an `ApiQuery` asks for, ordered (by name, or by distance with `near`)."""

    def __init__(self, query):
        self.query = query

    def base(self):
        """Live services (records of their own, see `records`) of live organisations."""
        queryset = records(ServicePage)
        hidden = cached("hsds-api-hidden-organisations", default_locale(), _hidden_organisation_paths)
        for path in hidden:  # usually none: an unpublished organisation's services are unpublished too
            queryset = queryset.exclude(path__startswith=path)
        return queryset

    def queryset(self):
        q = self.query
        queryset = self.base()
        if q.search:
            queryset = queryset.filter(self.matching_text(q.search, q.language, ("service",)))
        if q.taxonomy_term_id:
            found = TermIndex.get(q.taxonomy_term_id)
            queryset = queryset.filter(_services_with_term(*found)) if found else queryset.none()
        if q.taxonomy_id:
            name = taxonomy_name(q.taxonomy_id)
            queryset = queryset.filter(_services_with_term(name)) if name else queryset.none()
        if q.organization_id:
            organisation = live_organisations().filter(hsds_id=q.organization_id).first()
            queryset = queryset.child_of(organisation) if organisation else queryset.none()
        if q.modified_after:
            queryset = queryset.filter(last_published_at__gte=q.modified_after)
        queryset = self.search_filters(queryset)
        if q.near:
            lat, lon = q.near
            queryset = queryset.filter(pk__in=points_within(lat, lon, q.radius_km).values("page_id"))
            distance = RawSQL(NEAREST_SQL, (lat, lon), output_field=FloatField())  # noqa: S611 - constant SQL
            return queryset.annotate(distance=distance).order_by("distance", SORT_TITLE, "pk")
        return queryset.order_by(SORT_TITLE, "pk")

    def search_filters(self, queryset):
        """Our search's filters, through the listing's own query class."""
        f = self.query.filters
        if f is None:
            return queryset
        query = ServiceQuery(default_locale(), queryset)
        query = query.categories(f.categories).target_groups(f.groups).languages(f.languages)
        query = query.accessibility(f.accessibility)
        if f.free:
            query = query.free_of_charge()
        if f.open_now:
            query = query.open_now(f.now)
        queryset = query.queryset
        if f.areas:
            queryset = queryset.filter(pk__in=_locations_in_areas(f.areas).values("page_id"))
        return queryset

    @staticmethod
    def matching_text(text, language, types):
        """Q: pages matching `text` in the search index, or whose translation does."""
        from search.service import SearchService

        matching = SearchService().matching_page_ids(text, language, types=types)
        if matching is None:
            return Q()
        # A matching page's own translation key is among these, so this one condition
        # is `pk IN matching OR translation_key IN translated` with the (costly) text
        # match run once instead of twice.
        translated = Page.objects.filter(pk__in=matching).values("translation_key")
        return Q(translation_key__in=translated)


class LocationRecords:
    """Public service_at_locations of the services a query asks for."""

    def __init__(self, query):
        self.query = query

    def queryset(self):
        q = self.query
        services = ServiceRecords(q)
        pages = services.queryset().order_by().values("pk")
        queryset = ServiceLocation.objects.filter(confidential=False, page__in=pages)
        if q.postcode:
            queryset = self.by_postcode(queryset, q.postcode, q.proximity)
        if q.near:
            lat, lon = q.near
            queryset = queryset.filter(pk__in=points_within(lat, lon, q.radius_km).values("pk"))
            distance = RawSQL(DISTANCE_SQL, (lat, lon), output_field=FloatField())  # noqa: S611 - constant SQL
            return queryset.annotate(distance=distance).order_by("distance", "page__title", "pk")
        return queryset.order_by("page__title", "sort_order", "pk")

    @staticmethod
    def by_postcode(queryset, postcode, proximity):
        """The postcode's locations; with `proximity`, those within that many metres of the
        postcode's centre (the mean point of our public locations there: we keep no
        postcode map)."""
        compact = postcode.replace(" ", "")
        spellings = {postcode, compact, f"{compact[:3]} {compact[3:]}"}  # Greek codes: "50100", "501 00"
        if proximity is None:
            return queryset.filter(postal_code__in=spellings)
        same = public_points().filter(postal_code__in=spellings)
        points = list(same.values_list("latitude", "longitude"))
        if not points:
            return queryset.none()
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        return queryset.filter(pk__in=points_within(lat, lon, proximity / 1000).values("pk"))


class OrganisationRecords:
    def __init__(self, query):
        self.query = query

    def queryset(self):
        q = self.query
        queryset = live_organisations()
        if q.search:
            queryset = queryset.filter(ServiceRecords.matching_text(q.search, q.language, ("organisation",)))
        return queryset.select_related("parent_organisation").order_by(SORT_TITLE, "pk")


def service_pages_of(organisations):
    """{organisation path: [its live services]} for a list of organisations."""
    paths = [org.path for org in organisations]
    found = {}
    if not paths:
        return found
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path, depth=len(path) // Page.steplen + 1)
    for page in ServicePage.objects.live().filter(condition).order_by("path"):
        found.setdefault(page.path[: -Page.steplen], []).append(page)
    return found
