"""Public views of traceable material: the short link and the link-click beacon.

Both live outside the language prefix (/c/...), are never cached (they count), set no
cookie and store no IP address (campaigns/reach.py does the counting).
"""

import logging

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from campaigns import reach
from core import visits

logger = logging.getLogger(__name__)

#: The beacon's body is a few bytes; anything larger is not ours.
BEACON_MAX_BYTES = 2048


@never_cache  # each scan must reach us, and a code unknown now may exist in a minute
def short_link(request, code):
    """302 to the material's target with its utm parameters, after counting the scan."""
    entry = reach.codes.get(code.strip().lower())
    if entry is None:
        response = render(request, "campaigns/material_not_found.html", status=404)
        # LocaleMiddleware turns a 404 outside the language prefix into a redirect to
        # /el/c/<code>/ when that path resolves, and Wagtail's catch-all resolves every
        # path: for the rest of this response, resolve against our prefix-free URLs only.
        request.urlconf = "campaigns.urls"
        return response
    try:
        reach.record_scan(request, entry)
    except Exception:  # noqa: BLE001 - a counting failure must not strand someone at a bus stop
        logger.exception("short link %s: scan not counted", code)
    response = HttpResponse(status=302)
    response["Location"] = entry[3]
    response["Referrer-Policy"] = "no-referrer"
    return response


@csrf_exempt  # counts only; refused below unless the browser says the page was ours
@require_POST
def beacon(request):
    """A phone or directions link was followed (static/js/reach.js, navigator.sendBeacon).

    Only the kinds a browser alone can see (core.visits.BEACON_KINDS) are accepted;
    searches, service pages, comments and sign-ups are counted by the server where
    they happen, so a forged beacon can add nothing else. 204 without a body.
    """
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return HttpResponse(status=403)
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > BEACON_MAX_BYTES:
        return HttpResponseBadRequest("too large")
    kind = request.POST.get("kind", "")
    target = request.POST.get("target", "")[:500]
    if kind not in visits.BEACON_KINDS or "\x00" in target:
        return HttpResponseBadRequest("unknown kind")
    visits.note_action(request, kind, target=target)
    return HttpResponse(status=204)


def _urlpatterns():
    from django.urls import path

    return [
        path("c/beacon", beacon, name="reach_beacon"),
        path("c/<str:code>", short_link, name="short_link"),
        path("c/<str:code>/", short_link),  # typed from paper with a slash at the end
    ]


reach_urlpatterns = _urlpatterns()
