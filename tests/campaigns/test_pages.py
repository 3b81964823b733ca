"""Campaign pages: creation and rendering in Greek, English and Arabic, Wagtail's
scheduling through `publish_scheduled`, the languages a campaign runs in, the home
page's news, the body's blocks (live service cards, take part, video, call to
action) and hostile query strings on the index."""

import datetime
import re

import pytest
import time_machine
import wagtail_factories

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Locale, Page

from campaigns.blocks import CallToActionBlock, ServicesBlock
from campaigns.factories_pages import CampaignPageFactory, block, campaigns_index, translate
from campaigns.models import CampaignPage
from campaigns.templatetags.campaign_tags import embed_src
from consultations.factories import ConsultationPageFactory
from directory.factories import ServiceLocationFactory, ServicePageFactory
from directory.models import AdministrativeArea, ServiceCategory, TargetGroup
from tests.helpers import recording_purges

pytestmark = pytest.mark.django_db

WINTER = "Χειμώνας χωρίς κρύο"
WINTER_SUMMARY = "Επίδομα θέρμανσης, κουβέρτες και ζεστοί χώροι: πού θα τα βρείτε αυτόν τον χειμώνα."


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def greek(model, code):
    return model.objects.get(code=code, locale=Locale.get_default())


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def winter(site_tree, today):
    return CampaignPageFactory(
        title=WINTER,
        slug="winter-without-cold",
        summary=WINTER_SUMMARY,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=60),
        target_groups=[greek(TargetGroup, "elderly"), greek(TargetGroup, "homeless")],
        areas=[greek(AdministrativeArea, "m-67")],
        body=[block("text", "<p>Κανείς δεν πρέπει να κρυώνει.</p>")],
    )


def schedule(page, go_live_at=None, expire_at=None):
    """Publish `page` as an editor does with go-live/expiry dates set."""
    page = CampaignPage.objects.get(pk=page.pk)
    page.go_live_at, page.expire_at = go_live_at, expire_at
    page.save_revision().publish()
    return CampaignPage.objects.get(pk=page.pk)


# --- creation and rendering -----------------------------------------------------------


def test_campaign_page_renders_in_greek_with_its_facts(client, winter):
    response = client.get("/el/campaigns/winter-without-cold/")
    assert response.status_code == 200
    html = main(response)
    assert WINTER in html and WINTER_SUMMARY in html
    assert "Κανείς δεν πρέπει να κρυώνει." in html
    assert "Ηλικιωμένοι" in html and "Άστεγοι" in html  # target groups, Greek names
    assert "Κοζάν" in html  # the area


def test_english_and_arabic_translations_render_with_their_own_words(client, winter):
    translate(winter, "en", title="Winter without cold", summary="Heating allowance and warm spaces.")
    translate(winter, "ar", title="شتاء بلا برد", summary="إعانة التدفئة والأماكن الدافئة.")
    english = client.get("/en/campaigns/winter-without-cold/")
    assert english.status_code == 200
    assert "Winter without cold" in main(english) and "For" in main(english)
    assert "Older people" in main(english) or "Elderly" in main(english)  # the group's English name
    arabic = client.get("/ar/campaigns/winter-without-cold/")
    assert arabic.status_code == 200
    assert 'dir="rtl"' in arabic.content.decode()[:400]
    assert "شتاء بلا برد" in main(arabic)


def test_main_image_needs_its_alternative_text(winter):
    winter.hero_image = wagtail_factories.ImageFactory()
    winter.hero_image_alt = "   "
    with pytest.raises(ValidationError) as error:
        winter.full_clean()
    assert "hero_image_alt" in error.value.message_dict
    winter.hero_image_alt = "Παιδιά παίζουν έξω από πολυκατοικία"
    winter.full_clean()


def test_campaign_cannot_end_before_it_starts(winter, today):
    winter.starts_on, winter.ends_on = today, today - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        winter.full_clean()
    assert "ends_on" in error.value.message_dict


def test_hero_image_is_shown_with_its_alt_text(client, winter):
    winter.hero_image = wagtail_factories.ImageFactory(file__width=1600, file__height=900)
    winter.hero_image_alt = "Παιδιά παίζουν έξω από πολυκατοικία"
    winter.save_revision().publish()
    html = main(client.get("/el/campaigns/winter-without-cold/"))
    assert re.search(r'<img [^>]*alt="Παιδιά παίζουν έξω από πολυκατοικία"', html)


# --- scheduling -----------------------------------------------------------------------


def test_scheduled_campaign_goes_live_when_publish_scheduled_runs_after_its_time(client, site_tree, today):
    page = CampaignPageFactory(title="Δικαιούσαι ΚΕΑ;", slug="minimum-income-2027", live=False)
    go_live = timezone.now() + datetime.timedelta(days=3)
    page = schedule(page, go_live_at=go_live)
    assert not page.live
    call_command("publish_scheduled")
    assert not CampaignPage.objects.get(pk=page.pk).live  # its time has not come
    assert client.get("/el/campaigns/minimum-income-2027/").status_code == 404
    assert "Δικαιούσαι ΚΕΑ;" not in main(client.get("/el/campaigns/"))

    # Three days pass (only the clock moves: Wagtail's command reads timezone.now()).
    with time_machine.travel(go_live + datetime.timedelta(minutes=5)):
        call_command("publish_scheduled")
    assert CampaignPage.objects.get(pk=page.pk).live
    assert client.get("/el/campaigns/minimum-income-2027/").status_code == 200
    assert "Δικαιούσαι ΚΕΑ;" in main(client.get("/el/campaigns/"))


def test_expired_campaign_is_withdrawn_by_publish_scheduled(client, winter):
    winter = schedule(winter, expire_at=timezone.now() + datetime.timedelta(days=1))
    assert winter.live
    with time_machine.travel(winter.expire_at + datetime.timedelta(minutes=5)):
        call_command("publish_scheduled")
    assert not CampaignPage.objects.get(pk=winter.pk).live
    assert client.get("/el/campaigns/winter-without-cold/").status_code == 404
    assert WINTER not in client.get("/el/").content.decode()


# --- the index, the home page's news, languages -----------------------------------------


def test_index_lists_running_then_coming_then_past(client, site_tree, today):
    day = datetime.timedelta(days=1)
    CampaignPageFactory(title="Παλιά εκστρατεία", starts_on=today - 90 * day, ends_on=today - 30 * day)
    CampaignPageFactory(title="Επόμενη εκστρατεία", starts_on=today + 10 * day, ends_on=today + 40 * day)
    CampaignPageFactory(title="Τρέχουσα εκστρατεία", starts_on=today - day, ends_on=today + day)
    CampaignPageFactory(title="Χωρίς ημερομηνίες")
    html = main(client.get("/el/campaigns/"))
    positions = [html.index(t) for t in ("Τρέχουσα", "Χωρίς ημερομηνίες", "Επόμενη", "Παλιά")]
    assert positions == sorted(positions)
    assert html.count("<h2") == 3  # running now, coming soon, past


def test_index_is_paginated(client, site_tree):
    for n in range(14):
        CampaignPageFactory(title=f"Εκστρατεία αριθμός {n:02d}")
    second = client.get("/el/campaigns/?page=2")
    assert main(client.get("/el/campaigns/")).count('class="govgr-card ') == 12
    assert main(second).count('class="govgr-card ') == 2
    assert 'rel="prev"' in main(second)


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=0",
        "page=99999999999999999999999",
        "page=1e400",
        "page=²",
        "page=1&page=2",
        "x=<script>",
    ],
)
def test_index_survives_bad_query_strings(client, winter, query):
    response = client.get(f"/el/campaigns/?{query}")
    assert response.status_code == 200
    assert WINTER in main(response)
    assert "<script>" not in response.content.decode()


def test_nul_byte_in_query_string_is_refused_cleanly(client, winter):
    assert client.get("/el/campaigns/?page=%00").status_code == 400


def test_campaign_runs_only_in_the_languages_it_is_translated_into(client, winter):
    campaigns_index(Locale.objects.get(language_code="en"))
    assert WINTER in main(client.get("/el/campaigns/"))
    english_index = client.get("/en/campaigns/")
    assert english_index.status_code == 200
    assert WINTER not in english_index.content.decode()
    # No Greek fallback for campaigns: its address under /en/ does not exist...
    assert client.get("/en/campaigns/winter-without-cold/").status_code == 404
    # ...and the language switcher of the Greek page leads English readers home instead.
    greek_page = client.get("/el/campaigns/winter-without-cold/").content.decode()
    assert 'href="/en/campaigns/winter-without-cold/"' not in greek_page
    assert 'hreflang="en"' not in greek_page.split("</head>")[0]
    translate(winter, "en", title="Winter without cold")
    assert "Winter without cold" in main(client.get("/en/campaigns/"))
    assert client.get("/en/campaigns/winter-without-cold/").status_code == 200


def test_home_news_shows_at_most_three_running_campaigns_of_the_language(client, site_tree, today):
    day = datetime.timedelta(days=1)
    for n in range(4):
        CampaignPageFactory(title=f"Τρέχουσα {n}", starts_on=today - n * day, ends_on=today + 5 * day)
    CampaignPageFactory(title="Τελειωμένη", starts_on=today - 20 * day, ends_on=today - 2 * day)
    html = client.get("/el/").content.decode()
    assert 'id="news-heading"' in html
    assert all(f"Τρέχουσα {n}" in html for n in range(3))  # the three newest
    assert "Τρέχουσα 3" not in html and "Τελειωμένη" not in html
    assert 'id="news-heading"' not in client.get("/en/").content.decode()


# --- blocks ---------------------------------------------------------------------------


@pytest.fixture
def grocery(directory_page):
    service = ServicePageFactory(
        title="ΚΟΙΝΩΝΙΚΟ ΠΑΝΤΟΠΩΛΕΙΟ ΔΗΜΟΥ ΚΟΖΑΝΗΣ",
        slug="pantopoleio",
        categories=[greek(ServiceCategory, "social-grocery")],
    )
    ServiceLocationFactory(page=service, municipality=greek(AdministrativeArea, "m-67"))
    return service


def test_services_block_renders_live_cards_by_choice_and_by_category(client, winter, grocery, directory_page):
    chosen = ServicePageFactory(title="Night shelter of Kozani (English only name)", slug="shelter")
    hidden = ServicePageFactory(
        title="Κλειστό υπνωτήριο", slug="closed", categories=[greek(ServiceCategory, "social-grocery")]
    )
    hidden.unpublish()
    winter.body = [
        block(
            "services",
            {
                "heading": "Πού θα βρείτε βοήθεια",
                "services": [chosen.pk],
                "categories": [greek(ServiceCategory, "social-grocery").pk],
            },
        )
    ]
    winter.save_revision().publish()
    html = main(client.get("/el/campaigns/winter-without-cold/"))
    assert html.count('class="service-card"') == 2
    assert html.index("Night shelter") < html.index("ΚΟΙΝΩΝΙΚΟ ΠΑΝΤΟΠΩΛΕΙΟ")  # chosen first
    assert "Κοζάνη" in html  # the card's municipality, as the directory shows it
    assert "Κλειστό υπνωτήριο" not in html
    assert "services/?category=social-grocery" in html

    # The card follows the service: unpublished after the campaign was written, it goes.
    grocery.unpublish()
    html = main(client.get("/el/campaigns/winter-without-cold/"))
    assert "ΚΟΙΝΩΝΙΚΟ ΠΑΝΤΟΠΩΛΕΙΟ" not in html and "Night shelter" in html


def test_services_block_in_english_links_greek_services_in_english(client, winter, grocery):
    winter.body = [block("services", {"heading": "", "services": [grocery.pk], "categories": []})]
    winter.save_revision().publish()
    translate(winter, "en", title="Winter without cold")
    html = main(client.get("/en/campaigns/winter-without-cold/"))
    assert re.search(r'href="/en/social-map/[^"]*/pantopoleio/" lang="el"', html)


def test_services_block_needs_a_service_or_a_category():
    block_type = ServicesBlock()
    with pytest.raises(ValidationError):
        block_type.clean(block_type.to_python({"heading": "x", "services": [], "categories": []}))


def test_call_to_action_needs_a_page_or_an_address_not_both(site_tree):
    block_type = CallToActionBlock()
    with pytest.raises(ValidationError):
        block_type.clean(block_type.to_python({"label": "Κάνε αίτηση", "page": None, "url": ""}))
    with pytest.raises(ValidationError):
        block_type.clean(block_type.to_python({"label": "Κάνε αίτηση", "page": site_tree.pk, "url": "https://gov.gr/"}))
    block_type.clean(block_type.to_python({"label": "Κάνε αίτηση", "page": None, "url": "https://www.gov.gr/"}))


def test_take_part_block_shows_the_consultation_status_and_deadline(client, winter):
    consultation = ConsultationPageFactory(title="Σχέδιο για την αστεγία", slug="astegia")
    winter.body = [block("take_part", {"page": consultation.pk, "text": "Πείτε τη γνώμη σας."})]
    winter.save_revision().publish()
    html = main(client.get("/el/campaigns/winter-without-cold/"))
    assert "Σχέδιο για την αστεγία" in html and "Πείτε τη γνώμη σας." in html
    assert 'href="/el/consultations/astegia/"' in html
    assert html.count("govgr-btn-primary") == 1  # open: a button to take part

    ConsultationPage = type(consultation)
    ConsultationPage.objects.filter(pk=consultation.pk).update(ends_at=timezone.now() - datetime.timedelta(hours=1))
    html = main(client.get("/el/campaigns/winter-without-cold/"))
    assert "govgr-btn-primary" not in html  # closed: no button, the closing date instead


def test_take_part_block_hides_an_unpublished_consultation(client, winter):
    consultation = ConsultationPageFactory(title="Αποσυρμένη διαβούλευση", slug="aposyrmeni")
    winter.body = [block("take_part", {"page": consultation.pk, "text": ""})]
    winter.save_revision().publish()
    Page.objects.get(pk=consultation.pk).unpublish()
    response = client.get("/el/campaigns/winter-without-cold/")
    assert response.status_code == 200
    assert "Αποσυρμένη διαβούλευση" not in main(response)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=10", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ('https://www.youtube.com/watch?v=bad"id', ""),
        ("javascript:alert(1)", ""),
        ("https://example.org/video.mp4", ""),
        ("http://[::1", ""),
    ],
)
def test_video_embeds_use_privacy_enhanced_players_only(url, expected):
    assert embed_src(url) == expected


def test_video_block_renders_a_titled_nocookie_frame_without_calling_youtube(client, winter):
    winter.body = [
        block(
            "video",
            {"video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Πώς κάνω αίτηση", "transcript": ""},
        )
    ]
    winter.save_revision().publish()
    html = main(client.get("/el/campaigns/winter-without-cold/"))
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert 'title="Πώς κάνω αίτηση"' in html
    assert "www.youtube.com/embed" not in html


def test_wagtail_localize_translates_a_campaign_with_its_blocks_groups_and_image(
    client, winter, grocery, django_capture_on_commit_callbacks
):
    """The editors' way: wagtail-localize's translation of the Greek page, then the English strings."""
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    winter.hero_image = wagtail_factories.ImageFactory(file__width=1600, file__height=900)
    winter.hero_image_alt = "Παιδιά παίζουν έξω από πολυκατοικία"
    winter.body = [
        block("text", "<p>Κανείς δεν πρέπει να κρυώνει.</p>"),
        block("services", {"heading": "Πού θα βρείτε βοήθεια", "services": [grocery.pk], "categories": []}),
    ]
    winter.save_revision().publish()
    english_locale = Locale.objects.get(language_code="en")
    campaigns_index(english_locale)
    source, _created = TranslationSource.get_or_create_from_instance(winter)
    translation = Translation.objects.create(source=source, target_locale=english_locale)
    for segment in source.stringsegment_set.select_related("string"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=english_locale,
            context=segment.context,
            data=f"EN {segment.string.data}",
        )
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        translation.save_target(publish=True)
    english = CampaignPage.objects.get(translation_key=winter.translation_key, locale=english_locale)
    assert english.title == f"EN {WINTER}"
    assert english.hero_image_id == winter.hero_image_id
    assert english.hero_image_alt == "EN Παιδιά παίζουν έξω από πολυκατοικία"
    assert {g.code for g in english.target_groups.all()} == {"elderly", "homeless"}
    assert english.url.startswith("/en/campaigns/")  # its slug is translated too
    response = client.get(english.url)
    assert response.status_code == 200
    html = main(response)
    assert "EN Πού θα βρείτε βοήθεια" in html and "ΚΟΙΝΩΝΙΚΟ ΠΑΝΤΟΠΩΛΕΙΟ" in html


# --- the front cache --------------------------------------------------------------------


def test_publishing_and_withdrawing_a_campaign_refresh_its_index_and_home_page(winter):
    expected = {
        "http://localhost/el/campaigns/winter-without-cold/",
        "http://localhost/el/campaigns/",
        "http://localhost/el/",
    }
    with recording_purges() as purged:
        winter.save_revision().publish()
        assert expected <= set(purged)
        purged.clear()
        winter.unpublish()
        assert expected <= set(purged)


def test_demo_loader_is_idempotent_and_makes_running_scheduled_and_past_campaigns(client, site_tree):
    from campaigns.demo.pages import PAST_SLUG, RUNNING_SLUG, SCHEDULED_SLUG, load_campaign_pages_demo

    assert "3 created" in load_campaign_pages_demo()
    assert "0 created, 3 kept" in load_campaign_pages_demo()
    running = CampaignPage.objects.filter(slug=RUNNING_SLUG)
    assert {p.locale.language_code for p in running.live()} == {"el", "en", "ar"}
    scheduled = CampaignPage.objects.filter(slug=SCHEDULED_SLUG)
    assert scheduled.count() == 2 and not scheduled.live().exists()
    assert all(p.revisions.filter(approved_go_live_at__gt=timezone.now()).exists() for p in scheduled)
    assert CampaignPage.objects.filter(slug=PAST_SLUG).count() == 1  # Greek only
    assert client.get(f"/en/campaigns/{RUNNING_SLUG}/").status_code == 200
    assert client.get(f"/en/campaigns/{PAST_SLUG}/").status_code == 404
    assert client.get(f"/ar/campaigns/{RUNNING_SLUG}/").status_code == 200
