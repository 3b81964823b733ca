"""200 people register for 50 places at the same moment: exactly 50 registered, 150 on
the waiting list, nothing lost?

Starts its own embedded PostgreSQL cluster (KOINONIA_PGDATA, /tmp/bench-camp-events by
default, so the development database is left alone), migrates it, runs setup_site,
creates an event with 50 places, starts gunicorn (DEBUG off, several worker processes:
real concurrency, unlike runserver --nothreading) and then has each simulated person
open the event page (GET: the CSRF cookie) and, all released together by a barrier,
send the registration form (POST). It then counts what the database holds and prints
registered / waiting / lost and the POST latency. Not a test: it never fails on timing,
only on a wrong count.

Every request comes from 127.0.0.1 and the portal does not trust X-Forwarded-For, so
the bench raises the per-IP registration limit above the load in its own settings
module (the limit itself is covered by tests/campaigns/test_events.py).

    .venv/bin/python bench/registration_load.py                      # 200 people, 50 places
    .venv/bin/python bench/registration_load.py --people 400 --places 100 --workers 6
"""

import argparse
import concurrent.futures
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import uuid
from pathlib import Path

import requests

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))

from consultation_load import manage  # noqa: E402
from page_timings import free_port, percentile, start_server  # noqa: E402

SETTINGS = textwrap.dedent(
    """
    from portal.settings.dev import *  # noqa: F403

    DEBUG = False
    ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    # One machine is one address: see bench/registration_load.py's docstring.
    KOINONIA_EVENT_REGISTRATION_RATE = "1000000/h"
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    LOGGING = {"version": 1, "disable_existing_loggers": False,
               "handlers": {"console": {"class": "logging.StreamHandler"}},
               "root": {"handlers": ["console"], "level": "ERROR"}}
    """
)


def prepare_environment():
    settings_dir = Path(tempfile.mkdtemp(prefix="events-bench-"))
    (settings_dir / "events_bench_settings.py").write_text(SETTINGS)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "events_bench_settings",
        "PYTHONPATH": os.pathsep.join([str(settings_dir), str(BASE_DIR), os.environ.get("PYTHONPATH", "")]),
        "KOINONIA_PGDATA": os.environ.get("KOINONIA_PGDATA", str(Path(tempfile.gettempdir()) / "bench-camp-events")),
        "DJANGO_DEBUG": "0",
    }
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "KOINONIA_PGDATA", "DJANGO_DEBUG")})
    sys.path.insert(0, str(settings_dir))
    return env


def create_event(places):
    import django

    django.setup()
    from campaigns.factories_events import EventPageFactory

    return EventPageFactory(
        title="Bench: ημέρα ενημέρωσης",
        slug=f"bench-{uuid.uuid4().hex[:8]}",
        capacity=places,
        max_group_size=1,
    )


class Person:
    def __init__(self, base, page_path, n):
        self.session = requests.Session()
        self.page_url = base + page_path
        self.origin = base
        self.url = self.page_url + "register/"
        self.n = n
        self.data = None

    def open_page(self):
        response = self.session.get(self.page_url, timeout=120)
        response.raise_for_status()
        # Anonymous forms carry no token: the Origin header is the same-origin proof (core/csrf.py).
        self.data = {
            "name": f"Συμμετέχων {self.n}",
            "email": f"person{self.n}@bench.example.org",
            "people": "1",
            "consent": "on",
            "website": "",
        }

    def register(self, barrier):
        barrier.wait(timeout=600)
        start = time.perf_counter()
        response = self.session.post(
            self.url,
            data=self.data,
            headers={"Referer": self.page_url, "Origin": self.origin},
            allow_redirects=False,
            timeout=120,
        )
        return time.perf_counter() - start, response.status_code


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--places", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    args = parser.parse_args()

    env = prepare_environment()
    print(f"Database cluster: {env['KOINONIA_PGDATA']} · migrating and setting up …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "setup_site")
    event = create_event(args.places)
    from campaigns.models.events import EventRegistration

    port = free_port()
    server = start_server(port, args.workers, env)
    base = f"http://127.0.0.1:{port}"
    try:
        people = [Person(base, event.url, n) for n in range(args.people)]
        with concurrent.futures.ThreadPoolExecutor(50) as pool:
            list(pool.map(lambda p: p.open_page(), people))
        barrier = threading.Barrier(args.people)
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(args.people) as pool:
            results = list(pool.map(lambda p: p.register(barrier), people))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()  # busy workers: do not hide the error that brought us here
            server.wait(30)

    stored = EventRegistration.objects.filter(event=event)
    registered = stored.filter(status="confirmed").count()
    waiting = stored.filter(status="waiting").count()
    emails = set(stored.values_list("email", flat=True))
    lost = sum(1 for p in people if p.data["email"] not in emails)
    failures = [status for _s, status in results if status != 302]
    post_ms = [s * 1000 for s, _status in results]
    print(f"\n{args.people} people for {args.places} places, all at once · gunicorn {args.workers} workers · {base}")
    print(f"POST requests: {len(results)} in {elapsed:.2f} s → {len(results) / elapsed:.1f} requests/s")
    print(
        f"POST latency ms: p50 {percentile(post_ms, 50):.0f} · p95 {percentile(post_ms, 95):.0f} · "
        f"p99 {percentile(post_ms, 99):.0f} · max {max(post_ms):.0f} · mean {statistics.mean(post_ms):.0f}"
    )
    print(f"registered {registered} · waiting {waiting} · lost {lost} · failed requests {len(failures)}")
    expected_waiting = max(args.people - args.places, 0)
    ok = registered == min(args.places, args.people) and waiting == expected_waiting and lost == 0 and not failures
    print("RESULT: OK" if ok else f"RESULT: FAILED (statuses {sorted(set(failures))})")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
