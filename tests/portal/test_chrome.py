"""The site chrome: main menu, footer, privacy notice, helplines, 404/500, quick exit."""

import pytest

from django.conf import settings
from django.urls import get_resolver

from wagtail.models import Locale

from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import ServiceCategory, TargetGroup
from directory.sensitivity import mark_sensitive_terms, sensitive_codes
from portal.models import Helpline, MainMenu, MainMenuItem, PrivacyNoticePage, SiteText, StandardPage

LANGUAGES = ("el", "en", "ar", "uk")


@pytest.fixture
def full_site(site_tree):
    """What setup_site builds: with the consultations section and the main menu."""
    from consultations.setup import ensure_consultations_section
    from portal.menus import ensure_main_menu

    ensure_consultations_section(site_tree)
    ensure_main_menu(site_tree)
    return site_tree


# --- seed -------------------------------------------------------------------------


@pytest.mark.django_db
def test_privacy_notice_is_seeded_in_every_language_with_its_own_text(site_tree):
    titles = {}
    for language in LANGUAGES:
        page = PrivacyNoticePage.objects.live().get(locale__language_code=language)
        titles[language] = page.title
        assert page.authority_email == "complaints@dpa.gr"
        # Reports, comments, flags, surveys, preference cookies, newsletter, events, campaign reach, abuse.
        assert len(page.processing) == 9
        assert page.rights
    assert titles == {
        "el": "Ενημέρωση για τα προσωπικά δεδομένα",
        "en": "Privacy notice",
        "ar": "إشعار الخصوصية",
        "uk": "Повідомлення про конфіденційність",
    }
    arabic = PrivacyNoticePage.objects.get(locale__language_code="ar")
    assert arabic.processing[1].value["name"] == "التعليقات على المشاورات"
    assert "180" in arabic.processing[1].value["retention"]


@pytest.mark.django_db
def test_terms_and_cookie_statement_are_seeded_and_linked_from_site_text(site_tree):
    for language in LANGUAGES:
        assert StandardPage.objects.live().filter(locale__language_code=language, slug="terms").exists()
        assert StandardPage.objects.live().filter(locale__language_code=language, slug="cookies").exists()
    assert StandardPage.objects.get(locale__language_code="uk", slug="terms").title == "Умови участі"
    site_text = SiteText.objects.get(locale=Locale.get_default())
    assert site_text.terms_page.slug == "terms" and site_text.cookies_page.slug == "cookies"


@pytest.mark.django_db
def test_helplines_are_seeded_once_in_every_language_with_their_source(site_tree):
    from portal.bootstrap import ensure_site_tree

    ensure_site_tree()  # idempotent: a second run adds nothing
    numbers = {"112", "197", "15900", "1056", "1018"}
    for language in LANGUAGES:
        lines = Helpline.objects.filter(locale__language_code=language)
        assert numbers <= set(lines.values_list("number", flat=True))
        assert lines.count() == 12
    assert all(h.source.startswith("http") for h in Helpline.objects.all())
    greek = Helpline.objects.get(locale__language_code="el", number="15900")
    arabic = Helpline.objects.get(locale__language_code="ar", number="15900")
    assert greek.translation_key == arabic.translation_key and greek.name != arabic.name


@pytest.mark.django_db
def test_main_menu_is_seeded_per_language_with_the_sections(full_site, client):
    from portal.menus import ensure_main_menu

    assert ensure_main_menu(full_site) == 0  # already there
    assert MainMenu.objects.count() == 4
    links = MainMenu.objects.get(locale__language_code="en").links()
    assert [link["url"] for link in links] == [
        "/en/social-map/",
        "/en/social-map/good-practices/",
        "/en/consultations/",
        "/en/consultations/#surveys-title",
    ]
    assert [link["title"] for link in links][2:] == ["Consultations", "Surveys"]
    html = client.get("/ar/").content.decode()
    assert 'class="govgr-nav govgr-nav--horizontal' in html
    assert 'href="/ar/consultations/#surveys-title">الاستبيانات</a>' in html


@pytest.mark.django_db
def test_an_editors_change_to_the_menu_shows_at_once(full_site, client):
    assert "Consultations" in client.get("/en/").content.decode()
    item = MainMenuItem.objects.get(locale__language_code="en", title="Consultations")
    item.title = "Have your say"
    item.save()
    html = client.get("/en/").content.decode()
    assert "Have your say" in html and ">Consultations<" not in html


@pytest.mark.django_db
def test_menu_marks_the_section_of_the_current_page(full_site, client):
    html = client.get("/en/social-map/good-practices/").content.decode()
    assert 'href="/en/social-map/good-practices/" aria-current="page"' in html
    assert 'href="/en/social-map/" aria-current="page"' not in html


@pytest.mark.django_db
def test_menu_link_to_a_page_follows_it_into_the_visitors_language(full_site):
    """A menu copied from the Greek one (as wagtail-localize copies) still links /en/ pages."""
    english = MainMenu.objects.get(locale__language_code="en")
    greek_directory = MainMenuItem.objects.get(locale__language_code="el", sort_order=0).page
    item = english.items.get(sort_order=0)
    item.page = greek_directory
    item.save()
    assert english.links()[0]["url"] == "/en/social-map/"


# --- footer and the forms' links ---------------------------------------------------


@pytest.mark.django_db
def test_footer_links_the_statements_in_the_visitors_language(site_tree, client):
    response = client.get("/uk/")
    html = response.content.decode()
    for url in ("/uk/privacy/", "/uk/accessibility/", "/uk/terms/", "/uk/cookies/"):
        assert f'class="govgr-footer__link" href="{url}"' in html
    assert response.context["privacy_notice_url"] == "/uk/privacy/"
    assert response.context["terms_url"] == "/uk/terms/"
    assert response.context["cookies_url"] == "/uk/cookies/"


@pytest.mark.django_db
def test_privacy_notice_page_renders_every_part(site_tree, client):
    html = client.get("/en/privacy/").content.decode()
    for text in (
        "Comments on consultations",
        "180 days",
        "Hellenic Data Protection Authority",
        "complaints@dpa.gr",
        "tel:2106475600",
        "dpo@koinonia.example",
        "GDPR articles 15-22",
    ):
        assert text in html, text


# --- error pages -------------------------------------------------------------------


@pytest.mark.django_db
def test_404_is_ours_in_the_visitors_language_with_search_and_helplines(site_tree, client):
    assert settings.DEBUG is False
    response = client.get("/ar/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert 'action="/ar/search/"' in html
    assert 'href="tel:112"' in html and "خط SOS 15900" in html
    english = client.get("/en/no-such-page/").content.decode()
    assert "Page not found" in english and 'action="/en/search/"' in english


@pytest.mark.django_db
def test_500_renders_without_the_database(rf, django_assert_num_queries):
    handler = get_resolver().resolve_error_handler(500)
    request = rf.get("/uk/social-map/broken/")
    with django_assert_num_queries(0):
        response = handler(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="uk" dir="ltr">' in html
    assert 'action="/uk/search/"' in html and 'href="tel:112"' in html
    arabic = handler(rf.get("/ar/x/")).content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic


# --- sensitive terms and the quick-exit button -----------------------------------


@pytest.mark.django_db
def test_violence_terms_are_marked_sensitive_in_every_language(site_tree):
    mark_sensitive_terms()
    flags = dict(TargetGroup.objects.filter(code="women-violence").values_list("locale__language_code", "sensitive"))
    assert flags and all(flags.values())
    assert not TargetGroup.objects.get(code="unemployed", locale=Locale.get_default()).sensitive
    assert sensitive_codes()["group"] == {"women-violence"}


@pytest.mark.django_db
def test_a_marked_category_makes_its_subcategories_sensitive(site_tree):
    ServiceCategory.objects.filter(code="psychosocial").update(sensitive=True)
    assert {"psychosocial", "counselling", "mental-health"} <= sensitive_codes()["category"]


@pytest.fixture
def violence_service(site_tree):
    from wagtail.models import Locale

    mark_sensitive_terms()
    greek = Locale.get_default()
    org = OrganisationPageFactory(title="Συμβουλευτικό Κέντρο Γυναικών")
    return ServicePageFactory(
        parent=org,
        title="Ψυχολογική στήριξη γυναικών",
        target_groups=[TargetGroup.objects.get(code="women-violence", locale=greek)],
    )


@pytest.mark.django_db
def test_quick_exit_shows_on_sensitive_pages_and_listings_only(violence_service, directory_page, client):
    quick_exit = "data-quick-exit-link"
    assert quick_exit in client.get(violence_service.url).content.decode()
    assert quick_exit in client.get(violence_service.get_parent().url).content.decode()
    listing = directory_page.url + "services/"
    assert quick_exit in client.get(listing + "?group=women-violence").content.decode()
    assert quick_exit in client.get("/el/search/?group=women-violence").content.decode()
    assert quick_exit not in client.get(listing).content.decode()
    assert quick_exit not in client.get(listing + "?group=unemployed").content.decode()
    assert quick_exit not in client.get("/el/").content.decode()


@pytest.mark.django_db
def test_quick_exit_on_a_page_an_editor_marks(site_tree, client):
    page = StandardPage(title="Αν κινδυνεύετε στο σπίτι", slug="safety", quick_exit=True)
    site_tree.add_child(instance=page)
    html = client.get(page.url).content.decode()
    assert 'href="https://www.google.com/search?q=' in html and 'rel="noreferrer"' in html


@pytest.mark.django_db
def test_an_editor_manages_one_languages_menu_in_the_admin(full_site, client, admin_user):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    menu = MainMenu.objects.get(locale__language_code="en")
    items = list(menu.items.all())
    client.force_login(admin_user)
    data = nested_form_data(
        {
            "items": inline_formset(
                [
                    {"id": item.pk, "title": item.title, "page": item.page_id, "fragment": item.fragment, "url": ""}
                    for item in items[:2]
                ]
                + [{"id": items[2].pk, "title": "", "page": items[2].page_id, "fragment": "", "DELETE": "on"}]
                + [{"id": items[3].pk, "title": "Surveys", "page": items[3].page_id, "fragment": "surveys-title"}]
                + [{"title": "Search", "page": "", "fragment": "", "url": "/en/search/"}],
                initial=4,
            )
        }
    )
    response = client.post(f"/admin/snippets/portal/mainmenu/edit/{menu.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get("/en/").content.decode()
    assert 'href="/en/search/">Search</a>' in html and ">Consultations<" not in html
    # The other languages' menus are their own.
    assert "المشاورات" in client.get("/ar/").content.decode()


@pytest.mark.django_db
def test_every_seeded_helpline_and_the_footer_phone_are_call_links(site_tree, client):
    """Read by phonenumbers like every number on the site, four-digit hotlines included."""
    from portal.bootstrap import ensure_site_tree

    ensure_site_tree()
    html = client.get("/el/").content.decode()
    for number in Helpline.objects.filter(locale__language_code="el").values_list("number", flat=True):
        assert f'href="tel:{number.replace(" ", "")}"' in html, number
