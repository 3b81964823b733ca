"""The front cache follows events being published, changed, cancelled or withdrawn.

Wagtail's frontend-cache app refreshes a published page's own address only. An event
is also shown under every language (its translations, or the Greek page served under
the other prefixes, directory.locale_fallback), with its own calendar file, on each
language's events index and calendar feed (/<lang>/events/calendar.ics), and on the
home pages ("upcoming events"); without this the front cache would keep showing a
cancelled or moved event there for up to KOINONIA_FRONT_CACHE_SECONDS. The lists are
purged in every language because a Greek-only event is listed in all of them.
"""

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import override

from wagtail.signals import page_published, page_unpublished

from campaigns.models.events import EventIndexPage, EventPage
from directory.cache import page_urls_in_every_language, purge_front_cache


def _calendar_feed_url(index):
    with override(index.locale.language_code):
        path = reverse("events_calendar")
    root = index.get_url_parts()[1] if index.get_url_parts() else ""
    return root + path if root else ""


def event_urls(page):
    """Every address that shows `page` (an event): full addresses."""
    pages = page_urls_in_every_language(page.canonical) | {page.get_full_url()}
    urls = set(pages) | {url + "calendar/" for url in pages if url and url.endswith("/")}
    for index in EventIndexPage.objects.live().select_related("locale"):
        urls.add(index.get_full_url())
        urls.add(_calendar_feed_url(index))
        home = index.get_parent()
        if home is not None and home.depth > 1:
            urls.add(home.get_full_url())
    return {url for url in urls if url}


@receiver(page_published, sender=EventPage)
@receiver(page_unpublished, sender=EventPage)
def _refresh_event_listings(sender, instance, **kwargs):
    purge_front_cache(event_urls(instance))
