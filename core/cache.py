"""The cache generation: one number that every cached public answer is keyed on.

Counts, facet labels, browsing results and the chrome every page shows change only
when something is published, unpublished, moved, deleted or re-indexed, so whoever
makes such a change calls `invalidate()`, which moves the generation on, and every
value cached under the old generation is ignored. The TTL is a safety net, not the
invalidation mechanism. It lives in core because the directory, search, consultations,
campaigns and the portal's chrome all cache this way and must share one generation
(search's index writes make the directory's counts stale, and the other way round).

Two tiers. The shared cache (Redis, or the database's cache table without it) holds
each value once for every process; each process also keeps what it has read for the
current generation, and asks the shared cache for the generation at most once per
KOINONIA_LOCAL_CACHE_SECONDS (1 s): with the database cache every `cache.get` is a
query, and a page reads about ten of these values. After a publish, other processes
see the new generation within that second; the front cache's purge waits that long
before it refreshes pages (core.frontend_cache, OPTIONS["DELAY"]). A generation
starts at a random number, so that values of a cleared cache are never mistaken for
the current ones.
"""

import secrets
import time

from django.conf import settings
from django.core.cache import cache

#: The shared cache's key (its old name is kept: a running site keeps its generation).
GENERATION_KEY = "directory:generation"
TTL_SECONDS = 15 * 60

# This process's copy: the generation, when it was read, and the values read for it.
_process = {"generation": None, "read_at": 0.0, "values": {}}


def _recheck_seconds():
    return float(getattr(settings, "KOINONIA_LOCAL_CACHE_SECONDS", 1.0))


def generation():
    """The current generation (read from the shared cache at most once a second)."""
    now = time.monotonic()
    if _process["generation"] is not None and now - _process["read_at"] < _recheck_seconds():
        return _process["generation"]
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = secrets.randbelow(2**31)
        if not cache.add(GENERATION_KEY, value, None):
            value = cache.get(GENERATION_KEY, value)
    if value != _process["generation"]:
        _process["values"] = {}
    _process["generation"], _process["read_at"] = value, now
    return value


def invalidate():
    """Every value cached so far is stale: move the generation on."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, secrets.randbelow(2**31), None)
    _process["generation"] = None  # this process reads the new one at once


def cached(name, locale, compute):
    """`compute()` for this locale, cached until the next invalidation."""
    key = f"directory:{generation()}:{name}:{locale.pk if locale else 'default'}"
    values = _process["values"]
    if key in values:
        return values[key]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL_SECONDS)
    values[key] = value
    return value
