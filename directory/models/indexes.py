"""The public entry points of the social map."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.page_views import view_for
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
        return view_for(self, "home")(request, self)

    @path("services/", name="services")
    def services(self, request):
        return view_for(self, "services")(request, self)

    @path("services/print/", name="services_print")
    def services_print(self, request):
        return view_for(self, "services_print")(request, self)

    @path("map/", name="map")
    def map(self, request):
        return view_for(self, "map")(request, self)

    @path("map/points/", name="map_points")
    def map_points(self, request):
        return view_for(self, "map_points")(request, self)


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
        return view_for(self, "serve")(request, self)
