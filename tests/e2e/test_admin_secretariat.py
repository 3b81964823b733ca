"""The secretariat's day in a real browser, in the Greek admin.

A partner edits its own service and submits it with the editor's main button; the
secretariat sees it on the dashboard, approves it from the editor and is told what was
published; then it marks unverified listings as verified from the report. axe-core
checks the markup this project adds to the admin (the dashboard panel, the report's
selection and buttons, the grouped taxonomy checkboxes).
"""

import datetime

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import PageLogEntry, WorkflowState

from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import ServicePage
from directory.partners import SECRETARIAT_GROUP_NAME, add_partner_user, ensure_approval_workflow
from directory.verification import VERIFIED_ACTION
from tests.e2e.conftest import describe_violations

PARTNER = ("partner-e2e", "a-Strong-pass-2026")
SECRETARIAT = ("grammateia-e2e", "another-Strong-pass-2026")


@pytest.fixture
def network(e2e_site):
    ensure_approval_workflow()
    long_ago = timezone.localdate() - datetime.timedelta(days=400)
    kozani = OrganisationPageFactory(title="Δήμος Κοζάνης")
    service = ServicePageFactory(parent=kozani, title="Κοινωνικό παντοπωλείο Κοζάνης", assured_date=long_ago)
    other = ServicePageFactory(parent=kozani, title="Κοινωνικό φαρμακείο Κοζάνης", assured_date=None)
    add_partner_user(kozani, PARTNER[0], "partner@example.org", password=PARTNER[1])
    secretariat = get_user_model().objects.create_user(SECRETARIAT[0], "g@example.org", SECRETARIAT[1])
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT_GROUP_NAME))
    return {"server": e2e_site, "service": service, "other": other}


def log_in(page, server, user):
    page.context.clear_cookies()
    page.goto(server.url + "/admin/login/")
    page.locator("input[name=username]").fill(user[0])
    page.locator("input[name=password]").fill(user[1])
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")


def assert_accessible(page, selector):
    """axe-core on our own markup only (`selector`); Wagtail's own screens are Wagtail's."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    violations = Axe().run(page, context={"include": [[selector]]}, options=options).response["violations"]
    assert not violations, describe_violations(violations)


def test_partner_submits_secretariat_approves_and_verifies(network, page):
    server, service = network["server"], network["service"]

    # The partner: the main button of the editor submits for approval.
    log_in(page, server, PARTNER)
    page.goto(f"{server.url}/admin/pages/{service.pk}/edit/")
    assert page.locator("html").get_attribute("lang") == "el"
    assert_accessible(page, ".koinonia-terms")
    page.locator("input[name=title]").fill("Κοινωνικό παντοπωλείο Κοζάνης – νέο ωράριο")
    main = page.locator("footer button").first
    assert main.get_attribute("name") == "action-submit"
    main.click()
    page.wait_for_url("**/admin/pages/**")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(service.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # The secretariat: the dashboard counts it and links to the screens.
    log_in(page, server, SECRETARIAT)
    panel = page.locator("#work-queue-section")
    assert panel.locator("a[href*='/admin/reports/workflow/']").inner_text().startswith("1 ")
    assert panel.locator("a[href*='/admin/directory/unverified/']").inner_text().startswith("2 ")
    assert_accessible(page, "#work-queue-section")

    # Approve from the editor: the action menu offers it in Greek, and it says what was published.
    page.goto(f"{server.url}/admin/pages/{service.pk}/edit/")
    page.locator("footer [data-w-dropdown-target=toggle]").click()
    assert page.locator("footer button[data-workflow-action-name=reject]").inner_text().strip() == "Ζητήστε αλλαγές"
    page.locator("footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])").click()
    page.wait_for_url("**/admin/pages/**")
    messages = page.locator(".messages").inner_text()
    assert "Κοινωνικό παντοπωλείο Κοζάνης – νέο ωράριο" in messages
    published = ServicePage.objects.get(pk=service.pk)
    assert published.live and published.title == "Κοινωνικό παντοπωλείο Κοζάνης – νέο ωράριο"

    # Mark both unverified listings verified at once, from the report.
    page.goto(server.url + "/admin/directory/unverified/")
    bulk = page.locator("button[form=verify-listings][data-w-bulk-target=action]")
    page.locator("input[data-w-bulk-target=all]").check()
    assert page.locator("input[name=selected]:checked").count() == 2
    assert_accessible(page, "#listing-results")
    bulk.click()
    page.wait_for_url("**/admin/directory/unverified/**")
    assert page.locator(".messages").inner_text().strip()
    assert page.locator("input[name=selected]").count() == 0
    for listing in (service, network["other"]):
        listing.refresh_from_db()
        assert listing.assured_date == timezone.localdate()
        assert PageLogEntry.objects.get(page=listing, action=VERIFIED_ACTION).user.username == SECRETARIAT[0]


def test_the_reports_row_button_works_on_a_phone(network, phone_page):
    server = network["server"]
    log_in(phone_page, server, SECRETARIAT)
    phone_page.goto(server.url + "/admin/directory/unverified/?q=ΚΟΖΑΝΗΣ")
    assert phone_page.locator("input[name=selected]").count() == 2
    phone_page.locator("button[name=one]").first.click()
    phone_page.wait_for_url("**/admin/directory/unverified/**")
    assert phone_page.locator("input[name=selected]").count() == 1
    assert_accessible(phone_page, "#listing-results")
