"""The public entry points of the social map."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from directory.locale_fallback import LocaleFallbackRoutingMixin


class DirectoryIndexPage(LocaleFallbackRoutingMixin, RoutablePageMixin, Page):
    """The social map: browse, list with filters, map and printable guide.

    Organisations are its children. The listing, map and print views are routes
    of this page (not pages of their own) because they are views of the same data
    and must share one URL scheme for filters. Organisations, services and good
    practices that exist only in Greek are served under this page in the visitor's
    language (see directory.locale_fallback for why routing and not alias pages).
    """

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["directory.OrganisationPage", "directory.GoodPracticeIndexPage"]
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("social map")

    @path("")
    def home(self, request):
        from directory.views import directory_home

        return directory_home(request, self)

    @path("services/", name="services")
    def services(self, request):
        from directory.views import service_list

        return service_list(request, self)

    @path("services/print/", name="services_print")
    def services_print(self, request):
        from directory.views import service_list_print

        return service_list_print(request, self)

    @path("map/", name="map")
    def map(self, request):
        from directory.views import service_map

        return service_map(request, self)

    @path("map/points/", name="map_points")
    def map_points(self, request):
        from directory.views import service_map_points

        return service_map_points(request, self)


class GoodPracticeIndexPage(Page):
    """All good practices of the network, with filters."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("good practices index")

    def serve(self, request, *args, **kwargs):
        from directory.views import good_practice_list

        return good_practice_list(request, self)
