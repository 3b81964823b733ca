"""Shared fixtures: every test runs on the real (embedded) PostgreSQL.

`site_tree` builds the same skeleton `make run` builds (locales, home pages,
social map) and the reference data (areas, taxonomies) once per test database,
so tests start from what a real installation has.
"""

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the skeleton and reference data once; each test's transaction rolls back on top."""
    from directory.loaders import load_areas, load_taxonomies
    from portal.bootstrap import ensure_site_tree

    with django_db_blocker.unblock():
        ensure_site_tree()
        load_areas()
        load_taxonomies()


@pytest.fixture
def committed_site(transactional_db):
    """For tests whose data must be committed (threads, other processes). Committed
    tests flush every table afterwards, so what migrations made is made again here:
    content types, permissions and the site tree (the home page is returned)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType

    from portal.bootstrap import ensure_site_tree

    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    return ensure_site_tree()


@pytest.fixture
def site_tree(db):
    from wagtail.models import Locale

    from portal.models import HomePage

    return HomePage.objects.get(locale=Locale.get_default())


@pytest.fixture
def directory_page(site_tree):
    from directory.factories import default_directory

    return default_directory()


@pytest.fixture
def term():
    """term(Model, code) → the Greek taxonomy term or area with that code."""
    from wagtail.models import Locale

    def get(model, code):
        return model.objects.get(code=code, locale=Locale.get_default())

    return get


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached counts and rate-limit counters must not leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def in_english():
    """Form-level tests read messages in the source language, English, whatever the
    catalogues hold; pages are checked in Greek through `tests.helpers.translated`."""
    from django.utils.translation import override

    with override("en"):
        yield
