"""Requests per second through the production stack: cached pages against a static file.

    .venv/bin/python bench/cache_bench.py                       # the 50,000-service cluster of bench/README.md
    .venv/bin/python bench/cache_bench.py --duration 5 --connections 10,50

Starts scripts/prodstack.py's stack (nginx with deploy/nginx/cache.conf in front of
gunicorn with the production settings, on the embedded cluster of KOINONIA_PGDATA or
--pgdata), picks a service page and the listing, saves their HTML as static files served
by the same nginx, and runs `wrk` (installed with apt-get when
missing) against:

- each page's HTML saved as a static file (nginx's ceiling on this machine),
- the service page and the listing from the front cache (anonymous visitors),
- the same two through the application: a display-preference cookie makes nginx
  bypass its cache, so every request is rendered by Django (Django's own fragment
  cache stays on: counts, menus, site text);

at a few concurrency levels, printing requests per second, p50/p95/p99 latency and
the share of non-2xx answers. It prints figures, it never fails on them.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR / "scripts"))
sys.path.insert(0, str(BASE_DIR))

from prodstack import ProdStack, fetch, free_port  # noqa: E402

# wrk prints only p50/75/90/99 by itself: this script prints p95 too, and the errors.
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT rps=%.1f p50=%.2f p95=%.2f p99=%.2f requests=%d errors=%d\\n",
      summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
      latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.requests, errors))
end
"""
BYPASS_COOKIE = "koinonia_text=normal"  # a display preference: nginx passes the request to Django


def ensure_wrk():
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is missing: installing it with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, env=env)
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, env=env)
    found = shutil.which("wrk")
    if not found:
        sys.exit("wrk could not be installed (apt-get install wrk)")
    return found


def run_wrk(wrk, url, connections, duration, script, headers=()):
    threads = max(1, min(2, connections))
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", script, url]
    for header in headers:
        command[1:1] = ["-H", header]
    output = subprocess.run(command, capture_output=True, text=True, check=False).stdout
    match = re.search(r"RESULT (.*)", output)
    if not match:
        return {"rps": 0.0, "p50": 0.0, "p95": 0.0, "p99": 0.0, "requests": 0, "errors": -1}
    values = dict(part.split("=") for part in match.group(1).split())
    result = {key: float(value) for key, value in values.items()}
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    return result


def pick_pages(base_url):
    """The social map's listing and the first service it lists (Greek)."""
    home = fetch(base_url + "/el/").text()
    directory = re.search(r'href="(/el/[^"/]+/)services/', home) or re.search(r'href="(/el/social-map/)"', home)
    directory_path = directory.group(1) if directory else "/el/social-map/"
    listing = directory_path + "services/"
    page = fetch(base_url + listing).text()
    services = re.findall(r'href="(' + re.escape(directory_path) + r'[^"/?#]+/[^"/?#]+/)"', page)
    services = [s for s in services if not s.endswith(("/print/", "/map/"))]
    if not services:
        sys.exit(f"no service found on {listing}: is the directory loaded?")
    return services[0], listing


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pgdata", default=os.environ.get("KOINONIA_PGDATA", "/tmp/bench-pgdata"))  # noqa: S108 (bench/README.md)
    parser.add_argument("--database", default="koinonia")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default 2 × cores + 1)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", default="10,50,200", help="concurrency levels, comma-separated")
    parser.add_argument("--uncached-connections", default="10,50")
    args = parser.parse_args(argv)

    wrk = ensure_wrk()
    levels = [int(c) for c in args.connections.split(",") if c]
    uncached_levels = [int(c) for c in args.uncached_connections.split(",") if c]
    port = free_port()
    stack = ProdStack(
        port=port,
        pgdata=args.pgdata,
        database=args.database,
        data="migrate",
        workers=args.workers,
        env={"KOINONIA_FRONT_CACHE_PURGE_URL": f"http://127.0.0.1:{port}"},
    )
    static_dir = BASE_DIR / "collected-static" / "bench-cache"
    print(f"starting the production stack on {args.pgdata} ({args.database}) ...")
    started = time.monotonic()
    with stack, tempfile.TemporaryDirectory() as tmp:
        print(f"up in {time.monotonic() - started:.0f} s at {stack.base_url}, {stack.workers} gunicorn workers")
        service, listing = pick_pages(stack.base_url)
        html = fetch(stack.base_url + service).body
        static_dir.mkdir(parents=True, exist_ok=True)
        (static_dir / "service.html").write_bytes(html)
        (static_dir / "listing.html").write_bytes(fetch(stack.base_url + listing).body)
        script = Path(tmp) / "report.lua"
        script.write_text(WRK_REPORT)
        for path in (service, listing):  # warm the front cache and Django's fragment cache
            fetch(stack.base_url + path)
            fetch(stack.base_url + path, headers={"Cookie": BYPASS_COOKIE})
        cases = [
            ("service page, static file", "/static/bench-cache/service.html", (), levels),
            ("service page, cached", service, (), levels),
            ("listing, static file", "/static/bench-cache/listing.html", (), levels),
            ("listing, cached", listing, (), levels),
            ("service page, uncached", service, (f"Cookie: {BYPASS_COOKIE}",), uncached_levels),
            ("listing, uncached", listing, (f"Cookie: {BYPASS_COOKIE}",), uncached_levels),
        ]
        print(f"service page: {service} ({len(html):,} bytes)\nlisting: {listing}\n")
        print(f"{'what':<27} {'conns':>5} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
        results = {}
        try:
            for name, path, headers, case_levels in cases:
                for connections in case_levels:
                    r = run_wrk(wrk, stack.base_url + path, connections, args.duration, str(script), headers)
                    results[(name, connections)] = r
                    errors = int(r["errors"]) + r["non2xx"]
                    print(
                        f"{name:<27} {connections:>5} {r['rps']:>9.1f} {r['p50']:>8.2f} {r['p95']:>8.2f} "
                        f"{r['p99']:>8.2f} {errors:>7}",
                        flush=True,
                    )
        finally:
            shutil.rmtree(static_dir, ignore_errors=True)
        print()
        for name in ("service page", "listing"):
            for connections in levels:
                static = results[(f"{name}, static file", connections)]["rps"] or 1
                ratio = results[(f"{name}, cached", connections)]["rps"] / static
                print(f"{name}, cached, at {connections} connections: {ratio:.0%} of the same HTML as a static file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
