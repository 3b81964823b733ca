"""What a document builder reads besides the page's own fields, two ways.

`PageRelations` reads one page's categories, groups, locations and hours through the
page object itself, so a page being published is indexed with the children it holds
in memory (modelcluster commits them to the database only after the page's save).

`BatchRelations` reads the same for a whole batch with one plain query per relation
(ids and values, no ORM objects, no per-page querysets): what makes a rebuild of
50,000 pages fast. Both hand the builders the same plain shapes, so there is one
builder and the contract tests cover both paths (single pages through publishing,
batches through rebuilds). `PageUrls` likewise computes page URLs for a batch
without one `reverse()` per page, and is checked against Page.get_url().
"""

import dataclasses
import datetime
import functools
import operator
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import translation

from wagtail.models import Page, Site


@dataclass(frozen=True)
class ScheduleRow:
    """Opening hours in the shape directory.hours expects (attribute for attribute)."""

    weekdays: tuple
    opens_at: datetime.time | None
    closes_at: datetime.time | None
    closes_next_day: bool
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    closed: bool
    description: str = ""


@dataclass(frozen=True)
class LocationRow:
    """What search may know of a location (a confidential one gives only its areas)."""

    municipality_id: int | None
    community_id: int | None
    confidential: bool
    name: str
    city: str
    latitude: float | None
    longitude: float | None


#: Many-to-many fields to taxonomy terms that builders read, per page model.
TERM_FIELDS = ("categories", "target_groups", "access_conditions", "languages", "accessibility")


def schedule_row(row):
    return ScheduleRow(
        weekdays=tuple(row.weekdays or ()),
        opens_at=row.opens_at,
        closes_at=row.closes_at,
        closes_next_day=row.closes_next_day,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        closed=row.closed,
        description=row.description,
    )


def location_row(row):
    return LocationRow(
        municipality_id=row.municipality_id,
        community_id=row.community_id,
        confidential=row.confidential,
        name=row.name,
        city=row.city,
        latitude=row.latitude,
        longitude=row.longitude,
    )


class PageRelations:
    """Relations of pages read through the page objects (single pages, signals)."""

    def term_codes(self, page, field):
        return [term.code for term in getattr(page, field).all()]

    def locations(self, page):
        return [location_row(row) for row in page.locations.all()]

    def schedules(self, page):
        return [schedule_row(row) for row in page.schedules.all()]

    def themes(self, page):
        return [item.tag.name for item in page.tagged_items.all()]

    def parent_title(self, page):
        parent = page.get_parent()
        return parent.title if parent else ""

    def child_services(self, page):
        """(category codes, public municipality ids) of an organisation's live services."""
        from directory.models import ServicePage

        services = ServicePage.objects.live().child_of(page).prefetch_related("categories", "locations")
        codes, areas = [], []
        for service in services:
            codes += [term.code for term in service.categories.all()]
            areas += [
                loc.municipality_id for loc in service.locations.all() if loc.municipality_id and not loc.confidential
            ]
        return codes, areas

    def child_service_titles(self, page):
        """Titles of an organisation's live services."""
        from directory.models import ServicePage

        return list(ServicePage.objects.live().child_of(page).values_list("title", flat=True))

    def url(self, page):
        return page.get_url() or page.url_path


@dataclass
class _ChildServices:
    codes: list
    areas: list
    titles: list = dataclasses.field(default_factory=list)


class BatchRelations(PageRelations):
    """The same relations for a batch of pages of one model, one query per relation."""

    def __init__(self, model, pages, context):
        self.model = model
        self.ids = [page.pk for page in pages]
        self.context = context
        self._codes = {}
        self._urls = PageUrls()
        field_names = {f.name for f in model._meta.get_fields()}
        for field in TERM_FIELDS:
            if field in field_names:
                self._codes[field] = self._load_codes(field)
        self._locations = self._load_rows("locations", location_row) if "locations" in field_names else {}
        self._schedules = self._load_rows("schedules", schedule_row) if "schedules" in field_names else {}
        steplen = Page.steplen
        parents = {p.path[:-steplen] for p in pages}
        self._parents = dict(Page.objects.filter(path__in=parents).values_list("path", "title"))
        self._themes = defaultdict(list)
        if "tagged_items" in field_names:
            for page_id, name in model.tagged_items.rel.related_model.objects.filter(
                content_object_id__in=self.ids
            ).values_list("content_object_id", "tag__name"):
                self._themes[page_id].append(name)
        self._children = None
        self._pages = pages

    def _load_codes(self, field):
        m2m = self.model._meta.get_field(field)
        through = m2m.remote_field.through
        source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        terms = self.context.terms[m2m.related_model]
        codes = defaultdict(list)
        for page_id, term_id in through.objects.filter(**{f"{source}_id__in": self.ids}).values_list(
            f"{source}_id", f"{target}_id"
        ):
            if term_id in terms:
                codes[page_id].append(terms[term_id])
        return codes

    def _load_rows(self, relation, convert):
        related = self.model._meta.get_field(relation).related_model
        rows = defaultdict(list)
        for row in related.objects.filter(page_id__in=self.ids).order_by("sort_order", "pk"):
            rows[row.page_id].append(convert(row))
        return rows

    def term_codes(self, page, field):
        return self._codes.get(field, {}).get(page.pk, [])

    def locations(self, page):
        return self._locations.get(page.pk, [])

    def schedules(self, page):
        return self._schedules.get(page.pk, [])

    def themes(self, page):
        return self._themes.get(page.pk, [])

    def parent_title(self, page):
        return self._parents.get(page.path[: -Page.steplen], "")

    def child_services(self, page):
        if self._children is None:
            self._children = self._load_children()
        found = self._children.get(page.path)
        return (found.codes, found.areas) if found else ([], [])

    def child_service_titles(self, page):
        if self._children is None:
            self._children = self._load_children()
        found = self._children.get(page.path)
        return found.titles if found else []

    def _load_children(self):
        """Categories and public municipalities of the live services of every page in the batch."""
        from directory.models import ServiceLocation, ServicePage

        if not self._pages:
            return {}
        steplen = Page.steplen
        within = functools.reduce(operator.or_, (Q(path__startswith=p.path, depth=p.depth + 1) for p in self._pages))
        rows = list(ServicePage.objects.live().filter(within).values_list("pk", "path", "title"))
        services = {pk: path for pk, path, _title in rows}
        parent_of = {pk: path[:-steplen] for pk, path in services.items()}
        children = defaultdict(lambda: _ChildServices([], []))
        for pk, _path, title in rows:
            children[parent_of[pk]].titles.append(title)
        m2m = ServicePage._meta.get_field("categories")
        terms = self.context.terms[m2m.related_model]
        source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        for service_id, term_id in m2m.remote_field.through.objects.filter(
            **{f"{source}_id__in": list(services)}
        ).values_list(f"{source}_id", f"{target}_id"):
            if term_id in terms:
                children[parent_of[service_id]].codes.append(terms[term_id])
        for service_id, area_id in ServiceLocation.objects.filter(
            page_id__in=list(services), confidential=False, municipality__isnull=False
        ).values_list("page_id", "municipality_id"):
            children[parent_of[service_id]].areas.append(area_id)
        return children

    def url(self, page):
        return self._urls.url(page)


class PageUrls:
    """Page URLs for a batch: Wagtail's own rules (the site root whose path the page's
    path starts with, the language prefix from i18n_patterns), with `reverse()` called
    once per site root and language instead of once per page."""

    def __init__(self):
        self.roots = sorted(Site.get_site_root_paths(), key=lambda root: -len(root.root_path))
        self._prefixes = {}

    def _prefix(self, language, root):
        key = (language, root.root_path)
        if key not in self._prefixes:
            from django.urls import reverse

            with translation.override(language):
                self._prefixes[key] = reverse("wagtail_serve", args=("x/",))[:-2]
        return self._prefixes[key]

    def url(self, page):
        language = page.locale.language_code
        candidates = [root for root in self.roots if page.url_path.startswith(root.root_path)]
        if not candidates:
            return page.get_url() or page.url_path
        root = next((r for r in candidates if r.language_code == language), candidates[0])
        if len({r.site_id for r in candidates}) > 1:
            return page.get_url() or page.url_path  # several sites: let Wagtail choose
        return self._prefix(language, root) + page.url_path[len(root.root_path) :]
