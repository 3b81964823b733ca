"""Load and a database restart through the production stack: is anything lost, and does the site come back?

    .venv/bin/python bench/load_fault.py                         # 60 s, PostgreSQL restarted at 30 s
    .venv/bin/python bench/load_fault.py --duration 30 --citizens 100 --pgdata /tmp/bench-pgdata  # 50,000 services

Starts scripts/prodstack.py's stack (nginx with the front cache → gunicorn with the
production settings → an embedded PostgreSQL of its own, --pgdata, where it loads the
demo the first time), opens one consultation for comments, and for --duration
seconds runs, at the same time:

- visitors browsing (home, the social map, its listing and map points, a service
  page, the search page and the search API), half of them anonymous (served by the
  front cache) and half with a display preference (always served by the application);
- --citizens citizens commenting on the consultation, spread over the run: each
  opens the form, sends it, and when the answer is an error sends the same form
  again up to three times, two seconds apart, as a person would (the form's
  submission token makes a repeat harmless);
- people reporting problems with a service (each report's text is unique);
- a monitor asking /healthz five times a second;

and halfway through restarts PostgreSQL (pg_ctl stop -m fast, then start).

Afterwards it checks and prints: every comment and report that got a success answer
is stored exactly once; every failed request got a clear answer (a 503 page or JSON
message, never a stack trace, never a bare 500); how long after the database came
back the application served again (the first /healthz 200 and the first page
rendered by the application). Rate limits are off in this run (every request comes
from 127.0.0.1, one address; tests/ cover the limits), reCAPTCHA runs on Google's
test keys without the round trip (no route to Google here). Everything else is the
production configuration. Not a test: it prints figures and says what failed.
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import random
import re
import sys
import tempfile
import textwrap
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import requests

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR / "scripts"))
sys.path.insert(0, str(BASE_DIR))

from prodstack import ProdStack, free_port  # noqa: E402

SETTINGS = textwrap.dedent(
    """
    from portal.settings.production import *  # noqa: F403

    # One machine is one address: per-IP limits would refuse the crowd (bench/load_fault.py).
    RATELIMIT_ENABLE = False
    # No route to Google here: its test keys, whose answer the portal may skip.
    RECAPTCHA_PUBLIC_KEY = RECAPTCHA_TEST_PUBLIC_KEY  # noqa: F405
    RECAPTCHA_PRIVATE_KEY = RECAPTCHA_TEST_PRIVATE_KEY  # noqa: F405
    RECAPTCHA_SKIP_VERIFY_WITH_TEST_KEYS = True
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_recaptcha.recaptcha_test_key_error"]  # noqa: F405
    """
)
TOKEN_RE = re.compile(r'name="submission_token" value="([0-9a-f-]{36})"')
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PREFERENCE = {"koinonia_text": "large"}
# What a browser says with a form it posts to the site it came from (core/csrf.py). No
# Origin header: nginx passes Django the host without the local stack's port, so an
# Origin with the port would not match here (it does on a real site, on port 443).
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "navigate"}
CLIENT_TIMEOUT = 60  # seconds a client waits for an answer before it gives up
SEARCH_WORDS = ["φαγητό", "στέγη", "παιδικός σταθμός", "ΚΑΠΗ", "psychologos", "Κοζάνη", "υγεία"]


def percentile(values, pct):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


class Log:
    """Every request's outcome, thread-safe."""

    def __init__(self, started):
        self.started = started
        self.lock = threading.Lock()
        self.rows = []  # (t, kind, status, seconds, clear, url)

    def add(self, kind, response, seconds, error=None):
        t = time.monotonic() - self.started
        url = response.url if response is not None else ""
        if response is None:
            status, clear = f"no answer ({type(error).__name__})", False
        else:
            status, clear = response.status_code, clear_answer(response)
        with self.lock:
            self.rows.append((t, kind, status, seconds, clear, url))
        return status


def clear_answer(response):
    """A success, or an error that says what happened: our 503 page or JSON, a form's message."""
    body = response.text
    if "Traceback" in body or 'File "/' in body:
        return False
    if response.status_code < 400:
        return True
    if response.status_code == 503:
        if "json" in response.headers.get("Content-Type", ""):
            try:
                payload = json.loads(body)
            except ValueError:
                return False
            # Our APIs say "message"; /healthz names the part that failed.
            return bool(payload.get("message") or payload.get("status"))
        return "<h1" in body and 'lang="' in body
    # 4xx: a form with its message (rate limit, closed consultation...)
    return response.status_code < 500 and "<h1" in body


def timed(session, method, url, **kwargs):
    start = time.perf_counter()
    try:
        response = session.request(method, url, timeout=CLIENT_TIMEOUT, allow_redirects=False, **kwargs)
        return response, time.perf_counter() - start, None
    except requests.RequestException as error:
        return None, time.perf_counter() - start, error


def visitor(base, urls, log, stop, personal):
    session = requests.Session()
    if personal:
        session.cookies.update(PREFERENCE)
    kind = "visit (app)" if personal else "visit (cache)"
    while not stop.is_set():
        url = random.choice(urls)
        if "{q}" in url:
            url = url.replace("{q}", random.choice(SEARCH_WORDS))
        response, seconds, error = timed(session, "GET", base + url)
        log.add(kind, response, seconds, error)
        time.sleep(random.uniform(0.5, 2.0))  # a person reads the page


def monitor(base, log, stop, health):
    session = requests.Session()
    while not stop.is_set():
        response, seconds, error = timed(session, "GET", base + "/healthz")
        status = log.add("healthz", response, seconds, error)
        health.append((time.monotonic(), status))
        time.sleep(0.2)


def citizen(base, page_path, article, n, log, start_at, outcomes):
    """Open the comment form, send it; on an error answer send the same form again (3 times at most)."""
    time.sleep(max(0.0, start_at - time.monotonic()))
    session = requests.Session()
    url = base + page_path + "comment/"
    data = None
    for _attempt in range(6):
        response, seconds, error = timed(session, "GET", url, params={"article": article})
        log.add("comment form", response, seconds, error)
        if response is not None and response.status_code == 200 and TOKEN_RE.search(response.text):
            data = {
                "csrfmiddlewaretoken": CSRF_RE.search(response.text).group(1),
                "submission_token": TOKEN_RE.search(response.text).group(1),
                "article": article,
                "author_name": f"Πολίτης {n}",
                "email": f"citizen{n}@fault.example.org",
                "text": f"Σχόλιο υπό φόρτο #{n}: χρειάζεται στήριξη και για τις μονογονεϊκές οικογένειες.",
                "stance": ("agree", "partly", "disagree", "")[n % 4],
                "accept_terms": "on",
                "website": "",
            }
            break
        time.sleep(2)
    if data is None:
        outcomes.append((n, None, False))
        return
    success = False
    for _attempt in range(4):
        response, seconds, error = timed(session, "POST", url, data=data, headers={"Referer": url, **SAME_ORIGIN})
        log.add("comment send", response, seconds, error)
        if response is not None and response.status_code == 302:
            success = True
            break
        time.sleep(2)
    outcomes.append((n, data["submission_token"], success))


def reporter(base, service_paths, log, stop, outcomes):
    session = requests.Session()
    while not stop.is_set():
        path = random.choice(service_paths)
        text = f"Λάθος ωράριο (αναφορά {uuid.uuid4()})"
        data = {"reason": "hours", "message": text, "reporter_name": "", "reporter_contact": "", "website": ""}
        response, seconds, error = timed(
            session, "POST", base + path + "report/", data=data, headers={"Referer": base + path, **SAME_ORIGIN}
        )
        log.add("report", response, seconds, error)
        outcomes.append((text, response is not None and response.status_code == 302))
        time.sleep(random.uniform(0.5, 1.5))


def setup_django(database_url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()


def open_consultation():
    from django.utils import timezone

    from consultations.factories import ConsultationPageFactory, sample_body

    return ConsultationPageFactory(
        title="Δοκιμή αντοχής: σχέδιο δράσης",
        slug=f"fault-{uuid.uuid4().hex[:8]}",
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(days=1),
        body=sample_body(8),
    )


def public_paths():
    from directory.models import DirectoryIndexPage, ServicePage

    directory = DirectoryIndexPage.objects.live().filter(locale__language_code="el").first()
    services = list(ServicePage.objects.live().filter(locale__language_code="el").order_by("?")[:20])
    directory_url = directory.url
    browse = [
        "/el/",
        directory_url,
        directory_url + "services/",
        directory_url + "services/?category=food",
        directory_url + "map/points/",
        "/el/search/?q={q}",
        "/api/search?q={q}&lang=el",
        *[s.url for s in services[:10]],
    ]
    return browse, [s.url for s in services[10:]] or [s.url for s in services]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_pgdata = str(Path(tempfile.gettempdir()) / "koinonia-fault-pgdata")
    parser.add_argument("--pgdata", default=default_pgdata, help="its own embedded cluster (the demo is loaded in it)")
    parser.add_argument("--database", default="koinonia")
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--citizens", type=int, default=200)
    parser.add_argument("--visitors", type=int, default=16)
    parser.add_argument("--reporters", type=int, default=4)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)

    settings_dir = Path(tempfile.mkdtemp(prefix="fault-bench-"))
    (settings_dir / "fault_bench_settings.py").write_text(SETTINGS)
    port = free_port()
    env = {
        "DJANGO_SETTINGS_MODULE": "fault_bench_settings",
        "PYTHONPATH": os.pathsep.join([str(settings_dir), str(BASE_DIR)]),
        "KOINONIA_FRONT_CACHE_PURGE_URL": f"http://127.0.0.1:{port}",
    }
    stack = ProdStack(port=port, pgdata=args.pgdata, database=args.database, data="demo", workers=args.workers, env=env)
    print(f"starting the production stack on {args.pgdata} ({args.database}) ...", flush=True)
    with stack:
        base = stack.base_url
        setup_django(stack.cluster.database_url(args.database))
        page = open_consultation()
        articles = [a.key for a in page.articles()]
        browse, service_paths = public_paths()
        from django.db import connection

        connection.close()  # the restart would break it; reopened for the checks at the end
        print(f"up at {base}, {stack.workers} gunicorn workers; consultation {page.url}", flush=True)

        stop = threading.Event()
        started = time.monotonic()
        log = Log(started)
        health, comment_outcomes, report_outcomes = [], [], []
        threads = [threading.Thread(target=monitor, args=(base, log, stop, health), daemon=True)]
        threads += [
            threading.Thread(target=visitor, args=(base, browse, log, stop, n % 2 == 1), daemon=True)
            for n in range(args.visitors)
        ]
        threads += [
            threading.Thread(target=reporter, args=(base, service_paths, log, stop, report_outcomes), daemon=True)
            for _ in range(args.reporters)
        ]
        for thread in threads:
            thread.start()
        spread = args.duration * 0.85
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=min(args.citizens, 64))
        futures = [
            pool.submit(
                citizen,
                base,
                page.url,
                articles[n % len(articles)],
                n,
                log,
                started + spread * n / max(1, args.citizens),
                comment_outcomes,
            )
            for n in range(args.citizens)
        ]

        time.sleep(args.duration / 2)
        down_at = time.monotonic()
        print(f"{down_at - started:.1f} s: restarting PostgreSQL ...", flush=True)
        stack.cluster.restart()
        up_at = time.monotonic()
        print(f"{up_at - started:.1f} s: PostgreSQL is back ({up_at - down_at:.1f} s down)", flush=True)
        time.sleep(max(0.0, args.duration - (time.monotonic() - started)))
        stop.set()
        concurrent.futures.wait(futures, timeout=120)
        pool.shutdown(wait=False)
        for thread in threads:
            thread.join(35)
        elapsed = time.monotonic() - started

        from consultations.models import Comment
        from directory.models import ListingReport

        connection.close()
        stored_comments = Counter(
            str(t) for t in Comment.objects.filter(consultation=page).values_list("submission_token", flat=True)
        )
        texts = [text for text, _ok in report_outcomes]
        stored_reports = Counter(ListingReport.objects.filter(message__in=texts).values_list("message", flat=True))

    report(
        args,
        log,
        elapsed,
        down_at - started,
        up_at - started,
        health,
        comment_outcomes,
        stored_comments,
        report_outcomes,
        stored_reports,
    )
    return 0


def report(args, log, elapsed, down_t, up_t, health, comments, stored_comments, reports, stored_reports):
    rows = log.rows
    print(f"\n{len(rows)} requests in {elapsed:.0f} s; PostgreSQL down from {down_t:.1f} s to {up_t:.1f} s")
    by_kind = defaultdict(list)
    for row in rows:
        by_kind[row[1]].append(row)
    print(f"{'what':<15} {'requests':>8} {'ok':>6} {'failed':>7} {'clear':>6} {'p50 ms':>8} {'p95 ms':>8}  statuses")
    for kind, kind_rows in sorted(by_kind.items()):
        ok = [r for r in kind_rows if isinstance(r[2], int) and r[2] < 400]
        failed = [r for r in kind_rows if r not in ok]
        clear = [r for r in failed if r[4]]
        ms = [r[3] * 1000 for r in kind_rows]
        statuses = Counter(r[2] for r in kind_rows)
        print(
            f"{kind:<15} {len(kind_rows):>8} {len(ok):>6} {len(failed):>7} {len(clear):>6} "
            f"{percentile(ms, 50):>8.0f} {percentile(ms, 95):>8.0f}  {dict(sorted(statuses.items(), key=str))}"
        )
    unanswered = [r for r in rows if not isinstance(r[2], int)]
    unclear = [r for r in rows if isinstance(r[2], int) and not r[4]]
    print(f"failed requests whose answer was not clear (a bare 500, a stack trace...): {len(unclear)}")
    for t, kind, status, _s, _c, url in unclear[:10]:
        print(f"   {t:6.1f} s {kind}: {status} {url}")
    print(f"requests without an answer within {CLIENT_TIMEOUT} s (the machine saturated): {len(unanswered)}")

    # Comments: success answers stored exactly once.
    answered = {token for _n, token, ok in comments if ok}
    tried = {token for _n, token, _ok in comments if token}
    missing = [t for t in answered if stored_comments.get(t, 0) == 0]
    doubled = [t for t, count in stored_comments.items() if count > 1]
    unanswered_stored = [t for t in stored_comments if t in tried and t not in answered]
    print(
        f"comments: {len(comments)} citizens, {len(answered)} success answers, {sum(stored_comments.values())} stored; "
        f"answered but missing {len(missing)}, stored twice {len(doubled)}, stored without a success answer "
        f"{len(unanswered_stored)}, gave up {len(comments) - len(answered)}"
    )
    ok_reports = {text for text, ok in reports if ok}
    missing_reports = [t for t in ok_reports if stored_reports.get(t, 0) == 0]
    doubled_reports = [t for t, count in stored_reports.items() if count > 1]
    print(
        f"reports: {len(reports)} sent, {len(ok_reports)} success answers, {sum(stored_reports.values())} stored; "
        f"answered but missing {len(missing_reports)}, stored twice {len(doubled_reports)}"
    )

    # Recovery, by when requests were *sent* (under saturation answers come late): the
    # last request sent after PostgreSQL was back that still failed, and the first one
    # sent after it that the application (not the front cache) answered.
    def sent(row):
        return row[0] - row[3]

    after = [r for r in rows if sent(r) >= up_t and r[1] != "visit (cache)"]
    failed_after = [sent(r) - up_t for r in after if not (isinstance(r[2], int) and r[2] < 400)]
    served_after = [sent(r) - up_t for r in after if isinstance(r[2], int) and r[2] < 400]
    last_failure = max(failed_after, default=None)
    first_served = min(served_after, default=None)
    health_ok = [t - log.started - up_t for t, s in health if s == 200 and t - log.started >= up_t]
    print(
        "after PostgreSQL was back: last failed request sent after "
        + (f"{last_failure:.1f} s" if last_failure is not None else "none failed")
        + ", first request answered by the application sent after "
        + (f"{first_served:.1f} s" if first_served is not None else "never")
        + ", first /healthz 200 received after "
        + (f"{health_ok[0]:.1f} s" if health_ok else "never")
    )
    verdict = (
        not unclear
        and not missing
        and not doubled
        and not missing_reports
        and not doubled_reports
        and first_served is not None
        and (last_failure is None or last_failure <= 10)
    )
    print("RESULT: OK" if verdict else "RESULT: FAILED (see above)")


if __name__ == "__main__":
    sys.exit(main())
