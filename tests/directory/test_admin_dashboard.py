"""The admin dashboard's "what needs attention": counts of each kind of waiting work,
each linked to its screen, over the rows the user may act on (the secretariat all of
them, a partner its own organisation's)."""

import datetime
import re
from types import SimpleNamespace

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import ListingReport, ReportStatus, ReviewFlag, ReviewKind
from directory.partners import SECRETARIAT_GROUP_NAME, add_partner_user, ensure_approval_workflow
from directory.work_queue import WorkQueue
from tests.helpers import translated


def long_ago():
    return timezone.localdate() - datetime.timedelta(days=400)


@pytest.fixture
def queue(directory_page):
    ensure_approval_workflow()
    org_a, org_b = OrganisationPageFactory(title="Δήμος Κοζάνης"), OrganisationPageFactory(title="Δήμος Αθηναίων")
    a1 = ServicePageFactory(parent=org_a, title="Α1", assured_date=long_ago())
    a2 = ServicePageFactory(parent=org_a, title="Α2")
    b1 = ServicePageFactory(parent=org_b, title="Β1", assured_date=long_ago())
    b2 = ServicePageFactory(parent=org_b, title="Β2", assured_date=None)
    partner_a = add_partner_user(org_a, "partner-a", "a@example.org", "pass-a-1234")
    partner_b = add_partner_user(org_b, "partner-b", "b@example.org", "pass-b-1234")
    secretariat = get_user_model().objects.create_user("grammateia-test", "g@example.org", "pass-g-1234")
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT_GROUP_NAME))
    # Problem reports: two new on A, one new and one resolved on B.
    ListingReport.objects.create(service=a1, reason="hours")
    ListingReport.objects.create(service=a2, reason="phone")
    ListingReport.objects.create(service=b1, reason="closed")
    ListingReport.objects.create(service=b2, reason="other", status=ReportStatus.RESOLVED)
    # A change of A waits for approval; B's was sent back (it waits for B, not for approval).
    a2.title = "Α2 με αλλαγή"
    a2.save_revision(user=partner_a)
    a2.get_workflow().start(a2, partner_a)
    b2.save_revision(user=partner_b)
    state = b2.get_workflow().start(b2, partner_b)
    state.current_task_state.specific.reject(user=secretariat)
    # Imported values to review: two open on B (one resolved), none on A.
    ReviewFlag.objects.create(page=b1, kind=ReviewKind.URL_SCHEME_ADDED, field="url", message="https:// added")
    ReviewFlag.objects.create(page=b2, kind=ReviewKind.PHONE_SPLIT, field="phones[0].number", message="split")
    ReviewFlag.objects.create(
        page=b2, kind=ReviewKind.NAME_SHORTENED, field="name", message="cut", resolved_at=timezone.now()
    )
    return SimpleNamespace(partner_a=partner_a, partner_b=partner_b, secretariat=secretariat)


def counts(user):
    q = WorkQueue(user)
    return (q.new_problem_reports(), q.awaiting_approval(), q.stale_listings(), q.imported_values_to_review())


def test_the_secretariat_counts_the_whole_network(queue):
    assert counts(queue.secretariat) == (3, 1, 3, 2)


def test_each_partner_counts_its_own_share(queue):
    assert counts(queue.partner_a) == (2, 1, 1, 0)
    assert counts(queue.partner_b) == (1, 0, 2, 2)


def dashboard_rows(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    panel = re.search(r'id="work-queue-content".*?</ul>', response.content.decode(), re.S)
    assert panel, "the dashboard has no 'what needs attention' panel"
    return panel.group(0)


def test_the_dashboard_links_each_count_to_its_screen(client, queue):
    panel = dashboard_rows(client, queue.secretariat)
    assert translated("What needs attention") in client.get(reverse("wagtailadmin_home")).content.decode()
    expected = [
        (reverse("listing_reports:index") + "?status=new", 3, "new problem reports"),
        (reverse("wagtailadmin_reports:workflow") + "?status=in_progress", 1, "listings awaiting approval"),
        (reverse("directory_stale_listings"), 3, "unverified listings"),
        (reverse("review_flags:index"), 2, "imported values to review"),
    ]
    for url, count, label in expected:
        assert re.search(
            rf'<a href="{re.escape(url.replace("&", "&amp;"))}">{count} <span>{translated(label)}</span>', panel
        )


def test_each_link_opens_for_the_user_and_shows_the_same_rows(client, queue):
    client.force_login(queue.partner_a)
    assert dashboard_rows(client, queue.partner_a)
    reports = client.get(reverse("listing_reports:index"), {"status": "new"}).content.decode()
    assert "Α1" in reports and "Β1" not in reports
    workflows = client.get(reverse("wagtailadmin_reports:workflow"), {"status": "in_progress"})
    assert workflows.status_code == 200 and "Α2 με αλλαγή" in workflows.content.decode()
    stale = client.get(reverse("directory_stale_listings")).content.decode()
    assert "Α1" in stale and "Β1" not in stale


def test_partner_dashboard_shows_its_own_counts(client, queue):
    panel = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", dashboard_rows(client, queue.partner_b)))
    assert f"1 {translated('new problem reports')}" in panel
    assert f"0 {translated('listings awaiting approval')}" in panel
    assert f"2 {translated('unverified listings')}" in panel


def test_no_panel_for_users_without_directory_pages(client, queue):
    nobody = get_user_model().objects.create_user("nobody", "n@example.org", "pass-n-1234")
    nobody.groups.add(Group.objects.get(name=SECRETARIAT_GROUP_NAME))
    nobody.groups.clear()
    from django.contrib.auth.models import Permission

    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200 and 'id="work-queue-content"' not in response.content.decode()
