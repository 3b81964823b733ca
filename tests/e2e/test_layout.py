"""Every public page type, as people see it, at 390, 768, 1280 and 1920 px, in Greek and
Arabic (right to left), and at the 150% text size: nothing scrolls sideways, the running
text has a real column on laptops, no word is broken or sticks out of its box, and every
checkbox and radio button sits beside its label. The measurements are in
tests/e2e/layout.py. The same visits run axe-core on the page types the other browser
tests leave out.

The content is built with the project's factories and is deliberately untidy, as
imported data is: an organisation name of more than 200 characters, long Greek words,
capitals without accents, a service written in English, several phones, a long e-mail
address. Live-server tests start from a flushed database, so each test builds it once
and visits every page type with one browser page.
"""

import datetime

import pytest

from django.utils import timezone

from wagtail.models import Locale

from consultations.factories import (
    CommentFactory,
    ConsultationPageFactory,
    SurveyFieldFactory,
    SurveyPageFactory,
    article,
    chapter,
)
from directory.factories import (
    GoodPracticePageFactory,
    OrganisationPageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
    ServicePhoneFactory,
    ServiceScheduleFactory,
)
from directory.models import AccessCondition, AdministrativeArea, Language, ServiceCategory, TargetGroup
from tests.e2e.alerts_content import ALERT_IDENTIFIER, build_alert
from tests.e2e.conftest import axe_violations
from tests.e2e.events_content import build_events
from tests.e2e.layout import ALL_CHECKS, Problem, measure, report

WIDTHS = (390, 768, 1280, 1920)
LANGUAGES = ("el", "ar")
HEIGHT = 900

LONG_ORGANISATION = (
    "Αστική Μη Κερδοσκοπική Εταιρεία Κοινωνικής Φροντίδας, Ψυχοκοινωνικής Αποκατάστασης και Επαγγελματικής "
    "Επανένταξης Ευπαθών Κοινωνικών Ομάδων «ΑΛΛΗΛΕΓΓΥΗ ΚΑΙ ΑΝΘΡΩΠΙΑ» Περιφερειακών Ενοτήτων Κοζάνης, "
    "Φλώρινας και Καστοριάς"
)
LONG_ORGANISATION_AR = (
    "الجمعية المدنية غير الربحية للرعاية الاجتماعية وإعادة التأهيل النفسي والاجتماعي وإعادة الإدماج المهني "
    "للفئات الاجتماعية الضعيفة «التضامن والإنسانية» في الوحدات الإقليمية كوزاني وفلورينا وكاستوريا"
)
GROCERY = "ΚΟΙΝΩΝΙΚΟ ΠΑΝΤΟΠΩΛΕΙΟ ΔΗΜΟΥ ΚΟΖΑΝΗΣ"
# Greek words of 20 letters and more occur in ordinary service descriptions.
LONG_WORDS = "κοινωνικοοικονομικής ψυχοκοινωνικοποίησης αλληλοϋποστηρικτικής"


def greek(model, code):
    return model.objects.get(code=code, locale__language_code="el")


def translate(page, language, title):
    """A published translation of `page` (and of its parents), as wagtail-localize makes it."""
    locale = Locale.objects.get(language_code=language)
    existing = page.get_translation_or_none(locale)
    if existing:
        return existing.specific
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = title
    copy.save_revision().publish()
    return copy.specific


def privacy_notice():
    """The Greek privacy notice: the one the site tree seeds, or a new one.

    None while the PrivacyNoticePage model does not exist yet (issue 9 adds it).
    """
    from portal import models as portal_models

    model = getattr(portal_models, "PrivacyNoticePage", None)
    if model is None:
        return None
    existing = model.objects.filter(locale=Locale.get_default()).first()
    if existing:
        return existing
    home = portal_models.HomePage.objects.get(locale=Locale.get_default())
    notice = model(
        title="Ενημέρωση για την προστασία των προσωπικών δεδομένων",
        slug="privacy",
        controller_name=LONG_ORGANISATION,
        controller_address="Πλατεία Νίκης 12, 50100 Κοζάνη",
        controller_email="prostasia.prosopikon.dedomenon@koinoniko-diktyo-kozanis.gr",
        dpo_email="dpo@koinoniko-diktyo-kozanis.gr",
        processing=[
            (
                "activity",
                {
                    "name": "Φόρμα «Αναφορά προβλήματος»",
                    "data": "Όνομα και τηλέφωνο ή e-mail, αν τα δώσετε.",
                    "purpose": "Για να σας ρωτήσουμε για την αναφορά σας.",
                    "legal_basis": "Άρθρο 6 παρ. 1 στοιχ. α΄ ΓΚΠΔ",
                    "retention": "Δώδεκα μήνες.",
                },
            )
        ],
        recipients="<p>Κανείς εκτός του δικτύου.</p>",
        last_updated=datetime.date.today(),
    )
    home.add_child(instance=notice)
    notice.save_revision().publish()
    return notice


def build_directory():
    """Two organisations (one with a 220-character name), a Greek service in capitals
    without accents with four phones, a service written in English, a good practice.
    Returns {key: page} and their Arabic titles."""
    kozani = greek(AdministrativeArea, "m-67")
    long_org = OrganisationPageFactory(title=LONG_ORGANISATION, slug="allileggyi", alternate_name="ΑΜΚΕ ΑΛΛΗΛΕΓΓΥΗ")
    grocery = ServicePageFactory(
        parent=long_org,
        title=GROCERY,  # capitals without accents, as imported
        slug="pantopoleio",
        description=(
            "Διανομή τροφίμων και ειδών πρώτης ανάγκης σε νοικοκυριά με πιστοποιημένη "
            f"κοινωνικοοικονομική αδυναμία. Λέξεις που συναντάμε στα δεδομένα: {LONG_WORDS}."
        ),
        email="koinoniko.pantopoleio.dimou.kozanis@koinoniko-diktyo-kozanis.gr",
        website="https://www.kozani.gr/koinoniki-politiki/koinoniko-pantopoleio-kai-syssitio/aitisi-entaxis",
        eligibility_description="Άνεργοι, δικαιούχοι του Ελάχιστου Εγγυημένου Εισοδήματος, μονογονεϊκές οικογένειες.",
        application_process="Αίτηση στο γραφείο με ραντεβού, με εκκαθαριστικό και βεβαίωση ανεργίας.",
        categories=[greek(ServiceCategory, "social-grocery"), greek(ServiceCategory, "food")],
        target_groups=[greek(TargetGroup, "unemployed"), greek(TargetGroup, "single-parent")],
    )
    grocery.access_conditions.set([greek(AccessCondition, "free")])
    grocery.languages.set([greek(Language, "el"), greek(Language, "ar")])
    ServiceLocationFactory(
        page=grocery,
        municipality=kozani,
        address_1="Πλατεία Νίκης και Ελευθερίου Βενιζέλου 12",
        address_2="3ος όροφος, γραφείο 305",
    )
    for number, description in [
        ("2461 350 000", "Κεντρικό"),
        ("2461 350 001", "Γραμματεία"),
        ("6912 345 678", "Κινητό έκτακτης ανάγκης"),
        ("800 11 12345", "Δωρεάν γραμμή"),
    ]:
        ServicePhoneFactory(page=grocery, number=number, description=description)
    # Open around the clock, so that "open now" finds it whenever the test runs.
    ServiceScheduleFactory(
        page=grocery, weekdays=list(range(7)), opens_at=datetime.time(0), closes_at=datetime.time(23, 59)
    )
    grocery.save_revision().publish()  # indexed for search with its locations and hours

    refugees = OrganisationPageFactory(title="Ελληνικό Συμβούλιο για τους Πρόσφυγες", slug="esp")
    english = ServicePageFactory(
        parent=refugees,
        title="Legal aid and interpreting for asylum seekers and refugees",
        slug="legal-aid",
        description=(
            "Free legal advice on asylum, family reunification and residence permits, "
            "with interpreters for Arabic, Farsi and Ukrainian."
        ),
        categories=[greek(ServiceCategory, "legal-aid"), greek(ServiceCategory, "asylum")],
        target_groups=[greek(TargetGroup, "migrants-refugees")],
    )
    english.languages.set([greek(Language, "en"), greek(Language, "ar"), greek(Language, "fa")])
    ServiceLocationFactory(page=english, municipality=kozani, address_1="Δημοκρατίας 5")
    ServicePhoneFactory(page=english, number="210 380 0990")
    ServiceScheduleFactory(page=english, opens_at=datetime.time(9), closes_at=datetime.time(17))
    english.save_revision().publish()

    practice = GoodPracticePageFactory(
        parent=long_org,
        title="Εθελοντές μοιράζουν τρόφιμα σε ηλικιωμένους που ζουν μόνοι",
        slug="ethelontes",
        summary=f"Πώς ένα δίκτυο εθελοντών στήριξε τριακόσια νοικοκυριά ({LONG_WORDS}).",
        description=(
            "<p>Το 2024 το δίκτυο οργάνωσε διανομές κάθε εβδομάδα σε συνεργασία με το Κέντρο Κοινότητας.</p>"
            "<ul><li>Καταγραφή αναγκών με τις κοινωνικές υπηρεσίες.</li>"
            "<li>Διανομή στο σπίτι από εθελοντές της γειτονιάς.</li></ul>"
        ),
    )
    return {
        "organisation": (long_org, LONG_ORGANISATION_AR),
        "service": (grocery, "متجر البقالة الاجتماعي لبلدية كوزاني"),
        "other organisation": (refugees, "المجلس اليوناني للاجئين"),
        "english service": (english, "المساعدة القانونية والترجمة لطالبي اللجوء واللاجئين"),
        "practice": (practice, "متطوعون يوزعون الطعام على كبار السن الذين يعيشون بمفردهم"),
    }


def build_consultations():
    """An open consultation, a closed one with published results and comments, a survey
    with every question type."""
    open_consultation = ConsultationPageFactory(
        title="Σχέδιο Δράσης για την Κοινωνική Ένταξη των Ευπαθών Ομάδων 2026–2030",
        slug="schedio-drasis",
        body=[
            chapter("Κεφάλαιο Α΄ – Γενικές διατάξεις"),
            article("Άρθρο 1", "Σκοπός", f"Σκοπός του σχεδίου είναι η {LONG_WORDS.split()[0]} ένταξη."),
            article("Άρθρο 2", "Ορισμοί", "Ευπαθείς ομάδες είναι όσες ορίζει ο ν. 4019/2011."),
        ],
    )
    closed = ConsultationPageFactory(
        title="Κανονισμός Λειτουργίας Κοινωνικού Παντοπωλείου",
        slug="kanonismos",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        ends_at=timezone.now() - datetime.timedelta(days=2),
        results_published=True,
        results_text="<p>Υιοθετήθηκαν οι περισσότερες προτάσεις για το ωράριο και τα δικαιολογητικά.</p>",
    )
    for n, stance in enumerate(["agree", "partly", "disagree", ""]):
        CommentFactory(
            consultation=closed,
            article_key=closed.articles()[n % 3].key,
            status="approved",
            stance=stance,
            text=f"Να γίνεται η διανομή και το Σάββατο, για όσους εργάζονται ({LONG_WORDS}).",
        )
    survey = SurveyPageFactory(title="Έρευνα αναγκών ηλικιωμένων που ζουν μόνοι", slug="erevna", publish_results=True)
    for order, (label, kind, choices) in enumerate(
        [
            ("Δήμος κατοικίας", "municipality", ""),
            ("Ηλικία", "radio", "Κάτω από 65\nΑπό 65 έως 80\nΠάνω από 80"),
            ("Πόσο εύκολα βρίσκετε βοήθεια;", "scale", "Καθόλου\nΠολύ"),
            ("Τι χρειάζεστε;", "checkboxes", "Ψώνια\nΦάρμακα\nΣυντροφιά\nΜεταφορά στον γιατρό"),
            ("Σχόλια", "multiline", ""),
        ]
    ):
        SurveyFieldFactory(
            page=survey, label=label, field_type=kind, choices=choices, required=kind == "radio", sort_order=order
        )
    return {
        "consultation": (open_consultation, "خطة العمل للإدماج الاجتماعي للفئات الضعيفة 2026–2030"),
        "closed consultation": (closed, "لائحة تشغيل متجر البقالة الاجتماعي"),
        "survey": (survey, "استبيان احتياجات كبار السن الذين يعيشون بمفردهم"),
    }


def page_urls(built):
    """{language: {page type: path}} for the pages `built` ({key: (Greek page, Arabic title)})."""
    notice = privacy_notice()
    if notice is not None:
        built["privacy"] = (notice, "إشعار حماية البيانات الشخصية")

    def url(key, language):
        page, arabic_title = built[key]
        return page.url if language == "el" else translate(page, language, arabic_title).url

    for language in LANGUAGES[1:]:
        # Parents (the organisations) first, so that they get their own Arabic titles.
        for page, arabic_title in built.values():
            translate(page, language, arabic_title)
    urls = {}
    for language in LANGUAGES:
        service, consultation = url("service", language), url("consultation", language)
        urls[language] = {
            "home": f"/{language}/",
            "social map home": f"/{language}/social-map/",
            "listing": f"/{language}/social-map/services/",
            "filtered listing": f"/{language}/social-map/services/?category=basic-goods&area=m-67&open_now=1",
            "map": f"/{language}/social-map/map/?category=basic-goods",
            "service page": service,
            "service in English": url("english service", language),
            "report form": service + "report/",
            "organisation page": url("organisation", language),
            "good practices": f"/{language}/social-map/good-practices/",
            "good practice": url("practice", language),
            "search with results": f"/{language}/search/?q={SEARCH_WORD[language]}",
            "search with none": f"/{language}/search/?q=καμηλοπάρδαλη",
            # Not every word matches: the grocery, and which word was left out (issue 12).
            "search with some words": f"/{language}/search/?q={SEARCH_WORD[language]}+καμηλοπάρδαλη",
            "consultation": consultation,
            "comment form": consultation + "comment/",
            "consultation results": url("closed consultation", language) + "results/",
            "survey": url("survey", language),
            "accessibility statement": f"/{language}/accessibility/",
            "newsletter sign-up": f"/{language}/newsletter/",  # its other pages: test_newsletter.py
            "privacy notice": url("privacy", language) if "privacy" in built else MISSING_PRIVACY,
            "events": f"/{language}/events/?event_type=info_day",
            "event page": url("event", language),
            "alert page": f"/{language}/alerts/{ALERT_IDENTIFIER}/",
            "alerts": f"/{language}/alerts/",
            "404 page": f"/{language}/no-such-page/",
        }
    return urls


MISSING_PRIVACY = "no PrivacyNoticePage model yet"
# A word of the grocery's title in each language (search looks in the visitor's language).
SEARCH_WORD = {"el": "παντοπωλείο", "ar": "البقالة"}


@pytest.fixture
def every_page(e2e_site):
    """Every public page type, in Greek and Arabic: {"server", "pages": {language: {type: path}}}."""
    built = {**build_directory(), **build_consultations(), **build_events()}
    build_alert()  # its banner on the home page and the pages of Kozani
    return {"server": e2e_site, "pages": page_urls(built)}


EXPECTED_STATUS = {"404 page": 404}
SANITY = {
    # What must be on the page for the case to mean anything: a link to the grocery.
    "search with results": "main a[href*='/pantopoleio/']",
    "search with some words": "main .search-left-out",
    "filtered listing": "main a[href*='/pantopoleio/']",
}
# Page types the other browser tests do not run axe-core on: test_accessibility.py covers
# the social map, search with results and the statement in Greek and Arabic, desktop
# and phone; the consultation walkthrough covers consultation, comment form, results
# and survey in Greek on desktop only. Checked at 390 and 1280 px, in both languages.
AXE_PAGES = ("privacy notice", "404 page", "search with none", "consultation results", "survey", "comment form")
AXE_PAGES += ("events", "event page", "search with some words")
AXE_WIDTHS = (390, 1280)

# (variant, width, text size cookie, checks)
VARIANTS = [(f"{width} px", width, None, ALL_CHECKS) for width in WIDTHS] + [
    (f"{width} px, 150% text", width, "larger", ("overflow", "words")) for width in (390, 1280)
]


def axe_problems(page):
    return [
        Problem(
            "axe", f"{v['id']} ({v['impact']})", f"{v['help']}: " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        )
        for v in axe_violations(page)
    ]


def visit_every_page(browser, site, language, width, checks, text_size=None):
    """Load every page type in one browser page; return {(page type, path): [problems]}."""
    server = site["server"].url
    context = browser.new_context(
        viewport={"width": width, "height": HEIGHT}, locale=language, timezone_id="Europe/Athens"
    )
    if text_size:
        context.add_cookies([{"name": "koinonia_text", "value": text_size, "url": server}])
    page = context.new_page()
    page.set_default_timeout(20_000)
    failures = {}
    try:
        for name, path in site["pages"][language].items():
            if path == MISSING_PRIVACY:
                failures[(name, "-")] = [f"{MISSING_PRIVACY}: the page type issue 9 adds is missing"]
                continue
            response = page.goto(server + path)
            expected = EXPECTED_STATUS.get(name, 200)
            problems = []
            if response.status != expected:
                problems.append(f"HTTP {response.status}, expected {expected}")
            elif name in SANITY and page.locator(SANITY[name]).count() == 0:
                shown = page.eval_on_selector_all("main h2 a, main h3 a", "links => links.map(a => a.pathname)")
                problems.append(f"setup: no {SANITY[name]}: the service is not listed; result links: {shown[:5]}")
            if name in AXE_PAGES and width in AXE_WIDTHS and not text_size:
                problems += axe_problems(page)  # before measure() opens the <details>
            problems += measure(page, checks)
            if problems:
                failures[(name, path)] = problems
    finally:
        context.close()
    return failures


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_type_at_every_width(every_page, browser, language):
    """At 390, 768, 1280 and 1920 px every layout check; at 390 and 1280 px with 150%
    text, no sideways scrolling and no broken words; axe-core on AXE_PAGES. One test per
    language, so that the content is built once (a live-server test starts from an
    empty database); the report says which page, width, element and measurement."""
    failures = {}
    for variant, width, text_size, checks in VARIANTS:
        found = visit_every_page(browser, every_page, language, width, checks, text_size)
        if found:
            failures[f"{language}, {variant}"] = found
    if failures:
        pytest.fail(f"Layout problems in {language}:\n" + report(failures), pytrace=False)
