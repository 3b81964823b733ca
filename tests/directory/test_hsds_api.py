"""The HSDS 3.0 API (/api/hsds/): what the specification's OpenAPI document promises,
our extensions, and what must never be published.

Records come in the way real ones do: through the importer (tests/directory/data/
hsds-good.json, with a confidential shelter), plus messy ones made with factories
(English content, a long name, many services for paging). Every JSON answer is checked
against the specification's own schemas (schema/compiled/*.json, with format checks).
"""

import datetime
import functools
import json

import jsonschema
import pytest

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from wagtail.models import Locale

from directory.factories import (
    OrganisationPageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
    ServicePhoneFactory,
    ServiceScheduleFactory,
)
from directory.hsds import profile
from directory.hsds.api import openapi
from directory.hsds.exporter import derived_id
from directory.models import (
    AccessCondition,
    AdministrativeArea,
    ServiceCategory,
    ServiceContact,
    ServicePage,
    TargetGroup,
)

pytestmark = pytest.mark.django_db

SPEC = settings.BASE_DIR / "tests" / "data" / "hsds-3.0" / "schema"
API = "/api/hsds"
KOZANI_GROCERY = "5df2a1a4-6eae-5fae-8b58-95ca9042dc84"
SHELTER = "dc7111d2-93c0-5c0c-99cf-b0ab27ca6590"
SHELTER_ORG = "fde61201-9bd5-55b0-817c-06a20028e246"
#: The shelter's confidential location in the imported file: none of it may ever leave.
SECRET_LOCATION = "a0e4640b-e249-5f25-9610-b8873aba0c38"
SECRETS = ("Μυστική οδός", "40.5123", "21.6789", "50200", SECRET_LOCATION, "confidential")
PRIVATE = ("Ελεγκτής", "assurer_email", "assured_by", "Κωστοπούλου", "e.kostopoulou@example.gr", "contacts")


@functools.cache
def validator(name):
    """A validator for one of the specification's schema files (compiled ones inline every $ref)."""
    path = SPEC / (f"compiled/{name}.json" if name not in ("taxonomy", "taxonomy_term") else f"{name}.json")
    schema = json.loads(path.read_text(encoding="utf-8"))
    if name == "taxonomy_term":  # its one relative $ref, resolved from the same folder
        schema["properties"]["taxonomy_detail"] = json.loads((SPEC / "taxonomy.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def assert_valid(obj, name):
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(name).iter_errors(obj)]
    assert errors == [], errors[:5]


def assert_page(body, item_schema):
    page_schema = openapi.document()["components"]["schemas"]["Page"]
    jsonschema.Draft202012Validator(page_schema).validate(body)
    assert body["size"] == len(body["contents"])
    for item in body["contents"]:
        assert_valid(item, item_schema)


def get(client, path, **headers):
    return client.get(API + path, **headers)


def body_text(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def ok(client, path, **headers):
    response = get(client, path, **headers)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


@pytest.fixture
def imported(directory_page, term):
    """Three services as an imported registry has them: a grocery in Kozani, a women's
    shelter whose house is confidential (its reception office is not), a counselling
    centre in Marousi; built with factories and indexed for search."""
    network = OrganisationPageFactory(title="Κοινωνικό Δίκτυο Δυτικής Μακεδονίας", hsds_id=SHELTER_ORG)
    municipality = OrganisationPageFactory(title="Δήμος Κοζάνης - Κοινωνική Υπηρεσία", parent_organisation=network)
    grocery = ServicePageFactory(
        parent=municipality, title="Κοινωνικό Παντοπωλείο Κοζάνης", hsds_id=KOZANI_GROCERY, assured_by="Ελεγκτής"
    )
    grocery.categories.add(term(ServiceCategory, "social-grocery"))
    grocery.target_groups.add(term(TargetGroup, "large-family"))
    grocery.access_conditions.add(term(AccessCondition, "free"))
    grocery.save()  # parental many-to-many links are written on save
    ServiceLocationFactory(
        page=grocery,
        name="Δημαρχείο Κοζάνης",
        address_1="Οδός Ελευθερίας 12",
        municipality=term(AdministrativeArea, "m-67"),
    )
    ServiceScheduleFactory(page=grocery)
    ServicePhoneFactory(page=grocery, number="+30 2461 350000")
    shelter = ServicePageFactory(parent=network, title="Ξενώνας φιλοξενίας γυναικών", hsds_id=SHELTER)
    shelter.categories.add(term(ServiceCategory, "shelter"))
    shelter.target_groups.add(term(TargetGroup, "women-violence"))
    shelter.save()
    ServiceLocationFactory(
        page=shelter,
        name="Ξενώνας",
        address_1="Μυστική οδός 7",
        postal_code="50200",
        latitude=40.5123,
        longitude=21.6789,
        confidential=True,
        municipality=term(AdministrativeArea, "m-67"),
        hsds_location_id=SECRET_LOCATION,
    )
    ServiceLocationFactory(
        page=shelter,
        name="Γραφείο υποδοχής",
        address_1="Πλατεία Νίκης 3",
        latitude=40.3005,
        longitude=21.789,
        municipality=term(AdministrativeArea, "m-67"),
    )
    # A person: HSDS contacts are kept for the operator's own export, never published.
    ServiceContact.objects.create(
        page=shelter, name="Ελένη Κωστοπούλου", title="Κοινωνική λειτουργός", email="e.kostopoulou@example.gr"
    )
    marousi = OrganisationPageFactory(title="Δήμος Αμαρουσίου")
    counselling = ServicePageFactory(parent=marousi, title="Συμβουλευτικό κέντρο Αμαρουσίου")
    counselling.target_groups.add(term(TargetGroup, "women-violence"))
    counselling.save()
    ServiceLocationFactory(
        page=counselling,
        address_1="Βασ. Σοφίας 9",
        postal_code="151 24",
        city="Μαρούσι",
        latitude=38.0467,
        longitude=23.8058,
        municipality=term(AdministrativeArea, "m-176"),
    )
    index_everything()


def index_everything():
    from search.backends.postgres import PostgresBackend
    from search.indexing import Indexer

    Indexer(PostgresBackend()).rebuild()


@pytest.fixture
def messy(imported, term):
    """Records as real registries have them: English content, a 300-character name, a
    foreign phone, services of one organisation spread over pages."""
    organisation = OrganisationPageFactory(title="Athens Refugee Help Desk (English-only listing)")
    long_name = "Κέντρο Κοινότητας Δήμου Αθηναίων – παράρτημα Ρομά, " * 6
    services = []
    for number in range(7):
        service = ServicePageFactory(
            parent=organisation,
            title=f"Legal aid clinic {number}" if number else long_name[:255],
            description="Free legal advice for asylum seekers, in English, Arabic and Farsi.",
            website="https://example.org/legal",
        )
        service.categories.add(term(ServiceCategory, "food" if number % 2 else "legal-aid"))
        service.target_groups.add(term(TargetGroup, "migrants-refugees"))
        if number < 3:
            service.access_conditions.add(term(AccessCondition, "free"))
        service.save()
        ServiceLocationFactory(
            page=service,
            name=f"Desk {number}",
            address_1=f"Acharnon {10 + number}",
            postal_code="104 39",
            city="Athens",
            latitude=37.99 + number * 0.01,
            longitude=23.73,
            municipality=term(AdministrativeArea, "m-193"),
        )
        services.append(service)
    index_everything()
    return organisation, services


def service_ids(body):
    return [item["id"] for item in body["contents"]]


# --- the documents ----------------------------------------------------------------------


def test_root_names_the_version_profile_and_openapi_document(client, imported):
    body = ok(client, "/")

    assert body["version"] == "3.0"
    assert body["profile"].endswith("/api/hsds/profile/")
    assert body["openapi_url"].endswith("/api/hsds/openapi.json")
    document = ok(client, "/openapi.json")
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) >= {
        "/",
        "/services",
        "/services/{id}",
        "/organizations",
        "/organizations/{id}",
        "/service_at_locations",
        "/service_at_locations/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
    }
    assert "raw.githubusercontent.com" not in json.dumps(document)  # self-contained
    names = {p.get("$ref", "").rsplit("/", 1)[-1] for p in document["paths"]["/services"]["get"]["parameters"]}
    assert names >= {"search", "page", "per_page", "near", "radius_km", "category", "municipality", "open_now", "free"}


def test_the_profile_is_served_as_merge_patches_and_patched_schemas(client, imported):
    index = ok(client, "/profile/")

    assert set(index["patches"]) == set(profile.patch_names())
    service_patch = ok(client, "/profile/service.json")
    assert service_patch["properties"]["assurer_email"] is None
    patched = ok(client, "/profile/schema/service.json")
    assert "assurer_email" not in patched["properties"]
    assert "fees_description" in patched["properties"]
    assert get(client, "/profile/schema/nothing.json").status_code == 404


def test_merge_patch_follows_rfc_7386():
    # The RFC's own example (appendix A, first case) and removal by null.
    assert profile.merge_patch({"a": "b"}, {"a": "c"}) == {"a": "c"}
    assert profile.merge_patch({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}) == {"a": {"b": "d"}}
    assert profile.merge_patch({"a": [{"b": "c"}]}, {"a": [1]}) == {"a": [1]}
    assert profile.merge_patch({"e": None}, {"a": 1}) == {"e": None, "a": 1}


# --- shapes ------------------------------------------------------------------------------


def test_every_endpoint_answers_in_the_specifications_shapes(client, messy):
    services = ok(client, "/services?per_page=100")
    assert_page(services, "service_list")
    assert all("phones" not in s for s in services["contents"])  # list shape: one-to-one fields
    full = ok(client, "/services?full=true&per_page=100")
    assert_page(full, "service")
    assert any(s.get("service_at_locations") for s in full["contents"])
    detail = ok(client, f"/services/{KOZANI_GROCERY}")
    assert_valid(detail, "service")
    assert detail["name"] == "Κοινωνικό Παντοπωλείο Κοζάνης"
    assert detail["phones"] and detail["schedules"] and detail["attributes"]

    organisations = ok(client, "/organizations")
    assert_page(organisations, "organization_list")
    nested = ok(client, "/organizations?full=true")
    assert_page(nested, "organization")
    organisation = ok(client, f"/organizations/{SHELTER_ORG}")
    assert_valid(organisation, "organization")
    assert [s["id"] for s in organisation["services"]] == [SHELTER]

    places = ok(client, "/service_at_locations?per_page=100")
    assert_page(places, "service_at_location_list")
    one = places["contents"][0]
    assert_valid(ok(client, f"/service_at_locations/{one['id']}"), "service_at_location")

    taxonomies = ok(client, "/taxonomies")
    assert_page(taxonomies, "taxonomy")
    assert {t["name"] for t in taxonomies["contents"]} >= {"koinonia-service-category", "koinonia-area"}
    assert_valid(ok(client, f"/taxonomies/{taxonomies['contents'][0]['id']}"), "taxonomy")
    terms = ok(client, "/taxonomy_terms?per_page=100")
    assert_page(terms, "taxonomy_term")
    assert_valid(ok(client, f"/taxonomy_terms/{terms['contents'][0]['id']}"), "taxonomy_term")


def test_a_term_in_a_services_attributes_is_found_by_its_id(client, imported):
    grocery = ok(client, f"/services/{KOZANI_GROCERY}")
    category = next(
        a["taxonomy_term"]
        for a in grocery["attributes"]
        if a["taxonomy_term"]["taxonomy"] == "koinonia-service-category"
    )
    area = next(
        a["taxonomy_term"]
        for a in grocery["service_at_locations"][0]["location"]["attributes"]
        if a["taxonomy_term"]["taxonomy"] == "koinonia-area"
    )

    assert ok(client, f"/taxonomy_terms/{category['id']}")["code"] == category["code"]
    municipality = ok(client, f"/taxonomy_terms/{area['id']}")
    assert (municipality["code"], municipality["taxonomy"]) == ("m-67", "koinonia-area")
    region_unit = ok(client, f"/taxonomy_terms/{municipality['parent_id']}")
    assert region_unit["taxonomy"] == "koinonia-area"
    children = ok(client, f"/taxonomy_terms?parent_id={municipality['parent_id']}&per_page=100")
    assert "m-67" in [t["code"] for t in children["contents"]]


# --- paging -----------------------------------------------------------------------------


def test_paging_fields_walk_every_record_once(client, messy):
    total = ok(client, "/services?minimal=true&per_page=1000")["total_items"]
    assert total == 10  # 3 imported + 7

    seen = []
    for number in range(1, 6):
        body = ok(client, f"/services?per_page=2&page={number}")
        assert (body["page_number"], body["total_items"], body["total_pages"]) == (number, total, 5)
        assert body["first_page"] is (number == 1)
        assert body["last_page"] is (number == 5)
        assert body["empty"] is False
        seen += service_ids(body)
    assert len(seen) == len(set(seen)) == total
    beyond = ok(client, "/services?per_page=2&page=6")
    assert (beyond["size"], beyond["contents"], beyond["last_page"], beyond["empty"]) == (0, [], True, False)
    nothing = ok(client, "/services?search=zzzxxqqq")
    assert (nothing["total_items"], nothing["total_pages"], nothing["empty"]) == (0, 0, True)


def test_minimal_gives_ids_and_dates_only(client, messy):
    ServicePage.objects.update(last_published_at=timezone.now())
    body = ok(client, "/services?minimal=true&per_page=5000")

    assert body["size"] == body["total_items"] == 10
    assert all(set(item) == {"id", "last_modified"} for item in body["contents"])


# --- filters ----------------------------------------------------------------------------


def test_search_goes_through_the_search_service(client, messy):
    # Greeklish, no accents: the search service's reading, not a LIKE.
    found = ok(client, "/services?search=koinoniko+pantopoleio")
    assert service_ids(found) == [KOZANI_GROCERY]
    english = ok(client, "/services?search=legal+advice&per_page=100")
    assert english["total_items"] == 7
    assert service_ids(ok(client, "/organizations?search=diktyo+dytikis+makedonias")) == [SHELTER_ORG]


def test_hsds_filters(client, messy, term):
    organisation, services = messy
    refugees = str(term(TargetGroup, "migrants-refugees").hsds_id)
    assert ok(client, f"/services?taxonomy_term_id={refugees}")["total_items"] == 7
    by_org = ok(client, f"/services?organization_id={organisation.hsds_id}&per_page=100")
    assert sorted(service_ids(by_org)) == sorted(str(s.hsds_id) for s in services)
    groups = profile.taxonomy_by_name()["koinonia-target-group"]["id"]
    assert ok(client, f"/services?taxonomy_id={groups}")["total_items"] == 10
    kozani = derived_id("koinonia-area", "m-67")
    assert set(service_ids(ok(client, f"/services?taxonomy_term_id={kozani}"))) == {KOZANI_GROCERY, SHELTER}
    # modified_after: only what was published since.
    ServicePage.objects.update(last_published_at=timezone.now() - datetime.timedelta(days=30))
    ServicePage.objects.filter(pk=services[0].pk).update(last_published_at=timezone.now())
    since = (timezone.now() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert service_ids(ok(client, f"/services?modified_after={since}")) == [str(services[0].hsds_id)]
    # Unknown (but well-formed) ids filter to nothing rather than fail.
    unknown = "00000000-0000-4000-8000-000000000000"
    for name in ("taxonomy_term_id", "taxonomy_id", "organization_id"):
        assert ok(client, f"/services?{name}={unknown}")["total_items"] == 0
        assert ok(client, f"/service_at_locations?{name}={unknown}")["total_items"] == 0
    for name in ("taxonomy_id", "parent_id"):  # found by schemathesis: an unknown taxonomy was a 500
        assert ok(client, f"/taxonomy_terms?{name}={unknown}")["total_items"] == 0


def test_our_search_filters_have_the_public_searchs_names(client, messy):
    assert ok(client, "/services?category=food&per_page=100")["total_items"] == 3
    assert ok(client, "/services?category=food&category=legal-aid&per_page=100")["total_items"] == 7
    assert ok(client, "/services?group=migrants-refugees&free=1&per_page=100")["total_items"] == 3
    assert set(service_ids(ok(client, "/services?municipality=m-67"))) == {KOZANI_GROCERY, SHELTER}
    # A region holds its municipalities.
    attica = AdministrativeArea.objects.get(code="m-193", locale=Locale.get_default()).parent.parent.code
    assert ok(client, f"/services?municipality={attica}&per_page=100")["total_items"] == 8  # with Marousi
    bad = get(client, "/services?category=no-such-category")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["parameter"] == "category"


def test_open_now_finds_what_is_open(client, messy):
    _organisation, services = messy
    ServiceScheduleFactory(
        page=services[1], weekdays=list(range(7)), opens_at=datetime.time(0, 0), closes_at=datetime.time(23, 59)
    )
    body = ok(client, "/services?open_now=1&per_page=100")
    now = timezone.localtime()
    if now.time() < datetime.time(23, 59):
        assert str(services[1].hsds_id) in service_ids(body)
    assert str(services[2].hsds_id) not in service_ids(body)


def test_near_sorts_by_distance_and_keeps_to_the_radius(client, messy):
    _organisation, services = messy
    body = ok(client, "/services?near=38.05,23.73&radius_km=5&per_page=100")

    # Desks are 1.1 km apart going north from 37.99: the nearest to 38.05 is desk 6.
    assert service_ids(body)[:3] == [str(services[i].hsds_id) for i in (6, 5, 4)]
    assert KOZANI_GROCERY not in service_ids(body)
    places = ok(client, "/service_at_locations?near=38.05,23.73&radius_km=5&per_page=100")
    assert [p["location"]["name"] for p in places["contents"]][:2] == ["Desk 6", "Desk 5"]
    assert KOZANI_GROCERY in service_ids(ok(client, "/services?near=Κοζάνη&radius_km=30"))


def test_postcode_and_proximity(client, messy):
    assert ok(client, "/service_at_locations?postcode=10439&per_page=100")["total_items"] == 7
    assert ok(client, "/service_at_locations?postcode=50100&proximity=2000")["total_items"] >= 1
    assert get(client, "/service_at_locations?proximity=2000").status_code == 400


# --- what never leaves ------------------------------------------------------------------


def test_confidential_locations_never_appear_on_any_endpoint(client, messy):
    shelter = ServicePage.objects.get(hsds_id=SHELTER)
    secret = shelter.locations.get(confidential=True)
    shelter.assured_by = "Μαρία Παπαδοπούλου, κοινωνική λειτουργός"
    shelter.save_revision().publish()
    public_place = shelter.locations.get(confidential=False)
    paths = [
        "/services?per_page=100",
        "/services?full=true&per_page=100",
        "/services?format=ndjson&full=true",
        f"/services/{SHELTER}",
        "/services?search=xenonas&full=1",
        "/organizations?full=true&full_service=true",
        f"/organizations/{SHELTER_ORG}?full_service=true",
        "/service_at_locations?full=true&per_page=100",
        "/service_at_locations?format=ndjson&full=true",
        f"/service_at_locations/{public_place.hsds_service_at_location_id}",
        "/taxonomy_terms?per_page=100",
        "/services?lang=en&full=true&per_page=100",
    ]
    for path in paths:
        text = body_text(get(client, path))
        for secret_text in (*SECRETS, str(secret.hsds_location_id), str(secret.hsds_service_at_location_id)):
            assert secret_text not in text, (path, secret_text)
        for private in (*PRIVATE, "Μαρία Παπαδοπούλου"):
            assert private not in text, (path, private)
    # Its point does not even count for `near`, and its id is not found.
    near_secret = ok(client, "/services?near=40.5123,21.6789&radius_km=1")
    assert near_secret["total_items"] == 0
    assert get(client, f"/service_at_locations/{secret.hsds_service_at_location_id}").status_code == 404


# --- HTTP -------------------------------------------------------------------------------


def test_etag_and_last_modified_answer_304_until_something_is_published(client, messy):
    first = get(client, "/services?per_page=5")
    etag, modified = first["ETag"], first["Last-Modified"]

    assert get(client, "/services?per_page=5", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert get(client, "/services?per_page=5", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert get(client, "/services?per_page=6", HTTP_IF_NONE_MATCH=etag).status_code == 200
    _organisation, services = messy
    services[0].save_revision().publish()
    again = get(client, "/services?per_page=5", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert again["ETag"] != etag


def test_read_only_cors_open_and_no_key(client, imported):
    response = get(client, "/services")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Accept-Language" in response["Vary"]
    for method in ("post", "put", "patch", "delete"):
        refused = getattr(client, method)(API + "/services")
        assert refused.status_code == 405
        assert refused.json()["error"]
        assert refused["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(API + "/services", HTTP_ORIGIN="https://partner.example")
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_ndjson_streams_every_record_without_paging(client, messy):
    response = get(client, "/services?format=ndjson&per_page=1")

    assert response["Content-Type"] == "application/x-ndjson"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 10
    for line in lines:
        assert_valid(json.loads(line), "service_list")
    terms = b"".join(get(client, "/taxonomy_terms?format=ndjson").streaming_content).decode().splitlines()
    assert len(terms) == ok(client, "/taxonomy_terms")["total_items"]


@pytest.mark.parametrize(
    "path,parameter",
    [
        ("/services?page=0", "page"),
        ("/services?page=-1", "page"),
        ("/services?per_page=1000000000", "per_page"),
        ("/services?per_page=0", "per_page"),
        ("/services?page=²", "page"),
        ("/services?modified_after=garbage", "modified_after"),
        ("/services?modified_after=2025-13-45", "modified_after"),
        ("/services?organization_id=not-a-uuid", "organization_id"),
        ("/services?taxonomy_term_id=1", "taxonomy_term_id"),
        ("/services?near=5e-324,5e-324&radius_km=5e-324", "radius_km"),
        ("/services?near=91,200", "near"),
        ("/services?near=Atlantis", "near"),
        ("/services?radius_km=5", "radius_km"),
        ("/services?minimal=maybe", "minimal"),
        ("/services?format=xml", "format"),
        ("/services?lang=xx", "lang"),
        ("/taxonomy_terms?parent_id=zzz", "parent_id"),
    ],
)
def test_bad_parameters_are_a_clear_json_400(client, imported, path, parameter):
    response = get(client, path)

    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert body["error"]
    assert parameter in [e["parameter"] for e in body["errors"]]


def test_nul_bytes_tiny_numbers_and_unknown_ids_never_500(client, imported):
    assert get(client, "/services?page=%00").status_code == 400
    assert get(client, "/services?near=5e-324,5e-324").status_code == 200
    for path in ("/services/", "/organizations/", "/service_at_locations/", "/taxonomies/", "/taxonomy_terms/"):
        for wrong in ("not-a-uuid", "00000000-0000-4000-8000-000000000000", "%E2%80%AE"):
            response = get(client, path + wrong)
            assert response.status_code == 404, (path, wrong)
            assert response.json()["error"]


# --- languages --------------------------------------------------------------------------


def test_content_in_the_requested_language_with_the_same_ids(client, imported):
    english_locale = Locale.objects.get(language_code="en")
    grocery = ServicePage.objects.get(hsds_id=KOZANI_GROCERY)
    translation_page = grocery.copy_for_translation(english_locale, copy_parents=True, alias=False)
    translation_page.title = "Kozani social grocery"
    translation_page.description = "Food for families on low incomes."
    translation_page.save_revision().publish()

    greek = ok(client, f"/services/{KOZANI_GROCERY}")
    english = ok(client, f"/services/{KOZANI_GROCERY}?lang=en")
    assert greek["name"] == "Κοινωνικό Παντοπωλείο Κοζάνης"
    assert (english["id"], english["name"]) == (KOZANI_GROCERY, "Kozani social grocery")
    assert english["description"] == "Food for families on low incomes."
    names = {a["taxonomy_term"]["code"]: a["taxonomy_term"]["name"] for a in english["attributes"]}
    assert (
        names["free"] != {a["taxonomy_term"]["code"]: a["taxonomy_term"]["name"] for a in greek["attributes"]}["free"]
    )
    by_header = ok(client, f"/services/{KOZANI_GROCERY}", HTTP_ACCEPT_LANGUAGE="en")
    assert by_header["name"] == "Kozani social grocery"
    assert get(client, "/services", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "en"
    # A service without a translation keeps its Greek words under ?lang=en.
    assert ok(client, f"/services/{SHELTER}?lang=en")["name"] == "Ξενώνας φιλοξενίας γυναικών"
    arabic = ok(
        client, "/taxonomy_terms?lang=ar&taxonomy_id=" + profile.taxonomy_by_name()["koinonia-service-category"]["id"]
    )
    assert arabic["contents"][0]["language"] == "ar"


def test_error_messages_follow_the_language(client, imported):
    with translation.override("en"):
        english = get(client, "/services?page=0&lang=en").json()
    assert english["error"] == "Some parameters are not valid."


# --- cost -------------------------------------------------------------------------------


def test_a_page_of_fifty_services_is_a_handful_of_queries(client, messy, django_assert_max_num_queries):
    organisation, _services = messy
    for number in range(50):
        service = ServicePageFactory(parent=organisation, title=f"Extra service {number:02d}")
        ServiceLocationFactory(page=service)
        ServiceScheduleFactory(page=service)
    get(client, "/services?per_page=50&full=true")  # warm per-process caches (locales, term index)

    with CaptureQueriesContext(connection) as ten:
        ok(client, "/services?per_page=10&full=true&page=2")
    with django_assert_max_num_queries(35):
        body = ok(client, "/services?per_page=50&full=true")
    assert body["size"] == 50
    # A fixed number: one query per kind of related object, whatever the page size.
    with CaptureQueriesContext(connection) as fifty:
        ok(client, "/services?per_page=50&full=true&page=1")
    assert len(fifty) == len(ten)
    # The same URL again, while nothing is published: the stored answer, no query at all.
    with CaptureQueriesContext(connection) as again:
        assert ok(client, "/services?per_page=50&full=true&page=1") == body
    assert len(again) == 0


def test_a_registry_imported_in_english_is_served_once_under_its_own_ids(client, imported):
    """`import_hsds --language en` publishes records in the English tree, with no Greek
    page: they are records of their own, in the API whatever the requested language."""
    from directory.models import DirectoryIndexPage

    english = Locale.objects.get(language_code="en")
    directory = DirectoryIndexPage.objects.get(locale=english)
    organisation = OrganisationPageFactory(parent=directory, title="Miami Food Bank Network")
    service = ServicePageFactory(parent=organisation, title="Emergency food pantry", description="Food for anyone.")

    greek_view = ok(client, "/services?per_page=100")
    assert str(service.hsds_id) in service_ids(greek_view)
    assert greek_view["total_items"] == 4
    assert ok(client, f"/services/{service.hsds_id}")["name"] == "Emergency food pantry"
    assert str(organisation.hsds_id) in service_ids(ok(client, "/organizations?per_page=100"))
    # A translation of a Greek record is not a record of its own.
    grocery = ServicePage.objects.get(hsds_id=KOZANI_GROCERY)
    grocery.copy_for_translation(english, copy_parents=True, alias=False).save_revision().publish()
    assert ok(client, "/services?per_page=100")["total_items"] == 4
