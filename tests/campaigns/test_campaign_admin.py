"""Editors make campaigns through Wagtail's own add view: the form shows target groups
and the regions grouped, requires the main image's alt text, and publishing with a
go-live date in the future (Athens time) schedules the campaign instead."""

import datetime

import pytest
import wagtail_factories

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale
from wagtail.test.utils.form_data import rich_text

from campaigns.factories_pages import campaigns_index
from campaigns.models import CampaignPage
from directory.models import AdministrativeArea, TargetGroup
from tests.helpers import translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, site_tree):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


def add_url():
    return reverse("wagtailadmin_pages:add", args=["campaigns", "campaignpage", campaigns_index().pk])


def form_data(**overrides):
    greek = Locale.get_default()
    data = {
        "title": "Δικαιούσαι ΚΕΑ;",
        "slug": "minimum-income-2027",
        "summary": "Το Ελάχιστο Εγγυημένο Εισόδημα είναι δικαίωμα.",
        "hero_image": "",
        "hero_image_alt": "",
        "starts_on": "",
        "ends_on": "",
        "target_groups": [str(TargetGroup.objects.get(code="gmi-beneficiaries", locale=greek).pk)],
        "areas": [str(AdministrativeArea.objects.get(code="ru-0303", locale=greek).pk)],
        "body-count": "1",
        "body-0-type": "text",
        "body-0-id": "",
        "body-0-order": "0",
        "body-0-deleted": "",
        "body-0-value": rich_text("<p>Κάντε την αίτηση με τη βοήθεια του Κέντρου Κοινότητας.</p>"),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return data


def test_add_form_groups_regional_units_under_their_region(admin_client):
    response = admin_client.get(add_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<legend" in html and "Περιφερειακή Ενότητα Κοζάνης" in html
    assert "Δήμος Κοζάνης" not in html  # municipalities are not offered
    assert "Ηλικιωμένοι" in html  # target groups


def test_editor_publishes_a_campaign_through_the_admin(admin_client):
    response = admin_client.post(add_url(), form_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CampaignPage.objects.get(slug="minimum-income-2027")
    assert page.live
    assert [g.code for g in page.target_groups.all()] == ["gmi-beneficiaries"]
    assert [a.code for a in page.areas.all()] == ["ru-0303"]


def test_image_without_alt_text_is_refused_and_nothing_is_saved(admin_client):
    image = wagtail_factories.ImageFactory()
    response = admin_client.post(add_url(), form_data(hero_image=str(image.pk)))
    assert response.status_code == 200
    # The admin speaks the admin user's language (Greek here), whatever the test's.
    assert translated("Describe the main image for people who cannot see it.") in response.content.decode()
    assert not CampaignPage.objects.filter(slug="minimum-income-2027").exists()


def test_go_live_in_the_future_schedules_the_campaign(admin_client):
    go_live = timezone.localtime() + datetime.timedelta(days=3)
    response = admin_client.post(add_url(), form_data(go_live_at=go_live.strftime("%Y-%m-%d %H:%M")))
    assert response.status_code == 302
    page = CampaignPage.objects.get(slug="minimum-income-2027")
    assert not page.live
    revision = page.revisions.get(approved_go_live_at__isnull=False)
    # Entered as Athens wall-clock time: the stored instant is that time in Athens.
    assert timezone.localtime(revision.approved_go_live_at).strftime("%H:%M") == go_live.strftime("%H:%M")


def test_editors_have_athens_as_their_only_time_zone(admin_client):
    from wagtail.admin.localization import get_available_admin_time_zones

    assert get_available_admin_time_zones() == ["Europe/Athens"]
    response = admin_client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200
    assert "current_time_zone" not in response.content.decode()  # nothing to choose
