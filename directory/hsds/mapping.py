"""How HSDS 3.0 names map onto the directory's models, and the reading of one record.

The models already use HSDS names where they fit (see DESIGN.md), so most of the
mapping is a table. What is not a table is written down here once and shared by the
importer and the exporter, so that an export re-imports with nothing changed:

- taxonomies travel as `attributes[].taxonomy_term`, one HSDS `taxonomy` name per
  snippet model (`TaxonomyTerm.hsds_taxonomy`), plus three of our own: the area of a
  location (`koinonia-area`, an `AdministrativeArea.code`), location flags
  (`koinonia-location-flag`: `confidential`) and schedule flags (`koinonia-schedule`:
  `closed` for a closure, `overnight` for hours that end the next day);
- a location's phones and schedules belong to the service (our inline models hang
  off the service page), and so do its accessibility terms;
- hours whose closing time is not after the opening time are overnight hours when the
  schedule says so (`overnight` flag) or when they start after noon ("20:00–08:00"); in
  the morning ("09:00–05:00") they are a typo and the record is rejected.

`ServiceReader.read()` turns one service object into plain values (`MappedService`)
and checks them against our rules and the models' own validation, so that everything
wrong with a record is known, and reported, before anything is written.
"""

import datetime
import decimal
import re
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from directory.areas_match import AreaMatcher
from directory.fields import ICAL_DAYS
from directory.hsds.normalise import TITLE_LENGTH, ImportWarning, original_text, shorten_title, stable_uuid
from directory.models import (
    AccessCondition,
    AccessibilityFeature,
    AreaLevel,
    CostOption,
    Language,
    LegalStatus,
    LocationAccessibility,
    OrganisationFunding,
    OrganisationIdentifier,
    OrganisationPage,
    OrganisationPhone,
    Program,
    RequiredDocument,
    ServiceArea,
    ServiceCategory,
    ServiceContactPhone,
    ServiceFunding,
    ServiceLanguage,
    ServiceLocation,
    ServicePage,
    ServicePhone,
    ServiceSchedule,
    TargetGroup,
)
from directory.models.areas import GREECE_LATITUDE, GREECE_LONGITUDE
from directory.phones import DEFAULT_REGION, read_phone_field
from directory.text import greek_fold

TAXONOMY_AREA = "koinonia-area"
TAXONOMY_LOCATION_FLAG = "koinonia-location-flag"
TAXONOMY_SCHEDULE = "koinonia-schedule"
FLAG_CONFIDENTIAL = "confidential"
SCHEDULE_CLOSED = "closed"
SCHEDULE_OVERNIGHT = "overnight"

#: HSDS taxonomy name → snippet model, and the ServicePage field holding its terms.
TERM_FIELDS = {
    ServiceCategory: "categories",
    TargetGroup: "target_groups",
    AccessCondition: "access_conditions",
    Language: "languages",
    AccessibilityFeature: "accessibility",
}
TERM_MODELS = {model.hsds_taxonomy: model for model in TERM_FIELDS}
#: Taxonomies that describe the service itself (the others describe places or languages).
SERVICE_TAXONOMIES = (ServiceCategory, TargetGroup, AccessCondition)

#: Model field → HSDS field, for the plain text/number/date fields.
SERVICE_FIELDS = {
    "title": "name",
    # Set only for names longer than a page title; it then wins on export (it comes later).
    "full_name": "name",
    "alternate_name": "alternate_name",
    "status": "status",
    "description": "description",
    "website": "url",
    "email": "email",
    "eligibility_description": "eligibility_description",
    "minimum_age": "minimum_age",
    "maximum_age": "maximum_age",
    "application_process": "application_process",
    "fees_description": "fees_description",
    "wait_time": "wait_time",
    "interpretation_services": "interpretation_services",
    "alert": "alert",
    "assured_date": "assured_date",
    "fees": "fees",
    "accreditations": "accreditations",
    "licenses": "licenses",
}
ORGANISATION_FIELDS = {
    "title": "name",
    "full_name": "name",
    "alternate_name": "alternate_name",
    "description": "description",
    "legal_status": "legal_status",
    "tax_id": "tax_id",
    "website": "website",
    "email": "email",
}
#: Inline models: the values compared and written, in this order.
LOCATION_FIELDS = (
    "hsds_location_id",
    "hsds_service_at_location_id",
    "name",
    "address_1",
    "address_2",
    "postal_code",
    "city",
    "municipality_id",
    "community_id",
    "latitude",
    "longitude",
    "transportation",
    "accessibility_note",
    "confidential",
    # issue 10: the rest of location, address and service_at_location
    "location_type",
    "alternate_name",
    "description",
    "link_description",
    "url",
    "external_identifier",
    "external_identifier_type",
    "address_hsds_id",
    "attention",
    "region",
    "state_province",
    "country",
    "address_type",
    "hsds_extra",
)
SCHEDULE_FIELDS = (
    "hsds_id",
    "weekdays",
    "opens_at",
    "closes_at",
    "closes_next_day",
    "valid_from",
    "valid_to",
    "closed",
    "description",
    # issue 10: where HSDS lists the hours, and the rest of HSDS schedule
    "on_service",
    "service_at_location_hsds_id",
    "location_hsds_id",
    "schedule_link",
    "attending_type",
    "notes",
    "hsds_extra",
)
PHONE_FIELDS = (
    "hsds_id",
    "number",
    "extension",
    "type",
    "description",
    "on_service",
    "service_at_location_hsds_id",
    "location_hsds_id",
    "hsds_extra",
)
DOCUMENT_FIELDS = ("hsds_id", "document", "uri", "hsds_extra")
ORGANISATION_PHONE_FIELDS = ("hsds_id", "number", "description", "extension", "type", "hsds_extra")
IDENTIFIER_FIELDS = ("hsds_id", "identifier_scheme", "identifier_type", "identifier", "hsds_extra")
#: ServicePage and OrganisationPage fields of issue 10 that the readers below fill.
SERVICE_MORE_FIELDS = ("assurer_email", "program_hsds_id", "hsds_extra")
ORGANISATION_MORE_FIELDS = ("tax_status", "year_incorporated", "uri", "hsds_extra")

#: Where a model field's error is reported in the HSDS record.
_LOCATION_PATHS = {
    "name": "location.name",
    "address_1": "location.addresses[0].address_1",
    "address_2": "location.addresses[0].address_2",
    "postal_code": "location.addresses[0].postal_code",
    "city": "location.addresses[0].city",
    "latitude": "location.latitude",
    "longitude": "location.longitude",
    "transportation": "location.transportation",
    "accessibility_note": "location.accessibility[0].description",
}
_SCHEDULE_PATHS = {"weekdays": "byday", "closed": "attributes"}
_PHONE_TYPES = {"voice": "voice", "text": "text", "sms": "text", "fax": "fax", "cell": "cell", "mobile": "cell"}
_LATEST_OVERNIGHT_START = datetime.time(12, 0)


class RecordRejected(Exception):
    """A record breaks the schema or our rules; `problems` is [(field path, message)]."""

    def __init__(self, problems):
        super().__init__("; ".join(f"{path}: {message}" for path, message in problems))
        self.problems = problems


@dataclass
class MappedOrganisation:
    hsds_id: uuid.UUID
    fields: dict
    phones: list
    identifiers: list
    parent_hsds_id: uuid.UUID | None = None
    # issue 10
    contacts: list = field(default_factory=list)
    contact_phones: list = field(default_factory=list)
    programs: list = field(default_factory=list)
    funding: list = field(default_factory=list)
    #: What the record says nothing of because public exports leave it out (personal data):
    #: the importer keeps what the page has instead of deleting it.
    keep: tuple = ()


@dataclass
class MappedService:
    hsds_id: uuid.UUID
    organisation_hsds_id: uuid.UUID
    organisation: MappedOrganisation | None
    fields: dict
    terms: dict
    locations: list
    schedules: list
    phones: list
    required_documents: list
    warnings: list = field(default_factory=list)
    # issue 10
    contacts: list = field(default_factory=list)
    contact_phones: list = field(default_factory=list)
    cost_options: list = field(default_factory=list)
    service_areas: list = field(default_factory=list)
    funding: list = field(default_factory=list)
    language_details: list = field(default_factory=list)
    location_accessibility: list = field(default_factory=list)
    #: See MappedOrganisation.keep.
    keep: tuple = ()


class Vocabulary:
    """Taxonomy terms and areas of one locale, loaded once per import run.

    Terms are found by code, then by folded name in any language (an English file saying
    "Legal aid" means the Greek "Νομική βοήθεια"); pages always point at the term of
    `locale`, the language of the directory being imported into.
    """

    def __init__(self, locale):
        self.locale = locale
        self.areas = AreaMatcher(locale)
        self._indexes = {}

    def area_by_pk(self, pk):
        """An area of `self.areas` by primary key (None for None)."""
        if pk is None:
            return None
        if not hasattr(self, "_areas_by_pk"):
            self._areas_by_pk = {area.pk: area for area in self.areas._by_code.values()}
        return self._areas_by_pk.get(pk)

    def term(self, model, code, name):
        by_code, by_name = self._index(model)
        return by_code.get((code or "").strip()) or by_name.get(greek_fold(name or ""))

    def _index(self, model):
        if model not in self._indexes:
            own = {term.translation_key: term for term in model.objects.filter(locale=self.locale)}
            by_name = {}
            for term in model.objects.exclude(locale=self.locale):
                if term.translation_key in own:
                    by_name.setdefault(greek_fold(term.name), own[term.translation_key])
            by_name.update({greek_fold(term.name): term for term in own.values()})
            self._indexes[model] = ({term.code: term for term in own.values()}, by_name)
        return self._indexes[model]


class ServiceReader:
    """Reads HSDS service objects into `MappedService` values, or says why it cannot."""

    def __init__(self, vocabulary, region=DEFAULT_REGION):
        self.vocabulary = vocabulary
        #: Where the data set's phone numbers without a country code are from.
        self.region = region

    def read(self, record, organisation=None):
        """Map one service; `organisation` replaces a missing nested `organization` object."""
        self._problems, self._warnings = [], []
        org_data = record.get("organization") or organisation
        org_id = (org_data or {}).get("id") or record.get("organization_id")
        mapped_org = self.read_organisation(org_data) if org_data else None
        if not org_id:
            self._problem("organization", _("Every service needs the organisation that provides it."))

        fields = {name: self._text(record, hsds) for name, hsds in SERVICE_FIELDS.items()}
        self._name(fields, "name")
        fields["minimum_age"] = self._age(record, "minimum_age")
        fields["maximum_age"] = self._age(record, "maximum_age")
        fields["assured_date"] = self._date(record.get("assured_date"), "assured_date")
        self._validate(ServicePage, fields, SERVICE_FIELDS, "")

        terms = {name: [] for name in TERM_FIELDS.values()}
        self._read_attributes(record.get("attributes"), "attributes", terms, allowed=SERVICE_TAXONOMIES)
        for index, language in enumerate(record.get("languages") or []):
            self._add_term(terms, Language, language.get("code"), language.get("name"), f"languages[{index}]")

        phones, schedules, locations = [], [], []
        self._read_phones(record.get("phones"), "phones", phones, on_service=True)
        self._read_schedules(record.get("schedules"), "schedules", schedules, on_service=True)
        for index, link in enumerate(record.get("service_at_locations") or []):
            path = f"service_at_locations[{index}]"
            location = self._read_location(link, path, terms)
            if location is not None:
                locations.append(location)
            place = link.get("location") or {}
            # Where each phone and schedule is listed (issue 10), so that an export lists it there again.
            at_link = {"service_at_location_hsds_id": uuid.UUID(link["id"])}
            at_place = {"location_hsds_id": uuid.UUID(place["id"])} if place.get("id") else {}
            self._read_phones(link.get("phones"), f"{path}.phones", phones, **at_link)
            self._read_phones(place.get("phones"), f"{path}.location.phones", phones, **at_place)
            self._read_schedules(link.get("schedules"), f"{path}.schedules", schedules, **at_link)
            self._read_schedules(place.get("schedules"), f"{path}.location.schedules", schedules, **at_place)
        fields["assurer_email"] = self._text(record, "assurer_email")
        more = HsdsObjectsReader(self).service(record, fields, locations)

        documents = []
        for index, item in enumerate(record.get("required_documents") or []):
            values = {"hsds_id": uuid.UUID(item["id"]), "document": self._text(item, "document")}
            values["uri"] = self._text(item, "uri")
            values["hsds_extra"] = verbatim(item, {"id", "document", "uri"})
            if self._validate(RequiredDocument, values, {}, f"required_documents[{index}]"):
                documents.append(values)

        if self._problems:
            raise RecordRejected(_dedupe(self._problems))
        return MappedService(
            hsds_id=uuid.UUID(record["id"]),
            organisation_hsds_id=uuid.UUID(org_id),
            organisation=mapped_org,
            fields=fields,
            terms={name: _unique(found) for name, found in terms.items()},
            locations=locations,
            schedules=merge_links(schedules),
            phones=merge_links(phones),
            required_documents=documents,
            warnings=self._warnings,
            **more,
        )

    # Organisation -----------------------------------------------------------------

    def read_organisation(self, data, path="organization"):
        fields = {name: self._text(data, hsds) for name, hsds in ORGANISATION_FIELDS.items()}
        self._name(fields, f"{path}.name")
        status = fields["legal_status"].lower()
        fields["legal_status"] = status if status in LegalStatus.values else (LegalStatus.OTHER if status else "")
        if status and status not in LegalStatus.values:
            self._warn(
                _("%(field)s: '%(value)s' is not one of our legal statuses; taken as other.")
                % {"field": f"{path}.legal_status", "value": status},
                kind="value-changed",
                field=f"{path}.legal_status",
                original=status,
            )
        tax_id = fields["tax_id"]
        fields["tax_id"] = re.sub(r"^(EL|GR)|[\s.\-]", "", tax_id, flags=re.IGNORECASE)
        if fields["tax_id"] and not (fields["tax_id"].isdigit() and len(fields["tax_id"]) == 9):
            self._warn(
                _("%(field)s: '%(value)s' is not a Greek tax number (ΑΦΜ, 9 digits); dropped.")
                % {"field": f"{path}.tax_id", "value": tax_id},
                kind="value-dropped",
                field=f"{path}.tax_id",
                original=tax_id,
            )
            fields["tax_id"] = ""
        self._validate(OrganisationPage, fields, ORGANISATION_FIELDS, path)
        phones = []
        for index, item in enumerate(data.get("phones") or []):
            item_path = f"{path}.phones[{index}]"
            for hsds_id, reading in self._phone_readings(item, item_path):
                values = {"hsds_id": hsds_id, "number": reading.number}
                values["description"] = self._text(item, "description")
                extension = item.get("extension")
                values["extension"] = reading.extension or ("" if extension is None else _number_text(extension))
                values["type"] = _PHONE_TYPES.get((item.get("type") or "voice").strip().lower(), "voice")
                HsdsObjectsReader(self).phone_extra(item, values)
                if self._validate(OrganisationPhone, values, {}, item_path, clean=reading.diallable):
                    phones.append(values)
        identifiers = []
        for index, item in enumerate(data.get("organization_identifiers") or []):
            values = {"hsds_id": uuid.UUID(item["id"])}
            values.update({name: self._text(item, name) for name in IDENTIFIER_FIELDS[1:-1]})
            values["hsds_extra"] = verbatim(item, set(IDENTIFIER_FIELDS[:-1]) | {"id"})
            if self._validate(OrganisationIdentifier, values, {}, f"{path}.organization_identifiers[{index}]"):
                identifiers.append(values)
        parent = data.get("parent_organization_id")
        more = HsdsObjectsReader(self).organisation(data, fields, path)
        return MappedOrganisation(
            hsds_id=uuid.UUID(data["id"]),
            fields=fields,
            phones=_unique_by_id(phones),
            identifiers=identifiers,
            parent_hsds_id=uuid.UUID(parent) if parent and parent != data["id"] else None,
            **more,
        )

    # Locations ----------------------------------------------------------------------

    def _read_location(self, link, path, terms):
        place = link.get("location")
        if not place:
            self._warn(_("%(field)s has no location details; it was skipped.") % {"field": path})
            return None
        addresses = place.get("addresses") or []
        address = next((a for a in addresses if a.get("address_type") == "physical"), addresses[0] if addresses else {})
        values = {
            "hsds_location_id": uuid.UUID(place["id"]),
            "hsds_service_at_location_id": uuid.UUID(link["id"]),
            "name": self._text(place, "name"),
            "address_1": self._text(address, "address_1"),
            "address_2": self._text(address, "address_2"),
            "postal_code": self._text(address, "postal_code"),
            "city": self._text(address, "city"),
            "municipality_id": None,
            "community_id": None,
            "latitude": place.get("latitude"),
            "longitude": place.get("longitude"),
            "transportation": self._text(place, "transportation"),
            "accessibility_note": self._text((place.get("accessibility") or [{}])[0], "description"),
            "confidential": False,
        }
        self._check_point(values, f"{path}.location")
        areas = []
        for attr_path, attribute in self._attributes(place.get("attributes"), f"{path}.location.attributes") + (
            self._attributes(link.get("attributes"), f"{path}.attributes")
        ):
            term, taxonomy = attribute
            code = (term.get("code") or "").strip()
            if taxonomy == TAXONOMY_AREA:
                area = self.vocabulary.areas.by_code(code)
                if area is None:
                    self._warn(_("%(field)s: unknown area code '%(code)s'.") % {"field": attr_path, "code": code})
                else:
                    areas.append(area)
            elif taxonomy == TAXONOMY_LOCATION_FLAG:
                if code == FLAG_CONFIDENTIAL:
                    values["confidential"] = True
                else:
                    self._warn(_("%(field)s: unknown location flag '%(code)s'.") % {"field": attr_path, "code": code})
            elif taxonomy == AccessibilityFeature.hsds_taxonomy:
                self._add_term(terms, AccessibilityFeature, code, term.get("name"), attr_path)
            else:
                self._unknown_taxonomy(taxonomy, attr_path)
        self._place_in_area(values, areas, address, path)
        HsdsObjectsReader(self).location(link, place, address, addresses, values)
        # The point was checked above, with a clearer message than the field validators'.
        self._validate(ServiceLocation, values, _LOCATION_PATHS, path, skip=("latitude", "longitude"))
        return values

    def _check_point(self, values, path):
        """A point we cannot map is dropped with a warning; the address still places the service."""
        latitude, longitude = values["latitude"], values["longitude"]
        if (latitude is None) != (longitude is None):
            message = _("Give both latitude and longitude, or neither.")
        elif latitude is not None and not (
            GREECE_LATITUDE[0] <= latitude <= GREECE_LATITUDE[1]
            and GREECE_LONGITUDE[0] <= longitude <= GREECE_LONGITUDE[1]
        ):
            message = _("The point %(lat)s, %(lon)s is outside Greece.") % {"lat": latitude, "lon": longitude}
        else:
            return
        self._warn(
            _("%(field)s: %(message)s The point was dropped.") % {"field": f"{path}.latitude", "message": message},
            kind="value-dropped",
            field=f"{path}.latitude",
            original=f"{latitude}, {longitude}",
        )
        values["latitude"] = values["longitude"] = None

    def _place_in_area(self, values, areas, address, path):
        """Municipality and community: from `koinonia-area` codes, else from the address names."""
        for area in areas:
            if area.level == AreaLevel.COMMUNITY:
                values["community_id"] = area.pk
                municipality = area.municipality()
                values["municipality_id"] = municipality.pk if municipality else values["municipality_id"]
            elif area.level == AreaLevel.MUNICIPALITY:
                values["municipality_id"] = area.pk
        if values["municipality_id"] is not None:
            return
        near = (values["latitude"], values["longitude"]) if values["latitude"] is not None else None
        hint = self._text(address, "state_province")
        for name in (self._text(address, "region"), values["city"]):
            if not name:
                continue
            area = self.vocabulary.areas.match(name, within=hint, near=near)
            if area is not None:
                municipality = area.municipality()
                values["municipality_id"] = municipality.pk if municipality else None
                if area.level == AreaLevel.COMMUNITY:
                    values["community_id"] = area.pk
                return
        names = [n for n in (self._text(address, "region"), values["city"]) if n]
        if names:
            self._warn(
                _("%(field)s: no municipality matches '%(name)s'.")
                % {"field": f"{path}.location.addresses[0].region", "name": " / ".join(names)}
            )

    # Schedules and phones -----------------------------------------------------------

    def _read_schedules(self, items, path, into, **links):
        for index, item in enumerate(items or []):
            values = self._read_schedule(item, f"{path}[{index}]")
            if values is not None:
                values.update(_links(**links))
                into.append(values)

    def _read_schedule(self, item, path):
        flags = set()
        for attr_path, (term, taxonomy) in self._attributes(item.get("attributes"), f"{path}.attributes"):
            code = (term.get("code") or "").strip()
            if taxonomy == TAXONOMY_SCHEDULE and code in (SCHEDULE_CLOSED, SCHEDULE_OVERNIGHT):
                flags.add(code)
            else:
                self._warn(_("%(field)s: unknown schedule flag '%(code)s'.") % {"field": attr_path, "code": code})
        freq = (item.get("freq") or "WEEKLY").upper()
        if freq != "WEEKLY":
            self._warn(_("%(field)s: only weekly schedules are supported; it was skipped.") % {"field": path})
            return None
        values = {
            "hsds_id": uuid.UUID(item["id"]),
            "weekdays": self._weekdays(item.get("byday"), f"{path}.byday"),
            "opens_at": self._time(item.get("opens_at"), f"{path}.opens_at"),
            "closes_at": self._time(item.get("closes_at"), f"{path}.closes_at"),
            "closes_next_day": SCHEDULE_OVERNIGHT in flags,
            "valid_from": self._date(item.get("valid_from"), f"{path}.valid_from"),
            "valid_to": self._date(item.get("valid_to"), f"{path}.valid_to"),
            "closed": SCHEDULE_CLOSED in flags,
            "description": self._text(item, "description"),
        }
        HsdsObjectsReader(self).schedule_extra(item, values)
        timed = [values[name] for name in ("weekdays", "opens_at", "closes_at", "valid_from", "valid_to")]
        if not values["closed"] and not any(timed):
            self._warn(_("%(field)s gives no days or hours; it was skipped.") % {"field": path})
            return None
        opens, closes = values["opens_at"], values["closes_at"]
        if opens is not None and closes is not None and closes <= opens:
            if values["closes_next_day"] or opens >= _LATEST_OVERNIGHT_START:
                values["closes_next_day"] = True
            else:
                hours = f"{opens.strftime('%H:%M')}–{closes.strftime('%H:%M')}"
                self._warn(
                    _(
                        "%(field)s: it closes (%(closes)s) before it opens (%(opens)s), and morning hours cannot "
                        "run overnight; these hours were dropped."
                    )
                    % {
                        "field": f"{path}.closes_at",
                        "closes": closes.strftime("%H:%M"),
                        "opens": opens.strftime("%H:%M"),
                    },
                    kind="value-dropped",
                    field=f"{path}.closes_at",
                    original=hours,
                )
                return None
        self._validate(ServiceSchedule, values, _SCHEDULE_PATHS, path)
        return values

    def _read_phones(self, items, path, into, **links):
        for index, item in enumerate(items or []):
            item_path = f"{path}[{index}]"
            phone_type = (item.get("type") or "voice").strip().lower()
            if phone_type not in _PHONE_TYPES:
                self._warn(
                    _("%(field)s: unknown phone type '%(type)s', taken as voice.")
                    % {"field": item_path, "type": phone_type}
                )
            extension = item.get("extension")
            for hsds_id, reading in self._phone_readings(item, item_path):
                values = {
                    "hsds_id": hsds_id,
                    "number": reading.number,
                    "extension": reading.extension or ("" if extension is None else _number_text(extension)),
                    "type": _PHONE_TYPES.get(phone_type, "voice"),
                    "description": self._text(item, "description"),
                    **_links(**links),
                }
                HsdsObjectsReader(self).phone_extra(item, values)
                if self._validate(ServicePhone, values, {}, item_path, clean=reading.diallable):
                    into.append(values)

    def _phone_readings(self, item, path):
        """[(hsds_id, PhoneReading)] of one HSDS phone, whose number field may hold several.

        The first number keeps the phone's id; the others get ids derived from it, the same
        at every import, so that a re-import finds them again.
        """
        raw = self._text(item, "number")
        found = read_phone_field(raw, self.region)
        for kind, message in found.notes:
            self._warn(f"{path}.number: {message}", kind=kind, field=f"{path}.number", original=raw)
        first = uuid.UUID(item["id"])
        return [
            (first if index == 0 else uuid.UUID(stable_uuid(f"{first}:{index}", "phone:")), reading)
            for index, reading in enumerate(found.phones)
        ]

    # Attributes ---------------------------------------------------------------------

    def _attributes(self, items, path):
        """[(path, (taxonomy_term, taxonomy))] of the attributes that carry a term."""
        found = []
        for index, item in enumerate(items or []):
            term = item.get("taxonomy_term")
            if not term:
                self._warn(_("%(field)s has no taxonomy_term; it was ignored.") % {"field": f"{path}[{index}]"})
                continue
            found.append((f"{path}[{index}]", (term, (term.get("taxonomy") or "").strip())))
        return found

    def _read_attributes(self, items, path, terms, allowed):
        for attr_path, (term, taxonomy) in self._attributes(items, path):
            model = TERM_MODELS.get(taxonomy)
            if model is None:
                self._unknown_taxonomy(taxonomy, attr_path)
            elif model not in allowed and model is not AccessibilityFeature:
                self._warn(
                    _("%(field)s: taxonomy '%(taxonomy)s' does not apply here; ignored.")
                    % {"field": attr_path, "taxonomy": taxonomy}
                )
            else:
                self._add_term(terms, model, term.get("code"), term.get("name"), attr_path)

    def _add_term(self, terms, model, code, name, path):
        term = self.vocabulary.term(model, code, name)
        if term is None:
            self._warn(
                _("%(field)s: no %(taxonomy)s '%(code)s' (%(name)s); ignored.")
                % {"field": path, "taxonomy": model._meta.verbose_name, "code": code or "", "name": name or ""}
            )
        else:
            terms[TERM_FIELDS[model]].append(term)

    def _unknown_taxonomy(self, taxonomy, path):
        self._warn(_("%(field)s: unknown taxonomy '%(taxonomy)s'; ignored.") % {"field": path, "taxonomy": taxonomy})

    # Values -------------------------------------------------------------------------

    @staticmethod
    def _text(data, key):
        value = (data or {}).get(key)
        return value.strip() if isinstance(value, str) else ("" if value is None else str(value))

    def _name(self, fields, path):
        """A name longer than a page title: the title is shortened, the whole name kept in full_name."""
        name = fields["title"]
        fields["full_name"] = name if len(name) > TITLE_LENGTH else ""
        if fields["full_name"]:
            fields["title"] = shorten_title(name)
            self._warn(
                _(
                    "%(field)s: the name has %(length)s characters, more than a page title holds (%(limit)s); "
                    "the title was shortened and the whole name is kept and shown."
                )
                % {"field": path, "length": len(name), "limit": TITLE_LENGTH},
                kind="name-shortened",
                field=path,
                original=name,
            )

    def _age(self, record, key):
        value = record.get(key)
        if value is None:
            return None
        if value != int(value):
            self._warn(
                _("%(field)s: an age is a whole number of years; '%(value)s' was dropped.")
                % {"field": key, "value": value},
                kind="value-dropped",
                field=key,
                original=value,
            )
            return None
        return int(value)

    def _date(self, value, path):
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self._warn(
                _("%(field)s: '%(value)s' is not a date (YYYY-MM-DD); dropped.") % {"field": path, "value": value},
                kind="value-dropped",
                field=path,
                original=value,
            )
            return None

    def _time(self, value, path):
        if not value:
            return None
        match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", value.strip())
        try:
            if match is None:
                raise ValueError(value)
            return datetime.time(*(int(part) for part in match.groups() if part is not None))
        except ValueError:
            self._warn(
                _("%(field)s: '%(value)s' is not a time of day (HH:MM); dropped.") % {"field": path, "value": value},
                kind="value-dropped",
                field=path,
                original=value,
            )
            return None

    def _weekdays(self, value, path):
        days = set()
        for token in re.split(r"[,;\s]+", (value or "").upper()):
            if not token:
                continue
            if token not in ICAL_DAYS:
                self._warn(
                    _("%(field)s: '%(day)s' is not a day (MO, TU, WE, TH, FR, SA, SU); ignored.")
                    % {"field": path, "day": token},
                    kind="value-dropped",
                    field=path,
                    original=value,
                )
                continue
            days.add(ICAL_DAYS.index(token))
        return sorted(days)

    # Problems -----------------------------------------------------------------------

    def _validate(self, model, values, paths, prefix, skip=(), clean=True):
        """Run the model's own validation on `values`; report errors at their HSDS paths.

        A field the model refuses is emptied with a warning (the value stays in the warning
        and the review flag) and the rest is kept; only what the record cannot go without
        (a page's title, an inline object's required value) leaves the record or the
        object out. `clean=False` skips the model's `clean()` (a phone kept as text for a
        person to fix is no valid phone, on purpose).
        """
        for _attempt in range(3):
            failed = self._model_errors(model, {k: v for k, v in values.items() if k not in skip}, clean)
            if not failed:
                return True
            for name, messages in failed.items():
                where = paths.get(name, name if name != "__all__" else "")
                path = ".".join(part for part in (prefix, where) if part) or prefix
                text = " ".join(messages)
                field = model._meta.get_field(name) if name in values and name != "__all__" else None
                if field is not None and (field.blank or field.null) and name != "title":
                    self._warn(
                        _("%(field)s: %(message)s The value was dropped.") % {"field": path, "message": text},
                        kind="value-dropped",
                        field=path,
                        original=values[name],
                    )
                    values[name] = None if field.null else ""
                    continue
                if issubclass(model, ServicePage | OrganisationPage):
                    # A page without what it cannot go without (its title) cannot be a listing.
                    self._problem(path, text)
                else:
                    self._warn(
                        _("%(field)s: %(message)s It was left out.") % {"field": path, "message": text},
                        kind="value-dropped",
                        field=path,
                        original=values.get(name, ""),
                    )
                return False
        return True

    def _model_errors(self, model, values, clean):
        instance = model(**values)
        # Related objects (areas) were looked up by the reader itself: no query to check they exist.
        exclude = [f.name for f in model._meta.fields if f.is_relation or f.name not in values]
        if issubclass(model, ServicePage | OrganisationPage):
            instance.locale = self.vocabulary.locale
        try:
            if clean:
                instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
            else:
                instance.clean_fields(exclude=exclude)
        except ValidationError as error:
            return error.message_dict
        return {}

    def _problem(self, path, message):
        self._problems.append((path, str(message)))

    def _warn(self, message, kind="not-matched", field="", original=""):
        """A warning for the import report and, on the page, a review flag of `kind` (a ReviewKind)."""
        self._warnings.append(ImportWarning(kind, field, str(message), original_text(original) if original else ""))


def _links(on_service=False, service_at_location_hsds_id=None, location_hsds_id=None):
    """Where HSDS lists a phone or schedule of a service (see ServicePhone)."""
    return {
        "on_service": on_service,
        "service_at_location_hsds_id": service_at_location_hsds_id,
        "location_hsds_id": location_hsds_id,
    }


def _number_text(value):
    return str(int(value)) if isinstance(value, int | float) and value == int(value) else str(value)


def _unique(items):
    return list(dict.fromkeys(items))


def _unique_by_id(items):
    """The same phone or schedule given at service and location level is one (the first)."""
    first = {}
    for item in items:
        first.setdefault(item["hsds_id"], item)
    return list(first.values())


def _dedupe(problems):
    return list(dict.fromkeys(problems))


# Every other HSDS object (issue 10) -----------------------------------------------------
#
# What follows reads the HSDS objects beyond a listing's core: contacts and their phones,
# cost options, service areas, funding, programs, languages and accessibility of each
# location, and the fields of each object that nobody edits in a form (kept verbatim in
# its `hsds_extra`, see directory/models/hsds_base.py). The rule is that nothing of a
# record is lost: a value our models cannot hold is kept as it came in `hsds_extra`,
# with a warning, rather than dropped.

#: HSDS keys each object's model holds; every other key of the object is kept verbatim.
SERVICE_KEYS = frozenset(
    {*SERVICE_FIELDS.values(), "id", "organization_id", "organization", "program_id", "program", "last_modified"}
    | {"assurer_email"}
    | {"phones", "schedules", "service_at_locations", "languages", "required_documents", "attributes"}
    | {"contacts", "cost_options", "service_areas", "funding"}
)
ORGANISATION_KEYS = frozenset(
    {*ORGANISATION_FIELDS.values(), "id", "parent_organization_id", "phones", "organization_identifiers"}
    | {"contacts", "programs", "funding"}
)
LOCATION_KEYS = frozenset(
    {"id", "location_type", "url", "name", "alternate_name", "description", "transportation", "latitude"}
    | {"longitude", "external_identifier", "external_identifier_type", "languages", "addresses", "contacts"}
    | {"accessibility", "phones", "schedules", "attributes"}
)
SERVICE_AT_LOCATION_KEYS = frozenset(
    {"id", "location_id", "description", "contacts", "phones", "schedules", "location", "attributes"}
)
ADDRESS_KEYS = frozenset(
    {"id", "attention", "address_1", "address_2", "city", "region", "state_province", "postal_code", "country"}
    | {"address_type"}
)
PHONE_KEYS = frozenset({"id", "number", "extension", "type", "description"})
SCHEDULE_KEYS = frozenset(
    {"id", "byday", "opens_at", "closes_at", "valid_from", "valid_to", "description", "attributes"}
    | {"schedule_link", "attending_type", "notes"}
)
CONTACT_KEYS = frozenset({"id", "name", "title", "department", "email", "phones"})
#: Plain fields of the new inline models, named as in HSDS.
CONTACT_FIELDS = ("name", "title", "department", "email")
COST_OPTION_FIELDS = ("option", "amount", "currency", "amount_description", "valid_from", "valid_to")
SERVICE_AREA_FIELDS = ("name", "description", "extent", "extent_type", "uri")
LANGUAGE_FIELDS = ("name", "code", "note")
ACCESSIBILITY_FIELDS = ("description", "details", "url")
PROGRAM_FIELDS = ("name", "alternate_name", "description")
#: The fields compared and written, by the importer, for each new inline relation.
SERVICE_CONTACT_FIELDS = (
    "hsds_id",
    *CONTACT_FIELDS,
    "on_service",
    "service_at_location_hsds_id",
    "location_hsds_id",
    "hsds_extra",
)
CONTACT_PHONE_FIELDS = ("hsds_id", "contact_hsds_id", "number", "extension", "type", "description", "hsds_extra")
ORGANISATION_CONTACT_FIELDS = ("hsds_id", *CONTACT_FIELDS, "hsds_extra")
COST_OPTION_ROW_FIELDS = ("hsds_id", *COST_OPTION_FIELDS, "hsds_extra")
SERVICE_AREA_ROW_FIELDS = ("hsds_id", *SERVICE_AREA_FIELDS, "area_id", "hsds_extra")
FUNDING_FIELDS = ("hsds_id", "source", "hsds_extra")
LANGUAGE_ROW_FIELDS = ("hsds_id", "location_hsds_id", *LANGUAGE_FIELDS, "hsds_extra")
ACCESSIBILITY_ROW_FIELDS = ("hsds_id", "location_hsds_id", *ACCESSIBILITY_FIELDS, "hsds_extra")
PROGRAM_ROW_FIELDS = ("hsds_id", *PROGRAM_FIELDS, "hsds_extra")
#: Where HSDS lists a phone, schedule or contact of a service (see ServicePhone).
LINK_FIELDS = ("on_service", "service_at_location_hsds_id", "location_hsds_id")


#: Links to the enclosing object, which nesting says already (tabular packages write them
#: into every row): not kept, so that the JSON and tabular forms of a record are one record.
BACK_LINKS = frozenset(
    {"service_id", "location_id", "organization_id", "service_at_location_id", "contact_id", "phone_id"}
)


def verbatim(obj, modelled):
    """The keys of an HSDS object that its model does not hold, exactly as they came."""
    return {key: value for key, value in (obj or {}).items() if key not in modelled and key not in BACK_LINKS}


#: Ids of things we do not store but HSDS wants an id for are derived from what they link.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:koinonia:hsds")


def derived_id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def canonical_time(value):
    """How the export writes a time of day: "09:00", or "09:00:30" with seconds."""
    if value is None:
        return ""
    return value.strftime("%H:%M" if not value.second else "%H:%M:%S")


def canonical_days(weekdays):
    return ",".join(ICAL_DAYS[day] for day in sorted(weekdays or []))


def omitted(extra, obj, keys):
    """Note which keys we would write (a weekly schedule's `freq`) the source left out, so
    that its export leaves them out too. (Links such as a service's `organization_id` are
    always written: a tabular package must have them, and one record is one record in
    either form.)"""
    missing = [key for key in keys if key not in obj]
    if missing:
        extra["_omitted"] = missing


def merge_links(rows):
    """One row per HSDS id: the same phone given at the service and at a place is one
    phone listed in both (HSDS tabular data has one row with both links)."""
    first = {}
    for row in rows:
        kept = first.setdefault(row["hsds_id"], row)
        if kept is not row:
            kept["on_service"] = kept["on_service"] or row["on_service"]
            for name in ("service_at_location_hsds_id", "location_hsds_id"):
                kept[name] = kept[name] or row[name]
    return list(first.values())


class HsdsObjectsReader:
    """Reads the HSDS objects of a service or organisation beyond its core listing.

    Used by `ServiceReader` (it shares its problems, warnings and value helpers), so
    that every object of a record is read, checked and reported in one pass.
    """

    def __init__(self, reader):
        self.reader = reader

    # Service ------------------------------------------------------------------------

    def service(self, record, fields, locations):
        """Rows of each new inline relation of a service, and its own verbatim fields."""
        rows = {
            "contacts": [],
            "contact_phones": [],
            "cost_options": [],
            "service_areas": [],
            "funding": [],
            "language_details": [],
            "location_accessibility": [],
        }
        self._contacts(record.get("contacts"), "contacts", rows, on_service=True)
        for index, link in enumerate(record.get("service_at_locations") or []):
            path = f"service_at_locations[{index}]"
            self._contacts(link.get("contacts"), f"{path}.contacts", rows, service_at_location=link.get("id"))
            place = link.get("location") or {}
            if place.get("id"):
                location_id = uuid.UUID(place["id"])
                self._contacts(place.get("contacts"), f"{path}.location.contacts", rows, location=place["id"])
                self._languages(place.get("languages"), f"{path}.location.languages", rows, location_id)
                for position, item in enumerate(place.get("accessibility") or []):
                    row = self._row(item, ACCESSIBILITY_FIELDS, "accessibility", f"{path}.location.accessibility")
                    row["location_hsds_id"] = location_id
                    derived = row["hsds_id"] == uuid.UUID(derived_id(location_id, "accessibility"))
                    if derived and not (row["details"] or row["url"] or row["hsds_extra"]):
                        continue  # what the export writes for the location's accessibility note
                    if self._check(LocationAccessibility, row, f"{path}.location.accessibility[{position}]"):
                        rows["location_accessibility"].append(row)
        self._languages(record.get("languages"), "languages", rows, None, record.get("id"))
        for index, item in enumerate(record.get("cost_options") or []):
            row = self._row(item, COST_OPTION_FIELDS, "cost_options", "cost_options")
            row["amount"] = self._amount(item, row, f"cost_options[{index}].amount")
            for name in ("valid_from", "valid_to"):
                row[name] = self._date_or_keep(item, name, row, f"cost_options[{index}].{name}")
            if self._check(CostOption, row, f"cost_options[{index}]"):
                rows["cost_options"].append(row)
        for index, item in enumerate(record.get("service_areas") or []):
            row = self._row(item, SERVICE_AREA_FIELDS, "service_areas", "service_areas")
            row["area_id"] = self._area(row["name"])
            if self._check(ServiceArea, row, f"service_areas[{index}]", skip=("area_id",)):
                rows["service_areas"].append(row)
        for index, item in enumerate(record.get("funding") or []):
            row = self._row(item, ("source",), "funding", "funding")
            if self._check(ServiceFunding, row, f"funding[{index}]"):
                rows["funding"].append(row)
        rows["contacts"] = merge_links(rows["contacts"])
        rows["contact_phones"] = _unique_by_key(rows["contact_phones"], ("contact_hsds_id", "hsds_id"))
        rows["language_details"] = _unique_by_key(rows["language_details"], ("location_hsds_id", "hsds_id"))

        program = record.get("program") or {}
        program_id = record.get("program_id") or program.get("id")
        fields["program_hsds_id"] = uuid.UUID(program_id) if program_id else None
        extra = verbatim(record, SERVICE_KEYS)
        # How the source named the program (id, object or both), so that it is written back the same way.
        extra.update({key: record[key] for key in ("program_id", "program") if key in record})
        kept = self.kept_attributes(record.get("attributes"), "service")
        if kept:
            extra["attributes"] = kept
        if fields.get("assurer_email") and not self._email_ok(fields["assurer_email"]):
            self.reader._warn(
                _("assurer_email: '%(value)s' is not an e-mail address; kept as it was.")
                % {"value": fields["assurer_email"]}
            )
            extra["assurer_email"] = fields["assurer_email"]
            fields["assurer_email"] = ""
        fields["hsds_extra"] = extra
        rows["keep"] = self._absent_personal_data(record)
        return rows

    @staticmethod
    def _absent_personal_data(record):
        """Contacts and assurer_email never travel in a public export: their absence is no deletion."""
        keep = [] if "assurer_email" in record else ["assurer_email"]
        places = [link for link in record.get("service_at_locations") or [] if isinstance(link, dict)]
        holders = [record, *places, *(link.get("location") or {} for link in places)]
        if not any("contacts" in holder for holder in holders):
            keep += ["contacts", "contact_phones"]
        return tuple(keep)

    def location(self, link, place, address, addresses, values):
        """The rest of a location, its address and its service_at_location."""
        values.update(
            location_type=self.reader._text(place, "location_type") or "physical",
            alternate_name=self.reader._text(place, "alternate_name"),
            description=self.reader._text(place, "description"),
            link_description=self.reader._text(link, "description"),
            url=self.reader._text(place, "url"),
            external_identifier=self.reader._text(place, "external_identifier"),
            external_identifier_type=self.reader._text(place, "external_identifier_type"),
            address_hsds_id=uuid.UUID(address["id"]) if address.get("id") else None,
            attention=self.reader._text(address, "attention"),
            region=self.reader._text(address, "region"),
            state_province=self.reader._text(address, "state_province"),
            country=self.reader._text(address, "country"),
            address_type=self.reader._text(address, "address_type"),
        )
        self._elide_derived_address(values)
        extra = {}
        for name, obj, keys in (
            ("location", place, LOCATION_KEYS),
            ("service_at_location", link, SERVICE_AT_LOCATION_KEYS),
            ("address", address, ADDRESS_KEYS),
        ):
            kept = verbatim(obj, keys)
            if kept:
                extra[name] = kept
        for name, obj in (("location", place), ("service_at_location", link)):
            kept = self.kept_attributes(obj.get("attributes"), "location")
            if kept:
                extra.setdefault(name, {})["attributes"] = kept
        position = next((i for i, item in enumerate(addresses) if item is address), None)
        if position is not None and len(addresses) > 1:
            # Addresses beyond the one we model (a postal one beside the street address), in place.
            extra["addresses_before"] = addresses[:position]
            extra["addresses_after"] = addresses[position + 1 :]
        values["hsds_extra"] = extra

    def _elide_derived_address(self, values):
        """What the export derives anyway (our own address id, the municipality's and region's
        names, GR, physical) is not stored: an export of a listing made in the editor then
        imports back unchanged, and an editor's later change of municipality is not hidden."""
        location_id = values["hsds_location_id"]
        if values["address_hsds_id"] == uuid.UUID(derived_id(location_id, "address")):
            values["address_hsds_id"] = None
        municipality = self.reader.vocabulary.area_by_pk(values["municipality_id"])
        region = municipality.parent.parent if municipality and municipality.parent else None
        if municipality is not None and values["region"] == municipality.name:
            values["region"] = ""
        if region is not None and values["state_province"] == region.name:
            values["state_province"] = ""
        if values["country"] == "GR":
            values["country"] = ""
        if values["address_type"] == "physical":
            values["address_type"] = ""

    def phone_extra(self, item, values):
        values["hsds_extra"] = verbatim(item, PHONE_KEYS)
        given = item.get("type")
        if given is not None and given != values["type"]:
            # A type we file under another ("video", "Mobile"), or none where we say "voice": kept as written.
            values["hsds_extra"]["type"] = given
        if given is None:
            values["hsds_extra"]["type"] = None

    def kept_attributes(self, items, entity):
        """Attributes we do not turn into our own terms or flags, kept verbatim (other taxonomies)."""
        kept = []
        for item in items or []:
            term = item.get("taxonomy_term") if isinstance(item, dict) else None
            if not term:
                kept.append(item)
                continue
            taxonomy, code = (term.get("taxonomy") or "").strip(), (term.get("code") or "").strip()
            model = TERM_MODELS.get(taxonomy)
            if entity == "location":
                known = (
                    (taxonomy == TAXONOMY_AREA and self.reader.vocabulary.areas.by_code(code) is not None)
                    or (taxonomy == TAXONOMY_LOCATION_FLAG and code == FLAG_CONFIDENTIAL)
                    or (model is AccessibilityFeature and self.reader.vocabulary.term(model, code, term.get("name")))
                )
            elif entity == "schedule":
                known = taxonomy == TAXONOMY_SCHEDULE and code in (SCHEDULE_CLOSED, SCHEDULE_OVERNIGHT)
            else:
                known = (model in SERVICE_TAXONOMIES or model is AccessibilityFeature) and self.reader.vocabulary.term(
                    model, code, term.get("name")
                )
            if not known:
                kept.append(item)
        return kept

    def schedule_extra(self, item, values):
        extra = verbatim(item, SCHEDULE_KEYS)
        # The export writes freq WEEKLY for weekly hours: kept only when it says otherwise or is missing.
        if values["weekdays"]:
            omitted(extra, item, ("freq",))
            if extra.get("freq") == "WEEKLY":
                del extra["freq"]
        kept = self.kept_attributes(item.get("attributes"), "schedule")
        if kept:
            extra["attributes"] = kept
        # Times and days as written ("10:00:00", "FR,TH"), when that is not how we write them:
        # written back so while they mean the same.
        ours = {
            "opens_at": canonical_time(values["opens_at"]),
            "closes_at": canonical_time(values["closes_at"]),
            "byday": canonical_days(values["weekdays"]),
        }
        for key, canonical in ours.items():
            if item.get(key) and item[key] != canonical:
                extra.setdefault("as_written", {})[key] = item[key]
        values.update(
            schedule_link=self.reader._text(item, "schedule_link"),
            attending_type=self.reader._text(item, "attending_type"),
            notes=self.reader._text(item, "notes"),
            hsds_extra=extra,
        )

    # Organisation -------------------------------------------------------------------

    def organisation(self, data, fields, path):
        rows = {"contacts": [], "contact_phones": [], "programs": [], "funding": []}
        for index, item in enumerate(data.get("contacts") or []):
            item_path = f"{path}.contacts[{index}]"
            row = self._contact_row(item, item_path, rows)
            if row is not None:
                del row["on_service"], row["service_at_location_hsds_id"], row["location_hsds_id"]
                rows["contacts"].append(row)
        for index, item in enumerate(data.get("programs") or []):
            row = self._row(item, PROGRAM_FIELDS, "programs", f"{path}.programs")
            if self._check(Program, row, f"{path}.programs[{index}]"):
                rows["programs"].append(row)
        for index, item in enumerate(data.get("funding") or []):
            row = self._row(item, ("source",), "funding", f"{path}.funding")
            if self._check(OrganisationFunding, row, f"{path}.funding[{index}]"):
                rows["funding"].append(row)
        rows["contact_phones"] = _unique_by_key(rows["contact_phones"], ("contact_hsds_id", "hsds_id"))
        fields["tax_status"] = self.reader._text(data, "tax_status")
        fields["uri"] = self.reader._text(data, "uri")
        year = data.get("year_incorporated")
        extra = verbatim(data, ORGANISATION_KEYS | {"tax_status", "uri", "year_incorporated"})
        fields["year_incorporated"] = None
        if isinstance(year, int | float) and year == int(year) and 0 < year < 10000:
            fields["year_incorporated"] = int(year)
        elif year is not None:
            self._kept(f"{path}.year_incorporated", year, _("not a year"))
            extra["year_incorporated"] = year
        if data.get("tax_id") and not fields["tax_id"]:
            # Not a Greek tax number (ΑΦΜ), so not in our field: another country's, kept as it came.
            extra["tax_id"] = data["tax_id"]
        if data.get("parent_organization_id"):
            # Kept for when the parent is in no file we import: the export still names it.
            extra["parent_organization_id"] = data["parent_organization_id"]
        given_status = self.reader._text(data, "legal_status")
        if given_status and given_status.lower() != fields["legal_status"]:
            # A legal status of another country ("Limited Company"): we file it under "other", and keep the words.
            extra["legal_status"] = data["legal_status"]
        fields["hsds_extra"] = extra
        rows["keep"] = () if "contacts" in data else ("contacts", "contact_phones")
        return rows

    # Pieces -------------------------------------------------------------------------

    def _contacts(self, items, path, rows, on_service=False, service_at_location=None, location=None):
        for index, item in enumerate(items or []):
            row = self._contact_row(item, f"{path}[{index}]", rows)
            if row is None:
                continue
            row["on_service"] = on_service
            row["service_at_location_hsds_id"] = uuid.UUID(service_at_location) if service_at_location else None
            row["location_hsds_id"] = uuid.UUID(location) if location else None
            rows["contacts"].append(row)

    def _contact_row(self, item, path, rows):
        row = self._row(item, CONTACT_FIELDS, None, path)
        row["hsds_extra"] = verbatim(item, CONTACT_KEYS)
        row.update(on_service=False, service_at_location_hsds_id=None, location_hsds_id=None)
        if row["email"] and not self._email_ok(row["email"]):
            self._kept(f"{path}.email", row["email"], _("not an e-mail address"))
            row["hsds_extra"]["email"] = row["email"]
            row["email"] = ""
        for index, phone in enumerate(item.get("phones") or []):
            phone_path = f"{path}.phones[{index}]"
            # Read like every other phone: cleaned, split when one field holds several.
            for hsds_id, reading in self.reader._phone_readings(phone, phone_path):
                phone_row = {"hsds_id": hsds_id, "contact_hsds_id": row["hsds_id"]}
                extension = phone.get("extension")
                phone_row.update(
                    number=reading.number,
                    extension=reading.extension or ("" if extension is None else _number_text(extension)),
                    type=_PHONE_TYPES.get((phone.get("type") or "voice").strip().lower(), "voice"),
                    description=self.reader._text(phone, "description"),
                )
                self.phone_extra(phone, phone_row)
                if self._check(ServiceContactPhone, phone_row, phone_path, skip=("contact_hsds_id",)):
                    rows["contact_phones"].append(phone_row)
        return row

    def _languages(self, items, path, rows, location_id, service_id=None):
        for index, item in enumerate(items or []):
            row = self._row(item, LANGUAGE_FIELDS, None, path)
            row["location_hsds_id"] = location_id
            derived = service_id and row["hsds_id"] == uuid.UUID(derived_id(service_id, "language", row["code"]))
            if derived and not row["note"] and not row["hsds_extra"]:
                continue  # what the export writes for one of our language terms: the term says it all
            if self._check(ServiceLanguage, row, f"{path}[{index}]"):
                rows["language_details"].append(row)

    def _row(self, item, names, _relation, _path):
        row = {"hsds_id": uuid.UUID(item["id"])}
        row.update({name: self.reader._text(item, name) for name in names})
        row["hsds_extra"] = verbatim(item, {"id", *names})
        return row

    def _check(self, model, row, path, skip=()):
        """Model validation; a value our field cannot hold is kept verbatim instead, with a warning."""
        values = {name: value for name, value in row.items() if name not in skip and name != "hsds_extra"}
        instance = model(**values)
        exclude = [f.name for f in model._meta.fields if f.is_relation or f.name not in values]
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name not in row or name == "hsds_id":
                    self.reader._problem(f"{path}.{name}", " ".join(messages))
                    return False
                self._kept(f"{path}.{name}", row[name], " ".join(messages))
                row["hsds_extra"][name] = row[name] if not isinstance(row[name], decimal.Decimal) else float(row[name])
                row[name] = model._meta.get_field(name).get_default()
        return True

    def _amount(self, item, row, path):
        value = item.get("amount")
        if value is None or value == "":
            return None
        try:
            return decimal.Decimal(str(value))
        except decimal.InvalidOperation:
            self._kept(path, value, _("not an amount"))
            row["hsds_extra"]["amount"] = value
            return None

    def _date_or_keep(self, item, name, row, path):
        value = item.get(name)
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            self._kept(path, value, _("not a date (YYYY-MM-DD)"))
            row["hsds_extra"][name] = value
            return None

    def _area(self, name):
        if not name:
            return None
        matcher = self.reader.vocabulary.areas
        area = matcher.by_code(name) or matcher.match(name, levels=AreaLevel.values)
        return area.pk if area is not None else None

    def _kept(self, path, value, reason):
        """Warn that a value could not be used; the caller keeps it verbatim in `hsds_extra`."""
        self.reader._warn(
            _("%(field)s: '%(value)s' cannot be used (%(reason)s); it is kept in the record as it was.")
            % {"field": path, "value": value, "reason": reason},
            kind="value-dropped",
            field=path,
            original=value,
        )

    @staticmethod
    def _email_ok(value):
        try:
            validate_email(value)
        except ValidationError:
            return False
        return True


def _unique_by_key(rows, key):
    first = {}
    for row in rows:
        first.setdefault(tuple(row[name] for name in key), row)
    return list(first.values())
