"""Raising an alert in a hurry, in Chromium: at most two screens from the menu to the
banner on the public site, then cancelling it takes the banner down.

Screens are counted as the documents the browser loads between opening "Raise an
alert" and the alert being published (the redirect to the list comes after).
"""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from campaigns.admin_alerts import ALERTS_GROUP_NAME, ensure_alerts_group
from campaigns.models import Alert
from directory.factories import OrganisationPageFactory, ServiceLocationFactory, ServicePageFactory
from directory.models import AdministrativeArea

PUBLISHER = ("ektakta-e2e", "a-Strong-pass-2026")


@pytest.fixture
def alerts_team(e2e_site):
    ensure_alerts_group()
    user = get_user_model().objects.create_user(PUBLISHER[0], "alerts@example.org", PUBLISHER[1])
    user.groups.add(Group.objects.get(name=ALERTS_GROUP_NAME))
    kozani = AdministrativeArea.objects.get(code="m-67", locale__language_code="el")
    from directory.factories import default_directory

    default_directory()
    organisation = OrganisationPageFactory(title="ΔΗΜΟΣ ΚΟΖΑΝΗΣ")
    service = ServicePageFactory(parent=organisation, title="Κέντρο Κοινότητας Κοζάνης")
    ServiceLocationFactory(page=service, municipality=kozani)
    service.save_revision().publish()
    return {"server": e2e_site, "kozani": kozani, "service": service}


def test_an_alert_is_raised_in_two_screens_and_cancelled_in_one(alerts_team, page):
    server = alerts_team["server"].url
    page.goto(server + "/admin/login/")
    page.locator("input[name=username]").fill(PUBLISHER[0])
    page.locator("input[name=password]").fill(PUBLISHER[1])
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")

    screens = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and screens.append(frame.url))
    # The admin speaks Greek to this user: find the way by addresses, not by words.
    page.locator("a[href$='/admin/snippets/campaigns/alert/']").first.click()
    page.locator("a[href$='/admin/snippets/campaigns/alert/add/']").first.click()
    page.wait_for_url("**/alerts/raise/")
    screens.clear()  # the list and the redirect are not part of publishing
    screens.append(page.url)

    # Screen 1: the essentials; everything else keeps its default.
    page.locator("#id_headline").fill("ΔΙΑΚΟΠΗ ΝΕΡΟΥ ΣΤΗΝ ΚΟΖΑΝΗ ΕΩΣ ΤΙΣ 18:00")
    page.locator("#id_instruction").fill("Νερό διανέμεται στο Κέντρο Κοινότητας.")
    page.locator("#id_areas").select_option(str(alerts_team["kozani"].pk))
    page.locator("#alert-check").click()
    # Screen 2: the banner as it will look, and the button that publishes.
    page.wait_for_selector("#alert-preview")
    assert "ΔΙΑΚΟΠΗ ΝΕΡΟΥ ΣΤΗΝ ΚΟΖΑΝΗ" in page.locator("#alert-preview").inner_text()
    assert not Alert.objects.exists()
    page.locator("#alert-publish").click()
    page.wait_for_url("**/admin/snippets/campaigns/alert/")
    publishing = screens[: screens.index(page.url)] if page.url in screens else screens[:-1]
    assert len(publishing) == 2, publishing
    alert = Alert.objects.get()
    assert alert.msg_type == "Alert" and alert.severity == "Severe"

    # The public sees it at once: on the service in Kozani and on the home page.
    visitor = page.context.browser.new_context(locale="el-GR")
    public = visitor.new_page()
    public.goto(server + alerts_team["service"].url)
    banner = public.locator(".cap-alert").first
    assert "ΔΙΑΚΟΠΗ ΝΕΡΟΥ ΣΤΗΝ ΚΟΖΑΝΗ" in banner.inner_text()
    banner.locator("a").click()
    public.wait_for_url(f"**/el/alerts/{alert.identifier}/")
    assert "Νερό διανέμεται" in public.locator("main").inner_text()

    # Cancel: one screen, and the banner is gone.
    page.goto(server + f"/admin/campaigns/alerts/{alert.pk}/cancel/")
    page.locator("#alert-cancel").click()
    page.wait_for_url("**/admin/snippets/campaigns/alert/")
    public.goto(server + "/el/")
    assert public.locator(".cap-alert").count() == 0
    visitor.close()
