"""Error answers that need neither the database nor a template.

A 400 for a NUL byte (core/middleware.py) and a 503 for a lost database
(core/db_outage.py) are answered before or without the views: the templates'
context processors would query the database, which for a 503 has just failed. Both
answer in the two shapes our clients read, JSON under /api/ and to clients that ask
for it (Wagtail API's
"message", our search API's "error(s)") and a plain GOV.GR page in the language of
the URL elsewhere.
"""

from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import format_html


def wants_json(request):
    """Under /api/, or a client that asks for JSON rather than a page (the map's script
    fetching its points); a browser's Accept (text/html first, or */*) gets the page."""
    if request.path.startswith("/api/"):
        return True
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def plain_error(request, status, title, message, link_href, link_text):
    """An answer with `status`: JSON for API clients (see `wants_json`), else a minimal page with one link."""
    if wants_json(request):
        return JsonResponse(
            {"message": message, "error": message, "errors": [{"message": message}]},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    page = format_html(
        '<!DOCTYPE html><html lang="{}" dir="{}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title>'
        '<link rel="stylesheet" href="{}"></head><body><main class="govgr-width-container" id="main-content">'
        '<h1 class="govgr-heading-xl">{}</h1><p class="govgr-body">{}</p>'
        '<p class="govgr-body"><a class="govgr-link" href="{}">{}</a></p></main></body></html>',
        translation.get_language() or "el",
        "rtl" if translation.get_language_bidi() else "ltr",
        title,
        static("vendor/digigov/digigov.css"),
        title,
        message,
        link_href,
        link_text,
    )
    return HttpResponse(page, status=status, content_type="text/html; charset=utf-8")
