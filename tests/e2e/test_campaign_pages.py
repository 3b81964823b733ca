"""Campaign pages in the browser: the campaigns index, a campaign page with every
kind of block, and the home page's news, in Greek and Arabic (right to left), at 390,
768, 1280 and 1920 px and at 150% text: the layout checks of tests/e2e/layout.py and
axe-core (WCAG 2.1 AA). The copy-link button copies the address with JavaScript and
the field is there without it.

The content is as untidy as real campaigns: a long Greek title, capitals without
accents, an English service name, a summary with a long word, a long area name.
"""

import datetime

import pytest
import wagtail_factories

from django.utils import timezone

from wagtail.models import Locale

from campaigns.factories_pages import CampaignPageFactory, block, campaigns_index, translate
from consultations.factories import ConsultationPageFactory
from directory.factories import ServiceLocationFactory, ServicePageFactory, ServiceScheduleFactory
from directory.models import AdministrativeArea, ServiceCategory, TargetGroup
from tests.e2e.layout import ALL_CHECKS, Problem, measure, report
from tests.helpers import translated

WIDTHS = (390, 768, 1280, 1920)
AXE_WIDTHS = (390, 1280)
HEIGHT = 900
LONG_TITLE = "ΧΕΙΜΩΝΑΣ ΧΩΡΙΣ ΚΡΥΟ: επίδομα θέρμανσης, κουβέρτες και θερμαινόμενοι χώροι για όλους τους κατοίκους"
LONG_WORD = "κοινωνικοοικονομικής"


def greek(model, code):
    return model.objects.get(code=code, locale__language_code="el")


def build():
    today = timezone.localdate()
    service = ServicePageFactory(
        title="Night shelter and day centre for homeless people of Kozani",
        slug="shelter",
        categories=[greek(ServiceCategory, "night-shelter")],
    )
    ServiceLocationFactory(page=service, municipality=greek(AdministrativeArea, "m-67"))
    ServiceScheduleFactory(
        page=service, weekdays=list(range(7)), opens_at=datetime.time(0), closes_at=datetime.time(23, 59)
    )
    consultation = ConsultationPageFactory(title="Σχέδιο για την πρόληψη της αστεγίας 2026–2030", slug="astegia")
    image = wagtail_factories.ImageFactory(file__width=1600, file__height=900)
    body = [
        block(
            "text",
            f"<p>Κανείς δεν πρέπει να περάσει τον χειμώνα σε κρύο σπίτι ({LONG_WORD} αδυναμίας).</p>"
            "<h2>Τι μπορείτε να κάνετε</h2><ul><li>Κάντε αίτηση στο Κέντρο Κοινότητας.</li>"
            "<li>Καλέστε τη γραμμή 1502.</li></ul>",
        ),
        block("image", {"image": image.pk, "alt": "Ζεστό δωμάτιο με καλοριφέρ", "caption": "Θερμαινόμενος χώρος"}),
        block(
            "video",
            {
                "video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "title": "Πώς κάνω αίτηση",
                "transcript": "Κείμενο.",
            },
        ),
        block("quote", {"quote": "Δεν ήξερα ότι δικαιούμαστε.", "attribution": "Μητέρα τριών παιδιών, Κοζάνη"}),
        block(
            "services",
            {
                "heading": "Πού θα βρείτε βοήθεια",
                "services": [service.pk],
                "categories": [greek(ServiceCategory, "night-shelter").pk],
            },
        ),
        block("take_part", {"page": consultation.pk, "text": "Πείτε τη γνώμη σας."}),
        block(
            "call_to_action",
            {
                "label": "Κάντε αίτηση στο gov.gr",
                "page": None,
                "url": "https://www.gov.gr/",
                "text": "Η αίτηση γίνεται και ηλεκτρονικά.",
            },
        ),
    ]
    campaign = CampaignPageFactory(
        title=LONG_TITLE,
        slug="winter-without-cold",
        summary=f"Πού θα βρείτε βοήθεια αυτόν τον χειμώνα, ανεξάρτητα από την {LONG_WORD} κατάστασή σας.",
        hero_image=image,
        hero_image_alt="Παιδιά παίζουν έξω από πολυκατοικία",
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=60),
        target_groups=[greek(TargetGroup, "homeless"), greek(TargetGroup, "large-family")],
        areas=[greek(AdministrativeArea, "ru-0303"), greek(AdministrativeArea, "m-67")],
        body=body,
    )
    CampaignPageFactory(
        title="Καλοκαίρι με δροσιά",
        slug="summer",
        starts_on=today - datetime.timedelta(days=120),
        ends_on=today - datetime.timedelta(days=60),
    )
    campaigns_index(Locale.objects.get(language_code="ar"))
    translate(
        campaign,
        "ar",
        title="شتاء بلا برد: إعانة التدفئة والبطانيات والأماكن الدافئة لجميع السكان",
        summary="أين تجد المساعدة هذا الشتاء.",
        hero_image_alt="أطفال يلعبون أمام مبنى سكني",
    )
    return {
        language: {
            "home with news": f"/{language}/",
            "campaigns index": f"/{language}/campaigns/",
            "campaign page": f"/{language}/campaigns/winter-without-cold/",
        }
        for language in ("el", "ar")
    }


@pytest.fixture
def campaign_site(e2e_site):
    return {"server": e2e_site.url, "pages": build()}


def axe_problems(page):
    from tests.e2e.conftest import axe_violations

    return [
        Problem("axe", f"{v['id']} ({v['impact']})", "; ".join(n["target"][0] for n in v["nodes"][:5]))
        for v in axe_violations(page)
    ]


VARIANTS = [(f"{w} px", w, None, ALL_CHECKS) for w in WIDTHS] + [
    (f"{w} px, 150% text", w, "larger", ("overflow", "words")) for w in (390, 1280)
]


@pytest.mark.parametrize("language", ["el", "ar"])
def test_campaign_pages_layout_and_axe_at_every_width(campaign_site, browser, language):
    failures = {}
    for variant, width, text_size, checks in VARIANTS:
        context = browser.new_context(
            viewport={"width": width, "height": HEIGHT}, locale=language, timezone_id="Europe/Athens"
        )
        if text_size:
            context.add_cookies([{"name": "koinonia_text", "value": text_size, "url": campaign_site["server"]}])
        page = context.new_page()
        page.set_default_timeout(20_000)
        found = {}
        try:
            for name, path in campaign_site["pages"][language].items():
                response = page.goto(campaign_site["server"] + path)
                problems = [] if response.status == 200 else [f"HTTP {response.status}"]
                if name == "home with news" and page.locator("#news-heading").count() != 1:
                    problems.append("setup: the home page shows no campaign news")
                if width in AXE_WIDTHS and not text_size:
                    problems += axe_problems(page)
                problems += measure(page, checks)
                if problems:
                    found[(name, path)] = problems
        finally:
            context.close()
        if found:
            failures[f"{language}, {variant}"] = found
    if failures:
        pytest.fail(f"Campaign pages in {language}:\n" + report(failures), pytrace=False)


def test_copy_link_button_copies_the_address(campaign_site, browser):
    context = browser.new_context(viewport={"width": 390, "height": HEIGHT}, locale="el")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=campaign_site["server"])
    page = context.new_page()
    try:
        url = campaign_site["server"] + "/el/campaigns/winter-without-cold/"
        page.goto(url)
        button = page.get_by_role("button", name=translated("Copy link"))
        button.click()
        page.get_by_role("status").filter(has_text=translated("Link copied")).wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == url
    finally:
        context.close()


def test_without_javascript_the_address_is_a_read_only_field(campaign_site, browser):
    context = browser.new_context(java_script_enabled=False, locale="el")
    page = context.new_page()
    try:
        url = campaign_site["server"] + "/el/campaigns/winter-without-cold/"
        page.goto(url)
        field = page.get_by_label(translated("Link to this page"))
        assert field.input_value() == url
        assert field.get_attribute("readonly") is not None
        assert page.get_by_role("button", name=translated("Copy link")).count() == 0  # hidden: it would do nothing
        assert page.get_by_role("link", name=translated("Share on Facebook")).count() == 1
    finally:
        context.close()
