"""Cache of the directory's aggregate counts (per category, per municipality).

Counting 50,000 services for every page view is wasted work: counts change only
when something is published, unpublished, moved or deleted, so the signal handlers
in directory/signals.py bump a generation number and every cached count of the old
generation is ignored. The TTL is a safety net, not the invalidation mechanism.
"""

from django.core.cache import cache

GENERATION_KEY = "directory:generation"
TTL_SECONDS = 15 * 60


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    return value


def invalidate():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def cached(name, locale, compute):
    """`compute()` for this locale, cached until the next publish/unpublish."""
    key = f"directory:{generation()}:{name}:{locale.pk if locale else 'default'}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL_SECONDS)
    return value
