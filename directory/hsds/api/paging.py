"""The HSDS page envelope (`total_items`, `total_pages`, `page_number`, `size`,
`first_page`, `last_page`, `empty`, `contents`), the same for every list endpoint."""

import math


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


def page_slice(queryset, page, per_page):
    """(total, the page's records) from a queryset: one count, one slice."""
    total = queryset.count()
    offset = (page - 1) * per_page
    if offset >= total:
        return total, []
    return total, list(queryset[offset : offset + per_page])
