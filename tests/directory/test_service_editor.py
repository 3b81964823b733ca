"""The service editor as partners and the secretariat use it.

- each taxonomy term once, in the page's language, labelled in the editor's language,
  categories grouped under their main category (not one box per term per locale);
- for partners, "Submit for approval" is the editor's main button;
- an approval says which page was approved and published.
"""

import re
from types import SimpleNamespace

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Locale, TaskState, WorkflowState
from wagtail.users.models import UserProfile

from directory.factories import (
    GoodPracticePageFactory,
    OrganisationPageFactory,
    ServicePageFactory,
)
from directory.models import AccessCondition, DirectoryIndexPage, ServiceCategory, ServicePage, TargetGroup
from directory.partners import SECRETARIAT_GROUP_NAME, add_partner_user, ensure_approval_workflow
from tests.directory.test_partners import editor_form_data, text_of
from tests.helpers import translated


def speaks(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def editors(directory_page, term):
    ensure_approval_workflow()
    org = OrganisationPageFactory(title="Δήμος Κοζάνης")
    service = ServicePageFactory(
        parent=org,
        title="Κοινωνικό παντοπωλείο",
        categories=[term(ServiceCategory, "social-grocery")],
        target_groups=[term(TargetGroup, "homeless")],
    )
    partner = add_partner_user(org, "partner-a", "a@example.org", "pass-a-1234")
    secretariat = get_user_model().objects.create_user("grammateia-test", "g@example.org", "pass-g-1234")
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT_GROUP_NAME))
    return SimpleNamespace(org=org, service=service, partner=partner, secretariat=secretariat)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def boxes(content, name):
    """[(value, checked, label text)] of the checkboxes called `name`."""
    found = re.findall(
        rf'<label[^>]*>\s*<input type="checkbox" name="{name}" value="(\d+)"([^>]*)>\s*([^<]+)</label>', content
    )
    return [(int(value), "checked" in attrs, label.strip()) for value, attrs, label in found]


def test_each_category_and_group_appears_once_grouped_by_main_category(client, editors):
    client.force_login(editors.partner)
    content = text_of(client.get(edit_url(editors.service)))
    greek = Locale.get_default()
    categories = boxes(content, "categories")
    expected = ServiceCategory.objects.filter(locale=greek)
    assert sorted(pk for pk, _checked, _label in categories) == sorted(expected.values_list("pk", flat=True))
    assert len(categories) < ServiceCategory.objects.count()  # not one box per language
    assert [label for pk, checked, label in categories if checked] == ["Κοινωνικό παντοπωλείο"]
    # One <fieldset> per main category, its <legend> the category's name, its subcategories inside.
    block = re.search(r'<div id="id_categories".*?</div>\s*</div>\s*</div>', content, re.S).group(0)
    legends = re.findall(r"<legend[^>]*>([^<]+)</legend>", block)
    main = expected.filter(parent__isnull=True).order_by("sort_order", "name")
    assert legends == [c.name for c in main]
    basic_goods = re.search(r"<legend[^>]*>Βασικά αγαθά</legend>(.*?)</fieldset>", block, re.S).group(1)
    assert "Σίτιση" in basic_goods and "Κοινωνικό παντοπωλείο" in basic_goods and "Νομική" not in basic_goods
    groups = boxes(content, "target_groups")
    assert len(groups) == TargetGroup.objects.filter(locale=greek).count()
    assert len({label for _pk, _c, label in groups}) == len(groups)


def test_terms_are_labelled_in_the_editors_language(client, editors, term):
    client.force_login(speaks(editors.partner, "en"))
    content = text_of(client.get(edit_url(editors.service)))
    english_food = ServiceCategory.objects.get(locale__language_code="en", code="food").name
    food = term(ServiceCategory, "food")
    assert (food.pk, False, english_food) in boxes(content, "categories")  # the Greek term, in English words
    free = AccessCondition.objects.get(locale__language_code="en", code="free").name
    assert free in [label for _pk, _c, label in boxes(content, "access_conditions")]


def test_a_page_in_another_language_links_to_that_languages_terms(client, editors, term):
    """A translation copied by wagtail-localize points at the Greek terms: its editor shows
    the same terms ticked, in its own language, and saving links it to those."""
    english = Locale.objects.get(language_code="en")
    org_en = OrganisationPageFactory(
        parent=DirectoryIndexPage.objects.get(locale=english), title="Municipality of Kozani"
    )
    page = ServicePageFactory(
        parent=org_en, title="Social grocery", categories=[term(ServiceCategory, "social-grocery")], locale=english
    )
    client.force_login(editors.secretariat)
    url = edit_url(page)
    content = text_of(client.get(url))
    grocery_en = ServiceCategory.objects.get(locale=english, code="social-grocery")
    categories = boxes(content, "categories")
    assert {pk for pk, _c, _l in categories} == set(
        ServiceCategory.objects.filter(locale=english).values_list("pk", flat=True)
    )
    assert [pk for pk, checked, _l in categories if checked] == [grocery_en.pk]
    response = client.post(url, editor_form_data(client, url))
    assert response.status_code == 302, text_of(response)[:2000]
    page = ServicePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert [c.pk for c in page.categories.all()] == [grocery_en.pk]


def test_a_term_of_another_language_is_refused_with_a_message(client, editors, term, in_english):
    client.force_login(speaks(editors.partner, "en"))
    url = edit_url(editors.service)
    other = ServiceCategory.objects.get(locale__language_code="uk", code="food")
    response = client.post(url, editor_form_data(client, url, categories=[str(other.pk)]))
    assert response.status_code == 200
    assert "Select a valid choice" in text_of(response)


def test_the_new_service_form_offers_the_organisations_language(client, editors):
    client.force_login(editors.partner)
    url = reverse("wagtailadmin_pages:add", args=["directory", "servicepage", editors.org.pk])
    categories = boxes(text_of(client.get(url)), "categories")
    assert len(categories) == ServiceCategory.objects.filter(locale=Locale.get_default()).count()


def test_good_practice_groups_appear_once(client, editors):
    practice = GoodPracticePageFactory(parent=editors.org)
    client.force_login(editors.partner)
    groups = boxes(text_of(client.get(edit_url(practice))), "target_groups")
    assert len(groups) == TargetGroup.objects.filter(locale=Locale.get_default()).count()


# --- submitting and approving --------------------------------------------------------------


def main_button(content):
    """The action menu's main (first) button: its name and its words."""
    footer = re.search(r'<footer class="footer w-grid.*?</footer>', content, re.S) or re.search(
        r'data-w-dropdown-target="toggle".*', content, re.S
    )
    button = re.search(r"<button([^>]*)>(.*?)</button>", footer.group(0), re.S)
    name = re.search(r'name="([\w-]+)"', button.group(1))
    return name and name.group(1), re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", button.group(2))).strip()


def test_partners_main_button_is_submit_for_approval(client, editors):
    client.force_login(speaks(editors.partner, "en"))
    name, words = main_button(text_of(client.get(edit_url(editors.service))))
    assert name == "action-submit" and words == "Submit for approval"
    name, words = main_button(
        text_of(client.get(reverse("wagtailadmin_pages:add", args=["directory", "servicepage", editors.org.pk])))
    )
    assert name == "action-submit" and words == "Submit for approval"


def test_the_secretariat_keeps_save_draft_first_and_may_publish(client, editors):
    client.force_login(speaks(editors.secretariat, "en"))
    content = text_of(client.get(edit_url(editors.service)))
    assert main_button(content) == (None, "Save draft")
    assert 'name="action-publish"' in content


def submit(client, page):
    url = edit_url(page)
    data = editor_form_data(client, url, title="Κοινωνικό παντοπωλείο (νέο ωράριο)")
    data["action-submit"] = "1"
    return client.post(url, data)


def test_approving_in_the_editor_says_what_was_approved_and_published(client, editors):
    client.force_login(editors.partner)
    assert submit(client, editors.service).status_code == 302
    client.force_login(speaks(editors.secretariat, "en"))
    url = edit_url(editors.service)
    data = editor_form_data(client, url)
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    response = client.post(url, data, follow=True)
    service = ServicePage.objects.get(pk=editors.service.pk)
    assert service.title == "Κοινωνικό παντοπωλείο (νέο ωράριο)" and service.live
    message = "“Κοινωνικό παντοπωλείο (νέο ωράριο)” approved and published: it is now on the site."
    assert message in text_of(response)


def test_approving_from_the_dashboard_says_so_on_the_dashboard(client, editors):
    client.force_login(editors.partner)
    submit(client, editors.service)
    state = TaskState.objects.get(workflow_state__in=WorkflowState.objects.for_instance(editors.service).active())
    client.force_login(speaks(editors.secretariat, "en"))
    url = reverse("wagtailadmin_pages:workflow_action", args=[editors.service.pk, "approve", state.pk])
    response = client.post(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.json()["step"] == "success"
    dashboard = text_of(client.get(reverse("wagtailadmin_home")))
    assert "“Κοινωνικό παντοπωλείο (νέο ωράριο)” approved and published" in dashboard
    # Said once: the next screen no longer repeats it.
    assert "approved and published" not in text_of(client.get(reverse("wagtailadmin_home")))
    assert translated("“%(title)s” approved and published: it is now on the site.", "en")
