"""Campaign reach in Chromium: from a poster's short link to a phone call, counted without a
cookie; the short link's "not found" page in Greek and Arabic (axe-core and the layout
checks); the printable sheets on one A4 or A3 page, with a QR code that reads back as
the short link; the publicity team's report screen (axe-core on our own markup)."""

import io

import pytest
import zxingcpp
from PIL import Image

from django.contrib.auth import get_user_model

from campaigns import reach
from campaigns.admin_reach import ensure_publicity_group
from campaigns.factories_pages import CampaignPageFactory
from campaigns.factories_reach import MaterialFactory
from campaigns.models import VisitorTouch
from directory.factories import ServicePageFactory, ServicePhoneFactory
from tests.e2e.conftest import PHONE, axe_violations, describe_violations
from tests.e2e.layout import ALL_CHECKS, measure

TEAM = ("dimosiotita", "reach-e2e-password")


@pytest.fixture
def reach_site(e2e_site):
    reach.salt.forget()  # the tables were flushed; the process remembers the last salt
    reach.codes.forget()
    ensure_publicity_group()
    campaign = CampaignPageFactory(title="Χειμώνας χωρίς κρύο", slug="winter-without-cold")
    service = ServicePageFactory(title="Κοινωνικό Παντοπωλείο Δήμου Κοζάνης")
    ServicePhoneFactory(page=service, number="2461 350 000")
    poster = MaterialFactory(campaign=campaign, placement="Κέντρο Κοινότητας Κοζάνης, poster A3")
    user = get_user_model().objects.create_user(TEAM[0], "team@example.gr", TEAM[1])
    user.groups.add(ensure_publicity_group())
    return {"server": e2e_site.url, "campaign": campaign, "service": service, "poster": poster}


def touches(kind):
    return list(VisitorTouch.objects.filter(kind=kind))


def test_from_a_poster_scan_to_a_phone_call_without_a_cookie(reach_site, browser):
    server, poster, service = reach_site["server"], reach_site["poster"], reach_site["service"]
    context = browser.new_context(viewport=PHONE, locale="el-GR")
    page = context.new_page()
    try:
        response = page.goto(f"{server}/c/{poster.code}")
        assert response.ok
        assert page.url.startswith(server + reach_site["campaign"].url)
        assert f"utm_content={poster.code}" in page.url
        [scan] = touches("scan")
        assert scan.material_id == poster.pk

        page.goto(server + service.url)
        phone = page.locator("main a[href^='tel:']").first
        with page.expect_response("**/c/beacon") as beacon:
            # A phone has an app for tel:, a headless browser does not: dispatch the
            # click our script listens to without leaving the page.
            phone.dispatch_event("click")
        assert (beacon.value.request.method, beacon.value.status) == ("POST", 204)
        [call] = touches("phone")
        assert (call.campaign_id, call.material_id) == (reach_site["campaign"].pk, poster.pk)
        assert touches("service")[0].material_id == poster.pk
        assert context.cookies() == []
    finally:
        context.close()


@pytest.mark.parametrize("language", ["el", "ar"])
def test_the_not_found_page_of_a_short_link_in_greek_and_arabic(reach_site, browser, language):
    failures = {}
    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale=language)
        page = context.new_page()
        try:
            response = page.goto(reach_site["server"] + "/c/zzzzzz")
            assert response.status == 404
            assert page.locator("html").get_attribute("lang") == language
            if language == "ar":
                assert page.locator("html").get_attribute("dir") == "rtl"
            problems = [describe_violations(axe_violations(page))] if axe_violations(page) else []
            problems += [str(problem) for problem in measure(page, ALL_CHECKS)]
            if problems:
                failures[width] = problems
        finally:
            context.close()
    assert not failures, failures


def log_in(page, server):
    page.goto(server + "/admin/login/")
    page.locator("input[name=username]").fill(TEAM[0])
    page.locator("input[name=password]").fill(TEAM[1])
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")


@pytest.mark.parametrize(("paper", "viewport"), [("A4", (794, 1123)), ("A3", (1123, 1587))])
def test_the_printable_sheet_is_one_page_with_a_qr_code_that_reads_back(reach_site, browser, paper, viewport):
    server, poster = reach_site["server"], reach_site["poster"]
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale="el-GR")
    page = context.new_page()
    try:
        log_in(page, server)
        page.goto(f"{server}/admin/campaigns/materials/{poster.pk}/sheet/{paper}/")
        page.emulate_media(media="print")
        pdf = page.pdf(format=paper, prefer_css_page_size=True, print_background=True)
        assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
        assert page.locator(".screen-only").is_hidden()

        image = Image.open(io.BytesIO(page.screenshot(full_page=True)))
        [code] = zxingcpp.read_barcodes(image)
        assert code.text == reach.short_url(poster)
        assert page.locator(".link").inner_text().strip() == reach.short_url(poster).split("://")[1]
    finally:
        context.close()


def test_the_report_screen_is_accessible(reach_site, browser):
    from axe_playwright_python.sync_playwright import Axe

    server, campaign = reach_site["server"], reach_site["campaign"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="el-GR")
    page = context.new_page()
    try:
        log_in(page, server)
        page.goto(f"{server}/c/{reach_site['poster'].code}")  # one scan, today
        response = page.goto(f"{server}/admin/campaigns/reach/{campaign.pk}/")
        assert response.status == 200
        assert page.locator(".reach-totals dd").first.inner_text().strip() == "1"
        options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        found = Axe().run(page, context={"include": [["main"]]}, options=options).response["violations"]
        assert not found, describe_violations(found)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    finally:
        context.close()


def test_a_failed_count_in_autocommit_leaves_the_connection_usable(reach_site):
    """The one-string transaction of campaigns.reach._count rolls back after an error
    (here a campaign that does not exist), so the next query of the request works."""
    from django.db import IntegrityError, connection
    from django.utils import timezone

    assert not connection.in_atomic_block  # a live-server test: autocommit, like a request
    row = [timezone.localdate(), "f" * 64, 999_999_999, None, "print", "scan", "", timezone.now()]
    with pytest.raises(IntegrityError):
        reach._count(reach._TOUCH_UPSERT, row)
    assert VisitorTouch.objects.count() == 0
    row[2] = reach_site["campaign"].pk
    reach._count(reach._TOUCH_UPSERT, row)
    reach._count(reach._TOUCH_UPSERT, row)
    assert VisitorTouch.objects.get().hits == 2
