"""Tests: the real embedded PostgreSQL, fast hashing, e-mails kept in memory."""

import os

import dj_database_url

from portal.embedded_db import embedded_database_settings

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["*"]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {"default": embedded_database_settings(BASE_DIR)}
# Several test runs may share one server (helpers, CI): KOINONIA_TEST_DB keeps them apart.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("KOINONIA_TEST_DB", "test_koinonia")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
RECAPTCHA_SKIP_VERIFY_WITH_TEST_KEYS = True
MEDIA_ROOT = BASE_DIR / ".test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"

# Serve static files straight from the finders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Fragment cache (directory/cache.py): no per-process copy, so that a test sees a
# cleared or changed cache at once.
KOINONIA_LOCAL_CACHE_SECONDS = 0
