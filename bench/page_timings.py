"""Latency of the public social-map pages through HTTP, at whatever size the database has.

Starts gunicorn (2 workers, DEBUG off, persistent database connections as in production)
on a free local port unless --base-url is given, then requests a fixed mix of URLs
sequentially and prints p50/p95/p99 per kind and the overall throughput. Not a test:
it never fails on timing.

    .venv/bin/python bench/page_timings.py                 # demo data
    .venv/bin/python bench/generate_directory.py --services 50000
    .venv/bin/python bench/page_timings.py --requests 200  # 50,000 services
"""

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port, workers=2, env=None):
    """gunicorn serving the site on `port`: DEBUG off and persistent database connections,
    as in production, unless `env` says otherwise. Returns once it answers."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DJANGO_DEBUG": "0",
        "KOINONIA_CONN_MAX_AGE": "60",
        **(env or {}),
    }
    command = [sys.executable, "-m", "gunicorn", "portal.wsgi", "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "120"]
    server = subprocess.Popen(command, cwd=BASE_DIR, env=env)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/el/", timeout=5).read()
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not start within 90 s")


def sample_urls(count):
    """Service and organisation page paths from the database (Greek locale)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from directory.models import DirectoryIndexPage, ServicePage

    directory = DirectoryIndexPage.objects.get(locale__language_code="el")
    total = ServicePage.objects.live().count()
    ids = list(ServicePage.objects.live().values_list("pk", flat=True).order_by("?")[:count])
    services = [ServicePage.objects.get(pk=pk).get_url() for pk in ids]
    return directory.get_url(), services, total


def fetch(url):
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        status = response.status
    return (time.perf_counter() - start) * 1000, status


def percentile(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="measure a running server instead of starting gunicorn")
    parser.add_argument("--requests", type=int, default=100, help="requests per kind of page")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    random.seed(args.seed)

    directory, services, total = sample_urls(args.requests)
    server = None
    base = args.base_url
    if not base:
        port = free_port()
        server = start_server(port)
        base = f"http://127.0.0.1:{port}"
    kinds = {
        "directory home": [directory],
        "listing, no filter": [directory + "services/"],
        "listing, category": [directory + "services/?category=basic-goods", directory + "services/?category=health"],
        "listing, 3 filters + open now": [
            directory + "services/?category=basic-goods&group=unemployed&free=1&open_now=1",
            directory + "services/?area=m-67&open_now=1",
        ],
        "listing, page 50": [directory + "services/?page=50"],
        "service page": services or [directory],
    }
    print(f"{total} live services · {args.requests} requests per kind · {base}")
    print(f"{'kind':<32}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'mean':>9}")
    started, count = time.perf_counter(), 0
    try:
        for kind, urls in kinds.items():
            fetch(base + urls[0])  # warm up
            timings = []
            for i in range(args.requests):
                ms, status = fetch(base + urls[i % len(urls)])
                if status != 200:
                    raise SystemExit(f"{kind}: HTTP {status}")
                timings.append(ms)
            count += len(timings)
            print(
                f"{kind:<32}{percentile(timings, 50):>9.1f}{percentile(timings, 95):>9.1f}"
                f"{percentile(timings, 99):>9.1f}{statistics.mean(timings):>9.1f}"
            )
        elapsed = time.perf_counter() - started
        print(f"{count} requests in {elapsed:.1f} s: {count / elapsed:.1f} requests/s (one client, sequential)")
    finally:
        if server:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
