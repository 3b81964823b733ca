"""Production: everything from the environment, secure by default.

Required (the settings refuse to load without them, naming what is missing):
DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, RECAPTCHA_PUBLIC_KEY and
RECAPTCHA_PRIVATE_KEY (real keys: Google's test keys accept any answer, so the forms
would have no spam protection at all), WAGTAILADMIN_BASE_URL and WAGTAILAPI_BASE_URL
(the public address that e-mails and the API's links point to; a default would send
people to 127.0.0.1).
Optional: REDIS_URL (shared cache for rate limits), MEDIA_ROOT, EMAIL_URL-style
SMTP settings (EMAIL_HOST, ...).
"""

import os

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import RECAPTCHA_TEST_PRIVATE_KEY, RECAPTCHA_TEST_PUBLIC_KEY, SILENCED_SYSTEM_CHECKS


def required(name, why):
    """The value of environment variable `name`; refuse to start, saying why, without it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Production settings need the environment variable {name}: {why}.")
    return value


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY", "a long random secret")
HOSTS = required("DJANGO_ALLOWED_HOSTS", "the site's host names, comma-separated")
ALLOWED_HOSTS = [h.strip() for h in HOSTS.split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]
DATABASES = {
    "default": dj_database_url.parse(
        required("DATABASE_URL", "postgres://user:pass@host:5432/koinonia"), conn_max_age=60, conn_health_checks=True
    )
}

# The public address, for links in e-mails, the admin and the API (no 127.0.0.1 default).
WAGTAILADMIN_BASE_URL = required("WAGTAILADMIN_BASE_URL", "the public base URL, e.g. https://koinonia.example.gr")
WAGTAILAPI_BASE_URL = required("WAGTAILAPI_BASE_URL", "the API's public base URL, e.g. https://koinonia.example.gr")

# Real reCAPTCHA keys: Google's test keys answer "success" to everything.
RECAPTCHA_PUBLIC_KEY = required("RECAPTCHA_PUBLIC_KEY", "your reCAPTCHA v2 site key")
RECAPTCHA_PRIVATE_KEY = required("RECAPTCHA_PRIVATE_KEY", "your reCAPTCHA v2 secret key")
if RECAPTCHA_PUBLIC_KEY == RECAPTCHA_TEST_PUBLIC_KEY or RECAPTCHA_PRIVATE_KEY == RECAPTCHA_TEST_PRIVATE_KEY:
    raise ImproperlyConfigured(
        "RECAPTCHA_PUBLIC_KEY / RECAPTCHA_PRIVATE_KEY are Google's test keys, which accept any answer: "
        "register real keys for this site."
    )
RECAPTCHA_SKIP_VERIFY_WITH_TEST_KEYS = False
# base.py silences django_recaptcha's test-key check for development and tests; here it runs.
SILENCED_SYSTEM_CHECKS = [check for check in SILENCED_SYSTEM_CHECKS if not check.startswith("django_recaptcha.")]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "koinonia_cache"}}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}

# Front cache purges (deploy/nginx/cache.conf): nginx's localhost-only purge listener.
# Unset, nothing is purged and cached pages expire after KOINONIA_FRONT_CACHE_SECONDS.
if os.environ.get("KOINONIA_FRONT_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "core.frontend_cache.DeferredHTTPBackend",
            "LOCATION": os.environ["KOINONIA_FRONT_CACHE_PURGE_URL"],
            "OPTIONS": {"ASYNC": True, "TIMEOUT": 10},
        }
    }
