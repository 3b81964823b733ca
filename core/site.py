"""The site's home page, for apps that put their sections under it.

portal/ owns the home page type and builds the site tree (portal.bootstrap); the apps
below it may not import portal, but their sections (consultations, the social map's
translations) still go under the home page. Wagtail's default Site says which page
that is, whatever its type.
"""

from wagtail.models import Locale, Site


def default_home(locale=None):
    """The default site's root page in `locale` (default: the default language), or
    None before the site tree exists (portal.bootstrap.ensure_site_tree makes it)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    root = site.root_page.specific
    locale = locale or Locale.get_default()
    if root.locale_id == locale.pk:
        return root
    return root.get_translation_or_none(locale)
