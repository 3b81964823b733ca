"""Search latency and indexing throughput, at whatever size the database has.

Prints p50/p95/p99 (ms) for a fixed mix of queries (plain text, text with filters
and facets, geo radius, Greeklish, typos, autocomplete), first through the search
service in this process, then through HTTP (gunicorn, 2 workers, DEBUG off, as
bench/page_timings.py starts it), and the indexing throughput of a full rebuild.
Not a test: it never fails on timing. Targets (issue #3): full search with facets
p95 ≤ 100 ms through HTTP, autocomplete p95 ≤ 30 ms, rebuild ≥ 500 documents/s.

    export KOINONIA_PGDATA=/tmp/search-bench-pgdata      # a throwaway cluster
    .venv/bin/python manage.py migrate --noinput && .venv/bin/python manage.py setup_site
    .venv/bin/python bench/generate_directory.py --services 50000
    .venv/bin/python bench/search_bench.py --rebuild      # rebuild, then measure
    .venv/bin/python bench/search_bench.py --requests 200 --skip-http
"""

import argparse
import os
import random
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DJANGO_DEBUG", "0")

import django  # noqa: E402

django.setup()

from page_timings import fetch, free_port, percentile, start_server  # noqa: E402

from search.indexing import Indexer  # noqa: E402
from search.query import SearchQuery  # noqa: E402
from search.service import SearchService  # noqa: E402

PLAIN = ["σίτιση", "κοινωνικό παντοπωλείο", "ψυχολογική υποστήριξη", "στέγαση άστεγοι", "νομική βοήθεια", "ΚΑΠΗ"]
PLACES = ["παιδικός σταθμός Περιστέρι", "γηροκομείο Μαρούσι", "συσσίτιο Αθήνα", "παντοπωλείο Κοζάνη"]
GREEKLISH = ["paidikos stathmos", "koinoniko pantopoleio", "psyxologos", "sitisi kozani", "nomiki voitheia"]
TYPOS = ["παντοπολειο", "ψιχολογος", "βρεφονιπιακος σταθμος", "κοινονικη υπιρεσια", "συσιτιο"]
PREFIXES = ["παι", "κοιν", "βρεφ", "psix", "σιτ", "ΚΑΠ", "nomi", "στεγ"]
FILTERS = [
    {"categories": ("basic-goods",), "free": True},
    {"categories": ("psychosocial",), "areas": ("gr-i",), "open_now": True},
    {"groups": ("elderly",), "languages": ("en",)},
    {"types": ("service",), "areas": ("m-67",), "free": True, "open_now": True},
]
#: (latitude, longitude) of a few municipalities: Athens, Peristeri, Kozani, Thessaloniki, Patras.
POINTS = [(37.9889, 23.7360), (38.0145, 23.6893), (40.3013, 21.7887), (40.6403, 22.9439), (38.2466, 21.7346)]


def query_mix(rng):
    """{kind: [SearchQuery…]}: the same mix for the service and for HTTP."""
    mix = {
        "plain text": [SearchQuery(text=t) for t in PLAIN],
        "text + place": [SearchQuery(text=t) for t in PLACES],
        "text + filters + facets": [
            SearchQuery(text=rng.choice(PLAIN + PLACES), **filters) for filters in FILTERS for _ in range(2)
        ],
        "geo radius (5 km)": [SearchQuery(near=p, radius_km=5) for p in POINTS]
        + [SearchQuery(text="σίτιση", near=p, radius_km=10) for p in POINTS],
        "Greeklish": [SearchQuery(text=t) for t in GREEKLISH],
        "typos": [SearchQuery(text=t) for t in TYPOS],
        "browse, facets only": [SearchQuery(), SearchQuery(categories=("health",))],
    }
    return mix


def api_url(query):
    params = [("q", query.text), ("lang", query.locale)]
    for name, attribute in (
        ("type", "types"),
        ("category", "categories"),
        ("group", "groups"),
        ("municipality", "areas"),
        ("language", "languages"),
    ):
        params += [(name, value) for value in getattr(query, attribute)]
    if query.free:
        params.append(("free", "1"))
    if query.open_now:
        params.append(("open_now", "1"))
    if query.near:
        params += [("near", f"{query.near[0]},{query.near[1]}"), ("radius_km", str(query.radius_km))]
    return "/api/search?" + urllib.parse.urlencode(params)


def report(kind, timings):
    print(
        f"  {kind:<28}{percentile(timings, 50):>9.1f}{percentile(timings, 95):>9.1f}"
        f"{percentile(timings, 99):>9.1f}{statistics.mean(timings):>9.1f}"
    )
    return percentile(timings, 95)


def header(title):
    print(f"\n{title}")
    print(f"  {'kind':<28}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'mean':>9}")


def measure(run, items, count):
    run(items[0])  # warm up
    timings = []
    for i in range(count):
        started = time.perf_counter()
        run(items[i % len(items)])
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def bench_rebuild():
    from tqdm import tqdm

    indexer = Indexer()
    total = indexer.count()
    with tqdm(total=total, unit="doc", file=sys.stderr) as bar:
        count, seconds = indexer.rebuild(progress=bar.update)
    rate = count / seconds
    print(f"\nFull rebuild ({indexer.backend.name}): {count} documents in {seconds:.1f} s = {rate:.0f} documents/s")
    return rate


def bench_service(mix, count):
    service = SearchService()
    header(f"Through the search service ({service.backend.name}), {count} queries per kind")
    worst = {}
    for kind, queries in mix.items():
        worst[kind] = report(kind, measure(service.search, queries, count))
    worst["autocomplete"] = report("autocomplete", measure(lambda p: service.suggest(p, "el"), PREFIXES, count))
    return worst


def bench_http(mix, count, base_url=None):
    server = None
    base = base_url
    if not base:
        port = free_port()
        server = start_server(port)
        base = f"http://127.0.0.1:{port}"
    try:
        serving = "gunicorn 2 workers, DEBUG off, persistent connections"
        header(f"Through HTTP ({base}, {serving}), {count} requests per kind")
        worst = {}
        for kind, queries in mix.items():
            urls = [base + api_url(q) for q in queries]
            worst[kind] = report(f"API: {kind}", measure(lambda url: _ok(fetch(url)), urls, count))
        pages = [base + "/el/search/?" + urllib.parse.urlencode({"q": t}) for t in PLAIN + PLACES]
        worst["search page"] = report("HTML page: text", measure(lambda url: _ok(fetch(url)), pages, count))
        suggest = [base + "/api/search/suggest?" + urllib.parse.urlencode({"q": p, "lang": "el"}) for p in PREFIXES]
        worst["autocomplete"] = report("API: autocomplete", measure(lambda url: _ok(fetch(url)), suggest, count))
        return worst
    finally:
        if server:
            server.terminate()
            server.wait(10)


def _ok(result):
    _ms, status = result
    if status != 200:
        raise SystemExit(f"HTTP {status}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="queries per kind")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index first and time it")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--base-url", help="measure a running server instead of starting gunicorn")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from directory.models import ServicePage
    from search.models import SearchDocument

    print(f"{ServicePage.objects.live().count()} live services")
    rate = bench_rebuild() if args.rebuild or not SearchDocument.objects.exists() else None
    print(f"{SearchDocument.objects.count()} documents in the index")
    mix = query_mix(random.Random(args.seed))
    service = bench_service(mix, args.requests)
    http = None if args.skip_http else bench_http(mix, args.requests, args.base_url)

    print("\nAgainst the targets of issue #3")
    if http:
        print(f"  full search with facets, p95 through HTTP: {http['text + filters + facets']:.1f} ms (target ≤ 100)")
        print(f"  autocomplete, p95 through HTTP: {http['autocomplete']:.1f} ms (target ≤ 30)")
    print(f"  full search with facets, p95 in the service: {service['text + filters + facets']:.1f} ms")
    print(f"  autocomplete, p95 in the service: {service['autocomplete']:.1f} ms")
    if rate:
        print(f"  rebuild: {rate:.0f} documents/s (target ≥ 500)")


if __name__ == "__main__":
    main()
