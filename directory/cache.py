"""What the directory's changes do to cached pages: the front cache (nginx) is told
which pages to refresh when a service, organisation or good practice is published,
unpublished, moved or renamed (below).

The cache generation that every cached count and label is keyed on lives in
core.cache (search, consultations, campaigns and the portal's chrome share it); its
functions are named here too, for the directory's many callers.
"""

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import override

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Locale, Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core.cache import TTL_SECONDS, cached, generation, invalidate  # noqa: F401 (the directory's names for them)
from directory.locale_fallback import url_in_locale
from directory.models import DirectoryIndexPage, GoodPracticeIndexPage, GoodPracticePage, OrganisationPage, ServicePage

# --- the front cache (whole anonymous pages in nginx) -------------------------------
#
# Wagtail's frontend_cache purges a page's own URL when it is published or
# unpublished (a deletion unpublishes first). A service also shows on pages that are
# not itself: its organisation's page, the social map's listing, map, printable guide
# and counts, the home page's counts, the search page; and a Greek-only service is
# served under every other language's prefix too (directory.locale_fallback). These
# handlers purge those, and the old and new addresses of a page that was moved or
# renamed (Wagtail does not). Filtered listings (?category=...) are not purged one by
# one: they expire after KOINONIA_FRONT_CACHE_SECONDS.

DIRECTORY_ROUTES = ("", "services/", "services/print/", "map/", "map/points/")
MOVED_DESCENDANTS_LIMIT = 1000


def _absolute(page, url):
    """`url` (as Page.get_url gives it, relative with one site) made absolute."""
    if not url or url.startswith(("http://", "https://")):
        return url
    parts = page.get_url_parts()
    return (parts[1] + url) if parts and parts[1] else ""


def _locales():
    return list(Locale.objects.all())


def page_urls_in_every_language(page):
    """The addresses of `page` for visitors of every language (own, translated or fallback)."""
    urls = set()
    for locale in _locales():
        url = _absolute(page, url_in_locale(page, locale))
        if url:
            urls.add(url)
    return urls


def directory_urls_showing(page):
    """Every address that lists or counts `page` (a service, organisation or good practice)."""
    urls = set()
    ancestors = Page.objects.ancestor_of(page).specific()
    index = next((a for a in ancestors if isinstance(a, DirectoryIndexPage)), None)
    if index is None:
        return urls
    parent = page.get_parent()
    if parent is not None and isinstance(parent.specific_deferred, OrganisationPage):
        urls |= page_urls_in_every_language(parent)
    for translation in [index, *index.get_translations().live()]:
        base = translation.get_full_url()
        if not base:
            continue
        urls.update(base + route for route in DIRECTORY_ROUTES)
        home = translation.get_parent()
        if home is not None and home.depth > 1 and home.live:
            urls.add(home.get_full_url())
        practices = GoodPracticeIndexPage.objects.child_of(translation).live().first()
        if practices is not None:
            urls.add(practices.get_full_url())
        urls.add(_search_url(translation))
    urls.discard(None)
    urls.discard("")
    return urls


def _search_url(index):
    with override(index.locale.language_code):
        path = reverse("search")
    root = index.get_url_parts()[1]
    return root + path if root else ""


def is_directory_content(page):
    return isinstance(page.specific_deferred, (ServicePage, OrganisationPage, GoodPracticePage))


def purge_front_cache(urls):
    """Ask the configured front cache (WAGTAILFRONTENDCACHE) to refresh `urls`."""
    urls = {u for u in urls if u}
    if urls:
        PurgeBatch(urls).purge()


def purge_for_change(page):
    """Published or unpublished (or deleted): the page in every language and what shows it."""
    if is_directory_content(page):
        purge_front_cache(page_urls_in_every_language(page) | directory_urls_showing(page))


def _moved_url(new_url, url_path_before, url_path_after):
    """The address a page had before a move or a slug change, from its new address."""
    common = 0
    while common < min(len(url_path_before), len(url_path_after)) and url_path_before[common] == url_path_after[common]:
        common += 1
    common = url_path_after.rfind("/", 0, common + 1) + 1
    tail_after, tail_before = url_path_after[common:], url_path_before[common:]
    if not new_url.endswith(tail_after):
        return ""
    return new_url[: len(new_url) - len(tail_after)] + tail_before


def purge_for_move(page, url_path_before, url_path_after):
    """A moved or renamed page (and its descendants) at its old and new addresses."""
    urls = set()
    pages = [page, *Page.objects.descendant_of(page).live()[:MOVED_DESCENDANTS_LIMIT]]
    for moved in pages:
        before = url_path_before + moved.url_path[len(url_path_after) :]
        for new_url in page_urls_in_every_language(moved) if is_directory_content(moved) else {moved.get_full_url()}:
            urls.add(new_url)
            urls.add(_moved_url(new_url, before, moved.url_path))
    if is_directory_content(page):
        urls |= directory_urls_showing(page)
    purge_front_cache(urls)


@receiver(page_published)
@receiver(page_unpublished)
def _purge_published_or_unpublished(sender, instance, **kwargs):
    purge_for_change(instance)


@receiver(post_page_move)
def _purge_moved(sender, instance, url_path_before="", url_path_after="", **kwargs):
    if url_path_before and url_path_after and url_path_before != url_path_after:
        purge_for_move(instance, url_path_before, url_path_after)


@receiver(page_slug_changed)
def _purge_renamed(sender, instance, instance_before=None, **kwargs):
    if instance_before is not None and instance_before.url_path != instance.url_path:
        purge_for_move(instance, instance_before.url_path, instance.url_path)
