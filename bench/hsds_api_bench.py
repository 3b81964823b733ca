"""Latency of the HSDS 3.0 API (/api/hsds/services, 50 services a page) through gunicorn.

    export KOINONIA_PGDATA=/tmp/bench-api        # a throwaway cluster (see bench/README.md)
    .venv/bin/python manage.py migrate --noinput && .venv/bin/python manage.py load_demo
    .venv/bin/python bench/generate_directory.py --services 50000
    .venv/bin/python manage.py rebuild_search_index
    .venv/bin/python bench/hsds_api_bench.py --rounds 20 [--full] [--base-url http://127.0.0.1:8014]

Starts gunicorn as bench/page_timings.py does (2 workers, DEBUG off, persistent
database connections) unless `--base-url` is given, then requests a fixed mix of
`/api/hsds/services?per_page=50` URLs: pages near the start, middle and end of the
directory, with `search` (Greek, Greeklish), with our search filters (category,
group, municipality, free, open_now), with `near`, and with HSDS filters
(taxonomy_id, modified_after). Each URL is requested once untimed (warm-up), then
`--rounds` times one after the other; no conditional headers are sent, so every
request is answered in full (a 304 would measure nothing). These "warm" requests are
served from the answers the API keeps per URL until the directory changes (see
directory/hsds/api/views.py); then each URL is requested `--cold-rounds` times with an
extra parameter the API ignores, a new URL each time, so that everything is built as
for a first client ("cold"). Prints p50/p95/p99 per kind (warm) and overall (warm and
cold), and sequential requests per second. Target: p95 <= 100 ms at 50,000.
"""

import argparse
import json
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from page_timings import free_port, percentile, start_server  # noqa: E402

PER_PAGE = 50
#: koinonia-target-group taxonomy (directory/hsds/profile/data/taxonomy.json).
TARGET_GROUPS = "cee8d606-1992-5e9b-93d9-319adf51f44f"


def url_mix(total_pages):
    last = max(total_pages, 1)
    base = f"/api/hsds/services?per_page={PER_PAGE}"
    return {
        "pages": [f"{base}&page={p}" for p in sorted({1, 2, last // 10 or 1, last // 2 or 1, last})],
        "search": [
            f"{base}&search=" + urllib.request.quote("παιδικός σταθμός"),
            f"{base}&search=sitisi",
            f"{base}&search=" + urllib.request.quote("κοινωνικό παντοπωλείο") + "&page=2",
        ],
        "filters": [
            f"{base}&category=food",
            f"{base}&group=elderly&free=1",
            f"{base}&municipality=m-193",
            f"{base}&open_now=1",
            f"{base}&category=food&municipality=m-187&page=1",
        ],
        "near": [
            f"{base}&near=37.98,23.72&radius_km=5",
            f"{base}&near=40.30,21.79&radius_km=20&page=2",
        ],
        "hsds filters": [
            f"{base}&taxonomy_id={TARGET_GROUPS}&page=3",
            f"{base}&modified_after=2020-01-01T00:00:00Z&page=5",
        ],
    }


def fetch(url):
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
        status = response.status
    return (time.perf_counter() - start) * 1000, status, body


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="measure a running server instead of starting gunicorn")
    parser.add_argument("--rounds", type=int, default=20, help="timed requests per URL")
    parser.add_argument("--full", action="store_true", help="full=true: fully nested services")
    parser.add_argument("--cold-rounds", type=int, default=2, help="untimed-cache requests per URL (new URLs)")
    args = parser.parse_args()

    server = None
    base_url = args.base_url
    if not base_url:
        port = free_port()
        server = start_server(port)
        base_url = f"http://127.0.0.1:{port}"
    try:
        _ms, _status, body = fetch(f"{base_url}/api/hsds/services?per_page={PER_PAGE}&minimal=false")
        first = json.loads(body)
        print(f"{first['total_items']:,} services, {first['total_pages']:,} pages of {PER_PAGE}")
        mix = url_mix(first["total_pages"])
        suffix = "&full=true" if args.full else ""
        every = []
        count = 0
        print(f"{'kind':<14} {'urls':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'items/page':>10}")
        for kind, urls in mix.items():
            timings, sizes = [], []
            for path in urls:
                url = base_url + path + suffix
                _ms, status, body = fetch(url)  # warm-up (per-process caches, PostgreSQL buffers)
                if status != 200:
                    raise SystemExit(f"{url} answered {status}")
                sizes.append(json.loads(body)["size"])
                for _ in range(args.rounds):
                    ms, status, _body = fetch(url)
                    timings.append(ms)
                    count += 1
            every += timings
            print(
                f"{kind:<14} {len(urls):>4} {percentile(timings, 50):>8.1f} {percentile(timings, 95):>8.1f} "
                f"{percentile(timings, 99):>8.1f} {min(sizes):>4}-{max(sizes):<5}"
            )
        print(
            f"{'all (warm)':<14} {sum(len(u) for u in mix.values()):>4} {percentile(every, 50):>8.1f} "
            f"{percentile(every, 95):>8.1f} {percentile(every, 99):>8.1f}"
        )
        print(f"{count} timed requests, one at a time: {count / (sum(every) / 1000):.1f} requests/s")
        cold, cold_by_kind = [], {}
        for round_number in range(args.cold_rounds):
            for kind, urls in mix.items():
                for path in urls:
                    # A parameter the API ignores: a new URL, so neither the stored answer nor
                    # the cached total is used; everything is built as for a first client.
                    ms, _status, _body = fetch(f"{base_url}{path}{suffix}&bench_cold={round_number}")
                    cold.append(ms)
                    cold_by_kind.setdefault(kind, []).append(ms)
        for kind, timings in cold_by_kind.items():
            print(
                f"{'cold ' + kind:<14} {len(mix[kind]):>4} {percentile(timings, 50):>8.1f} "
                f"{percentile(timings, 95):>8.1f} {percentile(timings, 99):>8.1f}"
            )
        if cold:
            print(
                f"{'all (cold)':<14} {sum(len(u) for u in mix.values()):>4} {percentile(cold, 50):>8.1f} "
                f"{percentile(cold, 95):>8.1f} {percentile(cold, 99):>8.1f}"
            )
            print(f"{len(cold)} cold requests, one at a time: {len(cold) / (sum(cold) / 1000):.1f} requests/s")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
