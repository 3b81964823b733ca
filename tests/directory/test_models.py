"""The directory's own rules: what editors cannot save, and why."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from directory.models import AdministrativeArea, OrganisationPage, ServiceLocation, ServicePage, ServiceSchedule
from directory.phones import normalise_phone, tel_uri
from directory.text import greek_fold, place_key

pytestmark = pytest.mark.django_db


def test_closing_before_opening_is_refused_unless_overnight():
    row = ServiceSchedule(weekdays=[0], opens_at=datetime.time(15), closes_at=datetime.time(9))
    with pytest.raises(ValidationError) as error:
        row.clean()
    assert "closes_at" in error.value.message_dict
    row.closes_next_day = True
    row.clean()


def test_hours_need_both_times_and_a_day():
    with pytest.raises(ValidationError):
        ServiceSchedule(weekdays=[0], opens_at=datetime.time(9)).clean()
    with pytest.raises(ValidationError):
        ServiceSchedule(opens_at=datetime.time(9), closes_at=datetime.time(10)).clean()


def test_closure_needs_dates_or_days_and_dates_in_order():
    with pytest.raises(ValidationError):
        ServiceSchedule(closed=True).clean()
    with pytest.raises(ValidationError):
        ServiceSchedule(
            closed=True, valid_from=datetime.date(2026, 12, 26), valid_to=datetime.date(2026, 12, 24)
        ).clean()


@pytest.mark.parametrize("lat,lon", [(0, 0), (91, 21), (40.3, 200), (51.5, -0.12)])
def test_coordinates_outside_greece_are_refused(lat, lon):
    location = ServiceLocation(latitude=lat, longitude=lon)
    with pytest.raises(ValidationError):
        location.full_clean(exclude=["page"])


def test_half_a_coordinate_is_refused():
    with pytest.raises(ValidationError):
        ServiceLocation(latitude=40.3).clean()


def test_minimum_age_above_maximum_is_refused():
    with pytest.raises(ValidationError):
        ServicePage(title="x", minimum_age=18, maximum_age=12).clean()


def test_tax_number_has_nine_digits():
    with pytest.raises(ValidationError):
        OrganisationPage(title="x", tax_id="12345").clean()


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("2461 350 000", "+302461350000"),
        ("+30 210-1234567", "+302101234567"),
        ("0030 6912345678", "+306912345678"),
        ("15900", "15900"),
        ("197", "197"),
        ("call me", ""),
        ("12", ""),
        ("<script>", ""),
    ],
)
def test_phone_numbers(raw, expected):
    assert normalise_phone(raw) == expected
    assert tel_uri(raw) == (f"tel:{expected}" if expected else "")


def test_greek_folding_and_place_keys():
    assert greek_fold("ΔΉΜΟΣ Αμαρουσίου") == greek_fold("δημος αμαρουσιου") == "δημοσ αμαρουσιου"
    assert place_key("Δήμος Περιστερίου") == place_key("Περιστέρι")
    assert place_key("Κοζάνης") == place_key("ΚΟΖΑΝΗ")


def test_areas_loaded_with_alternative_names():
    marousi = AdministrativeArea.objects.get(code="m-176", locale__language_code="el")
    assert marousi.name == "Δήμος Αμαρουσίου"
    assert {"Μαρούσι", "Αμαρούσιο", "Αμαρουσίου"} <= set(marousi.all_names())
    assert marousi.parent.parent.level == "region"
    assert AdministrativeArea.objects.filter(locale__language_code="el", level="municipality").count() == 332
    assert AdministrativeArea.objects.filter(locale__language_code="el", level="regional_unit").count() == 74
    assert AdministrativeArea.objects.filter(locale__language_code="el", level="region").count() == 13
    english = AdministrativeArea.objects.get(code="m-176", locale__language_code="en")
    assert english.translation_key == marousi.translation_key and english.display_name == "Αμαρούσιο (Amarousio)"
    assert english.name == "Municipality of Marousi" and "Marousi" in english.all_names()


def test_reference_loaders_are_idempotent():
    from directory.loaders import load_areas, load_taxonomies

    before = AdministrativeArea.objects.count()
    load_areas()
    load_taxonomies()
    assert AdministrativeArea.objects.count() == before
