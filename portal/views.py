"""Small views of the portal itself."""

from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import preferences


@require_POST
def display_preferences(request):
    """Store the visitor's text size and contrast, then go back to the page they were on."""
    text = request.POST.get("text_size")
    contrast = request.POST.get("contrast")
    if (text and text not in preferences.TEXT_SIZES) or (contrast and contrast not in preferences.CONTRASTS):
        return HttpResponseBadRequest(_("Unknown display setting."))
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    for cookie, value in ((preferences.COOKIE_TEXT, text), (preferences.COOKIE_CONTRAST, contrast)):
        if value:
            response.set_cookie(cookie, value, max_age=preferences.ONE_YEAR, samesite="Lax", secure=request.is_secure())
    return response
