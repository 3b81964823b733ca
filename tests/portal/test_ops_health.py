"""/healthz (core/health.py): 200 when the database and the cache answer, 503 naming
the part that failed, with the database really stopped and with a broken cache."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from django.test import override_settings

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR / "scripts"))

from prodstack import Cluster, free_port, wait_for  # noqa: E402


def test_healthz_answers_ok_without_cookies_or_caching(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert client.post("/healthz").status_code == 405


@override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "no_such_cache_table"}}
)
def test_healthz_is_503_naming_the_cache_when_the_cache_is_broken(client, db):
    """The database cache without `createcachetable`: a real misconfiguration."""
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"].startswith("error: ")
    assert "no_such_cache_table" not in response.content.decode()  # the class, never the message


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_healthz_is_503_when_the_cache_keeps_nothing(client, db):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "error: RuntimeError"}


@pytest.fixture(scope="module")
def server_on_its_own_database():
    """A Django server (gunicorn, test settings) on an embedded cluster of its own, which
    the test may stop: never the shared server the other tests use. (Not under pytest's
    tmp_path, which another pytest session may delete while the cluster runs.)"""
    root = Path(tempfile.mkdtemp(prefix="koinonia-test-healthz-"))
    cluster = Cluster(root / "pgdata").start()
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "portal.settings.test", "KOINONIA_PGDATA": str(cluster.pgdata)})
    process = subprocess.Popen(  # noqa: S603 (our own server)
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        wait_for(lambda: get(url)[0] == 200, 60, "gunicorn")
        yield cluster, url
    finally:
        process.terminate()
        process.wait(20)
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (a local URL)
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
    except OSError:
        return None, None


def test_healthz_is_503_naming_the_database_while_it_is_down(server_on_its_own_database):
    cluster, url = server_on_its_own_database
    assert get(url) == (200, {"status": "ok", "checks": {"database": "ok", "cache": "ok"}})
    cluster.stop()
    try:
        status, body = get(url)
        assert status == 503
        assert body["status"] == "error"
        assert body["checks"]["database"] == "error: OperationalError"
        assert body["checks"]["cache"] == "ok"  # the test settings' cache is in memory
    finally:
        cluster.start()
    # Back within seconds of the database's return, without restarting the server.
    started = time.monotonic()
    wait_for(lambda: get(url)[0] == 200, 10, "/healthz after the database's return")
    assert time.monotonic() - started < 10
