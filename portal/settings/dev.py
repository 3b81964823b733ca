"""Development: DEBUG on, embedded PostgreSQL unless DATABASE_URL is set."""

import os

import dj_database_url

from portal.embedded_db import embedded_database_settings

from .base import *  # noqa: F403
from .base import BASE_DIR

# DJANGO_DEBUG=0 lets benchmarks measure the site as production runs it (no debug overhead).
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {"default": embedded_database_settings(BASE_DIR)}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
RECAPTCHA_SKIP_VERIFY_WITH_TEST_KEYS = True
KOINONIA_SHOW_DEMO_PASSWORDS = True

# Serve static files straight from the finders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
