"""The newsletter's two costs: a sign-up POST, and sending an issue to many subscribers.

In-process, on a throwaway embedded cluster (KOINONIA_PGDATA, /tmp/bench-camp-news by
default; migrate it first, see bench/README.md). E-mails go to Django's in-memory
backend, so the figures are the application's own work per message (rendering the
text and HTML, signing the unsubscribe link, writing the delivery marker), not an
SMTP server's. Not a test: it never fails on timing.

1. --signups sign-up POSTs through the whole middleware stack (Django's test client,
   rate limit off, captcha offline as in development): p50/p95 per request;
2. an issue to --subscribers subscribers in batches of --batch-size: the time of each
   batch (p50/p95) and messages per second.
Its rows (bench-*@example.org, the issue) are deleted afterwards.

    .venv/bin/python bench/newsletter_bench.py
    .venv/bin/python bench/newsletter_bench.py --subscribers 20000 --batch-size 200
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ.setdefault("KOINONIA_PGDATA", str(Path(tempfile.gettempdir()) / "bench-camp-news"))
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.RATELIMIT_ENABLE = False
    settings.RECAPTCHA_SKIP_VERIFY_WITH_TEST_KEYS = True
    settings.ALLOWED_HOSTS = ["*"]


def bench_signups(count):
    from django.core import mail
    from django.test import Client

    from campaigns.models.newsletter import PendingSignup

    client = Client()
    times = []
    for n in range(count):
        data = {"email": f"bench-signup-{n}@example.org", "language": "el", "consent": "on"}
        start = time.perf_counter()
        response = client.post("/el/newsletter/", data)
        times.append(time.perf_counter() - start)
        assert response.status_code == 302, response.status_code
    made = PendingSignup.objects.filter(email__startswith="bench-signup-").count()
    PendingSignup.objects.filter(email__startswith="bench-signup-").delete()
    mail.outbox = []
    return times, made


class Clock:
    """A stdout for send_issue: each line it writes ends a batch; remember when."""

    def __init__(self):
        self.marks = [time.perf_counter()]

    def write(self, _line):
        self.marks.append(time.perf_counter())

    def durations(self):
        return [b - a for a, b in zip(self.marks, self.marks[1:], strict=False)]


def bench_send(subscribers, batch_size):
    from django.core import mail
    from django.utils import timezone

    from campaigns.models.newsletter import IssueStatus, NewsletterIssue, Subscriber
    from campaigns.newsletter_sending import send_issue
    from portal.models import HomePage

    Subscriber.objects.filter(email__startswith="bench-").delete()
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(email=f"bench-{n}@example.org", language="el", topics=[], confirmed_at=now)
            for n in range(subscribers)
        ],
        batch_size=2000,
    )
    others = Subscriber.objects.filter(language="el").exclude(email__startswith="bench-").count()
    page = HomePage.objects.filter(locale__language_code="el").first()
    issue = NewsletterIssue.objects.create(
        subject="Bench issue", page=page, language="el", status=IssueStatus.QUEUED, queued_at=timezone.now()
    )
    try:
        clock = Clock()
        start = time.perf_counter()
        log = send_issue(issue, batch_size=batch_size, pause=0, stdout=clock)
        total = time.perf_counter() - start
        sent = len(mail.outbox)
        return {
            "batches": clock.durations(),
            "total": total,
            "sent": log.sent,
            "outbox": sent,
            "others": others,
        }
    finally:
        issue.delete()
        Subscriber.objects.filter(email__startswith="bench-").delete()
        mail.outbox = []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signups", type=int, default=200)
    parser.add_argument("--subscribers", type=int, default=5000)
    parser.add_argument("--batch-size", type=int, default=100)
    args = parser.parse_args()
    setup()

    times, made = bench_signups(args.signups)
    ms = [t * 1000 for t in times]
    print(
        f"sign-up POST x{len(ms)}: p50 {percentile(ms, 50):.1f} ms, p95 {percentile(ms, 95):.1f} ms, "
        f"mean {statistics.mean(ms):.1f} ms; {made} pending rows, one e-mail each"
    )

    result = bench_send(args.subscribers, args.batch_size)
    batches = [d * 1000 for d in result["batches"]]
    rate = result["sent"] / result["total"] if result["total"] else 0
    print(
        f"send to {args.subscribers} subscribers (+{result['others']} demo) in batches of {args.batch_size}: "
        f"{result['sent']} sent ({result['outbox']} in the outbox) in {result['total']:.1f} s, {rate:.0f} messages/s; "
        f"batch p50 {percentile(batches, 50):.0f} ms, p95 {percentile(batches, 95):.0f} ms"
    )


if __name__ == "__main__":
    main()
