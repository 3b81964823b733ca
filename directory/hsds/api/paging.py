"""The HSDS page envelope (`total_items`, `total_pages`, `page_number`, `size`,
`first_page`, `last_page`, `empty`, `contents`), the same for every list endpoint."""

import hashlib
import math

from directory.cache import cached


def envelope(contents, *, total, page, per_page):
    """One page of `contents` out of `total` records, `per_page` to a page.

    A page past the end is empty (`size` 0) but still says how many pages there are,
    so a client that asked too far knows where the end is."""
    total_pages = math.ceil(total / per_page) if total else 0
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": total == 0,
        "contents": contents,
    }


def page_slice(queryset, page, per_page, *, fetch=None, count_key=None):
    """(total, the page's records) from a queryset of model instances.

    The page is found as ids first (a narrow sort, or an index walk), then its records are
    fetched by id (`fetch(ids)` → {id: record}; the model's in_bulk by default): sorting
    whole page rows of 50,000 services spilled to disk. With `count_key`, the total is
    cached until the directory changes (the unfiltered total is the costliest part of a
    page, and the same for every client)."""
    total = cached(f"hsds-api-count-{count_key}", None, queryset.count) if count_key else queryset.count()
    offset = (page - 1) * per_page
    if offset >= total:
        return total, []
    ids = list(queryset.values_list("pk", flat=True)[offset : offset + per_page])
    rows = fetch(ids) if fetch else queryset.model._default_manager.in_bulk(ids)
    return total, [rows[pk] for pk in ids if pk in rows]


def value_slice(queryset, page, per_page):
    """(total, rows) for a narrow values_list queryset."""
    total = queryset.count()
    offset = (page - 1) * per_page
    if offset >= total:
        return total, []
    return total, list(queryset[offset : offset + per_page])


def count_key(query_string_parts):
    """A cache key for the total of a request's filters (page, size and shape left out)."""
    return hashlib.sha256(repr(sorted(query_string_parts)).encode()).hexdigest()[:32]
