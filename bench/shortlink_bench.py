"""Short-link redirects (/c/<code>) in a burst: p50/p95 latency, throughput, and every scan counted?

Posters are scanned in bursts (a bus stop at rush hour, the end of an info day), and the
target is a p95 of 10 ms for the redirect. Starts its own embedded PostgreSQL cluster
(KOINONIA_PGDATA, /tmp/bench-camp-reach by default; the development database is left
alone), migrates it, runs setup_site, makes a campaign with --materials materials, then:

1. in-process: --warm requests through Django's whole middleware stack (the test
   client, no HTTP), one after the other: the application's own time per redirect;
2. over HTTP: gunicorn (DEBUG off, persistent database connections, --workers
   processes) and --concurrency threads sending --requests scans at once, each from
   another visitor (X-Forwarded-For: the address nginx would append), to random codes;
   one connection per request, as phones do.

Then it checks that the database counted exactly the scans that were answered with a
302 (a lost count is a bug, a slow one is a figure) and prints the figures. Not a test:
it never fails on timing.

    .venv/bin/python bench/shortlink_bench.py
    .venv/bin/python bench/shortlink_bench.py --requests 20000 --concurrency 32 --workers 5
"""

import argparse
import concurrent.futures
import http.client
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))

from consultation_load import manage  # noqa: E402
from page_timings import free_port, percentile, start_server  # noqa: E402


def prepare_environment():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "KOINONIA_PGDATA": os.environ.get("KOINONIA_PGDATA", str(Path(tempfile.gettempdir()) / "bench-camp-reach")),
        "DJANGO_DEBUG": "0",
        "KOINONIA_CONN_MAX_AGE": "60",
    }
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "KOINONIA_PGDATA", "DJANGO_DEBUG")})
    return env


def create_materials(count):
    import django

    django.setup()
    from campaigns.factories_pages import CampaignPageFactory
    from campaigns.factories_reach import MaterialFactory
    from campaigns.models import CampaignPage, Material, ReachDay, VisitorTouch

    campaign = CampaignPage.objects.filter(slug="bench-shortlinks").first() or CampaignPageFactory(
        title="Bench: Χειμώνας χωρίς κρύο", slug="bench-shortlinks"
    )
    have = Material.objects.filter(campaign=campaign).count()
    for n in range(have, count):
        MaterialFactory(campaign=campaign, placement=f"Bench: ΣΤΑΣΗ ΛΕΩΦΟΡΕΙΟΥ {n}, αφίσα A3")
    VisitorTouch.objects.filter(campaign=campaign).delete()
    ReachDay.objects.filter(campaign=campaign).delete()
    return campaign, list(Material.objects.filter(campaign=campaign).values_list("code", flat=True)[:count])


def scans_counted(campaign):
    from django.db.models import Sum

    from campaigns.models import VisitorTouch

    return VisitorTouch.objects.filter(campaign=campaign, kind="scan").aggregate(total=Sum("hits"))["total"] or 0


def in_process(codes, count):
    """Milliseconds per redirect through the whole middleware stack, no HTTP."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    times = []
    cpu_start = time.process_time()
    for n in range(count):
        code = random.choice(codes)  # noqa: S311 - load shape, not security
        start = time.perf_counter()
        response = client.get(f"/c/{code}", REMOTE_ADDR=f"10.1.{n // 250 % 250}.{n % 250}")
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 302, response.status_code
    print(f"in-process CPU of this process: {(time.process_time() - cpu_start) * 1000 / count:.2f} ms per redirect")
    return times


def one_scan(port, code, n):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    start = time.perf_counter()
    try:
        connection.request(
            "GET",
            f"/c/{code}",
            headers={
                "X-Forwarded-For": f"10.{n // 62500 % 250}.{n // 250 % 250}.{n % 250}",
                "User-Agent": "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36",
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status, (time.perf_counter() - start) * 1000
    finally:
        connection.close()


def report(label, times, seconds=None):
    line = (
        f"{label}: n={len(times)}  p50 {percentile(times, 50):.1f} ms  p95 {percentile(times, 95):.1f} ms  "
        f"p99 {percentile(times, 99):.1f} ms  mean {statistics.mean(times):.1f} ms"
    )
    if seconds:
        line += f"  throughput {len(times) / seconds:.0f} redirects/s"
    print(line, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000, help="scans sent over HTTP")
    parser.add_argument("--concurrency", type=int, default=16, help="scans in flight at once")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--materials", type=int, default=200, help="short codes to spread the scans over")
    parser.add_argument("--warm", type=int, default=1000, help="in-process redirects measured first")
    args = parser.parse_args()

    env = prepare_environment()
    print("load average at start: {:.1f} {:.1f} {:.1f} on {} cores".format(*os.getloadavg(), os.cpu_count()))
    print(f"cluster {env['KOINONIA_PGDATA']}: migrate + setup_site…", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "setup_site")
    campaign, codes = create_materials(args.materials)
    print(f"{len(codes)} short codes of campaign {campaign.pk}", flush=True)

    if args.warm:
        report("in-process (Django stack, no HTTP)", in_process(codes, args.warm)[100:])

    before = scans_counted(campaign)
    port = free_port()
    server = start_server(port, workers=args.workers, env={"KOINONIA_PGDATA": env["KOINONIA_PGDATA"]})
    try:
        for n in range(args.workers * 20):  # every worker: connection, code table, salt
            one_scan(port, codes[n % len(codes)], 10_000_000 + n)
        before = scans_counted(campaign)
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(args.concurrency) as pool:
            results = list(
                pool.map(
                    lambda n: one_scan(port, random.choice(codes), n),  # noqa: S311
                    range(args.requests),
                )
            )
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    times = [ms for status, ms in results if status == 302]
    statuses = {}
    for status, _ms in results:
        statuses[status] = statuses.get(status, 0) + 1
    report(f"HTTP via gunicorn ({args.workers} workers, {args.concurrency} at once)", times, elapsed)
    print("load average at end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()), flush=True)
    counted = scans_counted(campaign) - before
    print(f"answers: {statuses}  scans counted: {counted} of {len(times)} redirects", flush=True)
    if counted != len(times):
        raise SystemExit(f"LOST COUNTS: {len(times) - counted}")


if __name__ == "__main__":
    main()
