"""What a service's result card shows besides the page itself, for any list of services.

The directory's listing, its print view and its map use it, and so do other apps that
show the same live cards (a campaign's services block, campaigns/services_block.py):
one place, so a card looks and behaves the same wherever it appears.
"""

from django.utils import timezone

from core.i18n import localized_names
from directory import hours
from directory.locale_fallback import LocaleUrls
from directory.models import AdministrativeArea
from directory.queries import OrganisationQuery


def decorate_services(services, locale):
    """Attach what result cards show: organisation, municipality names, open status.

    `services` is a list of ServicePage with locations__municipality and schedules
    prefetched; they are changed in place for `locale` (the visitor's language).
    """
    organisations = OrganisationQuery.parents_of(services)
    codes = {loc.municipality.code for s in services for loc in s.locations.all() if loc.municipality_id}
    area_names = localized_names(AdministrativeArea, locale.language_code, codes=codes) if codes else {}
    now = timezone.now()
    for service in services:
        service.organisation_page = organisations.get(service.path[:-4])
        service.municipality_names = sorted(
            {
                area_names.get(loc.municipality.code, loc.municipality.display_name)
                for loc in service.locations.all()
                if loc.municipality_id and not loc.confidential
            }
        )
        service.opening = hours.opening_status(service.schedules.all(), now)
        service.is_fallback = service.locale_id != locale.pk
    # Greek-only services and organisations link to their address in the visitor's language.
    LocaleUrls(locale).reroot([*services, *{o.pk: o for o in organisations.values()}.values()])
