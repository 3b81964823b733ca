"""Public alert views: the list, an alert's page, its CAP message and the CAP Atom feed.

Thin: what is current is campaigns.alerts' job, the XML campaigns.cap's. An alert's
page stays reachable after it ends, was replaced or cancelled (links in old posts
and in other systems' copies must not break) and says so.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.utils.translation import get_language

from campaigns import cap
from campaigns.alerts import AlertQuery
from directory.locale_fallback import LocaleUrls

#: CAP forbids spaces, commas and "<>&'" in identifiers; ours are letters, digits, "-" and "_" (no "."
#: either, so that "/alerts/x.cap" never matches an alert page once the language prefix is added).
IDENTIFIER = r"(?P<identifier>[A-Za-z0-9_-]{1,100})"


def _base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def _alert_or_404(identifier):
    alert = AlertQuery.by_identifier(identifier)
    if alert is None:
        raise Http404("No such alert")
    return alert


def alert_list(request):
    language = get_language()
    alerts = list(AlertQuery.shown())
    entries = [{"alert": a, "info": a.info_for(language), "areas": _area_names(a, language)} for a in alerts]
    context = {"entries": entries, "feed_url": reverse("alerts_cap_feed")}
    return TemplateResponse(request, "campaigns/alert_list.html", context)


def alert_page(request, identifier):
    alert = _alert_or_404(identifier)
    language = get_language()
    info = alert.info_for(language)
    newest = alert
    while getattr(newest, "next_message", None) is not None:
        newest = newest.next_message
    services = list(alert.services.live().specific()) if not alert.is_cancel else []
    if services:
        from wagtail.models import Locale

        LocaleUrls(Locale.get_active()).reroot(services)
    context = {
        "alert": alert,
        "info": info,
        "info_is_fallback": info is not None and info.language != language,
        "state": alert.state(),
        "newest": newest if newest.pk != alert.pk else None,
        "areas": _area_names(alert, language),
        "services": services,
        "cap_url": reverse("alert_cap", args=[alert.identifier]),
        "now": timezone.now(),
    }
    return TemplateResponse(request, "campaigns/alert_page.html", context)


def _area_names(alert, language):
    names = []
    for area in alert.areas.all():
        translated = area.get_translation_or_none(_locale(language)) if language != settings.LANGUAGE_CODE else None
        names.append((translated or area).display_name)
    return names


def _locale(language):
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=language).first()


def alert_cap(request, identifier):
    alert = _alert_or_404(identifier)
    return HttpResponse(cap.cap_xml(alert, _base_url(request)), content_type=cap.CAP_CONTENT_TYPE + "; charset=utf-8")


def cap_feed(request):
    alerts = list(AlertQuery.in_feed())
    body = cap.atom_feed(alerts, _base_url(request), request.build_absolute_uri(reverse("alerts_cap_feed")))
    return HttpResponse(body, content_type=cap.ATOM_CONTENT_TYPE + "; charset=utf-8")


alerts_urlpatterns = [
    path("alerts/feed.atom", cap_feed, name="alerts_cap_feed"),
    re_path(rf"^alerts/{IDENTIFIER}\.cap$", alert_cap, name="alert_cap"),
]

alerts_i18n_urlpatterns = [
    path("alerts/", alert_list, name="alerts_list"),
    re_path(rf"^alerts/{IDENTIFIER}/$", alert_page, name="alert_page"),
]
