"""Template context every page needs: navigation, footer links and the language switcher."""

from django.conf import settings

from wagtail.models import Locale, Site

from core.cache import cached
from portal import preferences
from portal.menus import menu_links
from portal.models import SiteText


def _page_links(root, locale, request, site_text):
    """URLs of the statements the footer and the forms link, in the visitor's language.

    Plain strings, so that they can be cached until the next publish; "" when a page
    does not exist (the templates then leave the link out).
    """
    from portal.models import AccessibilityStatementPage, PrivacyNoticePage

    def url(page):
        if page is None:
            return ""
        page = page.specific_deferred
        localized = page.get_translation_or_none(locale) or page
        return (localized.get_url(request) or "") if localized.live else ""

    return {
        "accessibility_statement_url": url(AccessibilityStatementPage.objects.child_of(root).live().first()),
        "privacy_notice_url": url(PrivacyNoticePage.objects.child_of(root).live().first()),
        "terms_url": url(site_text.terms_page) if site_text.pk else "",
        "cookies_url": url(site_text.cookies_page) if site_text.pk else "",
    }


def display(request):
    """The visitor's text size and contrast (see portal/preferences.py)."""
    return {"display": preferences.from_request(request)} if request else {}


def site_chrome(request):
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {}
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = Locale.get_default()
    root = site.root_page.localized
    site_text = cached("site_text", locale, lambda: SiteText.for_locale(locale))
    menu = cached(f"menu:{root.pk}", locale, lambda: menu_links(root, locale, request))
    links = cached(f"statements:{root.pk}", locale, lambda: _page_links(root, locale, request, site_text))
    return {
        "site_text": site_text,
        **links,
        "site_root": root,
        "main_menu": menu,
        "available_languages": settings.LANGUAGES,
        "tiles_url": settings.KOINONIA_MAP_TILES_URL,
        "tiles_attribution": settings.KOINONIA_MAP_TILES_ATTRIBUTION,
    }
