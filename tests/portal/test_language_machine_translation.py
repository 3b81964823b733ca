"""Machine translation is off unless a network sets a key; with a translator set,
wagtail-localize's "Translate automatically" fills a translation (tested offline with
wagtail-localize's DummyTranslator, which reverses the words)."""

import pytest
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils.translation import override as translation_override

from wagtail.models import Locale

from directory.factories import OrganisationPageFactory
from directory.models import ServiceCategory
from portal.settings.base import machine_translator

DUMMY = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}


def test_off_by_default():
    assert machine_translator({}) is None
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None
    assert get_machine_translator() is None


def test_deepl_from_the_environment():
    config = machine_translator({"DEEPL_AUTH_KEY": "secret:fx", "DEEPL_FORMALITY": "prefer_more"})
    assert config == {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "secret:fx", "FORMALITY": "prefer_more"},
    }
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=config):
        translator = get_machine_translator()
        assert translator.display_name == "DeepL"
        assert translator.get_api_endpoint() == "https://api-free.deepl.com/v2/translate"


def test_google_from_the_environment():
    config = machine_translator(
        {"GOOGLE_TRANSLATE_PROJECT_ID": "koinonia", "GOOGLE_APPLICATION_CREDENTIALS": "/etc/koinonia/google.json"}
    )
    assert config == {
        "CLASS": "wagtail_localize.machine_translators.google.GoogleCloudTranslator",
        "OPTIONS": {"PROJECT_ID": "koinonia", "CREDENTIALS_PATH": "/etc/koinonia/google.json"},
    }


def test_deepl_wins_over_google_and_dummy_is_opt_in():
    both = machine_translator({"DEEPL_AUTH_KEY": "k", "GOOGLE_TRANSLATE_PROJECT_ID": "p"})
    assert both["CLASS"].endswith("DeepLTranslator")
    assert machine_translator({"KOINONIA_MACHINE_TRANSLATOR": "dummy"}) == DUMMY


@pytest.fixture
def organisation_translation(directory_page):
    organisation = OrganisationPageFactory(title="Κέντρο Κοινότητας Κοζάνης", slug="kentro")
    source, _created = TranslationSource.get_or_create_from_instance(organisation)
    arabic = Locale.objects.get(language_code="ar")
    translation = Translation.objects.create(source=source, target_locale=arabic)
    translation.save_target(publish=False)  # as "Translate this page" does: a draft in Greek
    return organisation, translation


@pytest.mark.django_db
def test_machine_translate_view_is_not_there_when_off(admin_client, organisation_translation):
    _organisation, translation = organisation_translation
    with translation_override("el"):
        url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    response = admin_client.post(url + "?next=/admin/")
    # The view raises Http404; LocaleMiddleware answers a 404 outside i18n_patterns
    # with a redirect to the /el/ form of the path, never to `next`.
    assert response.status_code == 404 or response["Location"] != "/admin/"
    assert not StringTranslation.objects.filter(translation_of__data="Κέντρο Κοινότητας Κοζάνης").exists()


@pytest.mark.django_db
@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=DUMMY)
def test_translating_a_page_through_the_machine_translate_view(admin_client, organisation_translation):
    organisation, translation = organisation_translation
    with translation_override("el"):
        url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    response = admin_client.post(url + "?next=/admin/")
    assert response.status_code == 302

    title = StringTranslation.objects.get(
        translation_of__data="Κέντρο Κοινότητας Κοζάνης", locale=translation.target_locale
    )
    assert title.data == "Κοζάνης Κοινότητας Κέντρο"
    assert title.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
    translation.save_target(publish=True)
    arabic = organisation.get_translation(translation.target_locale)
    assert arabic.title == "Κοζάνης Κοινότητας Κέντρο"


@pytest.mark.django_db
@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=DUMMY)
def test_the_translator_class_translates_taxonomy_strings():
    translator = get_machine_translator()
    greek, arabic = Locale.get_default(), Locale.objects.get(language_code="ar")
    from wagtail_localize.strings import StringValue

    name = ServiceCategory.objects.get(code="social-grocery", locale=greek).name
    result = translator.translate(greek, arabic, [StringValue.from_plaintext(name)])
    assert result[StringValue.from_plaintext(name)].render_text() == "παντοπωλείο Κοινωνικό"
