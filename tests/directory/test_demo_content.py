"""The demo content: an HSDS file that validates, is big and varied enough, only uses
codes that exist, places every location in its own municipality, and good practices
that load idempotently onto the organisations the importer created."""

import csv
import datetime
import json
from collections import Counter

import pytest
from jsonschema import Draft7Validator, FormatChecker

from django.conf import settings
from django.core.management import call_command

from wagtail.models import Locale

from directory import seeds
from directory.demo import build_demo
from directory.demo.good_practices import load_good_practices

SCHEMA_CANDIDATES = (settings.BASE_DIR / "directory" / "hsds" / "schema" / "service_with_definitions.json",)


@pytest.fixture(scope="module")
def services():
    return json.loads(build_demo.HSDS_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def practices():
    return json.loads(build_demo.GOOD_PRACTICES_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def municipalities():
    with open(build_demo.MUNICIPALITIES_CSV, encoding="utf-8") as fh:
        return {f"m-{row['elutils_municipality_id']}": row for row in csv.DictReader(fh)}


def locations(services):
    for service in services:
        for link in service["service_at_locations"]:
            yield service, link["location"]


def attributes(services):
    """Every taxonomy attribute anywhere in the file (service, location, schedule)."""
    for service in services:
        yield from service["attributes"]
        for schedule in service["schedules"]:
            yield from schedule.get("attributes", [])
    for _service, location in locations(services):
        yield from location["attributes"]


def test_the_files_are_what_the_generator_writes():
    """Someone who edits the JSON by hand loses the edit on the next regeneration."""
    assert build_demo.main(["--check"]) == 0


def test_every_record_validates_against_the_hsds_service_schema(services):
    schema_file = next(path for path in SCHEMA_CANDIDATES if path.exists())
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = Draft7Validator(schema, format_checker=FormatChecker())
    problems = [(service["name"], error.message) for service in services for error in validator.iter_errors(service)]
    assert problems == []


def test_it_is_as_big_as_a_real_network(services, practices):
    assert len({service["organization"]["id"] for service in services}) >= 60
    assert len(services) >= 250
    assert len(practices) >= 20


def test_ids_are_unique_and_stable(services):
    service_ids = [service["id"] for service in services]
    assert len(set(service_ids)) == len(service_ids)
    assert services[0]["id"] == build_demo.stable_id("service", "dimos-kozanis/social-service/1")
    # A location is one HSDS object wherever it is repeated.
    by_id = {}
    for _service, location in locations(services):
        assert by_id.setdefault(location["id"], location) == location


def test_descriptions_are_not_one_template(services):
    descriptions = Counter(service["description"] for service in services)
    assert descriptions.most_common(1)[0][1] == 1
    openings = Counter(service["description"].split(".")[0] for service in services)
    assert len(openings) >= 60


def test_only_known_codes_are_used(services, practices, municipalities):
    known = {
        "koinonia-service-category": set(build_demo.CATEGORIES),
        "koinonia-target-group": {code for code, _el, _en in seeds.TARGET_GROUPS},
        "koinonia-access-condition": {code for code, _el, _en in seeds.ACCESS_CONDITIONS},
        "koinonia-accessibility": {code for code, _el, _en in seeds.ACCESSIBILITY_FEATURES},
        "koinonia-area": set(municipalities),
        "koinonia-location-flag": {"confidential"},
        "koinonia-schedule": {"closed", "overnight"},
    }
    used = {(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]) for a in attributes(services)}
    assert {(taxonomy, code) for taxonomy, code in used if code not in known[taxonomy]} == set()
    languages = {code for code, _el, _en in seeds.LANGUAGES}
    assert {lang["code"] for service in services for lang in service["languages"]} <= languages

    regions = {row["region_iso3166_2"].lower() for row in municipalities.values()}
    units = {f"ru-{row['kallikratis_unit_code']}" for row in municipalities.values()}
    assert {p["area"] for p in practices} <= set(municipalities) | units | regions
    assert {code for p in practices for code in p["target_groups"]} <= known["koinonia-target-group"]
    organisations = {service["organization"]["id"] for service in services}
    assert {p["organization_id"] for p in practices} <= organisations


def test_every_location_lies_in_its_municipality(services, municipalities):
    for service, location in locations(services):
        (area,) = [
            a["taxonomy_term"]["code"]
            for a in location["attributes"]
            if a["taxonomy_term"]["taxonomy"] == "koinonia-area"
        ]
        row = municipalities[area]
        assert float(row["bbox_minlat"]) <= location["latitude"] <= float(row["bbox_maxlat"]), service["name"]
        assert float(row["bbox_minlon"]) <= location["longitude"] <= float(row["bbox_maxlon"]), service["name"]
        assert location["addresses"][0]["region"] == f"Δήμος {row['municipality_el']}"


def test_the_listings_cover_what_the_visitor_and_the_reports_need(services):
    statuses = Counter(service["status"] for service in services)
    assert statuses["temporarily closed"] >= 3
    assert all(s["alert"] for s in services if s["status"] == "temporarily closed")

    confidential = {
        location["id"]
        for _service, location in locations(services)
        if any(a["taxonomy_term"]["code"] == "confidential" for a in location["attributes"])
    }
    assert 2 <= len(confidential) <= 3

    rows = [schedule for service in services for schedule in service["schedules"]]
    assert any(r.get("opens_at") == "20:00" and r.get("closes_at") == "08:00" for r in rows)  # night shelter
    assert any(r.get("opens_at") == r.get("closes_at") == "00:00" and r["byday"].count(",") == 6 for r in rows)
    closures = [r for r in rows if any(a["taxonomy_term"]["code"] == "closed" for a in r.get("attributes", []))]
    assert {r["valid_from"][5:7] for r in closures} >= {"12", "08"}  # Christmas and August

    ages = [(build_demo.AS_OF - datetime.date.fromisoformat(s["assured_date"])).days for s in services]
    assert max(ages) <= 14 * 31
    assert sum(age > 183 for age in ages) >= 20  # content for the stale-listing report

    languages = Counter(lang["code"] for service in services for lang in service["languages"])
    assert languages["el"] == len(services)
    assert {"en", "ar", "fa", "uk"} <= set(languages)


def test_phone_numbers_use_the_real_area_codes(services):
    from directory.phones import normalise_phone

    kozani = [s for s in services if s["organization"]["name"] == "Δήμος Κοζάνης"]
    assert all(p["number"].startswith("2461") for s in kozani for p in s["phones"] if p["type"] == "voice")
    assert all(normalise_phone(p["number"]) for s in services for p in s["phones"])


def _organisations_for(practices, directory_page):
    """Organisation pages with the HSDS ids the good practices refer to."""
    from directory.factories import OrganisationPageFactory

    for index, organisation_id in enumerate(sorted({p["organization_id"] for p in practices})):
        OrganisationPageFactory(parent=directory_page, hsds_id=organisation_id, slug=f"gp-org-{index}")


@pytest.mark.django_db
def test_load_good_practices_is_idempotent(practices, directory_page, tmp_path):
    from directory.models import GoodPracticePage

    _organisations_for(practices, directory_page)
    path = build_demo.GOOD_PRACTICES_PATH

    assert load_good_practices(path) == (len(practices), 0)
    pages = GoodPracticePage.objects.filter(locale=Locale.get_default())
    assert pages.live().count() == len(practices)
    revisions = sorted(page.latest_revision_id for page in pages)

    assert load_good_practices(path) == (0, 0)
    assert sorted(page.latest_revision_id for page in pages.all()) == revisions

    first = practices[0]
    page = pages.get(slug=first["slug"])
    assert str(page.get_parent().specific.hsds_id) == first["organization_id"]
    assert page.area.code == first["area"]
    assert sorted(page.target_groups.values_list("code", flat=True)) == sorted(first["target_groups"])
    assert sorted(page.themes.names()) == sorted(first["themes"])

    changed = [dict(first, summary="Νέα περίληψη."), *practices[1:]]
    changed_path = tmp_path / "good-practices.json"
    changed_path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    assert load_good_practices(changed_path) == (0, 1)
    assert pages.get(slug=first["slug"]).summary == "Νέα περίληψη."


@pytest.mark.django_db
def test_good_practices_of_missing_organisations_are_skipped(directory_page):
    assert load_good_practices(build_demo.GOOD_PRACTICES_PATH) == (0, 0)


@pytest.mark.django_db
def test_the_importer_reads_every_demo_record_without_a_warning(directory_page, services):
    """`load_demo` imports all of it: no record rejected, nothing ignored (read only: writing 278 pages is slow)."""
    from directory.hsds.mapping import ServiceReader, Vocabulary
    from directory.hsds.schema import schema_errors

    reader = ServiceReader(Vocabulary(Locale.get_default()))
    for service in services:
        assert schema_errors(service) == [], service["name"]
        assert reader.read(service).warnings == [], service["name"]


@pytest.mark.django_db
def test_imported_demo_organisations_get_their_good_practices(directory_page, services, practices, tmp_path):
    """End to end through `import_hsds`, with one service of each organisation that has good practices."""
    from io import StringIO

    from directory.models import GoodPracticePage, OrganisationPage, ServicePage

    wanted = {p["organization_id"] for p in practices}
    first_of_each = {}
    for service in services:
        if service["organization"]["id"] in wanted:
            first_of_each.setdefault(service["organization"]["id"], service)
    shelters = [s for s in services if s["name"].startswith("Ξενώνας")]  # confidential places, 24/7 hours
    subset = list({s["id"]: s for s in [*first_of_each.values(), *shelters]}.values())
    path = tmp_path / "subset.json"
    path.write_text(json.dumps(subset, ensure_ascii=False), encoding="utf-8")

    out, err = StringIO(), StringIO()
    call_command("import_hsds", str(path), "--quiet-progress", stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert ServicePage.objects.live().count() == len(subset)
    assert OrganisationPage.objects.live().count() == len({s["organization"]["id"] for s in subset})
    assert ServicePage.objects.filter(locations__confidential=True).count() >= 2

    assert load_good_practices(build_demo.GOOD_PRACTICES_PATH) == (len(practices), 0)
    assert GoodPracticePage.objects.live().count() == len(practices)
