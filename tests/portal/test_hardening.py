"""Issue 13's defects, each with the test that found it: production settings that refuse
to start half-configured, and bad input answered with 400, never a 500."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import PRODUCTION_ENV, translated

BASE_DIR = Path(__file__).resolve().parents[2]

GOOGLE_TEST_PUBLIC_KEY = "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI"
GOOGLE_TEST_PRIVATE_KEY = "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe"


def manage(*args, **changes):
    """`manage.py *args` with the production settings and PRODUCTION_ENV + changes (None: unset)."""
    env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for browser tests; never in deployment
    env.update(PRODUCTION_ENV)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(  # noqa: S603 - our own manage.py with arguments from this file
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def deploy_check(**changes):
    return manage("check", "--deploy", "--fail-level", "WARNING", **changes)


def test_production_with_every_variable_passes_the_deploy_check():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "missing", ["RECAPTCHA_PUBLIC_KEY", "RECAPTCHA_PRIVATE_KEY", "WAGTAILADMIN_BASE_URL", "WAGTAILAPI_BASE_URL"]
)
def test_production_refuses_to_start_without_a_required_variable(missing):
    result = deploy_check(**{missing: None})
    assert result.returncode != 0
    assert f"Production settings need the environment variable {missing}" in result.stderr


def test_production_refuses_googles_test_recaptcha_keys():
    """With the test keys Google accepts any answer: the forms would have no spam protection."""
    result = deploy_check(RECAPTCHA_PUBLIC_KEY=GOOGLE_TEST_PUBLIC_KEY, RECAPTCHA_PRIVATE_KEY=GOOGLE_TEST_PRIVATE_KEY)
    assert result.returncode != 0
    assert "Google's test keys" in result.stderr


def test_production_does_not_silence_django_recaptchas_own_check():
    result = manage("shell", "-c", "from django.conf import settings; print(settings.SILENCED_SYSTEM_CHECKS)")
    assert result.returncode == 0, result.stderr
    assert "django_recaptcha" not in result.stdout


# --- bad input: 400 with a message, never a 500 ---------------------------------------------

NUL_MESSAGE = "The address or the form contains a character that is not allowed (NUL)."

NUL_IN_API = [
    "/api/v2/pages/?search=%00",
    "/api/v2/pages/?locale=%00",
    "/api/v2/pages/find/?html_path=%00",
    "/api/v2/images/?search=%00",
    "/api/v2/documents/?search=%00",
    "/api/v2/pages/?%00=1",
    "/api/search?q=a%00b",
    "/api/search/suggest?q=%00",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", NUL_IN_API)
def test_a_nul_byte_in_an_api_parameter_is_a_json_400(client, site_tree, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["message"] == translated(NUL_MESSAGE)  # Greek: no language in the address


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["group=%00", "theme=a%00b", "area=%00"])
def test_a_nul_byte_in_the_good_practice_filters_is_a_400_page(client, directory_page, query):
    from wagtail.models import Locale

    from directory.models import GoodPracticeIndexPage

    index = GoodPracticeIndexPage.objects.get(locale=Locale.objects.get(language_code="en"))
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 400
    body = response.content.decode()
    assert '<html lang="en"' in body and translated(NUL_MESSAGE, "en") in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/en/search/?q=%00", "/en/social-map/?q=a%00", "/en/social-map/services/?category=%00"]
)
def test_a_nul_byte_in_a_public_page_parameter_is_a_400_page(client, directory_page, url):
    response = client.get(url)
    assert response.status_code == 400
    assert translated(NUL_MESSAGE, "en") in response.content.decode()


@pytest.mark.django_db
def test_a_nul_byte_in_a_posted_form_is_left_to_the_form(client, directory_page):
    """The form says which field is wrong and keeps the rest of what was typed (see core.middleware)."""
    from directory.factories import ServicePageFactory

    service = ServicePageFactory(title="Κοινωνικό παντοπωλείο")
    response = client.post(service.url + "report/", {"reason": "\x00", "message": "a\x00b", "website": ""})
    assert response.status_code == 400 and "govgr-error-summary" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"page": "²"}, {"page": "١"}, {"page_size": "²"}, {"page": "𝟗"}])
def test_digits_of_other_scripts_are_refused_not_a_500(client, site_tree, params):
    """str.isdigit() says yes to "²", int() says no: the search page answered 500."""
    assert client.get("/en/search/", {"q": "x", **params}).status_code == 200
    assert client.get("/api/search", {"q": "x", **params}).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "offset=99999999999999999999",
        "offset=9223372036854775808",
        "offset=1000001",
        "offset=-1",
        "offset=1_0",
        "offset=%D9%A3",
        "limit=99999999999999999999",
        "limit=101",
        "limit=x",
    ],
)
def test_the_api_refuses_paging_out_of_range(client, site_tree, query):
    response = client.get(f"/api/v2/pages/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    name = query.split("=")[0]
    maximum = {"offset": 1_000_000, "limit": 100}[name]
    message = translated("“%(name)s” must be a whole number from 0 to %(max)s.", "en") % {"name": name, "max": maximum}
    assert response.json()["message"] == message


@pytest.mark.django_db
def test_the_api_pages_within_range(client, site_tree):
    assert client.get("/api/v2/pages/?offset=1000000&limit=100").status_code == 200
    assert client.get("/api/v2/images/?offset=0&limit=0").status_code == 200
