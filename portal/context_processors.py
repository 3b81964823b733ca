"""Template context every page needs: navigation and the language switcher."""

from django.conf import settings

from wagtail.models import Locale, Page, Site


def site_chrome(request):
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {}
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = Locale.get_default()
    root = site.root_page.localized
    menu = Page.objects.child_of(root).live().in_menu().filter(locale=locale).specific()
    return {
        "site_root": root,
        "main_menu": menu,
        "available_languages": settings.LANGUAGES,
        "tiles_url": settings.KOINONIA_MAP_TILES_URL,
        "tiles_attribution": settings.KOINONIA_MAP_TILES_ATTRIBUTION,
    }
