"""Template context every page needs: navigation and the language switcher."""

from django.conf import settings

from wagtail.models import Locale, Page, Site

from directory.cache import cached
from portal import preferences
from portal.models import SiteText


def _menu(root, locale, request):
    """Main menu items as plain data, so they can be cached between publishes."""
    pages = Page.objects.child_of(root).live().in_menu().filter(locale=locale)
    return [{"title": p.title, "url": p.get_url(request), "path": p.path, "depth": p.depth} for p in pages]


def _statement_url(root, request):
    from portal.models import AccessibilityStatementPage

    statement = AccessibilityStatementPage.objects.child_of(root).live().first()
    return statement.get_url(request) if statement else ""


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
    menu = cached(f"menu:{root.pk}", locale, lambda: _menu(root, locale, request))
    statement = cached(f"statement:{root.pk}", locale, lambda: _statement_url(root, request))
    site_text = cached("site_text", locale, lambda: SiteText.for_locale(locale))
    return {
        "site_text": site_text,
        "accessibility_statement_url": statement,
        "site_root": root,
        "main_menu": menu,
        "available_languages": settings.LANGUAGES,
        "tiles_url": settings.KOINONIA_MAP_TILES_URL,
        "tiles_attribution": settings.KOINONIA_MAP_TILES_ATTRIBUTION,
    }
