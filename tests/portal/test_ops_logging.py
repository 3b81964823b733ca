"""Production logs: JSON lines carrying the request id (core.request_id, core.logging),
errors e-mailed to ADMINS, or sent to Sentry without personal data when SENTRY_DSN is set."""

import io
import json
import logging
import os
import re
import subprocess
import sys

import pytest

from django.conf import settings
from django.test import override_settings

from core.logging import JsonFormatter, RequestIdFilter
from tests.helpers import PRODUCTION_ENV

WITH_REQUEST_ID = ["core.request_id.RequestIdMiddleware", *settings.MIDDLEWARE]


@pytest.fixture
def json_log():
    """Lines that Django's request logger writes, formatted as in production."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


@override_settings(MIDDLEWARE=WITH_REQUEST_ID)
def test_the_proxy_request_id_is_kept_and_returned(client, db):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="0f1e2d3c4b5a69788796a5b4c3d2e1f0")
    assert response["X-Request-ID"] == "0f1e2d3c4b5a69788796a5b4c3d2e1f0"


@override_settings(MIDDLEWARE=WITH_REQUEST_ID)
@pytest.mark.parametrize("sent", [None, "", "short", "<script>alert(1)</script>", "x" * 500, "a b c d e f g h"])
def test_a_missing_or_malformed_request_id_is_replaced(client, db, sent):
    headers = {} if sent is None else {"HTTP_X_REQUEST_ID": sent}
    response = client.get("/healthz", **headers)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@override_settings(MIDDLEWARE=WITH_REQUEST_ID)
def test_every_log_line_of_a_request_carries_its_id(client, site_tree, json_log):
    response = client.get("/el/no-such-page-at-all/", HTTP_X_REQUEST_ID="req-4242-abcdef")
    assert response.status_code == 404
    lines = json_log()
    assert lines, "Django logs a 404 as a warning"
    line = lines[-1]
    assert line["request_id"] == "req-4242-abcdef" == response["X-Request-ID"]
    assert line["level"] == "WARNING" and line["logger"] == "django.request"
    assert line["path"] == "/el/no-such-page-at-all/" and line["status"] == 404
    assert "time" in line and "Not Found" in line["message"]
    # Two requests, two ids, never mixed.
    client.get("/el/another-missing-page/", HTTP_X_REQUEST_ID="req-4343-abcdef")
    assert [entry["request_id"] for entry in json_log()][-2:] == ["req-4242-abcdef", "req-4343-abcdef"]


def test_outside_a_request_the_id_is_a_dash():
    record = logging.LogRecord("koinonia", logging.INFO, __file__, 1, "Γεια σας %s", ("κόσμε",), None)
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "-" and line["message"] == "Γεια σας κόσμε"


def production_shell(code, **env_changes):
    env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(PRODUCTION_ENV, **env_changes)
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_production_writes_json_lines_and_mails_errors_to_admins():
    result = production_shell(
        "import logging; from django.conf import settings;"
        "logging.getLogger('koinonia.jobs').error('Η εξαγωγή απέτυχε', extra={'job': 'export'});"
        "print(settings.ADMINS);"
        "print(sorted(h.__class__.__name__ for h in logging.getLogger('django').handlers))",
        DJANGO_ADMINS="Γραμματεία <grammateia@example.gr>, ops@example.gr",
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(next(line for line in result.stderr.splitlines() if "koinonia.jobs" in line))
    assert line["message"] == "Η εξαγωγή απέτυχε" and line["level"] == "ERROR" and line["job"] == "export"
    assert line["request_id"] == "-"
    assert "[('Γραμματεία', 'grammateia@example.gr'), ('', 'ops@example.gr')]" in result.stdout
    assert "AdminEmailHandler" in result.stdout


def test_production_sends_errors_to_sentry_without_personal_data_when_a_dsn_is_set():
    result = production_shell(
        "import logging, sentry_sdk;"
        "options = sentry_sdk.get_client().options;"
        "print(options['dsn'], options['send_default_pii'], options['environment']);"
        "print(sorted(h.__class__.__name__ for h in logging.getLogger('django').handlers))",
        SENTRY_DSN="https://0123456789abcdef@sentry.example.org/42",
    )
    assert result.returncode == 0, result.stderr
    assert "https://0123456789abcdef@sentry.example.org/42 False production" in result.stdout
    assert "AdminEmailHandler" not in result.stdout  # Sentry reports errors, not one e-mail each


def test_sentry_is_off_by_default():
    result = production_shell("import sentry_sdk; print(sentry_sdk.get_client().is_active())")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("False")
