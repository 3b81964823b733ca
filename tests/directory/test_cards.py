"""The result cards' decoration is a public function of the directory (directory.cards),
used by the directory's own listing and by other apps (a campaign's services block),
which must not reach into directory.views' private helpers."""

import ast
from pathlib import Path

import pytest

from wagtail.models import Locale

from directory.cards import decorate_services
from directory.factories import OrganisationPageFactory, ServiceLocationFactory, ServicePageFactory
from directory.models import AdministrativeArea, ServicePage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_a_card_gets_its_organisation_municipality_and_language(directory_page, term):
    organisation = OrganisationPageFactory(title="ΔΗΜΟΣ ΚΟΖΑΝΗΣ - ΚΟΙΝΩΝΙΚΗ ΥΠΗΡΕΣΙΑ")
    service = ServicePageFactory(title="Κοινωνικό Παντοπωλείο", parent=organisation)
    kozani = term(AdministrativeArea, "m-67")
    shelter = AdministrativeArea.objects.filter(locale=kozani.locale, level=kozani.level).exclude(pk=kozani.pk).first()
    ServiceLocationFactory(page=service, municipality=kozani)
    ServiceLocationFactory(page=service, municipality=shelter, confidential=True)
    services = list(ServicePage.objects.filter(pk=service.pk).prefetch_related("locations__municipality", "schedules"))

    decorate_services(services, Locale.objects.get(language_code="en"))

    [card] = services
    assert card.organisation_page.pk == organisation.pk
    assert len(card.municipality_names) == 1  # the confidential address adds no name
    assert shelter.name not in card.municipality_names
    assert card.is_fallback  # a Greek service shown on an English page
    assert card.opening is not None


@pytest.mark.parametrize("module", ["campaigns/services_block.py"])
def test_other_apps_do_not_import_the_directorys_view_helpers(module):
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    imported = [
        (node.module, alias.name) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names
    ]
    assert ("directory.cards", "decorate_services") in imported
    assert not [name for source, name in imported if source == "directory.views"]
