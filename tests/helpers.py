"""Small helpers shared by tests."""

from contextlib import contextmanager

from django.test import override_settings
from django.utils.translation import gettext, override


def translated(msgid, language="el"):
    """An interface string as visitors of `language` see it (Greek by default).

    Tests compare against this rather than the English source, so they pass
    whether or not the catalogues are compiled and whatever their wording.
    """
    with override(language):
        return gettext(msgid)


#: The environment a real installation sets (README, Running in production): the
#: production settings load with it and `check --deploy` passes.
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


#: What the front cache was asked to purge, while `recording_purges()` is active.
PURGED = []


class RecordingBackend:
    """A WAGTAILFRONTENDCACHE backend that writes down what it is asked to purge."""

    def __init__(self, params):
        pass

    def invalidates_hostname(self, hostname):
        return True

    def purge(self, url):
        PURGED.append(url)

    def purge_batch(self, urls):
        PURGED.extend(urls)


@contextmanager
def recording_purges():
    """Within: every front-cache purge is added to the list yielded (and nothing is
    sent). The list is emptied on entry and keeps its URLs after, for the asserts."""
    PURGED.clear()
    with override_settings(WAGTAILFRONTENDCACHE={"recording": {"BACKEND": f"{__name__}.RecordingBackend"}}):
        yield PURGED
