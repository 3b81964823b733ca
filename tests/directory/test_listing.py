"""The public listing: filters combine, every filtered view has its own URL,
unknown values are dropped with a message, and bad input never fails the page."""

import datetime

import pytest

from django.urls import reverse  # noqa: F401  (kept for readers: routes are page-relative)

from wagtail.models import Locale

from directory.factories import (
    OrganisationPageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
    ServiceScheduleFactory,
)
from directory.models import AccessCondition, AdministrativeArea, Language, ServiceCategory, TargetGroup
from tests.helpers import translated  # noqa: E402

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(directory_page, term):
    """Three services in two municipalities with different categories, groups and terms."""
    kozani = term(AdministrativeArea, "m-67")
    marousi = term(AdministrativeArea, "m-176")
    org = OrganisationPageFactory(title="Δήμος Κοζάνης")
    grocery = ServicePageFactory(
        parent=org,
        title="Κοινωνικό Παντοπωλείο Κοζάνης",
        categories=[term(ServiceCategory, "social-grocery")],
        target_groups=[term(TargetGroup, "unemployed")],
    )
    grocery.access_conditions.set([term(AccessCondition, "free")])
    grocery.languages.set([term(Language, "el"), term(Language, "ar")])
    ServiceLocationFactory(page=grocery, municipality=kozani)
    ServiceScheduleFactory(
        page=grocery, weekdays=list(range(7)), opens_at=datetime.time(0), closes_at=datetime.time(23, 59)
    )
    grocery.save_revision().publish()

    lawyer = ServicePageFactory(
        parent=org,
        title="Νομική Συμβουλευτική",
        categories=[term(ServiceCategory, "legal-aid")],
        target_groups=[term(TargetGroup, "migrants-refugees")],
    )
    ServiceLocationFactory(page=lawyer, municipality=kozani)

    kapi = ServicePageFactory(title="ΚΑΠΗ Αμαρουσίου", categories=[term(ServiceCategory, "kapi")])
    ServiceLocationFactory(page=kapi, municipality=marousi, latitude=38.05, longitude=23.80)
    # Published with their locations, as editors do: the counts come from the search
    # index, which a location saved on its own does not reach.
    for service in (lawyer, kapi):
        service.save_revision().publish()
    return {"grocery": grocery, "lawyer": lawyer, "kapi": kapi, "directory": directory_page}


def listing(client, directory_page, query="", route="services/"):
    return client.get(directory_page.url + route + (f"?{query}" if query else ""))


def titles(response):
    return [s.title for s in response.context["services"]]


def test_listing_shows_all_live_services(client, catalogue):
    response = listing(client, catalogue["directory"])
    assert response.status_code == 200
    assert titles(response) == ["ΚΑΠΗ Αμαρουσίου", "Κοινωνικό Παντοπωλείο Κοζάνης", "Νομική Συμβουλευτική"]


def test_sector_filter_includes_subcategories(client, catalogue):
    assert titles(listing(client, catalogue["directory"], "category=basic-goods")) == ["Κοινωνικό Παντοπωλείο Κοζάνης"]
    assert titles(listing(client, catalogue["directory"], "category=elderly-care")) == ["ΚΑΠΗ Αμαρουσίου"]


def test_filters_combine(client, catalogue):
    d = catalogue["directory"]
    assert titles(listing(client, d, "area=m-67")) == ["Κοινωνικό Παντοπωλείο Κοζάνης", "Νομική Συμβουλευτική"]
    assert titles(listing(client, d, "area=m-67&group=migrants-refugees")) == ["Νομική Συμβουλευτική"]
    assert titles(listing(client, d, "area=m-67&free=1&language=ar&open_now=1")) == ["Κοινωνικό Παντοπωλείο Κοζάνης"]
    assert titles(listing(client, d, "area=m-176&free=1")) == []


def test_region_filter_covers_its_municipalities(client, catalogue):
    response = listing(client, catalogue["directory"], "area=m-176")
    assert titles(response) == ["ΚΑΠΗ Αμαρουσίου"]


def test_name_filter_ignores_accents_and_case(client, catalogue):
    assert titles(listing(client, catalogue["directory"], "q=παντοπωλειο")) == ["Κοινωνικό Παντοπωλείο Κοζάνης"]
    assert titles(listing(client, catalogue["directory"], "q=ΚΑΠΗ")) == ["ΚΑΠΗ Αμαρουσίου"]


def test_unknown_filter_values_are_dropped_with_a_message(client, catalogue):
    response = listing(client, catalogue["directory"], "category=no-such-thing&group=unemployed&area=atlantis")
    assert response.status_code == 200
    assert titles(response) == ["Κοινωνικό Παντοπωλείο Κοζάνης"]
    assert response.context["problems"]
    assert "no-such-thing" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["page=10000", "page=-1", "page=abc", "q=" + "α" * 10_000, "q=%27%3B+DROP+TABLE+x%3B--", "open_now=maybe"],
)
def test_bad_input_never_fails(client, catalogue, query):
    response = listing(client, catalogue["directory"], query)
    assert response.status_code == 200


def test_draft_and_unpublished_services_are_not_listed(client, catalogue):
    catalogue["lawyer"].unpublish()
    assert "Νομική Συμβουλευτική" not in titles(listing(client, catalogue["directory"]))


def test_filter_chips_link_to_the_view_without_that_filter(client, catalogue):
    response = listing(client, catalogue["directory"], "area=m-67&group=migrants-refugees")
    chips = response.context["chips"]
    assert len(chips) == 2
    assert all("group=migrants-refugees" not in c["remove_url"] or "area" not in c["remove_url"] for c in chips)


def test_map_view_and_points_leave_out_confidential_locations(client, catalogue):
    shelter = ServicePageFactory(title="Ξενώνας")
    ServiceLocationFactory(page=shelter, confidential=True, address_1="Μυστική 1", latitude=40.3, longitude=21.79)
    d = catalogue["directory"]
    assert listing(client, d, route="map/").status_code == 200
    points = listing(client, d, route="map/points/").json()
    titles_on_map = {f["properties"]["title"] for f in points["features"]}
    assert "Ξενώνας" not in titles_on_map
    assert "ΚΑΠΗ Αμαρουσίου" in titles_on_map
    page = client.get(shelter.url).content.decode()
    assert "Μυστική" not in page and "40.3" not in page


def test_print_guide_lists_the_filtered_services(client, catalogue):
    response = listing(client, catalogue["directory"], "area=m-67", route="services/print/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Κοινωνικό Παντοπωλείο Κοζάνης" in body and "ΚΑΠΗ Αμαρουσίου" not in body


def test_english_listing_falls_back_to_greek_services_marked_as_such(client, catalogue):
    english_directory = catalogue["directory"].get_translation(Locale.objects.get(language_code="en"))
    response = listing(client, english_directory)
    assert response.status_code == 200
    assert len(response.context["services"]) == 3
    assert all(s.is_fallback for s in response.context["services"])
    assert translated("in Greek", "en") in response.content.decode()


def test_directory_home_counts_by_category_and_place(client, catalogue):
    response = client.get(catalogue["directory"].url)
    assert response.status_code == 200
    counts = {c.code: c.count for c in response.context["categories"]}
    assert counts == {"basic-goods": 1, "legal": 1, "elderly-care": 1}
    places = {a.code: a.count for _region, areas in response.context["regions"] for a in areas}
    assert places == {"m-67": 2, "m-176": 1}
