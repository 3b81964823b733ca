"""How the social map is found through the site search (search/).

search/ knows no app; this module tells it everything about the directory, from
DirectoryConfig.ready() (`register`), as consultations/search.py does for
consultations:

* the documents of services, organisations and good practices (the builders below):
  text in three weights, A (title, alternate name), B (categories, target groups,
  themes), C (places, description and the rest). Place names are C, not B, because a
  place named in a query is recognised and ranked by its area (search/query.py);
  keeping them out of A and B keeps the ranking vector small
  (search.models.SearchDocument.rank_vector). Filter keys: "category:food" (and its
  parent sector), "group:…", "language:…", "access:…", "condition:free", "area:m-67"
  (and the regional unit and region above it);
* the facet filters of those keys, and the names of their values in each language;
* the places a query can name (directory/search_places.py);
* "open now" in SQL for the PostgreSQL backend (directory.queries.OpenAtFilter, the
  SQL form of core.hours), and each service's opening status on the results page;
* the visitor-language address of a Greek-only result (directory.locale_fallback).

A confidential location (a shelter) contributes only its municipality/community, as
the directory's own area filter does: never its address, name, city or map point.
"""

from collections import defaultdict

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from core import cache as core_cache
from core.i18n import localized_names, name_in
from directory import hours
from directory.locale_fallback import localize_result_urls
from directory.models import (
    AccessCondition,
    AccessibilityFeature,
    AdministrativeArea,
    AreaLevel,
    GoodPracticePage,
    Language,
    OrganisationPage,
    ServiceCategory,
    ServicePage,
    ServiceSchedule,
    ServiceStatus,
    TargetGroup,
)
from directory.models.taxonomy import TaxonomyTerm
from directory.queries import OpenAtFilter
from directory.search_places import PlaceFinder
from directory.search_relations import DirectoryBatchRelations, DirectoryPageRelations
from search import documents, registry
from search import text as search_text
from search.documents import SUMMARY_LENGTH, DocumentBuilder

#: URL parameter → document key prefix of the directory's facet filters, in facet order.
FILTERS = {
    "category": "category",
    "group": "group",
    "municipality": "area",
    "language": "language",
    "access": "access",
    "free": "condition",
}
#: Facet labels are cached this long at most (the cache generation drops them sooner).
LABELS_TTL_SECONDS = 15 * 60


class DirectoryReference:
    """The taxonomy terms and areas by id, with their names in every language: loaded
    once per batch of documents (search.documents.BuildContext), so building a
    document costs no extra queries."""

    def __init__(self):
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
        return name_in(self.names[model], code, language, self.default_language) or code

    def area_chain(self, area_id):
        """The area and its ancestors (codes), nearest first."""
        chain, node = [], self.areas.get(area_id)
        while node is not None:
            chain.append(node)
            node = self.areas.get(node["parent_id"])
        return chain

    def area_display_name(self, code, language):
        names = name_in(self.area_names, code, language, self.default_language)
        return names[0] if names else code

    def area_all_names(self, code, language):
        return list(dict.fromkeys([*self.area_names.get((code, language), [])]))


class DirectoryDocumentBuilder(DocumentBuilder):
    """What the directory's builders share: their relations, areas and categories."""

    def page_relations(self):
        return DirectoryPageRelations()

    def batch_relations(self, pages, context):
        return DirectoryBatchRelations(self.model, pages, context)

    @staticmethod
    def area_keys_and_names(area_ids, ref, language):
        keys, names = set(), []
        for area_id in area_ids:
            for node in ref.area_chain(area_id):
                keys.add(f"area:{node['code']}")
                names.extend(ref.area_all_names(node["code"], language))
        return keys, list(dict.fromkeys(names))

    @staticmethod
    def municipality_names(area_ids, ref, language):
        return list(
            dict.fromkeys(
                ref.area_display_name(ref.areas[i]["code"], language)
                for i in area_ids
                if i in ref.areas and ref.areas[i]["level"] in ("municipality", "community")
            )
        )

    @staticmethod
    def category_keys_and_names(codes, ref, language):
        keys, names = set(), []
        for code in codes:
            for each in filter(None, (code, ref.category_parent.get(code))):
                if f"category:{each}" not in keys:
                    keys.add(f"category:{each}")
                    names.append(ref.term_name(ServiceCategory, each, language))
        return keys, names


class ServiceDocumentBuilder(DirectoryDocumentBuilder):
    doc_type = "service"
    model = ServicePage
    label = _("Service")
    label_plural = _("Services")
    order = 10

    def status_label(self, status):
        return str(dict(ServiceStatus.choices).get(status, ""))

    def build(self, page, context, relations=None):
        relations = relations or self.page_relations()
        ref = context.reference("directory")
        language = page.locale.language_code
        keys, names_b = self.category_keys_and_names(relations.term_codes(page, "categories"), ref, language)
        keys.add("type:service")
        names_c = []
        for model, relation, prefix, bucket in (
            (TargetGroup, "target_groups", "group", names_b),
            (Language, "languages", "language", names_c),
            (AccessibilityFeature, "accessibility", "access", names_c),
            (AccessCondition, "access_conditions", "condition", names_c),
        ):
            for code in relations.term_codes(page, relation):
                keys.add(f"{prefix}:{code}")
                bucket.append(ref.term_name(model, code, language))

        area_ids, public_area_ids, points, place_text = [], [], [], []
        for location in relations.locations(page):
            ids = [i for i in (location.community_id, location.municipality_id) if i]
            area_ids.extend(ids)
            if location.confidential:
                continue
            public_area_ids.extend(ids)
            place_text.extend([location.name, location.city])
            if location.latitude is not None and location.longitude is not None:
                points.append((location.latitude, location.longitude))
        area_keys, area_names = self.area_keys_and_names(area_ids, ref, language)
        organisation_title = relations.parent_title(page)
        return self.base(
            page,
            context,
            relations,
            hsds_id=str(page.hsds_id),
            summary=page.description[:SUMMARY_LENGTH],
            organisation=organisation_title,
            place_names=self.municipality_names(public_area_ids, ref, language),
            status=page.status,
            text_a=self.join(page.title, page.alternate_name),
            text_b=self.join(*names_b),
            text_c=self.join(
                *area_names,
                page.description,
                page.eligibility_description,
                page.application_process,
                page.fees_description,
                page.interpretation_services,
                organisation_title,
                *names_c,
                *place_text,
            ),
            keys=sorted(keys | area_keys),
            points=points,
            schedules=relations.schedules(page),
        )


class OrganisationDocumentBuilder(DirectoryDocumentBuilder):
    """An organisation is found by its name and, through its services, by need and place.

    An organisation with exactly one service of the same or nearly the same name
    ("Κέντρο Νομικής Αρωγής «Δικαίωμα»" running "Κέντρο Νομικής Αρωγής") gets no
    document of its own: it would come up as a second, near-identical result beside its
    service, whose document already carries the organisation's name (text and result
    card) and links to it. Merging at index time, rather than ranking it down, keeps
    totals and facet counts honest on both backends. A second service, or a rename,
    re-indexes the organisation (the indexer follows children), and it is back.
    """

    doc_type = "organisation"
    model = OrganisationPage
    label = _("Organisation")
    label_plural = _("Organisations")
    order = 20

    def build(self, page, context, relations=None):
        relations = relations or self.page_relations()
        ref = context.reference("directory")
        titles = relations.child_service_titles(page)
        if len(titles) == 1 and search_text.near_same_names(page.title, titles[0]):
            return None
        language = page.locale.language_code
        codes, area_ids = relations.child_services(page)
        keys, names_b = self.category_keys_and_names(dict.fromkeys(codes), ref, language)
        area_ids = list(dict.fromkeys(area_ids))
        area_keys, area_names = self.area_keys_and_names(area_ids, ref, language)
        return self.base(
            page,
            context,
            relations,
            hsds_id=str(page.hsds_id),
            summary=page.description[:SUMMARY_LENGTH],
            place_names=self.municipality_names(area_ids, ref, language),
            text_a=self.join(page.title, page.alternate_name),
            text_b=self.join(*names_b),
            text_c=self.join(*area_names, page.description),
            keys=sorted({"type:organisation"} | keys | area_keys),
        )


class GoodPracticeDocumentBuilder(DirectoryDocumentBuilder):
    doc_type = "good_practice"
    model = GoodPracticePage
    label = _("Good practice")
    label_plural = _("Good practices")
    order = 30

    def build(self, page, context, relations=None):
        relations = relations or self.page_relations()
        ref = context.reference("directory")
        language = page.locale.language_code
        keys, names_b = {"type:good_practice"}, []
        for code in relations.term_codes(page, "target_groups"):
            keys.add(f"group:{code}")
            names_b.append(ref.term_name(TargetGroup, code, language))
        area_ids = [page.area_id] if page.area_id else []
        area_keys, area_names = self.area_keys_and_names(area_ids, ref, language)
        organisation_title = relations.parent_title(page)
        place_names = [ref.area_display_name(ref.areas[i]["code"], language) for i in area_ids if i in ref.areas]
        return self.base(
            page,
            context,
            relations,
            summary=page.summary[:SUMMARY_LENGTH],
            organisation=organisation_title,
            place_names=place_names,
            text_a=page.title,
            text_b=self.join(*names_b, *relations.themes(page)),
            text_c=self.join(
                *area_names,
                page.summary,
                self.html_text(page.description),
                self.html_text(page.results),
                organisation_title,
            ),
            keys=sorted(keys | area_keys),
        )


# -- facet labels ------------------------------------------------------------------------


def _build_labels(language):
    parents = dict(
        ServiceCategory.objects.filter(parent__isnull=False, locale=Locale.get_default()).values_list(
            "code", "parent__code"
        )
    )
    with translation.override(language):
        free = {"free": str(_("Free of charge"))}
    return {
        "free": free,
        "category": {
            **localized_names(ServiceCategory, language, parent__isnull=True),
            **localized_names(ServiceCategory, language, parent__isnull=False),
        },
        "category_parent": parents,
        "group": localized_names(TargetGroup, language),
        "language": localized_names(Language, language),
        "access": localized_names(AccessibilityFeature, language),
        "municipality": localized_names(
            AdministrativeArea, language, level__in=(AreaLevel.MUNICIPALITY, AreaLevel.COMMUNITY)
        ),
        "area": localized_names(AdministrativeArea, language),
    }


def term_labels(language):
    """{facet: {code: name}} of the taxonomies and areas in `language`, cached per
    language until the directory's next change (a few hundred rows)."""
    key = f"search:labels:{core_cache.generation()}:{language}"
    labels = cache.get(key)
    if labels is None:
        labels = _build_labels(language)
        cache.set(key, labels, LABELS_TTL_SECONDS)
    return labels


# -- results ---------------------------------------------------------------------------


def add_opening(results, language=None):
    """Each service result's opening status now ("open until 17:00"), which the index
    cannot hold: it changes by the minute."""
    ids = [hit.page_id for hit in results if hit.type == "service"]
    if not ids:
        return
    rows = {}
    for schedule in ServiceSchedule.objects.filter(page_id__in=ids):
        rows.setdefault(schedule.page_id, []).append(schedule)
    now = timezone.now()
    for hit in results:
        if hit.type == "service":
            hit.opening = hours.opening_status(rows.get(hit.page_id, []), now)


def open_at(here, among=None):
    return OpenAtFilter(here, among=among).q()


def reference_data_changed(sender, **kwargs):
    """Term and area names are copied into documents: drop the cached reference data
    (a renamed term reaches existing documents with the next `rebuild_search_index`)."""
    if issubclass(sender, (TaxonomyTerm, AdministrativeArea)):
        documents.forget_reference_data()


def register():
    """Called from DirectoryConfig.ready()."""
    documents.register_reference("directory", DirectoryReference)
    documents.register("directory.ServicePage", ServiceDocumentBuilder())
    documents.register("directory.OrganisationPage", OrganisationDocumentBuilder())
    documents.register("directory.GoodPracticePage", GoodPracticeDocumentBuilder())
    for param, prefix in FILTERS.items():
        registry.register_filter(param, prefix)
    registry.register_labels(term_labels)
    registry.register_places(PlaceFinder)
    registry.register_open_at(open_at)
    registry.register_results_hook(add_opening)
    registry.register_url_localizer(localize_result_urls)
    post_save.connect(reference_data_changed, dispatch_uid="directory.search.reference_saved")
    post_delete.connect(reference_data_changed, dispatch_uid="directory.search.reference_deleted")
