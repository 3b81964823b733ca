"""Load the demo good practices (good-practices.json) as published GoodPracticePage pages.

Good practices are not part of HSDS, so the HSDS importer does not carry them. Each
entry names its organisation by HSDS id, and becomes a child page of the organisation
page with that id. The loader is idempotent so that `make run` can call it every time:
a page is found again by (organisation, slug), and it gets a new revision only when
something in the file differs from the page, so a second run changes nothing (and an
editor's own draft or unpublishing is left alone unless the file itself changed).
"""

import datetime
import json
import logging

from django.db import transaction

from wagtail.models import Locale

from directory.models import AdministrativeArea, GoodPracticePage, OrganisationPage, TargetGroup

logger = logging.getLogger(__name__)


def load_good_practices(path):
    """Create or update the good practices in `path`; returns (created, updated).

    Entries whose organisation is not in the directory (not imported, or rejected by
    the importer) are skipped with a warning rather than failing the whole demo.
    """
    with open(path, encoding="utf-8") as fh:
        entries = json.load(fh)
    locale = Locale.get_default()
    areas = {area.code: area for area in AdministrativeArea.objects.filter(locale=locale)}
    groups = {group.code: group for group in TargetGroup.objects.filter(locale=locale)}
    organisations = {
        str(page.hsds_id): page
        for page in OrganisationPage.objects.filter(
            locale=locale, hsds_id__in=[entry["organization_id"] for entry in entries]
        )
    }
    created = updated = 0
    for entry in entries:
        organisation = organisations.get(entry["organization_id"])
        if organisation is None:
            logger.warning(
                "Good practice %r skipped: no organisation with HSDS id %s", entry["title"], entry["organization_id"]
            )
            continue
        outcome = _load_one(entry, organisation, areas, groups)
        created += outcome == "created"
        updated += outcome == "updated"
    return created, updated


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def _load_one(entry, organisation, areas, groups):
    values = {
        "title": entry["title"],
        "summary": entry["summary"],
        "description": entry["description"],
        "results": entry["results"],
        "period_start": _date(entry["period_start"]),
        "period_end": _date(entry["period_end"]),
        "area": areas.get(entry["area"]),
    }
    target_groups = [groups[code] for code in entry["target_groups"] if code in groups]
    themes = list(entry["themes"])

    page = GoodPracticePage.objects.child_of(organisation).filter(slug=entry["slug"]).first()
    if page is None:
        page = GoodPracticePage(slug=entry["slug"], locale=organisation.locale, live=False, **values)
        organisation.add_child(instance=page)
        outcome = "created"
    elif _differs(page, values, target_groups, themes):
        for name, value in values.items():
            setattr(page, name, value)
        outcome = "updated"
    else:
        return "unchanged"
    page.target_groups.set(target_groups)
    page.themes.set(themes)
    page.save_revision().publish()
    return outcome


def _differs(page, values, target_groups, themes):
    if any(getattr(page, name) != value for name, value in values.items()):
        return True
    if {group.pk for group in page.target_groups.all()} != {group.pk for group in target_groups}:
        return True
    return sorted(page.themes.names()) != sorted(themes)
