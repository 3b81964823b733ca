"""Which alerts are current and which pages show them (query logic of the alerts).

Every page renders the banner, so the current alerts are read once per publish,
not once per page view: `banner_alerts()` keeps plain `BannerAlert` records in the
directory's generation cache (directory/cache.py), which an alert's publication
bumps. Expiry is never left to that cache or to a job: the records carry their
`expires` and every render drops those whose time has passed, so an alert
disappears on its own at its end (on a page the front cache holds, within the time
`AlertCacheMiddleware` lets it keep the page: at most until the next expiry).

Matching a page to an area alert uses area *codes*, the same in every language
(translated pages' locations may point at translated areas): an alert for a regional
unit covers its municipalities and communities; a listing filtered by a larger area
(the region) shows the alerts of the places inside it.
"""

import dataclasses
import datetime

from django.conf import settings
from django.utils import timezone

from wagtail.models import Locale

from campaigns.models.alerts import Alert, AlertMessageType, AlertSeverity, AlertStatus
from directory import cache as directory_cache
from directory.models import AdministrativeArea, OrganisationPage, ServiceLocation, ServicePage
from directory.queries import AreaTree

SEVERITY_ORDER = [AlertSeverity.EXTREME, AlertSeverity.SEVERE, AlertSeverity.MODERATE, AlertSeverity.MINOR]
#: Query-string parameters by which a listing is filtered to one area.
AREA_PARAMETERS = ("area", "municipality")


class AlertQuery:
    """The alert messages that are current: newest of their chain and not expired."""

    @staticmethod
    def _newest(now):
        return Alert.objects.filter(next_message__isnull=True, expires__gt=now)

    @classmethod
    def in_feed(cls, now=None):
        """What the CAP feed carries: every newest message, cancellations included, so
        that other systems learn of a cancellation until the alert would have ended."""
        return cls._newest(now or timezone.now()).order_by("-sent").prefetch_related("infos", "areas")

    @classmethod
    def shown(cls, now=None):
        """What the public sees: real alerts (not tests or exercises), not cancelled."""
        return (
            cls._newest(now or timezone.now())
            .filter(status=AlertStatus.ACTUAL)
            .exclude(msg_type=AlertMessageType.CANCEL)
            .order_by("-sent")
            .prefetch_related("infos", "areas", "services")
        )

    @staticmethod
    def by_identifier(identifier):
        return Alert.objects.filter(identifier=identifier).select_related("previous").prefetch_related("infos").first()


@dataclasses.dataclass(frozen=True)
class BannerAlert:
    """What the banner needs of one alert: no model, so it can sit in the shared cache."""

    identifier: str
    severity: str
    sent: datetime.datetime
    onset: datetime.datetime | None
    expires: datetime.datetime
    headlines: dict  # language code → headline
    area_names: dict  # language code → [area names]
    covered_codes: frozenset  # the areas and every area inside them
    enclosing_codes: frozenset  # the areas containing them (a region's listing)
    service_keys: frozenset  # translation keys of the concerned services
    service_page_ids: frozenset = frozenset()  # their pages in every language (search hits carry ids)

    @property
    def site_wide(self):
        return not self.covered_codes

    def headline(self, language):
        return self.headlines.get(language) or self.headlines.get(settings.LANGUAGE_CODE, "")

    def areas_in(self, language):
        return self.area_names.get(language) or self.area_names.get(settings.LANGUAGE_CODE, [])

    @property
    def severity_rank(self):
        return SEVERITY_ORDER.index(self.severity) if self.severity in SEVERITY_ORDER else len(SEVERITY_ORDER)

    def text_language(self, language):
        """The language the headline is actually in (Greek when it has no own text)."""
        return language if language in self.headlines else settings.LANGUAGE_CODE


def _area_names(areas):
    """{language: [display names]} of `areas` (default-language rows), two queries."""
    keys = [a.translation_key for a in areas]
    names = {}
    rows = AdministrativeArea.objects.filter(translation_key__in=keys).select_related("locale")
    by_key = {}
    for row in rows:
        by_key.setdefault(row.locale.language_code, {})[row.translation_key] = row.display_name
    greek = {a.translation_key: a.display_name for a in areas}
    for language, _name in settings.LANGUAGES:
        own = by_key.get(language, {})
        names[language] = [own.get(key) or greek[key] for key in keys]
    return names


def _codes_inside(areas):
    ids = set()
    for area in areas:
        ids |= AreaTree.descendant_ids(area)
    return frozenset(AdministrativeArea.objects.filter(pk__in=ids).values_list("code", flat=True))


def to_banner(alert):
    areas = list(alert.areas.all())
    keys = [service.translation_key for service in alert.services.all()]
    enclosing = {ancestor.code for area in areas for ancestor in area.ancestors()}
    return BannerAlert(
        identifier=alert.identifier,
        severity=alert.severity,
        sent=alert.sent,
        onset=alert.onset,
        expires=alert.expires,
        headlines={info.language: info.headline for info in alert.infos.all()},
        area_names=_area_names(areas) if areas else {},
        covered_codes=_codes_inside(areas) if areas else frozenset(),
        enclosing_codes=frozenset(enclosing),
        service_keys=frozenset(str(key) for key in keys),
        service_page_ids=frozenset(ServicePage.objects.filter(translation_key__in=keys).values_list("pk", flat=True)),
    )


def _build_banner_alerts():
    return [to_banner(alert) for alert in AlertQuery.shown()]


def banner_alerts(now=None):
    """Current public alerts, most severe first; expired ones dropped at every call."""
    now = now or timezone.now()
    alerts = directory_cache.cached("campaigns:alerts", None, _build_banner_alerts)
    current = [a for a in alerts if a.expires > now]
    return sorted(current, key=lambda a: (a.severity_rank, -a.sent.timestamp()))


# --- which page shows which alert -----------------------------------------------------


def _location_codes(locations):
    codes = set()
    for municipality, community in locations.values_list("municipality__code", "community__code"):
        codes.update(c for c in (municipality, community) if c)
    return codes


def page_area_codes(page):
    """Codes of the areas a service or organisation page is located in (public places only)."""
    public = ServiceLocation.objects.filter(confidential=False)
    if isinstance(page, ServicePage):
        return _location_codes(public.filter(page_id=page.pk))
    if isinstance(page, OrganisationPage):
        services = ServicePage.objects.live().descendant_of(page).values("pk")
        return _location_codes(public.filter(page_id__in=services))
    return set()


def _filtered_area(request):
    for name in AREA_PARAMETERS:
        value = request.GET.get(name) if request is not None else None
        if isinstance(value, str) and value.strip():
            return value.strip()[:40]
    return ""


def is_home_page(page):
    """A site's home page (depth 2 in Wagtail's tree: one per language)."""
    return page is not None and getattr(page, "depth", None) == 2


def alerts_for_page(request, page, now=None):
    """The alerts a page shows: site-wide ones everywhere; an area alert on the home
    page, on pages located in its areas, on a listing filtered by one of them; an
    alert on the pages of the services it concerns."""
    alerts = banner_alerts(now)
    if not alerts:
        return []
    if is_home_page(page):
        return alerts
    page_codes = None
    filter_code = _filtered_area(request)
    page_key = str(getattr(page, "translation_key", "")) if page is not None else ""
    shown = []
    for alert in alerts:
        if alert.site_wide or (page_key and page_key in alert.service_keys):
            shown.append(alert)
            continue
        if filter_code and (filter_code in alert.covered_codes or filter_code in alert.enclosing_codes):
            shown.append(alert)
            continue
        if page_codes is None:
            page_codes = page_area_codes(page) if page is not None else set()
        if page_codes & alert.covered_codes:
            shown.append(alert)
    return shown


def alerts_concerning(page, now=None):
    """Alerts that name this service among those they concern: a service page, or a
    search hit (which carries `page_id`)."""
    key = str(getattr(page, "translation_key", "") or "")
    page_id = getattr(page, "page_id", None) or getattr(page, "pk", None)
    return [
        a for a in banner_alerts(now) if (key and key in a.service_keys) or (page_id and page_id in a.service_page_ids)
    ]


# --- publication --------------------------------------------------------------------


def urls_to_refresh(alert):
    """Pages that must show a change of `alert` at once: every language's home page,
    alerts list, the alert's page, the services it concerns and the listings of its
    areas. Other pages follow within the front cache's time (KOINONIA_FRONT_CACHE_SECONDS)."""
    from django.urls import reverse
    from django.utils import translation

    from wagtail.models import Site

    from directory.cache import page_urls_in_every_language
    from directory.models import DirectoryIndexPage

    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else ""
    urls = {root + reverse("alerts_cap_feed")}
    chain = [alert, *alert.references()]
    codes = {area.code for message in chain for area in message.areas.all()}
    for locale in Locale.objects.all():
        with translation.override(locale.language_code):
            urls.add(root + reverse("alerts_list"))
            urls.update(root + reverse("alert_page", args=[m.identifier]) for m in chain)
    for home in _home_pages():
        urls.add(home.get_full_url())
    for index in DirectoryIndexPage.objects.live():
        base = index.get_full_url()
        if base:
            urls.add(base)
            urls.update(f"{base}services/?area={code}" for code in codes)
    services = {s for message in chain for s in message.services.all()}
    for service in services:
        urls |= page_urls_in_every_language(service)
    return {u for u in urls if u}


def _home_pages():
    from wagtail.models import Page

    return Page.objects.filter(depth=2).live()


def alert_changed(alert):
    """After a message is saved: the banner cache is renewed and the front cache refreshed."""
    directory_cache.invalidate()
    directory_cache.purge_front_cache(urls_to_refresh(alert))


def seconds_to_next_expiry(alerts, now=None):
    """Seconds until the first of `alerts` ends (None without alerts)."""
    if not alerts:
        return None
    now = now or timezone.now()
    return max(0, int((min(a.expires for a in alerts) - now).total_seconds()))


class AlertCacheMiddleware:
    """A page showing an alert leaves the front cache no later than the alert ends.

    The banner tag notes on the request how many seconds are left to the first alert
    it showed (alert_tags.EXPIRY_ATTRIBUTE). When that is less than the front cache's
    time, the page is marked `s-maxage` = those seconds (without stale-while-revalidate),
    so an expired alert is gone from cached pages within a second or so of its end.
    Placed inside core.cache_headers.CacheHeadersMiddleware, which keeps a view's own
    Cache-Control only when the page may be shared at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils.cache import patch_cache_control

        from campaigns.templatetags.alert_tags import EXPIRY_ATTRIBUTE
        from core.cache_headers import front_cache_seconds

        response = self.get_response(request)
        seconds = getattr(request, EXPIRY_ATTRIBUTE, None)
        if seconds is not None and seconds < front_cache_seconds() and "Cache-Control" not in response:
            patch_cache_control(response, public=True, max_age=0, s_maxage=max(1, seconds))
        return response
