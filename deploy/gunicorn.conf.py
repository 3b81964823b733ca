"""Gunicorn for Koinonia: `gunicorn -c deploy/gunicorn.conf.py portal.wsgi`.

Every value can be changed from the environment (systemd's EnvironmentFile, or
scripts/prodstack.py for the local production stack):

GUNICORN_BIND      where to listen; nginx talks to a unix socket (default
                   unix:/run/koinonia/gunicorn.sock, created by systemd's
                   RuntimeDirectory=koinonia)
GUNICORN_WORKERS   worker processes; default 2 × cores + 1, Gunicorn's own advice for
                   sync workers whose time goes to the database and templates
GUNICORN_THREADS   threads per worker (default 1: plain sync workers)
GUNICORN_TIMEOUT   seconds before a stuck worker is killed and replaced (default 30;
                   imports and exports run as commands or background jobs, not requests)
GUNICORN_ACCESS_LOG  "-" to log each request as a JSON line on stdout; off by default,
                   since nginx's access log (JSON, with the same request id) has it
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "unix:/run/koinonia/gunicorn.sock")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak in a library never grows for weeks.
max_requests = 2000
max_requests_jitter = 200
# The socket is reachable only by nginx (socket mode 0660, group www-data), which sets
# X-Forwarded-For and X-Forwarded-Proto itself; trust them from there.
forwarded_allow_ips = "*"
umask = 0o007
# Load the application once in the master: workers fork with it ready and share memory.
preload_app = True

accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = (
    '{"time": "%(t)s", "request_id": "%({x-request-id}i)s", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s}'
)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "koinonia"
