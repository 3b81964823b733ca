"""Wagtail API v2 at /api/v2/: pages, images and documents (headless clients).

Each endpoint is Wagtail's own, with its paging parameters checked before any query
runs: Wagtail passes `offset` to the database as it comes, so an offset past the
bigint range was a database error (a 500) rather than a 400. A NUL byte in any
parameter (`search`, `locale`, `html_path`, ...) never gets this far: the
core.middleware.RefuseNulMiddleware answers it with a 400 for every view at once.
"""

import re

from django.conf import settings
from django.utils.translation import gettext as _

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

#: Deep enough for any listing we hold; beyond it paging is a scan of the whole table.
MAX_OFFSET = 1_000_000
WHOLE_NUMBER = re.compile(r"[0-9]{1,10}")


class BoundedPagingMixin:
    """`offset` and `limit` are whole numbers in range, or a 400 that says so."""

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        self._check_whole_number("offset", MAX_OFFSET)
        self._check_whole_number("limit", settings.WAGTAILAPI_LIMIT_MAX)

    def _check_whole_number(self, name, maximum):
        value = self.request.GET.get(name)
        if value is None:
            return
        if not WHOLE_NUMBER.fullmatch(value) or int(value) > maximum:
            raise BadRequestError(
                _("“%(name)s” must be a whole number from 0 to %(max)s.") % {"name": name, "max": maximum}
            )


class PagesEndpoint(BoundedPagingMixin, PagesAPIViewSet):
    pass


class ImagesEndpoint(BoundedPagingMixin, ImagesAPIViewSet):
    pass


class DocumentsEndpoint(BoundedPagingMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
