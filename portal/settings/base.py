"""Settings shared by every environment. See dev.py, test.py and production.py."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    # Koinonia's own apps come first so their templates and commands win.
    "portal",
    "directory",
    "consultations",
    "campaigns",
    "search",
    "core",
    # Wagtail and friends
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail.api.v2",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_recaptcha",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # public, s-maxage for pages every anonymous visitor sees alike; private, no-store otherwise.
    # Outside the session, CSRF, message and locale middleware, so it sees their cookies
    # and the language redirect of /.
    "core.cache_headers.CacheHeadersMiddleware",
    # A page showing an alert is not cached past the alert's end (campaigns/alerts.py).
    "campaigns.alerts.AlertCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # An API's 404 stays a 404, not LocaleMiddleware's redirect to /el/api/….
    "core.middleware.KeepApiNotFoundMiddleware",
    # A lost database is a 503 page or JSON in the URL's language, never a stack trace.
    "core.db_outage.DatabaseUnavailableMiddleware",
    # A NUL byte in a parameter is a 400 here, not a database error in some view.
    "core.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Django's CSRF check; anonymous same-origin POSTs need no token, so pages with the
    # display settings or the report form can be cached (core/csrf.py says why it is safe).
    "core.csrf.SameOriginCsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.site_chrome",
                "portal.context_processors.display",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# Database: filled in by each environment (embedded server or DATABASE_URL).
DATABASES: dict = {}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Greek is the default; URLs carry the language (/el/..., /en/...).
LANGUAGE_CODE = "el"
LANGUAGES = [
    ("el", "Ελληνικά"),
    ("en", "English"),
    ("ar", "العربية"),
    ("uk", "Українська"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# locale_wagtail/: Greek for Wagtail admin strings Wagtail's catalogue lacks, apart from
# locale/ (which makemessages rewrites from our sources, dropping them); second, so that
# makemessages still writes to locale/, and above every app's catalogue all the same.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
USE_I18N = True
TIME_ZONE = "Europe/Athens"
USE_TZ = True
# Editors read and enter every date (go-live, expiry, events, alerts) in Athens time:
# one permitted zone hides the account setting that would let a profile differ.
WAGTAIL_USER_TIME_ZONES = ["Europe/Athens"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "collected-static"
NODE_MODULES = BASE_DIR / "node_modules"
# Third-party front-end packages come from npm (package.json), never copied into
# the repository; these prefixes serve their prebuilt dist folders.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/digigov", NODE_MODULES / "@digigov" / "css" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail
WAGTAIL_SITE_NAME = "Κοινωνία"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    # Wagtail's own search stays for the admin; the public search is search/.
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "xlsx", "ods", "csv", "txt"]
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES


def machine_translator(env):
    """wagtail-localize's machine translator, from the environment; None (off) unless a
    network sets a key. Translations of people's services are checked by people: the
    "Translate automatically" button only pre-fills the translation editor.

    DEEPL_AUTH_KEY (free keys end in ":fx"), optional DEEPL_FORMALITY
    ("prefer_more"/"prefer_less"); or GOOGLE_TRANSLATE_PROJECT_ID with
    GOOGLE_APPLICATION_CREDENTIALS (a service-account JSON file; needs the
    google-cloud-translate package). KOINONIA_MACHINE_TRANSLATOR=dummy turns on
    wagtail-localize's offline dummy translator (it reverses words) to try the workflow.
    """
    if env.get("DEEPL_AUTH_KEY"):
        options = {"AUTH_KEY": env["DEEPL_AUTH_KEY"]}
        if env.get("DEEPL_FORMALITY"):
            options["FORMALITY"] = env["DEEPL_FORMALITY"]
        return {"CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator", "OPTIONS": options}
    if env.get("GOOGLE_TRANSLATE_PROJECT_ID"):
        options = {"PROJECT_ID": env["GOOGLE_TRANSLATE_PROJECT_ID"]}
        if env.get("GOOGLE_APPLICATION_CREDENTIALS"):
            options["CREDENTIALS_PATH"] = env["GOOGLE_APPLICATION_CREDENTIALS"]
        if env.get("GOOGLE_TRANSLATE_LOCATION"):
            options["LOCATION"] = env["GOOGLE_TRANSLATE_LOCATION"]
        return {"CLASS": "wagtail_localize.machine_translators.google.GoogleCloudTranslator", "OPTIONS": options}
    if env.get("KOINONIA_MACHINE_TRANSLATOR") == "dummy":
        return {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
    return None


WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(os.environ)

# Spam protection (django-recaptcha). Google's published test keys unless the
# environment gives real ones; see core/spam.py.
RECAPTCHA_TEST_PUBLIC_KEY = "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI"
RECAPTCHA_TEST_PRIVATE_KEY = "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe"
RECAPTCHA_PUBLIC_KEY = os.environ.get("RECAPTCHA_PUBLIC_KEY", RECAPTCHA_TEST_PUBLIC_KEY)
RECAPTCHA_PRIVATE_KEY = os.environ.get("RECAPTCHA_PRIVATE_KEY", RECAPTCHA_TEST_PRIVATE_KEY)
# With Google's test keys Google answers "success" to everything, so the portal can
# skip the round trip (our machines have no route to Google). Off in production.
RECAPTCHA_SKIP_VERIFY_WITH_TEST_KEYS = False
SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]

RATELIMIT_USE_CACHE = "default"
RATELIMIT_ENABLE = True

# Directory rules
KOINONIA_STALE_LISTING_MONTHS = int(os.environ.get("KOINONIA_STALE_LISTING_MONTHS", "6"))
# Events: registrants' data is deleted this many days after the event (purge_registrations);
# an offered freed place waits this many hours for its answer.
KOINONIA_EVENT_REGISTRATION_RETENTION_DAYS = int(os.environ.get("KOINONIA_EVENT_REGISTRATION_RETENTION_DAYS", "30"))
KOINONIA_EVENT_OFFER_HOURS = int(os.environ.get("KOINONIA_EVENT_OFFER_HOURS", "24"))
KOINONIA_GEOGRAPHY_DIR = Path(os.environ.get("KOINONIA_GEOGRAPHY_DIR", BASE_DIR / "directory" / "data" / "geography"))

# Map tiles: any XYZ tile server; OpenStreetMap's by default (mind its usage policy
# on a busy site: point this at your own or a commercial tile service).
KOINONIA_MAP_TILES_URL = os.environ.get("KOINONIA_MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
KOINONIA_MAP_TILES_ATTRIBUTION = os.environ.get("KOINONIA_MAP_TILES_ATTRIBUTION", "&copy; OpenStreetMap contributors")

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Κοινωνία <noreply@koinonia.example>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Search (search/): PostgreSQL by default; Elasticsearch when ELASTICSEARCH_URL is set.
# SEARCH_BACKEND (a dotted path) overrides the choice; SEARCH_INDEX_NAME names the
# Elasticsearch alias (each rebuild creates a new index and moves the alias).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "")
SEARCH_INDEX_NAME = os.environ.get("SEARCH_INDEX_NAME", "koinonia-search")

# Front cache (nginx, deploy/nginx/cache.conf): what may be cached is decided by
# core/cache_headers.py; nginx bypasses its cache for requests with these cookies.
KOINONIA_FRONT_CACHE_SECONDS = int(os.environ.get("KOINONIA_FRONT_CACHE_SECONDS", "60"))
KOINONIA_CACHE_BYPASS_COOKIES = ["sessionid", "csrftoken", "messages", "koinonia_text", "koinonia_contrast"]
KOINONIA_NEVER_CACHE_PREFIXES = ["/admin/", "/display/", "/i18n/", "/documents/", "/healthz"]
# Purges go to WAGTAILFRONTENDCACHE (production.py sets it from KOINONIA_FRONT_CACHE_PURGE_URL).
# Directory pages are purged in every language by directory/cache.py, each at its
# real address (a Greek-only service lives under /en/ too); Wagtail's own rewriting of
# /el/ into the other prefixes would guess wrong addresses, so it is off.
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []
