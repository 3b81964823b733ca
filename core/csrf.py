"""CSRF protection that lets anonymous forms live on cached pages.

Django's CSRF protection needs a token in the form and a matching cookie, which
makes every page with a form personal, so no shared cache may keep it. The display
settings in every page's header and the "report a problem" form on each service
page would then make the whole public site uncacheable.

For visitors who are not logged in (no session cookie) a same-origin check through
the headers every current browser sends with a POST does the same job without a
token (OWASP's "Verifying origin with standard headers" and "Fetch Metadata"): the
request is accepted when its Origin is this site, or, without an Origin, when
Sec-Fetch-Site says same-origin; a cross-site one is refused as before. A
request with neither header (a very old browser) falls back to Django's token
check. Logged-in people (the admin, partners) always go through the token check.
Written by hand because Django 5.2 has no token-less mode; it is a subclass, so
Django's rules, failure view and exemptions all stay in force.
"""

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware


def token_required(request):
    """True when a POST from this visitor must carry Django's token: they have a session.

    The forms on every page (display settings, "report a problem") render the token
    only then (`{% csrf_token_if_required %}`), so an anonymous page stays cacheable
    while a logged-in partner browsing the public site can still use them.
    """
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class SameOriginCsrfViewMiddleware(CsrfViewMiddleware):
    """Django's CsrfViewMiddleware, plus: anonymous same-origin POSTs need no token."""

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if (
            request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
            and not token_required(request)
            and self._same_origin(request)
        ):
            return self._accept(request)
        return super().process_view(request, callback, callback_args, callback_kwargs)

    def _same_origin(self, request):
        fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
        if fetch_site is not None and fetch_site not in ("same-origin", "none"):
            return False
        if "HTTP_ORIGIN" in request.META:
            return self._origin_verified(request)
        return fetch_site == "same-origin"
