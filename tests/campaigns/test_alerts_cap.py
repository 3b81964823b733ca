"""CAP 1.2 messages and their Atom feed, read back as other systems read them: each
message validated against the OASIS CAP 1.2 schema (tests/data/cap), the feed parsed
by feedparser and its inline CAP messages by lxml."""

import datetime
import re

import feedparser
import pytest
from lxml import etree

from django.conf import settings
from django.utils import timezone

from campaigns.admin_alerts import cancel
from campaigns.factories_alerts import AlertFactory

pytestmark = pytest.mark.django_db

CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2", "atom": "http://www.w3.org/2005/Atom"}
CAP_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$")


@pytest.fixture(scope="module")
def cap_schema():
    return etree.XMLSchema(etree.parse(str(settings.BASE_DIR / "tests" / "data" / "cap" / "CAP-v1.2.xsd")))


def cap_message(client, alert, cap_schema):
    response = client.get(f"/alerts/{alert.identifier}.cap")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/cap+xml")
    root = etree.fromstring(response.content)
    cap_schema.assertValid(root)
    return root


def text(root, path):
    return root.findtext(path, namespaces=NS)


def test_a_message_is_valid_cap_1_2_with_every_field(client, directory_page, cap_schema):
    onset = timezone.now()
    alert = AlertFactory(
        texts={
            "el": ("Καύσωνας: ανοιχτοί κλιματιζόμενοι χώροι", "42 °C έως την Παρασκευή.", "Πίνετε νερό."),
            "en": ("Heatwave: cooling centres open", "42 °C until Friday.", "Drink water."),
        },
        area_codes=["m-67", "ru-0901"],
        onset=onset,
        expires=onset + datetime.timedelta(hours=30),
    )
    root = cap_message(client, alert, cap_schema)
    assert text(root, "cap:identifier") == alert.identifier
    assert text(root, "cap:status") == "Actual" and text(root, "cap:msgType") == "Alert"
    assert text(root, "cap:scope") == "Public"
    assert CAP_DATETIME.match(text(root, "cap:sent"))
    infos = root.findall("cap:info", NS)
    assert [text(i, "cap:language") for i in infos] == ["el", "en"]
    english = infos[1]
    assert text(english, "cap:category") == "Met" and text(english, "cap:event") == "Καύσωνας"
    assert (text(english, "cap:urgency"), text(english, "cap:severity"), text(english, "cap:certainty")) == (
        "Immediate",
        "Severe",
        "Observed",
    )
    assert text(english, "cap:headline") == "Heatwave: cooling centres open"
    assert text(english, "cap:instruction") == "Drink water."
    expires = datetime.datetime.fromisoformat(text(english, "cap:expires"))
    assert abs(expires - alert.expires) < datetime.timedelta(seconds=1)
    assert text(english, "cap:expires").endswith("+02:00")  # Athens in December
    assert text(english, "cap:web") == f"http://testserver/en/alerts/{alert.identifier}/"
    areas = english.findall("cap:area", NS)
    assert sorted(text(a, "cap:geocode/cap:value") for a in areas) == ["m-67", "ru-0901"]
    assert "Δήμος Κοζάνης" in [text(a, "cap:areaDesc") for a in areas]


def test_update_and_cancel_reference_the_messages_before(client, directory_page, cap_schema):
    first = AlertFactory()
    update = AlertFactory(msg_type="Update", previous=first, texts={"el": "Καύσωνας: παράταση"})
    message = cancel(update, None)
    root = cap_message(client, message, cap_schema)
    assert text(root, "cap:msgType") == "Cancel"
    references = text(root, "cap:references").split(" ")
    assert [r.split(",")[1] for r in references] == [first.identifier, update.identifier]
    assert all(CAP_DATETIME.match(r.split(",")[2]) for r in references)


def test_a_site_wide_alert_names_the_whole_area(client, directory_page, cap_schema):
    alert = AlertFactory()
    root = cap_message(client, alert, cap_schema)
    assert text(root, "cap:info/cap:area/cap:areaDesc")


def test_control_characters_and_markup_stay_well_formed(client, directory_page, cap_schema):
    alert = AlertFactory(texts={"el": ("Α\x0bΒ <b>&amp;</b>", "γραμμή\x01 ]]> τέλος", "")})
    root = cap_message(client, alert, cap_schema)
    assert text(root, "cap:info/cap:headline") == "ΑΒ <b>&amp;</b>"
    assert text(root, "cap:info/cap:description") == "γραμμή ]]> τέλος"


def test_the_atom_feed_carries_each_current_message(client, directory_page, cap_schema):
    current = AlertFactory(texts={"el": "Πλημμύρα στην Αθήνα"}, area_codes=["m-193"])
    exercise = AlertFactory(texts={"el": "Άσκηση"}, status="Exercise")
    AlertFactory(texts={"el": "Έληξε"}, expires=timezone.now() - datetime.timedelta(minutes=1))
    replaced = AlertFactory(texts={"el": "Πρώτη έκδοση"})
    update = AlertFactory(texts={"el": "Δεύτερη έκδοση"}, msg_type="Update", previous=replaced)
    cancelled = AlertFactory(texts={"el": "Ακυρώθηκε"})
    cancellation = cancel(cancelled, None)

    response = client.get("/alerts/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    titles = {entry.title for entry in feed.entries}
    # The newest message of each chain, the cancellation included; not what expired or was replaced.
    assert titles == {"Πλημμύρα στην Αθήνα", "Άσκηση", "Δεύτερη έκδοση", "Ακυρώθηκε"}
    by_title = {entry.title: entry for entry in feed.entries}
    cap_link = next(link for link in by_title["Πλημμύρα στην Αθήνα"].links if link.type == "application/cap+xml")
    assert cap_link.href == f"http://testserver/alerts/{current.identifier}.cap"

    root = etree.fromstring(response.content)
    messages = root.findall("atom:entry/atom:content/cap:alert", NS)
    for message in messages:
        cap_schema.assertValid(etree.fromstring(etree.tostring(message)))
    identifiers = {text(m, "cap:identifier"): text(m, "cap:msgType") for m in messages}
    assert identifiers == {
        current.identifier: "Alert",
        exercise.identifier: "Alert",
        update.identifier: "Update",
        cancellation.identifier: "Cancel",
    }


def test_an_empty_feed_is_still_a_feed(client, directory_page):
    feed = feedparser.parse(client.get("/alerts/feed.atom").content)
    assert not feed.bozo and feed.entries == [] and feed.feed.title
