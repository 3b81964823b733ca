"""Bad input, on the search page and the API: results or a clear message, never a 500,
never a database error. Every case runs against the real PostgreSQL index."""

import pytest

from django.utils import translation
from django.utils.translation import gettext

from search.query import MAX_RESULT_WINDOW

pytestmark = pytest.mark.django_db

LONG = "σταθμός " * 1250  # 10,000 characters

#: Text nobody should be able to turn into query syntax or SQL.
HOSTILE_TEXT = [
    "",
    " ",
    LONG,
    "α" * 10_000,
    '"παιδικός σταθμός"',
    "'",
    "\"'\"'",
    "*",
    "σταθ*",
    ":",
    "σταθμός:*",
    "(",
    "((σταθμός",
    "&",
    "&&",
    "|",
    "!",
    "!σταθμός",
    "σταθμός & | ! ( ) : * <-> <2>",
    "'; DROP TABLE search_document; --",
    "1' OR '1'='1",
    "%' OR 1=1 --",
    "\\",
    # A NUL byte is refused before the search sees it: tests/portal/test_hardening.py.
    '{"query": {"match_all": {}}}',
    "title:σταθμός AND _exists_:url",
    "σταθμός~2 OR /.*/",
    "+σταθμός -παιδικός",
    "[* TO *]",
    "🙂🙂🙂",
    "٣٤٥",
    "ΣΤΑΘΜΌΣ" * 300,
]

#: Parameters that are wrong (the API refuses them with 400, the page leaves them out).
BAD_PARAMETERS = [
    {"near": "91,0"},
    {"near": "38.0,181"},
    {"near": "abc"},
    {"near": "nan,nan"},
    {"near": "inf,1"},
    {"near": "38.0"},
    {"near": "1,2,3"},
    {"near": "38.01,23.69", "radius_km": "-5"},
    {"near": "38.01,23.69", "radius_km": "0"},
    {"near": "38.01,23.69", "radius_km": "abc"},
    {"near": "38.01,23.69", "radius_km": "nan"},
    {"near": "38.01,23.69", "radius_km": "1e309"},
    {"near": "38.01,23.69", "radius_km": "100000"},
    {"radius_km": "5"},
    {"municipality": "atlantis"},
    {"category": "no-such-thing"},
    {"type": "spam"},
    {"group": "'; DROP TABLE x; --"},
    {"language": "klingon"},
    {"access": "teleport"},
    {"open_now": "maybe"},
    {"free": "perhaps"},
    {"page": "-1"},
    {"page": "0"},
    {"page": "abc"},
    {"page": "1.5"},
    {"page": "99999999999999999999"},
]


@pytest.fixture
def page_url():
    return "/el/search/"


@pytest.mark.parametrize("text", HOSTILE_TEXT, ids=range(len(HOSTILE_TEXT)))
def test_the_page_answers_any_text(client, indexed, page_url, text):
    response = client.get(page_url, {"q": text})
    assert response.status_code == 200
    assert b"Traceback" not in response.content


@pytest.mark.parametrize("text", HOSTILE_TEXT, ids=range(len(HOSTILE_TEXT)))
def test_the_api_answers_any_text(client, indexed, text):
    response = client.get("/api/search", {"q": text})
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body["total"], int) and isinstance(body["results"], list)


@pytest.mark.parametrize("text", HOSTILE_TEXT, ids=range(len(HOSTILE_TEXT)))
def test_autocomplete_answers_any_text(client, indexed, text):
    response = client.get("/api/search/suggest", {"q": text})
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)


def test_a_long_query_is_cut_with_a_notice(client, indexed, page_url):
    response = client.get(page_url, {"q": LONG})
    assert response.status_code == 200
    assert response.context["notices"]
    assert response.context["results"].total > 0  # "σταθμός" still searched


def test_syntax_is_searched_as_words_not_obeyed(client, indexed):
    quoted = client.get("/api/search", {"q": '"Παιδικός" (σταθμός) & | ! *'}).json()
    plain = client.get("/api/search", {"q": "Παιδικός σταθμός"}).json()
    assert quoted["total"] == plain["total"] > 0
    everything = client.get("/api/search", {"q": ""}).json()["total"]
    assert client.get("/api/search", {"q": "1' OR '1'='1"}).json()["total"] < everything


@pytest.mark.parametrize("params", BAD_PARAMETERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_the_api_refuses_bad_parameters_with_a_clear_message(client, indexed, params):
    response = client.get("/api/search", {"q": "σταθμός", **params})
    assert response.status_code == 400
    body = response.json()
    assert body["error"]
    named = {error["parameter"] for error in body["errors"]}
    assert named & set(params), body
    assert all(error["message"] for error in body["errors"])


@pytest.mark.parametrize("params", BAD_PARAMETERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_the_page_leaves_bad_parameters_out_and_says_so(client, indexed, page_url, params):
    response = client.get(page_url, {"q": "σταθμός", **params})
    assert response.status_code == 200
    assert response.context["errors"]
    assert response.context["results"].total > 0  # the rest of the search still ran
    assert "govgr-error-summary" in response.content.decode()


def test_api_messages_follow_lang(client, indexed):
    greek = client.get("/api/search", {"near": "91,0", "lang": "el"}).json()
    english = client.get("/api/search", {"near": "91,0", "lang": "en"}).json()
    assert greek["errors"][0]["message"] != english["errors"][0]["message"] or greek["error"] != english["error"]
    assert "latitude" in english["errors"][0]["message"]


@pytest.mark.parametrize("params", [{"lang": "xx"}, {"page_size": "0"}, {"page_size": "51"}, {"page_size": "abc"}])
def test_the_api_refuses_bad_lang_and_page_size(client, indexed, params):
    response = client.get("/api/search", {"q": "σταθμός", **params})
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] in params


def test_page_ten_thousand_is_a_clear_empty_page(client, indexed, page_url):
    api = client.get("/api/search", {"q": "", "page": "10000"})
    assert api.status_code == 200
    body = api.json()
    assert body["results"] == [] and body["total"] > 0 and body["page"] == 10000 and body["message"]
    page = client.get(page_url, {"q": "σταθμός", "page": "10000"})
    assert page.status_code == 200
    assert page.context["results"].beyond_window and page.context["results"].results == []
    with translation.override("el"):
        message = gettext(
            "Only the first %(limit)s results can be paged through. Add a word or a filter to narrow your search."
        ) % {"limit": MAX_RESULT_WINDOW}
    assert message in page.content.decode()


def test_a_page_just_past_the_end_offers_the_first_page(client, indexed, page_url):
    response = client.get(page_url, {"q": "σταθμός", "page": "50"})
    assert response.status_code == 200
    assert response.context["results"].results == []


def test_only_get_is_allowed(client, indexed):
    assert client.post("/api/search", {"q": "x"}).status_code == 405
    assert client.post("/el/search/", {"q": "x"}).status_code == 405
