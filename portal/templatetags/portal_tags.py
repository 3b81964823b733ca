"""Template helpers shared by every page: language links, phones, hours."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Locale, Page

from directory.fields import WEEKDAYS
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
    current = get_language()
    codes = {locale.pk: locale.language_code for locale in Locale.objects.all()}
    suffix, query, translations = "", "", {}
    if isinstance(page, Page):
        if request is not None:
            query = request.META.get("QUERY_STRING", "")
            page_url = page.get_url(request) or ""
            if page_url and request.path.startswith(page_url):
                suffix = request.path[len(page_url) :]
        siblings = Page.objects.filter(translation_key=page.translation_key).live().exclude(pk=page.pk)
        translations = {codes.get(sibling.locale_id): sibling for sibling in siblings}
        if page.live:
            translations[codes.get(page.locale_id)] = page
    homes = {}
    root = Page.get_first_root_node()
    # The root's children by path range (indexed), not by depth (a scan of every page).
    for home in root.get_children().live().order_by("path") if root else ():
        homes.setdefault(codes.get(home.locale_id), home)
    links = []
    for code, name in settings.LANGUAGES:
        url, translated = f"/{code}/", False
        translation = translations.get(code)
        if translation is not None:
            url, translated = translation.get_url(request) + suffix + (f"?{query}" if query else ""), True
        elif code in homes:
            url = homes[code].get_url(request)
        links.append({"code": code, "name": name, "url": url, "translated": translated, "current": code == current})
    return links


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"links": _language_links(context)}


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """<link rel=alternate hreflang> for each language the page exists in."""
    from django.utils.html import format_html_join

    request = context.get("request")
    if request is None:
        return ""
    links = [link for link in _language_links(context) if link["translated"]]
    return format_html_join(
        "\n",
        '<link rel="alternate" hreflang="{}" href="{}">',
        ((l["code"], request.build_absolute_uri(l["url"])) for l in links),  # noqa: E741
    )


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
