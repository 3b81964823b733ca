"""Problem reports and reference data in the admin, through real requests.

A report is seen, with its reporter's private contact, by the secretariat and by the
editors of the organisation whose service it is about; nobody else.
"""

import json
import re

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import Locale

from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import AdministrativeArea, AreaLevel, ListingReport, ReportStatus, ServiceCategory
from directory.partners import SECRETARIAT_GROUP_NAME, add_partner_user, ensure_approval_workflow

CONTACT_A = "6900000001"
CONTACT_B = "ktimatologio-b@example.org"


def text_of(response):
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


@pytest.fixture
def reports(directory_page):
    ensure_approval_workflow()
    org_a, org_b = OrganisationPageFactory(title="Δήμος Κοζάνης"), OrganisationPageFactory(title="Δήμος Αθηναίων")
    service_a = ServicePageFactory(parent=org_a, title="Παντοπωλείο Κοζάνης")
    service_b = ServicePageFactory(parent=org_b, title="Παντοπωλείο Αθήνας")
    report_a = ListingReport.objects.create(
        service=service_a, reason="hours", message="Κλειστά τα Σάββατα", reporter_contact=CONTACT_A
    )
    report_b = ListingReport.objects.create(
        service=service_b, reason="phone", message="Λάθος τηλέφωνο στην Αθήνα", reporter_contact=CONTACT_B
    )
    secretariat = get_user_model().objects.create_user("grammateia-test", "g@example.org", "pass-g-1234")
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT_GROUP_NAME))
    return {
        "a": report_a,
        "b": report_b,
        "partner_a": add_partner_user(org_a, "partner-a", "a@example.org", "pass-a-1234"),
        "secretariat": secretariat,
    }


def url(name, report=None):
    return reverse(f"listing_reports:{name}", args=[report.pk] if report else [])


def test_partner_lists_only_its_own_reports(client, reports):
    client.force_login(reports["partner_a"])
    response = client.get(url("index"))
    assert response.status_code == 200
    content = text_of(response)
    assert "Παντοπωλείο Κοζάνης" in content
    assert "Παντοπωλείο Αθήνας" not in content
    for params in ({"q": "Αθήνα"}, {"status": "new"}, {"reason": "phone"}):
        assert "Παντοπωλείο Αθήνας" not in text_of(client.get(url("index_results"), params))


@pytest.mark.parametrize("view", ["edit", "inspect", "delete", "history", "history_results", "usage"])
def test_partner_cannot_open_another_organisations_report(client, reports, view):
    client.force_login(reports["partner_a"])
    response = client.get(url(view, reports["b"]), follow=True)
    # A 404 in the admin reaches the visitor through the language redirect of unknown URLs.
    assert response.status_code == 404
    assert CONTACT_B not in text_of(response) and "Λάθος τηλέφωνο" not in text_of(response)


def test_partner_cannot_change_or_delete_another_organisations_report(client, reports):
    client.force_login(reports["partner_a"])
    client.post(url("edit", reports["b"]), {"status": ReportStatus.REJECTED, "staff_note": "x"})
    client.post(url("delete", reports["b"]))
    reports["b"].refresh_from_db()
    assert reports["b"].status == ReportStatus.NEW and not reports["b"].staff_note


def test_partner_answers_its_own_report(client, reports):
    client.force_login(reports["partner_a"])
    response = client.get(url("inspect", reports["a"]))
    assert response.status_code == 200 and CONTACT_A in text_of(response)
    response = client.get(url("edit", reports["a"]))
    assert response.status_code == 200
    assert CONTACT_A in text_of(response) and "Κλειστά τα Σάββατα" in text_of(response)
    assert 'name="message"' not in text_of(response)  # what the visitor wrote is not editable
    response = client.post(
        url("edit", reports["a"]),
        {"status": ReportStatus.RESOLVED, "staff_note": "Διορθώθηκε το ωράριο.", "message": "tampered"},
    )
    assert response.status_code == 302
    reports["a"].refresh_from_db()
    assert reports["a"].status == ReportStatus.RESOLVED
    assert reports["a"].handled_by == reports["partner_a"]
    assert reports["a"].message == "Κλειστά τα Σάββατα"
    # Partners do not delete reports, nor do they see other reports through the site history.
    client.post(url("delete", reports["a"]))
    assert ListingReport.objects.filter(pk=reports["a"].pk).exists()
    assert "Παντοπωλείο Αθήνας" not in text_of(client.get(reverse("wagtailadmin_reports:site_history")))


def test_secretariat_sees_every_report_and_contact(client, reports):
    client.force_login(reports["secretariat"])
    content = text_of(client.get(url("index")))
    assert "Παντοπωλείο Κοζάνης" in content and "Παντοπωλείο Αθήνας" in content
    assert CONTACT_B in text_of(client.get(url("inspect", reports["b"])))
    response = client.post(url("edit", reports["b"]), {"status": ReportStatus.IN_PROGRESS, "staff_note": ""})
    assert response.status_code == 302
    reports["b"].refresh_from_db()
    assert reports["b"].status == ReportStatus.IN_PROGRESS


def test_reports_are_never_added_in_the_admin(client, reports, admin_user):
    client.force_login(admin_user)
    response = client.get(url("add"))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert text_of(client.get(url("index"))).count("Παντοπωλείο") >= 2


def test_reports_are_not_snippets(client, reports):
    """No snippet chooser or bulk action lists reports to other admin users."""
    from wagtail.snippets.models import get_snippet_models

    assert ListingReport not in get_snippet_models()
    client.force_login(reports["partner_a"])
    response = client.get("/admin/snippets/choose/directory/listingreport/", follow=True)
    assert response.status_code == 404


def test_people_without_permission_see_no_reports(client, reports):
    nobody = get_user_model().objects.create_user("nobody", "n@example.org", "pass-n-1234")
    client.force_login(nobody)
    assert client.get(url("index")).status_code == 302
    client.logout()
    response = client.get(url("inspect", reports["a"]))
    assert response.status_code == 302 and "login" in response.url


# --- reference data as snippets ------------------------------------------------------------


@pytest.fixture
def secretariat_client(client, reports):
    client.force_login(reports["secretariat"])
    return client


def test_social_map_menu_groups_the_snippets(secretariat_client):
    page = text_of(secretariat_client.get(reverse("wagtailadmin_home")))
    sidebar = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', page, re.S)
    content = json.dumps(json.loads(sidebar.group(1)), ensure_ascii=False).lower()
    with translation.override(settings.LANGUAGE_CODE):  # the admin speaks the site's language
        labels = [gettext(label) for label in ("Social map", "service categories", "administrative areas")]
        labels += [gettext("problem reports"), gettext("Unverified listings")]
    for label in labels:
        assert label.lower() in content


def test_taxonomies_list_search_and_filter_by_locale(secretariat_client):
    category = ServiceCategory.objects.filter(parent__isnull=False, locale=Locale.get_default()).first()
    index = reverse("wagtailsnippets_directory_servicecategory:list")
    response = secretariat_client.get(index)
    assert response.status_code == 200
    assert category.code in text_of(response) and category.parent.name in text_of(response)
    results = reverse("wagtailsnippets_directory_servicecategory:list_results")
    assert category.name in text_of(secretariat_client.get(results, {"q": category.name[:5]}))
    assert category.name in text_of(secretariat_client.get(results, {"q": category.code}))
    english = ServiceCategory.objects.get(translation_key=category.translation_key, locale__language_code="en")
    greek_only = text_of(secretariat_client.get(results, {"locale": "el"}))
    assert category.name in greek_only and english.name not in greek_only
    for model in ("targetgroup", "accesscondition", "accessibilityfeature", "language"):
        assert secretariat_client.get(reverse(f"wagtailsnippets_directory_{model}:list")).status_code == 200
    edit = reverse("wagtailsnippets_directory_servicecategory:edit", args=[category.pk])
    assert secretariat_client.get(edit).status_code == 200


def test_areas_filter_by_level_and_search_other_names(secretariat_client):
    results = reverse("wagtailsnippets_directory_administrativearea:list_results")
    greek = AdministrativeArea.objects.filter(locale=Locale.get_default())
    region = greek.filter(level=AreaLevel.REGION).first()
    municipality = next(
        area
        for area in greek.filter(level=AreaLevel.MUNICIPALITY).exclude(alternative_names="")
        if any(alias not in area.name for alias in area.alternative_names.splitlines())
    )
    regions = text_of(secretariat_client.get(results, {"level": AreaLevel.REGION, "locale": "el"}))
    assert region.name in regions and municipality.name not in regions
    alias = next(alias for alias in municipality.alternative_names.splitlines() if alias not in municipality.name)
    found = text_of(secretariat_client.get(results, {"q": alias, "locale": "el"}))
    assert municipality.name in found


def test_partners_do_not_edit_reference_data(client, reports):
    client.force_login(reports["partner_a"])
    response = client.get(reverse("wagtailsnippets_directory_servicecategory:list"))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_secretariat_can_translate_a_new_term(secretariat_client):
    from directory.models import TargetGroup

    term = TargetGroup.objects.create(code="test-new-group", name="Νέα ομάδα", locale=Locale.get_default())
    listing = text_of(secretariat_client.get(reverse("wagtailsnippets_directory_targetgroup:list"), {"q": "Νέα"}))
    translate = reverse("wagtail_localize:submit_snippet_translation", args=["directory", "targetgroup", term.pk])
    assert translate in listing
    assert secretariat_client.get(translate).status_code == 200


# --- the admin in Greek: Wagtail strings Wagtail's own Greek catalogue lacks ---------------

#: Wagtail's words, and ours for them, from locale_wagtail/el (the overrides catalogue).
WAGTAIL_GREEK = {
    "Request changes": "Ζητήστε αλλαγές",
    "Approve with comment": "Έγκριση με σχόλιο",
    "Site history": "Ιστορικό ιστότοπου",
    "Workflows": "Ροές εργασιών",
}


def test_the_overrides_catalogue_supplies_wagtails_missing_greek():
    with translation.override("el"):
        for english, greek in WAGTAIL_GREEK.items():
            assert gettext(english) == greek
    assert str(settings.BASE_DIR / "locale_wagtail") in [str(path) for path in settings.LOCALE_PATHS]


def test_the_greek_admin_shows_them_on_the_secretariats_screens(client, reports):
    """A page in moderation: the secretariat's editor offers "Request changes" and
    "Approve with comment" in Greek, and the Reports menu names the site history."""
    service = reports["a"].service
    service.save_revision(user=reports["partner_a"])
    service.get_workflow().start(service, reports["partner_a"])
    client.force_login(reports["secretariat"])  # no preference: the admin speaks Greek (LANGUAGE_CODE)
    content = client.get(reverse("wagtailadmin_pages:edit", args=[service.pk])).content.decode()
    for english in ("Request changes", "Approve with comment"):
        assert WAGTAIL_GREEK[english] in content and f">{english}<" not in content
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert WAGTAIL_GREEK["Site history"] in history
