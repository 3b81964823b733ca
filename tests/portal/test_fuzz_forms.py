"""Bad input, always (issue 13), for every public form: beyond "no 5xx" (tests/portal/test_fuzz.py),
each hostile submission gets an answer a person can act on, and loses nothing.

For each form, Hypothesis replaces or repeats fields of a valid submission with
hostile values (NUL, lone surrogates sent as raw bytes, right-to-left overrides,
10,000 characters, 1e308, 5e-324, -0, digits of other scripts, repeated fields).
Whatever it draws, the answer is one of two:

- saved: a redirect to a page of the site, and exactly one record more;
- refused: a 4xx page with the error summary listing at least one problem in words,
  nothing saved, and what the person typed in the text fields still in the form
  (they must not have to type it again).

A sweep then puts every value of SWEEP_VALUES into every field of every form, since
a few dozen random draws may never pick the one value that fails.
"""

import html
import re
import unicodedata
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.portal.test_fuzz import encoded, hostile

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SWEEP_VALUES = [
    "\x00",
    "a\x00b",
    "\ud800",
    "\u202e=1+1\u202c",
    "x" * 10_000,
    "1e308",
    "5e-324",
    "-0",
    "99999999999999999999",
    "١٢٣",
    "",
    "<script>alert(1)</script>",
]


def post(client, url, data):
    """POST `data` ({name: value or [values]}) url-encoded by hand, so that lone surrogates reach the server."""
    body = "&".join(
        f"{encoded(key)}={encoded(value)}"
        for key, values in data.items()
        for value in (values if isinstance(values, list) else [values])
    )
    return client.post(url, body, content_type="application/x-www-form-urlencoded")


def summary_messages(body):
    """The problems the error summary lists, as text."""
    summary = re.search(r'<div class="govgr-error-summary".*?</ul>', body, re.S)
    if not summary:
        return []
    items = re.findall(r"<li>(.*?)</li>", summary.group(0), re.S)
    return [text for text in (html.unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in items) if text]


def plain(value):
    """Typed text the form must show back as it was: no NUL (removed on purpose), no
    lone surrogate (not text), no control character, no surrounding space."""
    return (
        value == value.strip()
        and value
        and len(value) <= 2_000
        and not any(unicodedata.category(c) in ("Cc", "Cs") for c in value)
    )


class PublicForm:
    """A form, a valid submission of it, and how to count what it saves."""

    def __init__(self, url, valid, model, text_fields, refused=(400, 403, 429), fresh=dict):
        self.url, self.valid, self.model, self.text_fields, self.refused = url, valid, model, text_fields, refused
        self.fresh = fresh  # fields that must differ at each submission (an e-mail asked once per hour)

    def check(self, client, changes):
        data = {**self.valid, **self.fresh(), "submission_token": str(uuid.uuid4()), **changes}
        before = self.model.objects.count()
        response = post(client, self.url, data)
        saved = self.model.objects.count() - before
        assert response.status_code < 500, (changes, response.status_code)
        if response.status_code in (301, 302, 303):
            assert saved == 1, (changes, saved)
            location = response["Location"]
            assert location.startswith("/") and not location.startswith(("//", "/\\")), location
            return response
        body = response.content.decode()
        assert response.status_code in self.refused, (changes, response.status_code)
        assert saved == 0, changes
        assert summary_messages(body), (changes, response.status_code, "no message in the error summary")
        for name in self.text_fields:
            values = data.get(name)
            typed = values[-1] if isinstance(values, list) else values
            if isinstance(typed, str) and plain(typed):
                assert html.escape(typed, quote=False) in body or html.escape(typed) in body, (name, typed[:80])
        return response


def changes_of(form):
    """Some fields of `form`, each given one or several (repeated) hostile values."""
    names = [*form.valid, "submission_token", "g-recaptcha-response"]
    return st.dictionaries(
        st.sampled_from(names),
        st.one_of(hostile, st.lists(hostile, min_size=2, max_size=3)),
        min_size=1,
        max_size=4,
    )


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    """Every drawn submission reaches the form and the database, not the rate limiter."""
    settings.RATELIMIT_ENABLE = False


# --- the forms -------------------------------------------------------------------------------


@pytest.fixture
def report_form(directory_page):
    from directory.factories import ServicePageFactory
    from directory.models import ListingReport

    service = ServicePageFactory(title="ΚΟΙΝΩΝΙΚΟ ΠΑΝΤΟΠΩΛΕΙΟ ΔΗΜΟΥ ΚΟΖΑΝΗΣ")
    valid = {
        "reason": "phone",
        "message": "Το τηλέφωνο 24610 12345 δεν απαντά εδώ και μια εβδομάδα",
        "reporter_name": "Μαρία Παπαδοπούλου",
        "reporter_contact": "",
        "website": "",
    }
    return PublicForm(service.url + "report/", valid, ListingReport, ["message", "reporter_name"])


@pytest.fixture
def consultation(site_tree):
    from consultations.factories import ConsultationPageFactory

    return ConsultationPageFactory(title="Σχέδιο δράσης για την αστεγία", slug="schedio-drasis-fuzz")


@pytest.fixture
def comment_form(consultation):
    from consultations.models import Comment

    valid = {
        "article": "",
        "author_name": "Maria P.",
        "email": "maria@example.org",
        "text": "Να προβλεφθεί βοήθεια στο σπίτι για όσους δεν μπορούν να μετακινηθούν",
        "stance": "partly",
        "accept_terms": "on",
        "website": "",
    }
    return PublicForm(consultation.url + "comment/", valid, Comment, ["author_name", "text"])


@pytest.fixture
def flag_form(consultation):
    """A fresh published comment per call: flags from earlier draws would hide one comment."""
    from consultations.factories import CommentFactory
    from consultations.models import CommentFlag

    def make():
        comment = CommentFactory(
            consultation=consultation, article_key=consultation.articles()[0].key, status="approved"
        )
        valid = {"reason": "advertising", "note": "Διαφήμιση καζίνο, όχι σχόλιο", "website": ""}
        return PublicForm(consultation.url + f"comments/{comment.pk}/flag/", valid, CommentFlag, ["note"])

    return make


@pytest.fixture
def survey_form(site_tree):
    from consultations.factories import SurveyFieldFactory, SurveyPageFactory
    from consultations.models import SurveySubmission

    survey = SurveyPageFactory(title="Ανάγκες των ηλικιωμένων", slug="fuzz-forms-survey")
    SurveyFieldFactory(page=survey, label="Δήμος", field_type="municipality", choices="", sort_order=0)
    SurveyFieldFactory(page=survey, label="Ηλικία", field_type="radio", choices="Κάτω από 65\n65 και άνω", sort_order=1)
    SurveyFieldFactory(page=survey, label="Ευκολία", field_type="scale", choices="Καθόλου\nΠολύ", sort_order=2)
    SurveyFieldFactory(
        page=survey, label="Ανάγκες", field_type="checkboxes", choices="Φαγητό\nΣτέγη\nΥγεία", sort_order=3
    )
    SurveyFieldFactory(page=survey, label="Σχόλια", field_type="multiline", choices="", required=False, sort_order=4)
    valid = {
        "dimos": "m-67",
        "ilikia": "65 και άνω",
        "eykolia": "3",
        "anagkes": ["Φαγητό", "Υγεία"],
        "scholia": "Δεν υπάρχει λεωφορείο μέχρι το ΚΑΠΗ",
        "website": "",
    }
    return PublicForm(survey.url, valid, SurveySubmission, ["scholia"])


# --- Hypothesis ------------------------------------------------------------------------------


def test_the_valid_submissions_are_saved(client, report_form, comment_form, flag_form, survey_form):
    """The base submissions the fuzzing starts from are valid: every draw changes a saved
    submission into something else, and the 'saved' branch of the contract is exercised."""
    for form in (report_form, comment_form, flag_form(), survey_form):
        assert form.check(client, {}).status_code == 302, form.url


@FUZZ
@given(data=st.data())
def test_the_report_form_saves_or_says_what_to_fix(client, report_form, data):
    report_form.check(client, data.draw(changes_of(report_form)))


@FUZZ
@given(data=st.data())
def test_the_comment_form_saves_or_says_what_to_fix(client, comment_form, data):
    comment_form.check(client, data.draw(changes_of(comment_form)))


@FUZZ
@given(data=st.data())
def test_the_flag_form_saves_or_says_what_to_fix(client, flag_form, data):
    form = flag_form()
    form.check(client, data.draw(changes_of(form)))


@FUZZ
@given(data=st.data())
def test_the_survey_saves_or_says_what_to_fix(client, survey_form, data):
    survey_form.check(client, data.draw(changes_of(survey_form)))


@FUZZ
@given(
    changes=st.dictionaries(
        st.sampled_from(["text_size", "contrast", "next"]),
        st.one_of(hostile, st.lists(hostile, min_size=2)),
        min_size=1,
    )
)
def test_the_display_preferences_go_back_or_say_what_is_wrong(client, site_tree, changes):
    """A setting it does not know is a page saying so, with a way back; any `next`
    leads back into this site, never elsewhere."""
    response = post(client, "/display/", {"text_size": "large", "contrast": "", "next": "/el/", **changes})
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 302:
        location = response["Location"]
        assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    else:
        body = response.content.decode()
        assert "<h1" in body and "govgr-link" in body, body[:300]


# --- the sweep --------------------------------------------------------------------------------


def test_every_value_in_every_field_of_every_form(client, report_form, comment_form, flag_form, survey_form):
    # A fresh comment for each flag: a few flags hide a comment, and its flag page goes.
    forms = [lambda: report_form, lambda: comment_form, flag_form, lambda: survey_form]
    for make in forms:
        for name in [*make().valid, "submission_token"]:
            for value in SWEEP_VALUES:
                make().check(client, {name: value})
            first = make().valid.get(name) if isinstance(make().valid.get(name), str) else "x"
            make().check(client, {name: [first or "x", "\x00", "1e308"]})  # repeated


def test_an_unknown_display_setting_is_a_page_that_says_so_with_the_way_back(client, site_tree):
    data = {"text_size": "huge\x00", "contrast": "", "next": "/en/social-map/"}
    response = post_in_english(client, "/display/", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Unknown display setting." in body
    assert 'href="/en/social-map/"' in body


def post_in_english(client, url, data):
    body = "&".join(f"{encoded(key)}={encoded(value)}" for key, value in data.items())
    return client.post(url, body, content_type="application/x-www-form-urlencoded", HTTP_ACCEPT_LANGUAGE="en")


def test_every_value_in_the_display_preferences(client, site_tree):
    for name in ("text_size", "contrast", "next"):
        for value in [*SWEEP_VALUES, "//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:x"]:
            response = post(client, "/display/", {"text_size": "large", "contrast": "", "next": "/el/", name: value})
            assert response.status_code in (302, 400)
            if response.status_code == 302:
                assert response["Location"].startswith("/") and not response["Location"].startswith(("//", "/\\"))
