"""Template helpers shared by every page: language links, phones, hours."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from wagtail.models import Locale, Page

from core.cache import cached
from directory.fields import WEEKDAYS
from directory.locale_fallback import LocaleUrls, original_url, url_in_locale
from directory.phones import tel_uri

register = template.Library()

WEEKDAY_NAMES = dict(WEEKDAYS)


def _language_links(context):
    """For each language: the URL of this page (and route) in that language, or its home.

    Every page shows these links twice (the switcher and the hreflang alternates), so
    they are worked out once per request, with one query for the page's live
    translations and one for the language homes.
    """
    request = context.get("request")
    cached = getattr(request, "_koinonia_language_links", None)
    if cached is not None:
        return cached
    links = _build_language_links(request, context.get("page"))
    if request is not None:
        request._koinonia_language_links = links
    return links


def _build_language_links(request, page):
    """The same page in every language: its live translation, else the Greek page at
    its address under that language (directory.locale_fallback), else the language's
    home. Views that are not pages (search) keep their path and query string."""
    current = get_language()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    codes = {locale.pk: code for code, locale in locales.items()}
    suffix, query, translations = "", "", {}
    if request is not None:
        query = request.META.get("QUERY_STRING", "")
    query = f"?{query}" if query else ""
    if isinstance(page, Page):
        if request is not None:
            page_url = page.get_url(request) or ""
            if page_url and request.path.startswith(page_url):
                suffix = request.path[len(page_url) :]
        siblings = Page.objects.filter(translation_key=page.translation_key).live().exclude(pk=page.pk)
        translations = {codes.get(sibling.locale_id): sibling.get_url(request) for sibling in siblings}
        if page.live:
            translations[codes.get(page.locale_id)] = original_url(page, request)
    # Cached until the next publish: finding the root's children reads the whole page
    # index at 50,000 services (every page is below the root), on every page view.
    homes = cached("language_homes", None, lambda: _language_homes(codes))
    links = []
    for code, name in settings.LANGUAGES:
        url, translated, same_page = f"/{code}/", False, False
        if code in translations:
            url, translated, same_page = translations[code] + suffix + query, True, True
        elif isinstance(page, Page) and page.live and code in locales:
            fallback = url_in_locale(page, locales[code], request)
            if fallback and fallback.startswith(f"/{code}/"):
                url, same_page = fallback + suffix + query, True
        elif not isinstance(page, Page) and request is not None and _is_django_view(request):
            url, same_page = translate_url(request.path, code) + query, True
        if not same_page and code in homes:
            url = homes[code].get_url(request)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "translated": translated,
                "same_page": same_page,
                "current": code == current,
            }
        )
    return links


def _language_homes(codes):
    """{language code: its live home page}: the root's first live child in each locale."""
    homes = {}
    root = Page.get_first_root_node()
    for home in root.get_children().live().order_by("path") if root else ():
        homes.setdefault(codes.get(home.locale_id), home)
    return homes


def _is_django_view(request):
    """A view of our own under i18n_patterns (search, …), not a Wagtail page or a 404."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name not in (None, "wagtail_serve")


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"links": _language_links(context)}


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """<link rel=canonical> and <link rel=alternate hreflang> for the languages the page
    exists in. A Greek page shown under /en/ (no English translation) is canonically
    the Greek page: its fallback address is never presented as a page of its own."""
    from django.utils.html import format_html, format_html_join

    request = context.get("request")
    if request is None:
        return ""
    page = context.get("page")
    links = [link for link in _language_links(context) if link["translated"]]
    canonical = ""
    if isinstance(page, Page) and getattr(page, "is_fallback", False):
        own = next((link for link in links if link["code"] == getattr(page, "content_locale", "")), None)
        if own is not None:
            canonical = format_html('<link rel="canonical" href="{}">\n', request.build_absolute_uri(own["url"]))
    alternates = format_html_join(
        "\n",
        '<link rel="alternate" hreflang="{}" href="{}">',
        ((l["code"], request.build_absolute_uri(l["url"])) for l in links),  # noqa: E741
    )
    return format_html("{}{}", canonical, alternates)


@register.simple_tag(takes_context=True)
def localized_crumbs(context, page):
    """Breadcrumbs of `page` in the visitor's language: each ancestor's translation
    when it has one, else the Greek ancestor at its address in the visitor's language
    (`lang` tells the template to mark its Greek title)."""
    request = context.get("request")
    ancestors = list(page.get_ancestors().filter(depth__gt=1).specific(defer=True))
    locale = Locale.get_active()
    default_codes = {}
    by_key = {}
    others = [a for a in ancestors if a.locale_id != locale.pk]
    if others:
        by_key = {
            p.translation_key: p
            for p in Page.objects.filter(translation_key__in=[a.translation_key for a in others], locale=locale).live()
        }
        urls = LocaleUrls(locale).urls([a for a in others if a.translation_key not in by_key], request)
        default_codes = dict(Locale.objects.values_list("pk", "language_code"))
    crumbs = []
    for ancestor in ancestors:
        if ancestor.locale_id == locale.pk:
            crumbs.append({"title": ancestor.title, "url": ancestor.get_url(request), "lang": ""})
        elif ancestor.translation_key in by_key:
            translation = by_key[ancestor.translation_key]
            crumbs.append({"title": translation.title, "url": translation.get_url(request), "lang": ""})
        else:
            crumbs.append(
                {"title": ancestor.title, "url": urls[ancestor.pk], "lang": default_codes.get(ancestor.locale_id, "")}
            )
    return crumbs


@register.inclusion_tag("components/fallback_notice.html", takes_context=True)
def fallback_notice(context, page=None):
    """'This page is not yet available in English; it is shown in Greek.' on a page
    shown in another language than the visitor's."""
    page = page or context.get("page")
    current = get_language()
    content = getattr(page, "content_locale", None) or ""
    if not isinstance(page, Page) or not getattr(page, "is_fallback", False) or content == current:
        return {"show": False}
    return {
        "show": True,
        "language": get_language_info(current)["name_translated"],
        "content_language": get_language_info(content)["name_translated"] if content else "",
        "code": current,
    }


@register.filter
def tel(number):
    """A phone number as a tel: URI ('' when not dialable)."""
    return tel_uri(number)


@register.filter
def weekday_name(index):
    return WEEKDAY_NAMES.get(index, "")


@register.filter
def term_labels(terms):
    return ", ".join(getattr(t, "label", None) or t.name for t in terms)


@register.simple_tag(takes_context=True)
def localized_pageurl(context, page):
    """`pageurl` that keeps the visitor in their language (directory.locale_fallback)."""
    return url_in_locale(page, Locale.get_active(), context.get("request"))
