"""Every HSDS 3.0 object is kept: a file imported and exported comes out as it went in (issue 10).

The inputs are the official HSDS 3.0 examples (`tests/data/hsds-3.0/examples/`, a copy of `../shared/data`) and
our own `data/hsds-every-field.json`, which uses every field of every object, with
Greek content. "As it went in" means the same JSON after `normalise()`, which only:

- ignores key order and empty lists (HSDS gives no meaning to `"phones": []`);
- drops `last_modified`, which says when *this* directory last changed the record;
- drops a service's `organization_id` and a place's `location_id` where they only repeat
  the id of the nested organisation or location: we always write these links (a tabular
  package needs them), a source may leave them out;
- names our own taxonomy terms by taxonomy and code, because their ids are made per
  installation (`load_taxonomies`).

What the importer changes on purpose (a phone number cleaned of quotes, a point outside
Greece dropped) is listed next to the official examples' tests, value by value.
"""

import copy
import json
import shutil
from pathlib import Path

import pytest

from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from directory.hsds.exporter import HsdsExporter
from directory.hsds.importer import import_file
from directory.hsds.mapping import BACK_LINKS
from directory.hsds.schema import schema_errors
from directory.models import (
    CostOption,
    LocationAccessibility,
    OrganisationContact,
    OrganisationPage,
    Program,
    ServiceArea,
    ServiceContact,
    ServiceLanguage,
    ServicePage,
    ServicePhone,
    ServiceSchedule,
)

DATA = Path(__file__).parent / "data"
EVERY_FIELD = DATA / "hsds-every-field.json"
EXAMPLES = settings.BASE_DIR / "tests" / "data" / "hsds-3.0" / "examples"
OUR_TAXONOMIES = (
    "koinonia-service-category",
    "koinonia-target-group",
    "koinonia-access-condition",
    "koinonia-accessibility",
    "koinonia-language",
)

pytestmark = pytest.mark.django_db


# Helpers ------------------------------------------------------------------------------


def normalise(value):
    """See the module docstring: what 'the same JSON' allows, and nothing more."""
    if isinstance(value, list):
        return [normalise(item) for item in value]
    if not isinstance(value, dict):
        return value
    obj = {key: normalise(item) for key, item in value.items() if item != [] and key != "last_modified"}
    for link, nested in (("organization_id", "organization"), ("location_id", "location")):
        if isinstance(obj.get(nested), dict) and obj.get(link) == obj[nested].get("id"):
            del obj[link]
    term = obj.get("taxonomy_term") if isinstance(obj.get("taxonomy_term"), dict) else obj
    if term.get("taxonomy") in OUR_TAXONOMIES and "code" in term:
        own = f"{term['taxonomy']}:{term['code']}"
        term["id"] = own
        if "taxonomy_term_id" in obj:
            obj["taxonomy_term_id"] = own
    return dict(sorted(obj.items()))


def by_id(services):
    return {service["id"]: normalise(service) for service in services}


def run_import(path_or_records, tmp_path, name="input.json"):
    path = path_or_records
    if not isinstance(path_or_records, Path):
        path = tmp_path / name
        path.write_text(json.dumps(path_or_records, ensure_ascii=False), encoding="utf-8")
    with translation.override("en"):
        return import_file(path)


def run_export(tmp_path, *options, name="export.json"):
    target = tmp_path / name
    with translation.override("en"):
        call_command("export_hsds", str(target), *options, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return json.loads(target.read_text(encoding="utf-8"))


def rejections(report):
    return [line for rejection in report.rejections for line in rejection.lines()]


def example(name):
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def assert_same(exported, expected):
    """Equal after normalising; on failure, the first differing path is in the message."""
    left, right = normalise(exported), normalise(expected)
    if left != right:
        path = _first_difference(left, right)
        pytest.fail(f"exported and expected differ at {path}")


def _first_difference(left, right, path="$"):
    if isinstance(left, dict) and isinstance(right, dict):
        for key in sorted(set(left) | set(right)):
            if key not in left:
                return f"{path}.{key} (missing in the export: {json.dumps(right[key], ensure_ascii=False)[:300]})"
            if key not in right:
                return f"{path}.{key} (only in the export: {json.dumps(left[key], ensure_ascii=False)[:300]})"
            if left[key] != right[key]:
                return _first_difference(left[key], right[key], f"{path}.{key}")
    elif isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            if a != b:
                return _first_difference(a, b, f"{path}[{index}]")
    return (
        f"{path}: export {json.dumps(left, ensure_ascii=False)[:300]} != {json.dumps(right, ensure_ascii=False)[:300]}"
    )


# Our own file: every field of every object --------------------------------------------


@pytest.fixture
def every_field(directory_page, tmp_path):
    source = json.loads(EVERY_FIELD.read_text(encoding="utf-8"))
    report = run_import(EVERY_FIELD, tmp_path)
    assert rejections(report) == []
    return source


def test_the_every_field_file_follows_the_schema_and_uses_every_field():
    """The file is a fair test: valid HSDS 3.0, and every property of every object schema appears in it."""
    services = json.loads(EVERY_FIELD.read_text(encoding="utf-8"))
    assert [schema_errors(service) for service in services] == [[], []]
    seen = {}

    def walk(value, kind):
        if isinstance(value, dict):
            seen.setdefault(kind, set()).update(value)
            for key, item in value.items():
                walk(item, _KINDS.get((kind, key), _KINDS.get(key, key)))
        elif isinstance(value, list):
            for item in value:
                walk(item, kind)

    walk(services[0], "service")
    schemas = settings.BASE_DIR / "tests" / "data" / "hsds-3.0" / "schema"
    missing = {}
    for kind in sorted(set(_KINDS.values()) | {"service"}):
        properties = json.loads((schemas / f"{kind}.json").read_text(encoding="utf-8"))["properties"]
        # Links back to the enclosing object are what nesting says (mapping.BACK_LINKS, not
        # kept); last_modified is ours to set.
        implied = {"service": set(), "service_at_location": {"service_id"}}.get(kind, BACK_LINKS)
        absent = set(properties) - seen.get(kind, set()) - implied - {"last_modified"}
        if absent:
            missing[kind] = sorted(absent)
    assert missing == {}


#: HSDS object kind of each nested key (where the key is not the kind's own name).
_KINDS = {
    "phones": "phone",
    "schedules": "schedule",
    "service_areas": "service_area",
    "service_at_locations": "service_at_location",
    "languages": "language",
    "organization": "organization",
    "funding": "funding",
    "cost_options": "cost_option",
    "program": "program",
    "programs": "program",
    "required_documents": "required_document",
    "contacts": "contact",
    "attributes": "attribute",
    "metadata": "metadata",
    "location": "location",
    "locations": "location",
    "addresses": "address",
    "accessibility": "accessibility",
    "organization_identifiers": "organization_identifier",
    "taxonomy_term": "taxonomy_term",
    "taxonomy_detail": "taxonomy",
}


def test_every_field_comes_back_out_of_a_full_export(every_field, tmp_path):
    exported = run_export(tmp_path, "--full")

    assert set(by_id(exported)) == set(by_id(every_field))
    for service in every_field:
        assert_same(next(s for s in exported if s["id"] == service["id"]), service)


def test_the_objects_are_real_rows_not_only_json(every_field):
    """Contacts, cost options, areas, programs, funding, languages and accessibility are models."""
    page = ServicePage.objects.get(title="Κοινωνικό Φαρμακείο Κοζάνης")
    assert ServiceContact.objects.filter(page=page).count() == 3
    assert page.contact_phones.count() == 4
    assert sorted(CostOption.objects.filter(page=page).values_list("option", flat=True)) == [
        "Ανασφάλιστοι",
        "Συμμετοχή για όσους έχουν ασφάλιση",
    ]
    areas = {area.name: area.area for area in ServiceArea.objects.filter(page=page)}
    assert areas["Δήμος Κοζάνης"].code == "m-67"  # matched to our area, the text kept
    assert areas["Χωριά της Εορδαίας"] is None
    organisation = OrganisationPage.objects.get(title="Κέντρο Κοινότητας Δήμου Κοζάνης")
    assert Program.objects.get(page=organisation).hsds_id == page.program_hsds_id
    assert OrganisationContact.objects.get(page=organisation).email == "m.papadopoulou@kozani.gr"
    assert organisation.year_incorporated == 2016
    assert sorted(organisation.identifiers.values_list("identifier_type", flat=True)) == [
        "LEI",
        "ΓΕΜΗ",
        "Κωδικός φορέα Διαύγειας",
    ]
    languages = {(row.code, row.location_hsds_id is None) for row in ServiceLanguage.objects.filter(page=page)}
    assert languages == {("el", True), ("ar", True), ("uk", False)}
    assert LocationAccessibility.objects.filter(page=page).count() == 2
    # The service's languages are what visitors filter on; a location's are its own.
    assert sorted(term.code for term in page.languages.all()) == ["ar", "el"]


def test_one_service_with_different_hours_at_two_places(every_field):
    """Hours are the service's, some only at one of its places: one service, not two."""
    page = ServicePage.objects.get(title="Κοινωνικό Φαρμακείο Κοζάνης")
    centre, servia = page.locations.order_by("sort_order")
    rows = {row.description: row for row in ServiceSchedule.objects.filter(page=page)}
    assert rows["Ωράριο: service-weekdays"].on_service
    assert rows["Ωράριο: centre-evening"].service_at_location_hsds_id == centre.hsds_service_at_location_id
    assert not rows["Ωράριο: centre-evening"].on_service
    assert rows["Ωράριο: servia-wednesday"].service_at_location_hsds_id == servia.hsds_service_at_location_id
    assert rows["Ωράριο: centre-building"].location_hsds_id == centre.hsds_location_id
    # A phone listed at the service and at a place is one phone, listed in both.
    shared = ServicePhone.objects.get(page=page, number="24610 27060")
    assert shared.on_service and shared.service_at_location_hsds_id == centre.hsds_service_at_location_id


def test_an_export_imported_again_changes_nothing_and_exports_the_same(every_field, tmp_path):
    first = run_export(tmp_path, "--full", name="first.json")
    report = run_import(tmp_path / "first.json", tmp_path)
    assert rejections(report) == []
    assert report.services["unchanged"] == 2
    assert report.services["updated"] == report.services["created"] == 0
    second = run_export(tmp_path, "--full", name="second.json")
    assert second == first


def test_an_edit_in_the_admin_wins_over_what_was_kept(every_field, tmp_path):
    """Kept verbatim values ("17:00:00", "FR,TH", the language notes) never hide an edit."""
    page = ServicePage.objects.get(title="Κοινωνικό Φαρμακείο Κοζάνης")
    evening = page.schedules.get(description="Ωράριο: centre-evening")
    evening.opens_at = evening.opens_at.replace(hour=18)
    evening.save()
    page.languages.set([term for term in page.languages.all() if term.code != "ar"])
    page.save()
    exported = next(s for s in run_export(tmp_path, "--full") if s["id"] == str(page.hsds_id))
    (centre, *_rest) = exported["service_at_locations"]
    assert centre["schedules"][0]["opens_at"] == "18:00"
    assert [language["code"] for language in exported["languages"]] == ["el"]


# Privacy ------------------------------------------------------------------------------


def test_the_public_export_holds_no_person(every_field, tmp_path):
    exported = run_export(tmp_path)
    text = json.dumps(exported, ensure_ascii=False)
    for personal in (
        "m.papadopoulou@kozani.gr",
        "Μαρία Παπαδοπούλου",
        "g.nikolaou@kozani.gr",
        "Ελένη Ιωάννου",
        "a.hasan@kozani.gr",
        "elegxos@kozani.gr",
    ):
        assert personal not in text
    service = next(s for s in exported if s["name"] == "Κοινωνικό Φαρμακείο Κοζάνης")
    assert "contacts" not in service and "assurer_email" not in service
    assert "contacts" not in service["organization"]
    # The public contact addresses of the service and the organisation stay.
    assert service["email"] == "farmakeio@kozani.gr"
    assert service["organization"]["email"] == "kentrokoinotitas@kozani.gr"
    assert [schema_errors(s) for s in exported] == [[], []]


def test_a_confidential_place_leaves_nothing_behind(every_field, tmp_path):
    """Neither the place nor what is listed only there (its hours, phones, languages, contacts)."""
    page = ServicePage.objects.get(title="Κοινωνικό Φαρμακείο Κοζάνης")
    centre = page.locations.get(name="Κέντρο Κοινότητας Κοζάνης")
    centre.confidential = True
    centre.save()
    for full in ((), ("--full",)):
        exported = next(s for s in run_export(tmp_path, *full) if s["id"] == str(page.hsds_id))
        text = json.dumps(exported, ensure_ascii=False)
        for secret in (
            "Κέντρο Κοινότητας Κοζάνης",  # its name, its identifier, its own phone, contact, languages and hours
            "KAEK-centre",
            "24610 27065",
            "Ελένη Ιωάννου",
            "Με διερμηνέα, Πέμπτες",
            "Ωράριο: centre-evening",
            "Ωράριο: centre-building",
            "40.3007,",
        ):
            assert secret not in text
        assert [sal["location"]["name"] for sal in exported["service_at_locations"]] == ["ΚΑΠΗ Σερβίων"]
    with pytest.raises(ValueError):
        HsdsExporter(full=True).service_at_location(centre, [], page)


def test_an_organisations_own_copy_of_a_confidential_place_is_left_out(every_field, tmp_path):
    page = ServicePage.objects.get(title="Κοινωνικό Φαρμακείο Κοζάνης")
    organisation = OrganisationPage.objects.get(title="Κέντρο Κοινότητας Δήμου Κοζάνης")
    centre = page.locations.get(name="Κέντρο Κοινότητας Κοζάνης")
    copy_of_centre = {"id": str(centre.hsds_location_id), "location_type": "physical", "name": "Ξενώνας, οδός Χ 1"}
    organisation.hsds_extra["locations"].append(copy_of_centre)
    organisation.save()
    assert "Ξενώνας, οδός Χ 1" in json.dumps(run_export(tmp_path, "--full"), ensure_ascii=False)
    centre.confidential = True
    centre.save()
    for full in ((), ("--full",)):
        exported = json.dumps(run_export(tmp_path, *full), ensure_ascii=False)
        assert "Ξενώνας, οδός Χ 1" not in exported
        assert "Αποθήκη τροφίμων" in exported  # the organisation's other location stays


# The official examples ----------------------------------------------------------------

#: What our importer changes on purpose in the official examples, value by value: the
#: phone number is written with quotation marks around it (`"+44 1234 234567"`) and is
#: cleaned of them; the location's point (latitude 100, longitude 101) is not on Earth,
#: let alone in Greece, and is dropped with a warning; the service's description ends
#: with a space, and texts are trimmed.
PHONE_AS_WRITTEN, PHONE_CLEANED = '"+44 1234 234567"', "+44 1234 234567"


def as_our_importer_leaves_it(obj):
    obj = copy.deepcopy(obj)

    def fix(value):
        if isinstance(value, dict):
            if value.get("number") == PHONE_AS_WRITTEN:
                value["number"] = PHONE_CLEANED
            if value.get("latitude") == 100 and value.get("longitude") == 101:
                del value["latitude"], value["longitude"]
            if "status" in value and isinstance(value.get("description"), str):  # a service
                value["description"] = value["description"].strip()
            for key, item in value.items():
                if key != "locations":  # an organisation's own locations are kept verbatim, as they came
                    fix(item)
        elif isinstance(value, list):
            for item in value:
                fix(item)

    fix(obj)
    return obj


def test_official_service_full_round_trips(directory_page, tmp_path):
    source = example("service_full.json")
    report = run_import([source], tmp_path)
    assert rejections(report) == []
    (exported,) = run_export(tmp_path, "--full")
    assert_same(exported, as_our_importer_leaves_it(source))


def test_official_service_list_round_trips(directory_page, tmp_path):
    source = example("service_list.json")["contents"]
    report = run_import(source, tmp_path)
    assert rejections(report) == []
    exported = run_export(tmp_path, "--full")
    for service in source:
        assert_same(next(s for s in exported if s["id"] == service["id"]), as_our_importer_leaves_it(service))


def test_official_service_at_location_full_round_trips(directory_page, tmp_path):
    """A service_at_location with its service: imported as that service at that place."""
    source = example("service_at_location_full.json")
    service = dict(source["service"])
    link = {key: value for key, value in source.items() if key != "service"}
    service["service_at_locations"] = [link]
    report = run_import([service], tmp_path)
    assert rejections(report) == []
    (exported,) = run_export(tmp_path, "--full")
    assert_same(exported["service_at_locations"][0], as_our_importer_leaves_it(link))


def test_official_location_round_trips(directory_page, tmp_path):
    """A location, given as the one place of a service."""
    location = example("location.json")
    service = {
        "id": "0d4ab2b2-5b6a-4b5c-9c1c-000000000002",
        "name": "A service at the example location",
        "status": "active",
        "organization": {"id": "0d4ab2b2-5b6a-4b5c-9c1c-000000000003", "name": "An organisation", "description": ""},
        "service_at_locations": [{"id": "0d4ab2b2-5b6a-4b5c-9c1c-000000000001", "location": location}],
    }
    report = run_import([service], tmp_path)
    assert rejections(report) == []
    (exported,) = run_export(tmp_path, "--full")
    assert_same(exported["service_at_locations"][0]["location"], as_our_importer_leaves_it(location))


def test_official_organization_full_round_trips(directory_page, tmp_path):
    """An organisation with its services: each service imported with the organisation."""
    source = example("organization_full.json")
    organisation = {key: value for key, value in source.items() if key != "services"}
    services = [dict(service, organization=organisation) for service in source["services"]]
    report = run_import(services, tmp_path)
    assert rejections(report) == []
    exported = run_export(tmp_path, "--full")
    assert_same(exported[0]["organization"], as_our_importer_leaves_it(organisation))


def test_official_examples_keep_no_person_in_the_public_export(directory_page, tmp_path):
    run_import([example("service_full.json")], tmp_path)
    (exported,) = run_export(tmp_path)
    text = json.dumps(exported)
    assert "email@example.com" not in text.replace('"email": "email@example.com"', "", 2)
    assert "Ann Persona" not in text
    assert "contacts" not in text


def test_official_tabular_package_round_trips(directory_page, tmp_path):
    """The official CSV package: what we read from it comes out of a full export the same.

    Rows of a package name their owners by foreign keys (`service_id`, `location_id`...);
    nested, those links are what the nesting says, so they are compared without them.
    """
    from directory.hsds.tabular import read_package

    package = tmp_path / "csv"
    shutil.copytree(EXAMPLES / "csv", package)
    # The examples' descriptor is a link to the specification's own, which we keep beside the code.
    shutil.copy(settings.BASE_DIR / "directory" / "hsds" / "schema" / "datapackage.json", package / "datapackage.json")
    ((_line, source),) = read_package(package / "datapackage.json")
    report = run_import(package / "datapackage.json", tmp_path)
    assert rejections(report) == []
    (exported,) = run_export(tmp_path, "--full")
    assert_same(exported, as_our_importer_leaves_it(without_back_links(source)))


def without_back_links(obj, top=True):
    if isinstance(obj, list):
        return [without_back_links(item, top=False) for item in obj]
    if not isinstance(obj, dict):
        return obj
    links = set() if top else BACK_LINKS - {"location_id"} if "location" in obj else BACK_LINKS
    return {key: without_back_links(value, top=False) for key, value in obj.items() if key not in links}


def test_the_public_page_and_wagtail_api_show_no_person(every_field, client):
    page = ServicePage.objects.get(title="Κοινωνικό Φαρμακείο Κοζάνης")
    html = client.get(page.url).content.decode()
    api = client.get("/api/v2/pages/", {"type": "directory.ServicePage", "fields": "*"}).content.decode()
    for text in (html, api):
        for personal in ("elegxos@kozani.gr", "a.hasan@kozani.gr", "g.nikolaou@kozani.gr", "Αχμέτ Χασάν"):
            assert personal not in text
    assert "farmakeio@kozani.gr" in html  # the service's own public address


def test_a_page_of_services_is_a_fixed_number_of_queries(every_field, django_assert_max_num_queries):
    """The API serialises with these functions: prefetching makes 2 services or 40 cost the same."""
    from directory.factories import ServiceLocationFactory, ServicePageFactory, ServicePhoneFactory
    from directory.hsds.exporter import prefetch, prefetch_organisations

    organisation = OrganisationPage.objects.get(title="Κέντρο Κοινότητας Δήμου Κοζάνης")

    def export_all():
        exporter = HsdsExporter(full=True)
        exporter.language_codes()  # one query per exporter, not per page
        with django_assert_max_num_queries(len(_QUERIES)):
            pages = prefetch(ServicePage.objects.filter(live=True).order_by("path"))
            organisations = {org.path: org for org in prefetch_organisations(OrganisationPage.objects.all())}
            return [exporter.service(page, organisations[page.path[:-4]]) for page in pages]

    assert len(export_all()) == 2
    for index in range(38):
        page = ServicePageFactory(parent=organisation, title=f"Υπηρεσία {index}")
        ServiceLocationFactory(page=page)
        ServicePhoneFactory(page=page)
    assert len(export_all()) == 40


#: What any number of services costs: the pages and their 16 relations (places, areas,
#: phones, hours, contacts, cost options, terms...), the organisations and their 7 (parent,
#: phones, identifiers, contacts, programs, funding), and the confidential places' ids
#: (the organisation lists locations of its own): 26 queries, whether 2 services or 40.
_QUERIES = range(1 + 16 + 1 + 7 + 1)


def test_revisions_and_translations_carry_every_object(every_field, django_capture_on_commit_callbacks):
    """The objects are inline children of the page: a revision and a wagtail-localize
    translation hold them too (ids, links and kept fields copied, words to translate)."""
    from wagtail_localize.models import Translation, TranslationSource

    from wagtail.models import Locale

    page = ServicePage.objects.get(title="Κοινωνικό Φαρμακείο Κοζάνης")
    restored = page.save_revision().as_object()
    assert [c.email for c in restored.contacts.all()] == [c.email for c in page.contacts.all()]
    assert [s.hsds_extra for s in restored.schedules.all()] == [s.hsds_extra for s in page.schedules.all()]
    assert restored.hsds_extra == page.hsds_extra and restored.program_hsds_id == page.program_hsds_id

    english = Locale.objects.get(language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        for source_page in (page.get_parent().get_parent(), page.get_parent(), page):
            source, _created = TranslationSource.get_or_create_from_instance(source_page.specific)
            translation, _created = Translation.objects.get_or_create(source=source, target_locale=english)
            translation.save_target(publish=True)
    translated = ServicePage.objects.get(translation_key=page.translation_key, locale=english)
    assert translated.cost_options.count() == 2 and translated.service_areas.count() == 2
    assert [c.hsds_id for c in translated.contacts.all()] == [c.hsds_id for c in page.contacts.all()]
    centre = translated.schedules.get(description="Ωράριο: centre-evening")
    assert centre.service_at_location_hsds_id == page.locations.first().hsds_service_at_location_id
