"""Bad input, always (issue 13): hostile values in every public form and in the query
parameters of the listings, the search and the APIs get an answer, never a 5xx.

Each endpoint gets every value of HOSTILE_VALUES in every parameter at once (a sweep:
Hypothesis alone, in a few dozen draws, may never pick the one value that fails), then
Hypothesis draws mixed requests: NUL bytes, lone surrogates (sent as the bytes a broken
client would send), right-to-left overrides, 10,000 characters, huge, tiny and
non-finite numbers, digits of other scripts, repeated parameters. A 500 raises in the
test client, so any one of them fails the test with the request that caused it.
"""

import uuid
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\u202eevil\u202c",
    "\u2066=1+1\u2069",
    '\u200e=HYPERLINK("http://evil.example")',
    "x" * 10_000,
    "σ" * 10_000,
    "9" * 400,
    "99999999999999999999",
    "-99999999999999999999",
    "1e309",
    "-1e309",
    "5e-324",
    "1e-310",
    "-0",
    "nan",
    "inf",
    "0x10",
    "1_000",
    "١٢٣",
    "²",
    "38.0,23.7",
    "5e-324,5e-324",
    "91,181",
    "%00",
    "%",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\r\n",
    "🙂",
]

hostile = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cs", "Cc", "Cf", "Nd", "Zs", "Sm"]), max_size=20),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)

FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,  # the same requests on every run: a failure is reproducible, not flaky
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def encoded(value):
    """Percent-encoded as a (possibly broken) client would send it: lone surrogates as raw bytes."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def query_string(pairs):
    return "&".join(f"{encoded(key)}={encoded(value)}" for key, value in pairs)


def params(keys):
    """Lists of (name, hostile value), names repeated at will."""
    return st.lists(st.tuples(st.sampled_from(keys), hostile), min_size=1, max_size=6)


def assert_answered(response):
    assert response.status_code < 500, response.status_code


def sweep(client, url, keys):
    """Every hostile value in every parameter of `keys`, one request per value."""
    for value in HOSTILE_VALUES:
        assert_answered(client.get(url + "?" + query_string([(key, value) for key in keys])))


# --- query parameters ----------------------------------------------------------------------

LISTING_KEYS = ["q", "category", "group", "area", "municipality", "language", "access", "open_now", "free", "page"]
SEARCH_KEYS = [
    "q",
    "type",
    "category",
    "group",
    "municipality",
    "language",
    "access",
    "free",
    "open_now",
    "near",
    "radius_km",
    "page",
    "page_size",
    "lang",
]
API_KEYS = ["search", "locale", "offset", "limit", "type", "fields", "order", "child_of", "descendant_of", "slug", "id"]


@pytest.fixture
def public_site(directory_page):
    from wagtail.models import Locale

    from directory.factories import ServicePageFactory
    from directory.models import GoodPracticeIndexPage

    ServicePageFactory(title="Κοινωνικό παντοπωλείο")
    practices = GoodPracticeIndexPage.objects.get(locale=Locale.get_default())
    return {
        "listing": directory_page.url + "services/",
        "map_points": directory_page.url + "map/points/",
        "good_practices": practices.url,
    }


@pytest.mark.parametrize(
    "target, keys",
    [
        ("listing", LISTING_KEYS),
        ("map_points", LISTING_KEYS),
        ("good_practices", ["group", "theme", "area", "page"]),
        ("/en/search/", SEARCH_KEYS),
        ("/api/search", SEARCH_KEYS),
        ("/api/search/suggest", SEARCH_KEYS),
        ("/api/v2/pages/", API_KEYS),
        ("/api/v2/images/", API_KEYS),
        ("/api/v2/documents/", API_KEYS),
        ("/api/v2/pages/find/", ["html_path"]),
    ],
)
def test_every_hostile_value_in_every_parameter(client, public_site, target, keys):
    sweep(client, public_site.get(target, target), keys)
    for key in keys:  # one at a time too: a refusal of one parameter cannot hide another
        for value in ("\x00", "\ud800", "99999999999999999999", "5e-324", "x" * 10_000):
            assert_answered(client.get(public_site.get(target, target) + "?" + query_string([(key, value)])))


@FUZZ
@given(pairs=params(LISTING_KEYS))
def test_the_listing_and_the_map_answer_any_parameters(client, public_site, pairs):
    assert_answered(client.get(public_site["listing"] + "?" + query_string(pairs)))
    assert_answered(client.get(public_site["map_points"] + "?" + query_string(pairs)))


@FUZZ
@given(pairs=params(["group", "theme", "area", "page"]))
def test_good_practices_answer_any_filters(client, public_site, pairs):
    assert_answered(client.get(public_site["good_practices"] + "?" + query_string(pairs)))


@FUZZ
@given(pairs=params(SEARCH_KEYS))
def test_the_search_page_and_api_answer_any_parameters(client, public_site, pairs):
    for path in ("/en/search/", "/api/search", "/api/search/suggest"):
        assert_answered(client.get(path + "?" + query_string(pairs)))


@FUZZ
@given(pairs=params(API_KEYS), endpoint=st.sampled_from(["pages/", "images/", "documents/", "pages/find/"]))
def test_the_wagtail_api_answers_any_parameters(client, public_site, pairs, endpoint):
    if endpoint == "pages/find/":
        pairs = [("html_path", value) for _key, value in pairs]
    assert_answered(client.get(f"/api/v2/{endpoint}?" + query_string(pairs)))


# --- public forms ---------------------------------------------------------------------------


def post_form(client, url, data):
    """POST `data` url-encoded by hand, so that even lone surrogates reach the server."""
    body = "&".join(
        f"{encoded(key)}={encoded(value)}"
        for key, values in data.items()
        for value in (values if isinstance(values, list) else [values])
    )
    return client.post(url, body, content_type="application/x-www-form-urlencoded")


def form_data(base, keys):
    """`base` (a valid submission) with some fields replaced or repeated by hostile values."""
    return st.lists(st.tuples(st.sampled_from(keys), st.lists(hostile, min_size=1, max_size=3)), max_size=4).map(
        lambda changes: {**base, "submission_token": str(uuid.uuid4()), **dict(changes)}
    )


@pytest.fixture
def no_rate_limits(settings):
    """Every drawn submission reaches the form and the database, not the rate limiter."""
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def consultation(site_tree):
    from consultations.factories import CommentFactory, ConsultationPageFactory

    page = ConsultationPageFactory(title="Σχέδιο δράσης", slug="schedio-drasis")
    comment = CommentFactory(consultation=page, article_key=page.articles()[0].key, status="approved")
    return page, comment


REPORT = {"reason": "closed", "message": "Έκλεισε.", "reporter_name": "Μ.", "reporter_contact": "", "website": ""}


@FUZZ
@given(data=form_data(REPORT, [*REPORT, "captcha", "g-recaptcha-response", "submission_token"]))
def test_the_report_form_answers_any_submission(client, public_site, no_rate_limits, data):
    from directory.models import ServicePage

    service = ServicePage.objects.live().first()
    assert_answered(post_form(client, service.url + "report/", data))


COMMENT = {
    "article": "",
    "author_name": "Μαρία Π.",
    "email": "maria@example.org",
    "text": "Να προβλεφθεί βοήθεια στο σπίτι.",
    "stance": "partly",
    "accept_terms": "on",
    "website": "",
}


@FUZZ
@given(data=form_data(COMMENT, [*COMMENT, "submission_token", "g-recaptcha-response"]))
def test_the_comment_form_answers_any_submission(client, consultation, no_rate_limits, data):
    page, _comment = consultation
    assert_answered(post_form(client, page.url + "comment/", data))


@FUZZ
@given(data=form_data({"reason": "advertising", "note": "", "website": ""}, ["reason", "note", "website", "next"]))
def test_the_flag_form_answers_any_submission(client, consultation, no_rate_limits, data):
    page, comment = consultation
    assert_answered(post_form(client, page.url + f"comments/{comment.pk}/flag/", data))


@FUZZ
@given(
    data=form_data(
        {"dimos": "", "ilikia": "65 και άνω", "scholia": "", "website": ""},
        ["dimos", "ilikia", "scholia", "eykolia", "website", "submission_token"],
    )
)
def test_the_survey_form_answers_any_submission(client, site_tree, no_rate_limits, data):
    from consultations.factories import SurveyFieldFactory, SurveyPageFactory
    from consultations.models import SurveyPage

    survey = SurveyPage.objects.filter(slug="fuzz-survey").first()
    if survey is None:
        survey = SurveyPageFactory(title="Ανάγκες", slug="fuzz-survey")
        SurveyFieldFactory(page=survey, label="Δήμος", field_type="municipality", choices="", sort_order=0)
        SurveyFieldFactory(page=survey, label="Ηλικία", field_type="radio", choices="Κάτω από 65\n65 και άνω")
        SurveyFieldFactory(page=survey, label="Ευκολία", field_type="scale", choices="Καθόλου\nΠολύ")
        SurveyFieldFactory(page=survey, label="Σχόλια", field_type="multiline", choices="", required=False)
    assert_answered(post_form(client, survey.url, data))


@FUZZ
@given(data=form_data({"text_size": "large", "contrast": "", "next": "/el/"}, ["text_size", "contrast", "next"]))
def test_the_display_preferences_answer_any_submission(client, site_tree, data):
    assert_answered(post_form(client, "/display/", data))


FORM_SWEEP_VALUES = ["\x00", "a\x00b", "\ud800", "\u202e=1+1", "x" * 10_000, "99999999999999999999", "5e-324"]


def test_every_public_form_answers_hostile_values_in_every_field(client, public_site, consultation, no_rate_limits):
    """The sweep for the forms: each field of each form, each value, the rest of the form valid."""
    from directory.models import ServicePage

    page, comment = consultation
    service = ServicePage.objects.live().first()
    forms = [
        (service.url + "report/", REPORT),
        (page.url + "comment/", COMMENT),
        (page.url + f"comments/{comment.pk}/flag/", {"reason": "advertising", "note": "", "website": ""}),
        ("/display/", {"text_size": "large", "contrast": "", "next": "/el/"}),
    ]
    for url, base in forms:
        for field in base:
            for value in FORM_SWEEP_VALUES:
                data = {**base, field: value, "submission_token": str(uuid.uuid4())}
                assert_answered(post_form(client, url, data))
