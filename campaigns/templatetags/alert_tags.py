"""Alerts in templates: the banner every page shows, and a service's own notice.

The directory's templates load these tags (`{% load alert_tags %}`) and never import
campaigns: a template may name any installed app's tag library, while Python imports
must point one way (core <- search <- directory <- campaigns). The banner works out
itself which page it is on, from the context base.html gives every include.
"""

from django import template
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from campaigns.alerts import alerts_concerning, alerts_for_page, seconds_to_next_expiry

register = template.Library()

SEVERITY_LABELS = {
    "Extreme": _("Extreme danger"),
    "Severe": _("Danger"),
    "Moderate": _("Warning"),
    "Minor": _("Notice"),
    "Unknown": _("Notice"),
}
#: Attribute on the request: seconds until the first shown alert ends (AlertCacheMiddleware).
EXPIRY_ATTRIBUTE = "koinonia_alert_expires_in"


def _entries(alerts, language, with_areas):
    return [
        {
            "identifier": alert.identifier,
            "headline": alert.headline(language),
            "text_language": alert.text_language(language),
            "severity": alert.severity.lower(),
            "severity_label": SEVERITY_LABELS.get(alert.severity, SEVERITY_LABELS["Unknown"]),
            "areas": alert.areas_in(language) if with_areas else [],
            "url": reverse("alert_page", args=[alert.identifier]),
            "onset": alert.onset,
            "expires": alert.expires,
        }
        for alert in alerts
    ]


def _remember_expiry(request, alerts):
    seconds = seconds_to_next_expiry(alerts)
    if request is not None and seconds is not None:
        previous = getattr(request, EXPIRY_ATTRIBUTE, None)
        setattr(request, EXPIRY_ATTRIBUTE, seconds if previous is None else min(previous, seconds))


@register.simple_tag(takes_context=True)
def alert_banners(context):
    """The alerts this page shows, most severe first (see campaigns.alerts.alerts_for_page)."""
    request = context.get("request")
    page = context.get("page")
    alerts = alerts_for_page(request, page if hasattr(page, "depth") else None)
    _remember_expiry(request, alerts)
    return _entries(alerts, get_language(), with_areas=True)


@register.inclusion_tag("campaigns/alert_service_notice.html", takes_context=True)
def service_alert_notice(context, page):
    """On a service's own page: the alerts that name it (a cooling centre that opens)."""
    alerts = alerts_concerning(page)
    _remember_expiry(context.get("request"), alerts)
    return {"alerts": _entries(alerts, get_language(), with_areas=False)}


@register.inclusion_tag("campaigns/alert_flag.html", takes_context=True)
def alert_flag(context, service):
    """A short label on a result card (listing, organisation page, search hit) of a
    service that an alert concerns, linking to the alert.

    Like the banner, it notes the alert's end on the request: a page whose only sign of
    the alert is a flag must not stay in the front cache after the alert ends either.
    """
    alerts = alerts_concerning(service)
    _remember_expiry(context.get("request"), alerts)
    return {"alerts": _entries(alerts, get_language(), with_areas=False)}
