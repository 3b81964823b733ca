"""Who may publish alerts, and publishing in two screens (form, then confirm).

The browser walk-through (screens counted in Chromium) is tests/e2e/test_alerts_admin.py;
here the same flow through Django's client, with the purge of the front cache.
"""

import pytest

from django.contrib.auth.models import Group
from django.db.models.signals import pre_save

from campaigns.admin_alerts import ALERTS_GROUP_NAME, ensure_alerts_group
from campaigns.factories_alerts import AlertFactory
from campaigns.models import Alert
from directory.factories import OrganisationPageFactory
from directory.models import AdministrativeArea
from directory.partners import SECRETARIAT_GROUP_NAME, add_partner_user
from tests.helpers import recording_purges

pytestmark = pytest.mark.django_db

RAISE = "/admin/campaigns/alerts/raise/"


def user_in(django_user_model, group_name, username):
    ensure_alerts_group()
    user = django_user_model.objects.create_user(username, password="x" * 12)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def essentials(**overrides):
    kozani = AdministrativeArea.objects.get(code="m-67", locale__language_code="el")
    data = {
        "headline": "Διακοπή νερού στην Κοζάνη",
        "instruction": "Νερό διανέμεται στο Κέντρο Κοινότητας.",
        "areas": [kozani.pk],
        "severity": "Severe",
        "duration": "12",
        "category": "Infra",
        "urgency": "Immediate",
        "certainty": "Observed",
        "status": "Actual",
        "headline_en": "Water cut in Kozani",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("group", [SECRETARIAT_GROUP_NAME, ALERTS_GROUP_NAME])
def test_the_secretariat_and_the_alerts_group_publish_in_two_screens(
    client, directory_page, django_user_model, django_capture_on_commit_callbacks, group
):
    client.force_login(user_in(django_user_model, group, "publisher"))
    # Screen 1: the form.
    assert client.get(RAISE).status_code == 200
    # Screen 2: the preview; nothing is published yet.
    preview = client.post(RAISE, essentials())
    assert preview.status_code == 200 and 'id="alert-publish"' in preview.content.decode()
    assert "Δήμος Κοζάνης" in preview.content.decode()
    assert not Alert.objects.exists()
    # The button of screen 2 publishes, with the same data carried in hidden fields.
    with recording_purges() as purged, django_capture_on_commit_callbacks(execute=True):
        done = client.post(RAISE, {**essentials(), "confirm": "1"})
    assert done.status_code == 302
    alert = Alert.objects.get()
    assert alert.msg_type == "Alert" and alert.raised_by.username == "publisher"
    assert {i.language: i.headline for i in alert.infos.all()} == {
        "el": "Διακοπή νερού στην Κοζάνη",
        "en": "Water cut in Kozani",
    }
    assert [a.code for a in alert.areas.all()] == ["m-67"]
    assert 11.9 < (alert.expires - alert.sent).total_seconds() / 3600 <= 12
    # The pages that must show it at once are refreshed in the front cache.
    assert "http://localhost/el/" in purged and f"http://localhost/en/alerts/{alert.identifier}/" in purged
    assert "Διακοπή νερού στην Κοζάνη" in client.get("/el/").content.decode()


def test_partners_and_anonymous_visitors_cannot_publish(client, directory_page, django_user_model):
    ensure_alerts_group()
    organisation = OrganisationPageFactory(title="Κοινωνικό Παντοπωλείο")
    partner = add_partner_user(organisation, "partner", "partner@example.org", password="x" * 12)
    assert client.get(RAISE).status_code == 302  # to the login page
    client.force_login(partner)
    assert client.get(RAISE).status_code in (302, 403)
    assert client.post(RAISE, {**essentials(), "confirm": "1"}).status_code in (302, 403)
    alert = AlertFactory()
    assert client.post(f"/admin/campaigns/alerts/{alert.pk}/cancel/").status_code in (302, 403)
    assert Alert.objects.count() == 1 and not partner.has_perm("campaigns.add_alert")


def test_a_bad_form_says_what_is_wrong_and_publishes_nothing(client, directory_page, django_user_model):
    client.force_login(user_in(django_user_model, ALERTS_GROUP_NAME, "publisher"))
    response = client.post(
        RAISE,
        essentials(headline="", duration="999", expires="2001-01-01 10:00", areas=["x"], instruction_en="Go\x00"),
    )
    assert response.status_code == 400
    assert not Alert.objects.exists()
    response = client.post(RAISE, essentials(headline="Χ" * 161, headline_en="", instruction_en="Drink water"))
    assert response.status_code == 400 and not Alert.objects.exists()


def test_update_and_cancel_from_the_admin(client, directory_page, django_user_model):
    client.force_login(user_in(django_user_model, ALERTS_GROUP_NAME, "publisher"))
    alert = AlertFactory(texts={"el": "Καύσωνας έως την Τετάρτη"}, area_codes=["m-67"])
    form = client.get(f"/admin/campaigns/alerts/{alert.pk}/update/").content.decode()
    assert "Καύσωνας έως την Τετάρτη" in form  # filled in from the current message
    client.post(
        f"/admin/campaigns/alerts/{alert.pk}/update/",
        {**essentials(headline="Καύσωνας έως την Παρασκευή"), "confirm": "1"},
    )
    update = Alert.objects.get(previous=alert)
    assert update.msg_type == "Update"
    # The replaced message can no longer be updated or cancelled: only the newest.
    replaced = client.post(f"/admin/campaigns/alerts/{alert.pk}/update/", {**essentials(), "confirm": "1"})
    assert replaced.status_code == 302 and Alert.objects.filter(previous=alert).count() == 1
    assert client.get(f"/admin/campaigns/alerts/{update.pk}/cancel/").status_code == 200
    client.post(f"/admin/campaigns/alerts/{update.pk}/cancel/")
    assert Alert.objects.get(previous=update).msg_type == "Cancel"
    assert "Καύσωνας" not in client.get("/el/").content.decode()
    # The snippet's own edit and delete are closed: sent messages are records.
    assert client.get(f"/admin/snippets/campaigns/alert/edit/{alert.pk}/").status_code in (302, 403)
    assert client.get("/admin/snippets/campaigns/alert/").status_code == 200


class PublishedMeanwhile:
    """While our message is being saved, another publisher's message replaces the same alert.

    A pre_save receiver writes the competing row between the views' check and their
    INSERT: the window two people clicking at the same moment fall into.
    """

    def __init__(self, alert, msg_type):
        self.alert, self.msg_type, self.done = alert, msg_type, False

    def __call__(self, sender, instance, **kwargs):
        if instance.pk is None and instance.previous_id == self.alert.pk and not self.done:
            self.done = True
            AlertFactory(previous=self.alert, msg_type=self.msg_type, texts={"el": "Νέα ενημέρωση"})

    def __enter__(self):
        pre_save.connect(self, sender=Alert, dispatch_uid="published-meanwhile")
        return self

    def __exit__(self, *exc):
        pre_save.disconnect(sender=Alert, dispatch_uid="published-meanwhile")


@pytest.mark.parametrize("competitor", ["Update", "Cancel"])
def test_two_publishers_updating_the_same_alert_at_once_get_a_warning_not_an_error(
    client, directory_page, django_user_model, competitor
):
    client.force_login(user_in(django_user_model, ALERTS_GROUP_NAME, "second"))
    alert = AlertFactory(texts={"el": "Καύσωνας"}, area_codes=["m-67"])
    with PublishedMeanwhile(alert, competitor) as race:
        response = client.post(
            f"/admin/campaigns/alerts/{alert.pk}/update/",
            {**essentials(headline="Heatwave until FRIDAY"), "confirm": "1"},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert race.done and response.status_code == 200
    assert "already replaced or cancelled: update the newest message" in response.content.decode()
    assert not Alert.objects.filter(infos__headline="Heatwave until FRIDAY").exists()


@pytest.mark.parametrize("competitor", ["Update", "Cancel"])
def test_two_publishers_cancelling_the_same_alert_at_once_get_a_warning_not_an_error(
    client, directory_page, django_user_model, competitor
):
    client.force_login(user_in(django_user_model, ALERTS_GROUP_NAME, "second"))
    alert = AlertFactory(texts={"el": "Καύσωνας"})
    with PublishedMeanwhile(alert, competitor) as race:
        response = client.post(f"/admin/campaigns/alerts/{alert.pk}/cancel/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert race.done and response.status_code == 200
    assert "This alert was already replaced or cancelled." in response.content.decode()
    assert "The alert was cancelled" not in response.content.decode()


def test_an_update_or_cancel_of_a_message_replaced_since_the_form_was_opened_is_refused(
    client, directory_page, django_user_model
):
    """The check again under the row lock: `previous` was read before someone else replaced it."""
    from campaigns.admin_alerts import AlertForm, AlreadyReplaced, cancel, publish

    user = user_in(django_user_model, ALERTS_GROUP_NAME, "second")
    alert = AlertFactory()
    stale = Alert.objects.get(pk=alert.pk)
    AlertFactory(previous=alert, msg_type="Update")
    form = AlertForm(essentials())
    assert form.is_valid(), form.errors
    with pytest.raises(AlreadyReplaced):
        publish(form, user, previous=stale, msg_type="Update")
    with pytest.raises(AlreadyReplaced):
        cancel(stale, user)
    assert Alert.objects.count() == 2


def test_the_group_setup_is_idempotent(directory_page):
    first = ensure_alerts_group()
    second = ensure_alerts_group()
    assert first.pk == second.pk
    assert sorted(first.permissions.values_list("codename", flat=True)) == ["access_admin", "add_alert", "view_alert"]
    secretariat = Group.objects.get(name=SECRETARIAT_GROUP_NAME)
    assert secretariat.permissions.filter(codename="add_alert").exists()


def test_times_are_entered_in_athens_time(client, directory_page, django_user_model):
    import datetime
    import zoneinfo

    client.force_login(user_in(django_user_model, ALERTS_GROUP_NAME, "publisher"))
    client.post(RAISE, {**essentials(expires="2030-07-10 14:00"), "confirm": "1"})
    expires = Alert.objects.get().expires
    assert expires == datetime.datetime(2030, 7, 10, 11, 0, tzinfo=datetime.UTC)
    assert expires.astimezone(zoneinfo.ZoneInfo("Europe/Athens")).hour == 14
