"""Short links and reach without cookies: the redirect and its utm parameters, the scan
count, no cookie set and no IP address anywhere in the database, the daily salt and
its rotation, actions attributed to the campaign a visitor came from, tracked campaign
visits, the link beacon, and bad codes and parameters answered without a 500."""

import datetime
import hashlib
from urllib.parse import parse_qs, urlsplit

import pytest

from django.db import connection
from django.test import override_settings
from django.utils import timezone

from campaigns import reach
from campaigns.factories_pages import CampaignPageFactory
from campaigns.factories_reach import MaterialFactory
from campaigns.models import Material, ReachDay, VisitorTouch, VisitSalt
from core import visits
from directory.factories import ServicePageFactory

pytestmark = pytest.mark.django_db

IP = "203.0.113.77"
PHONE_UA = "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
REACH_TABLES = ["campaigns_visitortouch", "campaigns_reachday", "campaigns_visitsalt", "campaigns_material"]


@pytest.fixture(autouse=True)
def fresh_reach_state():
    """Each test starts without a remembered salt or code (they live in the process)."""
    reach.salt.forget()
    reach.codes.forget()
    yield
    reach.salt.forget()
    reach.codes.forget()


@pytest.fixture
def campaign(site_tree):
    return CampaignPageFactory(title="Χειμώνας χωρίς κρύο", slug="winter-without-cold")


@pytest.fixture
def poster(campaign):
    return MaterialFactory(campaign=campaign, placement="Κέντρο Κοινότητας Κοζάνης, poster A3")


def scan(client, code, ip=IP, ua=PHONE_UA, **extra):
    return client.get(f"/c/{code}", REMOTE_ADDR=ip, HTTP_USER_AGENT=ua, **extra)


def touches(**filters):
    return list(VisitorTouch.objects.filter(**filters).order_by("pk"))


def test_a_scan_redirects_to_the_campaign_with_utm_parameters_and_counts(client, campaign, poster):
    response = scan(client, poster.code)

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == campaign.url
    assert parse_qs(location.query) == {
        "utm_source": ["poster"],
        "utm_medium": ["print"],
        "utm_campaign": ["winter-without-cold"],
        "utm_content": [poster.code],
    }
    [touch] = touches()
    assert (touch.kind, touch.material_id, touch.campaign_id, touch.channel, touch.hits) == (
        "scan",
        poster.pk,
        campaign.pk,
        "print",
        1,
    )
    assert touch.day == timezone.localdate()

    scan(client, poster.code)  # the same phone again: one visitor, two scans
    scan(client, poster.code, ip="198.51.100.4")  # someone else
    rows = touches(kind="scan")
    assert sorted(row.hits for row in rows) == [1, 2]


def test_a_scan_sets_no_cookie_and_is_never_cached(client, poster):
    response = scan(client, poster.code)

    assert not response.cookies
    assert "Set-Cookie" not in response
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_no_ip_address_is_stored_anywhere(client, poster):
    service = ServicePageFactory(title="Κοινωνικό Παντοπωλείο Κοζάνης")
    forwarded = f"10.0.0.1, {IP}"
    scan(client, poster.code, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    client.get(service.url, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded, HTTP_USER_AGENT=PHONE_UA)
    client.post(
        "/c/beacon",
        {"kind": "phone", "target": "tel:+302461350000"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded,
        HTTP_USER_AGENT=PHONE_UA,
    )
    reach.roll_up(timezone.localdate() + datetime.timedelta(days=1))
    assert ReachDay.objects.filter(kind__in=["scan", "service", "phone"]).count() == 3

    scan(client, poster.code, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)  # and today's rows
    assert VisitorTouch.objects.exists()
    with connection.cursor() as cursor:
        for table in REACH_TABLES:
            cursor.execute(f"SELECT count(*) FROM {table} AS t WHERE t::text LIKE %s", [f"%{IP}%"])  # noqa: S608
            assert cursor.fetchone()[0] == 0, table
            # Nor a hash of the address alone, which anyone could recompute.
            cursor.execute(
                f"SELECT count(*) FROM {table} AS t WHERE t::text LIKE %s",  # noqa: S608
                [f"%{hashlib.sha256(IP.encode()).hexdigest()}%"],
            )
            assert cursor.fetchone()[0] == 0, table


def test_the_salt_alone_does_not_confirm_a_guessed_address(rf):
    """The day's salt is in the same database as the hashes: the visitor hash is keyed
    with SECRET_KEY too, so a copy of the database cannot test a guessed IP address."""
    request = rf.get("/", REMOTE_ADDR=IP, HTTP_USER_AGENT=PHONE_UA)
    salt = b"s" * 32
    guess = hashlib.sha256(salt)
    for part in (IP, PHONE_UA, request.get_host()):
        guess.update(b"\x1f")
        guess.update(part.encode())
    plain = hashlib.sha256(salt + "\x1f".join((IP, PHONE_UA, request.get_host())).encode()).hexdigest()
    assert visits.visitor_hash(request, salt) not in (guess.hexdigest(), plain)
    with override_settings(SECRET_KEY="another-secret-key-for-this-test-only-0123456789"):
        other = visits.visitor_hash(request, salt)
    assert other != visits.visitor_hash(request, salt)


def test_the_address_is_the_one_nginx_appended_not_what_the_client_wrote(rf):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.77", REMOTE_ADDR="")
    assert visits.client_ip(request) == IP
    forged = rf.get("/", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.77", REMOTE_ADDR="")
    salt = b"s" * 32
    assert visits.visitor_hash(request, salt) == visits.visitor_hash(forged, salt)


def test_the_salt_changes_every_day_and_old_salts_and_hashes_go(client, campaign, poster):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    VisitSalt.objects.create(day=yesterday, salt=b"y" * 32)
    VisitorTouch.objects.create(
        day=yesterday,
        visitor="a" * 64,
        campaign=campaign,
        material=poster,
        channel="print",
        kind="scan",
        hits=3,
        last_at=timezone.now() - datetime.timedelta(days=1),
    )
    VisitorTouch.objects.create(
        day=yesterday,
        visitor="a" * 64,
        campaign=campaign,
        material=poster,
        channel="print",
        kind="service",
        target="x1",
        last_at=timezone.now() - datetime.timedelta(days=1),
    )

    scan(client, poster.code)  # the first request of the day makes today's salt

    salts = list(VisitSalt.objects.values_list("day", flat=True))
    assert salts == [today]
    assert not VisitorTouch.objects.filter(day=yesterday).exists()
    counts = {row.kind: (row.count, row.visitors) for row in ReachDay.objects.filter(day=yesterday)}
    assert counts == {"scan": (3, 1), "service": (1, 1)}

    # The same person gets another hash on another day: days cannot be linked.
    request = client.get("/").wsgi_request
    assert visits.visitor_hash(request, b"y" * 32) != visits.visitor_hash(request, reach.salt.today()[1])


def test_rolling_up_twice_counts_once(campaign, poster):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    VisitorTouch.objects.create(
        day=yesterday, visitor="b" * 64, campaign=campaign, material=poster, channel="print", kind="scan",
        hits=2, last_at=timezone.now(),
    )  # fmt: skip
    assert reach.roll_up() == 1
    assert reach.roll_up() == 0
    assert ReachDay.objects.get(day=yesterday, kind="scan").count == 2


def test_actions_of_a_visitor_who_scanned_are_attributed_to_the_material(client, campaign, poster):
    service = ServicePageFactory(title="ΚΕΝΤΡΟ ΚΟΙΝΟΤΗΤΑΣ ΔΗΜΟΥ ΚΟΖΑΝΗΣ - ΠΑΡΑΡΤΗΜΑ ΡΟΜΑ ΚΑΙ ΜΕΤΑΝΑΣΤΩΝ")
    scan(client, poster.code)

    assert client.get(service.url, REMOTE_ADDR=IP, HTTP_USER_AGENT=PHONE_UA).status_code == 200
    client.get(service.url, REMOTE_ADDR=IP, HTTP_USER_AGENT=PHONE_UA)  # the same page again: one action
    # Someone on the same phone model elsewhere, and someone with no campaign: nothing counted.
    client.get(service.url, REMOTE_ADDR="198.51.100.9", HTTP_USER_AGENT=PHONE_UA)

    [action] = touches(kind="service")
    assert (action.campaign_id, action.material_id, action.channel, action.hits) == (campaign.pk, poster.pk, "print", 2)


def test_every_action_kind_can_be_noted_and_unknown_kinds_are_ignored(rf, campaign, poster):
    request = rf.get("/", REMOTE_ADDR=IP, HTTP_USER_AGENT=PHONE_UA)
    reach.record_scan(request, reach.codes.get(poster.code))
    for kind, _label in visits.ACTION_CHOICES:
        visits.note_action(request, kind, target="42")
    visits.note_action(request, "purchase")  # not ours: logged, not raised

    assert sorted(t.kind for t in touches(material=poster) if t.kind != "scan") == sorted(visits.ACTION_KINDS)
    assert all(len(t.target) in (0, 16) for t in touches())  # a hash, not the text


def test_a_campaign_page_visit_from_a_tracked_link_is_counted_by_channel(client, campaign, poster):
    url = campaign.url + "?utm_source=facebook&utm_medium=social&utm_campaign=winter"
    response = client.get(url, REMOTE_ADDR=IP, HTTP_USER_AGENT=PHONE_UA)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]  # must reach the application each time
    [visit] = touches(kind="visit")
    assert (visit.channel, visit.material_id) == ("social", None)

    # Made-up channels are "other"; the material's code in utm_content names the material.
    client.get(campaign.url + "?utm_medium=%3Cscript%3E" + "x" * 300, REMOTE_ADDR=IP, HTTP_USER_AGENT=PHONE_UA)
    client.get(campaign.url + f"?utm_content={poster.code.upper()}", REMOTE_ADDR=IP, HTTP_USER_AGENT=PHONE_UA)
    channels = sorted((t.channel, t.material_id or 0) for t in touches(kind="visit"))
    assert channels == sorted([("social", 0), ("other", 0), ("print", poster.pk)])

    # Without utm parameters nothing is counted (the front cache serves those pages).
    client.get(campaign.url, REMOTE_ADDR="198.51.100.5", HTTP_USER_AGENT=PHONE_UA)
    assert len(touches(kind="visit")) == 3


def test_the_beacon_counts_phone_and_directions_links_of_campaign_visitors_only(client, poster):
    def beacon(kind, target, **extra):
        return client.post(
            "/c/beacon", {"kind": kind, "target": target}, REMOTE_ADDR=IP, HTTP_USER_AGENT=PHONE_UA, **extra
        )

    assert beacon("phone", "tel:+302461350000").status_code == 204
    assert not touches(kind="phone")  # no campaign visit yet

    scan(client, poster.code)
    assert beacon("phone", "tel:+302461350000").status_code == 204
    assert beacon("directions", "https://www.openstreetmap.org/directions?to=40.3%2C21.78").status_code == 204
    assert {t.kind for t in touches()} == {"scan", "phone", "directions"}

    assert beacon("comment", "1").status_code == 400  # only what a browser alone can see
    assert beacon("phone", "tel:1", HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert client.get("/c/beacon").status_code == 405


@pytest.mark.parametrize(
    "path",
    [
        "/c/zzzzzz",
        "/c/0000000000000000000000000000000000000000000000000000",
        "/c/%CE%B1%CE%B2%CE%B3",  # αβγ
        "/c/abc%00def",
        "/c/%27%3B--",
        "/c/a%20b",
    ],
)
def test_an_unknown_or_malformed_code_is_a_friendly_404_in_the_visitors_language(client, site_tree, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code in (400, 404)
    assert not response.cookies
    if response.status_code == 404:
        html = response.content.decode()
        assert '<html lang="en"' in html
        assert "Short link not found" in html
        assert "no-store" in response["Cache-Control"]


def test_an_unknown_code_is_in_greek_by_default(client, site_tree):
    response = client.get("/c/zzzzzz")
    assert response.status_code == 404
    assert '<html lang="el"' in response.content.decode()


def test_a_query_string_with_a_nul_byte_is_refused_not_a_500(client, poster):
    response = client.get(f"/c/{poster.code}?x=%00")
    assert response.status_code == 400


def test_codes_are_read_case_insensitively_and_without_ambiguous_characters(client, poster):
    assert scan(client, poster.code.upper()).status_code == 302
    assert not set(poster.code) & set("01ilo")
    codes = {Material.objects.create(campaign=poster.campaign, placement=f"Λεπτό {i}").code for i in range(30)}
    assert len(codes) == 30


def test_an_unpublished_campaign_no_longer_redirects(client, campaign, poster):
    campaign.unpublish()
    assert scan(client, poster.code).status_code == 404


def test_the_target_keeps_its_query_and_the_editors_utm_parameters(client, campaign):
    material = MaterialFactory(
        campaign=campaign,
        kind=Material.Kind.SOCIAL_POST,
        channel=Material.Channel.SOCIAL,
        target_url="http://testserver/el/social-map/?category=food&utm_source=facebook",
    )
    query = parse_qs(urlsplit(scan(client, material.code)["Location"]).query)
    assert query["category"] == ["food"]
    assert query["utm_source"] == ["facebook"]
    assert query["utm_medium"] == ["social"]


def test_short_links_lead_only_to_this_site_or_allowed_sites(campaign, settings):
    from django.core.exceptions import ValidationError

    settings.KOINONIA_SHORT_LINK_HOSTS = ["www.kozani.gr"]

    material = Material(campaign=campaign, placement="Post", target_url="https://evil.example/phish")
    with pytest.raises(ValidationError) as error:
        material.full_clean()
    assert "target_url" in error.value.message_dict
    material.target_url = "https://www.kozani.gr/koinoniki-politiki/?utm_source=x"
    material.full_clean()


def test_the_privacy_notice_says_what_is_counted_and_why(client, site_tree):
    html = client.get("/en/privacy/").content.decode()
    assert "Measuring the reach of campaigns (without cookies)" in html
    assert "do not store your IP address" in html
    assert "deleted at the end of the day" in html


def test_a_code_typed_with_a_slash_at_the_end_still_redirects(client, poster):
    assert scan(client, poster.code + "/").status_code == 302


@pytest.mark.parametrize("length", ["abc", "-1", "99999999999999999999", "1000000"])
def test_the_beacon_refuses_odd_lengths_without_a_500(client, length):
    response = client.post("/c/beacon", data=b"kind=phone", content_type="application/x-www-form-urlencoded",
                           CONTENT_LENGTH=length)  # fmt: skip
    assert response.status_code == 400


def test_a_search_is_not_stored_in_a_form_anyone_can_recompute(client, poster, directory_page):
    """A query's plain hash could be confirmed by guessing ("κακοποίηση") and linked to a
    visitor: the key is made with the day's salt and the site's secret, and dies with them."""
    scan(client, poster.code)
    params = {"q": "κακοποίηση", "near": "40.3007,21.7887"}
    listing = client.get("/el/social-map/services/", params, REMOTE_ADDR=IP, HTTP_USER_AGENT=PHONE_UA)
    assert listing.status_code == 200
    other = client.get("/el/social-map/services/", {"q": "ΣΤΕΓΗ"}, REMOTE_ADDR=IP, HTTP_USER_AGENT=PHONE_UA)
    assert other.status_code == 200

    searches = touches(kind="search")
    assert len(searches) == 2  # two different searches are still two actions
    query_string = listing.wsgi_request.GET.urlencode()
    for text in (query_string, "κακοποίηση", "q=κακοποίηση"):
        plain = hashlib.sha256(text.encode()).hexdigest()
        assert all(plain[:16] != touch.target for touch in searches), text
    # Nor a hash under the day's salt alone, which sits in the same database.
    day_salt = bytes(VisitSalt.objects.get().salt)
    salted = hashlib.sha256(day_salt + query_string.encode()).hexdigest()[:16]
    assert all(salted != touch.target for touch in searches)
    with connection.cursor() as cursor:
        for needle in ("κακοποίηση", "40.3007", hashlib.sha256(query_string.encode()).hexdigest()[:16]):
            cursor.execute("SELECT count(*) FROM campaigns_visitortouch AS t WHERE t::text LIKE %s", [f"%{needle}%"])
            assert cursor.fetchone()[0] == 0, needle

    listing_again = client.get("/el/social-map/services/", params, REMOTE_ADDR=IP, HTTP_USER_AGENT=PHONE_UA)
    assert listing_again.status_code == 200
    assert len(touches(kind="search")) == 2  # the same search again is one action
    # Another day's key of the same query differs: past rows cannot be matched to it.
    assert visits.target_key(b"a" * 32, query_string) != visits.target_key(b"b" * 32, query_string)


def test_a_scan_and_the_landing_page_it_leads_to_are_one_arrival(client, campaign, poster):
    from campaigns.reach_report import ReachReport

    landing = scan(client, poster.code)["Location"]
    assert client.get(landing, REMOTE_ADDR=IP, HTTP_USER_AGENT=PHONE_UA).status_code == 200

    today = timezone.localdate()
    assert ReachReport(campaign, today, today).total.arrivals == 1
    assert not touches(kind="visit")

    # The landing address shared on by the person who scanned is a visit of someone else.
    client.get(landing, REMOTE_ADDR="198.51.100.23", HTTP_USER_AGENT=PHONE_UA)
    [visit] = touches(kind="visit")
    assert (visit.material_id, visit.channel) == (poster.pk, "print")
    assert ReachReport(campaign, today, today).total.arrivals == 2
