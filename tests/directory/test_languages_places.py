"""Place names: the official Greek name with its ELOT 743 Latin form for visitors who
do not read Greek ("Κοζάνη (Kozani)"), from a transcription tested rule by rule."""

import pytest

from wagtail.models import Locale

from directory.factories import OrganisationPageFactory, ServiceLocationFactory, ServicePageFactory
from directory.loaders import everyday_name
from directory.models import AdministrativeArea
from directory.text import elot743, with_latin


@pytest.mark.parametrize(
    "greek,latin",
    [
        # single letters: η → i, υ → y, θ → th, χ → ch, ψ → ps, ξ → x, β → v, ω → o
        ("Κοζάνη", "Kozani"),
        ("Περιστέρι", "Peristeri"),
        ("Αμαρούσιο", "Amarousio"),
        ("Θεσσαλονίκη", "Thessaloniki"),
        ("Χαλάνδρι", "Chalandri"),
        ("Ψυχικό", "Psychiko"),
        ("Ξάνθη", "Xanthi"),
        ("Βόλος", "Volos"),
        ("Ρέθυμνο", "Rethymno"),
        # ου → ou
        ("Ουρανούπολη", "Ouranoupoli"),
        # αυ/ευ/ηυ → av/ev/iv before vowels and voiced consonants, af/ef/if otherwise
        ("Ευρώτας", "Evrotas"),
        ("Αυλώνας", "Avlonas"),
        ("Εύβοια", "Evvoia"),
        ("Ναύπλιο", "Nafplio"),
        ("Ευκαρπία", "Efkarpia"),
        ("Λευκάδα", "Lefkada"),
        ("Ελευσίνα", "Elefsina"),
        ("ευχή", "efchi"),
        # a diaeresis splits a digraph
        ("Ταΰγετος", "Taygetos"),
        ("Πτολεμαΐδα", "Ptolemaida"),
        # μπ → b at the start (and end) of a word, mp inside
        ("Μπαλί", "Bali"),
        ("Καλαμπάκα", "Kalampaka"),
        ("Λαμπρινή", "Lamprini"),
        # ντ → nt; γγ → ng; γκ → gk; γξ → nx; γχ → nch
        ("Ντράφι", "Ntrafi"),
        ("Ρέντη", "Renti"),
        ("Αγγελόκαστρο", "Angelokastro"),
        ("Άγκιστρο", "Agkistro"),
        ("Λαγκαδάς", "Lagkadas"),
        ("Σφίγξ", "Sfinx"),
        ("Μελαγχολία", "Melancholia"),
        # αι, ει, οι, υι keep both letters
        ("Αιγάλεω", "Aigaleo"),
        ("Πειραιάς", "Peiraias"),
        # capitals follow the source, other characters pass through
        ("ΘΕΣΣΑΛΟΝΙΚΗ", "THESSALONIKI"),
        ("ΜΠΑΚΟΓΙΑΝΝΗ", "BAKOGIANNI"),
        ("Νίκαια - Άγιος Ιωάννης Ρέντης", "Nikaia - Agios Ioannis Rentis"),
        ("Athens 10", "Athens 10"),
    ],
)
def test_elot743(greek, latin):
    assert elot743(greek) == latin


def test_with_latin():
    assert with_latin("Κοζάνη") == "Κοζάνη (Kozani)"
    assert with_latin("Athens") == "Athens"


def test_everyday_names_of_municipalities():
    row = {"municipality_el": "Κοζάνης", "seat_el": "Κοζάνη"}
    assert everyday_name(row) == "Κοζάνη"
    assert everyday_name({"municipality_el": "Περιστερίου", "seat_el": "Περιστέρι"}) == "Περιστέρι"
    assert everyday_name({"municipality_el": "Αμαρουσίου", "seat_el": "Μαρούσι"}) == "Αμαρούσιο"
    # A seat that is not the town the municipality is named after: the official name.
    assert everyday_name({"municipality_el": "Δοξάτου", "seat_el": "Καλαμπάκι"}) == "Δήμος Δοξάτου"


@pytest.mark.django_db
def test_areas_carry_the_greek_name_with_its_latin_form_in_other_languages():
    for language in ("en", "ar", "uk"):
        kozani = AdministrativeArea.objects.get(code="m-67", locale__language_code=language)
        assert kozani.display_name == "Κοζάνη (Kozani)"
        assert "Kozani" in kozani.all_names()  # still found by its Latin name
    assert AdministrativeArea.objects.get(code="m-187", locale__language_code="ar").display_name == (
        "Περιστέρι (Peristeri)"
    )
    greek = AdministrativeArea.objects.get(code="m-67", locale=Locale.get_default())
    assert greek.display_name == "Δήμος Κοζάνης"  # Greek visitors see the Greek name only


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar", "uk"])
def test_area_filter_cards_and_service_page_show_the_latin_form(client, directory_page, term, language):
    org = OrganisationPageFactory(slug="org")
    service = ServicePageFactory(parent=org, slug="svc")
    ServiceLocationFactory(page=service, municipality=term(AdministrativeArea, "m-67"))
    listing = client.get(f"/{language}/social-map/services/").content.decode()
    assert ">Κοζάνη (Kozani)" in listing  # the area filter's choice
    assert "Κοζάνη (Kozani)</span>" in listing or listing.count("Κοζάνη (Kozani)") >= 2  # and the card
    page = client.get(f"/{language}/social-map/org/svc/").content.decode()
    assert "Κοζάνη (Kozani)" in page
    organisation = client.get(f"/{language}/social-map/org/").content.decode()
    assert "Κοζάνη (Kozani)" in organisation


@pytest.mark.django_db
def test_greek_pages_keep_greek_place_names(client, directory_page, term):
    org = OrganisationPageFactory(slug="org")
    service = ServicePageFactory(parent=org, slug="svc")
    ServiceLocationFactory(page=service, municipality=term(AdministrativeArea, "m-67"))
    listing = client.get("/el/social-map/services/").content.decode()
    assert "Kozani" not in listing


@pytest.mark.django_db
def test_area_copies_are_in_the_admin_search_index():
    """The loader indexes what it writes in bulk at the end, not once per save."""
    from wagtail.search.backends import get_search_backend

    ukrainian = Locale.objects.get(language_code="uk")
    found = get_search_backend().search("Kozani", AdministrativeArea.objects.filter(locale_id=ukrainian.pk))
    assert "m-67" in {area.code for area in found}
