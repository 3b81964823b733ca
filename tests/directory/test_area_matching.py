"""AreaMatcher: the forms people write a municipality in all lead to the same area."""

import pytest

from wagtail.models import Locale

from directory.areas_match import AreaMatcher
from directory.models import AdministrativeArea, AreaLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def matcher(site_tree):
    return AreaMatcher()


@pytest.mark.parametrize(
    "text",
    ["ΔΗΜΟΣ ΑΜΑΡΟΥΣΙΟΥ", "Αμαρούσιο", "Μαρούσι", "Δήμος Αμαρουσίου", "δημος αμαρουσιου", "  Δ. Αμαρουσίου ", "ΜΑΡΟΥΣΙ"],
)
def test_forms_of_a_name_match_one_municipality(matcher, text):
    assert matcher.match(text).code == "m-176"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Κοζάνη", "m-67"),
        ("Δήμος Κοζάνης", "m-67"),
        ("ΚΟΖΑΝΗΣ", "m-67"),
        ("Πτολεμαΐδα", "m-66"),  # the seat of Δήμος Εορδαίας
        ("Πειραιάς", "m-209"),
        ("Δήμος Πειραιώς", "m-209"),
        ("Δήμος Νίκαιας - Αγίου Ιωάννη Ρέντη", "m-210"),
        ("Μαρούσι, Αττική", "m-176"),
    ],
)
def test_seats_everyday_names_and_genitives(matcher, text, code):
    assert matcher.match(text).code == code


@pytest.mark.parametrize("text", ["", "   ", "Ατλαντίδα", "Δήμος", None])
def test_unknown_or_empty_names_match_nothing(matcher, text):
    assert matcher.match(text) is None


def test_shared_names_need_a_hint(matcher):
    """Δήμος Ηρακλείου exists in Attica and in Crete: without a hint the matcher does not guess."""
    assert matcher.match("Δήμος Ηρακλείου") is None
    assert matcher.match("Δήμος Ηρακλείου", within="Αττική").code == "m-180"
    assert matcher.match("Δήμος Ηρακλείου", within="Περιφέρεια Κρήτης").code == "m-313"
    assert matcher.match("Δήμος Ηρακλείου", near=(35.34, 25.13)).code == "m-313"
    assert matcher.match("Δήμος Ηρακλείου", near=(38.05, 23.77)).code == "m-180"


def test_codes_and_candidates(matcher):
    assert matcher.by_code("m-176").name == "Δήμος Αμαρουσίου"
    assert matcher.by_code("gr-i").level == AreaLevel.REGION
    assert matcher.by_code("nope") is None
    assert {area.code for area in matcher.candidates("Ηρακλείου")} == {"m-180", "m-313"}


def test_a_community_matches_and_its_municipality_is_known(site_tree):
    greek = Locale.get_default()
    kozani = AdministrativeArea.objects.get(code="m-67", locale=greek)
    AdministrativeArea.objects.create(
        code="c-kozani-kila",
        level=AreaLevel.COMMUNITY,
        name="Κοινότητα Κήλας",
        alternative_names="Κήλα",
        parent=kozani,
        locale=greek,
    )
    matcher = AreaMatcher()

    community = matcher.match("Κήλα")
    assert community.level == AreaLevel.COMMUNITY
    assert community.municipality() == kozani
    assert matcher.match("Κοζάνη") == kozani  # the municipality still wins its own name


def test_other_languages_use_their_own_areas(site_tree):
    english = AreaMatcher(Locale.objects.get(language_code="en"))
    area = english.match("Marousi")
    assert area.code == "m-176" and area.locale.language_code == "en"


def test_one_query_then_everything_from_memory(site_tree, django_assert_num_queries):
    greek = Locale.get_default()
    with django_assert_num_queries(1):
        matcher = AreaMatcher(greek)
    with django_assert_num_queries(0):
        for text in ("Μαρούσι", "Κοζάνη", "Δήμος Ηρακλείου"):
            matcher.match(text, within="Αττική")
