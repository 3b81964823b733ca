"""Request guards that answer bad input with a 400 before any view sees it.

PostgreSQL cannot store or compare a string holding a NUL character (U+0000): a query
with one raises "A string literal cannot contain NUL (0x00) characters", which is a
500 unless every view that passes a parameter to the database checks for it first.
Wagtail's API, its page finder and our own filters did not, and one check at the door
is surer than one per view: no legitimate link carries a NUL byte, so a request
whose query string holds one is refused as a whole, with a message in the visitor's
language.

Posted form values are left to the forms: Django's form fields refuse a NUL with a
message beside the field, so the person sees which field and keeps what they typed
(a bare 400 page would lose it). tests/portal/test_fuzz.py posts NUL bytes to every
public form to hold that.
"""

from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_nul(querydict):
    return any(NUL in key or any(NUL in value for value in values) for key, values in querydict.lists())


def bad_request(request, message):
    """A 400 carrying `message`: JSON under /api/, a plain page in the visitor's language elsewhere."""
    if request.path.startswith("/api/"):
        # Both shapes our clients read: Wagtail API's "message", our search API's "error(s)".
        return JsonResponse({"message": message, "error": message, "errors": [{"message": message}]}, status=400)
    language = translation.get_language() or "el"
    page = format_html(
        '<!DOCTYPE html><html lang="{}" dir="{}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title>'
        '<link rel="stylesheet" href="{}"></head><body><main class="govgr-width-container" id="main-content">'
        '<h1 class="govgr-heading-xl">{}</h1><p class="govgr-body">{}</p>'
        '<p class="govgr-body"><a class="govgr-link" href="/{}/">{}</a></p></main></body></html>',
        language,
        "rtl" if translation.get_language_bidi() else "ltr",
        _("Bad request"),
        static("vendor/digigov/digigov.css"),
        _("Bad request"),
        message,
        language,
        _("Go to the home page"),
    )
    return HttpResponse(page, status=400, content_type="text/html; charset=utf-8")


class RefuseNulMiddleware:
    """Answer 400 to a request whose query string (a name or a value) contains a NUL character.

    Placed after LocaleMiddleware, so that the message is in the language of the URL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET):
            return bad_request(request, _("The address or the form contains a character that is not allowed (NUL)."))
        return self.get_response(request)
