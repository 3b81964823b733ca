"""200 citizens comment at once: does every comment arrive exactly once?

Starts its own embedded PostgreSQL cluster (KOINONIA_PGDATA, /tmp/consult-pgdata by
default, so the development database is left alone), migrates it, runs setup_site,
creates an open consultation, starts gunicorn (DEBUG off) and then, from a pool of
threads, has each simulated citizen open the comment form (GET: the CSRF cookie and
the form's own submission token) and send it (POST). A sample of the forms is sent
a second time, concurrently, as a double click would. Finally it checks that exactly
N comments are stored, none twice, and that no request failed, and prints the
figures. Not a test: it never fails on timing, only on a wrong count.

Rate limits. Every request comes from 127.0.0.1, and the portal does not trust
X-Forwarded-For (anyone could forge it to escape the per-IP limit), so 200 citizens
from one machine are 200 comments from one address. The bench therefore runs the
server with a per-IP limit above the load (its own settings module, below); the
per-e-mail limit stays as in production and is exercised on every request (each
citizen has a distinct address), as are the captcha field (Google's test keys), the
honeypot, the deadline check and the advisory lock that serialises one address's
submissions. The per-IP limit itself is covered by tests/consultations.

    .venv/bin/python bench/consultation_load.py                  # 200 comments, 50 at a time
    .venv/bin/python bench/consultation_load.py --comments 500 --concurrency 100 --workers 4
"""

import argparse
import concurrent.futures
import os
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from pathlib import Path

import requests

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))

from page_timings import free_port, percentile, start_server  # noqa: E402

SETTINGS = textwrap.dedent(
    """
    from portal.settings.dev import *  # noqa: F403

    DEBUG = False
    ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    # One machine is one address: see bench/consultation_load.py's docstring.
    KOINONIA_CONSULTATION_IP_RATE = "1000000/h"
    LOGGING = {"version": 1, "disable_existing_loggers": False,
               "handlers": {"console": {"class": "logging.StreamHandler"}},
               "root": {"handlers": ["console"], "level": "ERROR"}}
    """
)
TOKEN_RE = re.compile(r'name="submission_token" value="([0-9a-f-]{36})"')
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def prepare_environment():
    settings_dir = Path(tempfile.mkdtemp(prefix="consult-bench-"))
    (settings_dir / "consult_bench_settings.py").write_text(SETTINGS)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "consult_bench_settings",
        "PYTHONPATH": os.pathsep.join([str(settings_dir), str(BASE_DIR), os.environ.get("PYTHONPATH", "")]),
        "KOINONIA_PGDATA": os.environ.get("KOINONIA_PGDATA", str(Path(tempfile.gettempdir()) / "consult-pgdata")),
        "DJANGO_DEBUG": "0",
    }
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "KOINONIA_PGDATA", "DJANGO_DEBUG")})
    sys.path.insert(0, str(settings_dir))
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL)


def create_consultation():
    import django

    django.setup()
    import datetime

    from django.utils import timezone

    from consultations.factories import ConsultationPageFactory, sample_body

    page = ConsultationPageFactory(
        title="Bench: σχέδιο δράσης",
        slug=f"bench-{uuid.uuid4().hex[:8]}",
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(days=1),
        body=sample_body(12),
    )
    return page


class Citizen:
    """One person: opens the comment form, then sends it (maybe twice)."""

    def __init__(self, base, page_path, article_keys, n):
        self.session = requests.Session()
        self.url = base + page_path + "comment/"
        self.article = article_keys[n % len(article_keys)]
        self.n = n
        self.data = None

    def open_form(self):
        start = time.perf_counter()
        response = self.session.get(self.url, params={"article": self.article}, timeout=120)
        elapsed = time.perf_counter() - start
        response.raise_for_status()
        self.data = {
            "csrfmiddlewaretoken": CSRF_RE.search(response.text).group(1),
            "submission_token": TOKEN_RE.search(response.text).group(1),
            "article": self.article,
            "author_name": f"Πολίτης {self.n}",
            "email": f"citizen{self.n}@bench.example.org",
            "text": f"Σχόλιο φόρτου #{self.n}: να προβλεφθεί στήριξη και για τις μονογονεϊκές οικογένειες.",
            "stance": ("agree", "partly", "disagree", "")[self.n % 4],
            "accept_terms": "on",
            "website": "",
        }
        return elapsed

    def send(self):
        start = time.perf_counter()
        response = self.session.post(
            self.url, data=self.data, headers={"Referer": self.url}, allow_redirects=False, timeout=120
        )
        return time.perf_counter() - start, response.status_code


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=50, help="simultaneous citizens")
    parser.add_argument("--duplicates", type=int, default=20, help="forms sent twice at once (double submits)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    args = parser.parse_args()

    env = prepare_environment()
    print(f"Database cluster: {env['KOINONIA_PGDATA']} · migrating and setting up …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "setup_site")
    page = create_consultation()
    from consultations.models import Comment

    article_keys = [article.key for article in page.articles()]
    port = free_port()
    server = start_server(port, args.workers, env)
    base = f"http://127.0.0.1:{port}"
    try:
        citizens = [Citizen(base, page.url, article_keys, n) for n in range(args.comments)]
        with concurrent.futures.ThreadPoolExecutor(args.concurrency) as pool:
            get_times = list(pool.map(lambda c: c.open_form(), citizens))
        doubles = citizens[: args.duplicates]
        sends = citizens + doubles
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(args.concurrency) as pool:
            results = list(pool.map(lambda c: c.send(), sends))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(15)

    post_times = [seconds * 1000 for seconds, _status in results]
    failures = [status for _seconds, status in results if status != 302]
    stored = Comment.objects.filter(consultation=page)
    count = stored.count()
    distinct_tokens = stored.values("submission_token").distinct().count()
    distinct_texts = stored.values("text").distinct().count()
    expected_tokens = {c.data["submission_token"] for c in citizens}
    stored_tokens = {str(t) for t in stored.values_list("submission_token", flat=True)}

    print(
        f"\n{args.comments} citizens, {len(doubles)} of them double-submitting · {args.concurrency} at a time · "
        f"gunicorn {args.workers} workers · {base}"
    )
    print(f"POST requests: {len(sends)} in {elapsed:.2f} s → {len(sends) / elapsed:.1f} requests/s")
    print(
        f"POST latency ms: p50 {percentile(post_times, 50):.0f} · p95 {percentile(post_times, 95):.0f} · "
        f"p99 {percentile(post_times, 99):.0f} · max {max(post_times):.0f} · mean {statistics.mean(post_times):.0f}"
    )
    get_ms = [s * 1000 for s in get_times]
    print(f"GET form latency ms: p50 {percentile(get_ms, 50):.0f} · p95 {percentile(get_ms, 95):.0f}")
    print(
        f"Stored: {count} (expected {args.comments}) · distinct tokens {distinct_tokens} · distinct texts "
        f"{distinct_texts} · failed requests {len(failures)}"
    )
    ok = (
        count == args.comments
        and distinct_tokens == count
        and distinct_texts == count
        and stored_tokens == expected_tokens
        and not failures
    )
    print("RESULT: OK — every comment stored exactly once, no request failed" if ok else "RESULT: FAILED")
    if failures:
        print(f"Failed statuses: {sorted(set(failures))}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
