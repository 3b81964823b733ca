"""The front cache for real: nginx with deploy/nginx/cache.conf in front of gunicorn.

scripts/prodstack.py starts the production stack on this machine (its own database
in the stack's embedded cluster, KOINONIA_PRODSTACK_PGDATA, the demo loaded once;
KOINONIA_CACHE_TEST_DATABASE names another database that has it). What nginx did with each
request is read from its JSON access log ("cache": HIT, MISS, BYPASS...).
Skipped when nginx is not installed (`make test` installs it).
"""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR / "scripts"))

from prodstack import PYTHON, ProdStack, fetch, find_nginx, free_port  # noqa: E402

pytestmark = pytest.mark.skipif(not find_nginx(), reason="nginx is not installed")


@pytest.fixture(scope="module")
def stack():
    port = free_port()
    with ProdStack(
        port=port,
        database=os.environ.get("KOINONIA_CACHE_TEST_DATABASE", "koinonia_cache_test"),
        data="demo",
        workers=2,
        env={"KOINONIA_FRONT_CACHE_PURGE_URL": f"http://127.0.0.1:{port}"},
    ) as running:
        # Purged addresses are the site's (Settings → Sites): here, the stack's own host.
        publish(
            running,
            "from wagtail.models import Site\n"
            "for site in Site.objects.all():\n"
            "    site.hostname, site.port = '127.0.0.1', 80\n"
            "    site.save()\n",  # save(), not update(): it clears Wagtail's cached site paths
        )
        yield running


def log_entries(stack, uri):
    log = stack.workdir / "logs" / "koinonia.access.log"
    rows = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    return [row for row in rows if row["uri"] == uri]


def get(stack, path, cookie=None):
    """The answer and nginx's cache status for it, read from the access log.

    nginx writes the log line after it has sent the answer, so the line may come a
    moment after the response: wait for it instead of reading the previous request's.
    """
    before = len(log_entries(stack, path))
    response = fetch(stack.base_url + path, headers={"Cookie": cookie} if cookie else None)
    deadline = time.monotonic() + 5
    while len(entries := log_entries(stack, path)) == before and time.monotonic() < deadline:
        time.sleep(0.02)
    return response, entries[-1]["cache"]


@pytest.fixture(scope="module")
def service_path(stack):
    listing = fetch(stack.base_url + "/el/social-map/services/").text()
    paths = re.findall(r'href="(/el/social-map/[^"/?#]+/[^"/?#]+/)"', listing)
    return next(p for p in paths if not p.endswith(("/print/", "/map/")))


def test_anonymous_pages_come_from_the_cache(stack, service_path):
    for path in ("/el/", "/en/social-map/services/", service_path):
        first, _ = get(stack, path)
        second, status = get(stack, path)
        assert first.status == second.status == 200
        assert status == "HIT", path
        assert "s-maxage=" in second.headers["Cache-Control"]
        assert second.body == first.body


def test_display_preferences_never_leak_to_other_visitors(stack):
    path = "/el/social-map/"
    anonymous, _ = get(stack, path)
    assert 'class="text-normal contrast-normal"' in anonymous.text()
    mine, status = get(stack, path, "koinonia_text=larger; koinonia_contrast=high")
    assert status == "BYPASS"
    assert 'class="text-larger contrast-high"' in mine.text()
    assert "private" in mine.headers["Cache-Control"]
    # The next visitor, without cookies, still gets the plain page from the cache.
    theirs, status = get(stack, path)
    assert status == "HIT"
    assert 'class="text-normal contrast-normal"' in theirs.text()
    # And a visitor with preferences whose page is requested first never fills the cache.
    fresh = "/en/social-map/map/"
    larger, status = get(stack, fresh, "koinonia_text=large")
    assert status == "BYPASS" and 'class="text-large contrast-normal"' in larger.text()
    plain, status = get(stack, fresh)
    assert status == "MISS" and 'class="text-normal contrast-normal"' in plain.text()


@pytest.mark.parametrize("cookie", ["sessionid=abc", "csrftoken=abc", "messages=abc", "other=1; sessionid=abc"])
def test_logged_in_or_form_cookies_bypass_the_cache(stack, cookie):
    get(stack, "/el/")
    response, status = get(stack, "/el/", cookie)
    assert status == "BYPASS"
    assert response.status == 200


def test_a_page_with_a_csrf_form_is_never_stored(stack):
    consultations = fetch(stack.base_url + "/el/consultations/").text()
    page = re.search(r'href="(/el/consultations/[^"/?#]+/)"', consultations).group(1)
    for _ in range(2):
        response, status = get(stack, page + "comment/")
        assert response.status == 200 and "csrfmiddlewaretoken" in response.text()
        assert status == "MISS"
        assert "private" in response.headers["Cache-Control"]


def test_a_refresh_from_this_machine_replaces_the_cached_copy(stack):
    """What a purge is on stock nginx: X-Koinonia-Refresh from 127.0.0.1 skips the cached copy."""
    get(stack, "/uk/")
    assert fetch(stack.base_url + "/uk/", headers={"X-Koinonia-Refresh": "1"}).status == 200
    assert log_entries(stack, "/uk/")[-1]["cache"] == "BYPASS"
    assert get(stack, "/uk/")[1] == "HIT"


def publish(stack, code):
    """Run `code` in the production settings against the stack's database (purges go to its nginx)."""
    result = subprocess.run(  # noqa: S603 (our own manage.py)
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=BASE_DIR,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]


def test_publishing_and_unpublishing_a_service_refresh_its_cached_pages(stack, service_path):
    get(stack, service_path)
    assert get(stack, service_path)[1] == "HIT"
    new_title = f"Ανανεωμένη υπηρεσία {int(time.time())}"
    slug = service_path.rstrip("/").rsplit("/", 1)[-1]
    publish(
        stack,
        "from directory.models import ServicePage\n"
        f"page = ServicePage.objects.get(slug={slug!r}, locale__language_code='el')\n"
        f"page.title = {new_title!r}\n"
        "page.save_revision().publish()\n",
    )
    response, status = get(stack, service_path)
    assert status == "HIT", "the refreshed copy is served from the cache"
    assert new_title in response.text()
    # The Greek-only service's address under /en/ was refreshed too.
    english = service_path.replace("/el/", "/en/", 1)
    assert new_title in fetch(stack.base_url + english).text()

    publish(
        stack,
        "from directory.models import ServicePage\n"
        f"page = ServicePage.objects.get(slug={slug!r}, locale__language_code='el')\n"
        "page.unpublish()\n",
    )
    response, status = get(stack, service_path)
    assert response.status == 404, "an unpublished service is gone from the cache at once"
