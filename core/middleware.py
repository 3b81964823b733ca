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

from django.utils import translation
from django.utils.translation import gettext as _

from core.responses import plain_error

NUL = "\x00"


def _has_nul(querydict):
    return any(NUL in key or any(NUL in value for value in values) for key, values in querydict.lists())


def bad_request(request, message):
    """A 400 carrying `message`: JSON under /api/, a plain page in the visitor's language elsewhere."""
    language = translation.get_language() or "el"
    return plain_error(request, 400, _("Bad request"), message, f"/{language}/", _("Go to the home page"))


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


#: A URLconf without language prefixes, for KeepApiNotFoundMiddleware.
WITHOUT_LANGUAGES = "core.urls_without_languages"


class KeepApiNotFoundMiddleware:
    """A 404 under /api/ stays the API's own 404 (JSON), not a redirect to /el/api/….

    Django's LocaleMiddleware answers a 404 outside the language prefixes with a
    redirect to the same path under the visitor's language when that path exists, and
    Wagtail's catch-all makes every path exist: Wagtail's API answered an unknown page
    id or locale with a 302 to an HTML "page not found". For pages (/social-map/ typed
    without its language) that redirect is right; for an API it is not. Judged against
    a URLconf without language prefixes, LocaleMiddleware leaves the 404 alone (the
    HSDS API did this for itself; this does it for every API at once).

    Placed after LocaleMiddleware, so that it sees the response first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.path_info.startswith("/api/"):
            request.urlconf = WITHOUT_LANGUAGES
        return response
