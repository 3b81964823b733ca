"""The published Greek social map as HSDS 3.0 objects (the API's `/services/{id}` shape).

One function per HSDS object (service, organisation, service_at_location with its
location, taxonomy, taxonomy term, and every child object), all reading prefetched
relations only: `prefetch()` loads what they read for a whole list of services, so a
page of 50 services is a fixed handful of queries. The API serialises with these same
functions, so what is redacted here is redacted everywhere:

- never a confidential location (neither its address nor its point, nor the phones,
  hours, languages and contacts listed at it), whatever the caller's queryset said;
- never a person: contacts (names, job titles, e-mails, direct phones), the e-mail of
  who verified a listing (`assurer_email`) and the audit trail of who changed what
  (`metadata`) stay on the site. `HsdsExporter(full=True)`
  keeps them, for the operator's own full export (`export_hsds --full`, from the
  shell), so that a round trip of the data is exact;
- never who verified a listing by name (`assured_by`).

Everything an import read is written back where it came from: phones and schedules
at the service, at a place (service_at_location) or at a location; fields nobody
edits, kept verbatim in each object's `hsds_extra` (see directory/models/hsds_base.py);
times and days as they were written when they still mean what is stored. The output
follows the conventions in `mapping`, so importing it again changes nothing.

Things we do not store but HSDS wants an id for (attributes, addresses, languages of
our own terms) get UUIDs derived from what they link, so two exports are identical.
"""

import copy
import decimal

from django.db.models import Prefetch, prefetch_related_objects

from wagtail.models import Locale, Page

from directory.hsds.importer import greek_directory
from directory.hsds.mapping import (
    FLAG_CONFIDENTIAL,
    SCHEDULE_CLOSED,
    SCHEDULE_OVERNIGHT,
    SERVICE_FIELDS,
    SERVICE_TAXONOMIES,
    TAXONOMY_AREA,
    TAXONOMY_LOCATION_FLAG,
    TAXONOMY_SCHEDULE,
    TERM_FIELDS,
    canonical_days,
    canonical_time,
    derived_id,
)
from directory.models import Language, LegalStatus, OrganisationPage, ServiceArea, ServiceLocation, ServicePage

#: Names of our own schedule flags as they appear in exported taxonomy terms.
_SCHEDULE_FLAG_NAMES = {SCHEDULE_CLOSED: "Κλειστά", SCHEDULE_OVERNIGHT: "Ολονύκτιο ωράριο"}
#: Keys that name or reach a person, removed from verbatim HSDS fields in public output
#: (`metadata` is an audit trail: its `updated_by` names whoever made a change).
_PERSONAL_KEYS = frozenset({"contacts", "assurer_email", "email", "metadata"})
#: Relations of a ServicePage the exporter reads.
SERVICE_RELATIONS = (
    "schedules",
    "phones",
    "required_documents",
    "contacts",
    "contact_phones",
    "cost_options",
    "funding",
    "language_details",
    "location_accessibility",
)
ORGANISATION_RELATIONS = ("phones", "identifiers", "contacts", "contact_phones", "programs", "funding")


def prefetch(pages):
    """Load everything `HsdsExporter.service` reads for a list (or queryset) of ServicePages.

    Returns the list; what is already prefetched is not fetched again.
    """
    pages = list(pages)
    prefetch_related_objects(
        pages,
        Prefetch(
            "locations",
            queryset=ServiceLocation.objects.select_related("municipality__parent__parent", "community"),
        ),
        Prefetch("service_areas", queryset=ServiceArea.objects.select_related("area")),
        *SERVICE_RELATIONS,
        *TERM_FIELDS.values(),
    )
    return pages


def prefetch_organisations(organisations):
    """Load everything `HsdsExporter.organisation` reads for a list of OrganisationPages."""
    organisations = list(organisations)
    prefetch_related_objects(organisations, "parent_organisation", *ORGANISATION_RELATIONS)
    return organisations


class HsdsExporter:
    """Builds HSDS objects of the default-language directory; `full=True` keeps personal data."""

    def __init__(self, locale=None, *, full=False):
        self.locale = locale or Locale.get_default()
        self.full = full
        self._directory = None
        self._language_codes = None
        self._confidential_ids = None

    @property
    def directory(self):
        if self._directory is None:
            self._directory = greek_directory(self.locale)
        return self._directory

    def services(self):
        """Every published service of the directory, as full service objects, in tree order."""
        organisations = {
            org.path: org
            for org in prefetch_organisations(
                OrganisationPage.objects.live().child_of(self.directory).select_related("parent_organisation")
            )
        }
        pages = ServicePage.objects.live().descendant_of(self.directory).filter(locale=self.locale).order_by("path")
        for page in prefetch(pages):
            organisation = organisations.get(page.path[: -Page.steplen])
            if organisation is not None:
                yield self.service(page, organisation)

    # Service ------------------------------------------------------------------------

    def service(self, page, organisation, *, lists=True):
        """The full service object; `lists=False` leaves out every array (the API's list
        shape is cut from what remains), so that the page's inlines need not be loaded."""
        service_id = str(page.hsds_id)
        extra = self._extra(page)
        obj = {"id": service_id, "organization_id": str(organisation.hsds_id)}
        for name, hsds in SERVICE_FIELDS.items():
            value = getattr(page, name)
            if value not in ("", None):
                obj[hsds] = value.isoformat() if hasattr(value, "isoformat") else value
        if self.full and page.assurer_email:
            obj["assurer_email"] = page.assurer_email
        obj["organization"] = self.organisation(organisation, lists=lists)
        self._program(obj, page, organisation, extra)
        if lists:
            self._service_lists(obj, page, service_id, extra)
        else:
            extra.pop("attributes", None)
        if not self.full:
            extra.pop("assurer_email", None)
        for key in extra.pop("_omitted", []):
            obj.pop(key, None)
        obj.update({key: value for key, value in extra.items() if key not in ("program_id", "program")})
        return _without_empty_lists(obj)

    def _service_lists(self, obj, page, service_id, extra):
        obj["phones"] = [self.phone(phone) for phone in page.phones.all() if phone.on_service]
        obj["schedules"] = [self.schedule(row) for row in page.schedules.all() if row.on_service]
        obj["service_areas"] = [self.service_area(row) for row in page.service_areas.all()]
        accessibility = list(page.accessibility.all())
        locations = [loc for loc in page.locations.all() if not loc.confidential]
        obj["service_at_locations"] = [self.service_at_location(loc, accessibility, page) for loc in locations]
        obj["languages"] = self.languages(page)
        obj["funding"] = [self.funding(row) for row in page.funding.all()]
        obj["cost_options"] = [self.cost_option(row) for row in page.cost_options.all()]
        obj["required_documents"] = [
            self._with_extra(_compact({"id": str(doc.hsds_id), "document": doc.document, "uri": doc.uri}), doc)
            for doc in page.required_documents.all()
        ]
        if self.full:
            obj["contacts"] = [self.contact(row, page) for row in page.contacts.all() if row.on_service]
        terms = [term for model in SERVICE_TAXONOMIES for term in getattr(page, TERM_FIELDS[model]).all()]
        if not locations:
            # With no public place to carry them, accessibility terms travel on the service.
            terms += accessibility
        obj["attributes"] = [self.term_attribute(service_id, "service", term) for term in terms]
        obj["attributes"] += extra.pop("attributes", [])

    def _program(self, obj, page, organisation, extra):
        """`program_id` and the `program` object, as the source gave them (id, object or both)."""
        if page.program_hsds_id is None:
            return
        program_id = str(page.program_hsds_id)
        row = next((p for p in organisation.programs.all() if p.hsds_id == page.program_hsds_id), None)
        given_id = extra.get("program_id") or (extra.get("program") or {}).get("id")
        keys = [key for key in ("program_id", "program") if key in extra] if given_id == program_id else []
        for key in keys or ("program_id", "program"):
            if key == "program_id":
                obj["program_id"] = program_id
            elif row is not None:
                obj["program"] = self.program(row)
            elif key in extra:
                obj["program"] = extra["program"]

    def languages(self, page, location_id=None):
        """HSDS languages: the kept objects (ids, notes), and our own terms ticked since."""
        rows = [row for row in page.language_details.all() if row.location_hsds_id == location_id]
        if location_id is not None:
            return [self.language(row) for row in rows]
        ticked = {term.code: term for term in page.languages.all()}
        known = self.language_codes()
        # A kept language the editor has unticked since is no longer spoken there.
        found = [self.language(row) for row in rows if row.code in ticked or row.code not in known]
        given = {row.code for row in rows}
        found += [
            {"id": derived_id(page.hsds_id, "language", term.code), "name": term.name, "code": term.code}
            for code, term in ticked.items()
            if code not in given
        ]
        return found

    def confidential_location_ids(self):
        """HSDS ids of every confidential location (one query per exporter, when needed)."""
        if self._confidential_ids is None:
            rows = ServiceLocation.objects.filter(confidential=True).values_list("hsds_location_id", flat=True)
            self._confidential_ids = {str(location_id) for location_id in rows}
        return self._confidential_ids

    def language_codes(self):
        if self._language_codes is None:
            self._language_codes = set(Language.objects.filter(locale=self.locale).values_list("code", flat=True))
        return self._language_codes

    # Organisation -------------------------------------------------------------------

    def organisation(self, page, *, lists=True):
        """The organisation object; `lists=False` leaves out the arrays read from its inlines."""
        org_id = str(page.hsds_id)
        extra = self._extra(page)
        parent = page.parent_organisation
        obj = _compact(
            {
                "id": org_id,
                "name": getattr(page, "full_name", "") or page.title,
                "alternate_name": page.alternate_name,
                "description": page.description,
                "email": page.email,
                "website": page.website,
                "tax_status": page.tax_status,
                "tax_id": page.tax_id,
                "year_incorporated": page.year_incorporated,
                "legal_status": page.legal_status,
                "uri": page.uri,
                "parent_organization_id": str(parent.hsds_id) if parent else "",
            }
        )
        obj["description"] = page.description
        given_tax_id = extra.pop("tax_id", None)
        if given_tax_id and not page.tax_id:
            obj["tax_id"] = given_tax_id  # not a Greek ΑΦΜ: as the source gave it
        given_parent = extra.pop("parent_organization_id", None)
        if parent is None and given_parent:
            obj["parent_organization_id"] = given_parent  # a parent that is not in our directory
        given_status = extra.pop("legal_status", None)
        if given_status and page.legal_status in (LegalStatus.OTHER, str(given_status).strip().lower()):
            # Words of another country's register ("Limited Company") that we file under "other".
            obj["legal_status"] = given_status
        if lists:
            self._organisation_lists(obj, page)
        if "locations" in extra:
            # An organisation's own locations, kept as they came: one of them may be a
            # confidential place of one of its services, or say so itself.
            secret = self.confidential_location_ids()
            extra["locations"] = [
                loc for loc in extra["locations"] if not _is_confidential(loc) and loc.get("id") not in secret
            ]
        obj.update(extra)
        return _without_empty_lists(obj)

    def _organisation_lists(self, obj, page):
        obj["phones"] = [self.phone(phone) for phone in page.phones.all()]
        obj["organization_identifiers"] = [
            self._with_extra(
                _compact(
                    {
                        "id": str(i.hsds_id),
                        "identifier_scheme": i.identifier_scheme,
                        "identifier_type": i.identifier_type,
                        "identifier": i.identifier,
                    }
                ),
                i,
            )
            for i in page.identifiers.all()
        ]
        obj["programs"] = [self.program(row) for row in page.programs.all()]
        obj["funding"] = [self.funding(row) for row in page.funding.all()]
        if self.full:
            obj["contacts"] = [self.contact(row, page) for row in page.contacts.all()]

    def program(self, row):
        return self._with_extra(
            _compact(
                {
                    "id": str(row.hsds_id),
                    "name": row.name,
                    "alternate_name": row.alternate_name,
                    "description": row.description,
                }
            ),
            row,
        )

    # Places -------------------------------------------------------------------------

    def service_at_location(self, loc, accessibility, page=None):
        """A public place of a service; `accessibility` are the service's accessibility terms."""
        if loc.confidential:
            raise ValueError("A confidential location is never exported.")
        page = page or loc.page
        extra = copy.deepcopy(loc.hsds_extra or {}) if self.full else _public(loc.hsds_extra or {})
        location_id = str(loc.hsds_location_id)
        link_id = str(loc.hsds_service_at_location_id)
        place = _compact(
            {
                "id": location_id,
                "location_type": loc.location_type or "physical",
                "url": loc.url,
                "name": loc.name,
                "alternate_name": loc.alternate_name,
                "description": loc.description,
                "transportation": loc.transportation,
                "latitude": loc.latitude,
                "longitude": loc.longitude,
                "external_identifier": loc.external_identifier,
                "external_identifier_type": loc.external_identifier_type,
            }
        )
        place["languages"] = self.languages(page, loc.hsds_location_id)
        place["addresses"] = [
            *extra.pop("addresses_before", []),
            *self._address(loc, location_id, extra.pop("address", {})),
            *extra.pop("addresses_after", []),
        ]
        if self.full:
            place["contacts"] = [
                self.contact(row, page) for row in page.contacts.all() if row.location_hsds_id == loc.hsds_location_id
            ]
        rows = [row for row in page.location_accessibility.all() if row.location_hsds_id == loc.hsds_location_id]
        if rows:
            place["accessibility"] = [self.accessibility(row) for row in rows]
        elif loc.accessibility_note:
            place["accessibility"] = [
                {"id": derived_id(location_id, "accessibility"), "description": loc.accessibility_note}
            ]
        place["phones"] = [self.phone(p) for p in page.phones.all() if p.location_hsds_id == loc.hsds_location_id]
        place["schedules"] = [
            self.schedule(s) for s in page.schedules.all() if s.location_hsds_id == loc.hsds_location_id
        ]
        attributes = [
            self.attribute(
                location_id, "location", TAXONOMY_AREA, derived_id(TAXONOMY_AREA, area.code), area.code, area.name
            )
            for area in (loc.municipality, loc.community)
            if area is not None
        ]
        attributes += [self.term_attribute(location_id, "location", term) for term in accessibility]
        kept_place = extra.pop("location", {})
        place["attributes"] = attributes + kept_place.pop("attributes", [])
        place.update(kept_place)

        kept_link = extra.pop("service_at_location", {})
        obj = {"id": link_id}
        if loc.link_description:
            obj["description"] = loc.link_description
        if self.full:
            obj["contacts"] = [
                self.contact(row, page)
                for row in page.contacts.all()
                if row.service_at_location_hsds_id == loc.hsds_service_at_location_id
            ]
        obj["phones"] = [
            self.phone(p) for p in page.phones.all() if p.service_at_location_hsds_id == loc.hsds_service_at_location_id
        ]
        obj["schedules"] = [
            self.schedule(s)
            for s in page.schedules.all()
            if s.service_at_location_hsds_id == loc.hsds_service_at_location_id
        ]
        obj["location_id"] = location_id
        obj["location"] = _without_empty_lists(place)
        obj["attributes"] = kept_link.pop("attributes", [])
        for key in kept_link.pop("_omitted", []):
            obj.pop(key, None)
        obj.update(kept_link)
        return _without_empty_lists(obj)

    def location(self, loc, accessibility, page=None):
        """The HSDS location object of a public place."""
        return self.service_at_location(loc, accessibility, page)["location"]

    def _address(self, loc, location_id, kept):
        if not (loc.address_hsds_id or any((loc.address_1, loc.address_2, loc.postal_code, loc.city))):
            return []
        municipality = loc.municipality
        region = municipality.parent.parent if municipality and municipality.parent else None
        address = {
            "id": str(loc.address_hsds_id) if loc.address_hsds_id else derived_id(location_id, "address"),
            "attention": loc.attention,
            "address_1": loc.address_1,
            "address_2": loc.address_2,
            "city": loc.city,
            # As written when the source gave them; else our municipality and region.
            "region": loc.region or (municipality.name if municipality else ""),
            "state_province": loc.state_province or (region.name if region else ""),
            "postal_code": loc.postal_code,
            "country": loc.country or "GR",
            "address_type": loc.address_type or "physical",
        }
        # HSDS requires these keys (empty or not); the others are left out when empty.
        required = ("id", "address_1", "city", "state_province", "postal_code", "country", "address_type")
        address = {key: value for key, value in address.items() if value or key in required}
        address.update(kept)
        return [address]

    def accessibility(self, row):
        return self._with_extra(
            _compact({"id": str(row.hsds_id), "description": row.description, "details": row.details, "url": row.url}),
            row,
        )

    # Children -----------------------------------------------------------------------

    def schedule(self, row):
        schedule_id = str(row.hsds_id)
        extra = self._extra(row)
        written = extra.pop("as_written", {})
        obj = {"id": schedule_id}
        if row.weekdays:
            obj["freq"] = "WEEKLY"
            byday = canonical_days(row.weekdays)
            obj["byday"] = _as_written(written.get("byday"), byday, _days_key)
        obj.update(
            _compact(
                {
                    "opens_at": _as_written(written.get("opens_at"), canonical_time(row.opens_at), _time_key),
                    "closes_at": _as_written(written.get("closes_at"), canonical_time(row.closes_at), _time_key),
                    "valid_from": row.valid_from.isoformat() if row.valid_from else "",
                    "valid_to": row.valid_to.isoformat() if row.valid_to else "",
                    "description": row.description,
                    "schedule_link": row.schedule_link,
                    "attending_type": row.attending_type,
                    "notes": row.notes,
                }
            )
        )
        flags = [code for code, on in ((SCHEDULE_CLOSED, row.closed), (SCHEDULE_OVERNIGHT, row.closes_next_day)) if on]
        obj["attributes"] = [
            self.attribute(
                schedule_id,
                "schedule",
                TAXONOMY_SCHEDULE,
                derived_id(TAXONOMY_SCHEDULE, code),
                code,
                _SCHEDULE_FLAG_NAMES[code],
            )
            for code in flags
        ]
        obj["attributes"] += extra.pop("attributes", [])
        for key in extra.pop("_omitted", []):
            obj.pop(key, None)
        obj.update(extra)
        return _without_empty_lists(obj)

    def phone(self, phone):
        """A phone of a service, organisation or contact."""
        obj = _compact(
            {"id": str(phone.hsds_id), "number": phone.number, "type": phone.type, "description": phone.description}
        )
        if phone.extension.isdigit():
            obj["extension"] = int(phone.extension)
        extra = self._extra(phone)
        if "type" in extra:
            # The type as the source wrote it ("video", none at all), which we file as voice.
            given = extra.pop("type")
            if given is None:
                obj.pop("type", None)
            else:
                obj["type"] = given
        obj.update(extra)
        return obj

    def contact(self, row, page):
        """A contact (only in the full export: contacts are people)."""
        obj = _compact(
            {
                "id": str(row.hsds_id),
                "name": row.name,
                "title": row.title,
                "department": row.department,
                "email": row.email,
            }
        )
        obj["phones"] = [self.phone(p) for p in page.contact_phones.all() if p.contact_hsds_id == row.hsds_id]
        obj.update(self._extra(row))
        return _without_empty_lists(obj)

    def cost_option(self, row):
        amount = None
        if row.amount is not None:
            amount = int(row.amount) if row.amount == row.amount.to_integral_value() else float(row.amount)
        return self._with_extra(
            _compact(
                {
                    "id": str(row.hsds_id),
                    "valid_from": row.valid_from.isoformat() if row.valid_from else "",
                    "valid_to": row.valid_to.isoformat() if row.valid_to else "",
                    "option": row.option,
                    "currency": row.currency,
                    "amount": amount,
                    "amount_description": row.amount_description,
                }
            ),
            row,
        )

    def service_area(self, row):
        return self._with_extra(
            _compact(
                {
                    "id": str(row.hsds_id),
                    "name": row.name,
                    "description": row.description,
                    "extent": row.extent,
                    "extent_type": row.extent_type,
                    "uri": row.uri,
                }
            ),
            row,
        )

    def funding(self, row):
        return self._with_extra(_compact({"id": str(row.hsds_id), "source": row.source}), row)

    def language(self, row):
        return self._with_extra(
            _compact({"id": str(row.hsds_id), "name": row.name, "code": row.code, "note": row.note}), row
        )

    # Taxonomies ---------------------------------------------------------------------

    @staticmethod
    def taxonomy(model):
        """The HSDS taxonomy object of one of our taxonomy snippet models."""
        return {
            "id": derived_id("taxonomy", model.hsds_taxonomy),
            "name": model.hsds_taxonomy,
            "description": str(model._meta.verbose_name_plural),
        }

    def taxonomy_term(self, term):
        taxonomy = type(term).hsds_taxonomy
        return _compact(
            {
                "id": str(term.hsds_id),
                "code": term.code,
                "name": term.name,
                "description": term.description,
                "taxonomy": taxonomy,
                "taxonomy_id": derived_id("taxonomy", taxonomy),
            }
        )

    def term_attribute(self, link_id, entity, term):
        taxonomy = type(term).hsds_taxonomy
        return self.attribute(link_id, entity, taxonomy, str(term.hsds_id), term.code, term.name, term.description)

    @staticmethod
    def attribute(link_id, entity, taxonomy, term_id, code, name, description=""):
        return {
            "id": derived_id(link_id, taxonomy, code),
            "link_id": link_id,
            "link_entity": entity,
            "taxonomy_term_id": term_id,
            "taxonomy_term": {
                "id": term_id,
                "code": code,
                "name": name,
                "description": description,
                "taxonomy": taxonomy,
            },
        }

    # Verbatim fields ----------------------------------------------------------------

    def _extra(self, row):
        """A copy of the object's verbatim HSDS fields; without what names a person, unless full."""
        extra = getattr(row, "hsds_extra", None) or {}
        return copy.deepcopy(extra) if self.full else _public(extra)

    def _with_extra(self, obj, row):
        extra = self._extra(row)
        attributes = extra.pop("attributes", None)
        obj.update(extra)
        if attributes:
            obj["attributes"] = attributes
        return obj


def _public(value):
    """`value` without the keys that name or reach a person, at any depth (a deep copy)."""
    if isinstance(value, dict):
        return {key: _public(item) for key, item in value.items() if key not in _PERSONAL_KEYS}
    if isinstance(value, list):
        return [_public(item) for item in value]
    return value


def _is_confidential(location):
    for attribute in (location or {}).get("attributes") or []:
        term = (attribute or {}).get("taxonomy_term") or {}
        if term.get("taxonomy") == TAXONOMY_LOCATION_FLAG and term.get("code") == FLAG_CONFIDENTIAL:
            return True
    return False


def _compact(obj):
    """Leave out empty values: HSDS formats (uri, email) reject empty strings and types reject null."""
    return {key: value for key, value in obj.items() if value not in ("", None)}


def _without_empty_lists(obj):
    return {key: value for key, value in obj.items() if value != []}


def _time_key(text):
    parts = [int(part) for part in str(text).strip().split(":")]
    return tuple(parts + [0] * (3 - len(parts)))


def _days_key(text):
    return sorted(token for token in str(text).replace(" ", "").upper().split(",") if token)


def _as_written(written, canonical, key):
    """The value as the source wrote it ("10:00:00", "FR,TH") while it means what we store."""
    if not written or not canonical:
        return canonical
    try:
        return written if key(written) == key(canonical) else canonical
    except (TypeError, ValueError, decimal.InvalidOperation):
        return canonical
