"""Small views of the portal itself."""

from django.conf import settings
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.page_views import page_view
from core.responses import plain_error, wants_json
from directory.views import home_context
from portal import preferences

#: The home page shows the social map's needs and places with their counts.
page_view("portal.HomePage", "context")(home_context)


@require_POST
def display_preferences(request):
    """Store the visitor's text size and contrast, then go back to the page they were on.

    `next` is a path of this site or nothing: anything else (another site, a relative
    "a%00b") sends the visitor home. An unknown setting is a page that says so, with
    the way back, not a bare line of text."""
    text = request.POST.get("text_size")
    contrast = request.POST.get("contrast")
    target = request.POST.get("next", "/")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    if (text and text not in preferences.TEXT_SIZES) or (contrast and contrast not in preferences.CONTRASTS):
        return plain_error(
            request, 400, _("Bad request"), _("Unknown display setting."), target, _("Go back to the page")
        )
    response = HttpResponseRedirect(target)
    for cookie, value in ((preferences.COOKIE_TEXT, text), (preferences.COOKIE_CONTRAST, contrast)):
        if value:
            response.set_cookie(cookie, value, max_age=preferences.ONE_YEAR, samesite="Lax", secure=request.is_secure())
    return response


def _language_from_path(path):
    """The language of /el/..., /en/... URLs; the default language otherwise."""
    code = path.lstrip("/").split("/", 1)[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def page_not_found(request, exception=None):
    """Our 404 in the visitor's language, with the search box and the helplines; JSON for
    API clients (an unknown /api/ address), who cannot read a page."""
    language = _language_from_path(request.path)
    with translation.override(language):
        if wants_json(request):
            return plain_error(
                request,
                404,
                _("Page not found"),
                _("Page not found"),
                f"/{language}/",
                _("Go to the home page"),
            )
        return render(request, "404.html", status=404)


def server_error(request):
    """Our 500, in the visitor's language, without touching the database (it may be
    what failed): static markup, language from the path, no context processors."""
    language = _language_from_path(request.path)
    try:
        with translation.override(language):
            html = loader.get_template("500.html").render(
                {"LANGUAGE_CODE": language, "LANGUAGE_BIDI": translation.get_language_bidi()}
            )
    except Exception:  # noqa: BLE001 (the error page itself must never fail)
        html = "<!DOCTYPE html><title>Server error (500)</title><h1>Server error (500)</h1>"
    return HttpResponseServerError(html)
