"""The published Greek social map as HSDS 3.0 service objects (the API's `/services/{id}` shape).

What leaves the site is what a visitor can see, nothing more: live services of live
organisations, never a confidential location (neither its address nor its point), never
who verified a listing (`assured_by`) and no person's e-mail. The output follows the
conventions in `mapping`, so importing it again changes nothing.

Things we do not store but HSDS wants an id for (attributes, addresses, languages) get
UUIDs derived from what they link, so two exports of the same data are identical.
"""

import uuid

from django.db.models import Prefetch

from wagtail.models import Locale, Page

from directory.fields import ICAL_DAYS
from directory.hsds.importer import greek_directory
from directory.hsds.mapping import (
    SCHEDULE_CLOSED,
    SCHEDULE_OVERNIGHT,
    SERVICE_FIELDS,
    SERVICE_TAXONOMIES,
    TAXONOMY_AREA,
    TAXONOMY_SCHEDULE,
    TERM_FIELDS,
)
from directory.models import OrganisationPage, ServiceLocation, ServicePage

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:koinonia:hsds")
#: Names of our own schedule flags as they appear in exported taxonomy terms.
_SCHEDULE_FLAG_NAMES = {SCHEDULE_CLOSED: "Κλειστά", SCHEDULE_OVERNIGHT: "Ολονύκτιο ωράριο"}


def derived_id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


class HsdsExporter:
    """Builds service objects for every published service of the default-language directory."""

    def __init__(self, locale=None):
        self.locale = locale or Locale.get_default()
        self.directory = greek_directory(self.locale)

    def services(self):
        organisations = {
            org.path: org
            for org in OrganisationPage.objects.live()
            .child_of(self.directory)
            .select_related("parent_organisation")
            .prefetch_related("phones", "identifiers")
        }
        public_locations = ServiceLocation.objects.filter(confidential=False).select_related(
            "municipality__parent__parent", "community"
        )
        pages = (
            ServicePage.objects.live()
            .descendant_of(self.directory)
            .filter(locale=self.locale)
            .order_by("path")
            .prefetch_related(
                Prefetch("locations", queryset=public_locations),
                "schedules",
                "phones",
                "required_documents",
                *TERM_FIELDS.values(),
            )
        )
        for page in pages:
            organisation = organisations.get(page.path[: -Page.steplen])
            if organisation is not None:
                yield self.service(page, organisation)

    # Objects ------------------------------------------------------------------------

    def service(self, page, organisation):
        service_id = str(page.hsds_id)
        obj = {"id": service_id, "organization_id": str(organisation.hsds_id)}
        for name, hsds in SERVICE_FIELDS.items():
            value = getattr(page, name)
            if value not in ("", None):
                obj[hsds] = value.isoformat() if hasattr(value, "isoformat") else value
        obj["organization"] = self.organisation(organisation)
        obj["phones"] = [self.phone(phone) for phone in page.phones.all()]
        obj["schedules"] = [self.schedule(row) for row in page.schedules.all()]
        accessibility = list(page.accessibility.all())
        locations = [loc for loc in page.locations.all() if not loc.confidential]
        obj["service_at_locations"] = [self.service_at_location(loc, accessibility) for loc in locations]
        obj["languages"] = [
            {"id": derived_id(service_id, "language", lang.code), "name": lang.name, "code": lang.code}
            for lang in page.languages.all()
        ]
        obj["required_documents"] = [
            _compact({"id": str(doc.hsds_id), "document": doc.document, "uri": doc.uri})
            for doc in page.required_documents.all()
        ]
        terms = [term for model in SERVICE_TAXONOMIES for term in getattr(page, TERM_FIELDS[model]).all()]
        if not locations:
            # With no public place to carry them, accessibility terms travel on the service.
            terms += accessibility
        obj["attributes"] = [self.term_attribute(service_id, "service", term) for term in terms]
        return {key: value for key, value in obj.items() if value != []}

    def organisation(self, page):
        org_id = str(page.hsds_id)
        obj = _compact(
            {
                "id": org_id,
                "name": page.title,
                "alternate_name": page.alternate_name,
                "description": page.description,
                "email": page.email,
                "website": page.website,
                "legal_status": page.legal_status,
                "tax_id": page.tax_id,
                "parent_organization_id": str(page.parent_organisation.hsds_id) if page.parent_organisation else "",
            }
        )
        obj["description"] = page.description
        phones = [
            _compact({"id": str(p.hsds_id), "number": p.number, "description": p.description})
            for p in page.phones.all()
        ]
        identifiers = [
            _compact(
                {
                    "id": str(i.hsds_id),
                    "identifier_scheme": i.identifier_scheme,
                    "identifier_type": i.identifier_type,
                    "identifier": i.identifier,
                }
            )
            for i in page.identifiers.all()
        ]
        if phones:
            obj["phones"] = phones
        if identifiers:
            obj["organization_identifiers"] = identifiers
        return obj

    def service_at_location(self, loc, accessibility):
        location_id = str(loc.hsds_location_id)
        place = _compact(
            {
                "id": location_id,
                "location_type": "physical",
                "name": loc.name,
                "transportation": loc.transportation,
                "latitude": loc.latitude,
                "longitude": loc.longitude,
            }
        )
        if any((loc.address_1, loc.address_2, loc.postal_code, loc.city)):
            municipality = loc.municipality
            region = municipality.parent.parent if municipality and municipality.parent else None
            address = {
                "id": derived_id(location_id, "address"),
                "address_1": loc.address_1,
                "address_2": loc.address_2,
                "city": loc.city,
                "region": municipality.name if municipality else "",
                "state_province": region.name if region else "",
                "postal_code": loc.postal_code,
                "country": "GR",
                "address_type": "physical",
            }
            place["addresses"] = [{k: v for k, v in address.items() if v or k != "address_2"}]
        if loc.accessibility_note:
            place["accessibility"] = [
                {"id": derived_id(location_id, "accessibility"), "description": loc.accessibility_note}
            ]
        attributes = [
            self.attribute(
                location_id, "location", TAXONOMY_AREA, derived_id(TAXONOMY_AREA, area.code), area.code, area.name
            )
            for area in (loc.municipality, loc.community)
            if area is not None
        ]
        attributes += [self.term_attribute(location_id, "location", term) for term in accessibility]
        if attributes:
            place["attributes"] = attributes
        return {"id": str(loc.hsds_service_at_location_id), "location_id": location_id, "location": place}

    def schedule(self, row):
        schedule_id = str(row.hsds_id)
        obj = {"id": schedule_id}
        if row.weekdays:
            obj["freq"] = "WEEKLY"
            obj["byday"] = ",".join(ICAL_DAYS[day] for day in sorted(row.weekdays))
        obj.update(
            _compact(
                {
                    "opens_at": _time(row.opens_at),
                    "closes_at": _time(row.closes_at),
                    "valid_from": row.valid_from.isoformat() if row.valid_from else "",
                    "valid_to": row.valid_to.isoformat() if row.valid_to else "",
                    "description": row.description,
                }
            )
        )
        flags = [code for code, on in ((SCHEDULE_CLOSED, row.closed), (SCHEDULE_OVERNIGHT, row.closes_next_day)) if on]
        if flags:
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
        return obj

    @staticmethod
    def phone(phone):
        obj = _compact(
            {"id": str(phone.hsds_id), "number": phone.number, "type": phone.type, "description": phone.description}
        )
        if phone.extension.isdigit():
            obj["extension"] = int(phone.extension)
        return obj

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


def _compact(obj):
    """Leave out empty values: HSDS formats (uri, email) reject empty strings and types reject null."""
    return {key: value for key, value in obj.items() if value not in ("", None)}


def _time(value):
    if value is None:
        return ""
    return value.strftime("%H:%M" if not value.second else "%H:%M:%S")
