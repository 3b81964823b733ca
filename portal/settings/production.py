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
from email.utils import parseaddr

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
# Django's W003 looks for CsrfViewMiddleware by its exact path; core.csrf's middleware is
# that class, subclassed (see its docstring), so the check would warn about nothing.
if "core.csrf.SameOriginCsrfViewMiddleware" in MIDDLEWARE:
    SILENCED_SYSTEM_CHECKS.append("security.W003")

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

# Operations (deploy/, README "Production"): a request id on every request and log line,
# JSON lines on stderr (journald keeps them), errors to Sentry when SENTRY_DSN is set,
# otherwise e-mailed to DJANGO_ADMINS ("Name <address>, ..."; nobody when unset).
MIDDLEWARE = ["core.request_id.RequestIdMiddleware", *MIDDLEWARE]
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probes ask the socket directly, over plain HTTP
ADMINS = [
    (name.strip(), address.strip())
    for name, address in (parseaddr(entry) for entry in os.environ.get("DJANGO_ADMINS", "").split(",") if entry.strip())
    if address
]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logging.RequestIdFilter"}},
    "formatters": {"json": {"()": "core.logging.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["request_id"],
            "include_html": False,
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's request and server errors: JSON line always, and an e-mail without Sentry.
        "django": {
            "handlers": ["console"] + ([] if SENTRY_DSN else ["mail_admins"]),
            "level": LOG_LEVEL,
            "propagate": False,
        },
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    from core.request_id import current_request_id

    def _tag_request_id(event, hint):
        event.setdefault("tags", {})["request_id"] = current_request_id.get()
        return event

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,  # no IP addresses, cookies, user names or e-mails leave the site
        before_send=_tag_request_id,
    )

# Front cache purges (deploy/nginx/cache.conf): nginx's localhost-only purge listener.
# Unset, nothing is purged and cached pages expire after KOINONIA_FRONT_CACHE_SECONDS.
if os.environ.get("KOINONIA_FRONT_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "core.frontend_cache.DeferredHTTPBackend",
            "LOCATION": os.environ["KOINONIA_FRONT_CACHE_PURGE_URL"],
            # Refreshes start 1.5 s after the commit: other processes' fragment cache
            # (directory/cache.py) has seen the publish by then.
            "OPTIONS": {"ASYNC": True, "TIMEOUT": 10, "DELAY": 1.5},
        }
    }
