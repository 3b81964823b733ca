"""The document builder: one plain search document per published page, in its locale.

Both backends index exactly what this module builds, so "what is searchable" is
decided once. A document carries:

* text in three weights: A (title, alternate name), B (categories, target groups,
  places), C (description and the rest), each also as Greeklish keys (search/text.py);
* filter/facet keys: "type:service", "category:food" (and its parent sector),
  "group:…", "language:…", "access:…", "condition:free", "area:m-67" (and the regional
  unit and region above it);
* public map points and the opening hours (for "open now" on Elasticsearch);
* what a result shows: title, URL, summary, organisation, places.

A confidential location (a shelter) contributes only its municipality/community, as
the directory's own area filter does: never its address, name, city or map point.

Builders are registered per page model (`register`), which is the hook for the
consultation, campaign and standard pages to come: write a builder, register it,
and publishing, the signals and `rebuild_search_index` pick it up.
"""

import datetime
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import strip_tags

from wagtail.models import Locale, Page

from search import text as search_text

SUMMARY_LENGTH = 600


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


@dataclass
class Document:
    """One page, flattened for search. Plain data: no ORM objects inside."""

    page_id: int
    locale: str
    translation_key: str
    doc_type: str
    title: str
    url: str
    hsds_id: str | None = None
    summary: str = ""
    organisation: str = ""
    place_names: list = field(default_factory=list)
    status: str = ""
    text_a: str = ""
    text_b: str = ""
    text_c: str = ""
    keys: list = field(default_factory=list)
    points: list = field(default_factory=list)
    schedules: list = field(default_factory=list)
    #: Languages in which this document is shown (itself, or a Greek page where no
    #: translation is indexed). Filled in by the indexer, which sees the siblings.
    visible_in: list = field(default_factory=list)

    def weighted_text(self):
        """(weight, folded content text, Greeklish keys) for A, B and C."""
        return [
            (weight, search_text.content_text(value), search_text.document_keys(value))
            for weight, value in (("A", self.text_a), ("B", self.text_b), ("C", self.text_c))
        ]

    def all_keys(self):
        return sorted({*self.keys, *(f"in:{code}" for code in self.visible_in)})


class BuildContext:
    """Reference data loaded once per batch: taxonomy terms and areas by id, with
    their names in every language, so building a document costs no extra queries."""

    def __init__(self):
        from directory.models import (
            AccessCondition,
            AccessibilityFeature,
            AdministrativeArea,
            Language,
            ServiceCategory,
            TargetGroup,
        )

        self.default_language = Locale.get_default().language_code
        self.terms = {}
        self.names = {}
        for model in (ServiceCategory, TargetGroup, AccessCondition, AccessibilityFeature, Language):
            rows = model.objects.values_list("pk", "code", "name", "locale__language_code")
            self.terms[model] = {pk: code for pk, code, _name, _lang in rows}
            self.names[model] = {(code, lang): name for _pk, code, name, lang in rows}
        children = ServiceCategory.objects.filter(parent__isnull=False)
        self.category_parent = dict(children.values_list("code", "parent__code"))
        self.areas = {}
        self.area_names = defaultdict(list)
        for area in AdministrativeArea.objects.values(
            "pk", "code", "level", "parent_id", "name", "short_name", "alternative_names", "locale__language_code"
        ):
            self.areas[area["pk"]] = area
            names = [area["short_name"] or area["name"], area["name"], *area["alternative_names"].splitlines()]
            self.area_names[(area["code"], area["locale__language_code"])] = [n.strip() for n in names if n.strip()]

    def term_name(self, model, code, language):
        names = self.names[model]
        return names.get((code, language)) or names.get((code, self.default_language)) or code

    def area_chain(self, area_id):
        """The area and its ancestors (codes), nearest first."""
        chain, node = [], self.areas.get(area_id)
        while node is not None:
            chain.append(node)
            node = self.areas.get(node["parent_id"])
        return chain

    def area_display_name(self, code, language):
        names = self.area_names.get((code, language)) or self.area_names.get((code, self.default_language))
        return names[0] if names else code

    def area_all_names(self, code, language):
        return list(dict.fromkeys([*self.area_names.get((code, language), [])]))


#: BuildContext reused across changes for this long (seconds): publishing a page
#: should not reload every area and term. Saving a term or an area drops it at once
#: in this process (search/signals.py); other processes catch up within the TTL.
CONTEXT_TTL_SECONDS = 60
_shared_context = {"context": None, "built": 0.0}


def shared_context():
    """A recent BuildContext (see CONTEXT_TTL_SECONDS)."""
    now = time.monotonic()
    if _shared_context["context"] is None or now - _shared_context["built"] > CONTEXT_TTL_SECONDS:
        _shared_context["context"] = BuildContext()
        _shared_context["built"] = now
    return _shared_context["context"]


def forget_reference_data():
    _shared_context["context"] = None


class DocumentBuilder:
    """Base builder: subclasses say which pages they index and what text they hold."""

    doc_type = "page"
    model = Page

    def queryset(self):
        """Live pages of this builder's model, with what `build` reads prefetched."""
        return self.model.objects.live().select_related("locale")

    def build(self, page, context):
        raise NotImplementedError

    def build_many(self, pages, context):
        """Documents for a batch of pages; builders override it to preload per batch."""
        return [self.build(page, context) for page in pages]

    @staticmethod
    def parent_titles(pages):
        """{page id: parent page title} for a batch, in one query."""
        steplen = Page.steplen
        parents = dict(Page.objects.filter(path__in={p.path[:-steplen] for p in pages}).values_list("path", "title"))
        return {p.pk: parents.get(p.path[:-steplen], "") for p in pages}

    # Helpers shared by the builders -------------------------------------------------

    def base(self, page, context, **fields):
        return Document(
            page_id=page.pk,
            locale=page.locale.language_code,
            translation_key=str(page.translation_key),
            doc_type=self.doc_type,
            title=page.title,
            url=page.get_url() or page.url_path,
            **fields,
        )

    @staticmethod
    def area_keys_and_names(area_ids, context, language):
        keys, names = set(), []
        for area_id in area_ids:
            for node in context.area_chain(area_id):
                keys.add(f"area:{node['code']}")
                names.extend(context.area_all_names(node["code"], language))
        return keys, list(dict.fromkeys(names))

    @staticmethod
    def join(*parts):
        return "\n".join(p for p in parts if p)


class ServiceDocumentBuilder(DocumentBuilder):
    doc_type = "service"

    @property
    def model(self):
        from directory.models import ServicePage

        return ServicePage

    def queryset(self):
        return (
            super()
            .queryset()
            .prefetch_related(
                "categories",
                "target_groups",
                "access_conditions",
                "languages",
                "accessibility",
                "locations",
                "schedules",
            )
        )

    def build_many(self, pages, context):
        titles = self.parent_titles(pages)
        return [self.build(page, context, organisation_title=titles[page.pk]) for page in pages]

    def build(self, page, context, organisation_title=None):
        from directory.models import AccessCondition, AccessibilityFeature, Language, ServiceCategory, TargetGroup

        language = page.locale.language_code
        keys = {"type:service"}
        names_b, names_c = [], []
        for term in page.categories.all():
            codes = [term.code]
            if term.code in context.category_parent:
                codes.append(context.category_parent[term.code])
            for code in codes:
                keys.add(f"category:{code}")
                names_b.append(context.term_name(ServiceCategory, code, language))
        for model, relation, prefix, bucket in (
            (TargetGroup, page.target_groups, "group", names_b),
            (Language, page.languages, "language", names_c),
            (AccessibilityFeature, page.accessibility, "access", names_c),
            (AccessCondition, page.access_conditions, "condition", names_c),
        ):
            for term in relation.all():
                keys.add(f"{prefix}:{term.code}")
                bucket.append(context.term_name(model, term.code, language))

        area_ids, public_area_ids, points, place_text = [], [], [], []
        for location in page.locations.all():
            ids = [i for i in (location.community_id, location.municipality_id) if i]
            area_ids.extend(ids)
            if location.confidential:
                continue
            public_area_ids.extend(ids)
            place_text.extend([location.name, location.city])
            if location.latitude is not None and location.longitude is not None:
                points.append((location.latitude, location.longitude))
        area_keys, area_names = self.area_keys_and_names(area_ids, context, language)
        keys |= area_keys
        place_names = list(
            dict.fromkeys(
                context.area_display_name(context.areas[i]["code"], language)
                for i in public_area_ids
                if i in context.areas and context.areas[i]["level"] == "municipality"
            )
        )
        if organisation_title is None:
            parent = page.get_parent()
            organisation_title = parent.title if parent else ""
        return self.base(
            page,
            context,
            hsds_id=str(page.hsds_id),
            summary=page.description[:SUMMARY_LENGTH],
            organisation=organisation_title,
            place_names=place_names,
            status=page.status,
            text_a=self.join(page.title, page.alternate_name),
            text_b=self.join(*names_b, *area_names),
            text_c=self.join(
                page.description,
                page.eligibility_description,
                page.application_process,
                page.fees_description,
                page.interpretation_services,
                organisation_title,
                *names_c,
                *place_text,
            ),
            keys=sorted(keys),
            points=points,
            schedules=[
                ScheduleRow(
                    weekdays=tuple(row.weekdays or ()),
                    opens_at=row.opens_at,
                    closes_at=row.closes_at,
                    closes_next_day=row.closes_next_day,
                    valid_from=row.valid_from,
                    valid_to=row.valid_to,
                    closed=row.closed,
                    description=row.description,
                )
                for row in page.schedules.all()
            ],
        )


class OrganisationDocumentBuilder(DocumentBuilder):
    """An organisation is found by its name and, through its services, by need and place."""

    doc_type = "organisation"

    @property
    def model(self):
        from directory.models import OrganisationPage

        return OrganisationPage

    def build_many(self, pages, context):
        import functools
        import operator

        from django.db.models import Q

        from directory.models import ServicePage

        if not pages:
            return []
        steplen = Page.steplen
        services = defaultdict(list)
        within = functools.reduce(operator.or_, (Q(path__startswith=p.path, depth=p.depth + 1) for p in pages))
        for service in ServicePage.objects.live().filter(within).prefetch_related("categories", "locations"):
            services[service.path[:-steplen]].append(service)
        return [self.build(page, context, services=services.get(page.path, [])) for page in pages]

    def build(self, page, context, services=None):
        from directory.models import ServiceCategory, ServicePage

        language = page.locale.language_code
        if services is None:
            services = list(ServicePage.objects.live().child_of(page).prefetch_related("categories", "locations"))
        keys, names_b, area_ids = {"type:organisation"}, [], []
        for service in services:
            for term in service.categories.all():
                for code in filter(None, (term.code, context.category_parent.get(term.code))):
                    keys.add(f"category:{code}")
                    names_b.append(context.term_name(ServiceCategory, code, language))
            area_ids.extend(
                loc.municipality_id for loc in service.locations.all() if loc.municipality_id and not loc.confidential
            )
        area_keys, area_names = self.area_keys_and_names(set(area_ids), context, language)
        place_names = list(
            dict.fromkeys(
                context.area_display_name(context.areas[i]["code"], language) for i in area_ids if i in context.areas
            )
        )
        return self.base(
            page,
            context,
            hsds_id=str(page.hsds_id),
            summary=page.description[:SUMMARY_LENGTH],
            place_names=place_names,
            text_a=self.join(page.title, page.alternate_name),
            text_b=self.join(*dict.fromkeys(names_b), *dict.fromkeys(area_names)),
            text_c=page.description,
            keys=sorted(keys | area_keys),
        )


class GoodPracticeDocumentBuilder(DocumentBuilder):
    doc_type = "good_practice"

    @property
    def model(self):
        from directory.models import GoodPracticePage

        return GoodPracticePage

    def queryset(self):
        return super().queryset().prefetch_related("target_groups", "tagged_items__tag")

    def build_many(self, pages, context):
        titles = self.parent_titles(pages)
        return [self.build(page, context, organisation_title=titles[page.pk]) for page in pages]

    def build(self, page, context, organisation_title=None):
        from directory.models import TargetGroup

        language = page.locale.language_code
        keys, names_b = {"type:good_practice"}, []
        for term in page.target_groups.all():
            keys.add(f"group:{term.code}")
            names_b.append(context.term_name(TargetGroup, term.code, language))
        themes = [item.tag.name for item in page.tagged_items.all()]
        area_keys, area_names = self.area_keys_and_names([page.area_id] if page.area_id else [], context, language)
        if organisation_title is None:
            parent = page.get_parent()
            organisation_title = parent.title if parent else ""
        place_names = [context.area_display_name(context.areas[page.area_id]["code"], language)] if page.area_id else []
        return self.base(
            page,
            context,
            summary=page.summary[:SUMMARY_LENGTH],
            organisation=organisation_title,
            place_names=place_names,
            text_a=page.title,
            text_b=self.join(*names_b, *themes, *area_names),
            text_c=self.join(page.summary, strip_tags(page.description), strip_tags(page.results), organisation_title),
            keys=sorted(keys | area_keys),
        )


#: Page model label → builder. `register` adds more (consultations, campaigns…).
_BUILDERS: dict[str, DocumentBuilder] = {}


def register(model_label, builder):
    """Make pages of `model_label` ("app.Model") searchable through `builder`."""
    _BUILDERS[model_label.lower()] = builder


def builders():
    return list(_BUILDERS.values())


def builder_for(page):
    """The builder of a page (any Page instance, specific or not), or None."""
    return _BUILDERS.get(f"{page.specific_class._meta.app_label}.{page.specific_class._meta.model_name}")


def content_languages():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


register("directory.ServicePage", ServiceDocumentBuilder())
register("directory.OrganisationPage", OrganisationDocumentBuilder())
register("directory.GoodPracticePage", GoodPracticeDocumentBuilder())
