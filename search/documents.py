"""The document builder: one plain search document per published page, in its locale.

Both backends index exactly what this module builds, so "what is searchable" is
decided once. A document carries:

* text in three weights: A (title, alternate name), B (categories, target groups,
  themes), C (places, description and the rest), each also as Greeklish keys
  (search/text.py). Place names are C, not B, because a place named in a query is
  recognised and ranked by its area (search/query.py); keeping them out of A and B
  keeps the ranking vector small (search.models.SearchDocument.rank_vector);
* filter/facet keys: "type:service", "category:food" (and its parent sector),
  "group:…", "language:…", "access:…", "condition:free", "area:m-67" (and the regional
  unit and region above it);
* public map points and the opening hours (for "open now" on Elasticsearch);
* what a result shows: title, URL, summary, organisation, places.

A confidential location (a shelter) contributes only its municipality/community, as
the directory's own area filter does: never its address, name, city or map point.

Builders are registered per page model (`register`): write a builder, register it,
and publishing, the signals and `rebuild_search_index` pick it up. The apps that own
other page types register theirs from their AppConfig.ready() (consultations/search.py:
consultations and surveys; portal/search.py: standard pages), so each app decides
what of its pages is public enough to be found, and this module stays about the
directory.
"""

import html
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.models import Locale, Page

from search import text as search_text
from search.relations import BatchRelations, PageRelations, ScheduleRow  # noqa: F401 (ScheduleRow re-exported)

SUMMARY_LENGTH = 600
#: A summary made from the start of a longer text (see DocumentBuilder.short_summary).
SHORT_SUMMARY_LENGTH = 300
#: Tags after which rich text starts a new line (see DocumentBuilder.html_text).
_BLOCK_BREAK = re.compile(r"<(?:br|/?(?:p|div|li|ul|ol|h[1-6]|blockquote|pre|tr|td|th))\b[^>]*>", re.IGNORECASE)


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
        weighted = []
        for weight, value in (("A", self.text_a), ("B", self.text_b), ("C", self.text_c)):
            words = search_text.content_words(value)  # folded once, used twice
            weighted.append((weight, " ".join(words), " ".join(filter(None, map(search_text.word_stem, words)))))
        return weighted

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
    """Base builder: subclasses say which pages they index and what text they hold.

    `build(page, context, relations)` reads the page's own fields from the page and
    everything else through `relations` (search/relations.py): the page object for a
    single page, one query per relation for a batch."""

    doc_type = "page"
    model = Page

    def queryset(self):
        """Live pages of this builder's model."""
        return self.model.objects.live().select_related("locale")

    def build(self, page, context, relations=None):
        """The page's Document, or None when the page is not to be found on its own
        (the indexer then removes any document it had)."""
        raise NotImplementedError

    def build_many(self, pages, context):
        """Documents for a batch of pages of this builder's model (pages without one left out)."""
        relations = BatchRelations(self.model, pages, context)
        return [document for page in pages if (document := self.build(page, context, relations)) is not None]

    def status_label(self, status):
        """What a result of this type says about its document's `status`, in the active
        language. Asked at search time, not at indexing time, so that a status that
        depends on the clock (a consultation's deadline) is read when it is shown."""
        return ""

    # Helpers shared by the builders -------------------------------------------------

    def base(self, page, context, relations, **fields):
        return Document(
            page_id=page.pk,
            locale=page.locale.language_code,
            translation_key=str(page.translation_key),
            doc_type=self.doc_type,
            title=page.title,
            url=relations.url(page),
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
    def municipality_names(area_ids, context, language):
        return list(
            dict.fromkeys(
                context.area_display_name(context.areas[i]["code"], language)
                for i in area_ids
                if i in context.areas and context.areas[i]["level"] in ("municipality", "community")
            )
        )

    @staticmethod
    def category_keys_and_names(codes, context, language):
        from directory.models import ServiceCategory

        keys, names = set(), []
        for code in codes:
            for each in filter(None, (code, context.category_parent.get(code))):
                if f"category:{each}" not in keys:
                    keys.add(f"category:{each}")
                    names.append(context.term_name(ServiceCategory, each, language))
        return keys, names

    @staticmethod
    def join(*parts):
        return "\n".join(p for p in parts if p)

    @staticmethod
    def short_summary(text):
        """The first SHORT_SUMMARY_LENGTH characters of `text` on one line, cut on a word:
        what a result shows for a page without a summary of its own."""
        return Truncator(" ".join(text.split())).chars(SHORT_SUMMARY_LENGTH)

    @staticmethod
    def html_text(value):
        """Rich text as plain lines. Block ends become line breaks before the tags go,
        so the last word of a paragraph and the first of the next stay two words, and
        entities are decoded, so a summary does not show "&amp;" (results escape it)."""
        text = html.unescape(strip_tags(_BLOCK_BREAK.sub("\n", value or "")))
        return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


class ServiceDocumentBuilder(DocumentBuilder):
    doc_type = "service"

    @property
    def model(self):
        from directory.models import ServicePage

        return ServicePage

    def status_label(self, status):
        from directory.models import ServiceStatus

        return str(dict(ServiceStatus.choices).get(status, ""))

    def build(self, page, context, relations=None):
        from directory.models import AccessCondition, AccessibilityFeature, Language, TargetGroup

        relations = relations or PageRelations()
        language = page.locale.language_code
        keys, names_b = self.category_keys_and_names(relations.term_codes(page, "categories"), context, language)
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
                bucket.append(context.term_name(model, code, language))

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
        area_keys, area_names = self.area_keys_and_names(area_ids, context, language)
        organisation_title = relations.parent_title(page)
        return self.base(
            page,
            context,
            relations,
            hsds_id=str(page.hsds_id),
            summary=page.description[:SUMMARY_LENGTH],
            organisation=organisation_title,
            place_names=self.municipality_names(public_area_ids, context, language),
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


class OrganisationDocumentBuilder(DocumentBuilder):
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

    @property
    def model(self):
        from directory.models import OrganisationPage

        return OrganisationPage

    def build(self, page, context, relations=None):
        relations = relations or PageRelations()
        titles = relations.child_service_titles(page)
        if len(titles) == 1 and search_text.near_same_names(page.title, titles[0]):
            return None
        language = page.locale.language_code
        codes, area_ids = relations.child_services(page)
        keys, names_b = self.category_keys_and_names(dict.fromkeys(codes), context, language)
        area_ids = list(dict.fromkeys(area_ids))
        area_keys, area_names = self.area_keys_and_names(area_ids, context, language)
        return self.base(
            page,
            context,
            relations,
            hsds_id=str(page.hsds_id),
            summary=page.description[:SUMMARY_LENGTH],
            place_names=self.municipality_names(area_ids, context, language),
            text_a=self.join(page.title, page.alternate_name),
            text_b=self.join(*names_b),
            text_c=self.join(*area_names, page.description),
            keys=sorted({"type:organisation"} | keys | area_keys),
        )


class GoodPracticeDocumentBuilder(DocumentBuilder):
    doc_type = "good_practice"

    @property
    def model(self):
        from directory.models import GoodPracticePage

        return GoodPracticePage

    def build(self, page, context, relations=None):
        from directory.models import TargetGroup

        relations = relations or PageRelations()
        language = page.locale.language_code
        keys, names_b = {"type:good_practice"}, []
        for code in relations.term_codes(page, "target_groups"):
            keys.add(f"group:{code}")
            names_b.append(context.term_name(TargetGroup, code, language))
        area_ids = [page.area_id] if page.area_id else []
        area_keys, area_names = self.area_keys_and_names(area_ids, context, language)
        organisation_title = relations.parent_title(page)
        place_names = [
            context.area_display_name(context.areas[i]["code"], language) for i in area_ids if i in context.areas
        ]
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


#: Page model label → builder. `register` adds more (consultations, campaigns…).
_BUILDERS: dict[str, DocumentBuilder] = {}


def register(model_label, builder):
    """Make pages of `model_label` ("app.Model") searchable through `builder`."""
    _BUILDERS[model_label.lower()] = builder


def builders():
    return list(_BUILDERS.values())


def builder_for_type(doc_type):
    """The builder of documents of `doc_type` ("service", "consultation"…), or None."""
    return next((builder for builder in _BUILDERS.values() if builder.doc_type == doc_type), None)


def builder_for(page):
    """The builder of a page (any Page instance, specific or not), or None."""
    return _BUILDERS.get(f"{page.specific_class._meta.app_label}.{page.specific_class._meta.model_name}")


def content_languages():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


register("directory.ServicePage", ServiceDocumentBuilder())
register("directory.OrganisationPage", OrganisationDocumentBuilder())
register("directory.GoodPracticePage", GoodPracticeDocumentBuilder())
