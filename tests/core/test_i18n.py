"""One rule for "a name in the visitor's language, else Greek" (core/i18n.py), and the
places that used to write it their own way now agree."""

import pytest

from django.utils import translation

from wagtail.models import Locale

from consultations.surveys import municipality_choices, municipality_name
from core.i18n import label_records, localized_name, localized_names
from directory.models import AdministrativeArea, AreaLevel, ServiceCategory

KOZANI = "m-67"


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


def test_an_area_is_named_by_its_everyday_name_in_the_visitors_language(db, english):
    greek = AdministrativeArea.objects.get(code=KOZANI, locale=Locale.get_default())
    local = AdministrativeArea.objects.get(code=KOZANI, locale=english)
    assert localized_name(AdministrativeArea, KOZANI, "el") == greek.short_name or greek.name
    assert localized_name(AdministrativeArea, KOZANI, "en") == local.short_name  # "Κοζάνη (Kozani)"
    assert "Kozani" in local.short_name


def test_an_untranslated_record_keeps_its_greek_name_and_the_taxonomys_order(db, english):
    food = ServiceCategory.objects.get(code="food", locale=Locale.get_default())
    ServiceCategory.objects.filter(code="food", locale=english).delete()  # rolled back after the test
    names = localized_names(ServiceCategory, "en", parent__isnull=False)
    assert names["food"] == food.name
    greek_order = list(
        ServiceCategory.objects.filter(locale=Locale.get_default(), parent__isnull=False).values_list("code", flat=True)
    )
    assert list(names) == greek_order


def test_an_unknown_language_or_code_falls_back_and_never_fails(db):
    assert localized_names(ServiceCategory, "xx", codes=["food"])["food"]
    assert localized_name(AdministrativeArea, "no-such-code", "en") == "no-such-code"
    assert label_records([], "en") == []


def test_the_listing_filters_survey_choices_and_labels_agree(db, english):
    """The survey's municipality list used the official name where the social map used
    the everyday one: both now read the same function."""
    municipalities = AdministrativeArea.objects.filter(locale=Locale.get_default(), level=AreaLevel.MUNICIPALITY)
    labelled = {area.code: area.label for area in label_records(municipalities, "en")}
    assert dict(municipality_choices(english)) == labelled
    assert municipality_name(KOZANI) == localized_name(AdministrativeArea, KOZANI, "el")


def test_search_facet_labels_use_the_same_rule(db):
    from search.labels import term_labels

    with translation.override("en"):
        labels = term_labels("en")
    assert labels["municipality"][KOZANI] == localized_name(AdministrativeArea, KOZANI, "en")
    assert labels["category"]["food"] == localized_name(ServiceCategory, "food", "en")
