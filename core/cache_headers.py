"""Say on every response whether a shared cache (nginx in front of us) may keep it.

The front cache (deploy/nginx/cache.conf) stores what the application marks
`public, s-maxage=N` and nothing else, so the decision lives here, next to the
request, where it can be tested; nginx adds a second guard by bypassing the cache
for requests that carry one of the cookies below.

A response is cacheable only when it is the same for every anonymous visitor of
that URL (the language is in the URL):

- a GET or HEAD answered 200, 301 or 404 (a page that disappears is purged by
  refreshing it, and the refresh must be able to replace the old copy with the 404);
- not the admin, not a Wagtail preview;
- no cookie in the request that changes the page: the session (a logged-in user;
  without a session cookie nobody is, and the session is never loaded to find out),
  the CSRF cookie, Django's messages, the display preferences (text size and
  contrast are classes on <html>, rendered on the server so that they work without
  JavaScript): `settings.KOINONIA_CACHE_BYPASS_COOKIES`, the same list nginx reads;
- no campaign tracking parameters (utm_*) in the URL: such a visit is counted by the
  application (campaigns.reach, without cookies), so it must reach it;
- no CSRF token used in rendering (a form that posts with a token is personal),
  no message shown or queued ("Thank you, your report was sent"), no cookie set.

Everything else is `private, no-store`. A view that set its own Cache-Control keeps
it when its response is cacheable by these rules (a view knows better how long).
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

CACHEABLE_STATUSES = {200, 301, 404}
SAFE_METHODS = {"GET", "HEAD"}
DEFAULT_BYPASS_COOKIES = ("sessionid", "csrftoken", "messages")


def bypass_cookies():
    """Names of the cookies whose presence makes a page personal."""
    names = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages", *DEFAULT_BYPASS_COOKIES}
    names.update(getattr(settings, "KOINONIA_CACHE_BYPASS_COOKIES", ()))
    return names


def _messages_involved(request):
    """True if a message was queued in this request or shown from an earlier one."""
    storage = getattr(request, "_messages", None)
    if storage is None:
        return False
    return bool(storage.used or getattr(storage, "_queued_messages", None))


def private_reason(request, response):
    """Why this response must not go into a shared cache, or "" if it may."""
    if request.method not in SAFE_METHODS:
        return "method"
    if response.status_code not in CACHEABLE_STATUSES:
        return "status"
    if any(request.path.startswith(prefix) for prefix in getattr(settings, "KOINONIA_NEVER_CACHE_PREFIXES", ())):
        return "never-cached path"
    if any(key.startswith("utm_") for key in request.GET):
        return "tracking parameters"
    if getattr(request, "is_preview", False):
        return "preview"
    if bypass_cookies().intersection(request.COOKIES):
        return "cookie"
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return "csrf token"
    if _messages_involved(request):
        return "messages"
    if response.cookies:
        return "sets a cookie"
    return ""


def front_cache_seconds():
    return int(getattr(settings, "KOINONIA_FRONT_CACHE_SECONDS", 60))


class CacheHeadersMiddleware:
    """Mark each response `public, s-maxage` (same for every anonymous visitor) or `private, no-store`.

    Browsers get max-age=0 on public pages: they revalidate, so a purge reaches them
    at once; the shared cache keeps the page for KOINONIA_FRONT_CACHE_SECONDS, and
    may serve it stale while it refreshes it or while the application is down.
    Placed outside the session, CSRF, message, locale and redirect middleware (right
    after WhiteNoise, whose static files keep their own headers), so that it sees the
    cookies they set and the responses they make (the language redirect of /).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        reason = private_reason(request, response)
        if reason:
            if "Cache-Control" in response:
                del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
        elif "Cache-Control" not in response:
            seconds = front_cache_seconds()
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=seconds,
                stale_while_revalidate=seconds,
                stale_if_error=10 * seconds,
            )
        if settings.DEBUG or getattr(settings, "KOINONIA_CACHE_REASON_HEADER", False):
            response["X-Cache-Decision"] = reason or "public"
        return response
