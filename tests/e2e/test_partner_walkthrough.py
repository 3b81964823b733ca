"""A partner logs in to the admin, edits its own service and submits it; the change
waits for the secretariat's approval and the public page does not change."""

import pytest

from wagtail.models import WorkflowState

from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.partners import add_partner_user, ensure_approval_workflow, ensure_secretariat_group


@pytest.fixture
def partner(e2e_site):
    ensure_secretariat_group()
    ensure_approval_workflow()
    organisation = OrganisationPageFactory(title="Κέντρο Κοινότητας Κοζάνης")
    service = ServicePageFactory(parent=organisation, title="Συμβουλευτική γονέων", description="Παλιά περιγραφή.")
    add_partner_user(organisation, "partner-e2e", "partner@example.org", password="a-Strong-pass-2026")
    return {"server": e2e_site, "service": service}


def test_partner_edits_own_service_and_it_awaits_approval(partner, page):
    server, service = partner["server"], partner["service"]
    page.goto(server.url + "/admin/login/")
    page.get_by_label("Όνομα χρήστη").or_(page.get_by_label("Username")).first.fill("partner-e2e")
    page.locator("input[name=password]").fill("a-Strong-pass-2026")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")

    page.goto(f"{server.url}/admin/pages/{service.pk}/edit/")
    description = page.locator("textarea[name=description]")
    description.fill("Νέα περιγραφή από τον εταίρο.")
    # The partner has no publish button: the only way forward is the approval workflow.
    assert page.locator("button[name=action-publish]").count() == 0
    page.locator("footer .w-dropdown-button [data-w-dropdown-target=toggle]").click()
    page.locator("footer button[name=action-submit]").click()
    page.wait_for_url("**/admin/pages/**")

    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(service.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    service.refresh_from_db()
    assert service.description == "Παλιά περιγραφή."  # live content unchanged until approved
    public = page.goto(server.url + service.url)
    assert public.status == 200
    assert "Παλιά περιγραφή." in page.content()
