"""The Content-Security-Policy of deploy/nginx holds the site's own pages: Chromium,
through the production stack (scripts/prodstack.py: nginx's real headers), logs no
violation on the public page types in Greek and Arabic, nor on the admin's login."""

import json
import sys
import urllib.parse
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR / "scripts"))

from prodstack import ProdStack, fetch, find_nginx  # noqa: E402


@pytest.fixture(scope="module")
def stack():
    if not find_nginx(install=True):
        pytest.skip("nginx is not installed and apt-get could not install it")
    with ProdStack() as stack:
        yield stack


def first_url(stack, kind):
    answer = fetch(f"{stack.base_url}/api/search?type={kind}&page_size=1&lang=el")
    results = json.loads(answer.body)["results"]
    assert results, f"the demo has a {kind}"
    return urllib.parse.urlsplit(results[0]["url"]).path


def test_no_page_logs_a_csp_violation(stack, browser):
    service = first_url(stack, "service")
    consultation = first_url(stack, "consultation")
    paths = [
        "/el/",
        "/ar/",
        "/el/social-map/",
        "/el/social-map/services/",
        "/el/social-map/services/print/",
        "/el/social-map/map/",
        service,
        service + "print/",
        service + "report/",
        "/el/search/?q=%CF%83%CF%80%CE%AF%CF%84%CE%B9",
        consultation,
        "/el/no-such-page-anywhere/",
        "/admin/login/",
    ]
    context = browser.new_context(locale="el-GR")
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )
    for path in paths:
        response = page.goto(stack.base_url + path, wait_until="load")
        assert response.status in (200, 404), (path, response.status)
        assert "default-src 'self'" in (response.headers.get("content-security-policy") or ""), path
        page.wait_for_timeout(300)  # late scripts (map, autocomplete) report too
    # The report form's reCAPTCHA (real keys in production): its callback exists without
    # django-recaptcha's inline script (Google itself is out of reach here).
    page.goto(stack.base_url + service + "report/")
    callback = page.get_attribute(".g-recaptcha", "data-callback")
    assert callback and page.evaluate(f"typeof window[{callback!r}]") == "function"
    # The printable pages' button works without an inline handler.
    page.goto(stack.base_url + service + "print/")
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.click("[data-print]")
    assert page.evaluate("window.__printed === true")
    context.close()
    assert violations == []
