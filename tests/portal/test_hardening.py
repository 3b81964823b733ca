"""Issue 13's defects, each with the test that found it: production settings that refuse
to start half-configured, and bad input answered with 400, never a 500."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_SECRET_KEY": "x" * 64 + "-a-long-random-production-secret-key",
    "DJANGO_ALLOWED_HOSTS": "koinonia.example.gr",
    "DATABASE_URL": "postgres://koinonia@localhost:5432/koinonia",
    "WAGTAILADMIN_BASE_URL": "https://koinonia.example.gr",
    "WAGTAILAPI_BASE_URL": "https://koinonia.example.gr",
    "RECAPTCHA_PUBLIC_KEY": "6Lc-site-key-registered-for-koinonia-example",
    "RECAPTCHA_PRIVATE_KEY": "6Lc-secret-key-registered-for-koinonia-example",
}
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
