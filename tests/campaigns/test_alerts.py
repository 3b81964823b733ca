"""Alerts on the public site: which pages show them, expiry without a job, updates and
cancellations as CAP messages, hostile text and bad addresses.

Times are relative to now (an expired alert is one whose end is in the past), so
nothing is frozen and nothing waits.
"""

import datetime

import pytest

from django.utils import timezone

from campaigns.admin_alerts import cancel
from campaigns.alerts import banner_alerts
from campaigns.factories_alerts import AlertFactory
from campaigns.models import Alert
from directory.factories import OrganisationPageFactory, ServiceLocationFactory, ServicePageFactory
from directory.models import AdministrativeArea

pytestmark = pytest.mark.django_db

BANNER = 'class="govgr-notification-banner cap-alert'


def area(code):
    return AdministrativeArea.objects.get(code=code, locale__language_code="el")


def service_in(code, title, organisation=None):
    kwargs = {"parent": organisation} if organisation else {}
    service = ServicePageFactory(title=title, **kwargs)
    ServiceLocationFactory(page=service, municipality=area(code))
    service.save_revision().publish()
    return service


@pytest.fixture
def kozani_and_athens(directory_page):
    kozani_org = OrganisationPageFactory(title="ΔΗΜΟΣ ΚΟΖΑΝΗΣ", slug="dimos-kozanis")
    return {
        "organisation": kozani_org,
        "kozani": service_in("m-67", "Κεντρο Κοινοτητας Κοζανης", kozani_org),
        "athens": service_in("m-193", "Κέντρο Ημέρας Αστέγων Δήμου Αθηναίων"),
        "ptolemaida": service_in("m-66", "Κοινωνικό Παντοπωλείο Εορδαίας"),
    }


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_site_wide_alert_is_on_every_page(client, kozani_and_athens):
    AlertFactory(texts={"el": "Σεισμός: μείνετε μακριά από κτίρια", "en": "Earthquake: keep away from buildings"})
    for url in ("/el/", "/el/social-map/", kozani_and_athens["athens"].url, "/el/alerts/", "/el/search/?q=food"):
        assert "Σεισμός: μείνετε μακριά από κτίρια" in html(client, url), url
    english = html(client, "/en/social-map/")
    assert "Earthquake: keep away from buildings" in english


def test_an_area_alert_is_on_its_areas_pages_only(client, kozani_and_athens):
    alert = AlertFactory(texts={"el": "Διακοπή νερού στην Κοζάνη"}, area_codes=["m-67"])
    headline = "Διακοπή νερού στην Κοζάνη"
    # Pages located in the area: the service, its organisation, the listing filtered by it
    # or by the regional unit and region that contain it.
    assert headline in html(client, kozani_and_athens["kozani"].url)
    assert headline in html(client, kozani_and_athens["organisation"].url)
    for code in ("m-67", "ru-0303"):
        assert headline in html(client, f"/el/social-map/services/?area={code}"), code
    # The home page, with the area named.
    home = html(client, "/el/")
    assert headline in home and "Δήμος Κοζάνης" in home.split(headline)[1].split("</div>")[0]
    # Not elsewhere: another municipality (even a neighbouring one), the unfiltered map.
    for url in (
        kozani_and_athens["athens"].url,
        kozani_and_athens["ptolemaida"].url,
        "/el/social-map/",
        "/el/social-map/services/?area=m-193",
    ):
        assert headline not in html(client, url), url
    assert alert.identifier in html(client, "/el/alerts/")


def test_a_regional_unit_alert_covers_its_municipalities(client, kozani_and_athens):
    AlertFactory(texts={"el": "Χιονοπτώσεις στην Π.Ε. Κοζάνης"}, area_codes=["ru-0303"])
    assert "Χιονοπτώσεις" in html(client, kozani_and_athens["kozani"].url)
    assert "Χιονοπτώσεις" in html(client, kozani_and_athens["ptolemaida"].url)
    assert "Χιονοπτώσεις" not in html(client, kozani_and_athens["athens"].url)


def test_a_concerned_service_shows_the_alert_on_its_own_page(client, kozani_and_athens):
    cooling = kozani_and_athens["athens"]
    AlertFactory(texts={"el": "Καύσωνας στην Κοζάνη"}, area_codes=["m-67"], services=[cooling])
    page = html(client, cooling.url)
    assert "Καύσωνας στην Κοζάνη" in page
    assert 'class="cap-alert-service"' in page  # the service's own notice, beside the banner


def test_expired_alerts_disappear_without_a_job(client, kozani_and_athens):
    AlertFactory(texts={"el": "Έληξε ήδη"}, expires=timezone.now() - datetime.timedelta(seconds=1))
    AlertFactory(texts={"el": "Ισχύει ακόμη"}, expires=timezone.now() + datetime.timedelta(hours=2))
    home = html(client, "/el/")
    assert "Ισχύει ακόμη" in home and "Έληξε ήδη" not in home
    # The banner's cached list is filtered at every render: three hours on, nothing is left
    # although nothing was saved or invalidated meanwhile.
    assert [a.headline("el") for a in banner_alerts()] == ["Ισχύει ακόμη"]
    assert banner_alerts(timezone.now() + datetime.timedelta(hours=3)) == []


def test_a_page_with_an_alert_is_not_cached_past_its_end(client, kozani_and_athens):
    AlertFactory(texts={"el": "Λήγει σε λίγο"}, expires=timezone.now() + datetime.timedelta(seconds=20))
    response = client.get("/el/")
    assert "Λήγει σε λίγο" in response.content.decode()
    s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 1 <= s_maxage <= 20
    assert "stale-while-revalidate" not in response["Cache-Control"]
    AlertFactory(texts={"el": "Για μέρες"}, expires=timezone.now() + datetime.timedelta(days=2))
    Alert.objects.filter(infos__headline="Λήγει σε λίγο").update(expires=timezone.now() + datetime.timedelta(days=3))
    from directory.cache import invalidate

    invalidate()
    assert "s-maxage=60" in client.get("/el/")["Cache-Control"]


def test_cancelling_takes_the_banner_down_at_once(client, kozani_and_athens, django_user_model):
    alert = AlertFactory(texts={"el": "Πυρκαγιά: εκκενώστε"}, area_codes=["m-67"])
    assert "Πυρκαγιά: εκκενώστε" in html(client, "/el/")
    message = cancel(alert, django_user_model.objects.create(username="grammateia"))
    assert message.msg_type == "Cancel" and message.previous == alert
    assert "Πυρκαγιά: εκκενώστε" not in html(client, "/el/")
    assert "Πυρκαγιά: εκκενώστε" not in html(client, kozani_and_athens["kozani"].url)
    page = html(client, f"/en/alerts/{alert.identifier}/")
    assert "This alert was cancelled" in page


def test_an_update_replaces_the_message_it_references(client, kozani_and_athens):
    first = AlertFactory(texts={"el": "Καύσωνας έως την Τετάρτη"})
    update = AlertFactory(texts={"el": "Καύσωνας έως την Παρασκευή"}, msg_type="Update", previous=first)
    home = html(client, "/el/")
    assert "Καύσωνας έως την Παρασκευή" in home and "Καύσωνας έως την Τετάρτη" not in home
    old = html(client, f"/en/alerts/{first.identifier}/")
    assert "replaced by a newer one" in old and f"/en/alerts/{update.identifier}/" in old


def test_exercises_and_tests_never_reach_the_public(client, kozani_and_athens):
    AlertFactory(texts={"el": "Άσκηση σεισμού"}, status="Exercise")
    assert "Άσκηση σεισμού" not in html(client, "/el/")
    assert "Άσκηση σεισμού" in client.get("/alerts/feed.atom").content.decode()


def test_a_language_without_its_text_shows_greek_marked_as_greek(client, kozani_and_athens):
    alert = AlertFactory(
        texts={"el": ("Καύσωνας", "Πολύ υψηλές θερμοκρασίες.", "Πίνετε νερό."), "en": "Heatwave"},
    )
    arabic = html(client, "/ar/")
    assert 'lang="el"><strong>Καύσωνας</strong>' in arabic
    assert "<strong>Heatwave</strong>" in html(client, "/en/")
    page = html(client, f"/ar/alerts/{alert.identifier}/")
    assert '<html lang="ar" dir="rtl"' in page and "Πίνετε νερό." in page


def test_hostile_text_is_escaped(client, kozani_and_athens):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    alert = AlertFactory(texts={"el": (hostile[:160], hostile, hostile)})
    for url in ("/el/", f"/el/alerts/{alert.identifier}/", "/el/alerts/"):
        page = html(client, url)
        assert "<script>alert(" not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;" in page, url


@pytest.mark.parametrize(
    "url",
    [
        "/el/alerts/no-such-alert/",
        "/el/alerts/" + "a" * 101 + "/",
        "/el/alerts/a%20b/",
        "/el/alerts/..%2F..%2Fetc/",
        "/alerts/no-such-alert.cap",
        "/alerts/%3Cscript%3E.cap",
    ],
)
def test_unknown_or_malformed_alert_addresses_are_404(client, kozani_and_athens, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url", ["/el/alerts/a%00b/", "/alerts/a%00b.cap", "/el/?area=%00", "/el/social-map/services/?area=m-67%00"]
)
def test_nul_bytes_are_a_400_never_a_500(client, kozani_and_athens, url):
    AlertFactory(area_codes=["m-67"])
    assert client.get(url).status_code in (400, 404)


def test_odd_area_parameters_do_not_break_the_banner(client, kozani_and_athens):
    AlertFactory(texts={"el": "Ειδοποίηση Κοζάνης"}, area_codes=["m-67"])
    for value in ("x" * 5000, "ΚΟΖΑΝΗ", "m-67&area=m-193", "-1", "1e400"):
        response = client.get("/el/social-map/services/", {"area": value})
        assert response.status_code in (200, 400), value


def test_a_new_alert_shows_on_the_next_view_although_the_banner_list_is_cached(client, kozani_and_athens):
    assert BANNER not in html(client, "/el/")  # the empty list is now cached
    AlertFactory(texts={"el": "Νέα ειδοποίηση"})
    assert "Νέα ειδοποίηση" in html(client, "/el/")


def test_the_demo_alert_loads_once_and_stays_current(client, kozani_and_athens):
    from campaigns.demo.alerts import DEMO_IDENTIFIER, load_alerts_demo

    assert "one active area alert" in load_alerts_demo()
    assert "is current" in load_alerts_demo()
    alert = Alert.objects.get(identifier=DEMO_IDENTIFIER)
    assert sorted(a.code for a in alert.areas.all()) == ["m-193", "m-67"]
    assert {i.language for i in alert.infos.all()} == {"el", "en"}
    Alert.objects.filter(pk=alert.pk).update(expires=timezone.now() - datetime.timedelta(hours=1))
    assert "extended" in load_alerts_demo()
    assert Alert.objects.count() == 1
    assert "Heatwave: cooling centres open in Kozani and Athens" in html(client, "/en/")


def test_result_cards_of_a_concerned_service_carry_a_flag(client, kozani_and_athens):
    import types

    from django.template import Context, Template

    cooling = kozani_and_athens["athens"]
    alert = AlertFactory(texts={"el": "Καύσωνας: κλιματιζόμενοι χώροι"}, area_codes=["m-67"], services=[cooling])
    listing = html(client, "/el/social-map/services/?area=m-193")
    card = listing.split('class="service-card"')[1].split("</li>")[0]
    assert 'class="govgr-body-s alert-flag"' in card and f"/el/alerts/{alert.identifier}/" in card
    # A search hit carries the page id: the same tag flags it (search/_results.html can load it).
    flag = Template("{% load alert_tags %}{% alert_flag hit %}")
    assert "Καύσωνας: κλιματιζόμενοι χώροι" in flag.render(Context({"hit": types.SimpleNamespace(page_id=cooling.pk)}))
    other = kozani_and_athens["ptolemaida"].pk
    assert "alert-flag" not in flag.render(Context({"hit": types.SimpleNamespace(page_id=other)}))


def test_a_listing_showing_only_a_flag_is_not_cached_past_the_alerts_end(client, kozani_and_athens):
    """No banner (the alert is for Kozani, the listing is Athens'), one flagged card: the card's
    flag alone bounds the front cache's time, as a banner would."""
    cooling = kozani_and_athens["athens"]
    AlertFactory(
        texts={"el": "Καύσωνας: λήγει σε λίγο"},
        area_codes=["m-67"],
        services=[cooling],
        expires=timezone.now() + datetime.timedelta(seconds=20),
    )
    response = client.get("/el/social-map/services/?area=m-193")
    page = response.content.decode()
    assert response.status_code == 200 and BANNER not in page and "alert-flag" in page
    assert "s-maxage=" in response["Cache-Control"], response["Cache-Control"]
    s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 1 <= s_maxage <= 20
    assert "stale-while-revalidate" not in response["Cache-Control"]
