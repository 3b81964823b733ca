"""Category, target-group, access-condition, accessibility and language names exist
in all four languages, as wagtail-localize translations of the Greek terms, and the
public pages show them in the visitor's language."""

import re

import pytest
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from wagtail.models import Locale

from directory import seeds
from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.loaders import load_taxonomies
from directory.models import AccessCondition, AccessibilityFeature, Language, ServiceCategory, TargetGroup

pytestmark = pytest.mark.django_db

MODELS = {
    "category": ServiceCategory,
    "group": TargetGroup,
    "access": AccessCondition,
    "accessibility": AccessibilityFeature,
    "language": Language,
}
ARABIC = re.compile(r"[\u0600-\u06FF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def seeded_codes(key):
    if key == "category":
        return [code for code, *_rest, children in seeds.SERVICE_CATEGORIES] + [
            child[0] for *_rest, children in seeds.SERVICE_CATEGORIES for child in children
        ]
    rows = {
        "group": seeds.TARGET_GROUPS,
        "access": seeds.ACCESS_CONDITIONS,
        "accessibility": seeds.ACCESSIBILITY_FEATURES,
        "language": seeds.LANGUAGES,
    }[key]
    return [row[0] for row in rows]


@pytest.mark.parametrize("key", list(MODELS))
def test_every_seeded_term_has_a_real_arabic_and_ukrainian_name(key):
    codes = seeded_codes(key)
    assert set(seeds.TRANSLATIONS["ar"][key]) == set(codes)
    assert set(seeds.TRANSLATIONS["uk"][key]) == set(codes)
    for code in codes:
        assert ARABIC.search(seeds.TRANSLATIONS["ar"][key][code]), code
        assert CYRILLIC.search(seeds.TRANSLATIONS["uk"][key][code]), code


@pytest.mark.parametrize("key", list(MODELS))
def test_terms_exist_in_four_languages_with_the_greek_code(key):
    model = MODELS[key]
    for code in seeded_codes(key):
        terms = {t.locale.language_code: t for t in model.objects.filter(code=code).select_related("locale")}
        assert set(terms) == {"el", "en", "ar", "uk"}, code
        assert len({t.translation_key for t in terms.values()}) == 1
        assert len({t.hsds_id for t in terms.values()}) == 4  # each copy is its own HSDS record
        assert terms["ar"].name == seeds.TRANSLATIONS["ar"][key][code]
        assert terms["uk"].name == seeds.TRANSLATIONS["uk"][key][code]


def test_translations_are_wagtail_localize_translations_of_the_greek_term():
    greek = ServiceCategory.objects.get(code="food", locale=Locale.get_default())
    source = TranslationSource.objects.get(object_id=greek.translation_key, locale=greek.locale)
    assert {t.target_locale.language_code for t in Translation.objects.filter(source=source)} == {"en", "ar", "uk"}
    arabic = StringTranslation.objects.get(translation_of__data="Σίτιση", locale__language_code="ar")
    assert arabic.data == "الوجبات والطعام"
    # Subcategories point at their parent's translation in the same language.
    ukrainian = ServiceCategory.objects.get(code="food", locale__language_code="uk")
    assert ukrainian.parent.code == "basic-goods" and ukrainian.parent.locale_id == ukrainian.locale_id


def test_loading_again_changes_nothing_and_keeps_editors_translations():
    arabic_locale = Locale.objects.get(language_code="ar")
    string = StringTranslation.objects.get(translation_of__data="Σίτιση", locale=arabic_locale)
    string.data = "طعام ووجبات"
    string.save()
    greek = ServiceCategory.objects.get(code="food", locale=Locale.get_default())
    Translation.objects.get(source__object_id=greek.translation_key, target_locale=arabic_locale).save_target()
    counts = {m: m.objects.count() for m in MODELS.values()}
    translations = Translation.objects.count()

    load_taxonomies()

    assert {m: m.objects.count() for m in MODELS.values()} == counts
    assert Translation.objects.count() == translations
    assert ServiceCategory.objects.get(code="food", locale=arabic_locale).name == "طعام ووجبات"


def test_a_term_missing_in_one_language_is_created_again():
    TargetGroup.objects.filter(code="homeless", locale__language_code="uk").delete()
    load_taxonomies()
    assert TargetGroup.objects.get(code="homeless", locale__language_code="uk").name == "Люди без житла"


@pytest.mark.parametrize(
    "language,category,group",
    [
        ("ar", "الوجبات والطعام", "الأشخاص بلا مأوى"),
        ("uk", "Харчування та продукти", "Люди без житла"),
        ("en", "Meals and food", "Homeless people"),
    ],
)
def test_listing_filters_and_service_page_show_names_in_the_visitors_language(
    client, directory_page, term, language, category, group
):
    org = OrganisationPageFactory(slug="soup-org")
    ServicePageFactory(
        parent=org,
        slug="soup",
        categories=[term(ServiceCategory, "food")],
        target_groups=[term(TargetGroup, "homeless")],
    )
    listing = client.get(f"/{language}/social-map/services/").content.decode()
    assert category in listing and group in listing
    assert "Σίτιση" not in listing
    page = client.get(f"/{language}/social-map/soup-org/soup/").content.decode()
    assert category in page and group in page
    assert "Σίτιση" not in page
