"""A request id that follows a request from nginx through every log line it causes.

nginx makes one per request ($request_id) and sends it as X-Request-ID; without a
proxy in front (or with a missing or malformed header) the middleware makes one. The
id goes back in the response's X-Request-ID header, so a person reporting "the page
said error" can quote it, and core.logging.RequestIdFilter adds it to every log
record written while the request is served (a context variable, so threads and
async tasks keep their own).
"""

import contextvars
import re
import uuid

from django.core.signals import request_finished
from django.dispatch import receiver

#: The id of the request being served in this context, or "-" outside a request.
current_request_id = contextvars.ContextVar("request_id", default="-")

HEADER = "X-Request-ID"
# What we accept from the proxy: nginx's 32 hex digits, a UUID, or a similar token.
VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")


def request_id_from(request):
    """The proxy's id if it looks like one, otherwise a new random one."""
    candidate = request.headers.get(HEADER, "")
    return candidate if VALID_ID.match(candidate) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Put first in MIDDLEWARE, so that every other middleware's log lines carry the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request)
        # Not reset when the chain returns: Django logs 4xx/5xx answers after the last
        # middleware (BaseHandler.get_response); request_finished clears it afterwards.
        current_request_id.set(request.request_id)
        response = self.get_response(request)
        response[HEADER] = request.request_id
        return response


@receiver(request_finished)
def forget_request_id(sender, **kwargs):
    current_request_id.set("-")
