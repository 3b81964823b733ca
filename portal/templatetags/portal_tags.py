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
    """For each language: the URL of this page (and route) in that language, or its home."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    suffix, query = "", ""
    if request is not None:
        query = request.META.get("QUERY_STRING", "")
        if isinstance(page, Page):
            page_url = page.get_url(request) or ""
            if page_url and request.path.startswith(page_url):
                suffix = request.path[len(page_url) :]
    links = []
    for code, name in settings.LANGUAGES:
        locale = locales.get(code)
        url, translated = f"/{code}/", False
        if locale is not None and isinstance(page, Page):
            translation = page.get_translation_or_none(locale) if page.locale_id != locale.pk else page
            if translation is not None and translation.live:
                url, translated = translation.get_url(request) + suffix + (f"?{query}" if query else ""), True
        if not translated and locale is not None:
            home = Page.objects.filter(depth=2, locale=locale).live().first()
            if home is not None:
                url = home.get_url(request)
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
