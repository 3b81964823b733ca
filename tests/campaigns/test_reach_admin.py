"""Materials, QR codes, printable sheets and the reach report in the admin: who may see
them (the publicity team, not partners), QR codes that read back as the short link at
the size asked for, the report's numbers, its date filter with bad input, and a CSV
that no spreadsheet runs as a formula."""

import csv
import datetime
import io
import re

import pytest
import zxingcpp
from PIL import Image

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from campaigns import reach
from campaigns.admin_reach import PUBLICITY_GROUP_NAME, ensure_publicity_group
from campaigns.factories_pages import CampaignPageFactory, translate
from campaigns.factories_reach import MaterialFactory
from campaigns.models import Material, ReachDay, VisitorTouch
from campaigns.reach_report import ReachReport
from directory.factories import OrganisationPageFactory
from directory.partners import add_partner_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_reach_state():
    reach.salt.forget()
    reach.codes.forget()
    yield
    reach.salt.forget()
    reach.codes.forget()


@pytest.fixture
def campaign(site_tree):
    return CampaignPageFactory(title="Ελάχιστο Εγγυημένο Εισόδημα 2027", slug="minimum-income-2027")


@pytest.fixture
def poster(campaign):
    return MaterialFactory(campaign=campaign, placement="ΚΕΠ Πτολεμαΐδας, poster A3")


@pytest.fixture
def publicity(client):
    user = get_user_model().objects.create_user("dimosiotita", "team@example.gr", "x")
    user.groups.add(ensure_publicity_group())
    client.force_login(user)
    return user


@pytest.fixture
def partner_client(client):
    organisation = OrganisationPageFactory(title="Κοινωνικό Παντοπωλείο Κοζάνης")
    user = add_partner_user(organisation, "partner-test", "p@example.gr", password="x")
    client.force_login(user)
    return client


def admin_urls(material):
    return [
        reverse("campaign_materials:index"),
        reverse("campaign_materials:inspect", args=[material.pk]),
        reverse("campaign_materials:edit", args=[material.pk]),
        reverse("campaign_materials:qr", args=[material.pk, 5, "svg"]),
        reverse("campaign_materials:sheet", args=[material.pk, "A4"]),
        reverse("campaign_reach:index"),
        reverse("campaign_reach:report", args=[material.campaign_id]),
        reverse("campaign_reach:csv", args=[material.campaign_id]),
    ]


def test_the_publicity_team_reaches_every_screen(client, publicity, poster):
    for url in admin_urls(poster):
        assert client.get(url).status_code == 200, url


def test_partners_see_no_material_qr_sheet_or_report(partner_client, poster):
    for url in admin_urls(poster):
        assert partner_client.get(url).status_code in (302, 403), url
    menu = partner_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "campaigns/materials" not in menu and "campaigns/reach" not in menu


def test_the_group_is_made_once_with_its_permissions():
    group = ensure_publicity_group()
    assert ensure_publicity_group() == group
    assert group.name == PUBLICITY_GROUP_NAME
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "add_material", "change_material", "view_reach_report"} <= codenames


def test_a_material_made_in_the_admin_gets_a_code_and_its_author(client, publicity, campaign):
    response = client.post(
        reverse("campaign_materials:add"),
        {
            "campaign": campaign.pk,
            "kind": "leaflet",
            "channel": "print",
            "placement": "Δημαρχείο Εορδαίας, φυλλάδιο A5 (500 τεμάχια)",
            "target_page": "",
            "target_url": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    material = Material.objects.get()
    assert material.created_by == publicity
    assert re.fullmatch(r"[2-9a-z]{6}", material.code)


def test_an_off_site_target_is_refused_with_a_message(client, publicity, campaign, in_english):
    response = client.post(
        reverse("campaign_materials:add"),
        {
            "campaign": campaign.pk,
            "kind": "sign",
            "channel": "print",
            "placement": "x",
            "target_url": "https://evil.example/",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert not Material.objects.exists()


@pytest.mark.parametrize("size", [3, 5, 8])
def test_qr_codes_read_back_as_the_short_link_at_the_size_asked(client, publicity, poster, size):
    short = reach.short_url(poster)
    svg = client.get(reverse("campaign_materials:qr", args=[poster.pk, size, "svg"]))
    assert svg["Content-Type"] == "image/svg+xml"
    assert f'width="{size * 10}.0mm"' in svg.content.decode()
    assert "attachment" in svg["Content-Disposition"]

    png = client.get(reverse("campaign_materials:qr", args=[poster.pk, size, "png"]))
    image = Image.open(io.BytesIO(png.content))
    expected = size / 2.54 * 300
    assert abs(image.width - expected) / expected < 0.08
    assert round(image.info["dpi"][0]) == 300
    [result] = zxingcpp.read_barcodes(image)
    assert result.text == short
    assert result.format == zxingcpp.BarcodeFormat.QRCode
    assert result.ec_level == "H"


def test_bad_qr_sizes_formats_and_papers_are_404(client, publicity, poster):
    assert client.get(f"/admin/campaigns/materials/{poster.pk}/qr-4cm.svg").status_code == 404
    assert client.get(f"/admin/campaigns/materials/{poster.pk}/qr-5cm.pdf").status_code == 404
    # A 404 of the admin outside the language prefix goes through LocaleMiddleware's redirect.
    assert client.get(f"/admin/campaigns/materials/{poster.pk}/sheet/A5/", follow=True).status_code == 404
    assert client.get("/admin/campaigns/materials/999999/qr-5cm.svg").status_code == 404


def test_the_printable_sheet_has_the_qr_the_short_link_and_the_campaign(client, publicity, poster):
    for paper in ("A4", "A3"):
        html = client.get(reverse("campaign_materials:sheet", args=[poster.pk, paper])).content.decode()
        assert f"size: {paper} portrait" in html
        assert reach.short_url(poster).split("://")[1] in html
        assert "Ελάχιστο Εγγυημένο Εισόδημα 2027" in html
        assert "ΚΕΠ Πτολεμαΐδας, poster A3" in html
        assert "<svg" in html and '<html lang="el"' in html


def test_the_sheet_of_an_arabic_campaign_is_right_to_left(client, publicity, campaign):
    arabic = translate(campaign, "ar", title="الحد الأدنى للدخل المضمون")
    material = MaterialFactory(campaign=arabic, placement="مركز المجتمع، كوزاني")
    html = client.get(reverse("campaign_materials:sheet", args=[material.pk, "A4"])).content.decode()
    assert 'dir="rtl"' in html and "<bdi>" in html


def _day_counts(campaign, material, day, **counts):
    for kind, (count, people) in counts.items():
        ReachDay.objects.create(
            day=day, campaign=campaign, material=material, channel="print", kind=kind, count=count, visitors=people
        )


def test_the_report_adds_past_days_today_and_translations(client, campaign, poster, rf):
    today = timezone.localdate()
    _day_counts(campaign, poster, today - datetime.timedelta(days=2), scan=(12, 9), service=(4, 3), phone=(1, 1))
    english = translate(campaign, "en", title="Minimum income 2027")
    _day_counts(english, None, today - datetime.timedelta(days=2), visit=(5, 5))
    request = rf.get("/", REMOTE_ADDR="198.51.100.1", HTTP_USER_AGENT="Firefox")
    reach.record_scan(request, reach.codes.get(poster.code))
    reach.record_scan(request, reach.codes.get(poster.code))

    report = ReachReport(campaign, today - datetime.timedelta(days=6), today)

    assert report.total.counts["scan"] == 14
    assert report.total.counts["visit"] == 5
    assert report.total.actions == 5
    assert report.by_day[today].counts["scan"] == 2
    [(material, row), (nothing, visits_row)] = report.material_rows()
    assert material == poster and row.counts["scan"] == 14 and nothing is None and visits_row.counts["visit"] == 5
    assert len(list(report.days())) == 7


def test_the_report_page_shows_the_chart_and_its_table(client, publicity, campaign, poster):
    _day_counts(campaign, poster, timezone.localdate(), scan=(7, 6), search=(3, 2))
    html = client.get(reverse("campaign_reach:report", args=[campaign.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "reach-chart" in html and "ΚΕΠ Πτολεμαΐδας, poster A3" in html
    assert ">7<" in html and ">3<" in html


@pytest.mark.parametrize(
    "query",
    [
        "start=notadate",
        "start=2026-12-31&end=2026-01-01",
        "start=1900-01-01&end=2026-01-01",
        "end=%00",
        "start=" + "9" * 500,
    ],
)
def test_bad_periods_get_a_message_not_a_500(client, publicity, campaign, query):
    response = client.get(reverse("campaign_reach:report", args=[campaign.pk]) + "?" + query)
    assert response.status_code in (200, 400)
    csv_response = client.get(reverse("campaign_reach:csv", args=[campaign.pk]) + "?" + query)
    assert csv_response.status_code in (200, 400)


def test_the_csv_is_formula_safe_and_complete(client, publicity, campaign):
    hostile = MaterialFactory(campaign=campaign, placement='=HYPERLINK("http://evil.example","click")')
    day = timezone.localdate() - datetime.timedelta(days=1)
    _day_counts(campaign, hostile, day, scan=(40, 31), registration=(2, 2), newsletter=(1, 1))

    response = client.get(reverse("campaign_reach:csv", args=[campaign.pk]))

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, line = rows[0], rows[1]
    assert line[0] == day.isoformat()
    assert line[2] == "'" + hostile.placement
    assert len(line) == len(header)
    assert "40" in line and "2" in line


def test_the_campaign_page_header_links_to_materials_and_report(client, publicity, campaign):
    publicity.is_superuser = True
    publicity.save()
    html = client.get(reverse("wagtailadmin_pages:edit", args=[campaign.pk])).content.decode()
    assert reverse("campaign_reach:report", args=[campaign.pk]) in html
    assert f"{reverse('campaign_materials:index')}?campaign={campaign.pk}" in html


def test_touches_of_today_are_counted_by_the_report(client, publicity, campaign, poster):
    request_ip = "198.51.100.2"
    client.get(f"/c/{poster.code}", REMOTE_ADDR=request_ip)
    assert VisitorTouch.objects.count() == 1
    html = client.get(reverse("campaign_reach:report", args=[campaign.pk])).content.decode()
    assert request_ip not in html


def test_the_materials_list_filters_by_campaign(client, publicity, campaign, poster):
    other = MaterialFactory(placement="Δημαρχείο Βοΐου, αφίσα A2")
    html = client.get(reverse("campaign_materials:index") + f"?campaign={campaign.pk}").content.decode()
    assert poster.placement in html and other.placement not in html
    assert client.get(reverse("campaign_materials:index") + "?campaign=abc%27").status_code == 200


@pytest.mark.parametrize(
    "query",
    ["end=0001-01-01", "start=0001-01-01&end=0001-01-05", "start=9999-12-30&end=9999-12-31", "end=9999-12-31"],
)
def test_days_at_the_ends_of_the_calendar_get_a_message_not_a_500(client, publicity, campaign, poster, query):
    response = client.get(reverse("campaign_reach:report", args=[campaign.pk]) + "?" + query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Choose a day between 2000-01-01 and 2100-12-31." in response.content.decode()
    # The CSV falls back to the last 30 days, as for any other bad period.
    csv_response = client.get(reverse("campaign_reach:csv", args=[campaign.pk]) + "?" + query)
    assert csv_response.status_code == 200
    today = timezone.localdate()
    assert f"-{today.isoformat()}.csv" in csv_response["Content-Disposition"]
