from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from campaigns import urls as campaigns_urls
from core.health import healthz
from directory import admin_guards
from portal import sitemaps
from portal.api import api_router
from portal.views import display_preferences
from search import urls as search_urls

urlpatterns = [
    # Before Wagtail's admin: three of its page views, guarded against partners' leaks.
    path("admin/", include(admin_guards.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    *search_urls.api_urlpatterns,
    path("api/hsds/", include("directory.hsds.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("display/", display_preferences, name="display_preferences"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("healthz", healthz, name="healthz"),
    *campaigns_urls.urlpatterns,  # outside the language prefixes: core/health.py
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Our own error pages, in the visitor's language (Django's debug pages while DEBUG is on).
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

# Every public page carries its language: /el/..., /en/...
urlpatterns += i18n_patterns(
    *search_urls.page_urlpatterns,
    *campaigns_urls.i18n_urlpatterns,
    path("sitemap.xml", sitemaps.language_sitemap, name="sitemap"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
