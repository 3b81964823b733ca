"""Bad input, always (issue 13), for the campaigns' public forms: the newsletter sign-up
and the event registration, on the contract of tests/portal/test_fuzz_forms.py (saved
once and redirected, or refused with the error summary, nothing saved and the typed
text kept), with Hypothesis' hostile draws and the sweep of every value in every field.
"""

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.portal.test_fuzz_forms import FUZZ, SWEEP_VALUES, PublicForm, changes_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    settings.RATELIMIT_ENABLE = False
    settings.KOINONIA_EVENT_REGISTRATION_RATE = "100000/h"


def fresh_email():
    return {"email": f"fuzz-{uuid.uuid4().hex[:10]}@example.org"}


@pytest.fixture
def newsletter_form(site_tree):
    from campaigns.factories_newsletter import NewsletterTopicFactory
    from campaigns.models.newsletter import PendingSignup

    NewsletterTopicFactory(code="events", name="Εκδηλώσεις")
    NewsletterTopicFactory(code="alerts", name="Έκτακτες ανακοινώσεις")
    valid = {"email": "", "language": "el", "topics": ["events", "alerts"], "consent": "on", "website": ""}
    # 503 too: a confirmation e-mail that cannot leave is said so on the kept form.
    return PublicForm("/el/newsletter/", valid, PendingSignup, ["email"], refused=(400, 429, 503), fresh=fresh_email)


@pytest.fixture
def registration_form(site_tree):
    from campaigns.factories_events import EventPageFactory
    from campaigns.models.events import EventRegistration

    event = EventPageFactory(title="ΕΝΗΜΕΡΩΣΗ ΓΙΑ ΤΟ ΕΛΑΧΙΣΤΟ ΕΓΓΥΗΜΕΝΟ ΕΙΣΟΔΗΜΑ ΣΤΗΝ ΚΟΖΑΝΗ")
    valid = {
        "name": "Μαρία Παπαδοπούλου",
        "email": "",
        "phone": "694 123 4567",
        "people": "2",
        "interpretation": "العربية",
        "accessibility_needs": "Αναπηρικό αμαξίδιο, χρειάζομαι ράμπα",
        "notes": "Θα έρθω με την κόρη μου",
        "consent": "on",
        "website": "",
    }
    return PublicForm(
        f"/el/events/{event.slug}/register/",
        valid,
        EventRegistration,
        ["name", "interpretation", "accessibility_needs", "notes"],
        fresh=lambda: fresh_registrant(EventRegistration),
    )


def fresh_registrant(model):
    """Each submission is a new person: one e-mail or phone holds one registration per
    event (campaigns.registration), and the draws repeat phones, so earlier ones go."""
    model.objects.all().delete()
    return fresh_email()


def test_the_valid_submissions_are_saved(client, newsletter_form, registration_form):
    for form in (newsletter_form, registration_form):
        assert form.check(client, {}).status_code == 302, form.url


@FUZZ
@given(data=st.data())
def test_the_newsletter_signup_saves_or_says_what_to_fix(client, newsletter_form, data):
    newsletter_form.check(client, data.draw(changes_of(newsletter_form)))


@FUZZ
@given(data=st.data())
def test_the_event_registration_saves_or_says_what_to_fix(client, registration_form, data):
    registration_form.check(client, data.draw(changes_of(registration_form)))


def test_every_value_in_every_field_of_both_forms(client, newsletter_form, registration_form):
    for form in (newsletter_form, registration_form):
        for name in [*form.valid, "submission_token"]:
            for value in [*SWEEP_VALUES, "-1", "0", "1e308"]:
                form.check(client, {name: value})
            form.check(client, {name: ["1", "\x00", "1e308"]})  # repeated


# --- the events list's filters and the links people get by e-mail ------------------------------

EVENT_FILTERS = ["event_type", "area", "month", "page"]
MONTHS = ["2026-13", "9999-12", "0000-01", "0001-01", "١٢٣٤-01", "２０２６-01", "2026-1", "-001-01"]


def test_the_events_list_answers_any_filters(client, registration_form):
    from tests.portal.test_fuzz import HOSTILE_VALUES, query_string

    for value in [*HOSTILE_VALUES, *MONTHS]:
        for pairs in ([(name, value) for name in EVENT_FILTERS], [("month", value)], [("event_type", value)] * 3):
            response = client.get("/el/events/?" + query_string(pairs))
            assert response.status_code in (200, 400), (pairs, response.status_code)


@FUZZ
@given(
    pairs=st.lists(st.tuples(st.sampled_from(EVENT_FILTERS), st.one_of(st.sampled_from(MONTHS), st.text())), max_size=5)
)
def test_the_events_list_answers_any_drawn_filters(client, registration_form, pairs):
    from tests.portal.test_fuzz import query_string

    assert client.get("/el/events/?" + query_string(pairs)).status_code in (200, 400)


TOKENS = ["", "x", "x" * 10_000, "%00", "..%2F..%2Fetc", "1:2:3", "\u202e", "é" * 300]


def test_a_bad_or_tampered_link_is_a_page_that_says_so(client, registration_form):
    from urllib.parse import quote

    url = registration_form.url.replace("register/", "registration/")
    for token in TOKENS:
        for method in (client.get, client.post):
            response = method(url + "?t=" + quote(token, safe="%"))
            # 400: a NUL, refused at the door (core.middleware) with its own message.
            assert response.status_code == (400 if token == "%00" else 404), (token[:40], response.status_code)
        for path in ("/el/newsletter/confirm/{}/", "/el/newsletter/unsubscribe/{}/"):
            if token:
                response = client.get(path.format(quote(token, safe="%")))
                assert response.status_code in (404, 410), (path, token[:40], response.status_code)


FORM_ENCODED = "application/x-www-form-urlencoded"


def test_campaign_urls_answer_any_code_identifier_or_tracking_parameter(client, site_tree):
    """Short links, alerts (page, CAP, by area), the reach beacon and the utm parameters
    of a campaign's landing page: each hostile value in each, never a 5xx."""
    from urllib.parse import quote

    from campaigns.factories_alerts import AlertFactory
    from campaigns.factories_pages import CampaignPageFactory
    from campaigns.factories_reach import MaterialFactory
    from core.visits import PHONE
    from tests.portal.test_fuzz import HOSTILE_VALUES, encoded, query_string

    campaign = CampaignPageFactory(title="ΧΕΙΜΕΡΙΝΗ ΕΚΣΤΡΑΤΕΙΑ ΓΙΑ ΤΟΥΣ ΑΣΤΕΓΟΥΣ")
    campaign.save_revision().publish()
    MaterialFactory(campaign=campaign)
    AlertFactory()
    utm = ["utm_source", "utm_medium", "utm_campaign", "utm_content"]
    for value in HOSTILE_VALUES:
        segment = quote(value.encode("utf-8", "surrogatepass"), safe="") or "x"
        answers = [
            client.get(f"/c/{segment}"),
            client.get(f"/el/alerts/{segment}/"),
            client.get(f"/alerts/{segment}.cap"),
            client.get("/el/alerts/?" + query_string([("area", value), ("municipality", value)])),
            client.get("/el/?" + query_string([("municipality", value)])),
            client.get(campaign.url + "?" + query_string([(name, value) for name in utm])),
            client.post(
                "/c/beacon",
                f"kind={encoded(value)}&target={encoded(value)}",
                content_type=FORM_ENCODED,
            ),
            client.post("/c/beacon", f"kind={PHONE}&target={encoded(value)}", content_type=FORM_ENCODED),
        ]
        for response in answers:
            assert response.status_code < 500, (value[:40], response.status_code)
