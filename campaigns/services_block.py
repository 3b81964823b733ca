"""What the services and take-part blocks of a campaign show, read at render time.

The services block asks the directory's own query (`ServiceQuery`) and decorates the
services as the directory's listing does (`directory.cards.decorate_services`), so a
campaign's cards are the same live result cards: a service that closes, moves or is
unpublished after the campaign was written shows so, or disappears, on the campaign.
Services without a translation are shown in Greek at their address in the visitor's
language, as everywhere on the social map.
"""

from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Locale

from campaigns.blocks import SERVICES_BLOCK_MAX_CARDS
from directory.cards import decorate_services
from directory.locale_fallback import url_in_locale
from directory.models import DirectoryIndexPage, ServicePage
from directory.queries import ServiceQuery, localized_queryset

PREFETCH = ("locations__municipality", "schedules", "categories")


def _chosen_services(pages, locale):
    """The chosen services in the visitor's language (or Greek), live ones only, in the editor's order."""
    keys = [page.translation_key for page in pages if page is not None]
    if not keys:
        return []
    found = {}
    for service in localized_queryset(ServicePage, locale).filter(translation_key__in=keys).prefetch_related(*PREFETCH):
        found[service.translation_key] = service
    return [found[key] for key in dict.fromkeys(keys) if key in found]


def services_block_context(value, request):
    locale = Locale.get_active()
    services = _chosen_services(value.get("services") or [], locale)
    codes = [category.code for category in value.get("categories") or [] if category is not None]
    more_url, total = "", len(services)
    if codes:
        in_categories = ServiceQuery(locale).categories(codes)
        chosen = [s.translation_key for s in services]
        others = in_categories.queryset.exclude(translation_key__in=chosen) if chosen else in_categories.queryset
        found = list(ServiceQuery(locale, others).ordered().prefetch_related(*PREFETCH)[:SERVICES_BLOCK_MAX_CARDS])
        services += found
        directory = DirectoryIndexPage.objects.live().filter(locale=locale).first()
        if directory is not None:
            # The social map's own list of these categories, with however many there are.
            total = in_categories.count()
            query = urlencode([("category", code) for code in dict.fromkeys(codes)])
            more_url = f"{directory.get_url(request)}{directory.reverse_subpage('services')}?{query}"
    decorate_services(services, locale)
    return {"services": services, "more_url": more_url, "total": total}


def take_part_context(value, request):
    """The consultation or survey in the visitor's language, with its status and deadline."""
    from consultations.dates import format_deadline
    from consultations.models import ConsultationPage, ConsultationStatus

    page = value.get("page")
    locale = Locale.get_active()
    if page is None:
        return {"target": None}
    target = page.get_translation_or_none(locale) if page.locale_id != locale.pk else page
    if target is None or not target.live:
        target = page if page.live else None
    if target is None:
        return {"target": None}
    target = target.specific
    now = timezone.now()
    if isinstance(target, ConsultationPage):
        status = target.canonical.status_at(now)
        is_open = target.accepts_comments_at(now)
        status_label = ConsultationStatus(status).label
        deadline = target.canonical.ends_at
    else:
        is_open = target.is_open_at(now)
        status_label = _("Open for answers") if is_open else _("Not open for answers")
        deadline = target.closes_at
    return {
        "target": target,
        "target_url": url_in_locale(target, locale, request),
        "target_is_fallback": target.locale_id != locale.pk,
        "target_language": target.locale.language_code,
        "is_open": is_open,
        "status_label": status_label,
        "deadline_text": format_deadline(deadline) if deadline else "",
        "deadline_passed": bool(deadline and deadline <= now),
    }
