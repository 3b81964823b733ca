"""/healthz: is this process able to serve? For load balancers, systemd and monitors.

It checks what every page needs: the database (SELECT 1) and the cache (a set and
a get of a key of its own). 200 with {"status": "ok", "checks": {...}} when both
answer, 503 naming the part that failed otherwise, so a monitor can tell "the
database is down" from "the cache is misconfigured" without reading the logs. The
answer carries only the failed part and its exception's class, never the message
(which could hold a host name or a password), and is never cached by browsers or
proxies. The URL stays outside the language prefixes and sets no cookie.
"""

import logging
import time
import uuid
from contextlib import nullcontext

from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def check_database(alias="default"):
    """Round trip to the database; raises whatever the driver raises."""
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 did not answer 1")


def check_cache(alias="default"):
    """Write a key, read it back, delete it."""
    cache = caches[alias]
    key = f"healthz:{uuid.uuid4().hex}"
    # A database cache runs SQL: keep a failure from breaking an enclosing transaction.
    with transaction.atomic() if isinstance(cache, DatabaseCache) else nullcontext():
        cache.set(key, "ok", timeout=30)
        value = cache.get(key)
        cache.delete(key)
    if value != "ok":
        raise RuntimeError("the cache did not return what was just stored")


CHECKS = {"database": check_database, "cache": check_cache}


def run_checks():
    """{name: "ok" or "error: ExceptionClass"}; a failure is logged with its time and message."""
    results = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            check()
        except Exception as error:  # any failure means "not healthy", whatever raised it
            # A warning, not an error: a monitor polls this every few seconds, and errors are e-mailed.
            logger.warning("Health check %s failed after %.3fs: %r", name, time.monotonic() - started, error)
            results[name] = f"error: {error.__class__.__name__}"
        else:
            results[name] = "ok"
    return results


@never_cache
@require_safe
def healthz(request):
    checks = run_checks()
    healthy = all(result == "ok" for result in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)
