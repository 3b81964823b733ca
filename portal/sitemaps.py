"""Sitemaps: one per language (/el/sitemap.xml, …) and an index at /sitemap.xml.

Wagtail's sitemap lists the site's root page localized to the active language,
so serving it under i18n_patterns gives each language its own sitemap; the
index lets search engines find all of them from one address.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap


class LanguageSitemap(Sitemap):
    """The live public pages of the site's tree in the active language only."""

    def items(self):
        root = self.get_wagtail_site().root_page.localized
        return (
            root.get_descendants(inclusive=True)
            .live()
            .public()
            .filter(locale_id=root.locale_id)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


def language_sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": LanguageSitemap})


def sitemap_index(request):
    locations = [request.build_absolute_uri(f"/{code}/sitemap.xml") for code, _name in settings.LANGUAGES]
    xml = render_to_string("portal/sitemap_index.xml", {"locations": locations})
    return HttpResponse(xml, content_type="application/xml")
