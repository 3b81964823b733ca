"""Public newsletter pages: sign-up, "check your e-mail", confirm, unsubscribe. Thin: they
check input, call campaigns.newsletter and render.

Every answer is the same whether the address was already subscribed or not (no one
can learn from the form whether someone subscribes). Confirming and unsubscribing are
POSTs: e-mail scanners that follow links (GET) confirm and unsubscribe nothing; the
GET pages show one button. The unsubscribe URL also takes RFC 8058's one-click POST
from mail programs, which carries no CSRF token: the signed link is the authority.
"""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from campaigns import newsletter
from campaigns.forms_newsletter import SignupForm
from campaigns.models.newsletter import CONFIRMATION_HOURS
from core import visits
from core.spam import captcha_offline, over_rate_limit

SIGNUP_RATE = "10/h"


def _language():
    return translation.get_language() or "el"


def _signup_page(request, form, status=200):
    context = {"form": form, "captcha_offline": captcha_offline(), "hours": CONFIRMATION_HOURS}
    return TemplateResponse(request, "campaigns/newsletter_signup.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def signup(request):
    language = _language()
    if request.method != "POST":
        return _signup_page(request, SignupForm(language=language))
    form = SignupForm(request.POST, language=language)
    if over_rate_limit(request, "newsletter-signup", SIGNUP_RATE):
        form.is_valid()
        form.add_error(None, _("Many sign-ups have come from your connection in a short time. Please try again later."))
        return _signup_page(request, form, status=429)
    if not form.is_valid():
        return _signup_page(request, form, status=400)
    data = form.cleaned_data
    try:
        newsletter.request_signup(data["email"], data["language"], data["topics"])
    except newsletter.ConfirmationNotSent:
        form.add_error(None, _("We could not send the confirmation e-mail just now. Please try again in a moment."))
        return _signup_page(request, form, status=503)
    return HttpResponseRedirect(reverse("newsletter_check_email"))


@require_http_methods(["GET"])
def check_email(request):
    return TemplateResponse(request, "campaigns/newsletter_check_email.html", {"hours": CONFIRMATION_HOURS})


def _link_problem(request, expired, status):
    context = {"expired": expired, "hours": CONFIRMATION_HOURS}
    return TemplateResponse(request, "campaigns/newsletter_link_problem.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET: a page with the "Confirm" button; POST: confirm (once), then the confirmed page."""
    try:
        pending = newsletter.pending_for_token(token)
    except newsletter.LinkExpired:
        return _link_problem(request, expired=True, status=410)
    except newsletter.LinkInvalid:
        return _link_problem(request, expired=False, status=404)
    if request.method != "POST":
        return TemplateResponse(request, "campaigns/newsletter_confirm.html", {"token": token})
    try:
        newsletter.confirm(pending)
    except newsletter.LinkInvalid:
        return _link_problem(request, expired=False, status=404)
    visits.note_action(request, visits.NEWSLETTER)
    return HttpResponseRedirect(reverse("newsletter_confirmed"))


@require_http_methods(["GET"])
def confirmed(request):
    return TemplateResponse(request, "campaigns/newsletter_confirmed.html", {})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: the page with the button. POST (the button, or a mail program's one-click): unsubscribe."""
    try:
        subscriber = newsletter.subscriber_for_unsubscribe(token)
    except newsletter.LinkInvalid:
        return TemplateResponse(request, "campaigns/newsletter_unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        newsletter.unsubscribe(token)
        return TemplateResponse(request, "campaigns/newsletter_unsubscribe.html", {"done": True})
    context = {"token": token, "done": subscriber is None}
    return TemplateResponse(request, "campaigns/newsletter_unsubscribe.html", context)


newsletter_urlpatterns = [
    path("newsletter/", signup, name="newsletter_signup"),
    path("newsletter/check-your-email/", check_email, name="newsletter_check_email"),
    path("newsletter/confirm/<str:token>/", confirm, name="newsletter_confirm"),
    path("newsletter/confirmed/", confirmed, name="newsletter_confirmed"),
    path("newsletter/unsubscribe/<str:token>/", unsubscribe, name="newsletter_unsubscribe"),
]
