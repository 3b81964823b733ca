"""Pages without a translation are shown inside the visitor's language, in Greek.

A visitor on /en/ must never be sent to /el/ by a link. Most services and
organisations exist only in Greek, so a page that has no English translation is
served at an English address (`/en/social-map/<organisation>/<service>/`): the
interface (menus, labels, notices) is English, the page's own content is Greek and
marked `lang="el"`, and a notice says so. The language switcher leads to the same
page in every language, and the canonical link points at the Greek page.

Why routing and not alias pages
-------------------------------
wagtail-localize can "synchronise" a locale: it creates an alias page in English,
Arabic and Ukrainian for every Greek page. At 50,000 services that is 150,000 extra
page rows for three languages (plus their revisions, search-index rows, reference
index rows and workflow states), every publish of a Greek page re-publishes its
three aliases, and moving or deleting a page touches four trees. All of that to
show the very same Greek text.

So we route instead, at no storage cost: `LocaleFallbackRoutingMixin` is put on the
top pages of a section (the social map's DirectoryIndexPage). When the normal route
finds no child with a slug, it walks down the visitor's tree as far as it exists and
continues in the default-language (Greek) tree below that point, then serves the
Greek page while the visitor's language stays active. One extra indexed lookup, and
only for pages that are missing in the visitor's language.

Links are built the same way: `url_in_locale(page, locale)` gives a page's own
translation when it is live, otherwise the fallback address under the visitor's
prefix; `LocaleUrls` does it for a list of pages with three queries whatever the
list's length. A page instance shown as a fallback gets its `url_path` re-rooted in
memory (never saved) so Wagtail's own `pageurl` / `routablepageurl` / `get_url`
give visitor-language addresses for it; `is_fallback` and `content_locale` tell
templates to mark it `lang="el"`.

Sitemaps list each language's own pages only, so fallback addresses are never
presented to search engines as pages of their own.
"""

import copy

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils.functional import cached_property

from wagtail.models import Locale, Page

#: Attribute keeping a re-rooted page's real url_path (for its canonical address).
ORIGINAL_URL_PATH = "_koinonia_original_url_path"


class LocaleFallbackRoutingMixin:
    """Serve default-language descendants under this page's language prefix.

    Put it before `Page` (and before `RoutablePageMixin`'s own routes are tried, it
    only acts when they and the children all fail with a 404).
    """

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            result = fallback_route(self, request, path_components)
            if result is None:
                raise
            return result


def fallback_route(start, request, path_components):
    """Route `path_components` below `start` (a page in the visitor's language),
    continuing in the default-language tree where the visitor's tree stops."""
    default = Locale.get_default()
    if start.locale_id == default.pk or not path_components:
        return None
    node, rest = start, list(path_components)
    while rest:
        child = node.get_children().live().filter(slug=rest[0]).first()  # a draft translation hides nothing
        if child is None:
            break
        node, rest = child, rest[1:]
    if not rest:
        return None
    source = node.get_translation_or_none(default)
    if source is None:
        return None
    result = source.specific.route(request, rest)  # raises Http404 when nothing is there
    page = result[0]
    if page.pk == source.pk or page.get_translations().filter(locale=node.locale).live().exists():
        return None  # the visitor's own translation exists: never serve the Greek one
    reroot(page, node.url_path + page.url_path[len(source.url_path) :], default.language_code)
    return result


def reroot(page, url_path, content_language):
    """Give `page` (in memory only) the address it has under another language's tree."""
    if not hasattr(page, ORIGINAL_URL_PATH):
        setattr(page, ORIGINAL_URL_PATH, page.url_path)
    page.url_path = url_path
    page.is_fallback = True
    page.content_locale = content_language
    return page


def original_url(page, request=None):
    """The page's own address (its Greek one, for a re-rooted fallback)."""
    original = getattr(page, ORIGINAL_URL_PATH, None)
    if original is None:
        return page.get_url(request)
    plain = copy.copy(page)
    plain.url_path = original
    return plain.get_url(request)


class LocaleUrls:
    """Addresses of default-language pages inside one visitor language, in bulk.

    For a list of pages: one query for their live translations, one for their
    ancestors' translations, one for the fallback-routing pages of the language.
    """

    def __init__(self, locale):
        self.locale = locale

    @cached_property
    def _routing_roots(self):
        models = [m for m in apps.get_models() if issubclass(m, LocaleFallbackRoutingMixin) and issubclass(m, Page)]
        types = ContentType.objects.get_for_models(*models).values()
        return list(
            Page.objects.filter(content_type__in=types, locale=self.locale).live().values_list("path", flat=True)
        )

    def reroot(self, pages):
        """Re-root, in place, the pages that have no live translation in the locale.

        Pages already in the locale are left alone; a page with a live translation is
        given `translated_url` (callers normally list the translation instead).
        """
        pages = [p for p in pages if p.locale_id != self.locale.pk]
        if not pages:
            return
        translations = dict(
            Page.objects.filter(translation_key__in={p.translation_key for p in pages}, locale=self.locale)
            .live()
            .values_list("translation_key", "pk")
        )
        missing = []
        for page in pages:
            if page.translation_key in translations:
                page.translated_page_id = translations[page.translation_key]
            else:
                missing.append(page)
        if not missing:
            return
        step = Page.steplen
        ancestor_paths = {p.path[:i] for p in missing for i in range(step, len(p.path), step)}
        ancestors = {
            path: (key, url_path)
            for path, key, url_path in Page.objects.filter(path__in=ancestor_paths).values_list(
                "path", "translation_key", "url_path"
            )
        }
        translated = {
            key: (path, url_path)
            for key, path, url_path in Page.objects.filter(
                translation_key__in={key for key, _url in ancestors.values()}, locale=self.locale
            )
            .live()
            .values_list("translation_key", "path", "url_path")
        }
        roots = self._routing_roots
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        for page in missing:
            page.is_fallback = True  # when nowhere routes it, it keeps its Greek address
            page.content_locale = languages.get(page.locale_id)
            for i in range(len(page.path) - step, 0, -step):
                ancestor = ancestors.get(page.path[:i])
                if ancestor is None or ancestor[0] not in translated:
                    continue
                there_path, there_url_path = translated[ancestor[0]]
                if any(there_path.startswith(root) for root in roots):
                    url_path = there_url_path + page.url_path[len(ancestor[1]) :]
                    reroot(page, url_path, languages.get(page.locale_id))
                    break

    def urls(self, pages, request=None):
        """{page id: address in the locale} without touching the given instances."""
        copies = [copy.copy(p) for p in pages]
        self.reroot(copies)
        translated_ids = {getattr(p, "translated_page_id", None) for p in copies} - {None}
        translated = {p.pk: p for p in Page.objects.filter(pk__in=translated_ids)} if translated_ids else {}
        result = {}
        for page in copies:
            target = translated.get(getattr(page, "translated_page_id", None))
            result[page.pk] = (target or page).get_url(request)
        return result


def url_in_locale(page, locale, request=None):
    """The address of `page` for a visitor of `locale`: the page itself, its live
    translation, or the fallback address under the visitor's prefix."""
    if page.locale_id == locale.pk:
        return original_url(page, request)
    translation = page.get_translation_or_none(locale)
    if translation is not None and translation.live:
        return translation.get_url(request)
    plain = copy.copy(page)
    original = getattr(page, ORIGINAL_URL_PATH, None)
    if original is not None:
        plain.url_path = original
    return LocaleUrls(locale).urls([plain], request)[plain.pk]


def localize_result_urls(results, language_code):
    """Give search results in another language than the visitor's (`is_fallback`)
    their address under the visitor's prefix. `results` have `page_id`, `url` and
    `is_fallback`; three queries for the whole page of results."""
    fallbacks = [hit for hit in results if getattr(hit, "is_fallback", False)]
    locale = Locale.objects.filter(language_code=language_code).first() if fallbacks else None
    if locale is None:
        return results
    pages = Page.objects.filter(pk__in=[hit.page_id for hit in fallbacks]).only(
        "path", "depth", "url_path", "locale", "translation_key"
    )
    urls = LocaleUrls(locale).urls(list(pages))
    for hit in fallbacks:
        hit.url = urls.get(hit.page_id) or hit.url
    return results
