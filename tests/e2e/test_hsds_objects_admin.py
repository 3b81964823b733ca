"""An editor adds the HSDS objects of issue 10 in the service form, publishes, and the
export carries them: the cost option publicly, the contact only in the operator's full export."""

import json
from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from directory.factories import OrganisationPageFactory, ServiceLocationFactory, ServicePageFactory
from directory.models import ServicePage


@pytest.fixture
def editor_site(e2e_site):
    organisation = OrganisationPageFactory(title="Κέντρο Κοινότητας Κοζάνης")
    service = ServicePageFactory(parent=organisation, title="Κοινωνικό Φαρμακείο", description="Φάρμακα.")
    ServiceLocationFactory(page=service, name="Κέντρο Κοινότητας", city="Κοζάνη")
    get_user_model().objects.create_superuser("editor-e2e", "editor@example.org", "a-Strong-pass-2026")
    return {"server": e2e_site, "service": service}


def test_editor_adds_a_cost_option_a_contact_and_hours_at_one_place(editor_site, page, tmp_path):
    server, service = editor_site["server"], editor_site["service"]
    page.goto(server.url + "/admin/login/")
    page.locator("input[name=username]").fill("editor-e2e")
    page.locator("input[name=password]").fill("a-Strong-pass-2026")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")

    page.goto(f"{server.url}/admin/pages/{service.pk}/edit/")
    place_id = str(service.locations.get().hsds_service_at_location_id)
    # The place shows its HSDS id, for the hours to name it.
    assert place_id in page.locator("#id_locations-FORMS").inner_text().replace("\n", "")

    page.locator("#id_cost_options-ADD").click()
    page.locator("[name=cost_options-0-option]").fill("Συμμετοχή ανά συνταγή")
    page.locator("[name=cost_options-0-amount]").fill("2.50")
    page.locator("[name=cost_options-0-currency]").fill("EUR")
    page.locator("#id_contacts-ADD").click()
    page.locator("[name=contacts-0-name]").fill("Γιώργος Νικολάου")
    page.locator("[name=contacts-0-email]").fill("g.nikolaou@example.org")
    page.locator("#id_schedules-ADD").click()
    page.locator("[name=schedules-0-weekdays][value='1']").check()
    page.locator("[name=schedules-0-opens_at]").fill("17:00")
    page.locator("[name=schedules-0-closes_at]").fill("20:00")
    page.locator("[name=schedules-0-on_service]").uncheck()
    page.locator("[name=schedules-0-service_at_location_hsds_id]").fill(place_id)
    page.locator("footer .w-dropdown-button [data-w-dropdown-target=toggle]").click()
    page.locator("footer button[name=action-publish]").click()
    page.wait_for_url("**/admin/pages/**")

    service = ServicePage.objects.get(pk=service.pk)
    assert service.cost_options.get().option == "Συμμετοχή ανά συνταγή"
    assert str(service.schedules.get().service_at_location_hsds_id) == place_id

    def export(*options):
        target = tmp_path / "export.json"
        call_command("export_hsds", str(target), *options, stdout=StringIO())
        (obj,) = json.loads(target.read_text(encoding="utf-8"))
        return obj

    public = export()
    assert public["cost_options"][0]["amount"] == 2.5
    assert public["service_at_locations"][0]["schedules"][0]["opens_at"] == "17:00"
    assert "schedules" not in public  # only at that place, not for the whole service
    assert "g.nikolaou@example.org" not in json.dumps(public)
    assert export("--full")["contacts"][0]["email"] == "g.nikolaou@example.org"
