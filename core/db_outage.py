"""A database outage is a 503 with a clear message, not a 500 with a stack trace.

When PostgreSQL restarts or is unreachable, every query raises OperationalError
(or InterfaceError on a connection that died under us). That is not a bug in the
page: the visitor should be told the site is briefly unavailable and to try again,
in their language, and clients and the front cache should see 503 + Retry-After
(nginx then serves its stale copy where it has one). The page is static markup:
the templates' context processors would query the database that just failed.

Two ways an error reaches us: from a view or its template (process_exception), and
from another middleware or a context processor outside the view, which Django turns
into a 500 response before we see it; `got_request_exception` tells us that one
was a database error, and the 500 becomes the same 503.
Django closes a broken connection at the end of the request; with
CONN_HEALTH_CHECKS the next request opens a fresh one, so the site serves again as
soon as the database is back.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.utils.translation import gettext as _

from core.responses import plain_error

logger = logging.getLogger("koinonia.db_outage")

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10
FLAG = "_koinonia_database_unavailable"


def is_database_outage(exc):
    """True for the errors a lost or refused connection raises (not for bad SQL or data)."""
    return isinstance(exc, DATABASE_ERRORS)


def unavailable_response(request):
    """503 with a message: JSON under /api/, a plain page in the visitor's language elsewhere."""
    title = _("Service unavailable")
    message = _("The service is briefly unavailable. Please try again in a few moments.")
    response = plain_error(request, 503, title, message, request.get_full_path(), _("Try again"))
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "private, no-store"
    # Logged once as a warning below, not by django.request as an error per request: in
    # production those are e-mailed to the admins, one e-mail per visitor of an outage.
    response._has_been_logged = True
    return response


@receiver(got_request_exception)
def _remember_database_error(sender, request=None, **kwargs):
    """Mark the request when the exception Django is turning into a 500 is a lost database."""
    exc = sys.exc_info()[1]
    if request is not None and is_database_outage(exc):
        setattr(request, FLAG, True)


class DatabaseUnavailableMiddleware:
    """Answer 503 (with Retry-After) instead of 500 when the database cannot be reached.

    Placed right after LocaleMiddleware, so that the message is in the URL's language
    and every middleware that may query the database (sessions, authentication,
    redirects) runs inside it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, FLAG, False):
            return unavailable_response(request)
        return response

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            logger.warning("Database unavailable on %s %s: %s", request.method, request.path, exception)
            return unavailable_response(request)
        return None
