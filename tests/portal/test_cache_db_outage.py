"""A database that cannot be reached is a 503 with a clear message, never a 500 or a stack trace.

Real, not mocked: the site runs in a separate process whose DATABASE_URL points at a
port where no PostgreSQL listens, so every query fails as it does while PostgreSQL
restarts. bench/load_fault.py restarts a real server under load.
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
out = {}
for name, url, cookies in (
    ("page_el", "/el/", {}),
    ("page_en", "/en/social-map/services/?category=food", {}),
    ("logged_in", "/en/", {"sessionid": "abc"}),
    ("api", "/api/search?q=food&lang=en", {}),
    ("wagtail_api", "/api/v2/pages/", {}),
):
    client.cookies.clear()
    for key, value in cookies.items():
        client.cookies[key] = value
    r = client.get(url)
    out[name] = {"status": r.status_code, "body": r.content.decode(), "headers": dict(r.items())}
r = client.post("/en/social-map/some-organisation/some-service/report/", {"reason": "closed"})
out["post"] = {"status": r.status_code, "body": r.content.decode(), "headers": dict(r.items())}
print("RESULT" + json.dumps(out))
"""


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends: nothing listens there


@pytest.fixture(scope="module")
def answers():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port()}/koinonia",
    }
    result = subprocess.run(  # noqa: S603 (our own script and interpreter)
        [sys.executable, "-c", SCRIPT], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    line = next((line for line in result.stdout.splitlines() if line.startswith("RESULT")), None)
    assert line, result.stdout[-2000:] + result.stderr[-4000:]
    return json.loads(line[len("RESULT") :])


@pytest.mark.parametrize("name", ["page_el", "page_en", "logged_in", "post"])
def test_pages_answer_503_with_a_page_in_the_visitors_language(answers, name):
    answer = answers[name]
    assert answer["status"] == 503
    assert answer["headers"]["Retry-After"] == "10"
    assert "no-store" in answer["headers"]["Cache-Control"]
    body = answer["body"]
    assert "Traceback" not in body and "OperationalError" not in body
    assert "<h1" in body and "</html>" in body
    expected_language = "el" if name == "page_el" else "en"
    assert f'lang="{expected_language}"' in body


def test_the_english_page_says_what_happened_and_offers_to_try_again(answers):
    body = answers["page_en"]["body"]
    assert "Service unavailable" in body
    assert "The service is briefly unavailable. Please try again in a few moments." in body
    assert 'href="/en/social-map/services/?category=food"' in body


@pytest.mark.parametrize("name", ["api", "wagtail_api"])
def test_apis_answer_503_with_a_json_message(answers, name):
    answer = answers[name]
    assert answer["status"] == 503
    assert answer["headers"]["Content-Type"] == "application/json"
    payload = json.loads(answer["body"])
    assert payload["message"] and payload["errors"][0]["message"] == payload["message"]
