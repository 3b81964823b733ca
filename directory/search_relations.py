"""What the directory's document builders read besides a page's own fields: its
taxonomy terms, locations, hours, themes and (for an organisation) its services.

The two ways of search/relations.py, extended: `DirectoryPageRelations` through the
page object (a page being published, with the children it holds in memory),
`DirectoryBatchRelations` for a batch with one plain query per relation (a rebuild
of 50,000 pages). Both hand the builders the same plain shapes.
"""

import dataclasses
import functools
import operator
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from wagtail.models import Page

from directory.models import ServiceLocation, ServicePage
from search.relations import BatchRelations, PageRelations, ScheduleRow

#: Many-to-many fields to taxonomy terms that builders read, per page model.
TERM_FIELDS = ("categories", "target_groups", "access_conditions", "languages", "accessibility")


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


class DirectoryPageRelations(PageRelations):
    """The directory's relations of one page, read through the page object."""

    def term_codes(self, page, field):
        return [term.code for term in getattr(page, field).all()]

    def locations(self, page):
        return [location_row(row) for row in page.locations.all()]

    def schedules(self, page):
        return [schedule_row(row) for row in page.schedules.all()]

    def themes(self, page):
        return [item.tag.name for item in page.tagged_items.all()]

    def child_services(self, page):
        """(category codes, public municipality ids) of an organisation's live services."""
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
        return list(ServicePage.objects.live().child_of(page).values_list("title", flat=True))


@dataclass
class _ChildServices:
    codes: list
    areas: list
    titles: list = dataclasses.field(default_factory=list)


class DirectoryBatchRelations(BatchRelations):
    """The same relations for a batch of pages of one model, one query per relation."""

    def __init__(self, model, pages, context):
        super().__init__(model, pages, context)
        self.terms = context.reference("directory").terms
        self._codes = {}
        field_names = {f.name for f in model._meta.get_fields()}
        for field in TERM_FIELDS:
            if field in field_names:
                self._codes[field] = self._load_codes(field)
        self._locations = self._load_rows("locations", location_row) if "locations" in field_names else {}
        self._schedules = self._load_rows("schedules", schedule_row) if "schedules" in field_names else {}
        self._themes = defaultdict(list)
        if "tagged_items" in field_names:
            for page_id, name in model.tagged_items.rel.related_model.objects.filter(
                content_object_id__in=self.ids
            ).values_list("content_object_id", "tag__name"):
                self._themes[page_id].append(name)
        self._children = None

    def _load_codes(self, field):
        m2m = self.model._meta.get_field(field)
        through = m2m.remote_field.through
        source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        terms = self.terms[m2m.related_model]
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
        terms = self.terms[m2m.related_model]
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
