"""HSDS objects for the API, built by the exporter's own per-object functions.

The exporter (`directory.hsds.exporter.HsdsExporter`) is the one place that turns our
models into HSDS and redacts what must not leave the site (confidential locations,
who verified a listing, personal e-mails): the API calls it for every object, so no
endpoint can forget a redaction. What is added here is only what an API needs:

- the "list" shape of the specification (one-to-one fields only), cut from the full
  object so the two never disagree;
- `last_modified` (the last publication);
- another language's words: ids and structure are those of the Greek record, the
  texts those of its live translation when there is one, the taxonomy terms' names
  those of the requested language (else Greek);
- prefetching for a whole page of records at once (the exporter's `prefetch`): a page
  of 50 services is a fixed handful of queries, whatever its size.
"""

from django.db.models import prefetch_related_objects

from wagtail.models import Locale, Page

from directory.cache import cached
from directory.hsds.exporter import HsdsExporter, prefetch, prefetch_organisations
from directory.hsds.mapping import SERVICE_FIELDS, TAXONOMY_AREA, TERM_FIELDS
from directory.models import AdministrativeArea, OrganisationPage, ServicePage

#: Texts a translation replaces: HSDS name → our fields, the last one set winning (as on
#: export: `full_name` over `title` for names longer than a page title).
TEXTS = (
    "name",
    "alternate_name",
    "description",
    "eligibility_description",
    "application_process",
    "fees_description",
    "wait_time",
    "interpretation_services",
    "alert",
)
SERVICE_TEXTS = {hsds: [name for name, key in SERVICE_FIELDS.items() if key == hsds] for hsds in TEXTS}
ORGANISATION_TEXTS = {
    "name": ["title", "full_name"],
    "alternate_name": ["alternate_name"],
    "description": ["description"],
}


def list_shape(obj):
    """The specification's list shape: no array fields; nested objects cut the same way."""
    return {
        key: list_shape(value) if isinstance(value, dict) else value
        for key, value in obj.items()
        if not isinstance(value, list)
    }


def _iso(moment):
    return moment.isoformat() if moment else None


class Serializer:
    """Builds the API's objects in one language."""

    def __init__(self, language):
        self.language = language
        self.default = Locale.get_default()
        self.locale = Locale.objects.filter(language_code=language).first() or self.default
        self.exporter = HsdsExporter(self.default)
        self._organisations = {}
        self._org_translations = {}

    @property
    def translated(self):
        return self.locale.pk != self.default.pk

    # -- services ---------------------------------------------------------------------

    def services(self, pages, *, full):
        """HSDS service objects for a list of ServicePages.

        The list shape (`full=False`) holds no arrays, so none of the pages' inlines
        are loaded for it: the exporter builds the object without its arrays
        (`lists=False`) and the same cut is applied, so the two shapes never disagree.
        """
        if full:
            prefetch(pages)
        organisations = self.organisations_of(pages, lists=full)
        translations = self._translations(ServicePage, pages)
        found = []
        for page in pages:
            organisation = organisations.get(page.path[: -Page.steplen])
            if organisation is None:
                continue
            obj = self.exporter.service(page, organisation, lists=full)
            if page.last_published_at:
                obj["last_modified"] = _iso(page.last_published_at)
            self._translate(obj, translations.get(page.translation_key), SERVICE_TEXTS)
            obj["organization"] = self.organisation_object(organisation, lists=full)
            found.append(obj if full else list_shape(obj))
        return self.localise_terms(found)

    def organisations_of(self, pages, *, lists=True):
        """{path: OrganisationPage} of the pages' organisations, one query for any number;
        with `lists=False` only what their list shape and a service's program read."""
        paths = {page.path[: -Page.steplen] for page in pages} - set(self._organisations)
        if paths:
            rows = OrganisationPage.objects.filter(path__in=paths, live=True)
            rows = prefetch_organisations(rows) if lists else list(rows)
            self._organisations.update({org.path: org for org in rows})
            self._org_translations = self._translations(OrganisationPage, list(self._organisations.values()))
        wanted = [
            self._organisations[path]
            for path in {page.path[: -Page.steplen] for page in pages}
            if path in self._organisations
        ]
        if lists:
            prefetch_organisations(wanted)  # what is already loaded is not loaded again
        else:
            prefetch_related_objects(wanted, "parent_organisation", "programs")
        return self._organisations

    def organisation_object(self, organisation, *, lists=True):
        obj = self.exporter.organisation(organisation, lists=lists)
        self._translate(
            obj, getattr(self, "_org_translations", {}).get(organisation.translation_key), ORGANISATION_TEXTS
        )
        return obj

    # -- organisations ----------------------------------------------------------------

    def organisations(self, organisations, *, services=None, full_service=False):
        """Organisation objects; with `services` ({path: [pages]}) each lists its services."""
        organisations = list(organisations)
        if services is None:  # the list shape: no arrays, so none of their inlines
            prefetch_related_objects(organisations, "parent_organisation")
        else:
            prefetch_organisations(organisations)
        for organisation in organisations:
            self._organisations[organisation.path] = organisation
        self._org_translations = self._translations(OrganisationPage, organisations)
        found = []
        for organisation in organisations:
            obj = self.organisation_object(organisation, lists=services is not None)
            if services is None:
                found.append(list_shape(obj))
                continue
            pages = services.get(organisation.path, [])
            obj["services"] = [list_shape(s) if not full_service else s for s in self.services(pages, full=True)]
            for service in obj["services"]:
                service.pop("organization", None)  # it is the organisation itself
            found.append(obj)
        return self.localise_terms(found)

    # -- service_at_locations -----------------------------------------------------------

    def service_at_locations(self, locations, *, full):
        """service_at_location objects for public ServiceLocations (their pages prefetched)."""
        pages = {loc.page_id: loc.page for loc in locations}
        services = {obj["id"]: obj for obj in self.services(list(pages.values()), full=True)}
        by_page = {page.pk: str(page.hsds_id) for page in pages.values()}
        found = []
        for loc in locations:
            if loc.confidential:  # never, whatever the queryset said
                continue
            page = loc.page
            obj = self.exporter.service_at_location(loc, list(page.accessibility.all()))
            service = services.get(by_page[loc.page_id])
            if service is None:
                continue
            obj["service_id"] = service["id"]
            obj["service"] = list_shape(service)
            found.append(obj if full else list_shape(obj))
        return self.localise_terms(found)

    # -- languages --------------------------------------------------------------------

    def _translations(self, model, pages):
        """{translation_key: live translation in the requested language} (one query)."""
        if not self.translated or not pages:
            return {}
        keys = [page.translation_key for page in pages]
        rows = model.objects.live().filter(locale=self.locale, translation_key__in=keys)
        return {row.translation_key: row for row in rows}

    @staticmethod
    def _translate(obj, translation, texts):
        if translation is None:
            return
        for hsds, fields in texts.items():
            values = [getattr(translation, field, "") for field in fields]
            values = [value for value in values if value]
            if values:
                obj[hsds] = values[-1]

    def term_names_or_none(self):
        """Term names in the requested language, or {} in Greek (the terms' own names)."""
        return self.term_names() if self.translated else {}

    def term_names(self):
        """{(taxonomy, code): (name, description)} in the requested language."""
        return cached(f"hsds-api-term-names-{self.language}", self.locale, self._term_names)

    def _term_names(self):
        names = {}
        for model in TERM_FIELDS:
            rows = model.objects.filter(locale=self.locale).values_list("code", "name", "description")
            names.update({(model.hsds_taxonomy, code): (name, description) for code, name, description in rows})
        rows = AdministrativeArea.objects.filter(locale=self.locale).values_list("code", "name")
        names.update({(TAXONOMY_AREA, code): (name, "") for code, name in rows})
        return names

    def localise_terms(self, objects):
        """Taxonomy term names of every attribute in the requested language (Greek when
        a term has no translation)."""
        if not self.translated:
            return objects
        names = self.term_names()
        for obj in objects:
            _localise(obj, names)
        return objects


def _localise(node, names):
    if isinstance(node, list):
        for item in node:
            _localise(item, names)
    elif isinstance(node, dict):
        term = node.get("taxonomy_term")
        if isinstance(term, dict):
            found = names.get((term.get("taxonomy"), term.get("code")))
            if found:
                term["name"] = found[0]
                if found[1]:
                    term["description"] = found[1]
        for value in node.values():
            if isinstance(value, (list, dict)):
                _localise(value, names)
