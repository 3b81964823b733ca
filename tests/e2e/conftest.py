"""Browser tests: Playwright drives Debian's Chromium against Django's live server.

Playwright cannot download its own browser here, so we launch /usr/bin/chromium
(installed by `make test`) with the flags a closed network needs. Live-server
tests run in transactions that are flushed afterwards, so each test loads the
site skeleton and reference data again (`e2e_site`).
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("KOINONIA_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in this thread; the ORM calls the
    tests make between browser steps are still ordinary synchronous calls."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def e2e_site(transactional_db, live_server):
    """A live server with the skeleton and reference data.

    Live-server tests commit, so their tables are flushed afterwards, including
    what migrations created (content types, permissions, Wagtail's root page and
    collection). Recreate it all before each browser test.
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    from directory.loaders import load_areas, load_taxonomies
    from portal.bootstrap import ensure_site_tree

    cache.clear()
    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    ensure_site_tree()
    load_areas()
    load_taxonomies()
    return live_server


def _new_page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="el-GR", timezone_id="Europe/Athens")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture
def page(browser):
    context, page = _new_page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context, page = _new_page(browser, PHONE)
    yield page
    context.close()


def axe_violations(page, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")):
    """Run axe-core in the page; return the violations at WCAG 2.1 A and AA."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": list(tags)}})
    return results.response["violations"]


def describe_violations(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in violations
    )
